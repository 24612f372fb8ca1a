package main

// Withdrawals in batches. The chain keeps at most max_entries immature unbonding entries per
// (delegator, validator, denom): one undelegation per withdrawal would let seven dust withdrawals
// lock every other depositor out for the whole unbonding time. So `withdraw` only burns the shares
// sent with it and queues them in the open batch, and `process_withdrawals` (anyone, once per
// unbond_epoch) unbonds the whole batch with one entry per validator touched.
//
//	process:  undelegated = floor(queued · total_staked / (total_shares + queued))   (down: holders keep the dust)
//	          taken from the largest stakes first, skipping validators at the entry cap
//	settle:   every processed batch whose completion time has passed, all at once:
//	          refused   while the chain still lists an entry whose completion time has passed (it pays
//	                    entries at the end of the block: the balance does not show it yet)
//	          received  = asset balance − owed − surplus
//	          payout_b  = floor(undelegated_b · min(received, expected) / expected)   (alliance.ShareReceived)
//	          owed += Σ payout_b; surplus += received − Σ payout_b; unsettled −= expected
//	claim:    pay = floor(claim shares · payout_b / shares_b)   (down; the last claim's dust → surplus)
//
// Why received can be attributed to the due batches: every due entry has been paid (the refusal
// above) and no other has (its completion time is in the future), settlement takes every due
// batch at once (no walk cap, no stop at the first immature batch, so batches that mature out of
// order after governance shortened the unbonding time are fine), and the only other asset that
// can be in the balance is surplus (excluded) or asset that arrived since the last harvest
// (asset-denom rewards, donations), which can make up a slashed batch's shortfall but never pays
// a batch more than it undelegated: the excess becomes surplus, and harvest restakes surplus.

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// withdraw burns the shares sent with it and queues them in the open batch. Nothing is sent to
// x/alliance: the shares keep their part of the stake (and of harvests, slashes and the take
// rate) until the batch is processed.
func withdraw(deps *std.Deps, info std.MessageInfo, cfg Config) (std.Response, error) {
	shares, err := sharesSent(info, cfg, false)
	if err != nil {
		return std.Response{}, err
	}
	bk, err := book.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	supply, err := totalShares.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	key := std.Pair[string, uint64]{A: info.Sender, B: bk.Batch}
	queued, found, err := claims.MayLoad(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	if !found {
		n := 0
		it := std.PrefixRange(deps.Storage, claims, info.Sender, std.Ascending)
		for it.Next() && n < maxClaims {
			n++
		}
		if err := it.Err(); err != nil {
			return std.Response{}, err
		}
		if n >= maxClaims {
			return std.Response{}, ErrTooManyClaims
		}
		bk.BatchClaims++
	}
	if queued, err = queued.CheckedAdd(shares); err != nil {
		return std.Response{}, err
	}
	if bk.Queued, err = bk.Queued.CheckedAdd(shares); err != nil {
		return std.Response{}, err
	}
	newSupply, err := supply.CheckedSub(shares)
	if err != nil {
		return std.Response{}, ErrSupplyBelowBalance
	}
	if err := totalShares.Save(deps.Storage, newSupply); err != nil {
		return std.Response{}, err
	}
	if err := claims.Save(deps.Storage, key, queued); err != nil {
		return std.Response{}, err
	}
	if err := book.Save(deps.Storage, bk); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.
		WithAttribute("action", "withdraw").
		WithAttribute("owner", info.Sender).
		WithAttribute("shares", shares.String()).
		WithAttribute("batch_id", uintString(bk.Batch)).
		WithMessage(tokenfactory.BurnMsg(cfg.ShareDenom, shares)), nil
}

// processable returns when the open batch may be processed (Unix ns, saturating).
func processable(cfg Config, bk Book) uint64 {
	t := bk.BatchStart + cfg.UnbondEpoch*nsPerSecond // UnbondEpoch <= 30 days: no overflow of the product
	if t < bk.BatchStart {
		return ^uint64(0)
	}
	return t
}

// processWithdrawals unbonds the open batch (file comment) and opens the next.
func processWithdrawals(deps *std.Deps, env std.Env, cfg Config) (std.Response, error) {
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	if err := refuseDelisted(deps, env, cfg, v); err != nil {
		return std.Response{}, err
	}
	bk := v.book
	id := bk.Batch
	if bk.Queued.IsZero() {
		return std.Response{}, withDetail("batch "+uintString(id)+" ", ErrBatchEmpty, "")
	}
	now := uint64(env.Block.Time)
	if ready := processable(cfg, bk); now < ready {
		return std.Response{}, withDetail("batch "+uintString(id)+" ", ErrBatchNotReady, " "+uintString(ready)+
			" (Unix ns: unbond_epoch "+uintString(cfg.UnbondEpoch)+" s after it opened)")
	}
	n := 0
	it := pending.Range(deps.Storage, nil, nil, std.Ascending)
	for it.Next() && n < MaxUnsettledBatches {
		n++
	}
	if err := it.Err(); err != nil {
		return std.Response{}, err
	}
	if n >= MaxUnsettledBatches {
		return std.Response{}, ErrTooManyUnsettled
	}
	rs, err := v.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// floor: the remaining holders keep the dust. rs >= queued > 0, so amount <= staked.
	amount, err := bk.Queued.MulDivFloor(v.staked, rs)
	if err != nil {
		return std.Response{}, err
	}
	payload := []byte(uintString(id))
	var subs []std.SubMsg
	var touched string
	if !amount.IsZero() {
		full, maxEntries, err := fullValidators(deps, env, cfg)
		if err != nil {
			return std.Response{}, err
		}
		// Largest stakes first (insertion sort of at most a few dozen), skipping validators whose
		// entry cap is reached (only after governance shortened the epoch's margin).
		order := make([]alliance.Stake, 0, len(v.stakes))
		for _, s := range v.stakes {
			if s.Amount.IsZero() || contains(full, s.Validator) {
				continue
			}
			i := len(order)
			order = append(order, s)
			for i > 0 && order[i-1].Amount.Lt(order[i].Amount) {
				order[i-1], order[i] = order[i], order[i-1]
				i--
			}
		}
		left := amount
		for _, s := range order {
			if left.IsZero() {
				break
			}
			part := s.Amount.Min(left)
			left = left.SaturatingSub(part)
			sub := std.NewSubMsg(replyUndelegate, alliance.UndelegateMsg(s.Validator, std.Coin{Denom: cfg.AssetDenom, Amount: part}), std.ReplySuccess)
			sub.Payload = payload
			subs = append(subs, sub)
			if touched != "" {
				touched += ","
			}
			touched += s.Validator
		}
		if !left.IsZero() {
			return std.Response{}, withDetail("", ErrEntryCap, " ("+uintString(uint64(maxEntries))+
				" per validator) is reached where the stake is: processing waits until an entry matures")
		}
	}
	b := Batch{Shares: bk.Queued, Claims: bk.BatchClaims, Undelegated: amount}
	if amount.IsZero() {
		b.Completion = now // nothing to wait for: it settles (to nothing) at once
	}
	if bk.Unsettled, err = bk.Unsettled.CheckedAdd(amount); err != nil {
		return std.Response{}, err
	}
	bk.Batch++
	bk.Queued, bk.BatchClaims, bk.BatchStart = std.Uint128{}, 0, now
	if err := batches.Save(deps.Storage, id, b); err != nil {
		return std.Response{}, err
	}
	if err := pending.Save(deps.Storage, id, amount); err != nil {
		return std.Response{}, err
	}
	if err := book.Save(deps.Storage, bk); err != nil {
		return std.Response{}, err
	}
	if touched == "" {
		touched = "none"
	}
	resp := std.Response{}.
		WithAttribute("action", "process_withdrawals").
		WithAttribute("batch_id", uintString(id)).
		WithAttribute("shares", b.Shares.String()).
		WithAttribute("amount", amount.String()).
		WithAttribute("claims", uintString(uint64(b.Claims))).
		WithAttribute("validators", touched)
	resp.Messages = subs
	return resp, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// fullValidators lists the validators on which the contract already has max_entries unbonding
// entries of the asset (a new undelegation there would fail), and returns max_entries.
func fullValidators(deps *std.Deps, env std.Env, cfg Config) ([]string, uint32, error) {
	_, maxEntries, err := stakingParams(deps.Querier)
	if err != nil {
		return nil, 0, withCause(ErrStakingParams, err)
	}
	// Entries per validator: a list, as few validators hold entries (no map in the contract).
	var vals []string
	var counts []uint32
	var full []string
	req := bt.UnbondingsRequest{Delegator: env.Contract.Address, Denom: cfg.AssetDenom, Pagination: &bt.PageRequest{Limit: bt.MaxPageLimit}}
	for page := 0; ; page++ {
		if page == unbondingPages {
			return nil, 0, ErrTooManyUnbondings
		}
		res, err := alliance.QueryUnbondings(deps.Querier, req)
		if err != nil {
			return nil, 0, withCause(ErrUnbondingsQuery, err)
		}
		for _, u := range res.Unbondings {
			i := 0
			for i < len(vals) && vals[i] != u.Validator {
				i++
			}
			if i == len(vals) {
				vals, counts = append(vals, u.Validator), append(counts, 0)
			}
			counts[i]++
			if counts[i] == maxEntries {
				full = append(full, u.Validator)
			}
		}
		if len(res.NextKey) == 0 {
			return full, maxEntries, nil
		}
		req.Pagination = &bt.PageRequest{Key: res.NextKey, Limit: bt.MaxPageLimit}
	}
}

// replyUndelegated records the completion time the chain gave an undelegation of a batch (the
// latest, should a batch's entries differ).
func replyUndelegated(deps *std.Deps, r std.Reply) (std.Response, error) {
	res, err := alliance.UndelegateResult(r)
	if err != nil {
		return std.Response{}, err
	}
	id, ok := parseUint64(string(r.Payload))
	if !ok {
		return std.Response{}, ErrBadUndelegatePayload
	}
	b, err := batches.Load(deps.Storage, id)
	if err != nil {
		return std.Response{}, err
	}
	if t := uint64(res.CompletionTime); t > b.Completion {
		b.Completion = t
	}
	if err := batches.Save(deps.Storage, id, b); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("batch_id", uintString(id)).WithAttribute("release_at", uintString(b.Completion)), nil
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

// claim settles every due batch, then pays the sender's claims on settled batches.
func claim(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config) (std.Response, error) {
	bk, err := book.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if err := settle(deps, env, cfg, &bk); err != nil {
		return std.Response{}, err
	}
	total, paid, err := payClaims(deps, info.Sender, &bk)
	if err != nil {
		return std.Response{}, err
	}
	if paid == 0 {
		return std.Response{}, ErrNothingToClaim
	}
	if err := book.Save(deps.Storage, bk); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.
		WithAttribute("action", "claim").
		WithAttribute("owner", info.Sender).
		WithAttribute("amount", total.String()).
		WithAttribute("claims", uintString(uint64(paid)))
	if !total.IsZero() { // batches slashed to nothing pay nothing
		resp = resp.WithMessage(std.BankSendMsg(info.Sender, std.Coin{Denom: cfg.AssetDenom, Amount: total}))
	}
	return resp, nil
}

// payClaims removes owner's claims on settled batches from the book and returns what they pay
// (the caller sends it and saves bk) and how many there were.
func payClaims(deps *std.Deps, owner string, bk *Book) (std.Uint128, int, error) {
	type entry struct {
		id     uint64
		shares std.Uint128
	}
	var total std.Uint128
	var mine []entry
	it := std.PrefixRange(deps.Storage, claims, owner, std.Ascending)
	for it.Next() { // at most maxClaims
		if it.Key() < bk.Batch { // the open batch is not processed yet
			mine = append(mine, entry{it.Key(), it.Value()})
		}
	}
	if err := it.Err(); err != nil {
		return total, 0, err
	}
	paid := 0
	for _, e := range mine {
		b, err := batches.Load(deps.Storage, e.id)
		if err != nil {
			return total, 0, err
		}
		if !b.Settled {
			continue
		}
		if b.Shares.IsZero() || b.Claims == 0 {
			return total, 0, ErrBatchWithoutClaims
		}
		// floor: the dust stays with the batch; shares_b >= this claim > 0.
		pay, err := e.shares.MulDivFloor(b.Payout, b.Shares)
		if err != nil {
			return total, 0, err
		}
		if total, err = total.CheckedAdd(pay); err != nil {
			return total, 0, err
		}
		if b.Paid, err = b.Paid.CheckedAdd(pay); err != nil {
			return total, 0, err
		}
		b.Claims--
		claims.Remove(deps.Storage, std.Pair[string, uint64]{A: owner, B: e.id})
		paid++
		if b.Claims > 0 {
			if err := batches.Save(deps.Storage, e.id, b); err != nil {
				return total, 0, err
			}
			continue
		}
		// The last claim: Σ floor(claim_i · payout / shares) <= payout; the rest is dust for the holders.
		dust := b.Payout.SaturatingSub(b.Paid)
		if bk.Owed, err = bk.Owed.CheckedSub(dust); err != nil {
			return total, 0, ErrDustAboveOwed
		}
		if bk.Surplus, err = bk.Surplus.CheckedAdd(dust); err != nil {
			return total, 0, err
		}
		batches.Remove(deps.Storage, e.id)
	}
	var err error
	if bk.Owed, err = bk.Owed.CheckedSub(total); err != nil {
		return total, 0, ErrPayoutsAboveOwed
	}
	return total, paid, nil
}

// settle settles every due batch together (file comment) into bk; the
// caller saves bk.
func settle(deps *std.Deps, env std.Env, cfg Config, bk *Book) error {
	now := uint64(env.Block.Time)
	var ids []uint64
	var due []Batch
	var amounts []std.Uint128
	it := pending.Range(deps.Storage, nil, nil, std.Ascending)
	for it.Next() { // at most MaxUnsettledBatches (process refuses more)
		id := it.Key()
		b, err := batches.Load(deps.Storage, id)
		if err != nil {
			return err
		}
		if b.Completion == 0 || b.Completion > now {
			continue
		}
		ids = append(ids, id)
		due = append(due, b)
		amounts = append(amounts, b.Undelegated)
	}
	if err := it.Err(); err != nil {
		return err
	}
	if len(due) == 0 {
		return nil
	}
	self := env.Contract.Address
	if _, err := alliance.QueryUnbonding(deps.Querier, self, cfg.AssetDenom, now, true, unbondingPages); err != nil {
		return err
	}
	bal, err := deps.Querier.QueryBalance(self, cfg.AssetDenom)
	if err != nil {
		return err
	}
	received, err := bal.Amount.CheckedSub(bk.Owed)
	if err == nil {
		received, err = received.CheckedSub(bk.Surplus)
	}
	if err != nil {
		return ErrBalanceBelowOwed
	}
	kept, err := alliance.ShareReceived(amounts, received)
	if err != nil {
		return err
	}
	for i, b := range due {
		b.Payout, b.Settled = amounts[i], true
		if err := batches.Save(deps.Storage, ids[i], b); err != nil {
			return err
		}
		pending.Remove(deps.Storage, ids[i])
		if bk.Owed, err = bk.Owed.CheckedAdd(amounts[i]); err != nil {
			return err
		}
		// Batches are added to Unsettled when processed: it covers them.
		bk.Unsettled = bk.Unsettled.SaturatingSub(b.Undelegated)
	}
	bk.Surplus, err = bk.Surplus.CheckedAdd(kept)
	return err
}
