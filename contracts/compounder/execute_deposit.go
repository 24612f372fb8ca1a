package main

// Deposits and share transfers.

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func deposit(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config) (std.Response, error) {
	if len(info.Funds) != 1 || info.Funds[0].Denom != cfg.AssetDenom || info.Funds[0].Amount.IsZero() {
		return std.Response{}, withDetail("", ErrDepositCoin, " "+cfg.AssetDenom)
	}
	amount := info.Funds[0].Amount
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	if err := refuseDelisted(deps, env, cfg, v); err != nil {
		return std.Response{}, err
	}
	rs, err := v.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// Rewards matter only when there are holders to own them.
	if err := v.survey(deps, env, cfg, !rs.IsZero()); err != nil {
		return std.Response{}, err
	}
	var minted, newSupply, value std.Uint128
	if rs.IsZero() {
		min := std.NewUint128(MinimumShares)
		if !amount.Gt(min) {
			return std.Response{}, ErrFirstDepositTooSmall
		}
		minted, _ = amount.CheckedSub(min)
		newSupply = amount
	} else {
		if value, err = v.value(deps, env, cfg, amount); err != nil {
			return std.Response{}, err
		}
		if value.IsZero() {
			return std.Response{}, ErrVaultWorthless
		}
		// floor: the depositor, not the existing holders, absorbs the rounding.
		if minted, err = amount.MulDivFloor(rs, value); err != nil {
			return std.Response{}, err
		}
		if minted.IsZero() {
			return std.Response{}, ErrDepositTooSmall
		}
		if newSupply, err = v.supply.CheckedAdd(minted); err != nil {
			return std.Response{}, err
		}
	}
	val := v.target(cfg)
	if val == "" {
		return std.Response{}, ErrNoTargetValidator
	}
	if err := totalShares.Save(deps.Storage, newSupply); err != nil {
		return std.Response{}, err
	}
	if _, err := balances.Update(deps.Storage, info.Sender, func(b std.Uint128, _ bool) (std.Uint128, error) {
		return b.CheckedAdd(minted)
	}); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.
		WithAttribute("action", "deposit").
		WithAttribute("depositor", info.Sender).
		WithAttribute("amount", amount.String()).
		WithAttribute("shares", minted.String()).
		WithAttribute("validator", val).
		WithAttribute("value", value.String()).
		WithMessage(alliance.DelegateMsg(val, std.Coin{Denom: cfg.AssetDenom, Amount: amount})), nil
}

func transfer(deps *std.Deps, info std.MessageInfo, t *TransferMsg) (std.Response, error) {
	if err := deps.API.AddrValidate(t.Recipient); err != nil {
		return std.Response{}, withCause(ErrInvalidRecipient, err)
	}
	if t.Amount.IsZero() {
		return std.Response{}, ErrZeroAmount
	}
	have, _, err := balances.MayLoad(deps.Storage, info.Sender)
	if err != nil {
		return std.Response{}, err
	}
	if t.Amount.Gt(have) {
		return std.Response{}, withDetail("", ErrInsufficientShares, ": have "+have.String()+", transferring "+t.Amount.String())
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
