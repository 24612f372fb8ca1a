package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// NewAllianceAsset builds a new, empty asset.
func NewAllianceAsset(denom string, rewardWeight, takeRate, changeRate math.LegacyDec,
	changeInterval time.Duration, rng RewardWeightRange, rewardStart time.Time,
) AllianceAsset {
	return AllianceAsset{
		Denom:                denom,
		RewardWeight:         rewardWeight,
		TakeRate:             takeRate,
		TotalTokens:          math.ZeroInt(),
		TotalValidatorShares: math.LegacyZeroDec(),
		RewardStartTime:      rewardStart,
		RewardChangeRate:     changeRate,
		RewardChangeInterval: changeInterval,
		LastRewardChangeTime: rewardStart,
		RewardWeightRange:    rng,
		IsInitialized:        false,
	}
}

// MaxRewardWeight bounds every reward weight and reward_weight_range.max
// (inclusive). The virtual stake of an asset is w × the native bonded stake,
// so an unbounded weight (or a schedule with reward_change_rate > 1 growing
// up to an unbounded max) made a validator's power grow until CometBFT
// refused the validator update (MaxTotalVotingPower) and the chain halted.
// 10 lets one asset carry ten times the native stake's voting power, far
// beyond any listing seen (upstream chains use weights up to 5); a code
// constant, not a param, so that no proposal can lift it. The rebalance
// also caps the total virtual stake (see the keeper's virtual stake cap),
// since many assets at this bound could still add up.
var MaxRewardWeight = math.LegacyNewDec(10)

// MaxScheduleCatchUp bounds the time a schedule (the take rate, a reward
// weight schedule) catches up in one block. Both run on block time; when
// blocks stop for longer (a halt, or the gap between an export and the
// chain restarted from it), all the whole intervals elapsed used to be
// applied at the first block: a take rate of 0.1 per 5 min took 97.7 % of
// an asset after a 3-hour halt, while stakers could not leave and no
// rewards accrued. Now at most MaxScheduleCatchUp worth of intervals (and
// always at least one) are applied; the schedule's clock still moves past
// the whole gap, so the time beyond it is never charged later. Blocks come
// far more often than this, so the bound never binds in normal operation.
const MaxScheduleCatchUp = time.Hour

// CatchUpIntervals is how many of n elapsed whole intervals a schedule
// applies at once: n, bounded by MaxScheduleCatchUp / interval (at least 1).
func CatchUpIntervals(n int64, interval time.Duration) int64 {
	if n <= 0 || interval <= 0 {
		return 0
	}
	limit := int64(MaxScheduleCatchUp / interval) // interval > 0
	if limit < 1 {
		limit = 1
	}
	if n > limit {
		return limit
	}
	return n
}

func isSet(d math.LegacyDec) bool { return !d.IsNil() }

// ValidateAllianceParams checks the governance-settable fields of an asset.
// It is shared by create, update, the legacy proposals and genesis, so an
// update cannot install a range that create would have refused.
func ValidateAllianceParams(denom string, rewardWeight, takeRate, changeRate math.LegacyDec,
	changeInterval time.Duration, rng RewardWeightRange,
) error {
	if err := sdk.ValidateDenom(denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidAsset, "denom: %v", err)
	}
	if !isSet(rewardWeight) || rewardWeight.IsNegative() {
		return errorsmod.Wrap(ErrInvalidAsset, "reward_weight must be >= 0")
	}
	if !isSet(rng.Min) || !isSet(rng.Max) || rng.Min.IsNegative() || rng.Max.IsNegative() {
		return errorsmod.Wrap(ErrInvalidAsset, "reward_weight_range bounds must be set and >= 0")
	}
	if rng.Max.GT(MaxRewardWeight) {
		return errorsmod.Wrapf(ErrRewardWeightTooLarge, "reward_weight_range max %s > %s", rng.Max, MaxRewardWeight)
	}
	if rng.Min.GT(rng.Max) {
		return errorsmod.Wrapf(ErrInvalidAsset, "reward_weight_range min %s > max %s", rng.Min, rng.Max)
	}
	if rewardWeight.LT(rng.Min) || rewardWeight.GT(rng.Max) {
		return errorsmod.Wrapf(ErrRewardWeightOutOfBnd, "reward_weight %s outside [%s, %s]", rewardWeight, rng.Min, rng.Max)
	}
	if !isSet(takeRate) || takeRate.IsNegative() || takeRate.GTE(math.LegacyOneDec()) {
		return errorsmod.Wrap(ErrInvalidAsset, "take_rate must be in [0, 1)")
	}
	if !isSet(changeRate) || !changeRate.IsPositive() {
		return errorsmod.Wrap(ErrInvalidAsset, "reward_change_rate must be > 0")
	}
	if changeInterval < 0 {
		return errorsmod.Wrap(ErrInvalidAsset, "reward_change_interval must be >= 0")
	}
	return nil
}

// Validate checks a stored asset (genesis).
func (a AllianceAsset) Validate() error {
	if err := ValidateAllianceParams(a.Denom, a.RewardWeight, a.TakeRate, a.RewardChangeRate,
		a.RewardChangeInterval, a.RewardWeightRange); err != nil {
		return err
	}
	if a.TotalTokens.IsNil() || a.TotalTokens.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidAsset, "%s total_tokens negative", a.Denom)
	}
	if !isSet(a.TotalValidatorShares) || a.TotalValidatorShares.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidAsset, "%s total_validator_shares negative", a.Denom)
	}
	return nil
}

// RewardsStarted reports whether the reward delay has passed at t.
func (a AllianceAsset) RewardsStarted(t time.Time) bool {
	return !t.Before(a.RewardStartTime)
}

// Earning reports whether the asset takes part in virtual staking, rewards
// and the take rate: it has been initialized (set by EndBlock once the reward
// delay passed).
func (a AllianceAsset) Earning() bool { return a.IsInitialized }

// Delisting reports whether governance delisted the asset while it held
// stake and it is winding down (keeper/delist.go): it earns nothing, takes
// no new stake and its record goes at DelistCompletionTime.
func (a AllianceAsset) Delisting() bool { return a.DelistCompletionTime != nil }

// ClampWeight clamps w into the asset's reward_weight_range.
func (a AllianceAsset) ClampWeight(w math.LegacyDec) math.LegacyDec {
	if w.LT(a.RewardWeightRange.Min) {
		return a.RewardWeightRange.Min
	}
	if w.GT(a.RewardWeightRange.Max) {
		return a.RewardWeightRange.Max
	}
	return w
}
