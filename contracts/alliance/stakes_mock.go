//go:build !tinygo.wasm

package alliance

import (
	"errors"
	"sort"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
)

// stakes answers the stakes query as the chain's querier does (bindings/stakes.go): the listed
// validators in order, each with the parts asked: the delegator's stake, the validator's status,
// the pending rewards of an existing delegation.
func (m *Mock) stakes(r *bt.StakesRequest) (bt.StakesResponse, error) {
	if len(r.Validators) == 0 || len(r.Validators) > bt.MaxStakesValidators {
		return bt.StakesResponse{}, errors.New("give 1 to 40 validators")
	}
	if _, ok := m.Alliances[r.Denom]; !ok {
		return bt.StakesResponse{}, errors.New("alliance asset " + r.Denom + " not found")
	}
	res := bt.StakesResponse{Stakes: []bt.ValidatorStake{}}
	for i, v := range r.Validators {
		for _, w := range r.Validators[:i] {
			if v == w {
				return bt.StakesResponse{}, errors.New("validator " + v + " is listed twice")
			}
		}
		s := bt.ValidatorStake{Validator: v}
		del := m.dels[delKey{r.Delegator, v, r.Denom}]
		if r.Amount {
			s.Amount = m.Delegation(r.Delegator, v, r.Denom).String()
			s.Worthless = del != nil && del.Amount.IsZero()
		}
		if r.Status {
			s.Status = m.status(v)
		}
		if r.Rewards && del != nil {
			if rw := pendingCoins(del); len(rw) > 0 {
				s.Rewards = rw
			}
		}
		res.Stakes = append(res.Stakes, s)
	}
	return res, nil
}

// status is validator's status as x/staking reports it (the mock has no inactive validators).
func (m *Mock) status(v string) string {
	switch {
	case !m.Validators[v] || m.removed[v]:
		return bt.StakeRemoved
	case m.jailed[v]:
		return bt.StakeJailed
	}
	return bt.StakeBonded
}

// pendingCoins lists a delegation's non-zero pending rewards, sorted by denom (as sdk.Coins).
func pendingCoins(del *delegation) []bt.Coin {
	denoms := make([]string, 0, len(del.Rewards))
	for denom, a := range del.Rewards {
		if !a.IsZero() {
			denoms = append(denoms, denom)
		}
	}
	sort.Strings(denoms)
	out := []bt.Coin{}
	for _, denom := range denoms {
		out = append(out, bt.Coin{Denom: denom, Amount: del.Rewards[denom].String()})
	}
	return out
}
