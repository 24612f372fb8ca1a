package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// provide adds both assets for LP shares, minted to the receiver in the LP denom. Bank denoms come as funds; a cw20 side is pulled from
// the provider with transfer_from (Astroport's way: the provider first gives the pair an
// allowance), and only as far as the minted shares use it, so it needs no refund.
func provide(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config, res Reserves, msg *ProvideLiquidityMsg) (std.Response, error) {
	if len(msg.Assets) != 2 {
		return std.Response{}, ErrNeedBothAssets
	}
	var amt [2]std.Uint128
	var seen [2]bool
	for _, a := range msg.Assets {
		i, err := cfg.indexOf(a.Info)
		if err != nil {
			return std.Response{}, err
		}
		if seen[i] {
			return std.Response{}, std.WithDetail("asset "+cfg.Denoms[i]+" ", ErrAssetTwice, "")
		}
		seen[i], amt[i] = true, a.Amount
	}
	if amt[0].IsZero() || amt[1].IsZero() {
		return std.Response{}, ErrZeroDeposit
	}
	funds := amt
	for i := range funds {
		if cfg.isToken(i) {
			funds[i] = std.Uint128{} // pulled below, not sent as funds
		}
	}
	if err := fundsExactly(cfg, info.Funds, funds); err != nil {
		return std.Response{}, err
	}
	receiver := info.Sender
	if msg.Receiver != nil {
		if err := deps.API.AddrValidate(*msg.Receiver); err != nil {
			return std.Response{}, std.WithCause(ErrInvalidReceiver, err)
		}
		receiver = *msg.Receiver
	}

	var minted std.Uint128
	used := amt
	minLiq := std.NewUint128(MinimumLiquidity)
	// The LP shares are minted to the receiver; the first provision also mints the locked ones
	// to the pair itself, so the LP denom's supply is always TotalShare.
	var bank []std.CosmosMsg
	if res.TotalShare.IsZero() {
		// First provision: floor(sqrt(a·b)) shares (< 2^128 for any amounts), of which
		// MinimumLiquidity are locked.
		total := sqrtProduct(amt[0], amt[1])
		if !total.Gt(minLiq) {
			return std.Response{}, ErrInitialTooSmall
		}
		minted, _ = total.CheckedSub(minLiq)
		res.TotalShare = total
		bank = append(bank, tokenfactory.MintMsg(cfg.LPDenom, minLiq, env.Contract.Address))
	} else {
		if res.Amounts[0].IsZero() || res.Amounts[1].IsZero() {
			return std.Response{}, ErrEmptyPool
		}
		// Shares for each side, rounded down (in favour of the pool); the smaller one wins.
		s0, err := amt[0].MulDivFloor(res.TotalShare, res.Amounts[0])
		if err != nil {
			return std.Response{}, err
		}
		s1, err := amt[1].MulDivFloor(res.TotalShare, res.Amounts[1])
		if err != nil {
			return std.Response{}, err
		}
		minted = s0.Min(s1)
		if minted.IsZero() {
			return std.Response{}, ErrDepositTooSmall
		}
		// The side in excess is used only as far as the minted shares need, rounded up (in
		// favour of the pool); the rest is refunded.
		for i := range used {
			need, err := minted.MulDivCeil(res.Amounts[i], res.TotalShare)
			if err != nil {
				return std.Response{}, err
			}
			used[i] = need.Min(amt[i])
		}
		if res.TotalShare, err = res.TotalShare.CheckedAdd(minted); err != nil {
			return std.Response{}, err
		}
	}
	for i := range used {
		var err error
		if res.Amounts[i], err = res.Amounts[i].CheckedAdd(used[i]); err != nil {
			return std.Response{}, err
		}
	}
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	bank = append(bank, tokenfactory.MintMsg(cfg.LPDenom, minted, receiver))
	resp := respond("action", "provide_liquidity",
		"receiver", receiver,
		"assets", used[0].String()+cfg.Denoms[0]+", "+used[1].String()+cfg.Denoms[1],
		"share", minted.String())
	var refund []std.Coin
	var pull []std.CosmosMsg
	for i := range used {
		if cfg.isToken(i) {
			m, err := cw20Message(cfg.Denoms[i], Cw20ExecuteMsg{TransferFrom: &Cw20TransferFrom{Owner: info.Sender, Recipient: env.Contract.Address, Amount: used[i]}})
			if err != nil {
				return std.Response{}, err
			}
			pull = append(pull, m)
		} else if r, _ := amt[i].CheckedSub(used[i]); !r.IsZero() {
			refund = append(refund, std.Coin{Denom: cfg.Denoms[i], Amount: r})
		}
	}
	if len(refund) > 0 {
		bank = append(bank, std.BankSendMsg(info.Sender, refund...))
	}
	return withCw20Messages(deps, resp, bank, pull), nil
}
