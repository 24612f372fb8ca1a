package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func withdraw(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, amount std.Uint128) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, ErrZeroWithdraw
	}
	have, _, err := shares.MayLoad(deps.Storage, info.Sender)
	if err != nil {
		return std.Response{}, err
	}
	if amount.Gt(have) {
		return std.Response{}, std.WithDetail("", ErrInsufficientShares, ": have "+have.String()+", withdrawing "+amount.String())
	}
	var out [2]std.Uint128
	for i := range out {
		// Rounded down: the remaining providers keep the dust. TotalShare > 0 because amount > 0.
		if out[i], err = amount.MulDivFloor(res.Amounts[i], res.TotalShare); err != nil {
			return std.Response{}, err
		}
		res.Amounts[i], _ = res.Amounts[i].CheckedSub(out[i])
	}
	res.TotalShare, _ = res.TotalShare.CheckedSub(amount)
	left, _ := have.CheckedSub(amount)
	if left.IsZero() {
		shares.Remove(deps.Storage, info.Sender)
	} else if err := shares.Save(deps.Storage, info.Sender, left); err != nil {
		return std.Response{}, err
	}
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "withdraw_liquidity",
		"withdrawn_share", amount.String(),
		"refund_assets", out[0].String()+cfg.Denoms[0]+", "+out[1].String()+cfg.Denoms[1])
	bank, cw20, err := cfg.payouts(info.Sender, out)
	if err != nil {
		return std.Response{}, err
	}
	return withCw20Messages(deps, resp, bank, cw20), nil
}
