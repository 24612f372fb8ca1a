package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// StakingSlasher is the part of x/staking's keeper SlashForInfraction
// drives (*stakingkeeper.Keeper).
type StakingSlasher interface {
	GetValidatorByConsAddr(ctx context.Context, cons sdk.ConsAddress) (stakingtypes.Validator, error)
	SlashWithInfractionReason(ctx context.Context, cons sdk.ConsAddress, infractionHeight, power int64,
		fraction math.LegacyDec, reason stakingtypes.Infraction) (math.Int, error)
}

// slashHandledKey marks a context in which SlashForInfraction is running
// x/staking's Slash: the alliance hook leaves the alliance stake to it.
type slashHandledKey struct{}

func slashHandledByAlliance(ctx context.Context) bool {
	v, _ := sdk.UnwrapSDKContext(ctx).Value(slashHandledKey{}).(bool)
	return v
}

// SlashForInfraction is x/staking's SlashWithInfractionReason as x/slashing
// and x/evidence must call it on a chain with alliance virtual stake (the
// app gives them a staking keeper whose Slash lands here). It knows what
// x/staking's hook does not: the infraction height and the nominal fraction.
//
//  1. val's pending rewards are booked with the shares before the slash
//     (outside x/staking's Slash, so x/distribution's bookkeeping of the
//     virtual delegation stays right);
//  2. the module's delegation on val is moved back to the shares it had at
//     the infraction (VirtualSharesAt): virtual stake that left since is
//     delegated again, virtual stake that arrived since is taken out;
//  3. x/staking slashes: the native stake (and the virtual stake of the
//     infraction) lose what x/staking takes for the nominal fraction, as if
//     the virtual stake had not moved; the alliance hook does nothing;
//  4. the adjustment of 2 is undone (what was delegated again is taken out
//     and burned, at its slashed value; what was taken out is delegated
//     again, unslashed) and a rebalance is queued;
//  5. the alliance stake that backed val at the infraction is cut by the
//     nominal fraction (slashAlliance with the infraction height).
//
// Steps 1-2, 4 and 5 each run in their own branch: a failure is logged and
// only loses that step (2 failing: x/staking slashes the stake as it is; 5
// failing: the alliance stake is not slashed), never the native slash or
// the block. When x/staking would not slash (no such validator, unbonded,
// future height, fraction not positive) it is called as is.
func (k Keeper) SlashForInfraction(ctx context.Context, sk StakingSlasher, cons sdk.ConsAddress, infractionHeight, power int64,
	fraction math.LegacyDec, reason stakingtypes.Infraction,
) (math.Int, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	validator, err := sk.GetValidatorByConsAddr(ctx, cons)
	if err != nil || validator.IsUnbonded() || fraction.IsNil() || !fraction.IsPositive() || fraction.GT(math.LegacyOneDec()) ||
		infractionHeight > sdkCtx.BlockHeight() {
		return sk.SlashWithInfractionReason(ctx, cons, infractionHeight, power, fraction, reason)
	}
	val, err := k.valAddr(validator.GetOperator())
	if err != nil {
		return sk.SlashWithInfractionReason(ctx, cons, infractionHeight, power, fraction, reason)
	}

	outer, writeOuter := sdkCtx.CacheContext()
	outer = outer.WithValue(slashHandledKey{}, true)
	var adj virtualAdjustment
	k.slashStep(outer, val, "book rewards and restore the virtual stake of the infraction", func(c context.Context) error {
		if _, err := k.ClaimValidatorRewards(c, val); err != nil {
			return err
		}
		a, err := k.adjustVirtualForSlash(c, val, infractionHeight)
		adj = a
		return err
	})
	burned, err := sk.SlashWithInfractionReason(outer, cons, infractionHeight, power, fraction, reason)
	if err != nil {
		// x/staking refused: nothing of the above happened; its own answer.
		return sk.SlashWithInfractionReason(ctx, cons, infractionHeight, power, fraction, reason)
	}
	writeOuter()
	k.slashStep(sdkCtx, val, "undo the virtual stake restored for the slash", func(c context.Context) error {
		return k.undoVirtualAdjustment(c, val, adj)
	})
	if !k.slashStep(sdkCtx, val, "alliance slashing (alliance stake not slashed)", func(c context.Context) error {
		return k.slashAlliance(c, val, infractionHeight, fraction)
	}) {
		if err := k.QueueRebalance(ctx); err != nil {
			k.Logger(ctx).Error("queue rebalance", "error", err)
		}
	}
	return burned, nil
}

// slashStep runs fn in its own branch (inBranch); a failure is logged with
// what failed and the validator, and its writes discarded. It reports
// whether fn succeeded.
func (k Keeper) slashStep(ctx sdk.Context, val sdk.ValAddress, what string, fn func(context.Context) error) bool {
	if err := inBranch(ctx, fn); err != nil {
		k.Logger(ctx).Error("alliance: "+what+" failed", "validator", k.valString(val), "error", err)
		return false
	}
	return true
}

// virtualAdjustment is what adjustVirtualForSlash changed, for undoing it.
type virtualAdjustment struct {
	added   math.LegacyDec // shares delegated for the slash only
	removed math.Int       // tokens taken out (and burned) for the slash only
}

// adjustVirtualForSlash moves the module's delegation on val to its shares
// entering infractionHeight. Tokens for the missing shares are floored
// (never more virtual stake than at the infraction).
func (k Keeper) adjustVirtualForSlash(ctx context.Context, val sdk.ValAddress, infractionHeight int64) (virtualAdjustment, error) {
	adj := virtualAdjustment{added: math.LegacyZeroDec(), removed: math.ZeroInt()}
	target, err := k.VirtualSharesAt(ctx, val, infractionHeight)
	if err != nil {
		return adj, err
	}
	current, err := k.moduleShares(ctx, val)
	if err != nil {
		return adj, err
	}
	validator, err := k.stakingKeeper.GetValidator(ctx, val)
	if err != nil {
		return adj, err
	}
	switch {
	case target.GT(current):
		if validator.InvalidExRate() {
			return adj, nil // no tokens behind the shares: nothing to restore
		}
		tokens := validator.TokensFromShares(target.Sub(current)).TruncateInt()
		if !tokens.IsPositive() {
			return adj, nil
		}
		shares, err := k.mintAndDelegate(ctx, validator, tokens)
		if err != nil {
			return adj, err
		}
		adj.added = shares
	case target.LT(current):
		removed, err := k.unbondAndBurn(ctx, val, current.Sub(target))
		if err != nil {
			return adj, err
		}
		adj.removed = removed
	}
	return adj, nil
}

// undoVirtualAdjustment reverses adj after x/staking's slash and queues a
// rebalance (the targets changed with the native stake).
func (k Keeper) undoVirtualAdjustment(ctx context.Context, val sdk.ValAddress, adj virtualAdjustment) error {
	if adj.added.IsPositive() || adj.removed.IsPositive() {
		// book anything x/distribution would pay on the change (normally 0:
		// nothing was allocated since step 1)
		if _, err := k.ClaimValidatorRewards(ctx, val); err != nil {
			return err
		}
	}
	if adj.added.IsPositive() {
		current, err := k.moduleShares(ctx, val)
		if err != nil {
			return err
		}
		if _, err := k.unbondAndBurn(ctx, val, math.LegacyMinDec(adj.added, current)); err != nil {
			return err
		}
	}
	if adj.removed.IsPositive() {
		validator, err := k.stakingKeeper.GetValidator(ctx, val)
		if err != nil {
			return err
		}
		if !validator.InvalidExRate() {
			if _, err := k.mintAndDelegate(ctx, validator, adj.removed); err != nil {
				return err
			}
		}
	}
	return k.QueueRebalance(ctx)
}

// mintAndDelegate mints tokens of the bond denom and delegates them as
// virtual stake to validator.
func (k Keeper) mintAndDelegate(ctx context.Context, validator stakingtypes.Validator, tokens math.Int) (math.LegacyDec, error) {
	bondDenom, err := k.stakingKeeper.BondDenom(ctx)
	if err != nil {
		return math.LegacyDec{}, err
	}
	if err := k.bankKeeper.MintCoins(ctx, types.ModuleName, sdk.NewCoins(sdk.NewCoin(bondDenom, tokens))); err != nil {
		return math.LegacyDec{}, err
	}
	return k.stakingKeeper.Delegate(ctx, k.moduleAddress(), tokens, stakingtypes.Unbonded, validator, true)
}

// unbondAndBurn takes shares of the module's delegation on val out and burns
// the tokens from the pool x/staking left them in (the virtual stake never
// unbonds).
func (k Keeper) unbondAndBurn(ctx context.Context, val sdk.ValAddress, shares math.LegacyDec) (math.Int, error) {
	if !shares.IsPositive() {
		return math.ZeroInt(), nil
	}
	validator, err := k.stakingKeeper.GetValidator(ctx, val)
	if err != nil {
		return math.ZeroInt(), err
	}
	bondDenom, err := k.stakingKeeper.BondDenom(ctx)
	if err != nil {
		return math.ZeroInt(), err
	}
	removed, err := k.stakingKeeper.Unbond(ctx, k.moduleAddress(), val, shares)
	if err != nil || !removed.IsPositive() {
		return math.ZeroInt(), err
	}
	pool := stakingtypes.NotBondedPoolName
	if validator.IsBonded() {
		pool = stakingtypes.BondedPoolName
	}
	if err := k.bankKeeper.BurnCoins(ctx, pool, sdk.NewCoins(sdk.NewCoin(bondDenom, removed))); err != nil {
		return math.ZeroInt(), fmt.Errorf("burn virtual stake: %w", err)
	}
	return removed, nil
}
