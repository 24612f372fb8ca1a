package app

import (
	"context"

	"cosmossdk.io/math"

	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
)

// x/mint sees staking through two methods only (minttypes.StakingKeeper,
// called by its default MintFn in BeginBlock):
//
//	StakingTokenSupply: annual provisions = inflation × this supply
//	BondedRatio:        drives the inflation towards params.GoalBonded
//
// x/staking answers both with the bank supply of the bond denom and the
// balance of its bonded pool. x/alliance mints bond-denom tokens and
// delegates them as virtual stake: they are in that supply and, on bonded
// validators, in the bonded pool, but they belong to nobody. Left in, every
// alliance delegation would raise the provisions (inflation paid on tokens no
// one holds) and the bonded ratio (inflation drifting down), changing native
// stakers' economics. MintStakingView is the staking keeper as x/mint should
// see it: without the virtual stake.
//
// Only x/mint gets this view. The bank supply query, x/staking's own
// queries and everything else still count the virtual stake, since the
// tokens do exist in x/bank and in x/staking.

// MintStakingSource is what MintStakingView reads from x/staking (its keeper
// satisfies it).
type MintStakingSource interface {
	StakingTokenSupply(ctx context.Context) (math.Int, error)
	TotalBondedTokens(ctx context.Context) (math.Int, error)
}

// VirtualStakeSource is what MintStakingView reads from x/alliance (its
// keeper satisfies it): the virtual stake in tokens, in total and the part
// on bonded validators.
type VirtualStakeSource interface {
	VirtualStake(ctx context.Context) (total, bonded math.Int, err error)
}

// MintStakingView implements x/mint's StakingKeeper without x/alliance's
// virtual stake.
type MintStakingView struct {
	staking MintStakingSource
	virtual VirtualStakeSource
}

var _ minttypes.StakingKeeper = MintStakingView{}

// NewMintStakingView wraps the staking keeper for x/mint.
func NewMintStakingView(staking MintStakingSource, virtual VirtualStakeSource) MintStakingView {
	return MintStakingView{staking: staking, virtual: virtual}
}

// StakingTokenSupply is the bank supply of the bond denom minus all the
// virtual stake (also the part on unbonded validators: it is in the supply
// too), never below zero. Integers: no rounding here beyond the floor of
// VirtualStake (at most one token per validator, so the result may be that
// much above the exact native supply).
func (v MintStakingView) StakingTokenSupply(ctx context.Context) (math.Int, error) {
	supply, err := v.staking.StakingTokenSupply(ctx)
	if err != nil {
		return math.ZeroInt(), err
	}
	virtual, _, err := v.virtual.VirtualStake(ctx)
	if err != nil {
		return math.ZeroInt(), err
	}
	return nonNegative(supply.Sub(virtual)), nil
}

// BondedRatio is (bonded tokens − bonded virtual stake) / (supply − virtual
// stake), 0 when that supply is not positive, and each difference never below
// zero. Virtual stake on unbonded validators is in the supply but not in the
// bonded pool, so only its bonded part leaves the numerator. The division is
// x/staking's own (LegacyDec.QuoInt: 18 decimals, truncated towards zero),
// so with no virtual stake the result is exactly x/staking's BondedRatio.
func (v MintStakingView) BondedRatio(ctx context.Context) (math.LegacyDec, error) {
	supply, err := v.staking.StakingTokenSupply(ctx)
	if err != nil {
		return math.LegacyZeroDec(), err
	}
	virtual, bondedVirtual, err := v.virtual.VirtualStake(ctx)
	if err != nil {
		return math.LegacyZeroDec(), err
	}
	native := nonNegative(supply.Sub(virtual))
	if !native.IsPositive() {
		return math.LegacyZeroDec(), nil
	}
	bonded, err := v.staking.TotalBondedTokens(ctx)
	if err != nil {
		return math.LegacyZeroDec(), err
	}
	return math.LegacyNewDecFromInt(nonNegative(bonded.Sub(bondedVirtual))).QuoInt(native), nil
}

func nonNegative(x math.Int) math.Int {
	if x.IsNegative() {
		return math.ZeroInt()
	}
	return x
}
