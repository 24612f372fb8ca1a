package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// quote is the result of the swap math for an offer of the pair's side from.
type quote struct {
	from, to                                    int
	gross, commission, ret, ideal, spreadAmount std.Uint128
}

// computeSwap prices a swap of amount of side from; ask, when given, must name the other side.
func computeSwap(cfg Config, res Reserves, from int, amount std.Uint128, ask *pairmsg.AssetInfo) (quote, error) {
	q := quote{from: from, to: 1 - from}
	if ask != nil {
		if i, err := cfg.indexOf(*ask); err != nil || i != q.to {
			name, _ := assetName(*ask)
			return q, std.WithDetail("ask asset "+name+" ", ErrAskNotOtherSide, "")
		}
	}
	if amount.IsZero() {
		return q, ErrZeroOffer
	}
	offerPool, askPool := res.Amounts[q.from], res.Amounts[q.to]
	if offerPool.IsZero() || askPool.IsZero() {
		return q, ErrEmptyPool
	}
	den, err := offerPool.CheckedAdd(amount)
	if err != nil {
		return q, err
	}
	// floor: the pool keeps the fraction.
	if q.gross, err = askPool.MulDivFloor(amount, den); err != nil {
		return q, err
	}
	// ceil: the fee is never rounded away. commission <= gross since fee_bps <= 10000.
	if q.commission, err = q.gross.MulDivCeil(std.NewUint128(uint64(cfg.FeeBps)), bps); err != nil {
		return q, err
	}
	q.ret, _ = q.gross.CheckedSub(q.commission)
	// floor, like gross, so spread = ideal − gross is the pure price impact (never negative:
	// offer_pool < offer_pool + offer).
	if q.ideal, err = askPool.MulDivFloor(amount, offerPool); err != nil {
		// ideal can exceed 128 bits only for absurd offers; such a trade is refused anyway.
		return q, ErrOfferTooLarge
	}
	q.spreadAmount = q.ideal.SaturatingSub(q.gross)
	return q, nil
}

// checkSpread applies the max_spread rule of the package comment.
func checkSpread(q quote, offer std.Uint128, beliefPrice, maxSpread *std.Decimal) error {
	ms := defaultMaxSpread
	if maxSpread != nil {
		ms = *maxSpread
	}
	if ms.Cmp(maxAllowedSpread) > 0 {
		return ErrMaxSpreadTooHigh
	}
	if beliefPrice != nil {
		if beliefPrice.IsZero() {
			return ErrZeroBeliefPrice
		}
		expected, err := offer.DivFloor(*beliefPrice)
		if err != nil {
			return err
		}
		if q.ret.Lt(expected) {
			allowed, err := expected.MulFloor(ms)
			if err != nil {
				return err
			}
			if shortfall, _ := expected.CheckedSub(q.ret); shortfall.Gt(allowed) {
				return ErrMaxSpread
			}
		}
		return nil
	}
	allowed, err := q.ideal.MulFloor(ms)
	if err != nil {
		return err
	}
	if q.spreadAmount.Gt(allowed) {
		return ErrMaxSpread
	}
	return nil
}

// swapOrder is a swap asked for by trader: the sender of the offered bank denom, or the holder
// who sent the offered cw20 (receive).
type swapOrder struct {
	trader                 string
	ask                    *pairmsg.AssetInfo
	beliefPrice, maxSpread *std.Decimal
	to                     *string
}

// executeSwap sells a bank denom sent as funds.
func executeSwap(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, msg *pairmsg.SwapMsg) (std.Response, error) {
	if msg.OfferAsset.Info.Token != nil {
		return std.Response{}, ErrCw20DirectSwap
	}
	from, err := cfg.indexOf(msg.OfferAsset.Info)
	if err != nil {
		return std.Response{}, err
	}
	amount := msg.OfferAsset.Amount
	q, err := computeSwap(cfg, res, from, amount, msg.AskAssetInfo)
	if err != nil {
		return std.Response{}, err
	}
	var want [2]std.Uint128
	want[from] = amount
	if err := fundsExactly(cfg, info.Funds, want); err != nil {
		return std.Response{}, err
	}
	return swap(deps, cfg, res, q, amount, swapOrder{info.Sender, msg.AskAssetInfo, msg.BeliefPrice, msg.MaxSpread, msg.To})
}

// executeReceive is a cw20 of the pair telling that msg.Sender sent it msg.Amount, to be swapped
// by the hook in msg.Msg. Only the pair's own cw20 contracts are believed.
func executeReceive(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, msg *Cw20ReceiveMsg) (std.Response, error) {
	from, err := cfg.index(info.Sender, true)
	if err != nil {
		return std.Response{}, std.WithDetail("receive from "+info.Sender+": ", ErrNotPairToken, "")
	}
	if len(info.Funds) > 0 {
		return std.Response{}, ErrReceiveFunds
	}
	if err := deps.API.AddrValidate(msg.Sender); err != nil {
		return std.Response{}, std.WithCause(ErrInvalidSender, err)
	}
	var hook Cw20HookMsg
	if err := hook.UnmarshalJSON(msg.Msg); err != nil {
		return std.Response{}, std.WithCause(ErrBadHook, err)
	}
	h := hook.Swap // the only variant: the decoder refuses any other
	if h == nil {
		return std.Response{}, ErrBadHook
	}
	q, err := computeSwap(cfg, res, from, msg.Amount, h.AskAssetInfo)
	if err != nil {
		return std.Response{}, err
	}
	return swap(deps, cfg, res, q, msg.Amount, swapOrder{msg.Sender, h.AskAssetInfo, h.BeliefPrice, h.MaxSpread, h.To})
}

// swap completes a priced swap of amount (already received) for o.trader.
func swap(deps *std.Deps, cfg Config, res Reserves, q quote, amount std.Uint128, o swapOrder) (std.Response, error) {
	if q.ret.IsZero() {
		return std.Response{}, ErrNothingReturns
	}
	if err := checkSpread(q, amount, o.beliefPrice, o.maxSpread); err != nil {
		return std.Response{}, err
	}
	to := o.trader
	if o.to != nil {
		if err := deps.API.AddrValidate(*o.to); err != nil {
			return std.Response{}, std.WithCause(ErrInvalidTo, err)
		}
		to = *o.to
	}
	var err error
	// The offer joins the pool; return leaves it; the commission stays.
	if res.Amounts[q.from], err = res.Amounts[q.from].CheckedAdd(amount); err != nil {
		return std.Response{}, err
	}
	res.Amounts[q.to], _ = res.Amounts[q.to].CheckedSub(q.ret) // ret <= gross < ask_pool
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	var out [2]std.Uint128
	out[q.to] = q.ret
	bank, cw20, err := cfg.payouts(to, out)
	if err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "swap",
		"sender", o.trader,
		"receiver", to,
		"offer_asset", cfg.Denoms[q.from],
		"ask_asset", cfg.Denoms[q.to],
		"offer_amount", amount.String(),
		"return_amount", q.ret.String(),
		"spread_amount", q.spreadAmount.String(),
		"commission_amount", q.commission.String())
	return withCw20Messages(deps, resp, bank, cw20), nil
}
