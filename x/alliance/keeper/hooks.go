package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// Hooks are the x/staking hooks of the alliance module. They never return an
// error: x/staking would abort the operation (or, for slashing in
// BeginBlock, halt the chain). Failures are logged and their partial writes
// discarded.
type Hooks struct{ k Keeper }

var _ stakingtypes.StakingHooks = Hooks{}

func (h Hooks) queue(ctx context.Context) error {
	if err := h.k.QueueRebalance(ctx); err != nil {
		h.k.Logger(ctx).Error("queue rebalance", "error", err)
	}
	return nil
}

func (h Hooks) isModule(del sdk.AccAddress) bool { return del.Equals(h.k.moduleAddress()) }

func (h Hooks) AfterValidatorCreated(context.Context, sdk.ValAddress) error   { return nil }
func (h Hooks) BeforeValidatorModified(context.Context, sdk.ValAddress) error { return nil }

// AfterValidatorRemoved drops the validator's bookkeeping if nothing is
// staked on it any more (alliance delegations to a removed validator stay
// withdrawable otherwise).
func (h Hooks) AfterValidatorRemoved(ctx context.Context, _ sdk.ConsAddress, val sdk.ValAddress) error {
	info, err := h.k.GetValidatorInfo(ctx, val)
	if err == nil && info.IsEmpty() {
		if err := h.k.ValidatorInfos.Remove(ctx, val); err != nil {
			h.k.Logger(ctx).Error("remove validator info", "error", err)
		}
	}
	return h.queue(ctx)
}

func (h Hooks) AfterValidatorBonded(ctx context.Context, _ sdk.ConsAddress, _ sdk.ValAddress) error {
	return h.queue(ctx)
}

func (h Hooks) AfterValidatorBeginUnbonding(ctx context.Context, _ sdk.ConsAddress, _ sdk.ValAddress) error {
	return h.queue(ctx)
}

func (h Hooks) BeforeDelegationCreated(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

func (h Hooks) BeforeDelegationSharesModified(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// BeforeDelegationRemoved / AfterDelegationModified: native stake changed,
// so the virtual stake's target changed. The module's own delegations are
// ignored (they are the rebalance itself).
func (h Hooks) BeforeDelegationRemoved(ctx context.Context, del sdk.AccAddress, _ sdk.ValAddress) error {
	if h.isModule(del) {
		return nil
	}
	return h.queue(ctx)
}

func (h Hooks) AfterDelegationModified(ctx context.Context, del sdk.AccAddress, _ sdk.ValAddress) error {
	if h.isModule(del) {
		return nil
	}
	return h.queue(ctx)
}

// BeforeValidatorSlashed slashes the alliance stake of the validator.
func (h Hooks) BeforeValidatorSlashed(ctx context.Context, val sdk.ValAddress, fraction math.LegacyDec) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	branch, write := sdkCtx.CacheContext()
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return h.k.SlashValidator(branch, val, fraction)
	}()
	if err != nil {
		h.k.Logger(ctx).Error("alliance slashing failed; alliance stake not slashed", "validator", val.String(), "error", err)
		return h.queue(ctx)
	}
	write()
	return nil
}

func (h Hooks) AfterUnbondingInitiated(context.Context, uint64) error { return nil }
