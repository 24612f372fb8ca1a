package main

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

func pageLimit(l uint32) int {
	if l == 0 {
		return defaultPageLimit
	}
	if l > maxPageLimit {
		return maxPageLimit
	}
	return int(l)
}

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	switch msg.Kind {
	case "balance":
		h, err := loadHolder(deps, msg.Address)
		if err != nil {
			return nil, err
		}
		return jsonFunc(func(w *cwjson.Writer) {
			w.ObjectStart()
			w.Key("balance")
			h.Balance.EncodeJSON(w)
			w.ObjectEnd()
		}), nil
	case "token_info":
		p, err := loadPool(deps, env)
		if err != nil {
			return nil, err
		}
		return jsonFunc(func(w *cwjson.Writer) {
			w.ObjectStart()
			w.Key("name")
			w.String(p.cfg.Name)
			w.Key("symbol")
			w.String(p.cfg.Symbol)
			w.Key("decimals")
			w.Uint64(uint64(p.cfg.Decimals))
			w.Key("total_supply")
			p.supply.EncodeJSON(w)
			w.ObjectEnd()
		}), nil
	case "config":
		cfg, err := config.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		return jsonFunc(cfg.encode), nil
	case "state":
		return queryState(deps, env)
	case "pending_rewards":
		// What claim_rewards would pay now, including rewards the chain holds for the stake.
		p, err := harvestPool(deps, env, needBooking)
		if err != nil {
			return nil, err
		}
		h, err := p.settle(deps, msg.Address)
		if err != nil {
			return nil, err
		}
		if msg.Address == p.cfg.FeeAddress {
			h.Pending = h.Pending.SaturatingAdd(p.feeCredit)
		}
		return jsonFunc(func(w *cwjson.Writer) {
			w.ObjectStart()
			w.Key("address")
			w.String(msg.Address)
			w.Key("rewards")
			h.Pending.EncodeJSON(w)
			w.Key("denom")
			w.String(p.cfg.RewardDenom)
			w.ObjectEnd()
		}), nil
	case "claims":
		return queryClaims(deps, env, msg.Address)
	case "current_batch":
		return queryCurrentBatch(deps)
	case "allowance":
		a, _, err := allowances.MayLoad(deps.Storage, std.Pair[string, string]{A: msg.Owner, B: msg.Spender})
		if err != nil {
			return nil, err
		}
		return jsonFunc(a.encode), nil
	case "all_allowances":
		return queryAllAllowances(deps, msg)
	case "all_accounts":
		// In canonical-address order (the storage order). Accounts that hold no tokens (only
		// unclaimed rewards) are not listed.
		var start *std.Bound[[]byte]
		if msg.StartAfter != "" {
			key, err := deps.API.AddrCanonicalize(msg.StartAfter)
			if err != nil {
				return nil, err
			}
			start = std.Exclusive(key)
		}
		limit := pageLimit(msg.Limit)
		var accounts []string
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
		return jsonFunc(func(w *cwjson.Writer) {
			w.ObjectStart()
			w.Key("accounts")
			writeStringList(w, accounts)
			w.ObjectEnd()
		}), nil
	}
	return nil, errors.New("unknown query")
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
	return jsonFunc(func(w *cwjson.Writer) {
		w.ObjectStart()
		w.Key("total_staked")
		p.delegated.EncodeJSON(w)
		w.Key("total_supply")
		p.supply.EncodeJSON(w)
		w.Key("exchange_rate")
		rate.EncodeJSON(w)
		w.Key("reward_index")
		p.rs.Index.EncodeJSON(w)
		w.Key("reserved_rewards")
		p.rs.Reserved.EncodeJSON(w)
		w.Key("queued_shares")
		p.rs.Queued.EncodeJSON(w)
		w.Key("stakes")
		w.ArrayStart()
		for _, s := range p.stakes {
			w.ObjectStart()
			w.Key("validator")
			w.String(s.Validator)
			w.Key("amount")
			s.Amount.EncodeJSON(w)
			w.ObjectEnd()
		}
		w.ArrayEnd()
		w.ObjectEnd()
	}), nil
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
	type entry struct {
		id     uint64
		c      Claim
		b      Batch
		amount std.Uint128
		payout std.Uint128
	}
	var list []entry
	it := std.PrefixRange(deps.Storage, claims, addr, std.Ascending)
	for len(list) < 100 && it.Next() {
		list = append(list, entry{id: it.Key(), c: it.Value()})
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	for i := range list {
		e := &list[i]
		if e.id >= rs.Batch {
			continue
		}
		if e.b, err = batches.Load(deps.Storage, e.id); err != nil {
			return nil, err
		}
		if e.b.Shares.IsZero() {
			continue // cannot happen: a processed batch has the shares of its claims
		}
		// The claim's part of the batch's amount: floor (the dust goes to the holders); Shares > 0
		// (checked).
		if e.amount, err = e.c.Shares.MulDivFloor(e.b.Undelegated, e.b.Shares); err != nil {
			return nil, err
		}
		if e.b.Settled {
			// What withdraw pays: floor, as there; Shares > 0 (checked).
			if e.payout, err = e.c.Shares.MulDivFloor(e.b.Payout, e.b.Shares); err != nil {
				return nil, err
			}
		}
	}
	now := uint64(env.Block.Time)
	return jsonFunc(func(w *cwjson.Writer) {
		w.ObjectStart()
		w.Key("claims")
		w.ArrayStart()
		for _, e := range list {
			w.ObjectStart()
			w.Key("batch_id")
			w.Uint64(e.id)
			w.Key("shares")
			e.c.Shares.EncodeJSON(w)
			w.Key("amount")
			if e.id >= rs.Batch {
				w.Null()
			} else {
				e.amount.EncodeJSON(w)
			}
			w.Key("state")
			switch {
			case e.id >= rs.Batch:
				w.String("pending")
			case e.b.Completion == 0 || e.b.Completion > now:
				w.String("unbonding")
			default:
				w.String("matured")
			}
			w.Key("completion_time")
			w.Uint64String(e.b.Completion)
			w.Key("payout")
			if e.b.Settled {
				e.payout.EncodeJSON(w)
			} else {
				w.Null()
			}
			w.ObjectEnd()
		}
		w.ArrayEnd()
		w.ObjectEnd()
	}), nil
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
	return jsonFunc(func(w *cwjson.Writer) {
		w.ObjectStart()
		w.Key("id")
		w.Uint64(rs.Batch)
		w.Key("shares")
		rs.Queued.EncodeJSON(w)
		w.Key("claims")
		w.Uint64(rs.BatchClaims)
		w.Key("opened")
		w.Uint64String(rs.BatchStart)
		w.Key("processable_from")
		w.Uint64String(batchReady(cfg, rs))
		w.ObjectEnd()
	}), nil
}

func queryAllAllowances(deps *std.Deps, msg QueryMsg) (std.JSONMarshaler, error) {
	type entry struct {
		spender string
		a       Allowance
	}
	limit := pageLimit(msg.Limit)
	var list []entry
	it := std.PrefixRange(deps.Storage, allowances, msg.Owner, std.Ascending)
	for len(list) < limit && it.Next() {
		if msg.StartAfter != "" && it.Key() <= msg.StartAfter {
			continue
		}
		list = append(list, entry{it.Key(), it.Value()})
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return jsonFunc(func(w *cwjson.Writer) {
		w.ObjectStart()
		w.Key("allowances")
		w.ArrayStart()
		for _, e := range list {
			w.ObjectStart()
			w.Key("spender")
			w.String(e.spender)
			w.Key("allowance")
			e.a.Amount.EncodeJSON(w)
			w.Key("expires")
			e.a.Expires.EncodeJSON(w)
			w.ObjectEnd()
		}
		w.ArrayEnd()
		w.ObjectEnd()
	}), nil
}
