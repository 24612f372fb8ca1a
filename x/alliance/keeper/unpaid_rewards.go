package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Rewards a delisting's wind-down could not pay.
//
// The wind-down pays a delegation's rewards before it undelegates it, like
// any undelegation. When x/bank refuses that payment (the owner is a blocked
// address, a reward denom is not sendable ...), retrying the undelegation
// would fail forever and the asset would never finish delisting. Instead the
// delegation is undelegated without the payment (windDownDelegation): what
// it is owed stays in the reward pool, booked to the owner in UnpaidRewards,
// and PayUnpaidRewards retries the payment every block, so it arrives as
// soon as x/bank accepts it, and nothing is lost meanwhile. The owner's
// tokens take the ordinary unbonding path and arrive at the asset's
// delist_completion_time like everybody's.

// unpaidRetryLimit bounds the owners whose booked rewards are retried per
// block. Each retry is one send (a refused one costs about as much); a
// cursor carries the retry round over to the next block, so every owner is
// retried once every ceil(owners / limit) blocks.
const unpaidRetryLimit = 20

// bookUnpaidRewards is the rewardSettler of a wind-down whose payment x/bank
// refused: what del is owed is booked to its owner instead of paid (the
// coins stay in the reward pool), and del is marked settled. It reports
// nothing paid.
func (k Keeper) bookUnpaidRewards(ctx context.Context, del *types.Delegation, info types.AllianceValidatorInfo) (sdk.Coins, error) {
	coins := rewardsOwed(*del, info.GlobalRewardHistory)
	if !coins.IsZero() {
		owner, err := k.accAddr(del.DelegatorAddress)
		if err != nil {
			return nil, err
		}
		if err := k.addUnpaidRewards(ctx, owner, coins); err != nil {
			return nil, err
		}
		if err := k.emit(ctx, &types.UnpaidRewardsEvent{
			Delegator: del.DelegatorAddress, Validator: del.ValidatorAddress, Coins: coins, Action: "booked",
		}); err != nil {
			return nil, err
		}
	}
	k.markRewardsSettled(ctx, del, info)
	return sdk.NewCoins(), nil
}

func (k Keeper) addUnpaidRewards(ctx context.Context, owner sdk.AccAddress, coins sdk.Coins) error {
	u, err := k.UnpaidRewards.Get(ctx, owner)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		u = types.UnpaidRewards{DelegatorAddress: k.accString(owner)}
	case err != nil:
		return err
	}
	u.Rewards = u.Rewards.Add(coins...)
	return k.UnpaidRewards.Set(ctx, owner, u)
}

// PayUnpaidRewards retries the payment of booked rewards: at most
// unpaidRetryLimit owners per block, after the cursor; each payment in its
// own branch, so a refused one changes nothing and is tried again next
// round.
func (k Keeper) PayUnpaidRewards(ctx context.Context) error {
	owners, more, resumed, err := k.nextUnpaidOwners(ctx)
	if err != nil || len(owners) == 0 && !resumed {
		return err // nothing booked: no write
	}
	for _, owner := range owners {
		if err := inBranch(ctx, func(c context.Context) error { return k.payUnpaidRewards(c, owner) }); err != nil {
			k.Logger(ctx).Debug("alliance: booked rewards still refused; retried next round", "owner", k.accString(owner), "error", err)
		}
	}
	if !more {
		return k.UnpaidRewardsCursor.Remove(ctx) // the next round starts from the first owner
	}
	return k.UnpaidRewardsCursor.Set(ctx, owners[len(owners)-1])
}

// nextUnpaidOwners returns up to unpaidRetryLimit owners after the cursor,
// whether the round goes on after them and whether a cursor was stored.
// Keys are collected and the iterator closed before anything is written.
func (k Keeper) nextUnpaidOwners(ctx context.Context) ([]sdk.AccAddress, bool, bool, error) {
	var rng collections.Ranger[sdk.AccAddress] // nil: from the first owner
	cursor, err := k.UnpaidRewardsCursor.Get(ctx)
	switch {
	case err == nil:
		rng = new(collections.Range[sdk.AccAddress]).StartExclusive(cursor)
	case !errors.Is(err, collections.ErrNotFound):
		return nil, false, false, err
	}
	resumed := err == nil
	it, err := k.UnpaidRewards.Iterate(ctx, rng)
	if err != nil {
		return nil, false, resumed, err
	}
	defer it.Close()
	var owners []sdk.AccAddress
	for ; it.Valid(); it.Next() {
		if len(owners) == unpaidRetryLimit {
			return owners, true, resumed, nil
		}
		owner, err := it.Key()
		if err != nil {
			return nil, false, resumed, err
		}
		owners = append(owners, owner)
	}
	return owners, false, resumed, nil
}

// payUnpaidRewards pays owner's booked rewards from the reward pool.
func (k Keeper) payUnpaidRewards(ctx context.Context, owner sdk.AccAddress) error {
	u, err := k.UnpaidRewards.Get(ctx, owner)
	if err != nil {
		return err
	}
	if err := k.UnpaidRewards.Remove(ctx, owner); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.RewardsPoolName, owner, u.Rewards); err != nil {
		return err
	}
	return k.emit(ctx, &types.UnpaidRewardsEvent{Delegator: u.DelegatorAddress, Coins: u.Rewards, Action: "paid"})
}

// totalUnpaidRewards is every booked reward (the reward pool owes them).
func (k Keeper) totalUnpaidRewards(ctx context.Context) (sdk.Coins, error) {
	total := sdk.NewCoins()
	err := k.UnpaidRewards.Walk(ctx, nil, func(_ sdk.AccAddress, u types.UnpaidRewards) (bool, error) {
		total = total.Add(u.Rewards...)
		return false, nil
	})
	return total, err
}
