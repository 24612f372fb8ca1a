package keeper

import (
	"context"
	"math/big"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// UnknownInfractionHeight is passed as the infraction height when it is not
// known (x/staking's BeforeValidatorSlashed hook does not carry it): every
// immature entry is then slashable.
const UnknownInfractionHeight int64 = 0

// SlashValidator books val's pending rewards, then cuts fraction of all the
// alliance stake attributable to val, every immature entry included (no
// infraction height). For callers outside x/staking's Slash only: inside it
// (BeforeValidatorSlashed) the rewards must not be withdrawn, see
// slashAlliance.
func (k Keeper) SlashValidator(ctx context.Context, val sdk.ValAddress, fraction math.LegacyDec) error {
	if _, err := k.ClaimValidatorRewards(ctx, val); err != nil {
		return err
	}
	return k.slashAlliance(ctx, val, UnknownInfractionHeight, fraction)
}

// slashAlliance cuts fraction of the alliance stake that backed val at
// infractionHeight:
//
//   - bonded: each asset's T_{a,V} loses floor(fraction × T_{a,V}); V's
//     validator-level shares shrink so that no other validator's holders
//     gain or lose (shares burned round up, in favour of the other holders);
//   - redelegating: every immature redelegation whose SOURCE is val and that
//     was made at or after the infraction loses floor(fraction × balance):
//     first from the delegator's immature undelegations at the destination
//     made at or after the redelegation (stake that moved on and is leaving),
//     then from the destination delegation, as x/staking's SlashRedelegation;
//   - unbonding: every immature undelegation FROM val made at or after the
//     infraction loses floor(fraction × balance).
//
// An entry made before the infraction did not back val when it misbehaved
// and is skipped (x/staking's CreationHeight < infractionHeight rule). An
// entry with creation height 0 (imported without one) and any entry when
// infractionHeight is UnknownInfractionHeight are slashable.
//
// Each entry is looked up by its own id through the by-validator index, so it
// is slashed exactly once per source record and entries of other validators
// or denoms are never touched. Slashed tokens go to the fee collector.
// Amounts floor like x/staking's (in favour of the delegator: the slash never
// takes more than the fraction).
//
// No reward is withdrawn here: called from x/staking's BeforeValidatorSlashed
// a withdrawal would re-initialise x/distribution's starting stake of the
// virtual delegation before x/staking cuts the tokens (stale stake, and a
// panic at the next withdrawal). The rewards pending on val are booked by
// the caller that can do it outside x/staking's slash (SlashForInfraction),
// or at the next change on val, with the shares after the slash.
func (k Keeper) slashAlliance(ctx context.Context, val sdk.ValAddress, infractionHeight int64, fraction math.LegacyDec) error {
	if fraction.IsNil() || !fraction.IsPositive() || fraction.GT(math.LegacyOneDec()) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "slash fraction %s not in (0, 1]", fraction)
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

	redelegating, err := k.slashRedelegations(ctx, val, infractionHeight, fraction, now)
	if err != nil {
		return err
	}
	unbonding, err := k.slashUnbondings(ctx, val, infractionHeight, fraction, now)
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
	return k.emit(ctx, &types.SlashAllianceEvent{
		Validator: k.valString(val), Fraction: fraction, Bonded: bonded, Redelegating: redelegating, Unbonding: unbonding,
		InfractionHeight: infractionHeight,
	})
}

// slashable reports whether an entry made at created backed the validator at
// infractionHeight (x/staking: entries made before the infraction are not).
func slashable(created, infractionHeight int64) bool {
	return created == 0 || infractionHeight == UnknownInfractionHeight || created >= infractionHeight
}

func (k Keeper) slashRedelegations(ctx context.Context, src sdk.ValAddress, infractionHeight int64, fraction math.LegacyDec, now time.Time) (sdk.Coins, error) {
	slashed := sdk.NewCoins()
	it, err := k.Redelegations.Indexes.BySrc.MatchExact(ctx, src)
	err = walkIndexed(ctx, k.Redelegations, it, err, func(id uint64, r types.RedelegationRecord) (bool, error) {
		if !r.CompletionTime.After(now) || !slashable(r.CreationHeight, infractionHeight) {
			return false, nil // matured, or moved before the infraction
		}
		amt := fraction.MulInt(r.Balance.Amount).TruncateInt()
		if !amt.IsPositive() {
			return false, nil
		}
		taken, err := k.slashRedelegation(ctx, r, amt, now)
		if err != nil || !taken.IsPositive() {
			return err != nil, err
		}
		r.Balance.Amount = r.Balance.Amount.Sub(math.MinInt(taken, r.Balance.Amount))
		if err := k.Redelegations.Set(ctx, id, r); err != nil {
			return true, err
		}
		slashed = slashed.Add(sdk.NewCoin(r.Balance.Denom, taken))
		return false, nil
	})
	return slashed, err
}

// slashRedelegation takes amt of the stake r moved, where it went, and
// returns what it could take.
func (k Keeper) slashRedelegation(ctx context.Context, r types.RedelegationRecord, amt math.Int, now time.Time) (math.Int, error) {
	delAddr, err := k.accAddr(r.DelegatorAddress)
	if err != nil {
		return math.ZeroInt(), err
	}
	dst, err := k.valAddr(r.DstValidatorAddress)
	if err != nil {
		return math.ZeroInt(), err
	}
	// 1. What moved on from dst into undelegations (x/staking's
	// SlashRedelegation takes those first too): only undelegations made at
	// or after this redelegation can hold the moved stake.
	taken, err := k.slashDstUnbondings(ctx, delAddr, r, amt, now)
	if err != nil {
		return taken, err
	}
	// 2. The rest from the destination delegation, if it is still there.
	if rest := amt.Sub(taken); rest.IsPositive() {
		fromDelegation, err := k.slashDstDelegation(ctx, delAddr, dst, r.Balance.Denom, rest)
		if err != nil {
			return taken, err
		}
		taken = taken.Add(fromDelegation)
	}
	return taken, nil
}

// slashDstUnbondings takes up to amt from the delegator's immature
// undelegations of r's denom at r's destination made at or after r (oldest
// first). At most MaxEntries such entries exist per (delegator, validator,
// denom), so the walk is bounded by the delegator's own entries.
func (k Keeper) slashDstUnbondings(ctx context.Context, delAddr sdk.AccAddress, r types.RedelegationRecord, amt math.Int, now time.Time) (math.Int, error) {
	taken := math.ZeroInt()
	type hit struct {
		id uint64
		e  types.UnbondingEntry
	}
	var hits []hit
	err := k.walkUnbondingsOf(ctx, delAddr, func(id uint64, e types.UnbondingEntry) (bool, error) {
		if e.ValidatorAddress == r.DstValidatorAddress && e.Balance.Denom == r.Balance.Denom &&
			e.CompletionTime.After(now) && (r.CreationHeight == 0 || e.CreationHeight == 0 || e.CreationHeight >= r.CreationHeight) {
			hits = append(hits, hit{id, e})
		}
		return false, nil
	})
	if err != nil {
		return taken, err
	}
	for _, h := range hits {
		left := amt.Sub(taken)
		if !left.IsPositive() {
			break
		}
		cut := math.MinInt(left, h.e.Balance.Amount)
		if !cut.IsPositive() {
			continue
		}
		h.e.Balance.Amount = h.e.Balance.Amount.Sub(cut)
		if err := k.Unbondings.Set(ctx, h.id, h.e); err != nil {
			return taken, err
		}
		taken = taken.Add(cut)
	}
	return taken, nil
}

// slashDstDelegation takes up to amt (capped at the delegation's whole-token
// value) from the delegator's delegation of denom on dst, booking dst's
// rewards first (claim-before-change).
func (k Keeper) slashDstDelegation(ctx context.Context, delAddr sdk.AccAddress, dst sdk.ValAddress, denom string, amt math.Int) (math.Int, error) {
	asset, err := k.GetAsset(ctx, denom)
	if err != nil {
		return math.ZeroInt(), nil // delisted: nothing bonded of it any more
	}
	if has, err := k.Delegations.Has(ctx, collections.Join3(delAddr, dst, denom)); err != nil {
		return math.ZeroInt(), err
	} else if !has {
		return math.ZeroInt(), nil // moved on elsewhere (redelegations from dst are refused while r is immature)
	}
	del, info, _, err := k.prepareChange(ctx, delAddr, dst, &asset)
	if err != nil {
		return math.ZeroInt(), err
	}
	asset, err = k.GetAsset(ctx, denom)
	if err != nil {
		return math.ZeroInt(), err
	}
	value := types.WholeTokens(types.DelegationTokens(asset, info.ValidatorSharesOf(denom), info.TotalDelegatorSharesOf(denom), del.Shares))
	if amt.GT(value) {
		amt = value
	}
	if !amt.IsPositive() {
		// Nothing to cut, but prepareChange booked dst's rewards in info and
		// paid the delegation's: both must be saved, or the delegation's old
		// index snapshot would pay the same rewards again.
		return math.ZeroInt(), k.saveStake(ctx, &asset, dst, &info, &del)
	}
	if err := k.removeStake(ctx, &asset, dst, &info, &del, amt); err != nil {
		return math.ZeroInt(), err
	}
	return amt, nil
}

func (k Keeper) slashUnbondings(ctx context.Context, val sdk.ValAddress, infractionHeight int64, fraction math.LegacyDec, now time.Time) (sdk.Coins, error) {
	slashed := sdk.NewCoins()
	it, err := k.Unbondings.Indexes.ByValidator.MatchExact(ctx, val)
	err = walkIndexed(ctx, k.Unbondings, it, err, func(id uint64, e types.UnbondingEntry) (bool, error) {
		if !e.CompletionTime.After(now) || !slashable(e.CreationHeight, infractionHeight) {
			return false, nil // matured, or left before the infraction
		}
		amt := fraction.MulInt(e.Balance.Amount).TruncateInt()
		if !amt.IsPositive() {
			return false, nil
		}
		e.Balance.Amount = e.Balance.Amount.Sub(amt)
		if err := k.Unbondings.Set(ctx, id, e); err != nil {
			return true, err
		}
		slashed = slashed.Add(sdk.NewCoin(e.Balance.Denom, amt))
		return false, nil
	})
	return slashed, err
}
