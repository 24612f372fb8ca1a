//go:build !tinygo.wasm

package alliance

import (
	"errors"
	"time"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// Delisting an asset that still holds stake, as x/alliance does it (keeper/delist.go): governance
// deletes the asset (Delist), the EndBlocker undelegates its delegations in batches (WindDown),
// and MatureUnbondings pays the entries at the completion time and then removes the asset.

const zeroDecimal = "0.000000000000000000"

// Delist is governance deleting denom while it holds stake. The asset stops earning (weight, its
// range minimum and take rate become 0), takes no new stake (delegate and redelegate into it fail
// with code 63, a cancel into it with 71), and its delist_completion_time becomes now + the
// unbonding time: every entry the wind-down makes completes then. Delegations stay until
// WindDown reaches them; their owners may still undelegate (completing by that time at the
// latest) and claim. An asset that holds nothing is removed at once, as the chain does.
func (m *Mock) Delist(denom string) error {
	a, ok := m.Alliances[denom]
	if !ok {
		return errAlliance(30, "alliance asset is not whitelisted: "+denom)
	}
	if a.DelistCompletionTime != nil {
		return m.delisting(denom)
	}
	if m.totalTokens(denom).IsZero() && !m.hasDelegations(denom) {
		delete(m.Alliances, denom)
		return nil
	}
	done := m.now() + m.UnbondingTime
	a.DelistCompletionTime = &done
	a.RewardWeight, a.TakeRate, a.RewardWeightRange.Min = zeroDecimal, zeroDecimal, zeroDecimal
	a.RewardChangeInterval = 0
	m.Alliances[denom] = a
	return nil
}

// WindDown is one EndBlock of the chain's wind-down of delisted denom: it undelegates up to max
// delegations (in key order: delegator, validator), each whole: its rewards are paid, and its
// amount is queued until the asset's delist_completion_time, outside the entry cap; a delegation
// worth nothing is closed. It returns how many delegations are left.
func (m *Mock) WindDown(denom string, max int) (left int, err error) {
	a, ok := m.Alliances[denom]
	if !ok || a.DelistCompletionTime == nil {
		return 0, errors.New("alliance mock: " + denom + " is not being delisted")
	}
	for _, k := range m.sortedKeys() {
		if k.Denom != denom {
			continue
		}
		if max <= 0 {
			left++
			continue
		}
		max--
		m.pay(k)
		if amount := m.dels[k].Amount; !amount.IsZero() {
			m.unbondings = append(m.unbondings, entry{Delegator: k.Delegator, Unbonding: unbondingOf(k, amount,
				*a.DelistCompletionTime, m.Host.Env.Block.Height)})
		}
		delete(m.dels, k)
	}
	return left, nil
}

// finishDelistings removes every delisted asset whose delegations are all undelegated and whose
// completion time has come (MatureUnbondings has paid the entries just before).
func (m *Mock) finishDelistings() {
	for denom, a := range m.Alliances {
		if a.DelistCompletionTime != nil && *a.DelistCompletionTime <= m.now() && !m.hasDelegations(denom) {
			delete(m.Alliances, denom)
		}
	}
}

func (m *Mock) hasDelegations(denom string) bool {
	for k := range m.dels {
		if k.Denom == denom {
			return true
		}
	}
	return false
}

// delisting is the chain's refusal of new stake into denom while it is delisted (nil otherwise).
func (m *Mock) delisting(denom string) error {
	a := m.Alliances[denom]
	if a.DelistCompletionTime == nil {
		return nil
	}
	until := time.Unix(0, int64(*a.DelistCompletionTime)).UTC().Format(time.RFC3339)
	return errAlliance(63, denom+", until "+until+": alliance asset is being delisted: it takes no new stake and no governance change until its wind-down completes")
}

// unbondingCompletion is when an undelegation made now completes: after the unbonding time, or
// at the asset's delist_completion_time when that comes first (x/alliance keeper/delegation.go).
func (m *Mock) unbondingCompletion(denom string) uint64 {
	done := m.now() + m.UnbondingTime
	if a := m.Alliances[denom]; a.DelistCompletionTime != nil && *a.DelistCompletionTime < done {
		done = *a.DelistCompletionTime
	}
	return done
}

func unbondingOf(k delKey, amount std.Uint128, completion uint64, height uint64) bt.Unbonding {
	return bt.Unbonding{Validator: k.Validator, Denom: k.Denom, Amount: amount.String(), CompletionTime: completion,
		CreationHeight: height}
}
