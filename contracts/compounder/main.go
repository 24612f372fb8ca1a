// Command compounder is an auto-compounding vault for one alliance asset. Depositors' stake grows
// without any action of theirs: anyone may call `harvest` (at most once per harvest_interval),
// which claims the alliance rewards from every validator, takes the performance fee, swaps the
// rest into the staked asset through the configured Astroport-style pair and restakes what came
// back. Built with TinyGo to contracts/artifacts/compounder.wasm.
//
// Shares. total_staked is read from the chain (the alliance delegation of every configured
// validator), so slashing and the take rate show up in the exchange rate at once.
//
//	deposit:  shares = floor(amount · total_shares / total_staked)    (down: existing holders keep the dust)
//	first:    shares = amount − 1000; 1000 shares are minted to nobody (first-depositor protection:
//	          inflating the price of one share to steal a later deposit's rounding would cost
//	          the attacker 1000× the theft)
//	withdraw: amount = floor(shares · total_staked / total_shares)    (down: remaining holders keep the dust)
//
// Harvest, one transaction:
//
//  1. execute: claim_rewards sub-messages (reply on success) for every validator with stake;
//  2. each claim reply adds the claimed coins (from the msg response) to the harvest record; the
//     last one, for every routed reward denom with a balance: fee = floor(balance · fee_bps /
//  10000. (down: depositors keep the dust) to the fee recipient; the rest is simulated on the
//     pair; a price impact over max_spread fails the harvest (see below), and so does a spot price
//     worse than the time-weighted reference price (below); the swap is sent with
//     belief_price = ceil(offer / simulated return) and max_spread, as a sub-message with reply;
//  3. each swap reply measures what actually came back (asset balance after − before) and
//     requires at least min_receive (below); the last one restakes everything received on the
//     validator with the least stake, records the new exchange rate and stores the oracle
//     readings of the swapped routes as their new observations.
//
// Sandwich bound. The simulation runs in the harvest's own transaction, so it sees whatever price
// a front-runner left in the pool; it cannot be the reference. The reference is the pair's
// time-weighted average price (contracts/pair: a cumulative price, accrued before every reserve
// change and weighted by block time, so a price moved within the harvest's block weighs nothing).
// Every route keeps an observation (cumulative price and seconds of pool liquidity). At harvest:
//
//	window    = liquid_seconds_now − liquid_seconds_obs       must be ≥ twap_window, else refused
//	twap      = floor((cumulative_now − cumulative_obs) mod 2^128 / window)   (10^-18 asset per reward
//	            unit; floor: lenient by under 10^-18 per unit, the next floor dominates)
//	twap_out  = floor(offer · twap / 10^18)                    the offer's worth at the TWAP (down)
//	bound     = twap_out − floor(twap_out · max_spread)        (the cut rounds down: the bound is strict)
//	refused   when return + commission < bound                 (spot price and own impact together
//	                                                            worse than the TWAP by over max_spread)
//	min_receive = max(return − floor(return · max_spread), bound − commission)
//
// so a front-run that moves the price against the harvest by more than max_spread makes it fail
// (the attacker keeps only the two swap fees paid), and one within max_spread can take no more than
// max_spread of the TWAP value. Observations: instantiate records one for every route, update_config
// for every new or re-pointed route, a successful harvest for every route it swapped, and `observe`
// (anyone) for any route without one or whose observation is at least 2 · twap_window seconds old
// (a long-stale TWAP can drift from a legitimately moved price; refreshing it means the next
// harvest waits twap_window again, so refreshes cannot be abused for more than that delay). First
// harvest: the instantiate observation counts, so it is possible once the pool has had twap_window
// seconds of liquidity after instantiation; in the same block (zero elapsed time) it is refused.
//
// Failure policy: a harvest with nothing to swap, or whose swap would exceed max_spread, fails
// with an error. The transaction reverts as a whole: the rewards stay claimable in the alliance
// module, no fee is taken, the interval is not consumed, and nothing is lost. Reward denoms
// without a route are never swapped and stay in the contract until a route is configured.
//
// Withdrawals undelegate pro-rata across validators (each floor(amount · stake_i / total), the
// remainder one token at a time in validator order) as sub-messages whose replies record the
// completion time and the claim's amount (what was undelegated).
//
// Claims and slashing. The chain slashes unbonding entries that are still immature, so what comes
// back can be less than a claim's amount; paying the amount would take the difference from other
// claimants or from the vault. So claims are settled in batches before they are paid. Every
// `claim` first settles all matured, unsettled claims (of every owner) together:
//
//	refused   while the chain still lists an unbonding entry of the contract whose completion time
//	          has passed (the chain pays entries at the end of the block: try the next block)
//	received  = asset balance − owed − surplus           what came back since the last settlement
//	expected  = Σ amount of the batch                    (> 0: every amount is positive)
//	paid      = min(received, expected)
//	payout_i  = floor(amount_i · paid / expected)        (down: the dust stays with the contract)
//	owed     += Σ payout_i;  surplus += received − Σ payout_i
//
// then pays the caller's settled claims and lowers owed by as much. So payouts never exceed what
// came back, and never the recorded amounts; a slash is shared pro rata by the claims that matured
// with it (a batch's claims are split across validators in proportion to the stakes at their
// withdrawal, so a slash hits them alike up to those proportions). Surplus is never paid out.
// Asset that reaches the contract other than by unbonding (a donation, asset-denom rewards paid on
// a delegation change) between two settlements is counted as received for the next batch: it can
// make up that batch's shortfall but never pay any claim more than its amount.
package main

import (
	"errors"
	"math/bits"

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
	nextClaimID = std.NewItem[std.Uint128]("next_claim_id")
	claims      = std.NewMap[std.Pair[string, uint64], Claim]("claims", std.PairKey(std.StringKey, std.Uint64Key))
	// unsettled indexes the claims not yet settled: id → owner.
	unsettled = std.NewMap[uint64, claimOwner]("unsettled", std.Uint64Key)
	claimBook = std.NewItem[ClaimBook]("claim_book")
	// observations hold each route's last oracle reading, by reward denom.
	observations = std.NewMap[string, Observation]("observations", std.StringKey)
)

const (
	// MaxFeeBps caps the performance fee at 20%.
	MaxFeeBps     = 2000
	bpsDenom      = 10_000
	MinimumShares = 1000
	// MaxValidators bounds the per-call work (a query and possibly a message per validator).
	MaxValidators = 20
	MaxRoutes     = 5
	maxHistory    = 5
	maxClaims     = 30
	secondsInYear = 365 * 24 * 3600
	// MaxTwapWindow is 30 days.
	MaxTwapWindow = 30 * 24 * 3600

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
	if len(c.Validators) == 0 || len(c.Validators) > MaxValidators {
		return errors.New("validators: between 1 and 20 are required")
	}
	for i, v := range c.Validators {
		if v == "" {
			return errors.New("validators: empty address")
		}
		for _, w := range c.Validators[:i] {
			if w == v {
				return errors.New("validators: " + v + " listed twice")
			}
		}
	}
	if len(c.Routes) > MaxRoutes {
		return errors.New("routes: at most 5")
	}
	for i, rt := range c.Routes {
		if rt.Denom == "" {
			return errors.New("routes: empty denom")
		}
		if rt.Denom == c.AssetDenom {
			return errors.New("routes: the staked asset itself cannot be a route")
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

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	cfg := msg.Config
	if cfg.Owner == "" {
		cfg.Owner = info.Sender
	}
	if err := validateConfig(deps.API, &cfg); err != nil {
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	if err := totalShares.Save(deps.Storage, std.Uint128{}); err != nil {
		return std.Response{}, err
	}
	// The first observations: the first harvest needs twap_window seconds of liquidity after them.
	for _, rt := range cfg.Routes {
		if err := observeRoute(deps, env, cfg.AssetDenom, rt); err != nil {
			return std.Response{}, err
		}
	}
	return std.Response{}.WithAttribute("action", "instantiate").WithAttribute("asset", cfg.AssetDenom), nil
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
		return withdraw(deps, env, info, cfg, *msg.Withdraw)
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
	}
	return std.Response{}, errors.New("no execute variant set")
}

// stakes returns the contract's delegation of the asset to every configured validator and their sum.
func stakes(deps *std.Deps, env std.Env, cfg Config) ([]std.Uint128, std.Uint128, error) {
	out := make([]std.Uint128, len(cfg.Validators))
	var total std.Uint128
	for i, v := range cfg.Validators {
		a, err := alliance.QueryDelegationAmount(deps.Querier, cfg.AssetDenom, env.Contract.Address, v)
		if err != nil {
			return nil, total, errors.New("delegation query for " + v + ": " + err.Error())
		}
		out[i] = a
		if total, err = total.CheckedAdd(a); err != nil {
			return nil, total, err
		}
	}
	return out, total, nil
}

// leastStaked returns the index of the validator with the smallest stake (the first on ties).
func leastStaked(st []std.Uint128) int {
	best := 0
	for i, a := range st {
		if a.Lt(st[best]) {
			best = i
		}
	}
	return best
}

func deposit(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config) (std.Response, error) {
	if len(info.Funds) != 1 || info.Funds[0].Denom != cfg.AssetDenom || info.Funds[0].Amount.IsZero() {
		return std.Response{}, errors.New("deposit exactly one coin: a positive amount of " + cfg.AssetDenom)
	}
	amount := info.Funds[0].Amount
	st, staked, err := stakes(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	supply, err := totalShares.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	var minted, newSupply std.Uint128
	if supply.IsZero() {
		min := std.NewUint128(MinimumShares)
		if !amount.Gt(min) {
			return std.Response{}, errors.New("first deposit must exceed 1000 (1000 shares are locked forever)")
		}
		minted, _ = amount.CheckedSub(min)
		newSupply = amount
	} else {
		if staked.IsZero() {
			return std.Response{}, errors.New("the vault has shares but no stake (slashed to zero): deposits are refused")
		}
		// floor: the depositor, not the existing holders, absorbs the rounding.
		if minted, err = amount.MulDivFloor(supply, staked); err != nil {
			return std.Response{}, err
		}
		if minted.IsZero() {
			return std.Response{}, errors.New("deposit too small: it would mint 0 shares")
		}
		if newSupply, err = supply.CheckedAdd(minted); err != nil {
			return std.Response{}, err
		}
	}
	if err := totalShares.Save(deps.Storage, newSupply); err != nil {
		return std.Response{}, err
	}
	if _, err := balances.Update(deps.Storage, info.Sender, func(b std.Uint128, _ bool) (std.Uint128, error) {
		return b.CheckedAdd(minted)
	}); err != nil {
		return std.Response{}, err
	}
	v := cfg.Validators[leastStaked(st)]
	return std.Response{}.
		WithAttribute("action", "deposit").
		WithAttribute("depositor", info.Sender).
		WithAttribute("amount", amount.String()).
		WithAttribute("shares", minted.String()).
		WithAttribute("validator", v).
		WithMessage(alliance.DelegateMsg(v, std.Coin{Denom: cfg.AssetDenom, Amount: amount})), nil
}

func withdraw(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config, shares std.Uint128) (std.Response, error) {
	if shares.IsZero() {
		return std.Response{}, errors.New("shares must be positive")
	}
	have, _, err := balances.MayLoad(deps.Storage, info.Sender)
	if err != nil {
		return std.Response{}, err
	}
	if shares.Gt(have) {
		return std.Response{}, errors.New("insufficient shares: have " + have.String() + ", withdrawing " + shares.String())
	}
	supply, err := totalShares.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	st, staked, err := stakes(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	// floor: the remaining holders keep the dust. supply >= have >= shares > 0.
	amount, err := shares.MulDivFloor(staked, supply)
	if err != nil {
		return std.Response{}, err
	}
	if amount.IsZero() {
		return std.Response{}, errors.New("withdrawal too small: the shares are worth 0 tokens")
	}
	// Pro-rata split: floor(amount · stake_i / staked) each (staked > 0 since amount > 0), then the
	// remainder (< number of validators) one token at a time where stake is left.
	parts := make([]std.Uint128, len(st))
	var sum std.Uint128
	for i, s := range st {
		if parts[i], err = amount.MulDivFloor(s, staked); err != nil {
			return std.Response{}, err
		}
		sum = sum.SaturatingAdd(parts[i])
	}
	rest := amount.SaturatingSub(sum)
	one := std.NewUint128(1)
	for i := range parts {
		if rest.IsZero() {
			break
		}
		if st[i].Gt(parts[i]) {
			parts[i] = parts[i].SaturatingAdd(one)
			rest = rest.SaturatingSub(one)
		}
	}
	if !rest.IsZero() {
		std.Abort("withdraw split left a remainder") // amount <= staked makes this impossible
	}
	left, _ := have.CheckedSub(shares)
	if left.IsZero() {
		balances.Remove(deps.Storage, info.Sender)
	} else if err := balances.Save(deps.Storage, info.Sender, left); err != nil {
		return std.Response{}, err
	}
	newSupply, _ := supply.CheckedSub(shares)
	if err := totalShares.Save(deps.Storage, newSupply); err != nil {
		return std.Response{}, err
	}
	n := 0
	it := std.PrefixRange(deps.Storage, claims, info.Sender, std.Ascending)
	for it.Next() {
		n++
	}
	if err := it.Err(); err != nil {
		return std.Response{}, err
	}
	if n >= maxClaims {
		return std.Response{}, errors.New("too many pending claims: claim matured ones first")
	}
	idU, _, err := nextClaimID.MayLoad(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	id, _ := idU.Uint64()
	id++
	if err := nextClaimID.Save(deps.Storage, std.NewUint128(id)); err != nil {
		return std.Response{}, err
	}
	if err := claims.Save(deps.Storage, std.Pair[string, uint64]{A: info.Sender, B: id}, Claim{ID: id, Amount: amount}); err != nil {
		return std.Response{}, err
	}
	if err := unsettled.Save(deps.Storage, id, claimOwner(info.Sender)); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.
		WithAttribute("action", "withdraw").
		WithAttribute("owner", info.Sender).
		WithAttribute("shares", shares.String()).
		WithAttribute("amount", amount.String()).
		WithAttribute("claim_id", uintString(id))
	payload := []byte(info.Sender + "/" + uintString(id))
	for i, p := range parts {
		if p.IsZero() {
			continue
		}
		sub := std.NewSubMsg(replyUndelegate, alliance.UndelegateMsg(cfg.Validators[i], std.Coin{Denom: cfg.AssetDenom, Amount: p}), std.ReplySuccess)
		sub.Payload = payload
		resp = resp.WithSubMessage(sub)
	}
	return resp, nil
}

func claim(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config) (std.Response, error) {
	book, err := settle(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	var total std.Uint128
	var done []uint64
	it := std.PrefixRange(deps.Storage, claims, info.Sender, std.Ascending)
	for it.Next() {
		c := it.Value()
		if !c.Settled {
			continue
		}
		if total, err = total.CheckedAdd(c.Payout); err != nil {
			return std.Response{}, err
		}
		done = append(done, it.Key())
	}
	if err := it.Err(); err != nil {
		return std.Response{}, err
	}
	if len(done) == 0 {
		return std.Response{}, errors.New("nothing to claim yet")
	}
	for _, id := range done {
		claims.Remove(deps.Storage, std.Pair[string, uint64]{A: info.Sender, B: id})
	}
	if book.Owed, err = book.Owed.CheckedSub(total); err != nil {
		return std.Response{}, errors.New("claim book: payouts exceed what is owed")
	}
	if err := claimBook.Save(deps.Storage, book); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.
		WithAttribute("action", "claim").
		WithAttribute("owner", info.Sender).
		WithAttribute("amount", total.String())
	if !total.IsZero() { // a claim whose entries were slashed to nothing pays nothing
		resp = resp.WithMessage(std.BankSendMsg(info.Sender, std.Coin{Denom: cfg.AssetDenom, Amount: total}))
	}
	return resp, nil
}

// maxUnbondingPages bounds the unbonding query of settle.
const maxUnbondingPages = 16

// settle settles every matured, unsettled claim as one batch (package comment) and returns the
// claim book after it.
func settle(deps *std.Deps, env std.Env, cfg Config) (ClaimBook, error) {
	book, _, err := claimBook.MayLoad(deps.Storage)
	if err != nil {
		return book, err
	}
	type due struct {
		key std.Pair[string, uint64]
		c   Claim
	}
	var batch []due
	it := unsettled.Range(deps.Storage, nil, nil, std.Ascending)
	for it.Next() {
		k := std.Pair[string, uint64]{A: string(it.Value()), B: it.Key()}
		c, err := claims.Load(deps.Storage, k)
		if err != nil {
			return book, err
		}
		if c.ReleaseAt == 0 || c.ReleaseAt > env.Block.Time {
			continue
		}
		batch = append(batch, due{k, c})
	}
	if err := it.Err(); err != nil {
		return book, err
	}
	if len(batch) == 0 {
		return book, nil
	}
	// Every entry due by now must have been paid, or the balance does not show it yet.
	if _, err := alliance.QueryUnbonding(deps.Querier, env.Contract.Address, cfg.AssetDenom, uint64(env.Block.Time), true, maxUnbondingPages); err != nil {
		return book, err
	}
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, cfg.AssetDenom)
	if err != nil {
		return book, err
	}
	held, err := book.Owed.CheckedAdd(book.Surplus)
	if err != nil {
		return book, err
	}
	received, err := bal.Amount.CheckedSub(held)
	if err != nil {
		return book, errors.New("claim book: the asset balance is below what is owed")
	}
	// payout_i = floor(amount_i · min(received, expected) / expected) (alliance.ShareReceived).
	amounts := make([]std.Uint128, len(batch))
	for i, d := range batch {
		amounts[i] = d.c.Amount
	}
	rest, err := alliance.ShareReceived(amounts, received)
	if err != nil {
		return book, err
	}
	var sum std.Uint128
	for i, d := range batch {
		d.c.Payout, d.c.Settled = amounts[i], true
		sum = sum.SaturatingAdd(amounts[i]) // <= received
		if err := claims.Save(deps.Storage, d.key, d.c); err != nil {
			return book, err
		}
		unsettled.Remove(deps.Storage, d.key.B)
	}
	if book.Owed, err = book.Owed.CheckedAdd(sum); err != nil {
		return book, err
	}
	if book.Surplus, err = book.Surplus.CheckedAdd(rest); err != nil {
		return book, err
	}
	return book, claimBook.Save(deps.Storage, book)
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

func updateConfig(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config, u *UpdateConfigMsg) (std.Response, error) {
	if info.Sender != cfg.Owner {
		return std.Response{}, errors.New("unauthorized: only the owner may update the config")
	}
	oldRoutes := cfg.Routes
	if u.Owner != nil {
		cfg.Owner = *u.Owner
	}
	if u.FeeBps != nil {
		cfg.FeeBps = *u.FeeBps
	}
	if u.FeeRecipient != nil {
		cfg.FeeRecipient = *u.FeeRecipient
	}
	if u.HarvestInterval != nil {
		cfg.HarvestInterval = *u.HarvestInterval
	}
	if u.MaxSpread != nil {
		cfg.MaxSpread = *u.MaxSpread
	}
	if u.TwapWindow != nil {
		cfg.TwapWindow = *u.TwapWindow
	}
	if u.Routes != nil {
		cfg.Routes = *u.Routes
	}
	if err := validateConfig(deps.API, &cfg); err != nil {
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	// Observations follow the routes: dropped routes lose theirs, new or re-pointed ones get a
	// fresh one (their first harvest waits twap_window), unchanged ones keep theirs.
	for _, o := range oldRoutes {
		kept := false
		for _, n := range cfg.Routes {
			kept = kept || n.Denom == o.Denom
		}
		if !kept {
			observations.Remove(deps.Storage, o.Denom)
		}
	}
	for _, rt := range cfg.Routes {
		obs, found, err := observations.MayLoad(deps.Storage, rt.Denom)
		if err != nil {
			return std.Response{}, err
		}
		if found && obs.Pair == rt.Pair {
			continue
		}
		if err := observeRoute(deps, env, cfg.AssetDenom, rt); err != nil {
			return std.Response{}, err
		}
	}
	return std.Response{}.WithAttribute("action", "update_config"), nil
}

// observe records an observation for every route without one, re-pointed, or whose observation is
// at least 2 · twap_window seconds old (package comment); anyone may call it.
func observe(deps *std.Deps, env std.Env, cfg Config) (std.Response, error) {
	now := env.Block.Time.Seconds()
	stale := 2 * cfg.TwapWindow // <= 2 · MaxTwapWindow: no overflow
	resp := std.Response{}.WithAttribute("action", "observe")
	n := 0
	for _, rt := range cfg.Routes {
		obs, found, err := observations.MayLoad(deps.Storage, rt.Denom)
		if err != nil {
			return std.Response{}, err
		}
		if found && obs.Pair == rt.Pair && (obs.Time >= now || now-obs.Time < stale) {
			continue
		}
		if err := observeRoute(deps, env, cfg.AssetDenom, rt); err != nil {
			return std.Response{}, err
		}
		resp = resp.WithAttribute("observed", rt.Denom)
		n++
	}
	if n == 0 {
		return std.Response{}, errors.New("nothing to observe: every route has an observation younger than 2 × twap_window (" +
			uintString(stale) + " s)")
	}
	return resp, nil
}

// ---- harvest ----

func harvest(deps *std.Deps, env std.Env, cfg Config) (std.Response, error) {
	h, _, err := history.MayLoad(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if n := len(h.Harvests); n > 0 {
		next := h.Harvests[n-1].Time.PlusSeconds(cfg.HarvestInterval)
		if env.Block.Time < next {
			return std.Response{}, errors.New("harvest too early: the next one is allowed at " + uintString(uint64(next)) + " (Unix ns)")
		}
	}
	if harvesting.Exists(deps.Storage) {
		return std.Response{}, errors.New("a harvest is already in progress")
	}
	st, staked, err := stakes(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	if staked.IsZero() {
		return std.Response{}, errors.New("nothing to harvest: nothing is staked")
	}
	resp := std.Response{}.WithAttribute("action", "harvest")
	var n uint32
	for i, s := range st {
		if s.IsZero() {
			continue // no delegation: the chain refuses a claim
		}
		sub := std.NewSubMsg(replyClaim, alliance.ClaimRewardsMsg(cfg.Validators[i], cfg.AssetDenom), std.ReplySuccess)
		sub.Payload = []byte(cfg.Validators[i])
		resp = resp.WithSubMessage(sub)
		n++
	}
	if err := harvesting.Save(deps.Storage, Harvesting{ClaimsLeft: n, Staked: staked}); err != nil {
		return std.Response{}, err
	}
	return resp, nil
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

func replyUndelegated(deps *std.Deps, r std.Reply) (std.Response, error) {
	res, err := alliance.UndelegateResult(r)
	if err != nil {
		return std.Response{}, err
	}
	p := string(r.Payload)
	slash := -1
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			slash = i
			break
		}
	}
	if slash < 0 {
		return std.Response{}, errors.New("bad undelegate payload")
	}
	id, ok := parseUint64(p[slash+1:])
	if !ok {
		return std.Response{}, errors.New("bad undelegate payload")
	}
	key := std.Pair[string, uint64]{A: p[:slash], B: id}
	c, err := claims.Load(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	if t := std.Timestamp(res.CompletionTime); t > c.ReleaseAt {
		c.ReleaseAt = t
	}
	if err := claims.Save(deps.Storage, key, c); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("claim_id", uintString(id)).WithAttribute("release_at", uintString(uint64(c.ReleaseAt))), nil
}

func parseUint64(s string) (uint64, bool) {
	if s == "" || len(s) > 19 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + uint64(s[i]-'0')
	}
	return v, true
}

func replyClaimed(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	res, err := alliance.ClaimRewardsResult(r)
	if err != nil {
		return std.Response{}, err
	}
	h, err := harvesting.Load(deps.Storage)
	if err != nil {
		return std.Response{}, errors.New("claim reply outside a harvest")
	}
	var got []std.Coin
	for _, c := range res.Rewards {
		a, err := std.ParseUint128(c.Amount)
		if err != nil {
			return std.Response{}, errors.New("claimed amount: " + err.Error())
		}
		if a.IsZero() {
			continue
		}
		coin := std.Coin{Denom: c.Denom, Amount: a}
		got = append(got, coin)
		if h.Claimed, err = addCoin(h.Claimed, coin); err != nil {
			return std.Response{}, err
		}
	}
	if h.ClaimsLeft == 0 {
		return std.Response{}, errors.New("unexpected claim reply")
	}
	h.ClaimsLeft--
	resp := std.Response{}.WithEvent(std.NewEvent("compounder-claim").
		WithAttribute("validator", string(r.Payload)).
		WithAttribute("claimed", coinsString(got)))
	if h.ClaimsLeft > 0 {
		return resp, harvesting.Save(deps.Storage, h)
	}
	return startSwaps(deps, env, h, resp)
}

// startSwaps runs after the last claim: fee and swap for every routed reward denom held.
func startSwaps(deps *std.Deps, env std.Env, h Harvesting, resp std.Response) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	self := env.Contract.Address
	assetBal, err := deps.Querier.QueryBalance(self, cfg.AssetDenom)
	if err != nil {
		return std.Response{}, err
	}
	h.AssetMark = assetBal.Amount
	feeBps := std.NewUint128(uint64(cfg.FeeBps))
	for _, rt := range cfg.Routes {
		bal, err := deps.Querier.QueryBalance(self, rt.Denom)
		if err != nil {
			return std.Response{}, err
		}
		if bal.Amount.IsZero() {
			continue
		}
		// floor: the depositors keep the dust of the fee.
		fee, err := bal.Amount.MulDivFloor(feeBps, std.NewUint128(bpsDenom))
		if err != nil {
			return std.Response{}, err
		}
		offer, _ := bal.Amount.CheckedSub(fee) // fee <= balance since fee_bps <= 10000
		if offer.IsZero() {
			continue
		}
		var sim simulationResponse
		if err := deps.Querier.QueryWasmSmart(rt.Pair, simulationQuery{Denom: rt.Denom, Amount: offer}, &sim); err != nil {
			return std.Response{}, errors.New("simulation of " + offer.String() + rt.Denom + " on " + rt.Pair + ": " + err.Error())
		}
		if sim.ReturnAmount.IsZero() {
			continue // too small to swap yet: kept for a later harvest, and no fee is taken on it
		}
		// Price impact: spread against the no-impact amount (return + commission + spread).
		ideal := sim.ReturnAmount.SaturatingAdd(sim.CommissionAmount).SaturatingAdd(sim.SpreadAmount)
		allowed, err := ideal.MulFloor(cfg.MaxSpread)
		if err != nil {
			return std.Response{}, err
		}
		if sim.SpreadAmount.Gt(allowed) {
			return std.Response{}, errors.New("swap of " + offer.String() + rt.Denom + " would exceed max_spread: spread " +
				sim.SpreadAmount.String() + " > " + allowed.String() + " allowed; harvest refused, rewards stay claimable")
		}
		bound, oracle, err := twapBound(deps, env, cfg, rt, offer)
		if err != nil {
			return std.Response{}, err
		}
		gross, err := sim.ReturnAmount.CheckedAdd(sim.CommissionAmount)
		if err != nil {
			return std.Response{}, err
		}
		if gross.Lt(bound) {
			return std.Response{}, errors.New("swap of " + offer.String() + rt.Denom + " at the spot price gives " + gross.String() +
				" before fees, below " + bound.String() + " (the TWAP value less max_spread): harvest refused, rewards stay claimable")
		}
		// min_receive: the larger of return − floor(return · max_spread) = ceil(return · (1 −
		// max_spread)) and bound − commission (>= 0 and <= return, since gross >= bound).
		cut, err := sim.ReturnAmount.MulFloor(cfg.MaxSpread)
		if err != nil {
			return std.Response{}, err
		}
		minReceive, _ := sim.ReturnAmount.CheckedSub(cut)
		if twapMin := bound.SaturatingSub(sim.CommissionAmount); twapMin.Gt(minReceive) {
			minReceive = twapMin
		}
		// ceil, so the pair's expected = floor(offer / belief) never exceeds the simulated return.
		belief, err := std.DecimalFromRatioCeil(offer, sim.ReturnAmount)
		if err != nil {
			return std.Response{}, err
		}
		if !fee.IsZero() {
			resp = resp.WithMessage(std.BankSendMsg(cfg.FeeRecipient, std.Coin{Denom: rt.Denom, Amount: fee}))
			h.Fees = append(h.Fees, std.Coin{Denom: rt.Denom, Amount: fee})
		}
		swap, err := std.WasmExecuteMsg(rt.Pair, swapMsg{Denom: rt.Denom, Amount: offer, BeliefPrice: belief, MaxSpread: cfg.MaxSpread},
			std.Coin{Denom: rt.Denom, Amount: offer})
		if err != nil {
			return std.Response{}, err
		}
		resp = resp.WithSubMessage(std.NewSubMsg(replySwap, swap, std.ReplySuccess))
		h.Swaps = append(h.Swaps, PendingSwap{Denom: rt.Denom, Offer: offer, MinReceive: minReceive, Oracle: oracle})
	}
	if len(h.Swaps) == 0 {
		return std.Response{}, errors.New("nothing to harvest: no routed rewards to swap")
	}
	return resp, harvesting.Save(deps.Storage, h)
}

// twapBound returns the TWAP bound of the package comment for offer on rt, and the oracle reading
// that becomes the route's next observation.
func twapBound(deps *std.Deps, env std.Env, cfg Config, rt Route, offer std.Uint128) (std.Uint128, Observation, error) {
	var zero std.Uint128
	obs, found, err := observations.MayLoad(deps.Storage, rt.Denom)
	if err != nil {
		return zero, Observation{}, err
	}
	if !found || obs.Pair != rt.Pair {
		return zero, Observation{}, errors.New("no price observation for " + rt.Denom + " on " + rt.Pair +
			": call observe, then harvest after twap_window seconds")
	}
	now, err := readOracle(deps, env, cfg.AssetDenom, rt)
	if err != nil {
		return zero, Observation{}, err
	}
	if now.LiquidSeconds < obs.LiquidSeconds {
		return zero, Observation{}, errors.New("the oracle of " + rt.Pair + " went backwards")
	}
	window := now.LiquidSeconds - obs.LiquidSeconds
	if window < cfg.TwapWindow {
		return zero, Observation{}, errors.New("price observation for " + rt.Denom + " too recent: " + uintString(window) +
			" s of pool liquidity since it, twap_window is " + uintString(cfg.TwapWindow) + " s; harvest refused, nothing lost")
	}
	// floor; window >= twap_window >= 1.
	twap, err := wrappingSub(now.Cumulative, obs.Cumulative).CheckedDiv(std.NewUint128(window))
	if err != nil {
		return zero, Observation{}, err
	}
	// floor: the offer's worth at the TWAP, in asset units.
	twapOut, err := offer.MulDivFloor(twap, priceScale)
	if err != nil {
		return zero, Observation{}, errors.New("TWAP value of " + offer.String() + rt.Denom + ": " + err.Error())
	}
	if twapOut.IsZero() {
		// A zero reference would bound nothing: refuse rather than swap unprotected.
		return zero, Observation{}, errors.New("TWAP value of " + offer.String() + rt.Denom + " is 0: no reference price; harvest refused, nothing lost")
	}
	// floor of the cut: the bound rounds up, against the swap.
	cut, err := twapOut.MulFloor(cfg.MaxSpread)
	if err != nil {
		return zero, Observation{}, err
	}
	bound, _ := twapOut.CheckedSub(cut) // cut <= twap_out since max_spread <= 0.5
	return bound, now, nil
}

func replySwapped(deps *std.Deps, env std.Env) (std.Response, error) {
	h, err := harvesting.Load(deps.Storage)
	if err != nil {
		return std.Response{}, errors.New("swap reply outside a harvest")
	}
	if int(h.NextSwap) >= len(h.Swaps) {
		return std.Response{}, errors.New("unexpected swap reply")
	}
	sw := h.Swaps[h.NextSwap]
	h.NextSwap++
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, cfg.AssetDenom)
	if err != nil {
		return std.Response{}, err
	}
	// What actually came back, whatever the pair reports.
	got, err := bal.Amount.CheckedSub(h.AssetMark)
	if err != nil {
		return std.Response{}, errors.New("asset balance fell during a swap")
	}
	if got.Lt(sw.MinReceive) {
		return std.Response{}, errors.New("swap of " + sw.Offer.String() + sw.Denom + " returned " + got.String() +
			", below the minimum " + sw.MinReceive.String())
	}
	h.AssetMark = bal.Amount
	if h.Received, err = h.Received.CheckedAdd(got); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.WithEvent(std.NewEvent("compounder-swap").
		WithAttribute("offer", sw.Offer.String()+sw.Denom).
		WithAttribute("min_receive", sw.MinReceive.String()).
		WithAttribute("received", got.String()+cfg.AssetDenom))
	if int(h.NextSwap) < len(h.Swaps) {
		return resp, harvesting.Save(deps.Storage, h)
	}
	return finishHarvest(deps, env, cfg, h, resp)
}

func finishHarvest(deps *std.Deps, env std.Env, cfg Config, h Harvesting, resp std.Response) (std.Response, error) {
	st, _, err := stakes(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	v := cfg.Validators[leastStaked(st)]
	resp = resp.WithMessage(alliance.DelegateMsg(v, std.Coin{Denom: cfg.AssetDenom, Amount: h.Received}))
	newStaked, err := h.Staked.CheckedAdd(h.Received)
	if err != nil {
		return std.Response{}, err
	}
	supply, err := totalShares.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	rate := std.DecimalOne()
	if !supply.IsZero() {
		// floor: the reported rate never overstates a share.
		if rate, err = std.DecimalFromRatioFloor(newStaked, supply); err != nil {
			return std.Response{}, err
		}
	}
	hist, _, err := history.MayLoad(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	hist.Harvests = append(hist.Harvests, HarvestRecord{Time: env.Block.Time, Rate: rate})
	if len(hist.Harvests) > maxHistory {
		hist.Harvests = hist.Harvests[len(hist.Harvests)-maxHistory:]
	}
	if err := history.Save(deps.Storage, hist); err != nil {
		return std.Response{}, err
	}
	// The readings taken for this harvest's swaps start the routes' next windows.
	for _, sw := range h.Swaps {
		if err := observations.Save(deps.Storage, sw.Denom, sw.Oracle); err != nil {
			return std.Response{}, err
		}
	}
	harvesting.Remove(deps.Storage)
	return resp.WithEvent(std.NewEvent("compounder-harvest").
		WithAttribute("claimed", coinsString(h.Claimed)).
		WithAttribute("fee", coinsString(h.Fees)).
		WithAttribute("received", h.Received.String()+cfg.AssetDenom).
		WithAttribute("restaked", h.Received.String()+cfg.AssetDenom).
		WithAttribute("validator", v).
		WithAttribute("total_staked", newStaked.String()).
		WithAttribute("exchange_rate", rate.String())), nil
}

// ---- queries ----

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	switch {
	case msg.Config != nil:
		return cfg, nil
	case msg.State != nil:
		_, staked, err := stakes(deps, env, cfg)
		if err != nil {
			return nil, err
		}
		supply, err := totalShares.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		rate := std.DecimalOne()
		if !supply.IsZero() {
			// floor, as above.
			if rate, err = std.DecimalFromRatioFloor(staked, supply); err != nil {
				return nil, err
			}
		}
		hist, _, err := history.MayLoad(deps.Storage)
		if err != nil {
			return nil, err
		}
		s := StateResponse{TotalStaked: staked, TotalShares: supply, ExchangeRate: rate}
		if n := len(hist.Harvests); n > 0 {
			s.LastHarvest = hist.Harvests[n-1].Time
		}
		return s, nil
	case msg.Balance != nil:
		b, _, err := balances.MayLoad(deps.Storage, *msg.Balance)
		return BalanceResponse{Balance: b}, err
	case msg.Position != nil:
		b, _, err := balances.MayLoad(deps.Storage, *msg.Position)
		if err != nil {
			return nil, err
		}
		p := PositionResponse{Shares: b, Claims: []Claim{}}
		if !b.IsZero() {
			_, staked, err := stakes(deps, env, cfg)
			if err != nil {
				return nil, err
			}
			supply, err := totalShares.Load(deps.Storage)
			if err != nil {
				return nil, err
			}
			// floor, as withdraw computes it; supply >= b > 0.
			if p.Value, err = b.MulDivFloor(staked, supply); err != nil {
				return nil, err
			}
		}
		p.Claims, err = userClaims(deps, *msg.Position)
		return p, err
	case msg.Claims != nil:
		cs, err := userClaims(deps, *msg.Claims)
		return ClaimsResponse{Claims: cs}, err
	case msg.Apr != nil:
		hist, _, err := history.MayLoad(deps.Storage)
		if err != nil {
			return nil, err
		}
		return aprEstimate(hist)
	}
	return nil, errors.New("no query variant set")
}

func userClaims(deps *std.Deps, addr string) ([]Claim, error) {
	out := []Claim{}
	it := std.PrefixRange(deps.Storage, claims, addr, std.Ascending)
	for it.Next() {
		out = append(out, it.Value())
	}
	return out, it.Err()
}

// aprEstimate annualises the growth of the exchange rate between the oldest and the newest
// recorded harvest: apr = (rate_new − rate_old) / rate_old · year / elapsed, each step rounded
// down. Fewer than two harvests, or none of them apart in time, give null.
func aprEstimate(h History) (AprResponse, error) {
	n := len(h.Harvests)
	if n < 2 {
		return AprResponse{}, nil
	}
	first, last := h.Harvests[0], h.Harvests[n-1]
	res := AprResponse{From: first.Time, To: last.Time}
	elapsed := (uint64(last.Time) - uint64(first.Time)) / 1_000_000_000
	if last.Time <= first.Time || elapsed == 0 || first.Rate.IsZero() {
		return res, nil
	}
	growth := last.Rate.Atomics().SaturatingSub(first.Rate.Atomics())
	// floor(growth · year / (rate_old · elapsed)) in atomics (10^-18).
	num, err := growth.MulDivFloor(std.NewUint128(secondsInYear), std.NewUint128(elapsed))
	if err != nil {
		return res, err
	}
	apr, err := std.DecimalFromRatioFloor(num, first.Rate.Atomics())
	if err != nil {
		return res, err
	}
	res.Apr = &apr
	return res, nil
}
