package main

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// executeDeposit mints shares for the deposit at the rate of now and delegates it. It writes
// nothing: the delegation's claim-before-change pays the contract the rewards that validator's
// stake has earned, and those belong to the holders before this deposit. The delegate is a
// sub-message whose response says what it paid (MsgDelegateResponse.claimed_rewards);
// completeDeposit books that into the index and only then mints (so the depositor gets none of
// it), without asking the chain for that validator's pending rewards first (a costly query,
// README.md "Gas"). Rewards pending on the contract's other validators are still asked
// for (and booked, not claimed), so a holder earns only for the time it held.
func executeDeposit(deps *std.Deps, env std.Env, info std.MessageInfo) (std.Response, error) {
	p, err := stakedPool(deps, env, needStakeStatus)
	if err != nil {
		return std.Response{}, err
	}
	if err := refuseDelisted(p.rs); err != nil {
		return std.Response{}, err
	}
	cfg := p.cfg
	if len(info.Funds) != 1 {
		return std.Response{}, withDetail("", ErrOneCoin, ", of "+cfg.AssetDenom)
	}
	if info.Funds[0].Denom != cfg.AssetDenom {
		return std.Response{}, withDetail("", ErrWrongDenom, " "+info.Funds[0].Denom+": deposit "+cfg.AssetDenom)
	}
	amount := info.Funds[0].Amount
	if amount.IsZero() {
		return std.Response{}, ErrZeroAmount
	}
	val := p.leastStaked()
	if val == "" {
		return std.Response{}, ErrNoBondedValidator
	}
	// Everything the contract holds or is owed in the reward denom except what val's delegation
	// pays: the reply adds that and books what is beyond the reserve.
	bal, err := deps.Querier.QueryBalance(p.self, p.cfg.RewardDenom)
	if err != nil {
		return std.Response{}, err
	}
	others, err := p.othersPending(deps, val)
	if err != nil {
		return std.Response{}, err
	}
	if others, err = others.CheckedAdd(bal.Amount); err != nil {
		return std.Response{}, err
	}
	// What the holders own in the asset besides the stake, priced into the deposit so a depositor
	// buys none of it: the surplus, asset no record explains (a donation), the asset-denom rewards
	// pending on the other validators (pendingRewards recorded them), and, added by the reply, what
	// val's delegation pays (learnt only from its response).
	value, err := p.assetValue(deps, amount)
	if err != nil {
		return std.Response{}, err
	}
	var minted, locked std.Uint128
	rateSupply, err := p.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	if rateSupply.IsZero() {
		// First deposit: 1 share per token, minus the locked shares.
		if amount.Lt(p.cfg.MinInitialDeposit) {
			return std.Response{}, withDetail("", ErrFirstDepositTooSmall, " "+p.cfg.MinInitialDeposit.String()+p.cfg.AssetDenom)
		}
		locked = u128(lockedShares)
		minted = amount.SaturatingSub(locked) // amount > MinInitialDeposit > locked
	} else {
		if value.IsZero() {
			return std.Response{}, ErrStakeWorthless
		}
		// (A deposit that would mint nothing is refused by the reply, which knows the whole value.)
	}
	sub := std.NewSubMsg(replyDeposit, alliance.DelegateMsg(val, std.Coin{Denom: p.cfg.AssetDenom, Amount: amount}), std.ReplySuccess)
	if sub.Payload, err = (depositPayload{sender: info.Sender, amount: amount, value: value, locked: locked, incoming: others, cfg: p.cfg, rs: p.rs}).encode(); err != nil {
		return std.Response{}, err
	}
	kv := []string{"action", "deposit",
		"sender", info.Sender,
		"amount", amount.String(),
		"validator", val,
		"staked_before", p.delegated.String(),
		"supply_before", rateSupply.String()}
	if !locked.IsZero() {
		kv = append(kv, "shares", minted.String(), "locked_shares", locked.String())
	}
	resp := respond(kv...)
	resp.Messages = []std.SubMsg{sub}
	return resp, nil
}

// othersPending records and returns the rewards pending on every configured validator but val
// (one stakes query with rewards, none with a single validator): val's own are paid by the
// deposit's delegation and learnt from its response.
func (p *pool) othersPending(deps *std.Deps, val string) (std.Uint128, error) {
	others := make([]string, 0, len(p.cfg.Validators))
	for _, v := range p.cfg.Validators {
		if v != val {
			others = append(others, v)
		}
	}
	if len(others) == 0 {
		return std.Uint128{}, nil
	}
	stakes, _, err := alliance.QueryValidatorStakes(deps.Querier, bt.StakesRequest{Delegator: p.self, Denom: p.cfg.AssetDenom, Validators: others, Rewards: true})
	if err != nil {
		return std.Uint128{}, err
	}
	return p.pendingRewards(stakes)
}

// depositPayload carries a deposit from executeDeposit to completeDeposit: who gets how many
// shares, the reward-denom tokens the contract held or was owed apart from the delegate's
// validator, and the config and reward state execute read. Nothing but the chain's delegate runs
// in between (x/alliance and the bank transfers it makes never call a contract), so the stored
// state is still exactly this: the reply does not read it again (two storage reads saved).
type depositPayload struct {
	sender string
	// amount deposited; value: the holders' asset before it, without val's pending asset reward
	// (assetValue); locked: the locked shares of a first deposit (else 0); incoming: see above.
	amount, value, locked, incoming std.Uint128
	cfg                             Config
	rs                              RewardState
}

// encode writes the four amounts in decimal and the sender, separated by spaces (none of them
// contains one), a newline, the config's JSON (which has no raw newline), a newline, and the
// reward state as stored (binary, last: the decoder takes everything after the second newline).
func (d depositPayload) encode() ([]byte, error) {
	var b []byte
	for _, v := range []std.Uint128{d.amount, d.value, d.locked, d.incoming} {
		b = append(append(b, v.String()...), ' ')
	}
	b = append(append(b, d.sender...), '\n')
	cfg, err := d.cfg.MarshalJSON()
	if err != nil {
		return nil, err
	}
	rs, err := d.rs.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return append(append(append(b, cfg...), '\n'), rs...), nil
}

// cut returns b up to the first sep and the rest after it.
func cut(b []byte, sep byte) ([]byte, []byte, bool) {
	for i, c := range b {
		if c == sep {
			return b[:i], b[i+1:], true
		}
	}
	return b, nil, false
}

func decodeDepositPayload(b []byte) (depositPayload, error) {
	var d depositPayload
	for _, v := range []*std.Uint128{&d.amount, &d.value, &d.locked, &d.incoming} {
		field, rest, ok := cut(b, ' ')
		if !ok {
			return d, ErrBadPayload
		}
		var err error
		if *v, err = std.ParseUint128(string(field)); err != nil {
			return d, ErrBadPayload
		}
		b = rest
	}
	sender, rest, ok := cut(b, '\n')
	cfg, rs, ok2 := cut(rest, '\n')
	if !ok || !ok2 {
		return d, ErrBadPayload
	}
	d.sender = string(sender)
	if err := d.cfg.UnmarshalJSON(cfg); err != nil {
		return d, ErrBadPayload
	}
	if err := d.rs.UnmarshalJSON(rs); err != nil {
		return d, ErrBadPayload
	}
	return d, nil
}

// completeDeposit completes a deposit once the stake is delegated: it books the rewards not yet
// booked (at the supply before the deposit: what execute saw plus what the delegation paid,
// beyond the reserve), then credits the depositor's shares (and the locked shares of a first
// deposit).
func completeDeposit(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	res, err := alliance.DelegateResult(r)
	if err != nil {
		return std.Response{}, err
	}
	d, err := decodeDepositPayload(r.Payload)
	if err != nil {
		return std.Response{}, err
	}
	p := &pool{self: env.Contract.Address, cfg: d.cfg, rs: d.rs, supply: d.rs.Supply}
	claimed, asset, err := p.splitRewards(res.ClaimedRewards)
	if err != nil {
		return std.Response{}, err
	}
	p.assetPending = asset
	incoming, err := d.incoming.CheckedAdd(claimed)
	if err != nil {
		return std.Response{}, err
	}
	// Part of what the delegation paid may have been booked before (as pending): the reserve
	// covers it. Saturating: the reserve exceeds what is there only by chain-side rounding.
	fresh := incoming.SaturatingSub(p.rs.Reserved)
	if err := p.book(deps, fresh); err != nil {
		return std.Response{}, err
	}
	// The shares, at the supply and value before the deposit (val's asset reward included now).
	var minted std.Uint128
	if !d.locked.IsZero() {
		minted = d.amount.SaturatingSub(d.locked) // first deposit: amount > MinInitialDeposit > locked
	} else {
		rateSupply, err := p.rateSupply()
		if err != nil {
			return std.Response{}, err
		}
		value, err := d.value.CheckedAdd(asset)
		if err != nil {
			return std.Response{}, err
		}
		// shares = amount × (supply + queued) / value, rounded down (in favour of the holders and
		// the waiting batch); value >= d.value > 0 (checked by executeDeposit).
		if minted, err = d.amount.MulDivFloor(rateSupply, value); err != nil {
			return std.Response{}, err
		}
		if minted.IsZero() {
			return std.Response{}, ErrDepositTooSmall
		}
	}
	user, err := p.change(deps, d.sender, minted, std.Uint128{})
	if err != nil {
		return std.Response{}, err
	}
	if err := user.save(deps); err != nil {
		return std.Response{}, err
	}
	if !d.locked.IsZero() {
		lock, err := p.change(deps, p.self, d.locked, std.Uint128{})
		if err != nil {
			return std.Response{}, err
		}
		if err := lock.save(deps); err != nil {
			return std.Response{}, err
		}
	}
	if p.supply, err = p.supply.CheckedAdd(minted); err != nil {
		return std.Response{}, err
	}
	if p.supply, err = p.supply.CheckedAdd(d.locked); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	return respond("action", "deposit_booked", "shares", minted.String(), "rewards_booked", fresh.String()), nil
}
