package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// pageLimit is the page size asked for (default when absent or 0), at most maxPageLimit.
func pageLimit(l *uint32) int {
	if l == nil || *l == 0 {
		return defaultPageLimit
	}
	if *l > maxPageLimit {
		return maxPageLimit
	}
	return int(*l)
}

// optString is an optional string's value, "" when absent (a start_after of "" starts at the
// beginning).
func optString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// query dispatches to the answers; each is returned as answer() (see msgs_cwgen.go).
func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	switch {
	case msg.Balance != nil:
		h, err := loadHolder(deps, msg.Balance.Address)
		if err != nil {
			return nil, err
		}
		return BalanceResponse{Balance: h.Balance}.answer(), nil
	case msg.TokenInfo != nil:
		p, err := loadPool(deps, env)
		if err != nil {
			return nil, err
		}
		return TokenInfoResponse{Name: p.cfg.Name, Symbol: p.cfg.Symbol, Decimals: p.cfg.Decimals, TotalSupply: p.supply}.answer(), nil
	case msg.Config != nil:
		cfg, err := config.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		return cfg.answer(), nil
	case msg.State != nil:
		return queryState(deps, env)
	case msg.PendingRewards != nil:
		return queryPendingRewards(deps, env, msg.PendingRewards.Address)
	case msg.Claims != nil:
		return queryClaims(deps, env, msg.Claims.Address)
	case msg.CurrentBatch != nil:
		return queryCurrentBatch(deps)
	case msg.Allowance != nil:
		a, found, err := allowances.MayLoad(deps.Storage, std.Pair[string, string]{A: msg.Allowance.Owner, B: msg.Allowance.Spender})
		if err != nil {
			return nil, err
		}
		if !found {
			a.Expires = never() // none: zero, never expiring (as cw20-base answers)
		}
		return a.answer(), nil
	case msg.AllAllowances != nil:
		return queryAllAllowances(deps, *msg.AllAllowances)
	case msg.AllAccounts != nil:
		return queryAllAccounts(deps, *msg.AllAccounts)
	}
	return nil, ErrUnknownMessage // the decoder sets exactly one variant
}

// queryPendingRewards answers what claim_rewards would pay addr now, including rewards the chain
// holds for the stake.
func queryPendingRewards(deps *std.Deps, env std.Env, addr string) (std.JSONMarshaler, error) {
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return nil, err
	}
	h, err := p.settle(deps, addr)
	if err != nil {
		return nil, err
	}
	if addr == p.cfg.FeeAddress {
		h.Pending = h.Pending.SaturatingAdd(p.feeCredit)
	}
	return PendingRewardsResponse{Address: addr, Rewards: h.Pending, Denom: p.cfg.RewardDenom}.answer(), nil
}

// queryAllAccounts lists holders in canonical-address order (the storage order). Accounts that
// hold no tokens (only unclaimed rewards) are not listed.
func queryAllAccounts(deps *std.Deps, q AllAccountsQuery) (std.JSONMarshaler, error) {
	var start *std.Bound[[]byte]
	if after := optString(q.StartAfter); after != "" {
		key, err := deps.API.AddrCanonicalize(after)
		if err != nil {
			return nil, err
		}
		start = std.Exclusive(key)
	}
	limit := pageLimit(q.Limit)
	accounts := []string{}
	it := holders.Range(deps.Storage, start, nil, std.Ascending)
	for len(accounts) < limit && it.Next() {
		if it.Value().Balance.IsZero() {
			continue
		}
		addr, err := deps.API.AddrHumanize(it.Key())
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, addr)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return AllAccountsResponse{Accounts: accounts}.answer(), nil
}

func queryState(deps *std.Deps, env std.Env) (std.JSONMarshaler, error) {
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return nil, err
	}
	// The rate shown rounds down (what one share is at least worth): delegated / (supply +
	// queued shares); 1 before the first deposit (guarded: the denominator is non-zero).
	rateSupply, err := p.rateSupply()
	if err != nil {
		return nil, err
	}
	rate := std.DecimalOne()
	if !rateSupply.IsZero() {
		if rate, err = std.DecimalFromRatioFloor(p.delegated, rateSupply); err != nil {
			return nil, err
		}
	}
	resp := StateResponse{TotalStaked: p.delegated, TotalSupply: p.supply, ExchangeRate: rate, RewardIndex: p.rs.Index,
		ReservedRewards: p.rs.Reserved, QueuedShares: p.rs.Queued, Stakes: make([]ValidatorAmount, len(p.stakes))}
	if p.rs.delisted() {
		resp.DelistCompletionTime, resp.ExitPot = &p.rs.Delisted, &p.rs.Pot
	}
	for i, st := range p.stakes {
		resp.Stakes[i] = ValidatorAmount{Validator: st.Validator, Amount: st.Amount}
	}
	return resp.answer(), nil
}

// queryClaims lists addr's claims (one per batch it unbonded into, paid claims are removed) with
// their batch's state: "pending" (current batch, not yet undelegated: amount is null, the shares'
// value is fixed at processing), "unbonding" (undelegated, completing at completion_time; amount
// is the claim's part of what the batch undelegated), "matured" (withdraw pays it; payout is what
// it pays once the batch is settled against what the chain returned, null before).
func queryClaims(deps *std.Deps, env std.Env, addr string) (std.JSONMarshaler, error) {
	rs, err := rewards.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	list := []ClaimInfo{}
	it := std.PrefixRange(deps.Storage, claims, addr, std.Ascending)
	for len(list) < 100 && it.Next() {
		list = append(list, ClaimInfo{BatchID: it.Key(), Shares: it.Value().Shares, State: "pending"})
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	now := uint64(env.Block.Time)
	for i := range list {
		if err := describeClaim(deps, &list[i], rs.Batch, now); err != nil {
			return nil, err
		}
	}
	return ClaimsResponse{Claims: list}.answer(), nil
}

// describeClaim fills in what c's batch says about it, unless c is on the current batch (id
// current and above: pending, amount and payout null, completion 0).
func describeClaim(deps *std.Deps, c *ClaimInfo, current, now uint64) error {
	if c.BatchID >= current {
		return nil
	}
	b, err := batches.Load(deps.Storage, c.BatchID)
	if err != nil {
		return err
	}
	c.CompletionTime = b.Completion
	c.State = "matured"
	if b.Completion == 0 || b.Completion > now {
		c.State = "unbonding"
	}
	if b.Shares.IsZero() {
		// Cannot happen (a processed batch has the shares of its claims): nothing to divide.
		c.Amount = new(std.Uint128)
		if b.Settled {
			c.Payout = new(std.Uint128)
		}
		return nil
	}
	// The claim's part of the batch's amount: floor (the dust goes to the holders); Shares > 0
	// (checked).
	amount, err := c.Shares.MulDivFloor(b.Undelegated, b.Shares)
	if err != nil {
		return err
	}
	c.Amount = &amount
	if b.Settled {
		// What withdraw pays: floor, as there; Shares > 0 (checked).
		payout, err := c.Shares.MulDivFloor(b.Payout, b.Shares)
		if err != nil {
			return err
		}
		c.Payout = &payout
	}
	return nil
}

// queryCurrentBatch shows the batch collecting unbonds: the shares queued, of how many claims, when it
// opened and from when process_unbonds may undelegate it (Unix ns).
func queryCurrentBatch(deps *std.Deps) (std.JSONMarshaler, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	rs, err := rewards.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	return CurrentBatchResponse{ID: rs.Batch, Shares: rs.Queued, Claims: rs.BatchClaims, Opened: rs.BatchStart,
		ProcessableFrom: batchReady(cfg, rs)}.answer(), nil
}

// queryAllAllowances lists owner's allowances in spender order, after start_after.
func queryAllAllowances(deps *std.Deps, q AllAllowancesQuery) (std.JSONMarshaler, error) {
	limit := pageLimit(q.Limit)
	after := optString(q.StartAfter)
	list := []AllowanceInfo{}
	it := std.PrefixRange(deps.Storage, allowances, q.Owner, std.Ascending)
	for len(list) < limit && it.Next() {
		if after != "" && it.Key() <= after {
			continue
		}
		a := it.Value()
		list = append(list, AllowanceInfo{Spender: it.Key(), Allowance: a.Allowance, Expires: a.Expires})
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return AllAllowancesResponse{Allowances: list}.answer(), nil
}
