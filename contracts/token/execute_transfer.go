package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// spend checks that spender may move amount of owner's tokens (itself, or within an unexpired
// allowance) and returns the allowance write to do, if any.
func spend(deps *std.Deps, env std.Env, spender, owner string, amount std.Uint128) (func() error, error) {
	if spender == owner {
		return func() error { return nil }, nil
	}
	key := std.Pair[string, string]{A: owner, B: spender}
	a, found, err := allowances.MayLoad(deps.Storage, key)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrNoAllowance
	}
	if a.Expires.expired(env.Block) {
		return nil, ErrAllowanceExpired
	}
	if a.Allowance.Lt(amount) {
		return nil, withDetail("", ErrInsufficientAllowance, ": "+a.Allowance.String()+" left")
	}
	a.Allowance = a.Allowance.SaturatingSub(amount)
	return func() error {
		if a.Allowance.IsZero() {
			allowances.Remove(deps.Storage, key)
			return nil
		}
		return allowances.Save(deps.Storage, key, a)
	}, nil
}

func executeTransfer(deps *std.Deps, env std.Env, spender, owner, recipient string, amount std.Uint128, action string) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, ErrZeroAmount
	}
	if err := deps.API.AddrValidate(recipient); err != nil {
		return std.Response{}, withCause(ErrInvalidRecipient, err)
	}
	if err := moveTokens(deps, env, spender, owner, recipient, amount); err != nil {
		return std.Response{}, err
	}
	kv := []string{"action", action,
		"from", owner,
		"to", recipient,
		"amount", amount.String()}
	if spender != owner {
		kv = append(kv, "by", spender)
	}
	return respond(kv...), nil
}

// moveTokens moves amount from owner to recipient (spent by spender), settling both holders'
// rewards first. It books every reward earned up to now (harvestPool: what the chain would pay,
// without claiming it) before the balances change, so the sender keeps what its shares earned
// while it held them and the recipient earns only from now on. Without that, whoever held the
// shares at the next booking took the rewards of the time before (a buyer through an AMM pool or
// a borrower could receive shares, claim and return them in one block).
func moveTokens(deps *std.Deps, env std.Env, spender, owner, recipient string, amount std.Uint128) error {
	allow, err := spend(deps, env, spender, owner, amount)
	if err != nil {
		return err
	}
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return err
	}
	from, err := p.change(deps, owner, std.Uint128{}, amount)
	if err != nil {
		return err
	}
	if err := from.save(deps); err != nil { // saved first so a self-transfer reads it back
		return err
	}
	to, err := p.change(deps, recipient, amount, std.Uint128{})
	if err != nil {
		return err // cannot happen after the debit succeeded (the total fits in the supply)
	}
	if err := to.save(deps); err != nil {
		return err
	}
	if err := p.save(deps); err != nil { // the index, the reserve and the fee booked above
		return err
	}
	return allow()
}

func executeSend(deps *std.Deps, env std.Env, spender, owner, contract string, amount std.Uint128, hook []byte, action string) (std.Response, error) {
	if contract == env.Contract.Address {
		// Sending to this contract unbonds: {"unbond":{}} is the only hook it understands.
		var h HookMsg
		if err := h.UnmarshalJSON(hook); err != nil {
			return std.Response{}, withCause(ErrBadHook, err)
		}
		if amount.IsZero() {
			return std.Response{}, ErrZeroAmount
		}
		allow, err := spend(deps, env, spender, owner, amount)
		if err != nil {
			return std.Response{}, err
		}
		resp, err := executeUnbond(deps, env, owner, spender, amount, action)
		if err != nil {
			return std.Response{}, err
		}
		return resp, allow()
	}
	resp, err := executeTransfer(deps, env, spender, owner, contract, amount, action)
	if err != nil {
		return std.Response{}, err
	}
	msg, err := std.WasmExecuteMsg(contract, marshalFunc(Cw20ReceiveMsg{Receive: &ReceiveMsg{Sender: spender, Amount: amount, Msg: hook}}.MarshalJSON))
	if err != nil {
		return std.Response{}, err
	}
	addMessages(&resp, msg)
	return resp, nil
}

func executeBurn(deps *std.Deps, env std.Env, spender, owner string, amount std.Uint128, action string) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, ErrZeroAmount
	}
	allow, err := spend(deps, env, spender, owner, amount)
	if err != nil {
		return std.Response{}, err
	}
	// Rewards earned up to now are booked first, so the burner keeps what its shares earned and
	// the remaining holders only gain the burned shares' stake.
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return std.Response{}, err
	}
	c, err := p.change(deps, owner, std.Uint128{}, amount)
	if err != nil {
		return std.Response{}, err
	}
	// The burned shares' stake stays: their value goes to the remaining holders.
	p.supply = p.supply.SaturatingSub(amount)
	if err := c.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := allow(); err != nil {
		return std.Response{}, err
	}
	return respond("action", action,
		"from", owner,
		"by", spender,
		"amount", amount.String()), nil
}

// executeAllowance raises (increase) or lowers an allowance of owner's shares for msg.Spender;
// an expired allowance counts as none, and one lowered to zero is removed.
func executeAllowance(deps *std.Deps, env std.Env, owner string, msg AllowanceMsg, increase bool, action string) (std.Response, error) {
	if err := deps.API.AddrValidate(msg.Spender); err != nil {
		return std.Response{}, withCause(ErrInvalidSpender, err)
	}
	if msg.Spender == owner {
		return std.Response{}, ErrSelfAllowance
	}
	if msg.Expires != nil && msg.Expires.expired(env.Block) {
		return std.Response{}, ErrExpired
	}
	key := std.Pair[string, string]{A: owner, B: msg.Spender}
	a, found, err := allowances.MayLoad(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	if !found || a.Expires.expired(env.Block) {
		a = AllowanceResponse{Expires: never()}
	}
	if msg.Expires != nil {
		a.Expires = *msg.Expires
	}
	if increase {
		if a.Allowance, err = a.Allowance.CheckedAdd(msg.Amount); err != nil {
			return std.Response{}, err
		}
	} else {
		a.Allowance = a.Allowance.SaturatingSub(msg.Amount)
	}
	if a.Allowance.IsZero() {
		allowances.Remove(deps.Storage, key)
	} else if err := allowances.Save(deps.Storage, key, a); err != nil {
		return std.Response{}, err
	}
	return respond("action", action,
		"owner", owner,
		"spender", msg.Spender,
		"amount", msg.Amount.String(),
		"allowance", a.Allowance.String()), nil
}
