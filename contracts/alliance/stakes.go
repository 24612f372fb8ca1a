package alliance

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// ValidatorStake is the contract's stake of one denom on one validator, from the stakes query
// (the parts not asked for are zero).
type ValidatorStake struct {
	Validator string
	Amount    std.Uint128
	// Worthless: the contract has shares there that are worth nothing (x/alliance refuses new
	// stake on that pool).
	Worthless bool
	// Status is one of bt.StakeBonded, StakeJailed, StakeInactive, StakeRemoved: only a bonded
	// validator earns, a removed one refuses delegations.
	Status string
	// Rewards is what a claim would pay now.
	Rewards []bt.Coin
}

// Earning says whether the validator is in the bonded set and not jailed.
func (s ValidatorStake) Earning() bool { return s.Status == bt.StakeBonded }

// QueryValidatorStakes sends one stakes query (req.Validators: 1 to bt.MaxStakesValidators) and
// returns the answers in the order of req.Validators, with the total staked (when req.Amount).
// Each part (amount, status, rewards) costs gas on the chain only when asked for.
func QueryValidatorStakes(q std.Querier, req bt.StakesRequest) ([]ValidatorStake, std.Uint128, error) {
	total := std.Uint128{}
	res, err := run(q, bt.AllianceQuery{Stakes: &req}, DecodeStakesResponse)
	if err != nil {
		return nil, total, err
	}
	if len(res.Stakes) != len(req.Validators) {
		return nil, total, errStakesAnswer
	}
	out := make([]ValidatorStake, len(res.Stakes))
	for i, s := range res.Stakes {
		if s.Validator != req.Validators[i] {
			return nil, total, errStakesAnswer
		}
		out[i] = ValidatorStake{Validator: s.Validator, Worthless: s.Worthless, Status: s.Status, Rewards: s.Rewards}
		if !req.Amount {
			continue
		}
		if out[i].Amount, err = std.ParseUint128(s.Amount); err != nil {
			return nil, total, err
		}
		if total, err = total.CheckedAdd(out[i].Amount); err != nil {
			return nil, total, err
		}
	}
	return out, total, nil
}

var errStakesAnswer = errors.New("stakes query: not one answer per validator asked, in order")
