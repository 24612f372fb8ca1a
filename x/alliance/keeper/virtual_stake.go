package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/math"

	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// VirtualStake returns the bond-denom tokens the module account has delegated
// as virtual stake: total, on every validator, and bonded, the part on bonded
// validators (the part that sits in x/staking's bonded pool; the rest sits in
// the not-bonded pool until the next rebalance burns it).
//
// These tokens were minted by the module and are in the bank supply of the
// bond denom, but they belong to nobody. A chain subtracts them where it
// wants the native economy only, e.g. the view of staking it gives x/mint
// (app.MintStakingView).
//
// Rounding: each delegation is valued at TokensFromShares(shares) floored,
// as the rebalance values it, so the result is at most one token per
// validator below the exact value (never above). Without slashes shares and
// tokens are 1:1 and the result is exact. Cost: one read of the module's
// delegations and one validator read per delegation.
func (k Keeper) VirtualStake(ctx context.Context) (total, bonded math.Int, err error) {
	total, bonded = math.ZeroInt(), math.ZeroInt()
	dels, err := k.stakingKeeper.GetAllDelegatorDelegations(ctx, k.moduleAddress())
	if err != nil {
		return total, bonded, err
	}
	for _, d := range dels {
		v, err := k.valAddr(d.ValidatorAddress)
		if err != nil {
			return math.ZeroInt(), math.ZeroInt(), err
		}
		val, err := k.stakingKeeper.GetValidator(ctx, v)
		if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
			continue
		} else if err != nil {
			return math.ZeroInt(), math.ZeroInt(), err
		}
		tokens := val.TokensFromShares(d.Shares).TruncateInt()
		total = total.Add(tokens)
		if val.IsBonded() {
			bonded = bonded.Add(tokens)
		}
	}
	return total, bonded, nil
}
