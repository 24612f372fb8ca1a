package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// executeUnbond moves amount shares of from into the current batch as a claim of beneficiary (the
// sender, or the spender of a send_from to this contract). The shares leave from's balance (so
// they stop earning rewards; from is settled first) and the circulating supply, but stay in the
// exchange rate's supply as queued shares: their asset value is fixed only when process_unbonds
// burns them, so take rate and slashing until then hit them like every other share. Nothing is
// undelegated here, so the number of unbonding entries does not grow with the number of users.
func executeUnbond(deps *std.Deps, env std.Env, from, beneficiary string, amount std.Uint128, action string) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, ErrZeroAmount
	}
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	if err := refuseDelisted(p.rs); err != nil {
		return std.Response{}, err
	}
	holder, err := p.change(deps, from, std.Uint128{}, amount)
	if err != nil {
		return std.Response{}, err
	}
	if p.supply.Lt(amount) {
		return std.Response{}, ErrSupplyBelowUnbond // cannot happen
	}
	rateSupply, err := p.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// What the shares are worth now, rounded down; rateSupply >= amount > 0 (checked above).
	// Only a refusal of worthless unbonds: the claim is fixed at process_unbonds.
	worth, err := amount.MulDivFloor(p.delegated, rateSupply)
	if err != nil {
		return std.Response{}, err
	}
	if worth.IsZero() {
		return std.Response{}, withDetail("", ErrUnbondTooSmall, " "+p.cfg.AssetDenom)
	}
	key := std.Pair[string, uint64]{A: beneficiary, B: p.rs.Batch}
	c, found, err := claims.MayLoad(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	if c.Shares, err = c.Shares.CheckedAdd(amount); err != nil {
		return std.Response{}, err
	}
	if p.rs.Queued, err = p.rs.Queued.CheckedAdd(amount); err != nil {
		return std.Response{}, err
	}
	if !found {
		p.rs.BatchClaims++
	}
	p.supply = p.supply.SaturatingSub(amount) // checked above
	// Writes start here.
	if err := holder.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := claims.Save(deps.Storage, key, c); err != nil {
		return std.Response{}, err
	}
	return respond("action", action,
		"from", from,
		"beneficiary", beneficiary,
		"shares", amount.String(),
		"batch_id", std.NewUint128(p.rs.Batch).String(),
		"batch_shares", p.rs.Queued.String()), nil
}

// batchReady returns when the current batch may be processed (Unix ns): unbond_epoch after it
// opened. UnbondEpoch is at most maxUnbondEpoch, so the product fits; a sum past 2^64 ns (the
// year 2554) saturates.
func batchReady(cfg Config, rs RewardState) uint64 {
	ready := rs.BatchStart + cfg.UnbondEpoch*nsPerSecond
	if ready < rs.BatchStart {
		return ^uint64(0)
	}
	return ready
}

// executeProcessUnbonds (anyone may call it, once the current batch's epoch has elapsed)
// burns the current batch's shares at the exchange rate of now and undelegates their value, taking from the largest stakes first (one
// undelegation per validator touched, usually one), records it as a processed batch and opens the
// next one. The replies record the completion time on the batch.
func executeProcessUnbonds(deps *std.Deps, env std.Env) (std.Response, error) {
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	// Delisted: the chain takes no undelegation worth anything any more (the stake is its), and
	// the current batch's shares are paid by exit.
	if err := refuseDelisted(p.rs); err != nil {
		return std.Response{}, err
	}
	id := p.rs.Batch
	idStr := std.NewUint128(id).String()
	if p.rs.BatchClaims == 0 {
		return std.Response{}, withDetail("batch "+idStr+" ", ErrBatchEmpty, "")
	}
	now := uint64(env.Block.Time)
	if ready := batchReady(p.cfg, p.rs); now < ready {
		return std.Response{}, withDetail("batch "+idStr+" ", ErrBatchNotReady, " "+std.NewUint128(ready).String()+
			" (unix ns; unbond_epoch "+std.NewUint128(p.cfg.UnbondEpoch).String()+"s after it opened), now "+std.NewUint128(now).String())
	}
	// Settle what has matured first, so the batches not yet settled are only those still
	// unbonding (this bounds settle's walk). In the block an entry completes the chain has not
	// paid it yet: settling waits for a later call then, processing does not.
	// (settle's errors are the chain's, or a corrupt claim book: the batch is processed anyway and
	// a withdraw reports them. Not comparing with alliance.ErrUnbondingDue: an interface comparison
	// costs TinyGo kilobytes of wasm, README.md "Size".)
	rs := p.rs
	if settle(deps, env, p.cfg, &rs) == nil {
		p.rs = rs
	}
	if id-p.rs.FirstUnsettled >= maxBatchesInFlight {
		return std.Response{}, ErrTooManyUnsettled
	}
	rateSupply, err := p.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// The batch's value: queued * delegated / (supply + queued), rounded down (the remaining
	// holders keep the dust); rateSupply >= queued > 0 (a batch with claims has shares). At most
	// delegated, as queued <= rateSupply.
	undelegate, err := p.rs.Queued.MulDivFloor(p.delegated, rateSupply)
	if err != nil {
		return std.Response{}, err
	}
	order := make([]alliance.ValidatorStake, 0, len(p.stakes))
	for _, s := range p.stakes {
		if s.Amount.IsZero() {
			continue
		}
		i := len(order)
		order = append(order, s)
		for i > 0 && order[i-1].Amount.Lt(order[i].Amount) {
			order[i-1], order[i] = order[i], order[i-1]
			i--
		}
	}
	payload := make([]byte, 8)
	for i := range payload {
		payload[i] = byte(id >> (56 - 8*i))
	}
	var subs []std.SubMsg
	var touched []string
	left := undelegate
	for _, s := range order {
		if left.IsZero() {
			break
		}
		part := s.Amount.Min(left)
		left = left.SaturatingSub(part)
		sub := std.NewSubMsg(replyUndelegate, alliance.UndelegateMsg(s.Validator, std.Coin{Denom: p.cfg.AssetDenom, Amount: part}), std.ReplySuccess)
		sub.Payload = payload
		subs = append(subs, sub)
		touched = append(touched, s.Validator)
	}
	if !left.IsZero() {
		return std.Response{}, ErrStakeBelowTotal // undelegate <= delegated = sum of stakes
	}
	b := Batch{Shares: p.rs.Queued, Claims: p.rs.BatchClaims, Undelegated: undelegate}
	if undelegate.IsZero() {
		b.Completion = now // nothing to wait for: the batch settles (to nothing) at once
	}
	if p.rs.Unsettled, err = p.rs.Unsettled.CheckedAdd(undelegate); err != nil {
		return std.Response{}, err
	}
	p.rs.Batch++
	p.rs.Queued, p.rs.BatchClaims, p.rs.BatchStart = std.Uint128{}, 0, now
	if err := p.paid(touched...); err != nil { // each undelegation claims first
		return std.Response{}, err
	}
	// Writes start here.
	if err := batches.Save(deps.Storage, id, b); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "process_unbonds",
		"batch_id", idStr,
		"shares", b.Shares.String(),
		"amount", undelegate.String(),
		"claims", std.NewUint128(b.Claims).String(),
		"validators", joinComma(touched),
		"next_batch", std.NewUint128(p.rs.Batch).String())
	resp.Messages = subs
	return resp, nil
}

// executeWithdraw settles every matured batch (settle), then pays the sender's claims on settled
// batches: payout = floor(claim shares · batch payout / batch shares), down, so the claims of a batch
// never share more than it received; the dust goes to the holders' surplus when the batch's last
// claim is paid.
func executeWithdraw(deps *std.Deps, env std.Env, sender string) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	rs, err := rewards.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if now := uint64(env.Block.Time); rs.delisted() && !rs.Final && now >= rs.Delisted {
		// This settle settles the wind-down too: only once the chain holds no stake.
		p, err := stakedPool(deps, env, needStake)
		if err == nil {
			err = p.windDownOver(now)
		}
		if err != nil {
			return std.Response{}, err
		}
	}
	if err := settle(deps, env, cfg, &rs); err != nil {
		return std.Response{}, err
	}
	type entry struct {
		id uint64
		c  Claim
	}
	var mine []entry
	it := std.PrefixRange(deps.Storage, claims, sender, std.Ascending)
	for it.Next() {
		if it.Key() < rs.Batch { // the current batch is not processed yet
			mine = append(mine, entry{it.Key(), it.Value()})
		}
	}
	if err := it.Err(); err != nil {
		return std.Response{}, err
	}
	total := std.Uint128{}
	paid := 0
	for _, e := range mine {
		b, err := batches.Load(deps.Storage, e.id)
		if err != nil {
			return std.Response{}, err
		}
		if !b.Settled {
			continue
		}
		if b.Shares.IsZero() || b.Claims == 0 {
			return std.Response{}, ErrBatchWithoutClaims // cannot happen
		}
		// floor (dust stays with the batch); Shares >= this claim's shares > 0 (checked above).
		pay, err := e.c.Shares.MulDivFloor(b.Payout, b.Shares)
		if err != nil {
			return std.Response{}, err
		}
		if total, err = total.CheckedAdd(pay); err != nil {
			return std.Response{}, err
		}
		if b.Paid, err = b.Paid.CheckedAdd(pay); err != nil {
			return std.Response{}, err
		}
		b.Claims--
		claims.Remove(deps.Storage, std.Pair[string, uint64]{A: sender, B: e.id})
		paid++
		if b.Claims > 0 {
			if err := batches.Save(deps.Storage, e.id, b); err != nil {
				return std.Response{}, err
			}
			continue
		}
		// Last claim: Σ floor(claim_i · payout / amount) <= payout, the rest is dust.
		dust := b.Payout.SaturatingSub(b.Paid)
		if rs.Owed, err = rs.Owed.CheckedSub(dust); err != nil {
			return std.Response{}, ErrDustAboveOwed
		}
		if rs.Surplus, err = rs.Surplus.CheckedAdd(dust); err != nil {
			return std.Response{}, err
		}
		batches.Remove(deps.Storage, e.id)
	}
	if paid == 0 {
		return std.Response{}, ErrNoMaturedClaims
	}
	// Batch payouts are added to Owed when settled: it covers them.
	if rs.Owed, err = rs.Owed.CheckedSub(total); err != nil {
		return std.Response{}, ErrPayoutsAboveOwed
	}
	if err := rewards.Save(deps.Storage, rs); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "withdraw",
		"recipient", sender,
		"amount", total.String(),
		"claims", std.NewUint128(uint64(paid)).String())
	if !total.IsZero() { // batches slashed to nothing pay nothing
		addMessages(&resp, std.BankSendMsg(sender, std.Coin{Denom: cfg.AssetDenom, Amount: total}))
	}
	return resp, nil
}

// completeUndelegate records on the batch (its id is the reply's payload) when an undelegation
// of process_unbonds completes.
func completeUndelegate(deps *std.Deps, r std.Reply) (std.Response, error) {
	res, err := alliance.UndelegateResult(r)
	if err != nil {
		return std.Response{}, err
	}
	if len(r.Payload) != 8 {
		return std.Response{}, ErrBadBatchPayload
	}
	var id uint64
	for _, b := range r.Payload {
		id = id<<8 | uint64(b)
	}
	b, err := batches.Load(deps.Storage, id)
	if err != nil {
		return std.Response{}, err
	}
	// One reply per validator: the batch is due when the last of its entries completes.
	if res.CompletionTime > b.Completion {
		b.Completion = res.CompletionTime
	}
	if err := batches.Save(deps.Storage, id, b); err != nil {
		return std.Response{}, err
	}
	return respond("action", "unbond_scheduled",
		"batch_id", std.NewUint128(id).String(),
		"completion_time", std.NewUint128(b.Completion).String()), nil
}
