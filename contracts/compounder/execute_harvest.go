package main

// Harvest (anyone, at most once per harvest_interval), one transaction:
//
//  1. execute: claim_rewards sub-messages (reply on success) for every delegation of the asset
//     with stake (configured validator or not, deleted from x/staking or not);
//  2. each claim reply adds the claimed coins to the harvest record; the last one, for every routed
//     reward denom with a balance: fee = floor(balance · fee_bps / 10000) (down: depositors keep the
//     dust), offer = balance − fee, simulated on the pair. If the price impact exceeds max_spread,
//     the offer is cut to what max_spread allows (below) and only that part (and its fee) is swapped:
//     the rest stays for the next harvest, so a large balance (a donation, a long pause) never
//     blocks harvests. A spot price worse than the TWAP bound refuses the harvest (manipulation);
//     the swap is sent with belief_price = ceil(offer / simulated return) and max_spread;
//  3. each swap reply measures what came back (asset balance after − before) and requires at least
//     min_receive; the last one restakes on the validator a deposit would choose (vault.target)
//
//	restake = asset balance − owed − (unsettled − still unbonding)     (saturating)
//
//     i.e. the swaps' return, asset-denom rewards, surplus and donations, but never asset that
//     belongs to claims: owed is settled payouts, and unsettled − still unbonding bounds what
//     matured batches not yet settled have received (a slashed entry lists less, so the bound errs
//     on the claimants' side). Without a configured validator that can take stake the asset stays in the
//     contract as surplus for the next harvest.
//
// Cutting the offer. For a constant-product pool with offer x and reserve R of the reward denom,
// spread / (return + commission + spread) = x / (R + x); so the largest offer within max_spread s
// is s · R / (1 − s), and from one simulation (f = spread / ideal > s, R = x · (1 − f) / f):
//
//	offer' = floor(floor(x · (ideal − spread) / spread) · s / (1 − s))      (down: within the bound)
//
// re-simulated, and cut by 1% more while still over (at most maxCuts simulations; then the
// route is skipped this time); fee' = floor(offer' · fee_bps / (10000 − fee_bps)) (the same rate
// on the part swapped, down).
//
// Sandwich bound. The simulation runs in the harvest's own transaction, so it sees whatever price
// a front-runner left in the pool; it cannot be the reference. The reference is the pair's
// time-weighted average price (contracts/pair: a cumulative price, accrued before every reserve
// change and weighted by block time, so a price moved within the harvest's block weighs nothing).
// Every route keeps an observation (cumulative price and seconds of pool liquidity). At harvest:
//
//	window    = liquid_seconds_now − liquid_seconds_obs       must be ≥ twap_window, else refused
//	twap      = floor((cumulative_now − cumulative_obs) mod 2^128 / window)
//	twap_out  = floor(offer · twap / 10^18)                    the offer's worth at the TWAP (down)
//	bound     = twap_out − floor(twap_out · max_spread)        (the cut rounds down: the bound is strict)
//	refused   when return + commission < bound
//	min_receive = max(return − floor(return · max_spread), bound − commission)
//
// Observations: instantiate records one for every route, update_config for every new or
// re-pointed route, a successful harvest for every route it swapped, and `observe` (anyone) for a
// route without one or whose observation is at least 2 · twap_window seconds old. twap_window is
// the security parameter: the reference always averages at least twap_window seconds, so moving
// it by more than max_spread means holding the pool's price off for that long against arbitrage.
// `observe` cannot shorten that (finding 11 of the audit: it can make the window exactly
// twap_window instead of the time since the last harvest, which is the documented guarantee;
// TestObserveCannotShortenTheTwapWindow). Choose twap_window so that holding the price off by
// max_spread for that long costs more than a harvest is worth.
//
// Failure policy: a harvest with nothing to swap and nothing to restake, or whose spot price is
// below the TWAP bound, fails with an error; the transaction reverts as a whole (the rewards stay
// claimable, no fee is taken, the interval is not consumed). Reward denoms without a route are
// never swapped and stay in the contract until a route is configured.

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// maxCuts bounds the simulations of one route in a harvest.
const maxCuts = 5

func harvest(deps *std.Deps, env std.Env, cfg Config) (std.Response, error) {
	h, _, err := history.MayLoad(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if n := len(h.Harvests); n > 0 {
		next := std.Timestamp(h.Harvests[n-1].Time).PlusSeconds(cfg.HarvestInterval)
		if env.Block.Time < next {
			return std.Response{}, withDetail("", ErrHarvestTooEarly, " "+uintString(uint64(next))+" (Unix ns)")
		}
	}
	if harvesting.Exists(deps.Storage) {
		return std.Response{}, ErrHarvestInProgress
	}
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	done, err := delistCompletion(deps, env, cfg, v, true)
	if err != nil {
		return std.Response{}, err
	}
	if v.staked.IsZero() && done == 0 {
		return std.Response{}, ErrNothingStaked
	}
	resp := std.Response{}.WithAttribute("action", "harvest")
	var n uint32
	for _, s := range v.stakes {
		if s.Amount.IsZero() {
			continue // no delegation: the chain refuses a claim
		}
		sub := std.NewSubMsg(replyClaim, alliance.ClaimRewardsMsg(s.Validator, cfg.AssetDenom), std.ReplySuccess)
		sub.Payload = []byte(s.Validator)
		resp = resp.WithSubMessage(sub)
		n++
	}
	if n == 0 { // delisted and wound down: the rewards were paid with the wind-down
		return startSwaps(deps, env, Harvesting{}, resp)
	}
	if err := harvesting.Save(deps.Storage, Harvesting{ClaimsLeft: n, Staked: v.staked}); err != nil {
		return std.Response{}, err
	}
	return resp, nil
}

func replyClaimed(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	res, err := alliance.ClaimRewardsResult(r)
	if err != nil {
		return std.Response{}, err
	}
	h, err := harvesting.Load(deps.Storage)
	if err != nil {
		return std.Response{}, ErrClaimReplyOutside
	}
	var got []Coin
	for _, c := range res.Rewards {
		a, err := std.ParseUint128(c.Amount)
		if err != nil {
			return std.Response{}, withCause(ErrClaimedAmount, err)
		}
		if a.IsZero() {
			continue
		}
		coin := Coin{Denom: c.Denom, Amount: a}
		got = append(got, coin)
		if h.Claimed, err = addCoin(h.Claimed, coin); err != nil {
			return std.Response{}, err
		}
	}
	if h.ClaimsLeft == 0 {
		return std.Response{}, ErrUnexpectedClaimReply
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
		sim, ok, err := fitOffer(deps, cfg, rt, &offer)
		if err != nil {
			return std.Response{}, err
		}
		if !ok {
			continue // too small to return anything, or no part fits max_spread: kept for a later harvest
		}
		if offer.Lt(bal.Amount.SaturatingSub(fee)) {
			// Cut: the fee on the part swapped, at the same rate; 10000 − fee_bps >= 8000.
			if fee, err = offer.MulDivFloor(feeBps, std.NewUint128(bpsDenom-uint64(cfg.FeeBps))); err != nil {
				return std.Response{}, err
			}
			if offer.SaturatingAdd(fee).Gt(bal.Amount) {
				fee = bal.Amount.SaturatingSub(offer) // cannot happen: offer' + fee' <= offer + fee
			}
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
			return std.Response{}, withDetail("swap of "+offer.String()+rt.Denom+" at the spot price gives "+gross.String()+
				" before fees, below "+bound.String()+" ", ErrBelowTwap, "")
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
			h.Fees = append(h.Fees, Coin{Denom: rt.Denom, Amount: fee})
		}
		swap, err := std.WasmExecuteMsg(rt.Pair, pairmsg.ExecuteMsg{Swap: &pairmsg.SwapMsg{OfferAsset: pairmsg.NativeAsset(rt.Denom, offer),
			BeliefPrice: &belief, MaxSpread: &cfg.MaxSpread}}.Encoder(), std.Coin{Denom: rt.Denom, Amount: offer})
		if err != nil {
			return std.Response{}, err
		}
		resp = resp.WithSubMessage(std.NewSubMsg(replySwap, swap, std.ReplySuccess))
		h.Swaps = append(h.Swaps, PendingSwap{Denom: rt.Denom, Offer: offer, MinReceive: minReceive, Oracle: oracle})
	}
	if len(h.Swaps) == 0 {
		return finishHarvest(deps, env, cfg, h, resp)
	}
	return resp, harvesting.Save(deps.Storage, h)
}

// fitOffer simulates *offer on the route's pair and, while the price impact exceeds max_spread,
// cuts it (file comment). It returns the simulation of the final offer and false when
// nothing should be swapped (the return is 0, or no cut fits within maxCuts simulations).
func fitOffer(deps *std.Deps, cfg Config, rt Route, offer *std.Uint128) (pairmsg.SimulationResponse, bool, error) {
	one := std.DecimalOne().Atomics()
	s := cfg.MaxSpread.Atomics()
	for i := 0; i < maxCuts; i++ {
		if offer.IsZero() {
			return pairmsg.SimulationResponse{}, false, nil
		}
		var sim pairmsg.SimulationResponse
		if err := deps.Querier.QueryWasmSmart(rt.Pair, pairmsg.QueryMsg{Simulation: &pairmsg.SimulationQuery{OfferAsset: pairmsg.NativeAsset(rt.Denom, *offer)}}.Encoder(), sim.Decoder()); err != nil {
			return sim, false, withDetail("", ErrSimulation, " "+offer.String()+rt.Denom+" on "+rt.Pair+": "+err.Error())
		}
		if sim.ReturnAmount.IsZero() {
			return sim, false, nil
		}
		// Price impact: spread against the no-impact amount (return + commission + spread).
		ideal := sim.ReturnAmount.SaturatingAdd(sim.CommissionAmount).SaturatingAdd(sim.SpreadAmount)
		allowed, err := ideal.MulFloor(cfg.MaxSpread)
		if err != nil {
			return sim, false, err
		}
		if !sim.SpreadAmount.Gt(allowed) {
			return sim, true, nil
		}
		prev := *offer
		// spread > allowed >= 0, and 1 − s >= 0.5: both denominators are positive.
		next, err := prev.MulDivFloor(ideal.SaturatingSub(sim.SpreadAmount), sim.SpreadAmount)
		if err == nil {
			next, err = next.MulDivFloor(s, one.SaturatingSub(s))
		}
		// The first product is about the pool's reserve (x · (1 − f) / f ≈ R), so it fits in 128
		// bits; should a pair's answer make it overflow, the 1% cut below takes over.
		if err != nil {
			next = prev
		}
		if i > 0 || !next.Lt(prev) {
			// Rounding kept it over: 1% less than the smaller of the two (down).
			cut, _ := prev.Min(next).MulDivFloor(std.NewUint128(99), std.NewUint128(100))
			next = cut
		}
		*offer = next
	}
	return pairmsg.SimulationResponse{}, false, nil
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
		return zero, Observation{}, withDetail("", ErrNoObservation, " "+rt.Denom+" on "+rt.Pair+
			": call observe, then harvest after twap_window seconds")
	}
	now, err := readOracle(deps, env, cfg.AssetDenom, rt)
	if err != nil {
		return zero, Observation{}, err
	}
	twap, window, err := twapSince(obs, now)
	if err != nil {
		return zero, Observation{}, err
	}
	if window < cfg.TwapWindow {
		return zero, Observation{}, withDetail("price observation for "+rt.Denom+" ", ErrObservationTooRecent, ": "+uintString(window)+
			" s of pool liquidity since it, twap_window is "+uintString(cfg.TwapWindow)+" s; harvest refused, nothing lost")
	}
	now.Price = twap
	// floor: the offer's worth at the TWAP, in asset units.
	twapOut, err := offer.MulDivFloor(twap, priceScale)
	if err != nil {
		return zero, Observation{}, withDetail("", ErrTwapValue, " "+offer.String()+rt.Denom+": "+err.Error())
	}
	if twapOut.IsZero() {
		// A zero reference would bound nothing: refuse rather than swap unprotected.
		return zero, Observation{}, withDetail("", ErrTwapValue, " "+offer.String()+rt.Denom+" is 0: no reference price; harvest refused, nothing lost")
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
		return std.Response{}, ErrSwapReplyOutside
	}
	if int(h.NextSwap) >= len(h.Swaps) {
		return std.Response{}, ErrUnexpectedSwapReply
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
		return std.Response{}, ErrAssetBalanceFell
	}
	if got.Lt(sw.MinReceive) {
		return std.Response{}, withDetail("swap of "+sw.Offer.String()+sw.Denom+" returned "+got.String()+", ", ErrSwapShort, " "+sw.MinReceive.String())
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
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	bk := v.book
	// Once the asset is delisted the chain takes no stake: the swaps' return stays for the
	// holders' exit (surplus, so settlement does not count it as a batch's).
	delisted := delisting.Exists(deps.Storage)
	var restake std.Uint128
	if !delisted {
		if restake, err = freeAsset(deps, env, cfg, bk); err != nil {
			return std.Response{}, err
		}
	}
	if restake.IsZero() && len(h.Swaps) == 0 {
		return std.Response{}, ErrNothingToHarvest
	}
	val := ""
	if !restake.IsZero() {
		if err := v.survey(deps, env, cfg, false); err != nil {
			return std.Response{}, err
		}
		val = v.target(cfg)
	}
	newStaked := v.staked
	if val != "" {
		resp = resp.WithMessage(alliance.DelegateMsg(val, std.Coin{Denom: cfg.AssetDenom, Amount: restake}))
		if newStaked, err = newStaked.CheckedAdd(restake); err != nil {
			return std.Response{}, err
		}
		bk.Surplus = std.Uint128{}
	} else if delisted {
		if bk.Surplus, err = bk.Surplus.CheckedAdd(h.Received); err != nil {
			return std.Response{}, err
		}
		val = "none"
	} else {
		// No validator can take stake: keep it, owed to nobody, for the next harvest.
		bk.Surplus = restake
		val = "none"
	}
	if err := book.Save(deps.Storage, bk); err != nil {
		return std.Response{}, err
	}
	rs, err := v.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	rate := std.DecimalOne()
	if !rs.IsZero() {
		// floor: the reported rate never overstates a share.
		if rate, err = std.DecimalFromRatioFloor(newStaked, rs); err != nil {
			return std.Response{}, err
		}
	}
	hist, _, err := history.MayLoad(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	hist.Harvests = append(hist.Harvests, HarvestRecord{Time: uint64(env.Block.Time), Rate: rate})
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
	restaked := restake
	if val == "none" {
		restaked = std.Uint128{}
	}
	return resp.WithEvent(std.NewEvent("compounder-harvest").
		WithAttribute("claimed", coinsString(h.Claimed)).
		WithAttribute("fee", coinsString(h.Fees)).
		WithAttribute("received", h.Received.String()+cfg.AssetDenom).
		WithAttribute("restaked", restaked.String()+cfg.AssetDenom).
		WithAttribute("validator", val).
		WithAttribute("total_staked", newStaked.String()).
		WithAttribute("exchange_rate", rate.String())), nil
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
		o, err := readOracle(deps, env, cfg.AssetDenom, rt)
		if err != nil {
			return std.Response{}, err
		}
		if found && obs.Pair == rt.Pair {
			// The TWAP of the window this reading closes: deposits fall back to it while the
			// next window is short (routeWorth).
			if o.Price, _, err = twapSince(obs, o); err != nil {
				return std.Response{}, err
			}
		}
		if err := observations.Save(deps.Storage, rt.Denom, o); err != nil {
			return std.Response{}, err
		}
		resp = resp.WithAttribute("observed", rt.Denom)
		n++
	}
	if n == 0 {
		return std.Response{}, withDetail("", ErrNothingToObserve, " ("+uintString(stale)+" s)")
	}
	return resp, nil
}
