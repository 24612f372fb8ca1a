package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// quote is the result of the swap math for offer of the pair's denom at index from.
type quote struct {
	from, to                                    int
	gross, commission, ret, ideal, spreadAmount std.Uint128
}

func computeSwap(cfg Config, res Reserves, offer Asset, ask *AssetInfo) (quote, error) {
	var q quote
	offerDenom, err := offer.Info.denom()
	if err != nil {
		return q, err
	}
	from, err := cfg.index(offerDenom)
	if err != nil {
		return q, err
	}
	q.from, q.to = from, 1-from
	if ask != nil {
		askDenom, err := ask.denom()
		if err != nil {
			return q, err
		}
		if askDenom != cfg.Denoms[q.to] {
			return q, std.WithDetail("ask asset "+askDenom+" ", ErrAskNotOtherSide, "")
		}
	}
	if offer.Amount.IsZero() {
		return q, ErrZeroOffer
	}
	offerPool, askPool := res.Amounts[q.from], res.Amounts[q.to]
	if offerPool.IsZero() || askPool.IsZero() {
		return q, ErrEmptyPool
	}
	den, err := offerPool.CheckedAdd(offer.Amount)
	if err != nil {
		return q, err
	}
	// floor: the pool keeps the fraction.
	if q.gross, err = askPool.MulDivFloor(offer.Amount, den); err != nil {
		return q, err
	}
	// ceil: the fee is never rounded away. commission <= gross since fee_bps <= 10000.
	if q.commission, err = q.gross.MulDivCeil(std.NewUint128(uint64(cfg.FeeBps)), bps); err != nil {
		return q, err
	}
	q.ret, _ = q.gross.CheckedSub(q.commission)
	// floor, like gross, so spread = ideal − gross is the pure price impact (never negative:
	// offer_pool < offer_pool + offer).
	if q.ideal, err = askPool.MulDivFloor(offer.Amount, offerPool); err != nil {
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

func swap(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, msg *SwapMsg) (std.Response, error) {
	q, err := computeSwap(cfg, res, msg.OfferAsset, msg.AskAssetInfo)
	if err != nil {
		return std.Response{}, err
	}
	var want [2]std.Uint128
	want[q.from] = msg.OfferAsset.Amount
	if err := fundsExactly(cfg, info.Funds, want); err != nil {
		return std.Response{}, err
	}
	if q.ret.IsZero() {
		return std.Response{}, ErrNothingReturns
	}
	if err := checkSpread(q, msg.OfferAsset.Amount, msg.BeliefPrice, msg.MaxSpread); err != nil {
		return std.Response{}, err
	}
	to := info.Sender
	if msg.To != nil {
		if err := deps.API.AddrValidate(*msg.To); err != nil {
			return std.Response{}, std.WithCause(ErrInvalidTo, err)
		}
		to = *msg.To
	}
	// The offer joins the pool; return leaves it; the commission stays.
	if res.Amounts[q.from], err = res.Amounts[q.from].CheckedAdd(msg.OfferAsset.Amount); err != nil {
		return std.Response{}, err
	}
	res.Amounts[q.to], _ = res.Amounts[q.to].CheckedSub(q.ret) // ret <= gross < ask_pool
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	askDenom := cfg.Denoms[q.to]
	return std.Response{}.
		WithAttribute("action", "swap").
		WithAttribute("sender", info.Sender).
		WithAttribute("receiver", to).
		WithAttribute("offer_asset", cfg.Denoms[q.from]).
		WithAttribute("ask_asset", askDenom).
		WithAttribute("offer_amount", msg.OfferAsset.Amount.String()).
		WithAttribute("return_amount", q.ret.String()).
		WithAttribute("spread_amount", q.spreadAmount.String()).
		WithAttribute("commission_amount", q.commission.String()).
		WithMessage(std.BankSendMsg(to, std.Coin{Denom: askDenom, Amount: q.ret})), nil
}
