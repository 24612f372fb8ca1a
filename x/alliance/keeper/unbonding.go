package keeper

import (
	"context"
	"math"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Entry limits: the module reuses x/staking's MaxEntries param (default 7)
// so that alliance stake follows the same rule as native stake, with no
// extra param of its own:
//   - at most MaxEntries immature undelegations per (delegator, validator, denom);
//   - at most MaxEntries immature redelegations per (delegator, src, dst, denom).

func (k Keeper) maxEntries(ctx context.Context) (int, error) {
	m, err := k.stakingKeeper.MaxEntries(ctx)
	if err != nil {
		return 0, err
	}
	return int(m), nil
}

func (k Keeper) checkUnbondingEntries(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, denom string) error {
	limit, err := k.maxEntries(ctx)
	if err != nil {
		return err
	}
	valStr := k.valString(val)
	n := 0
	err = k.walkUnbondingsOf(ctx, delAddr, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		if e.ValidatorAddress == valStr && e.Balance.Denom == denom {
			n++
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if n >= limit {
		return errorsmod.Wrapf(types.ErrMaxUnbondingEntries, "limit %d", limit)
	}
	return nil
}

func (k Keeper) checkRedelegation(ctx context.Context, delAddr sdk.AccAddress, src, dst sdk.ValAddress, denom string) error {
	limit, err := k.maxEntries(ctx)
	if err != nil {
		return err
	}
	srcStr, dstStr := k.valString(src), k.valString(dst)
	n := 0
	transitive := false
	err = k.walkRedelegationsOf(ctx, delAddr, func(_ uint64, r types.RedelegationRecord) (bool, error) {
		if r.Balance.Denom != denom {
			return false, nil
		}
		if r.DstValidatorAddress == srcStr {
			transitive = true
		}
		if r.SrcValidatorAddress == srcStr && r.DstValidatorAddress == dstStr {
			n++
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if transitive {
		return types.ErrTransitiveRedelegation
	}
	if n >= limit {
		return errorsmod.Wrapf(types.ErrMaxRedelegationEntries, "limit %d", limit)
	}
	return nil
}

// indexHits is an index iterator over the entries' sequence ids
// (indexes.MultiIterator).
type indexHits interface {
	PrimaryKeys() ([]uint64, error)
}

// walkIndexed visits, in index order, the entries of m whose ids the index
// iterator it (or the error of opening it, itErr) yields, until fn says
// stop. The ids are collected (and the iterator closed) before the first
// visit, so fn may write or remove entries of m, which moves their index
// keys, without disturbing the walk.
func walkIndexed[V any, I collections.Indexes[uint64, V]](ctx context.Context, m *collections.IndexedMap[uint64, V, I],
	it indexHits, itErr error, fn func(uint64, V) (stop bool, err error),
) error {
	if itErr != nil {
		return itErr
	}
	ids, err := it.PrimaryKeys()
	if err != nil {
		return err
	}
	for _, id := range ids {
		v, err := m.Get(ctx, id)
		if err != nil {
			return err
		}
		if stop, err := fn(id, v); err != nil || stop {
			return err
		}
	}
	return nil
}

func (k Keeper) walkUnbondingsOf(ctx context.Context, delAddr sdk.AccAddress, fn func(uint64, types.UnbondingEntry) (bool, error)) error {
	it, err := k.Unbondings.Indexes.ByDelegator.MatchExact(ctx, delAddr)
	return walkIndexed(ctx, k.Unbondings, it, err, fn)
}

func (k Keeper) walkRedelegationsOf(ctx context.Context, delAddr sdk.AccAddress, fn func(uint64, types.RedelegationRecord) (bool, error)) error {
	it, err := k.Redelegations.Indexes.ByDelegator.MatchExact(ctx, delAddr)
	return walkIndexed(ctx, k.Redelegations, it, err, fn)
}

func (k Keeper) addUnbonding(ctx context.Context, e types.UnbondingEntry) error {
	id, err := k.UnbondingSeq.Next(ctx)
	if err != nil {
		return err
	}
	return k.Unbondings.Set(ctx, id, e)
}

func (k Keeper) addRedelegation(ctx context.Context, r types.RedelegationRecord) error {
	id, err := k.RedelegationSeq.Next(ctx)
	if err != nil {
		return err
	}
	return k.Redelegations.Set(ctx, id, r)
}

// maturedUpTo is the range of index keys with completion time <= t.
func maturedUpTo(t time.Time) *collections.Range[collections.Pair[time.Time, uint64]] {
	return new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(t, uint64(math.MaxUint64)))
}

// CompleteUnbondings pays out every undelegation whose completion time has
// come. Cost: O(matured entries).
//
// Each entry is paid in its own branch of the store: a payout that fails
// (a recipient x/bank refuses, e.g. a blocked module address accepted from a
// genesis file, or a shortfall of one denom) is logged, its writes are
// discarded and the entry stays queued, so it is retried in the next block
// (nothing is lost, and it pays as soon as the cause is removed) while every
// other entry is paid now. Before, one failing payout rolled back the whole
// step every block and no undelegation of anybody completed again
// (TestOneUnpayableUnbondingDoesNotBlockOthers).
func (k Keeper) CompleteUnbondings(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	it, err := k.Unbondings.Indexes.ByTime.Iterate(ctx, maturedUpTo(k.blockTime(ctx)))
	return walkIndexed(ctx, k.Unbondings, it, err, func(id uint64, e types.UnbondingEntry) (bool, error) {
		branch, write := sdkCtx.CacheContext()
		if err := k.completeUnbonding(branch, id, e); err != nil {
			k.Logger(ctx).Error("alliance undelegation payout failed; the entry stays queued and is retried next block",
				"id", id, "error", err)
			return false, nil
		}
		write()
		return false, nil
	})
}

// completeUnbonding pays one matured entry e (stored at id) and removes it.
func (k Keeper) completeUnbonding(ctx context.Context, id uint64, e types.UnbondingEntry) error {
	if err := k.Unbondings.Remove(ctx, id); err != nil {
		return err
	}
	if e.Balance.Amount.IsPositive() {
		delAddr, err := k.accAddr(e.DelegatorAddress)
		if err != nil {
			return err
		}
		if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, delAddr, sdk.NewCoins(e.Balance)); err != nil {
			return err
		}
	}
	return k.emit(ctx, &types.CompleteUndelegationEvent{Delegator: e.DelegatorAddress, Validator: e.ValidatorAddress, Coin: e.Balance})
}

// CompleteRedelegations drops every matured redelegation record.
func (k Keeper) CompleteRedelegations(ctx context.Context) error {
	it, err := k.Redelegations.Indexes.ByTime.Iterate(ctx, maturedUpTo(k.blockTime(ctx)))
	return walkIndexed(ctx, k.Redelegations, it, err, func(id uint64, r types.RedelegationRecord) (bool, error) {
		if err := k.Redelegations.Remove(ctx, id); err != nil {
			return true, err
		}
		return false, k.emit(ctx, &types.CompleteRedelegationEvent{
			Delegator: r.DelegatorAddress, SourceValidator: r.SrcValidatorAddress, DestinationValidator: r.DstValidatorAddress, Coin: r.Balance,
		})
	})
}
