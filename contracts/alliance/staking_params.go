package alliance

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// QueryStakingParams returns the chain's unbonding time (whole seconds, rounded up), the
// unbonding/redelegation entry cap alliance stake follows and the bond denom.
func QueryStakingParams(q std.Querier) (bt.StakingParamsResponse, error) {
	return run(q, bt.AllianceQuery{StakingParams: &bt.StakingParamsRequest{}}, DecodeStakingParamsResponse)
}

// EpochFitsEntries tells whether undelegating from one validator at most once every
// epochSeconds can never meet the chain's entry cap. At the moment of a new undelegation the
// entries still immature were created in the last unbonding_time, at least epoch apart, so
// there are at most floor(unbonding_time / epoch) of them; the chain refuses the new one when
// that count reaches max_entries. Hence the rule epoch * max_entries > unbonding_time, written
// as epoch > unbonding_time / max_entries (floor division: exact for integers, no overflow).
// A cap of 0 admits no entry at all, so no epoch fits.
func EpochFitsEntries(epochSeconds uint64, p bt.StakingParamsResponse) bool {
	if p.MaxEntries == 0 {
		return false
	}
	return epochSeconds > p.UnbondingTime/uint64(p.MaxEntries)
}
