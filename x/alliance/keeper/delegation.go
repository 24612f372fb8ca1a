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

// prepareChange books val's rewards (unless the asset gets no part of them:
// claimValidatorRewardsInto) and, if the delegation exists, pays it
// (claim-before-change). It returns the delegation (a fresh one whose
// index snapshot is the current indices when none exists, so a first
// delegation never inherits rewards accrued before it) and val's info,
// whose indices may have been raised in memory only: the caller must save
// both (saveStake), so the info is read and written once per change.
// asset is the current state of the delegation's asset.
func (k Keeper) prepareChange(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, asset *types.AllianceAsset) (types.Delegation, types.AllianceValidatorInfo, sdk.Coins, error) {
	return k.prepareChangeWith(ctx, delAddr, val, asset, k.payDelegationRewards)
}

// rewardSettler settles what a delegation is owed before it changes:
// payDelegationRewards pays it, bookUnpaidRewards (a wind-down whose
// payment x/bank refused) books it to the owner.
type rewardSettler func(ctx context.Context, del *types.Delegation, info types.AllianceValidatorInfo) (sdk.Coins, error)

// prepareChangeWith is prepareChange with settle in place of the payment.
func (k Keeper) prepareChangeWith(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, asset *types.AllianceAsset, settle rewardSettler) (types.Delegation, types.AllianceValidatorInfo, sdk.Coins, error) {
	var del types.Delegation
	denom := asset.Denom
	info, err := k.GetValidatorInfo(ctx, val)
	if err != nil {
		return del, info, nil, err
	}
	if _, err := k.claimValidatorRewardsInto(ctx, val, &info, asset); err != nil {
		return del, info, nil, err
	}
	del, err = k.Delegations.Get(ctx, collections.Join3(delAddr, val, denom))
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return types.Delegation{
			DelegatorAddress:      k.accString(delAddr),
			ValidatorAddress:      k.valString(val),
			Denom:                 denom,
			Shares:                math.LegacyZeroDec(),
			RewardHistory:         types.IndicesOfAlliance(info.GlobalRewardHistory, denom),
			LastRewardClaimHeight: uint64(sdk.UnwrapSDKContext(ctx).BlockHeight()),
		}, info, sdk.NewCoins(), nil
	case err != nil:
		return del, info, nil, err
	}
	paid, err := settle(ctx, &del, info)
	return del, info, paid, err
}

// addStake books amount of asset on (val, del): mints validator- and
// delegator-level shares and saves asset, info and delegation.
func (k Keeper) addStake(ctx context.Context, asset *types.AllianceAsset, val sdk.ValAddress, info *types.AllianceValidatorInfo, del *types.Delegation, amount math.Int) (math.LegacyDec, error) {
	if asset.TotalTokens.IsZero() && asset.TotalValidatorShares.IsPositive() {
		// Every holder of the asset is worth 0 (e.g. slashed by 100 %): restart
		// the asset-level exchange rate from 1:1.
		if err := k.resetAssetShares(ctx, asset); err != nil {
			return math.LegacyDec{}, err
		}
		if fresh, err := k.GetValidatorInfo(ctx, val); err == nil {
			fresh.GlobalRewardHistory = info.GlobalRewardHistory
			*info = fresh
		}
	}
	vs := info.ValidatorSharesOf(asset.Denom)
	tds := info.TotalDelegatorSharesOf(asset.Denom)
	if vs.IsZero() && tds.IsPositive() && del.Shares.GTE(tds) {
		// (val, asset) is worth exactly 0 and every share of it is the
		// depositor's own: dropping them dilutes nobody, and the deposit
		// restarts the position at 1:1 (audit S4). With other holders left
		// SharesForDeposit refuses (any price would pay them out of it).
		tds, del.Shares = math.LegacyZeroDec(), math.LegacyZeroDec()
	}
	dVS, dDS, err := types.SharesForDeposit(*asset, vs, tds, amount)
	if err != nil {
		return dVS, err
	}
	asset.TotalTokens = asset.TotalTokens.Add(amount)
	asset.TotalValidatorShares = asset.TotalValidatorShares.Add(dVS)
	info.SetValidatorShares(asset.Denom, vs.Add(dVS))
	info.SetTotalDelegatorShares(asset.Denom, tds.Add(dDS))
	del.Shares = del.Shares.Add(dDS)
	return dVS, k.saveStake(ctx, asset, val, info, del)
}

// removeStake takes amount out of (val, del) and books it out of the asset
// (the caller decides where the tokens go). A delegation left worth less than
// one token is removed entirely (its remainder stays with the other holders).
func (k Keeper) removeStake(ctx context.Context, asset *types.AllianceAsset, val sdk.ValAddress, info *types.AllianceValidatorInfo, del *types.Delegation, amount math.Int) error {
	vs := info.ValidatorSharesOf(asset.Denom)
	tds := info.TotalDelegatorSharesOf(asset.Denom)
	dVS, dDS, _, err := types.SharesForWithdrawal(*asset, vs, tds, del.Shares, amount)
	if err != nil {
		return err
	}
	if amount.GT(asset.TotalTokens) { // cannot happen while invariants hold
		return errorsmod.Wrapf(types.ErrInsufficientTokens, "asset %s holds %s", asset.Denom, asset.TotalTokens)
	}
	asset.TotalTokens = asset.TotalTokens.Sub(amount)
	return k.burnShares(ctx, asset, val, info, del, dVS, dDS)
}

// closeStake removes a delegation worth less than one whole token (e.g. on
// a validator slashed by 100 %): all its shares are burned, nothing is paid
// or queued, and its sub-token value, if any, stays with the other holders
// of the asset. Without it such a delegation could never leave, and a
// (val, asset) worth 0 refused new stake forever (audit S4).
func (k Keeper) closeStake(ctx context.Context, asset *types.AllianceAsset, val sdk.ValAddress, info *types.AllianceValidatorInfo, del *types.Delegation) error {
	vs := info.ValidatorSharesOf(asset.Denom)
	tds := info.TotalDelegatorSharesOf(asset.Denom)
	return k.burnShares(ctx, asset, val, info, del, types.ValidatorSharesBurned(vs, tds, del.Shares), del.Shares)
}

// burnShares takes dVS validator-level and dDS delegator-level shares out of
// (val, del) (the caller has booked the tokens) and saves the stake.
func (k Keeper) burnShares(ctx context.Context, asset *types.AllianceAsset, val sdk.ValAddress, info *types.AllianceValidatorInfo, del *types.Delegation, dVS, dDS math.LegacyDec) error {
	vs := info.ValidatorSharesOf(asset.Denom)
	tds := info.TotalDelegatorSharesOf(asset.Denom)
	vs = vs.Sub(dVS)
	tds = tds.Sub(dDS)
	del.Shares = del.Shares.Sub(dDS)
	if !tds.IsPositive() && vs.IsPositive() {
		// Nobody delegates on (val, asset) any more: its leftover validator
		// shares would be unowned. Burning them hands their (sub-token) value to
		// the remaining holders of the asset.
		dVS = dVS.Add(vs)
		vs = math.LegacyZeroDec()
	}
	asset.TotalValidatorShares = asset.TotalValidatorShares.Sub(dVS)
	if asset.TotalValidatorShares.IsNegative() {
		asset.TotalValidatorShares = math.LegacyZeroDec()
	}
	info.SetValidatorShares(asset.Denom, vs)
	info.SetTotalDelegatorShares(asset.Denom, tds)
	return k.saveStake(ctx, asset, val, info, del)
}

func (k Keeper) saveStake(ctx context.Context, asset *types.AllianceAsset, val sdk.ValAddress, info *types.AllianceValidatorInfo, del *types.Delegation) error {
	if err := k.Assets.Set(ctx, asset.Denom, *asset); err != nil {
		return err
	}
	if err := k.setValidatorInfo(ctx, val, *info); err != nil {
		return err
	}
	delAddr, err := k.accAddr(del.DelegatorAddress)
	if err != nil {
		return err
	}
	key := collections.Join3(delAddr, val, del.Denom)
	if !del.Shares.IsPositive() {
		return k.Delegations.Remove(ctx, key)
	}
	return k.Delegations.Set(ctx, key, *del)
}

// resetAssetShares zeroes the validator-level shares of an asset whose tokens
// are all gone. O(validators); only reachable after a 100 % loss.
func (k Keeper) resetAssetShares(ctx context.Context, asset *types.AllianceAsset) error {
	vals := []sdk.ValAddress{}
	err := k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		if info.ValidatorSharesOf(asset.Denom).IsPositive() {
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
		info.SetValidatorShares(asset.Denom, math.LegacyZeroDec())
		if err := k.ValidatorInfos.Set(ctx, v, info); err != nil {
			return err
		}
	}
	asset.TotalValidatorShares = math.LegacyZeroDec()
	return nil
}

// Delegate stakes coin on val for delAddr and returns the rewards the
// delegation was paid before it grew (nothing for a new one).
func (k Keeper) Delegate(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, coin sdk.Coin) (sdk.Coins, error) {
	if !coin.IsValid() || !coin.Amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "%s", coin)
	}
	asset, err := k.GetAsset(ctx, coin.Denom)
	if err != nil {
		return nil, err
	}
	if err := refuseDelisting(asset); err != nil {
		return nil, err
	}
	if err := k.refuseListedFactoryCreator(ctx, delAddr); err != nil {
		return nil, err
	}
	if _, err := k.stakingKeeper.GetValidator(ctx, val); err != nil {
		return nil, errorsmod.Wrapf(types.ErrValidatorNotFound, "%s", k.valString(val))
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, delAddr, types.ModuleName, sdk.NewCoins(coin)); err != nil {
		return nil, err
	}
	del, info, paid, err := k.prepareChange(ctx, delAddr, val, &asset)
	if err != nil {
		return nil, err
	}
	dVS, err := k.addStake(ctx, &asset, val, &info, &del, coin.Amount)
	if err != nil {
		return nil, err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return nil, err
	}
	if err := k.emit(ctx, &types.DelegateAllianceEvent{
		AllianceSender: k.accString(delAddr), Validator: k.valString(val), Coin: coin, NewShares: dVS,
	}); err != nil {
		return nil, err
	}
	return paid, nil
}

// Undelegate removes coin from the delegation and queues its payout after
// the x/staking unbonding time.
func (k Keeper) Undelegate(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, coin sdk.Coin) (time.Time, error) {
	return k.undelegate(ctx, delAddr, val, coin, nil)
}

// exitReport is what an undelegation or redelegation reports in its
// response: the rewards paid before the change and the tokens it moved.
type exitReport struct {
	paid  sdk.Coins
	moved sdk.Coin
}

// undelegate is Undelegate; when out is not nil it receives the rewards the
// delegation was paid before it shrank and the amount undelegated
// (MsgUndelegateResponse).
func (k Keeper) undelegate(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, coin sdk.Coin, out *exitReport) (time.Time, error) {
	if !coin.IsValid() || !coin.Amount.IsPositive() {
		return time.Time{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s", coin)
	}
	asset, err := k.GetAsset(ctx, coin.Denom)
	if err != nil {
		return time.Time{}, err
	}
	if has, err := k.Delegations.Has(ctx, collections.Join3(delAddr, val, coin.Denom)); err != nil {
		return time.Time{}, err
	} else if !has {
		return time.Time{}, types.ErrNoDelegation
	}
	del, info, delPaid, err := k.prepareChange(ctx, delAddr, val, &asset)
	if err != nil {
		return time.Time{}, err
	}
	if k.worthLessThanAToken(asset, info, del) {
		out.set(delPaid, sdk.NewCoin(coin.Denom, math.ZeroInt()))
		return k.closeDelegation(ctx, delAddr, val, &asset, &info, &del)
	}
	if err := k.checkUnbondingEntries(ctx, delAddr, val, coin.Denom); err != nil {
		return time.Time{}, err
	}
	coin.Amount = exitAmount(asset, info, del, coin.Amount)
	out.set(delPaid, coin)
	completion, err := k.unbondingCompletion(ctx, asset)
	if err != nil {
		return time.Time{}, err
	}
	return completion, k.unbondStake(ctx, delAddr, val, &asset, &info, &del, coin, completion)
}

// unbondingCompletion is when an undelegation made now completes: after
// x/staking's unbonding time, or with the wind-down of a delisted asset if
// that is sooner (nobody who leaves on their own waits longer than those
// the wind-down undelegates).
func (k Keeper) unbondingCompletion(ctx context.Context, asset types.AllianceAsset) (time.Time, error) {
	unbondingTime, err := k.stakingKeeper.UnbondingTime(ctx)
	if err != nil {
		return time.Time{}, err
	}
	completion := k.blockTime(ctx).Add(unbondingTime)
	if asset.Delisting() && asset.DelistCompletionTime.Before(completion) {
		completion = *asset.DelistCompletionTime
	}
	return completion, nil
}

// unbondStake takes coin out of the delegation (prepared by prepareChange)
// and queues it until completion.
func (k Keeper) unbondStake(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, asset *types.AllianceAsset,
	info *types.AllianceValidatorInfo, del *types.Delegation, coin sdk.Coin, completion time.Time,
) error {
	if err := k.removeStake(ctx, asset, val, info, del, coin.Amount); err != nil {
		return err
	}
	if err := k.addUnbonding(ctx, types.UnbondingEntry{
		DelegatorAddress: k.accString(delAddr), ValidatorAddress: k.valString(val), Balance: coin, CompletionTime: completion,
		CreationHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}); err != nil {
		return err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return err
	}
	return k.emit(ctx, &types.UndelegateAllianceEvent{
		AllianceSender: k.accString(delAddr), Validator: k.valString(val), Coin: coin, CompletionTime: completion,
	})
}

// set records a report; a nil receiver (the keeper's own callers) ignores it.
func (r *exitReport) set(paid sdk.Coins, moved sdk.Coin) {
	if r != nil {
		r.paid, r.moved = paid, moved
	}
}

// exitAmount applies the whole-balance rule of undelegations and
// redelegations: a request for at least the delegation's whole-token value
// moves exactly that value, and SharesForWithdrawal then burns every share
// (the sub-token remainder, rounded down against the leaver, stays with the
// other holders). The value a client read before sending the tx may have
// shrunk by execution (take rate, slash): "everything" must still mean
// everything, with no "insufficient tokens" and no shares left behind.
func exitAmount(asset types.AllianceAsset, info types.AllianceValidatorInfo, del types.Delegation, requested math.Int) math.Int {
	if value := delegationValue(asset, info, del); requested.GTE(value) {
		return value
	}
	return requested
}

// delegationValue is the whole-token value of del (rounded down, within
// types.TokenTolerance).
func delegationValue(asset types.AllianceAsset, info types.AllianceValidatorInfo, del types.Delegation) math.Int {
	return types.WholeTokens(types.DelegationTokens(asset, info.ValidatorSharesOf(asset.Denom), info.TotalDelegatorSharesOf(asset.Denom), del.Shares))
}

// worthLessThanAToken: del cannot be withdrawn from (its whole-token value
// is 0), only closed.
func (k Keeper) worthLessThanAToken(asset types.AllianceAsset, info types.AllianceValidatorInfo, del types.Delegation) bool {
	return delegationValue(asset, info, del).IsZero()
}

// closeDelegation is the undelegation of a delegation worth less than one
// token, whatever amount was asked: it is closed (closeStake), nothing is
// queued (the completion time is now) and the event reports 0 undelegated.
func (k Keeper) closeDelegation(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, asset *types.AllianceAsset, info *types.AllianceValidatorInfo, del *types.Delegation) (time.Time, error) {
	if err := k.closeStake(ctx, asset, val, info, del); err != nil {
		return time.Time{}, err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return time.Time{}, err
	}
	now := k.blockTime(ctx)
	return now, k.emit(ctx, &types.UndelegateAllianceEvent{
		AllianceSender: k.accString(delAddr), Validator: k.valString(val), Coin: sdk.NewCoin(asset.Denom, math.ZeroInt()), CompletionTime: now,
	})
}

// Redelegate moves coin from src to dst. The asset's total is unchanged;
// the move stays slashable for src until it matures, and a redelegation
// out of a validator that is itself the destination of an immature
// redelegation (same delegator and denom) is refused (no transitive hops).
func (k Keeper) Redelegate(ctx context.Context, delAddr sdk.AccAddress, src, dst sdk.ValAddress, coin sdk.Coin) (time.Time, error) {
	return k.redelegate(ctx, delAddr, src, dst, coin, nil)
}

// redelegate is Redelegate; when out is not nil it receives the rewards
// paid before the move (the source delegation's plus the destination
// delegation's when it existed) and the amount moved (MsgRedelegateResponse).
func (k Keeper) redelegate(ctx context.Context, delAddr sdk.AccAddress, src, dst sdk.ValAddress, coin sdk.Coin, out *exitReport) (time.Time, error) {
	if !coin.IsValid() || !coin.Amount.IsPositive() {
		return time.Time{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s", coin)
	}
	if src.Equals(dst) {
		return time.Time{}, types.ErrSameValidator
	}
	asset, err := k.GetAsset(ctx, coin.Denom)
	if err != nil {
		return time.Time{}, err
	}
	if err := refuseDelisting(asset); err != nil {
		return time.Time{}, err
	}
	if _, err := k.stakingKeeper.GetValidator(ctx, dst); err != nil {
		return time.Time{}, errorsmod.Wrapf(types.ErrValidatorNotFound, "%s", k.valString(dst))
	}
	if has, err := k.Delegations.Has(ctx, collections.Join3(delAddr, src, coin.Denom)); err != nil {
		return time.Time{}, err
	} else if !has {
		return time.Time{}, types.ErrNoDelegation
	}
	if err := k.checkRedelegation(ctx, delAddr, src, dst, coin.Denom); err != nil {
		return time.Time{}, err
	}

	// Both validators' pending rewards are booked before any share changes.
	// Booking dst after removeStake(src) would split dst's rewards with the
	// asset's total lowered by the moving amount, as if the whole asset sat on
	// dst for the moment: a redelegator then took other assets' part of dst's
	// pending rewards (TestRedelegationDoesNotTakeDestinationRewards).
	srcDel, srcInfo, srcPaid, err := k.prepareChange(ctx, delAddr, src, &asset)
	if err != nil {
		return time.Time{}, err
	}
	dstDel, dstInfo, dstPaid, err := k.prepareChange(ctx, delAddr, dst, &asset)
	if err != nil {
		return time.Time{}, err
	}
	coin.Amount = exitAmount(asset, srcInfo, srcDel, coin.Amount)
	if !coin.Amount.IsPositive() {
		return time.Time{}, errorsmod.Wrap(types.ErrInsufficientTokens, "the delegation is worth less than one token; undelegate to close it")
	}
	out.set(srcPaid.Add(dstPaid...), coin)
	if err := k.removeStake(ctx, &asset, src, &srcInfo, &srcDel, coin.Amount); err != nil {
		return time.Time{}, err
	}
	if _, err := k.addStake(ctx, &asset, dst, &dstInfo, &dstDel, coin.Amount); err != nil {
		return time.Time{}, err
	}
	unbondingTime, err := k.stakingKeeper.UnbondingTime(ctx)
	if err != nil {
		return time.Time{}, err
	}
	completion := k.blockTime(ctx).Add(unbondingTime)
	if err := k.addRedelegation(ctx, types.RedelegationRecord{
		DelegatorAddress: k.accString(delAddr), SrcValidatorAddress: k.valString(src), DstValidatorAddress: k.valString(dst),
		Balance: coin, CompletionTime: completion, CreationHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}); err != nil {
		return time.Time{}, err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return time.Time{}, err
	}
	return completion, k.emit(ctx, &types.RedelegateAllianceEvent{
		AllianceSender: k.accString(delAddr), SourceValidator: k.valString(src), DestinationValidator: k.valString(dst),
		Coin: coin, CompletionTime: completion,
	})
}

// DelegationBalance is the whole-token value of a delegation.
func (k Keeper) DelegationBalance(ctx context.Context, del types.Delegation) (sdk.Coin, error) {
	asset, err := k.Assets.Get(ctx, del.Denom)
	if errors.Is(err, collections.ErrNotFound) {
		return sdk.NewCoin(del.Denom, math.ZeroInt()), nil
	} else if err != nil {
		return sdk.Coin{}, err
	}
	val, err := k.valAddr(del.ValidatorAddress)
	if err != nil {
		return sdk.Coin{}, err
	}
	info, err := k.GetValidatorInfo(ctx, val)
	if err != nil {
		return sdk.Coin{}, err
	}
	v := types.DelegationTokens(asset, info.ValidatorSharesOf(del.Denom), info.TotalDelegatorSharesOf(del.Denom), del.Shares)
	return sdk.NewCoin(del.Denom, types.WholeTokens(v)), nil
}
