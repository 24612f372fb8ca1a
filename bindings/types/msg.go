package types

import "errors"

// CustomMsg is the body of {"custom": …} that the chain's encoder accepts:
// {"alliance": {"delegate": {…}}} and so on. The delegator of every message
// is always the sending contract itself.
type CustomMsg struct {
	Alliance *AllianceMsg `json:"alliance,omitempty"`
}

// AllianceMsg holds exactly one alliance action.
type AllianceMsg struct {
	Delegate     *Delegate     `json:"delegate,omitempty"`
	Undelegate   *Undelegate   `json:"undelegate,omitempty"`
	Redelegate   *Redelegate   `json:"redelegate,omitempty"`
	ClaimRewards *ClaimRewards `json:"claim_rewards,omitempty"`
	// CancelUnbonding returns unbonding tokens to their delegation.
	CancelUnbonding *CancelUnbonding `json:"cancel_unbonding,omitempty"`
}

// Coin is an amount of one denom; Amount is a base-10 unsigned integer.
type Coin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// Delegate stakes Amount (an alliance asset) with Validator.
type Delegate struct {
	Validator string `json:"validator"`
	Amount    Coin   `json:"amount"`
}

// Undelegate starts unbonding Amount from Validator; the tokens return to the
// contract after the unbonding time (see UndelegateResult).
type Undelegate struct {
	Validator string `json:"validator"`
	Amount    Coin   `json:"amount"`
}

// Redelegate moves Amount from SrcValidator to DstValidator.
type Redelegate struct {
	SrcValidator string `json:"src_validator"`
	DstValidator string `json:"dst_validator"`
	Amount       Coin   `json:"amount"`
}

// ClaimRewards pays the contract the native rewards its Denom stake with
// Validator has earned.
type ClaimRewards struct {
	Validator string `json:"validator"`
	Denom     string `json:"denom"`
}

// CancelUnbonding returns Amount of the contract's unbonding entries on
// Validator made at CreationHeight (the unbondings query's creation_height)
// to its delegation there, at the current share price; partial cancels are
// allowed (x/alliance MsgCancelUnbonding).
type CancelUnbonding struct {
	Validator      string `json:"validator"`
	Amount         Coin   `json:"amount"`
	CreationHeight uint64 `json:"creation_height"`
}

// ErrNoVariant is returned when a message or query names no known variant.
var ErrNoVariant = errors.New("no known variant")

// Variant returns the single action the message holds, by its JSON name, and
// an error if it holds none or more than one.
func (m *AllianceMsg) Variant() (string, error) {
	set := []struct {
		name string
		ok   bool
	}{
		{"delegate", m.Delegate != nil},
		{"undelegate", m.Undelegate != nil},
		{"redelegate", m.Redelegate != nil},
		{"claim_rewards", m.ClaimRewards != nil},
		{"cancel_unbonding", m.CancelUnbonding != nil},
	}
	return exactlyOne("alliance message", set)
}

func exactlyOne(what string, set []struct {
	name string
	ok   bool
},
) (string, error) {
	found := ""
	for _, s := range set {
		if !s.ok {
			continue
		}
		if found != "" {
			return "", errors.New(what + " has more than one variant: " + found + " and " + s.name)
		}
		found = s.name
	}
	if found == "" {
		names := ""
		for i, s := range set {
			if i > 0 {
				names += ", "
			}
			names += s.name
		}
		return "", &variantError{what: what, expected: names}
	}
	return found, nil
}

// variantError says which variants were expected; it matches ErrNoVariant
// with errors.Is. (No fmt: this package is compiled into TinyGo contracts.)
type variantError struct{ what, expected string }

func (e *variantError) Error() string {
	return e.what + ": " + ErrNoVariant.Error() + " (expected one of " + e.expected + ")"
}

func (e *variantError) Unwrap() error { return ErrNoVariant }
