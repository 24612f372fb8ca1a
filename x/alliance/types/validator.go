package types

import (
	"sort"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// NewAllianceValidatorInfo returns empty bookkeeping for a validator.
func NewAllianceValidatorInfo() AllianceValidatorInfo {
	return AllianceValidatorInfo{
		GlobalRewardHistory:  []RewardHistory{},
		TotalDelegatorShares: []sdk.DecCoin{},
		ValidatorShares:      []sdk.DecCoin{},
	}
}

func amountOf(coins []sdk.DecCoin, denom string) math.LegacyDec {
	for _, c := range coins {
		if c.Denom == denom {
			return c.Amount
		}
	}
	return math.LegacyZeroDec()
}

// setAmount writes denom's amount, dropping zero entries and keeping the
// slice sorted by denom (deterministic encoding).
func setAmount(coins []sdk.DecCoin, denom string, amt math.LegacyDec) []sdk.DecCoin {
	out := make([]sdk.DecCoin, 0, len(coins)+1)
	for _, c := range coins {
		if c.Denom != denom {
			out = append(out, c)
		}
	}
	if amt.IsPositive() {
		out = append(out, sdk.DecCoin{Denom: denom, Amount: amt})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Denom < out[j].Denom })
	return out
}

// ValidatorSharesOf is vS_{a,V}.
func (v AllianceValidatorInfo) ValidatorSharesOf(denom string) math.LegacyDec {
	return amountOf(v.ValidatorShares, denom)
}

// TotalDelegatorSharesOf is TdS_{a,V}.
func (v AllianceValidatorInfo) TotalDelegatorSharesOf(denom string) math.LegacyDec {
	return amountOf(v.TotalDelegatorShares, denom)
}

// SetValidatorShares sets vS_{a,V}.
func (v *AllianceValidatorInfo) SetValidatorShares(denom string, amt math.LegacyDec) {
	v.ValidatorShares = setAmount(v.ValidatorShares, denom, amt)
}

// SetTotalDelegatorShares sets TdS_{a,V}.
func (v *AllianceValidatorInfo) SetTotalDelegatorShares(denom string, amt math.LegacyDec) {
	v.TotalDelegatorShares = setAmount(v.TotalDelegatorShares, denom, amt)
}

// IsEmpty reports whether no asset has shares on the validator.
func (v AllianceValidatorInfo) IsEmpty() bool {
	return len(v.ValidatorShares) == 0 && len(v.TotalDelegatorShares) == 0
}

// RewardIndexOf returns the index of (reward denom, alliance asset).
func RewardIndexOf(hist []RewardHistory, rewardDenom, alliance string) math.LegacyDec {
	for _, h := range hist {
		if h.Denom == rewardDenom && h.Alliance == alliance {
			return h.Index
		}
	}
	return math.LegacyZeroDec()
}

// AddRewardIndex adds delta to (reward denom, alliance) and returns the new,
// sorted history.
func AddRewardIndex(hist []RewardHistory, rewardDenom, alliance string, delta math.LegacyDec) []RewardHistory {
	for i := range hist {
		if hist[i].Denom == rewardDenom && hist[i].Alliance == alliance {
			hist[i].Index = hist[i].Index.Add(delta)
			return hist
		}
	}
	hist = append(hist, RewardHistory{Denom: rewardDenom, Index: delta, Alliance: alliance})
	sort.Slice(hist, func(i, j int) bool {
		if hist[i].Alliance != hist[j].Alliance {
			return hist[i].Alliance < hist[j].Alliance
		}
		return hist[i].Denom < hist[j].Denom
	})
	return hist
}

// IndicesOfAlliance returns a copy of the entries of one alliance asset.
func IndicesOfAlliance(hist []RewardHistory, alliance string) []RewardHistory {
	out := []RewardHistory{}
	for _, h := range hist {
		if h.Alliance == alliance {
			out = append(out, RewardHistory{Denom: h.Denom, Index: h.Index, Alliance: h.Alliance})
		}
	}
	return out
}

func decCoins(cs []sdk.DecCoin) []DecCoinLike {
	out := make([]DecCoinLike, 0, len(cs))
	for _, c := range cs {
		out = append(out, DecCoinLike{denom: c.Denom, negative: c.Amount.IsNil() || c.Amount.IsNegative()})
	}
	return out
}
