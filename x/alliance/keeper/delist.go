package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Delisting an asset that still holds stake.
//
// MsgDeleteAlliance of an asset with tokens staked starts a wind-down
// (startDelisting): the asset stops earning at once (its validators are
// booked with the old weight, then weight and take rate become 0, so the
// rebalance unbonds its virtual stake), it takes no new stake, and every
// delegation of it is undelegated by the EndBlocker, a bounded batch per
// block, into an ordinary unbonding entry that completes at the asset's
// delist_completion_time (the delisting's block time + the unbonding time:
// the same for every holder whatever batch reached them). The rewards a
// delegation earned up to the delisting are paid to its owner when its
// batch undelegates it (claim-before-change, like any undelegation). Once
// the walk has undelegated every delegation and the completion time has
// come (the entries are paid in the same EndBlock, before), the asset record
// is removed (removeAsset).

// delistBatchSize bounds the delegations the wind-down undelegates per
// block, over all delisted assets. One costs about half a user's
// MsgUndelegate (rewards paid, shares burned, an entry queued, an event; no
// x/distribution withdrawal, since the asset earns nothing any more), so a
// batch stays well inside the block budget the rebalance's bound of 64
// re-targets sets. The wind-down does not delay anybody: every entry
// completes at the delisting's completion time whatever block reached it,
// and 100,000 delegations take 2,000 blocks, hours against an unbonding
// time of weeks.
const delistBatchSize = 50

// delistScanLimit bounds the delegation keys the walk visits per block,
// matching or not: the delegations are keyed by delegator, so those of the
// asset are spread among all the others. A key costs one iterator step.
const delistScanLimit = 5000

// Cursor values in DelistCursors: the first byte is the state of the walk,
// the rest the raw key the walk resumes at.
const (
	cursorWalking  byte = iota // in progress, every delegation so far undelegated
	cursorRetrying             // in progress, an undelegation failed: walk again after this pass
	cursorDone                 // every delegation of the asset undelegated
)

// startDelisting begins the wind-down of asset (which holds tokens).
func (k Keeper) startDelisting(ctx context.Context, asset types.AllianceAsset) error {
	// Book what the asset's validators earned with the old weight: its
	// holders are paid that much, and nothing after.
	if err := k.claimAllValidatorsOf(ctx, asset.Denom); err != nil {
		return err
	}
	asset, err := k.GetAsset(ctx, asset.Denom)
	if err != nil {
		return err
	}
	unbondingTime, err := k.stakingKeeper.UnbondingTime(ctx)
	if err != nil {
		return err
	}
	completion := k.blockTime(ctx).Add(unbondingTime)
	asset.DelistCompletionTime = &completion
	asset.RewardWeight = math.LegacyZeroDec()
	asset.RewardWeightRange.Min = math.LegacyZeroDec() // keeps the asset valid (genesis) at weight 0
	asset.TakeRate = math.LegacyZeroDec()
	asset.RewardChangeInterval = 0 // no schedule may raise the weight again
	if err := k.Assets.Set(ctx, asset.Denom, asset); err != nil {
		return err
	}
	if err := k.DelistCursors.Remove(ctx, asset.Denom); err != nil {
		return err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return err
	}
	// The asset in its new state: weight 0, take rate 0, delisting until
	// delist_completion_time. DeleteAllianceEvent follows at the removal.
	return k.emit(ctx, &types.UpdateAllianceEvent{Asset: asset})
}

// ProcessDelistings runs the wind-down of every delisted asset: at most
// delistBatchSize undelegations and delistScanLimit visited keys in all
// per block; an asset whose walk is done is removed at its completion time.
func (k Keeper) ProcessDelistings(ctx context.Context) error {
	var delisting []types.AllianceAsset
	err := k.Assets.Walk(ctx, nil, func(_ string, a types.AllianceAsset) (bool, error) {
		if a.Delisting() {
			delisting = append(delisting, a)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	budget := walkBudget{unbond: delistBatchSize, scan: delistScanLimit}
	for _, a := range delisting {
		done, err := k.windDown(ctx, a, &budget)
		if err != nil {
			return err
		}
		if done && !k.blockTime(ctx).Before(*a.DelistCompletionTime) {
			if err := k.finishDelisting(ctx, a.Denom); err != nil {
				return err
			}
		}
	}
	return nil
}

// walkBudget is what is left of this block's wind-down bounds.
type walkBudget struct{ unbond, scan int }

// windDown continues the walk of asset a within budget and reports whether
// every delegation of a has been undelegated.
func (k Keeper) windDown(ctx context.Context, a types.AllianceAsset, budget *walkBudget) (bool, error) {
	state, start, err := k.delistCursor(ctx, a.Denom)
	if err != nil || state == cursorDone {
		return state == cursorDone, err
	}
	keys, next, end, err := k.nextDelegationsOf(ctx, a.Denom, start, budget)
	if err != nil {
		return false, err
	}
	for _, key := range keys {
		if !k.windDownDelegation(ctx, key) {
			state = cursorRetrying
		}
	}
	switch {
	case !end:
		return false, k.DelistCursors.Set(ctx, a.Denom, append([]byte{state}, next...))
	case state == cursorRetrying:
		return false, k.DelistCursors.Remove(ctx, a.Denom) // a fresh pass from the first key
	default:
		return true, k.DelistCursors.Set(ctx, a.Denom, []byte{cursorDone})
	}
}

// delistCursor returns the state of denom's walk and the raw key it resumes
// at (nil: the first delegation).
func (k Keeper) delistCursor(ctx context.Context, denom string) (byte, []byte, error) {
	v, err := k.DelistCursors.Get(ctx, denom)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return cursorWalking, nil, nil
	case err != nil:
		return 0, nil, err
	case len(v) == 0:
		return cursorWalking, nil, nil
	}
	return v[0], v[1:], nil
}

// nextDelegationsOf visits the delegation keys from start (raw, inclusive)
// within budget and returns those of denom, the raw key to resume at and
// whether the walk reached the last delegation. Keys are collected and the
// iterator closed before any of them is undelegated.
func (k Keeper) nextDelegationsOf(ctx context.Context, denom string, start []byte, budget *walkBudget) ([]DelegationKey, []byte, bool, error) {
	it, err := k.Delegations.IterateRaw(ctx, start, nil, collections.OrderAscending)
	if err != nil {
		return nil, nil, false, err
	}
	defer it.Close()
	var keys []DelegationKey
	for ; it.Valid(); it.Next() {
		if budget.scan <= 0 || budget.unbond <= 0 {
			key, err := it.Key()
			if err != nil {
				return nil, nil, false, err
			}
			next, err := k.rawDelegationKey(key)
			return keys, next, false, err
		}
		key, err := it.Key()
		if err != nil {
			return nil, nil, false, err
		}
		budget.scan--
		if key.K3() == denom {
			keys = append(keys, key)
			budget.unbond--
		}
	}
	return keys, nil, true, nil
}

// rawDelegationKey encodes key as IterateRaw expects it.
func (k Keeper) rawDelegationKey(key DelegationKey) ([]byte, error) {
	kc := k.Delegations.KeyCodec()
	buf := make([]byte, kc.Size(key))
	_, err := kc.Encode(buf, key)
	return buf, err
}

// windDownDelegation undelegates the delegation at key, each attempt in its
// own branch, and reports whether it is gone. The rewards are paid first,
// as for any undelegation; when x/bank refuses the payment (e.g. the owner
// is a blocked address), the delegation is undelegated anyway with its
// rewards booked to the owner (bookUnpaidRewards: they stay in the reward
// pool and are retried every block), so one unpayable owner cannot keep the
// asset from ever finishing its wind-down. Only a failure of both attempts
// (not a payment: a broken state) leaves the delegation for the next pass.
func (k Keeper) windDownDelegation(ctx context.Context, key DelegationKey) bool {
	err := inBranch(ctx, func(c context.Context) error { return k.unbondForDelisting(c, key, k.payDelegationRewards) })
	if err == nil {
		return true
	}
	logArgs := []any{"denom", key.K3(), "delegator", k.accString(key.K1()), "validator", k.valString(key.K2())}
	booked := inBranch(ctx, func(c context.Context) error { return k.unbondForDelisting(c, key, k.bookUnpaidRewards) })
	if booked == nil {
		k.Logger(ctx).Info("alliance delisting: rewards could not be paid; undelegated with the rewards booked to the owner",
			append(logArgs, "error", err)...)
		return true
	}
	k.Logger(ctx).Error("alliance delisting: undelegation failed; retried in the next pass",
		append(logArgs, "error", err, "without paying", booked)...)
	return false
}

// unbondForDelisting undelegates the whole delegation at key of a delisted
// asset, without the entry cap: its rewards are settled (paid or booked),
// every share burned, its whole-token value queued until the asset's
// completion time (a delegation worth less than a token is closed).
func (k Keeper) unbondForDelisting(ctx context.Context, key DelegationKey, settle rewardSettler) error {
	delAddr, val, denom := key.K1(), key.K2(), key.K3()
	asset, err := k.GetAsset(ctx, denom)
	if err != nil {
		return err
	}
	del, info, _, err := k.prepareChangeWith(ctx, delAddr, val, &asset, settle)
	if err != nil {
		return err
	}
	if k.worthLessThanAToken(asset, info, del) {
		_, err := k.closeDelegation(ctx, delAddr, val, &asset, &info, &del)
		return err
	}
	amount := delegationValue(asset, info, del)
	return k.unbondStake(ctx, delAddr, val, &asset, &info, &del, sdk.NewCoin(denom, amount), *asset.DelistCompletionTime)
}

// finishDelisting removes a delisted asset whose delegations have all been
// undelegated and whose undelegations completed. Unowned sub-token dust
// (remainders full exits left when nobody remained to receive them) goes to
// the community pool rather than staying booked to a removed asset.
func (k Keeper) finishDelisting(ctx context.Context, denom string) error {
	asset, err := k.GetAsset(ctx, denom)
	if err != nil {
		return err
	}
	if asset.TotalTokens.IsPositive() {
		dust := sdk.NewCoins(sdk.NewCoin(denom, asset.TotalTokens))
		if err := k.distributionKeeper.FundCommunityPool(ctx, dust, k.moduleAddress()); err != nil {
			return errorsmod.Wrapf(err, "delisting %s: moving %s of dust to the community pool", denom, dust)
		}
	}
	if err := k.DelistCursors.Remove(ctx, denom); err != nil {
		return err
	}
	return k.removeAsset(ctx, denom, false)
}

// refuseDelisting is the error of a message that would add stake to (or
// change) an asset that is being delisted.
func refuseDelisting(a types.AllianceAsset) error {
	if !a.Delisting() {
		return nil
	}
	return errorsmod.Wrapf(types.ErrAssetDelisting, "%s, until %s", a.Denom, a.DelistCompletionTime.UTC().Format(time.RFC3339))
}
