package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// withdraw burns the LP shares sent as funds and pays their pro-rata part of both reserves.
func withdraw(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, msg *WithdrawLiquidityMsg) (std.Response, error) {
	amount, err := sentLP(cfg, info.Funds)
	if err != nil {
		return std.Response{}, err
	}
	// Every LP coin was minted by the pair and counted in TotalShare, so amount ≤ TotalShare;
	// checked anyway rather than trusted.
	total, err := res.TotalShare.CheckedSub(amount)
	if err != nil {
		return std.Response{}, err
	}
	var out [2]std.Uint128
	for i := range out {
		// Rounded down: the remaining providers keep the dust. TotalShare ≥ amount > 0.
		if out[i], err = amount.MulDivFloor(res.Amounts[i], res.TotalShare); err != nil {
			return std.Response{}, err
		}
		res.Amounts[i], _ = res.Amounts[i].CheckedSub(out[i])
	}
	if msg.MinAssetsToReceive != nil {
		if err := checkMinAssets(cfg, out, *msg.MinAssetsToReceive); err != nil {
			return std.Response{}, err
		}
	}
	res.TotalShare = total
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
	bank = append([]std.CosmosMsg{tokenfactory.BurnMsg(cfg.LPDenom, amount)}, bank...)
	return withCw20Messages(deps, resp, bank, cw20), nil
}

// checkMinAssets refuses a withdrawal paying out (per side) less than a listed minimum.
func checkMinAssets(cfg Config, out [2]std.Uint128, mins []pairmsg.Asset) error {
	for _, m := range mins { // bounded by the message's size
		i, err := cfg.indexOf(m.Info)
		if err != nil {
			return err
		}
		if out[i].Lt(m.Amount) {
			return std.WithDetail("", ErrMinAssets, ": "+out[i].String()+" < "+m.Amount.String()+" "+cfg.Denoms[i])
		}
	}
	return nil
}
