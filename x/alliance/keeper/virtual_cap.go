package keeper

import (
	"context"

	cmttypes "github.com/cometbft/cometbft/types"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Virtual stake ceiling.
//
// CometBFT refuses a validator set whose total power exceeds
// MaxTotalVotingPower (MaxInt64/8, about 1.15e18), and the node halts on
// the refused update; x/staking's power is tokens / PowerReduction. The
// virtual stake is Σ_a w_a × N, so weights alone (even bounded by
// types.MaxRewardWeight, with many assets) could push the set past it. The
// rebalance therefore never lets the virtual stake take the total power of
// the bonded set past half of CometBFT's limit:
//
//	Σ_V expected(V) ≤ MaxTotalVotingPower/2 × PowerReduction − N
//
// The other half is headroom for native stake that arrives before the next
// rebalance (native delegations queue one in the same block) and for the
// per-validator rounding of power. When the ceiling binds, every
// validator's target is scaled by the same factor, so each asset keeps its
// proportion of the virtual stake and the reward split is unchanged.

// virtualStakeCeiling is the largest total virtual stake (tokens) allowed
// next to native bonded tokens N; zero if N alone is already past it.
func virtualStakeCeiling(native math.Int) math.Int {
	maxTokens := math.NewInt(cmttypes.MaxTotalVotingPower / 2).Mul(sdk.DefaultPowerReduction)
	ceiling := maxTokens.Sub(native)
	if ceiling.IsNegative() {
		return math.ZeroInt()
	}
	return ceiling
}

// capVirtualStake scales the expected virtual stake of every validator down
// by ceiling/total when the total exceeds the ceiling. Each product is
// floored, so the sum stays at or below the ceiling (rounding against the
// virtual stake, never past CometBFT's limit). It returns whether it capped.
func (k Keeper) capVirtualStake(ctx context.Context, states map[string]*valState, native math.Int) bool {
	total := math.LegacyZeroDec()
	for _, s := range states {
		if s.found {
			total = total.Add(s.expected)
		}
	}
	ceiling := math.LegacyNewDecFromInt(virtualStakeCeiling(native))
	if total.LTE(ceiling) { // also covers total = 0: no division below
		return false
	}
	for _, s := range states {
		s.expected = s.expected.MulTruncate(ceiling).QuoTruncate(total) // total > ceiling ≥ 0
	}
	k.Logger(ctx).Error("alliance virtual stake capped below CometBFT's MaxTotalVotingPower",
		"expected", total.TruncateInt().String(), "ceiling", ceiling.TruncateInt().String())
	return true
}
