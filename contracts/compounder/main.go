// Command compounder is an auto-compounding vault for one alliance asset. Depositors' stake grows
// without any action of theirs: anyone may call `harvest` (at most once per harvest_interval),
// which claims the alliance rewards of every delegation, takes the performance fee, swaps the rest
// into the staked asset through the configured Astroport-style pair and restakes what came back,
// together with rewards paid in the asset itself and any idle asset. Built with TinyGo to
// contracts/artifacts/compounder.wasm; README.md documents every message and query.
//
// Shares. total_staked is read from the chain (the contract's alliance delegations of the asset,
// listed without naming validators, so a validator x/staking deleted cannot make the read fail),
// so slashing and the take rate show up in the exchange rate at once. Shares queued for withdrawal
// still own their part of the stake until their batch is processed:
//
//	rate supply = total_shares + queued_shares
//	deposit:  shares = floor(amount · rate supply / value)  (down: existing holders keep the dust)
//	          value = total_staked + free asset + rewards pending or held, routed ones at a TWAP
//	          (vault.value): a deposit buys no part of rewards earned before it
//	first:    shares = amount − 1000; 1000 shares are minted to nobody (first-depositor protection)
//	process:  undelegated = floor(queued · total_staked / rate supply)  (down: remaining holders keep the dust)
//
// Withdrawals are batched (withdrawals.go): `withdraw` only queues shares in the open batch;
// `process_withdrawals` (anyone, once per unbond_epoch) undelegates the batch's value, largest
// stakes first, one unbonding entry per validator touched. The chain keeps at most max_entries
// immature entries per (delegator, validator, denom) for unbonding_time, so unbond_epoch ·
// max_entries > unbonding_time is required (checked against the chain's staking_params at
// instantiate and on every config change), and any number of users leave in one unbonding period.
// Batches are settled against what the chain actually returned (slashes of unbonding entries are
// shared pro rata), every due batch at once, and `claim` pays settled batches.
//
// Harvest (harvest.go) is one transaction of sub-messages: claims, then fee + swap per route
// (bounded by max_spread and the pair's TWAP; a balance too large for one swap within max_spread
// is swapped in part and the rest kept for the next harvest), then one restake.
package main

import (
	"errors"
	"math/bits"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func init() {
	std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query), std.OnReply(reply))
}

func main() {}

var (
	config      = std.NewItem[Config]("config")
	totalShares = std.NewItem[std.Uint128]("total_shares")
	balances    = std.NewMap[string, std.Uint128]("balances", std.StringKey)
	history     = std.NewItem[History]("history")
	harvesting  = std.NewItem[Harvesting]("harvesting")
	book        = std.NewItem[Book]("book")
	// batches are the processed withdrawal batches by id (removed when their last claim is paid).
	batches = std.NewMap[uint64, Batch]("batches", std.Uint64Key)
	// pending indexes the processed batches not yet settled (id → undelegated); at most
	// MaxUnsettledBatches, so settling walks a bounded set.
	pending = std.NewMap[uint64, std.Uint128]("pending", std.Uint64Key)
	// claims are the owners' queued shares by (owner, batch id).
	claims = std.NewMap[std.Pair[string, uint64], std.Uint128]("claims", std.PairKey(std.StringKey, std.Uint64Key))
	// observations hold each route's last oracle reading, by reward denom.
	observations = std.NewMap[string, Observation]("observations", std.StringKey)
)

const (
	// MaxFeeBps caps the performance fee at 20%.
	MaxFeeBps     = 2000
	bpsDenom      = 10_000
	MinimumShares = 1000
	// MaxValidators bounds the configured validators (a message per validator at most).
	MaxValidators = 20
	MaxRoutes     = 5
	maxHistory    = 5
	// maxClaims bounds one owner's claims (one per batch): claim matured ones to queue again.
	maxClaims     = 30
	secondsInYear = 365 * 24 * 3600
	// MaxTwapWindow is 30 days.
	MaxTwapWindow = 30 * 24 * 3600
	// MaxUnbondEpoch is 30 days.
	MaxUnbondEpoch = 30 * 24 * 3600
	// MaxUnsettledBatches bounds the processed batches waiting for settlement. With unbond_epoch ·
	// max_entries > unbonding_time at most max_entries batches unbond at once; the bound only
	// bites after governance lengthened the unbonding time a lot (process waits for settlements).
	MaxUnsettledBatches = 32
	// delegationPages and unbondingPages bound the list queries (bt.MaxPageLimit entries a page).
	delegationPages = 3
	unbondingPages  = 16
	nsPerSecond     = 1_000_000_000

	replyClaim      = 1
	replySwap       = 2
	replyUndelegate = 3
)

var (
	maxAllowedSpread = mustDecimal("0.5")
	// priceScale is 10^18: the pair's prices are in 10^-18 units.
	priceScale = std.NewUint128(1_000_000_000_000_000_000)
)

// wrappingSub returns (a − b) mod 2^128, the increase of a wrapping cumulative price.
func wrappingSub(a, b std.Uint128) std.Uint128 {
	ah, al := a.Parts()
	bh, bl := b.Parts()
	lo, borrow := bits.Sub64(al, bl, 0)
	hi, _ := bits.Sub64(ah, bh, borrow)
	return std.Uint128FromParts(hi, lo)
}

// readOracle queries the route's pair for its cumulative prices and returns the reading for the
// reward denom priced in the asset, stamped with the block time.
func readOracle(deps *std.Deps, env std.Env, assetDenom string, rt Route) (Observation, error) {
	var c cumulativePricesResponse
	if err := deps.Querier.QueryWasmSmart(rt.Pair, cumulativePricesQuery{}, &c); err != nil {
		return Observation{}, errors.New("cumulative prices of " + rt.Pair + ": " + err.Error())
	}
	for i := 0; i < 2; i++ {
		if c.Denoms[i] == rt.Denom && c.Denoms[1-i] == assetDenom {
			return Observation{Pair: rt.Pair, Cumulative: c.Cumulative[i], LiquidSeconds: c.LiquidSeconds, Time: env.Block.Time.Seconds()}, nil
		}
	}
	return Observation{}, errors.New("pair " + rt.Pair + " does not trade " + rt.Denom + " for " + assetDenom)
}

// observeRoute records a fresh observation for rt.
func observeRoute(deps *std.Deps, env std.Env, assetDenom string, rt Route) error {
	o, err := readOracle(deps, env, assetDenom, rt)
	if err != nil {
		return err
	}
	return observations.Save(deps.Storage, rt.Denom, o)
}

func mustDecimal(s string) std.Decimal {
	d, err := std.ParseDecimal(s)
	if err != nil {
		std.Abort("bad decimal constant " + s)
	}
	return d
}

func validateConfig(api std.API, c *Config) error {
	if c.AssetDenom == "" {
		return errors.New("asset_denom must not be empty")
	}
	if err := validateValidators(c.Validators); err != nil {
		return err
	}
	if len(c.Routes) > MaxRoutes {
		return errors.New("routes: at most 5")
	}
	for i, rt := range c.Routes {
		if rt.Denom == "" {
			return errors.New("routes: empty denom")
		}
		if rt.Denom == c.AssetDenom {
			return errors.New("routes: the staked asset itself cannot be a route (asset rewards are restaked as they are)")
		}
		if err := api.AddrValidate(rt.Pair); err != nil {
			return errors.New("routes: invalid pair address for " + rt.Denom + ": " + err.Error())
		}
		for _, o := range c.Routes[:i] {
			if o.Denom == rt.Denom {
				return errors.New("routes: " + rt.Denom + " routed twice")
			}
		}
	}
	if c.FeeBps > MaxFeeBps {
		return errors.New("fee_bps may not exceed 2000 (20%)")
	}
	if err := api.AddrValidate(c.FeeRecipient); err != nil {
		return errors.New("invalid fee_recipient: " + err.Error())
	}
	if err := api.AddrValidate(c.Owner); err != nil {
		return errors.New("invalid owner: " + err.Error())
	}
	if c.MaxSpread.Cmp(maxAllowedSpread) > 0 {
		return errors.New("max_spread may not exceed 0.5")
	}
	if c.TwapWindow == 0 || c.TwapWindow > MaxTwapWindow {
		return errors.New("twap_window: between 1 and 2592000 seconds (30 days) is required")
	}
	return nil
}

func validateValidators(vals []string) error {
	if len(vals) == 0 || len(vals) > MaxValidators {
		return errors.New("validators: between 1 and 20 are required")
	}
	for i, v := range vals {
		if v == "" {
			return errors.New("validators: empty address")
		}
		for _, w := range vals[:i] {
			if w == v {
				return errors.New("validators: " + v + " listed twice")
			}
		}
	}
	return nil
}

// checkEpoch sets a zero unbond_epoch to the shortest the chain allows and refuses one that could
// meet the chain's unbonding entry cap: a batch every epoch leaves at most max_entries entries
// per validator immature iff epoch · max_entries > unbonding_time (the entry from max_entries
// epochs ago then matured in an earlier block).
func checkEpoch(deps *std.Deps, c *Config) error {
	p, err := alliance.QueryStakingParams(deps.Querier)
	if err != nil {
		return errors.New("staking params: " + err.Error())
	}
	if p.MaxEntries == 0 {
		return errors.New("the chain allows no unbonding entries (max_entries 0)")
	}
	shortest := p.UnbondingTime/uint64(p.MaxEntries) + 1 // floor + 1 > unbonding_time / max_entries
	if c.UnbondEpoch == 0 {
		c.UnbondEpoch = shortest
	}
	if c.UnbondEpoch > MaxUnbondEpoch {
		return errors.New("unbond_epoch may not exceed 2592000 seconds (30 days)")
	}
	if !alliance.EpochFitsEntries(c.UnbondEpoch, p) {
		return errors.New("unbond_epoch " + uintString(c.UnbondEpoch) + " s is too short: the chain keeps at most " +
			uintString(uint64(p.MaxEntries)) + " unbonding entries per validator for " + uintString(p.UnbondingTime) +
			" s, so unbond_epoch · max_entries must exceed the unbonding time (at least " + uintString(shortest) + " s)")
	}
	return nil
}

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	cfg := msg.Config
	if cfg.Owner == "" {
		cfg.Owner = info.Sender
	}
	if err := validateConfig(deps.API, &cfg); err != nil {
		return std.Response{}, err
	}
	if err := checkEpoch(deps, &cfg); err != nil {
		return std.Response{}, err
	}
	// The chain refuses a malformed validator address, or one listed twice in another spelling,
	// in the stakes query every deposit and harvest sends: refuse it now, not on every deposit.
	v := &vault{}
	if err := v.survey(deps, env, cfg, false); err != nil {
		return std.Response{}, errors.New("validators: " + err.Error())
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	if err := totalShares.Save(deps.Storage, std.Uint128{}); err != nil {
		return std.Response{}, err
	}
	if err := book.Save(deps.Storage, Book{BatchStart: uint64(env.Block.Time)}); err != nil {
		return std.Response{}, err
	}
	// The first observations: the first harvest needs twap_window seconds of liquidity after them.
	for _, rt := range cfg.Routes {
		if err := observeRoute(deps, env, cfg.AssetDenom, rt); err != nil {
			return std.Response{}, err
		}
	}
	return std.Response{}.WithAttribute("action", "instantiate").WithAttribute("asset", cfg.AssetDenom).
		WithAttribute("unbond_epoch", uintString(cfg.UnbondEpoch)), nil
}

func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if msg.Deposit == nil && len(info.Funds) > 0 {
		return std.Response{}, errors.New("only deposit accepts funds")
	}
	switch {
	case msg.Deposit != nil:
		return deposit(deps, env, info, cfg)
	case msg.Withdraw != nil:
		return withdraw(deps, info, *msg.Withdraw)
	case msg.ProcessWithdrawals != nil:
		return processWithdrawals(deps, env, cfg)
	case msg.Claim != nil:
		return claim(deps, env, info, cfg)
	case msg.Harvest != nil:
		return harvest(deps, env, cfg)
	case msg.Observe != nil:
		return observe(deps, env, cfg)
	case msg.Transfer != nil:
		return transfer(deps, info, msg.Transfer)
	case msg.UpdateConfig != nil:
		return updateConfig(deps, env, info, cfg, msg.UpdateConfig)
	case msg.TransferOwnership != nil:
		return transferOwnership(deps, info, cfg, *msg.TransferOwnership)
	case msg.AcceptOwnership != nil:
		return acceptOwnership(deps, info, cfg)
	case msg.CancelOwnership != nil:
		return cancelOwnership(deps, info, cfg)
	}
	return std.Response{}, errors.New("no execute variant set")
}

// vault is the contract's stake and share supply, read once per call.
type vault struct {
	stakes []alliance.Stake // every delegation of the asset, configured validator or not
	staked std.Uint128      // their sum
	supply std.Uint128      // total_shares (holders' balances and the 1000 locked shares)
	book   Book
	// From survey: the configured validators' status, and the rewards pending on every
	// delegation with stake (when asked).
	status  []alliance.ValidatorStake
	pending []std.Coin
}

func loadVault(deps *std.Deps, env std.Env, cfg Config) (*vault, error) {
	v := &vault{}
	var err error
	// The delegations list does not look validators up, so stake on a validator that x/staking
	// deleted is still read (and withdrawable); one query whatever the number of validators, and
	// stake on validators dropped from the config is counted too.
	if v.stakes, v.staked, err = alliance.QueryStakes(deps.Querier, env.Contract.Address, cfg.AssetDenom, delegationPages); err != nil {
		return nil, errors.New("delegations query: " + err.Error())
	}
	if v.supply, err = totalShares.Load(deps.Storage); err != nil {
		return nil, err
	}
	if v.book, err = book.Load(deps.Storage); err != nil {
		return nil, err
	}
	return v, nil
}

// rateSupply is the share count the stake is divided by: holders' shares and queued shares.
func (v *vault) rateSupply() (std.Uint128, error) { return v.supply.CheckedAdd(v.book.Queued) }

func (v *vault) stakeOf(val string) std.Uint128 {
	for _, s := range v.stakes {
		if s.Validator == val {
			return s.Amount
		}
	}
	return std.Uint128{}
}

// survey asks the chain, in one stakes query (one per bt.MaxStakesValidators validators), for the
// status of every configured validator and, with rewards, for the rewards pending on every
// delegation with stake (configured validator or not: harvest claims them all). The cost grows
// with the configured validators and the contract's delegations, never with the chain's
// validator set.
func (v *vault) survey(deps *std.Deps, env std.Env, cfg Config, rewards bool) error {
	vals := append([]string(nil), cfg.Validators...)
	if rewards {
		for _, s := range v.stakes { // at most delegationPages pages
			if !s.Amount.IsZero() && !contains(vals, s.Validator) {
				vals = append(vals, s.Validator)
			}
		}
	}
	for len(vals) > 0 {
		n := len(vals)
		if n > bt.MaxStakesValidators {
			n = bt.MaxStakesValidators
		}
		got, _, err := alliance.QueryValidatorStakes(deps.Querier, bt.StakesRequest{Delegator: env.Contract.Address, Denom: cfg.AssetDenom,
			Validators: vals[:n], Status: len(v.status) < len(cfg.Validators), Rewards: rewards})
		if err != nil {
			return errors.New("stakes query: " + err.Error())
		}
		for _, s := range got {
			if len(v.status) < len(cfg.Validators) {
				v.status = append(v.status, s)
			}
			if s.Rewards == nil || v.stakeOf(s.Validator).IsZero() {
				continue // no stake (none, or worthless): harvest claims nothing there
			}
			for _, c := range s.Rewards {
				a, err := std.ParseUint128(c.Amount)
				if err != nil {
					return errors.New("rewards amount: " + err.Error())
				}
				if v.pending, err = addCoin(v.pending, std.Coin{Denom: c.Denom, Amount: a}); err != nil {
					return err
				}
			}
		}
		vals = vals[n:]
	}
	return nil
}

// target returns the configured validator with the least stake (the first on ties) that can take
// new stake and earns with it, or "" when none does: it must be in the chain's bonded set (a
// jailed or inactive one accepts stake that earns nothing; a deleted one refuses it), and the
// contract's delegation there must not be worth nothing (x/alliance refuses new stake on such a
// pool). It needs the statuses of survey.
func (v *vault) target(cfg Config) string {
	best := ""
	var least std.Uint128
	for i, val := range cfg.Validators {
		if i >= len(v.status) || !v.status[i].Earning() || v.worthless(val) {
			continue
		}
		if s := v.stakeOf(val); best == "" || s.Lt(least) {
			best, least = val, s
		}
	}
	return best
}

// worthless says whether the contract holds a delegation on val that is worth nothing.
func (v *vault) worthless(val string) bool {
	for _, s := range v.stakes {
		if s.Validator == val {
			return s.Amount.IsZero()
		}
	}
	return false
}

// freeAsset is the asset the contract holds that belongs to the holders, what the next harvest
// restakes: balance − owed − (unsettled − still unbonding), saturating. Owed is settled payouts;
// unsettled − still unbonding bounds what matured batches not yet settled have received (a
// slashed entry lists less, so the bound errs on the claimants' side). It is surplus, asset-denom
// rewards already paid in, the swaps' return and donations.
func freeAsset(deps *std.Deps, env std.Env, cfg Config, bk Book) (std.Uint128, error) {
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, cfg.AssetDenom)
	if err != nil {
		return std.Uint128{}, err
	}
	var arrived std.Uint128
	if !bk.Unsettled.IsZero() {
		inFlight, err := alliance.QueryUnbonding(deps.Querier, env.Contract.Address, cfg.AssetDenom, 0, false, unbondingPages)
		if err != nil {
			return std.Uint128{}, err
		}
		arrived = bk.Unsettled.SaturatingSub(inFlight)
	}
	return bal.Amount.SaturatingSub(bk.Owed).SaturatingSub(arrived), nil
}

// value is everything the holders own, in the asset: the price a deposit buys in at (README,
// "Deposit price"). A deposit must not buy a part of rewards earned before it, so besides the
// stake it counts the free asset (freeAsset), the asset-denom rewards pending on every delegation
// (survey with rewards), and each route's reward denom, pending and held, at routeWorth. Reward denoms without a route
// count nothing: no harvest turns them into the asset until the owner adds a route.
//
// incoming is the deposit itself: the chain moves a call's funds to the contract before it runs,
// so the balance already holds them.
func (v *vault) value(deps *std.Deps, env std.Env, cfg Config, incoming std.Uint128) (std.Uint128, error) {
	free, err := freeAsset(deps, env, cfg, v.book)
	if err != nil {
		return std.Uint128{}, err
	}
	total, err := v.staked.CheckedAdd(free.SaturatingSub(incoming))
	if err != nil {
		return total, err
	}
	if total, err = total.CheckedAdd(coinAmount(v.pending, cfg.AssetDenom)); err != nil {
		return total, err
	}
	for _, rt := range cfg.Routes {
		held, err := deps.Querier.QueryBalance(env.Contract.Address, rt.Denom)
		if err != nil {
			return total, err
		}
		amount, err := held.Amount.CheckedAdd(coinAmount(v.pending, rt.Denom))
		if err != nil {
			return total, err
		}
		if amount.IsZero() {
			continue
		}
		w, err := routeWorth(deps, env, cfg, rt, amount)
		if err != nil {
			return total, err
		}
		if total, err = total.CheckedAdd(w); err != nil {
			return total, err
		}
	}
	return total, nil
}

func coinAmount(cs []std.Coin, denom string) std.Uint128 {
	for _, c := range cs {
		if c.Denom == denom {
			return c.Amount
		}
	}
	return std.Uint128{}
}

// routeWorth values amount of a route's reward denom in the asset for a deposit, in favour of the
// holders (a higher worth mints the depositor fewer shares):
//
//	worth = ceil((amount − floor(amount · fee_bps / 10000)) · price / 10^18)
//
// i.e. net of the fee a harvest takes (floor, as harvest takes it), rounded up, with no deduction
// for the swap's commission or price impact. The price is a TWAP, never the spot price a
// front-runner can move within a block:
//
//   - while the route's observation carries the TWAP its harvest (or observe) measured over at
//     least twap_window and is younger than harvest_interval + twap_window (harvests run on
//     schedule), that TWAP plus max_spread, rounded up: no pair query (one costs a deposit about
//     68,000 gas), and a price move since the observation lowers the worth only if it exceeds
//     max_spread;
//   - otherwise (no harvest yet, or harvests stalled) the pair's TWAP since the observation; in
//     the observation's own block no pool second has passed and there is no price: refused, the
//     next block prices it.
func routeWorth(deps *std.Deps, env std.Env, cfg Config, rt Route, amount std.Uint128) (std.Uint128, error) {
	var zero std.Uint128
	obs, found, err := observations.MayLoad(deps.Storage, rt.Denom)
	if err != nil {
		return zero, err
	}
	if !found || obs.Pair != rt.Pair {
		return zero, errors.New("no price observation for " + rt.Denom + ": the vault's rewards cannot be priced; call observe, deposit in the next block")
	}
	var price std.Uint128
	fresh := obs.Time + cfg.TwapWindow // <= 30 days: no overflow
	if fresh += cfg.HarvestInterval; fresh < cfg.HarvestInterval {
		fresh = ^uint64(0)
	}
	if !obs.Price.IsZero() && env.Block.Time.Seconds() < fresh {
		// up: in favour of the holders.
		up, err := obs.Price.MulDivCeil(cfg.MaxSpread.Atomics(), priceScale)
		if err != nil {
			return zero, err
		}
		if price, err = obs.Price.CheckedAdd(up); err != nil {
			return zero, err
		}
	} else {
		now, err := readOracle(deps, env, cfg.AssetDenom, rt)
		if err != nil {
			return zero, err
		}
		var window uint64
		if price, window, err = twapSince(obs, now); err != nil {
			return zero, err
		}
		if window == 0 {
			return zero, errors.New("no reference price for " + rt.Denom + " yet (its price observation is from this block): deposit in the next block")
		}
	}
	// floor, as harvest takes it; fee_bps <= 2000.
	fee, err := amount.MulDivFloor(std.NewUint128(uint64(cfg.FeeBps)), std.NewUint128(bpsDenom))
	if err != nil {
		return zero, err
	}
	return amount.SaturatingSub(fee).MulDivCeil(price, priceScale)
}

func deposit(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config) (std.Response, error) {
	if len(info.Funds) != 1 || info.Funds[0].Denom != cfg.AssetDenom || info.Funds[0].Amount.IsZero() {
		return std.Response{}, errors.New("deposit exactly one coin: a positive amount of " + cfg.AssetDenom)
	}
	amount := info.Funds[0].Amount
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	rs, err := v.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// Rewards matter only when there are holders to own them.
	if err := v.survey(deps, env, cfg, !rs.IsZero()); err != nil {
		return std.Response{}, err
	}
	var minted, newSupply, value std.Uint128
	if rs.IsZero() {
		min := std.NewUint128(MinimumShares)
		if !amount.Gt(min) {
			return std.Response{}, errors.New("first deposit must exceed 1000 (1000 shares are locked forever)")
		}
		minted, _ = amount.CheckedSub(min)
		newSupply = amount
	} else {
		if value, err = v.value(deps, env, cfg, amount); err != nil {
			return std.Response{}, err
		}
		if value.IsZero() {
			return std.Response{}, errors.New("the vault has shares but owns nothing (slashed to zero): deposits are refused")
		}
		// floor: the depositor, not the existing holders, absorbs the rounding.
		if minted, err = amount.MulDivFloor(rs, value); err != nil {
			return std.Response{}, err
		}
		if minted.IsZero() {
			return std.Response{}, errors.New("deposit too small: it would mint 0 shares")
		}
		if newSupply, err = v.supply.CheckedAdd(minted); err != nil {
			return std.Response{}, err
		}
	}
	val := v.target(cfg)
	if val == "" {
		return std.Response{}, errors.New("no configured validator can take stake (none is in the bonded set with a delegation worth something): deposits wait until the owner updates the validators")
	}
	if err := totalShares.Save(deps.Storage, newSupply); err != nil {
		return std.Response{}, err
	}
	if _, err := balances.Update(deps.Storage, info.Sender, func(b std.Uint128, _ bool) (std.Uint128, error) {
		return b.CheckedAdd(minted)
	}); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.
		WithAttribute("action", "deposit").
		WithAttribute("depositor", info.Sender).
		WithAttribute("amount", amount.String()).
		WithAttribute("shares", minted.String()).
		WithAttribute("validator", val).
		WithAttribute("value", value.String()).
		WithMessage(alliance.DelegateMsg(val, std.Coin{Denom: cfg.AssetDenom, Amount: amount})), nil
}

func transfer(deps *std.Deps, info std.MessageInfo, t *TransferMsg) (std.Response, error) {
	if err := deps.API.AddrValidate(t.Recipient); err != nil {
		return std.Response{}, errors.New("invalid recipient: " + err.Error())
	}
	if t.Amount.IsZero() {
		return std.Response{}, errors.New("amount must be positive")
	}
	have, _, err := balances.MayLoad(deps.Storage, info.Sender)
	if err != nil {
		return std.Response{}, err
	}
	if t.Amount.Gt(have) {
		return std.Response{}, errors.New("insufficient shares: have " + have.String() + ", transferring " + t.Amount.String())
	}
	left, _ := have.CheckedSub(t.Amount)
	if left.IsZero() {
		balances.Remove(deps.Storage, info.Sender)
	} else if err := balances.Save(deps.Storage, info.Sender, left); err != nil {
		return std.Response{}, err
	}
	if _, err := balances.Update(deps.Storage, t.Recipient, func(b std.Uint128, _ bool) (std.Uint128, error) {
		return b.CheckedAdd(t.Amount)
	}); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "transfer").WithAttribute("from", info.Sender).
		WithAttribute("to", t.Recipient).WithAttribute("amount", t.Amount.String()), nil
}

func addCoin(cs []std.Coin, c std.Coin) ([]std.Coin, error) {
	for i := range cs {
		if cs[i].Denom == c.Denom {
			s, err := cs[i].Amount.CheckedAdd(c.Amount)
			cs[i].Amount = s
			return cs, err
		}
	}
	return append(cs, c), nil
}

// coinsString writes "100stake,5uatom", or "none" (an attribute value must not be empty).
func coinsString(cs []std.Coin) string {
	if len(cs) == 0 {
		return "none"
	}
	s := ""
	for i, c := range cs {
		if i > 0 {
			s += ","
		}
		s += c.Amount.String() + c.Denom
	}
	return s
}

func reply(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	if r.Result.Ok == nil {
		return std.Response{}, errors.New("sub-message failed: " + r.Result.Err)
	}
	switch r.ID {
	case replyClaim:
		return replyClaimed(deps, env, r)
	case replySwap:
		return replySwapped(deps, env)
	case replyUndelegate:
		return replyUndelegated(deps, r)
	}
	return std.Response{}, errors.New("unknown reply id")
}
