package main

// Deposits: the shares are minted to the depositor (share.go).

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
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
	var minted, locked, newSupply, value std.Uint128
	if rs.IsZero() {
		min := std.NewUint128(MinimumShares)
		if !amount.Gt(min) {
			return std.Response{}, ErrFirstDepositTooSmall
		}
		minted, _ = amount.CheckedSub(min)
		locked, newSupply = min, amount
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
	resp := std.Response{}.
		WithAttribute("action", "deposit").
		WithAttribute("depositor", info.Sender).
		WithAttribute("amount", amount.String()).
		WithAttribute("shares", minted.String()).
		WithAttribute("validator", val).
		WithAttribute("value", value.String())
	if !locked.IsZero() { // the first deposit: the locked shares are the contract's own, for good
		resp = resp.WithMessage(tokenfactory.MintMsg(cfg.ShareDenom, locked, env.Contract.Address))
	}
	return resp.WithMessage(tokenfactory.MintMsg(cfg.ShareDenom, minted, info.Sender)).
		WithMessage(alliance.DelegateMsg(val, std.Coin{Denom: cfg.AssetDenom, Amount: amount})), nil
}
