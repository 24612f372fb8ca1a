package keeper

import (
	"context"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// DeductAssetsHook applies the take rate for every whole
// take_rate_claim_interval elapsed since the last application:
//
//	deduction_a = floor(T_a × (1 − (1 − take_rate_a)^n))
//
// The deduction rounds down (the stakers keep the fraction) and never takes
// the last token of an asset (so its shares keep a defined value). The coins
// go from the alliance account to the fee collector, i.e. to the native
// stakers (and through the virtual stake partly back to alliance stakers).
// Only shares' value changes: T_a shrinks, no delegation is touched.
// The clock always advances by n × interval, so a deduction that rounds to
// zero is forgone rather than applied retroactively to later deposits.
// After a gap longer than types.MaxScheduleCatchUp (a halt) only that much
// time is charged (types.CatchUpIntervals); the clock still skips the gap.
func (k Keeper) DeductAssetsHook(ctx context.Context) (sdk.Coins, error) {
	params, err := k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	interval := params.TakeRateClaimInterval
	if interval <= 0 {
		// Unreachable: Params.Validate rejects it. Never divide by zero.
		k.Logger(ctx).Error("take rate skipped: non-positive take_rate_claim_interval", "interval", interval)
		return sdk.NewCoins(), nil
	}
	now := k.blockTime(ctx)
	last := params.LastTakeRateClaimTime
	if last.IsZero() {
		params.LastTakeRateClaimTime = now
		return sdk.NewCoins(), k.Params.Set(ctx, params)
	}
	if now.Before(last.Add(interval)) {
		return sdk.NewCoins(), nil
	}
	n := int64(now.Sub(last) / interval) // ≥ 1, interval > 0
	charged := types.CatchUpIntervals(n, interval)
	deducted := sdk.NewCoins()
	var changed []types.AllianceAsset
	err = k.Assets.Walk(ctx, nil, func(_ string, a types.AllianceAsset) (bool, error) {
		if !a.Earning() || !a.TakeRate.IsPositive() || !a.TotalTokens.IsPositive() {
			return false, nil
		}
		keep := math.LegacyOneDec().Sub(a.TakeRate).Power(uint64(charged))
		amt := math.LegacyNewDecFromInt(a.TotalTokens).MulTruncate(math.LegacyOneDec().Sub(keep)).TruncateInt()
		if maxTake := a.TotalTokens.SubRaw(1); amt.GT(maxTake) {
			amt = maxTake
		}
		if !amt.IsPositive() {
			return false, nil
		}
		a.TotalTokens = a.TotalTokens.Sub(amt)
		changed = append(changed, a)
		deducted = deducted.Add(sdk.NewCoin(a.Denom, amt))
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range changed {
		if err := k.Assets.Set(ctx, a.Denom, a); err != nil {
			return nil, err
		}
	}
	if !deducted.IsZero() {
		if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, k.feeCollectorName, deducted); err != nil {
			return nil, err
		}
		if err := k.emit(ctx, &types.DeductAllianceAssetsEvent{Coins: deducted}); err != nil {
			return nil, err
		}
	}
	params.LastTakeRateClaimTime = last.Add(interval * time.Duration(n))
	return deducted, k.Params.Set(ctx, params)
}
