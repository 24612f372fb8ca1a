package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// History of the virtual stake, for slashing.
//
// x/staking slashes fraction × (power at the infraction) and takes it from
// the entries made since the infraction, then from the tokens bonded now.
// The virtual stake leaves a validator at once (no unbonding entry) and
// arrives at once, so without a correction the native stakers would pay for
// the virtual stake that left since the infraction (a 5 % slash can become
// 100 %) and be diluted by virtual stake that arrived since. To slash "as if
// the virtual stake had stayed / never come", SlashForInfraction moves the
// module's delegation on the validator back to the shares it had at the
// infraction for the duration of x/staking's Slash. Shares, not tokens: a
// slash between then and now lowers their value exactly as it would have
// lowered the stake that stayed.
//
// The shares entering a height H are found from checkpoints written before a
// change of the module's delegation (the x/staking hooks), at most one per
// validator and block: checkpoint (V, h) = shares entering block h, and
// Since = the height of the previous change (the shares held that exact
// value from the end of block Since to the start of block h). To keep the
// state bounded while the rebalance follows the native stake every block, a
// checkpoint is only written when the shares differ from the last
// checkpoint by more than 1/checkpointTolerance of it: between checkpoints
// the shares stay within 0.1 % of the previous checkpoint, so the virtual
// stake restored for a slash is exact after any larger move (a jailing, a
// large undelegation or redelegation) and within 0.1 % otherwise.
// Checkpoints older than the unbonding time are pruned (x/staking does not
// slash stake that left longer ago), except the newest of them, which
// describes the shares from then on. They are not exported: after an
// import, infractions from before it are slashed with the current virtual
// stake.

// checkpointTolerance: a change of the module's shares on a validator by
// more than 1/checkpointTolerance of the last checkpoint writes a new one.
const checkpointTolerance = 1000

func (k Keeper) moduleShares(ctx context.Context, val sdk.ValAddress) (math.LegacyDec, error) {
	d, err := k.stakingKeeper.GetDelegation(ctx, k.moduleAddress(), val)
	if errors.Is(err, stakingtypes.ErrNoDelegation) {
		return math.LegacyZeroDec(), nil
	} else if err != nil {
		return math.LegacyDec{}, err
	}
	return d.Shares, nil
}

// deviates: |a − b| > b / checkpointTolerance (any change from 0).
func deviates(a, b math.LegacyDec) bool {
	if !b.IsPositive() {
		return !a.Equal(b)
	}
	return a.Sub(b).Abs().MulInt64(checkpointTolerance).GT(b)
}

// recordVirtualChange runs before the module's delegation on val changes
// (x/staking's BeforeDelegationCreated / BeforeDelegationSharesModified).
func (k Keeper) recordVirtualChange(ctx context.Context, val sdk.ValAddress) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	h := sdkCtx.BlockHeight()
	last, err := k.LastVirtualChange.Get(ctx, val)
	found := err == nil
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if found && last == h {
		return nil // the shares entering this block are already accounted for
	}
	prev, err := k.moduleShares(ctx, val)
	if err != nil {
		return err
	}
	latest, hasLatest, err := k.checkpointBefore(ctx, val, h, true)
	if err != nil {
		return err
	}
	if !hasLatest || deviates(prev, latest.Shares) {
		if err := k.VirtualCheckpoints.Set(ctx, collections.Join(val, h), types.VirtualStakeCheckpoint{
			Shares: prev, Since: last, Time: sdkCtx.BlockTime(),
		}); err != nil {
			return err
		}
		if err := k.pruneCheckpoints(ctx, val); err != nil {
			return err
		}
	}
	return k.LastVirtualChange.Set(ctx, val, h)
}

// checkpointBefore is val's latest checkpoint below h (inclusive of h when
// inclusive).
func (k Keeper) checkpointBefore(ctx context.Context, val sdk.ValAddress, h int64, inclusive bool) (types.VirtualStakeCheckpoint, bool, error) {
	rng := collections.NewPrefixedPairRange[sdk.ValAddress, int64](val).Descending()
	if inclusive {
		rng = rng.EndInclusive(h)
	} else {
		rng = rng.EndExclusive(h)
	}
	return k.firstCheckpoint(ctx, rng)
}

func (k Keeper) firstCheckpoint(ctx context.Context, rng collections.Ranger[collections.Pair[sdk.ValAddress, int64]]) (types.VirtualStakeCheckpoint, bool, error) {
	it, err := k.VirtualCheckpoints.Iterate(ctx, rng)
	if err != nil {
		return types.VirtualStakeCheckpoint{}, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return types.VirtualStakeCheckpoint{}, false, nil
	}
	v, err := it.Value()
	return v, err == nil, err
}

// pruneCheckpoints drops val's checkpoints older than the unbonding time
// but the newest of them. Amortised O(1): each checkpoint is deleted once.
func (k Keeper) pruneCheckpoints(ctx context.Context, val sdk.ValAddress) error {
	ut, err := k.stakingKeeper.UnbondingTime(ctx)
	if err != nil {
		return err
	}
	cutoff := k.blockTime(ctx).Add(-ut)
	var old []int64
	err = k.VirtualCheckpoints.Walk(ctx, collections.NewPrefixedPairRange[sdk.ValAddress, int64](val),
		func(key collections.Pair[sdk.ValAddress, int64], c types.VirtualStakeCheckpoint) (bool, error) {
			if !c.Time.Before(cutoff) {
				return true, nil
			}
			old = append(old, key.K2())
			return false, nil
		})
	if err != nil || len(old) < 2 {
		return err
	}
	for _, h := range old[:len(old)-1] {
		if err := k.VirtualCheckpoints.Remove(ctx, collections.Join(val, h)); err != nil {
			return err
		}
	}
	return nil
}

// forgetVirtualHistory drops val's history (the validator was removed).
func (k Keeper) forgetVirtualHistory(ctx context.Context, val sdk.ValAddress) error {
	if err := k.VirtualCheckpoints.Clear(ctx, collections.NewPrefixedPairRange[sdk.ValAddress, int64](val)); err != nil {
		return err
	}
	return k.LastVirtualChange.Remove(ctx, val)
}

// VirtualSharesAt returns the module's delegation shares on val entering
// block h (see the top of this file for the precision).
func (k Keeper) VirtualSharesAt(ctx context.Context, val sdk.ValAddress, h int64) (math.LegacyDec, error) {
	next, hasNext, err := k.firstCheckpoint(ctx, collections.NewPrefixedPairRange[sdk.ValAddress, int64](val).StartInclusive(h))
	if err != nil {
		return math.LegacyDec{}, err
	}
	if hasNext && h > next.Since {
		// no change from h up to the checkpoint: exactly its shares
		return next.Shares, nil
	}
	if !hasNext {
		last, err := k.LastVirtualChange.Get(ctx, val)
		if errors.Is(err, collections.ErrNotFound) || (err == nil && last < h) {
			return k.moduleShares(ctx, val) // unchanged since h
		} else if err != nil {
			return math.LegacyDec{}, err
		}
	}
	// The first change at or after h wrote no checkpoint: the shares were
	// within the tolerance of the checkpoint before h.
	prev, hasPrev, err := k.checkpointBefore(ctx, val, h, false)
	if err != nil {
		return math.LegacyDec{}, err
	}
	if hasPrev {
		return prev.Shares, nil
	}
	if hasNext { // h is older than the kept history: the oldest known value
		return next.Shares, nil
	}
	return k.moduleShares(ctx, val)
}
