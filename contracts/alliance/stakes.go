package alliance

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
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

func encodeStakesQuery(w *cwjson.Writer, s *bt.StakesRequest) {
	w.Key("stakes")
	w.ObjectStart()
	w.Key("delegator")
	w.String(s.Delegator)
	w.Key("denom")
	w.String(s.Denom)
	w.Key("validators")
	encodeStrings(w, s.Validators)
	for _, f := range []struct {
		key string
		on  bool
	}{{"amount", s.Amount}, {"status", s.Status}, {"rewards", s.Rewards}} {
		if f.on {
			w.Key(f.key)
			w.Bool(true)
		}
	}
	w.ObjectEnd()
}

func encodeStrings(w *cwjson.Writer, l []string) {
	if l == nil {
		w.Null()
		return
	}
	w.ArrayStart()
	for _, s := range l {
		w.String(s)
	}
	w.ArrayEnd()
}

// decodeStakesRequest reads a stakes request strictly (the mock's side of the chain's decoder).
func decodeStakesRequest(r *cwjson.Reader, s *bt.StakesRequest) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "delegator":
			s.Delegator, err = r.String()
		case "denom":
			s.Denom, err = r.String()
		case "validators":
			s.Validators = []string{}
			err = r.Array(func() error {
				v, err := r.String()
				s.Validators = append(s.Validators, v)
				return err
			})
		case "amount":
			s.Amount, err = r.Bool()
		case "status":
			s.Status, err = r.Bool()
		case "rewards":
			s.Rewards, err = r.Bool()
		default:
			err = cwjson.UnknownField(key)
		}
		return err
	})
}

// EncodeStakesResponse writes a stakes answer (used by the mock).
func EncodeStakesResponse(w *cwjson.Writer, res bt.StakesResponse) {
	w.ObjectStart()
	w.Key("stakes")
	if res.Stakes == nil {
		w.Null()
	} else {
		w.ArrayStart()
		for _, s := range res.Stakes {
			w.ObjectStart()
			w.Key("validator")
			w.String(s.Validator)
			if s.Amount != "" {
				w.Key("amount")
				w.String(s.Amount)
			}
			if s.Worthless {
				w.Key("worthless")
				w.Bool(true)
			}
			if s.Status != "" {
				w.Key("status")
				w.String(s.Status)
			}
			if len(s.Rewards) > 0 {
				w.Key("rewards")
				encodeCoins(w, s.Rewards)
			}
			w.ObjectEnd()
		}
		w.ArrayEnd()
	}
	w.ObjectEnd()
}

// DecodeStakesResponse reads a stakes answer (unknown fields skipped, like every response).
func DecodeStakesResponse(r *cwjson.Reader, res *bt.StakesResponse) error {
	return r.Object(func(key string) error {
		if key != "stakes" {
			return r.Skip()
		}
		return r.Array(func() error {
			var s bt.ValidatorStake
			err := r.Object(func(key string) error {
				var err error
				switch key {
				case "validator":
					s.Validator, err = r.String()
				case "amount":
					s.Amount, err = r.String()
				case "status":
					s.Status, err = r.String()
				case "worthless":
					s.Worthless, err = r.Bool()
				case "rewards":
					err = decodeCoins(r, &s.Rewards)
				default:
					err = r.Skip()
				}
				return err
			})
			res.Stakes = append(res.Stakes, s)
			return err
		})
	})
}
