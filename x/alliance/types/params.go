package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
)

const (
	// DefaultRewardDelayTime is the default delay before a new asset earns.
	DefaultRewardDelayTime = 7 * 24 * time.Hour
	// DefaultTakeRateClaimInterval is the default period of the take rate.
	DefaultTakeRateClaimInterval = 5 * time.Minute
)

// NewParams builds Params.
func NewParams(rewardDelay, takeRateInterval time.Duration, lastClaim time.Time) Params {
	return Params{RewardDelayTime: rewardDelay, TakeRateClaimInterval: takeRateInterval, LastTakeRateClaimTime: lastClaim}
}

// DefaultParams are the params of a new chain.
func DefaultParams() Params {
	return NewParams(DefaultRewardDelayTime, DefaultTakeRateClaimInterval, time.Time{})
}

// Validate checks params. A zero or negative take_rate_claim_interval is
// rejected: the take rate divides the elapsed time by it (upstream accepted 0
// through MsgUpdateParams and then divided by zero in EndBlock).
func (p Params) Validate() error {
	if p.RewardDelayTime < 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "reward_delay_time must not be negative: %s", p.RewardDelayTime)
	}
	if p.TakeRateClaimInterval <= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "take_rate_claim_interval must be positive: %s", p.TakeRateClaimInterval)
	}
	if p.LastTakeRateClaimTime.Before(time.Unix(0, 0)) && !p.LastTakeRateClaimTime.IsZero() {
		return errorsmod.Wrapf(ErrInvalidParams, "last_take_rate_claim_time before the Unix epoch: %s", p.LastTakeRateClaimTime)
	}
	return nil
}
