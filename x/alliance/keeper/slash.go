package keeper

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// SlashValidator cuts fraction of the alliance stake attributable to val:
//
//   - bonded: each asset's T_{a,V} loses floor(fraction × T_{a,V}); V's
//     validator-level shares shrink so that no other validator's holders
//     gain or lose (shares burned round up, in favour of the other holders);
//   - redelegating: every immature redelegation whose SOURCE is val loses
//     floor(fraction × balance), taken from the destination delegation;
//   - unbonding: every immature undelegation FROM val loses
//     floor(fraction × balance).
//
// Each entry is looked up by its own id through the by-validator index, so it
// is slashed exactly once and entries of other validators or denoms are never
// touched (upstream fanned out over the delegator's whole time bucket).
// Slashed tokens go to the fee collector. Amounts floor like x/staking's.
func (k Keeper) SlashValidator(ctx context.Context, val sdk.ValAddress, fraction math.LegacyDec) error {
	if fraction.IsNil() || !fraction.IsPositive() || fraction.GT(math.LegacyOneDec()) {
		return fmt.Errorf("%w: slash fraction %s not in (0, 1]", types.ErrInvalidAmount, fraction)
	}
	now := k.blockTime(ctx)
	bonded := sdk.NewCoins()

	if has, err := k.ValidatorInfos.Has(ctx, val); err != nil {
		return err
	} else if has {
		info, err := k.GetValidatorInfo(ctx, val)
		if err != nil {
			return err
		}
		// saved below with the slashed shares
		if _, err := k.claimValidatorRewardsInto(ctx, val, &info, nil); err != nil {
			return err
		}
		for _, vsc := range append([]sdk.DecCoin{}, info.ValidatorShares...) {
			asset, err := k.GetAsset(ctx, vsc.Denom)
			if err != nil {
				continue // shares of a deleted asset: nothing to slash
			}
			tav := types.ValidatorTokens(asset, vsc.Amount)
			amt := fraction.MulTruncate(tav).TruncateInt()
			if amt.GT(asset.TotalTokens) {
				amt = asset.TotalTokens
			}
			if !amt.IsPositive() {
				continue
			}
			// dVS = ceil(amt × TvS / T_a), capped: keeps TvS/T_a for the others.
			num := new(big.Int).Mul(amt.BigInt(), asset.TotalValidatorShares.BigInt())
			den := asset.TotalTokens.BigInt() // > 0 since amt ≤ T_a and amt > 0
			q, r := new(big.Int).QuoRem(num, den, new(big.Int))
			if r.Sign() > 0 {
				q.Add(q, big.NewInt(1))
			}
			dVS := math.LegacyNewDecFromBigIntWithPrec(q, math.LegacyPrecision)
			if dVS.GT(vsc.Amount) {
				dVS = vsc.Amount
			}
			asset.TotalTokens = asset.TotalTokens.Sub(amt)
			asset.TotalValidatorShares = asset.TotalValidatorShares.Sub(dVS)
			info.SetValidatorShares(vsc.Denom, vsc.Amount.Sub(dVS))
			if err := k.Assets.Set(ctx, asset.Denom, asset); err != nil {
				return err
			}
			bonded = bonded.Add(sdk.NewCoin(asset.Denom, amt))
		}
		if err := k.ValidatorInfos.Set(ctx, val, info); err != nil {
			return err
		}
	}

	redelegating, err := k.slashRedelegations(ctx, val, fraction, now)
	if err != nil {
		return err
	}
	unbonding, err := k.slashUnbondings(ctx, val, fraction, now)
	if err != nil {
		return err
	}
	total := bonded.Add(redelegating...).Add(unbonding...)
	if !total.IsZero() {
		if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, k.feeCollectorName, total); err != nil {
			return err
		}
	}
	if err := k.QueueRebalance(ctx); err != nil {
		return err
	}
	k.emit(ctx, &types.SlashAllianceEvent{
		Validator: k.valString(val), Fraction: fraction, Bonded: bonded, Redelegating: redelegating, Unbonding: unbonding,
	})
	return nil
}

func (k Keeper) slashRedelegations(ctx context.Context, src sdk.ValAddress, fraction math.LegacyDec, now time.Time) (sdk.Coins, error) {
	slashed := sdk.NewCoins()
	it, err := k.Redelegations.Indexes.BySrc.MatchExact(ctx, src)
	if err != nil {
		return nil, err
	}
	ids, err := it.PrimaryKeys()
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		r, err := k.Redelegations.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if !r.CompletionTime.After(now) {
			continue // matured: no longer slashable
		}
		amt := fraction.MulInt(r.Balance.Amount).TruncateInt()
		if !amt.IsPositive() {
			continue
		}
		delAddr, err := k.accAddr(r.DelegatorAddress)
		if err != nil {
			return nil, err
		}
		dst, err := k.valAddr(r.DstValidatorAddress)
		if err != nil {
			return nil, err
		}
		asset, err := k.GetAsset(ctx, r.Balance.Denom)
		if err != nil {
			continue
		}
		if has, err := k.Delegations.Has(ctx, collections.Join3(delAddr, dst, r.Balance.Denom)); err != nil {
			return nil, err
		} else if !has {
			continue // already moved on; only what is still there can be cut
		}
		del, info, _, err := k.prepareChange(ctx, delAddr, dst, &asset)
		if err != nil {
			return nil, err
		}
		asset, err = k.GetAsset(ctx, r.Balance.Denom)
		if err != nil {
			return nil, err
		}
		value := types.WholeTokens(types.DelegationTokens(asset, info.ValidatorSharesOf(asset.Denom), info.TotalDelegatorSharesOf(asset.Denom), del.Shares))
		if amt.GT(value) {
			amt = value
		}
		if !amt.IsPositive() {
			// Nothing to cut, but prepareChange booked dst's rewards in info and
			// paid the delegation's: both must be saved, or the delegation's old
			// index snapshot would pay the same rewards again.
			if err := k.saveStake(ctx, &asset, dst, &info, &del); err != nil {
				return nil, err
			}
			continue
		}
		if err := k.removeStake(ctx, &asset, dst, &info, &del, amt); err != nil {
			return nil, err
		}
		r.Balance.Amount = r.Balance.Amount.Sub(amt)
		if err := k.Redelegations.Set(ctx, id, r); err != nil {
			return nil, err
		}
		slashed = slashed.Add(sdk.NewCoin(asset.Denom, amt))
	}
	return slashed, nil
}

func (k Keeper) slashUnbondings(ctx context.Context, val sdk.ValAddress, fraction math.LegacyDec, now time.Time) (sdk.Coins, error) {
	slashed := sdk.NewCoins()
	it, err := k.Unbondings.Indexes.ByValidator.MatchExact(ctx, val)
	if err != nil {
		return nil, err
	}
	ids, err := it.PrimaryKeys()
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		e, err := k.Unbondings.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if !e.CompletionTime.After(now) {
			continue
		}
		amt := fraction.MulInt(e.Balance.Amount).TruncateInt()
		if !amt.IsPositive() {
			continue
		}
		e.Balance.Amount = e.Balance.Amount.Sub(amt)
		if err := k.Unbondings.Set(ctx, id, e); err != nil {
			return nil, err
		}
		slashed = slashed.Add(sdk.NewCoin(e.Balance.Denom, amt))
	}
	return slashed, nil
}
