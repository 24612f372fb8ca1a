package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// Hooks are the x/staking hooks of the alliance module. They return an
// error in one case only: BeforeDelegationCreated refuses a user's new
// delegation under the same-chain guard (factory_guard.go), which aborts
// that delegation's message (x/staking's Delegate returns the hook's error),
// never a block. Otherwise they never return an error: x/staking would abort
// the operation (or, for slashing in BeginBlock, halt the chain). Failures
// are logged and their partial writes discarded.
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
	// x/staking never slashes a removed validator: its history is useless.
	h.safely(ctx, "forget virtual stake history", func(c context.Context) error { return h.k.forgetVirtualHistory(c, val) })
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

// BeforeDelegationCreated / BeforeDelegationSharesModified: the module's
// own delegation (the virtual stake) is about to change: its history for
// slashing is recorded (virtual_history.go). A failure is logged, never
// returned: it would abort the rebalance; the slash then uses a less precise
// history.
//
// BeforeDelegationCreated also refuses a new x/staking delegation of the
// creator of a listed factory denom (same-chain guard). Only a new one: the
// SharesModified hook runs for an unbond too, and cannot tell the two apart;
// such a creator holds no x/staking delegation to grow, since listing its
// denom was refused while it held one (state imported from before the
// guard excepted, see the README).
func (h Hooks) BeforeDelegationCreated(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) error {
	if !h.isModule(del) {
		return h.k.refuseListedFactoryCreator(ctx, del)
	}
	return h.beforeModuleDelegationChange(ctx, del, val)
}

func (h Hooks) BeforeDelegationSharesModified(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) error {
	return h.beforeModuleDelegationChange(ctx, del, val)
}

func (h Hooks) beforeModuleDelegationChange(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) error {
	if !h.isModule(del) {
		return nil
	}
	h.safely(ctx, "record virtual stake history", func(c context.Context) error { return h.k.recordVirtualChange(c, val) })
	return nil
}

// safely runs fn in its own branch (inBranch); a failure is logged with
// what failed and its writes discarded.
func (h Hooks) safely(ctx context.Context, what string, fn func(context.Context) error) {
	if err := inBranch(ctx, fn); err != nil {
		h.k.Logger(ctx).Error("alliance: "+what+" failed", "error", err)
	}
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

// BeforeValidatorSlashed slashes the alliance stake of the validator when
// x/staking's Slash was called directly. A slash through SlashForInfraction
// (the staking keeper the app gives x/slashing and x/evidence) has already
// booked the rewards and cuts the alliance stake itself, with the nominal
// fraction and the infraction height: the hook then does nothing.
//
// Here only x/staking's effective fraction is known, not the infraction
// height (every immature entry is cut), and val's pending rewards are not
// withdrawn: x/distribution would re-initialise the virtual delegation's
// starting stake before x/staking cuts the tokens, with a stake the slash
// never reaches (see slashAlliance).
func (h Hooks) BeforeValidatorSlashed(ctx context.Context, val sdk.ValAddress, fraction math.LegacyDec) error {
	if slashHandledByAlliance(ctx) || fraction.IsNil() || !fraction.IsPositive() {
		return nil // nothing burned (or SlashForInfraction does it)
	}
	err := inBranch(ctx, func(c context.Context) error {
		return h.k.slashAlliance(c, val, UnknownInfractionHeight, fraction)
	})
	if err != nil {
		h.k.Logger(ctx).Error("alliance slashing failed; alliance stake not slashed", "validator", val.String(), "error", err)
		return h.queue(ctx)
	}
	return nil
}

func (h Hooks) AfterUnbondingInitiated(context.Context, uint64) error { return nil }
