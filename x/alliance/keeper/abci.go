package keeper

import (
	"context"
)

// EndBlocker runs, in order: matured redelegations, matured undelegations
// (payouts), the wind-down of delisted assets (a bounded batch), asset
// initialization after the reward delay, the take rate, the
// reward-weight schedules, and the rebalance of the virtual stake (at most
// once per block, only when queued).
//
// It never returns an error and never panics: each step runs in its own
// branch of the store; a failing (or panicking) step is logged and its writes
// are discarded, the other steps proceed, and the chain keeps going.
func (k Keeper) EndBlocker(ctx context.Context) error {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"complete redelegations", k.CompleteRedelegations},
		{"complete unbondings", k.CompleteUnbondings},
		{"delistings", k.ProcessDelistings},
		{"unpaid rewards", k.PayUnpaidRewards},
		{"initialize assets", k.InitializeAssets},
		{"take rate", func(c context.Context) error { _, err := k.DeductAssetsHook(c); return err }},
		{"reward weight schedule", k.RewardWeightChangeHook},
		{"rebalance", k.rebalanceIfQueued},
	}
	for _, s := range steps {
		k.runStep(ctx, s.name, s.fn)
	}
	return nil
}

// runStep runs one step of a blocker in its own branch (inBranch): a
// failing step is logged and its writes discarded, the block goes on.
func (k Keeper) runStep(ctx context.Context, name string, fn func(context.Context) error) {
	if err := inBranch(ctx, fn); err != nil {
		k.Logger(ctx).Error("alliance end-block step failed; its changes were discarded", "step", name, "error", err)
	}
}
