package main

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// The asset delisted by governance (README.md, "Delisting"). The chain undelegates every
// delegation of the asset into unbonding entries that complete at the asset's
// delist_completion_time, pays their rewards, refuses new stake (x/alliance error 63) and, once
// the entries are paid, removes the asset: from then on it answers no query about it. The
// contract learns of it from the chain (watchDelisting, removedAsset), stops taking deposits and
// unbonds, and after the completion settles what came back (settle) into a pot that exit pays
// out pro rata to shares.

// noStakes is a zero stake, of no known status, on each of vals.
func noStakes(vals []string) []alliance.ValidatorStake {
	out := make([]alliance.ValidatorStake, len(vals))
	for i, v := range vals {
		out[i] = alliance.ValidatorStake{Validator: v}
	}
	return out
}

// removedAsset handles a stakes query the chain refused. Once a delisted asset's record is
// removed the chain answers nothing about it, so the alliance query is asked: when it fails too
// the asset is gone, its wind-down entries have been paid (the chain removes it only then) and
// the contract holds no stake. Any other refusal is returned as it was.
func (p *pool) removedAsset(deps *std.Deps, env std.Env, cause error) error {
	if _, err := delistCompletion(deps.Querier, p.cfg.AssetDenom); err == nil {
		return cause
	}
	p.gone(env)
	return nil
}

// gone records that the asset is no longer listed: removed at the end of its wind-down, so the
// contract holds no stake of it.
func (p *pool) gone(env std.Env) {
	if !p.rs.delisted() {
		// First seen after the end: the completion time is past, and what the entries returned
		// is in the balance without the contract having seen them (Wind stays 0).
		p.rs.Delisted = uint64(env.Block.Time)
	}
	p.stakes, p.delegated = noStakes(p.cfg.Validators), std.Uint128{}
}

// watchDelisting asks the chain about the asset when shares exist but the stake is worth
// nothing: the wind-down of a delisted asset undelegates it (a 100 % slash is the other cause;
// the asset is then listed and nothing changes). The first time the contract sees the delisting
// it records the completion time and what the wind-down's entries hold (Wind). The chain answers
// a stakes query about amounts without a delegation even once the asset is removed; the alliance
// query it refuses then.
func (p *pool) watchDelisting(deps *std.Deps, env std.Env, need bt.StakesRequest) error {
	if p.rs.delisted() || !need.Amount || !p.delegated.IsZero() {
		return nil
	}
	rateSupply, err := p.rateSupply()
	if err != nil || rateSupply.IsZero() {
		return err
	}
	completion, err := delistCompletion(deps.Querier, p.cfg.AssetDenom)
	if err != nil {
		p.gone(env)
		return nil
	}
	if completion == 0 {
		return nil
	}
	wind, err := p.windDownEntries(deps, completion)
	if err != nil {
		return err
	}
	p.rs.Delisted, p.rs.Wind = completion, wind
	return nil
}

// delistCompletion asks the chain's alliance query about denom and returns its
// delist_completion_time (0 while it is listed and not being delisted); the chain refuses the
// query once the asset is not listed. Only that field is read: the decoder of the whole answer
// (alliance.QueryAlliance) costs the contract 3.4 KB.
func delistCompletion(q std.Querier, denom string) (uint64, error) {
	w := cwjson.NewWriter(64)
	w.ObjectStart()
	w.Key("custom")
	w.ObjectStart()
	w.Key("alliance")
	w.ObjectStart()
	w.Key("denom")
	w.String(denom)
	w.ObjectEnd()
	w.ObjectEnd()
	w.ObjectEnd()
	b, err := q.Raw(w.Bytes())
	if err != nil {
		return 0, err
	}
	var completion uint64
	r := cwjson.NewReader(b)
	err = r.Object(func(key string) error {
		if key != "delist_completion_time" {
			return r.Skip()
		}
		if r.Null() {
			return nil
		}
		var err error
		completion, err = r.Uint64()
		return err
	})
	if err == nil {
		err = r.End()
	}
	return completion, err
}

// windDownEntries reads the contract's unbonding entries of denom when it first sees the
// delisting: those completing at the delisting's completion time are the chain's wind-down of
// its stake (Wind), less what its own unsettled batches completing then undelegated (a
// process_unbonds during the wind-down, before the chain reached the contract, completes then
// too). Every other unsettled batch whose completion time no other one shares is recorded in
// p.seen with what its entries hold now (Listed; written by save). Bounded: unbondingPages pages,
// at most maxBatchesInFlight batches.
func (p *pool) windDownEntries(deps *std.Deps, completion uint64) (std.Uint128, error) {
	var times []uint64
	var amounts []std.Uint128
	req := bt.UnbondingsRequest{Delegator: p.self, Denom: p.cfg.AssetDenom, Pagination: &bt.PageRequest{Limit: bt.MaxPageLimit}}
	for page := 0; ; page++ {
		if page == unbondingPages {
			return std.Uint128{}, ErrTooManyEntries
		}
		res, err := alliance.QueryUnbondings(deps.Querier, req)
		if err != nil {
			return std.Uint128{}, err
		}
		for _, u := range res.Unbondings {
			a, err := std.ParseUint128(u.Amount)
			if err != nil {
				return std.Uint128{}, err
			}
			times, amounts = append(times, u.CompletionTime), append(amounts, a)
		}
		if len(res.NextKey) == 0 {
			break
		}
		req.Pagination = &bt.PageRequest{Key: res.NextKey, Limit: bt.MaxPageLimit}
	}
	wind, err := sumAt(times, amounts, completion)
	if err != nil {
		return wind, err
	}
	var open []seenBatch // unsettled batches, with their completion time in listed's place
	for id := p.rs.FirstUnsettled; id < p.rs.Batch; id++ {
		b, found, err := batches.MayLoad(deps.Storage, id)
		if err != nil {
			return wind, err
		}
		switch {
		case !found || b.Settled:
		case b.Completion == completion:
			wind = wind.SaturatingSub(b.Undelegated) // a slash can leave the entries below it
		default:
			open = append(open, seenBatch{id: id, listed: u128(b.Completion)})
		}
	}
	for i, o := range open {
		shared := false
		for j, q := range open {
			shared = shared || (i != j && q.listed == o.listed)
		}
		if shared {
			continue // two batches completing together: each counts for what it undelegated
		}
		t, _ := o.listed.Uint64()
		listed, err := sumAt(times, amounts, t)
		if err != nil {
			return wind, err
		}
		p.seen = append(p.seen, seenBatch{id: o.id, listed: listed})
	}
	return wind, nil
}

// seenBatch is an unsettled batch and what its entries held when the delisting was seen.
type seenBatch struct {
	id     uint64
	listed std.Uint128
}

// sumAt sums the amounts whose time is t.
func sumAt(times []uint64, amounts []std.Uint128, t uint64) (std.Uint128, error) {
	total := std.Uint128{}
	for i, at := range times {
		if at == t {
			var err error
			if total, err = total.CheckedAdd(amounts[i]); err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

// saveSeen records on each batch in p.seen what its entries held when the delisting was seen.
func (p *pool) saveSeen(deps *std.Deps) error {
	for _, s := range p.seen {
		b, err := batches.Load(deps.Storage, s.id)
		if err != nil {
			return err
		}
		b.Seen, b.Listed = true, s.listed
		if err := batches.Save(deps.Storage, s.id, b); err != nil {
			return err
		}
	}
	p.seen = nil
	return nil
}

// refuseDelisted is ErrDelisted with the completion time once the asset is delisted.
func refuseDelisted(rs RewardState) error {
	if !rs.delisted() {
		return nil
	}
	return withDetail("", ErrDelisted, " "+std.NewUint128(rs.Delisted).String()+" (unix ns)")
}

// windDownOver checks that the chain has returned the delisted stake: the completion time has
// come and the contract has no stake left (the chain's wind-down may reach a delegation blocks
// after the delisting). The unbonding entries' payment is checked by settle.
func (p *pool) windDownOver(now uint64) error {
	switch {
	case !p.rs.delisted():
		return ErrNotDelisted
	case now < p.rs.Delisted:
		return withDetail("", ErrExitNotYet, " "+std.NewUint128(p.rs.Delisted).String()+" (unix ns), now "+std.NewUint128(now).String())
	case !p.delegated.IsZero():
		return ErrStakeNotReturned
	}
	return nil
}

// executeExit pays sender its part of the delisted asset: its shares and its shares queued in the
// current batch (never processed once the asset is delisted) are burned for
//
//	floor(shares · pot / (supply − the contract's own shares + queued))
//
// (down: the dust stays with the remaining holders, and the last one takes all that is left, the
// locked shares owning none of it), with the rewards it has not claimed. The first exit (or
// withdraw) after the completion time settles the wind-down (settle).
func executeExit(deps *std.Deps, env std.Env, sender string) (std.Response, error) {
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	if err := p.windDownOver(uint64(env.Block.Time)); err != nil {
		return std.Response{}, err
	}
	if err := p.saveSeen(deps); err != nil { // settle reads the batches
		return std.Response{}, err
	}
	if err := settle(deps, env, p.cfg, &p.rs); err != nil {
		return std.Response{}, err
	}
	h, err := p.settle(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	key := std.Pair[string, uint64]{A: sender, B: p.rs.Batch}
	c, queued, err := claims.MayLoad(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	shares, err := h.Balance.CheckedAdd(c.Shares)
	if err != nil {
		return std.Response{}, err
	}
	if shares.IsZero() || sender == p.self {
		return std.Response{}, ErrNothingToExit
	}
	bal, err := deps.Querier.QueryBalance(p.self, p.cfg.AssetDenom)
	if err != nil {
		return std.Response{}, err
	}
	// Settled: everything in the balance but what settled batches are owed is the holders' (no
	// unsettled batch has been paid: settle would have settled it), asset that arrived since
	// the last exit (a donation) included.
	pot, err := bal.Amount.CheckedSub(p.rs.Owed)
	if err != nil {
		return std.Response{}, ErrBalanceBelowOwed
	}
	exitSupply, err := p.supply.SaturatingSub(p.rs.Own).CheckedAdd(p.rs.Queued)
	if err != nil {
		return std.Response{}, err
	}
	if exitSupply.Lt(shares) {
		return std.Response{}, ErrSupplyBelowUnbond // cannot happen: shares are in it
	}
	// floor, in favour of the remaining holders; exitSupply >= shares > 0 (checked above). The
	// last holder's shares are the whole exitSupply: it takes the whole pot.
	pay, err := shares.MulDivFloor(pot, exitSupply)
	if err != nil {
		return std.Response{}, err
	}
	rewardsPaid := h.Pending
	if p.rs.Reserved, err = p.rs.Reserved.CheckedSub(rewardsPaid); err != nil {
		return std.Response{}, ErrReserveBelowClaim
	}
	p.supply = p.supply.SaturatingSub(h.Balance) // h.Balance is in the supply
	h.Balance, h.Pending = std.Uint128{}, std.Uint128{}
	if queued {
		p.rs.Queued = p.rs.Queued.SaturatingSub(c.Shares) // c.Shares is in Queued
		p.rs.BatchClaims--
	}
	p.rs.Pot, p.rs.Surplus = pot.SaturatingSub(pay), std.Uint128{} // pay <= pot
	// Writes start here.
	if queued {
		claims.Remove(deps.Storage, key)
	}
	if err := saveHolder(deps, sender, h); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "exit",
		"recipient", sender,
		"shares", shares.String(),
		"amount", pay.String(),
		"rewards", rewardsPaid.String(),
		"pot_left", p.rs.Pot.String())
	if !pay.IsZero() {
		addMessages(&resp, std.BankSendMsg(sender, std.Coin{Denom: p.cfg.AssetDenom, Amount: pay}))
	}
	if !rewardsPaid.IsZero() {
		addMessages(&resp, std.BankSendMsg(sender, std.Coin{Denom: p.cfg.RewardDenom, Amount: rewardsPaid}))
	}
	return resp, nil
}
