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

// checkListableDenom refuses denoms the module must never hold as stake: the
// native bond denom (the module mints and burns it for the virtual stake;
// upstream burned the whole bond-denom balance of the alliance account every
// block, so listing it burned the deposits).
func (k Keeper) checkListableDenom(ctx context.Context, denom string) error {
	bondDenom, err := k.stakingKeeper.BondDenom(ctx)
	if err != nil {
		return err
	}
	if denom == bondDenom {
		return errorsmod.Wrapf(types.ErrForbiddenDenom, "%s is the native bond denom", denom)
	}
	return nil
}

// CreateAlliance lists a new asset. Its rewards start after the reward delay.
func (k Keeper) CreateAlliance(ctx context.Context, msg *types.MsgCreateAlliance) error {
	if err := types.ValidateAllianceParams(msg.Denom, msg.RewardWeight, msg.TakeRate, msg.RewardChangeRate,
		msg.RewardChangeInterval, msg.RewardWeightRange); err != nil {
		return err
	}
	if err := k.checkListableDenom(ctx, msg.Denom); err != nil {
		return err
	}
	if existing, err := k.Assets.Get(ctx, msg.Denom); err == nil {
		if existing.Delisting() {
			return errorsmod.Wrapf(types.ErrRelistDuringDelisting, "%s: its wind-down completes at %s",
				msg.Denom, existing.DelistCompletionTime.UTC().Format(time.RFC3339))
		}
		return errorsmod.Wrapf(types.ErrAlreadyExists, "%s", msg.Denom)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if err := k.checkFactoryCreatorStake(ctx, msg.Denom); err != nil {
		return err
	}
	params, err := k.GetParams(ctx)
	if err != nil {
		return err
	}
	start := k.blockTime(ctx).Add(params.RewardDelayTime)
	asset := types.NewAllianceAsset(msg.Denom, msg.RewardWeight, msg.TakeRate, msg.RewardChangeRate,
		msg.RewardChangeInterval, msg.RewardWeightRange, start)
	if err := k.Assets.Set(ctx, msg.Denom, asset); err != nil {
		return err
	}
	return k.emit(ctx, &types.CreateAllianceEvent{Asset: asset})
}

// UpdateAlliance changes the governance fields of an asset. A weight change
// first books every validator's rewards with the old weight.
func (k Keeper) UpdateAlliance(ctx context.Context, msg *types.MsgUpdateAlliance) error {
	if err := types.ValidateAllianceParams(msg.Denom, msg.RewardWeight, msg.TakeRate, msg.RewardChangeRate,
		msg.RewardChangeInterval, msg.RewardWeightRange); err != nil {
		return err
	}
	asset, err := k.GetAsset(ctx, msg.Denom)
	if err != nil {
		return err
	}
	if err := refuseDelisting(asset); err != nil {
		return err
	}
	if !asset.RewardWeight.Equal(msg.RewardWeight) {
		if err := k.claimAllValidatorsOf(ctx, asset.Denom); err != nil {
			return err
		}
		asset, err = k.GetAsset(ctx, msg.Denom)
		if err != nil {
			return err
		}
	}
	// A new schedule (or a schedule turned on) counts from the update: the
	// first step comes one new interval later. Keeping the old clock made a
	// shorter interval apply elapsed/new_interval steps at once (a daily
	// schedule switched to hourly after 23 h jumped 23 steps).
	scheduleChanged := asset.RewardChangeInterval != msg.RewardChangeInterval || !asset.RewardChangeRate.Equal(msg.RewardChangeRate)
	if scheduleChanged {
		asset.LastRewardChangeTime = k.blockTime(ctx)
	}
	asset.RewardWeight = msg.RewardWeight
	asset.TakeRate = msg.TakeRate
	asset.RewardChangeRate = msg.RewardChangeRate
	asset.RewardChangeInterval = msg.RewardChangeInterval
	asset.RewardWeightRange = msg.RewardWeightRange
	if err := k.Assets.Set(ctx, asset.Denom, asset); err != nil {
		return err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return err
	}
	return k.emit(ctx, &types.UpdateAllianceEvent{Asset: asset})
}

// DeleteAlliance delists an asset. One that still holds tokens starts its
// wind-down (delist.go: it stops earning now, its delegations are all
// undelegated, the record goes when they complete). One that holds none is
// removed at once: pending undelegations of it still pay out, worthless
// leftover shares (if any) are dropped after paying their rewards.
func (k Keeper) DeleteAlliance(ctx context.Context, denom string) error {
	asset, err := k.GetAsset(ctx, denom)
	if err != nil {
		return err
	}
	if err := refuseDelisting(asset); err != nil {
		return err
	}
	if asset.TotalTokens.IsPositive() {
		return k.startDelisting(ctx, asset)
	}
	return k.removeAsset(ctx, denom, true)
}

// removeAsset deletes denom's record and its bookkeeping on the validators.
// With sweep it also pays and drops leftover delegations and drops the
// redelegation records of denom: two walks over every delegation and
// redelegation of the chain, fine for a governance message, not for an
// EndBlock. The wind-down calls it without: its walk left no delegation,
// and the redelegation records of denom, all older than the delisting,
// have matured by its completion time (or will, then protecting nothing).
func (k Keeper) removeAsset(ctx context.Context, denom string, sweep bool) error {
	if sweep {
		if err := k.dropLeftoverDelegations(ctx, denom); err != nil {
			return err
		}
	}
	var vals []sdk.ValAddress
	err := k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		if info.ValidatorSharesOf(denom).IsPositive() || info.TotalDelegatorSharesOf(denom).IsPositive() || len(types.IndicesOfAlliance(info.GlobalRewardHistory, denom)) > 0 {
			vals = append(vals, v)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, v := range vals {
		info, err := k.GetValidatorInfo(ctx, v)
		if err != nil {
			return err
		}
		info.SetValidatorShares(denom, math.LegacyZeroDec())
		info.SetTotalDelegatorShares(denom, math.LegacyZeroDec())
		kept := info.GlobalRewardHistory[:0]
		for _, h := range info.GlobalRewardHistory {
			if h.Alliance != denom {
				kept = append(kept, h)
			}
		}
		info.GlobalRewardHistory = kept
		if err := k.setValidatorInfo(ctx, v, info); err != nil {
			return err
		}
	}
	if sweep {
		if err := k.dropRedelegationsOf(ctx, denom); err != nil {
			return err
		}
	}
	if err := k.Assets.Remove(ctx, denom); err != nil {
		return err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return err
	}
	return k.emit(ctx, &types.DeleteAllianceEvent{Denom: denom})
}

// dropLeftoverDelegations pays and drops the delegations of an asset that
// holds no tokens (worthless shares). O(all delegations).
func (k Keeper) dropLeftoverDelegations(ctx context.Context, denom string) error {
	var leftovers []DelegationKey
	err := k.Delegations.Walk(ctx, nil, func(key DelegationKey, d types.Delegation) (bool, error) {
		if key.K3() == denom {
			leftovers = append(leftovers, key)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, key := range leftovers {
		if _, err := k.ClaimDelegationRewards(ctx, key.K1(), key.K2(), denom); err != nil {
			return err
		}
		if err := k.Delegations.Remove(ctx, key); err != nil {
			return err
		}
	}
	return nil
}

// dropRedelegationsOf removes the redelegation records of denom: they
// protect nothing once the asset is gone. O(all redelegations).
func (k Keeper) dropRedelegationsOf(ctx context.Context, denom string) error {
	var ids []uint64
	err := k.Redelegations.Walk(ctx, nil, func(id uint64, r types.RedelegationRecord) (bool, error) {
		if r.Balance.Denom == denom {
			ids = append(ids, id)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := k.Redelegations.Remove(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// claimAllValidatorsOf books the pending rewards of every validator on which
// denom is staked (before a weight change). O(validators).
func (k Keeper) claimAllValidatorsOf(ctx context.Context, denom string) error {
	var vals []sdk.ValAddress
	err := k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		if info.ValidatorSharesOf(denom).IsPositive() {
			vals = append(vals, v)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, v := range vals {
		if _, err := k.ClaimValidatorRewards(ctx, v); err != nil {
			return err
		}
	}
	return nil
}

// InitializeAssets marks assets whose reward delay has passed and queues a
// rebalance so that they get their virtual stake.
func (k Keeper) InitializeAssets(ctx context.Context) error {
	now := k.blockTime(ctx)
	var started []types.AllianceAsset
	err := k.Assets.Walk(ctx, nil, func(_ string, a types.AllianceAsset) (bool, error) {
		if !a.IsInitialized && a.RewardsStarted(now) && !a.Delisting() {
			started = append(started, a)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, a := range started {
		// Book what the validators carrying the asset earned so far, while it
		// does not earn yet: the split then leaves it out, so its stakers are
		// not paid rewards accrued before the asset had any virtual stake
		// (TestNewAssetDoesNotInheritRewardsAccruedBeforeItEarned).
		if err := k.claimAllValidatorsOf(ctx, a.Denom); err != nil {
			return err
		}
		a.IsInitialized = true
		if err := k.Assets.Set(ctx, a.Denom, a); err != nil {
			return err
		}
		if err := k.emit(ctx, &types.AllianceInitializedEvent{Denom: a.Denom}); err != nil {
			return err
		}
	}
	if len(started) > 0 {
		return k.QueueRebalance(ctx)
	}
	return nil
}

// RewardWeightChangeHook applies the reward-weight schedules:
// w ← clamp(w × rate^n, [min, max]) for the n whole intervals elapsed since
// the last change (at most types.MaxScheduleCatchUp worth of them). Weight
// changes book the old-weight rewards first.
func (k Keeper) RewardWeightChangeHook(ctx context.Context) error {
	now := k.blockTime(ctx)
	var due []types.AllianceAsset
	err := k.Assets.Walk(ctx, nil, func(_ string, a types.AllianceAsset) (bool, error) {
		if a.RewardChangeInterval <= 0 || a.RewardChangeRate.Equal(math.LegacyOneDec()) {
			return false, nil
		}
		if now.Before(a.LastRewardChangeTime.Add(a.RewardChangeInterval)) {
			return false, nil
		}
		due = append(due, a)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, a := range due {
		n := int64(now.Sub(a.LastRewardChangeTime) / a.RewardChangeInterval) // interval > 0 checked above
		if n <= 0 {
			continue
		}
		// after a halt at most types.MaxScheduleCatchUp of steps at once; the
		// clock below still moves past the whole gap
		steps := types.CatchUpIntervals(n, a.RewardChangeInterval)
		prev := a.RewardWeight
		next := a.ClampWeight(scheduledWeight(prev, a.RewardChangeRate, uint64(steps), a.RewardWeightRange.Max))
		a.LastRewardChangeTime = a.LastRewardChangeTime.Add(a.RewardChangeInterval * timeMul(n))
		if !next.Equal(prev) {
			if err := k.claimAllValidatorsOf(ctx, a.Denom); err != nil {
				return err
			}
			a.RewardWeight = next
			if err := k.QueueRebalance(ctx); err != nil {
				return err
			}
			if err := k.emit(ctx, &types.RewardWeightChangeEvent{Denom: a.Denom, PrevRewardWeight: prev, RewardWeight: next}); err != nil {
				return err
			}
		}
		if err := k.Assets.Set(ctx, a.Denom, a); err != nil {
			return err
		}
	}
	return nil
}

// timeMul converts n to a Duration multiplier (n × interval ≤ elapsed time,
// so the product cannot overflow).
func timeMul(n int64) time.Duration { return time.Duration(n) }

// weightOverflow caps intermediate powers: a growing weight that passes it
// is clamped to max (any sane max is far below w × 1e40).
var weightOverflow = math.LegacyNewDec(10).Power(40)

// scheduledWeight is w × rate^n computed by squaring with an overflow guard.
// Each product rounds to 18 decimals (LegacyDec.Mul), deterministically.
func scheduledWeight(w, rate math.LegacyDec, n uint64, max math.LegacyDec) math.LegacyDec {
	result := w
	base := rate
	growing := rate.GT(math.LegacyOneDec())
	for n > 0 {
		if n&1 == 1 {
			result = result.Mul(base)
			if growing && result.GT(max) {
				return max
			}
			if result.IsZero() {
				return result
			}
		}
		n >>= 1
		if n > 0 {
			if growing && base.GT(weightOverflow) {
				return max
			}
			base = base.Mul(base)
		}
	}
	return result
}
