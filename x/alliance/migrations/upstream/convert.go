package upstream

import (
	"fmt"
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// ConvertGenesis prepares an upstream v0.4 alliance state for this module:
// the reward indices (ConvertRewardIndices), the reward-weight ranges
// (clampWeightRanges) and schedules upstream never runs
// (disableOffSchedules), then stamps it with this module's format_version.
// It must run exactly once, on upstream's state only: a state that already
// carries a format_version (this module's own, or converted before) is
// refused (ErrGenesisAlreadyConverted), since converting its indices again
// would shrink what every delegator of a taxed asset is owed.
func ConvertGenesis(gs *types.GenesisState) error {
	if gs.FormatVersion != 0 {
		return errorsmod.Wrapf(types.ErrGenesisAlreadyConverted, "format_version %d", gs.FormatVersion)
	}
	if err := ConvertRewardIndices(gs); err != nil {
		return err
	}
	clampWeightRanges(gs)
	disableOffSchedules(gs)
	gs.FormatVersion = types.GenesisFormatVersion
	return nil
}

// disableOffSchedules: upstream runs an asset's reward-weight schedule only
// when reward_change_rate > 0 and the interval > 0, and an asset listed
// before the field existed stores no rate at all. This module requires a
// rate > 0, so such an asset gets rate 1 and interval 0: the schedule stays
// off, as it was.
func disableOffSchedules(gs *types.GenesisState) {
	for i := range gs.Assets {
		a := &gs.Assets[i]
		if a.RewardChangeRate.IsNil() || !a.RewardChangeRate.IsPositive() {
			a.RewardChangeRate, a.RewardChangeInterval = math.LegacyOneDec(), 0
		}
	}
}

// clampWeightRanges lowers reward_weight_range.max to types.MaxRewardWeight.
// Upstream's own v4 migration set the max of every asset listed before it
// to MaxInt64, and this module refuses a max above its bound (it caps how
// far governance or a weight schedule can raise a weight). Lowering it
// changes no weight now. An asset whose weight or range minimum is already
// above the bound is left as it is: InitGenesis refuses it
// (ErrRewardWeightTooLarge or ErrInvalidAsset), since no bound-respecting
// state keeps its voting power.
func clampWeightRanges(gs *types.GenesisState) {
	for i := range gs.Assets {
		a := &gs.Assets[i]
		rng := &a.RewardWeightRange
		if rng.Max.IsNil() || rng.Min.IsNil() || a.RewardWeight.IsNil() {
			continue // refused by validation with a clear error
		}
		if rng.Max.GT(types.MaxRewardWeight) && a.RewardWeight.LTE(types.MaxRewardWeight) && rng.Min.LTE(types.MaxRewardWeight) {
			rng.Max = types.MaxRewardWeight
		}
	}
}

// ConvertRewardIndices rewrites upstream's reward indices in gs to this
// module's meaning. Upstream's index counts rewards per delegated *token*
// and pays (index now − delegation's index) × the delegation's tokens; this
// module's counts them per delegation *share* and pays the difference ×
// shares. The two agree only while an asset has never paid a take rate
// (one token per share). Imported unconverted, an asset that did pay one is
// owed more than the pool holds: the fixture's export owes 516,673 stake
// against a pool of 499,359.
//
// Every index of validator V for alliance A is multiplied by V's tokens per
// delegation share of A at this moment (r = vS × totalTokens / (TvS × TdS)),
// so each delegation is owed what upstream would have paid it now.
// Rounding: the validator's index down and each delegation's index up, so a
// delegation is never owed more than upstream's amount and the pool covers
// the sum (in favour of the pool, at most 2e-18 × shares per delegation).
//
// Run it on an upstream export before InitGenesis (the in-place migration
// does). It must run exactly once: applied to this module's own export it
// would shrink what every delegator of a taxed asset is owed. Indices of
// an alliance a validator has no delegator shares of are left alone (no
// delegation reads them; a new one starts from the index it finds).
func ConvertRewardIndices(gs *types.GenesisState) error {
	if err := refuseLegacyIndices(gs); err != nil {
		return err
	}
	assets := map[string]types.AllianceAsset{}
	for _, a := range gs.Assets {
		assets[a.Denom] = a
	}
	scales := map[string]map[string]scale{} // validator -> alliance -> r
	for i := range gs.ValidatorInfos {
		vi := &gs.ValidatorInfos[i]
		s, err := validatorScales(vi, assets)
		if err != nil {
			return err
		}
		scales[vi.ValidatorAddress] = s
		for j, h := range vi.Validator.GlobalRewardHistory {
			if r, ok := s[h.Alliance]; ok {
				vi.Validator.GlobalRewardHistory[j].Index = r.apply(h.Index, false)
			}
		}
	}
	for i := range gs.Delegations {
		del := &gs.Delegations[i]
		r, ok := scales[del.ValidatorAddress][del.Denom]
		if !ok {
			if del.Shares.IsZero() || len(del.RewardHistory) == 0 {
				continue // owed nothing either way
			}
			return fmt.Errorf("%w: delegation of %s to %s has shares but its validator has no %s delegator shares",
				types.ErrUpstreamBadRecord, del.DelegatorAddress, del.ValidatorAddress, del.Denom)
		}
		for j, h := range del.RewardHistory {
			if h.Alliance == del.Denom {
				del.RewardHistory[j].Index = r.apply(h.Index, true)
			}
		}
	}
	return nil
}

// scale is the ratio num/den of tokens per delegation share, both integers
// scaled by 10^18 twice over (see validatorScales).
type scale struct{ num, den *big.Int }

// apply returns index × num / den at 18 decimals, rounded up or down.
func (s scale) apply(index math.LegacyDec, up bool) math.LegacyDec {
	n := new(big.Int).Mul(index.BigInt(), s.num)
	q, rem := new(big.Int).QuoRem(n, s.den, new(big.Int))
	if up && rem.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return math.LegacyNewDecFromBigIntWithPrec(q, math.LegacyPrecision)
}

// validatorScales: for each alliance with delegator shares on vi,
// r = vS × TT / (TvS × TdS). With vS, TvS, TdS as 18-decimal integers
// (raw = value × 10^18) and TT whole tokens, r = vS_raw × TT × 10^18 /
// (TvS_raw × TdS_raw), so num = vS_raw × TT × 10^18 and den = TvS_raw × TdS_raw;
// applied to a raw index, the quotient is the new raw index.
func validatorScales(vi *types.ValidatorInfoState, assets map[string]types.AllianceAsset) (map[string]scale, error) {
	out := map[string]scale{}
	for _, tds := range vi.Validator.TotalDelegatorShares {
		if !tds.Amount.IsPositive() {
			continue
		}
		a, ok := assets[tds.Denom]
		if !ok {
			return nil, fmt.Errorf("%w: validator %s has delegator shares of %s, which is not an asset",
				types.ErrUpstreamBadRecord, vi.ValidatorAddress, tds.Denom)
		}
		vs := vi.Validator.ValidatorSharesOf(tds.Denom)
		if !a.TotalValidatorShares.IsPositive() || vs.IsNegative() || a.TotalTokens.IsNegative() {
			return nil, fmt.Errorf("%w: validator %s: %s shares out of range (validator %s, asset total %s, tokens %s)",
				types.ErrUpstreamBadRecord, vi.ValidatorAddress, tds.Denom, vs, a.TotalValidatorShares, a.TotalTokens)
		}
		num := new(big.Int).Mul(vs.BigInt(), a.TotalTokens.BigInt())
		num.Mul(num, precisionMultiplier)
		den := new(big.Int).Mul(a.TotalValidatorShares.BigInt(), tds.Amount.BigInt()) // both > 0
		out[tds.Denom] = scale{num: num, den: den}
	}
	return out, nil
}

var precisionMultiplier = new(big.Int).Exp(big.NewInt(10), big.NewInt(math.LegacyPrecision), nil)

// refuseLegacyIndices: an index without an alliance denom is upstream's
// pre-v0.3 form, whose claim also multiplies by the reward weight of each
// snapshot period; it is not converted (upstream's own migrations replace it).
func refuseLegacyIndices(gs *types.GenesisState) error {
	for _, vi := range gs.ValidatorInfos {
		if err := noLegacy(vi.Validator.GlobalRewardHistory, "validator "+vi.ValidatorAddress); err != nil {
			return err
		}
	}
	for _, d := range gs.Delegations {
		if err := noLegacy(d.RewardHistory, "delegation of "+d.DelegatorAddress+" to "+d.ValidatorAddress); err != nil {
			return err
		}
	}
	for _, s := range gs.RewardWeightChangeSnaphots {
		if err := noLegacy(s.Snapshot.RewardHistories, "reward weight snapshot of "+s.Denom); err != nil {
			return err
		}
	}
	return nil
}

func noLegacy(hs []types.RewardHistory, owner string) error {
	for _, h := range hs {
		if h.Alliance == "" {
			return fmt.Errorf("%w: %s, reward denom %s", types.ErrUpstreamLegacyIndex, owner, h.Denom)
		}
	}
	return nil
}
