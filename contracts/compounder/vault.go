package main

// The vault's stake and share supply, and what the holders own (the price a deposit buys in at).

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// vault is the contract's stake and share supply, read once per call.
type vault struct {
	stakes []alliance.Stake // every delegation of the asset, configured validator or not
	staked std.Uint128      // their sum
	supply std.Uint128      // total_shares: the share denom's bank supply (the 1000 locked shares included)
	book   Book
	// From survey: the configured validators' status, and the rewards pending on every
	// delegation with stake (when asked).
	status  []alliance.ValidatorStake
	pending []Coin
}

func loadVault(deps *std.Deps, env std.Env, cfg Config) (*vault, error) {
	v := &vault{}
	var err error
	// The delegations list does not look validators up, so stake on a validator that x/staking
	// deleted is still read (and withdrawable); one query whatever the number of validators, and
	// stake on validators dropped from the config is counted too.
	if v.stakes, v.staked, err = alliance.QueryStakes(deps.Querier, env.Contract.Address, cfg.AssetDenom, delegationPages); err != nil {
		return nil, withCause(ErrDelegationsQuery, err)
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
			return withCause(ErrStakesQuery, err)
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
					return withCause(ErrRewardsAmount, err)
				}
				if v.pending, err = addCoin(v.pending, Coin{Denom: c.Denom, Amount: a}); err != nil {
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

func coinAmount(cs []Coin, denom string) std.Uint128 {
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
//     schedule), that TWAP plus max_spread, rounded up: no pair query (its cost: README, "Gas"),
//     and a price move since the observation lowers the worth only if it exceeds max_spread;
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
		return zero, withDetail("", ErrNoObservation, " "+rt.Denom+": the vault's rewards cannot be priced; call observe, deposit in the next block")
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
			return zero, withDetail("no reference price for "+rt.Denom+" ", ErrNoPriceYet, "")
		}
	}
	// floor, as harvest takes it; fee_bps <= 2000.
	fee, err := amount.MulDivFloor(std.NewUint128(uint64(cfg.FeeBps)), std.NewUint128(bpsDenom))
	if err != nil {
		return zero, err
	}
	return amount.SaturatingSub(fee).MulDivCeil(price, priceScale)
}
func addCoin(cs []Coin, c Coin) ([]Coin, error) {
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
func coinsString(cs []Coin) string {
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
