package alliance

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
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

func encodeStakingParamsQuery(w *cwjson.Writer) {
	w.Key("staking_params")
	w.EmptyObject()
}

// EncodeStakingParamsResponse writes the staking parameters (used by the mock).
func EncodeStakingParamsResponse(w *cwjson.Writer, p bt.StakingParamsResponse) {
	w.ObjectStart()
	w.Key("unbonding_time")
	w.Uint64(p.UnbondingTime)
	w.Key("max_entries")
	w.Uint64(uint64(p.MaxEntries))
	w.Key("bond_denom")
	w.String(p.BondDenom)
	w.ObjectEnd()
}

// DecodeStakingParamsResponse reads the staking parameters (unknown fields skipped, like every
// response).
func DecodeStakingParamsResponse(r *cwjson.Reader, p *bt.StakingParamsResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "unbonding_time":
			p.UnbondingTime, err = r.Uint64()
		case "max_entries":
			p.MaxEntries, err = r.Uint32()
		case "bond_denom":
			p.BondDenom, err = r.String()
		default:
			err = r.Skip()
		}
		return err
	})
}
