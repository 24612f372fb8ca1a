package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// CancelUnbonding returns coin from delAddr's immature unbonding entries
// made at creationHeight on val back to the delegation (delAddr, val,
// coin.Denom), like x/staking's MsgCancelUnbondingDelegation. It returns the
// rewards that delegation was paid before it grew (claim-before-change).
//
// What can come back is what the entries hold now: a slash during the wait
// lowered their balance in place (slashUnbondings), so a slashed entry
// returns only what is left. The tokens rejoin at the current share price of
// (val, asset), which already reflects every take-rate deduction and slash of
// the bonded stake, exactly like a new delegation of the same amount. The
// tokens never left the module account, so no bank transfer happens.
//
// Several entries may share a height (undelegations in one block): they
// count as one balance and are drawn from in the order they were made; an
// entry drawn to 0 is removed, which also frees its slot under the entry
// cap. A cancel never adds an entry, so the cap cannot refuse it.
func (k Keeper) CancelUnbonding(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, coin sdk.Coin, creationHeight int64) (sdk.Coins, error) {
	if !coin.IsValid() || !coin.Amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "%s", coin)
	}
	if creationHeight <= 0 {
		return nil, errorsmod.Wrapf(types.ErrNoUnbondingEntry, "creation height must be positive, got %d", creationHeight)
	}
	asset, err := k.GetAsset(ctx, coin.Denom)
	if err != nil {
		return nil, err
	}
	if asset.DelistCompletionTime != nil {
		return nil, errorsmod.Wrapf(types.ErrCancelIntoDelisting, "%s", asset.Denom)
	}
	// The tokens would rejoin as stake: refused like a delegation.
	if err := k.refuseListedFactoryCreator(ctx, delAddr); err != nil {
		return nil, err
	}
	if err := k.checkCancelTarget(ctx, val); err != nil {
		return nil, err
	}
	entries, err := k.cancellableEntries(ctx, delAddr, val, coin, creationHeight)
	if err != nil {
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
	if err := k.drawFromEntries(ctx, entries, coin.Amount); err != nil {
		return nil, err
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return nil, err
	}
	return paid, k.emit(ctx, &types.CancelUnbondingAllianceEvent{
		AllianceSender: k.accString(delAddr), Validator: k.valString(val), Coin: coin,
		CreationHeight: creationHeight, NewShares: dVS,
	})
}

// checkCancelTarget refuses a validator the stake cannot return to: gone from
// x/staking, or jailed (as x/staking refuses a cancel to a jailed validator;
// a delegation can still be made to it, but the unbonding stake left it and
// stays out until it is unjailed).
func (k Keeper) checkCancelTarget(ctx context.Context, val sdk.ValAddress) error {
	v, err := k.stakingKeeper.GetValidator(ctx, val)
	if err != nil {
		return errorsmod.Wrapf(types.ErrValidatorNotFound, "%s", k.valString(val))
	}
	if v.IsJailed() {
		return errorsmod.Wrapf(types.ErrValidatorJailed, "%s", k.valString(val))
	}
	return nil
}

// idEntry is an unbonding entry with its store id.
type idEntry struct {
	id    uint64
	entry types.UnbondingEntry
}

// cancellableEntries collects delAddr's immature entries on val of coin's
// denom made at creationHeight, oldest first, and checks that together they
// hold at least coin. The walk is bounded: a delegator has at most
// MaxEntries immature entries per (validator, denom).
func (k Keeper) cancellableEntries(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, coin sdk.Coin, creationHeight int64) ([]idEntry, error) {
	valStr, now := k.valString(val), k.blockTime(ctx)
	var found []idEntry
	matured := false
	available := math.ZeroInt()
	err := k.walkUnbondingsOf(ctx, delAddr, func(id uint64, e types.UnbondingEntry) (bool, error) {
		if e.ValidatorAddress != valStr || e.Balance.Denom != coin.Denom || e.CreationHeight != creationHeight {
			return false, nil
		}
		if !e.CompletionTime.After(now) { // paid out by this block's EndBlock
			matured = true
			return false, nil
		}
		found = append(found, idEntry{id: id, entry: e})
		available = available.Add(e.Balance.Amount)
		return false, nil
	})
	switch {
	case err != nil:
		return nil, err
	case len(found) == 0 && matured:
		return nil, errorsmod.Wrapf(types.ErrUnbondingMatured, "height %d", creationHeight)
	case len(found) == 0:
		return nil, errorsmod.Wrapf(types.ErrNoUnbondingEntry, "%s on %s at height %d", coin.Denom, valStr, creationHeight)
	case available.LT(coin.Amount):
		return nil, errorsmod.Wrapf(types.ErrUnbondingBalanceExceeded, "%s requested, %s%s left", coin, available, coin.Denom)
	}
	return found, nil
}

// drawFromEntries takes amount out of entries in order (their total holds
// it: cancellableEntries), removing each entry it empties.
func (k Keeper) drawFromEntries(ctx context.Context, entries []idEntry, amount math.Int) error {
	for _, ie := range entries {
		if !amount.IsPositive() {
			return nil
		}
		take := math.MinInt(amount, ie.entry.Balance.Amount)
		amount = amount.Sub(take)
		ie.entry.Balance.Amount = ie.entry.Balance.Amount.Sub(take)
		if ie.entry.Balance.Amount.IsPositive() {
			if err := k.Unbondings.Set(ctx, ie.id, ie.entry); err != nil {
				return err
			}
			continue
		}
		if err := k.Unbondings.Remove(ctx, ie.id); err != nil {
			return err
		}
	}
	return nil
}
