package keeper

import (
	"context"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// DelegationStore holds the delegations, keyed (delegator, validator, denom).
//
// A delegation is stored without what its key already says: its delegator
// and validator addresses, its denom and the alliance denom of each reward
// index (always the delegation's own). Those are some 250 bytes with an IBC
// denom, i.e. about 7,500 gas on every write of a delegation (30 per byte)
// and 750 on every read; every delegation message writes one. Every access
// goes through this type, which puts the fields back from the key, so
// callers, queries and genesis see the full types.Delegation.
//
// A stored value with an empty denom is compact; any other is stored as
// given (a delegation whose fields disagree with its key, e.g. from a
// hand-written genesis, round-trips unchanged).
type DelegationStore struct {
	m     collections.Map[DelegationKey, types.Delegation]
	accOf func(sdk.AccAddress) string
	valOf func(sdk.ValAddress) string
}

// Get returns the delegation at key (collections.ErrNotFound if none).
func (s DelegationStore) Get(ctx context.Context, key DelegationKey) (types.Delegation, error) {
	d, err := s.m.Get(ctx, key)
	if err != nil {
		return d, err
	}
	return s.expand(key, d), nil
}

// Has reports whether a delegation exists at key.
func (s DelegationStore) Has(ctx context.Context, key DelegationKey) (bool, error) {
	return s.m.Has(ctx, key)
}

// Set stores d at key.
func (s DelegationStore) Set(ctx context.Context, key DelegationKey, d types.Delegation) error {
	return s.m.Set(ctx, key, s.compact(key, d))
}

// Remove deletes the delegation at key.
func (s DelegationStore) Remove(ctx context.Context, key DelegationKey) error {
	return s.m.Remove(ctx, key)
}

// Walk visits the delegations in ranger (all if nil) in key order.
func (s DelegationStore) Walk(ctx context.Context, ranger collections.Ranger[DelegationKey], fn func(key DelegationKey, d types.Delegation) (stop bool, err error)) error {
	return s.m.Walk(ctx, ranger, func(key DelegationKey, d types.Delegation) (bool, error) {
		return fn(key, s.expand(key, d))
	})
}

// IterateRaw iterates over the raw key range [start, end).
func (s DelegationStore) IterateRaw(ctx context.Context, start, end []byte, order collections.Order) (DelegationIterator, error) {
	it, err := s.m.IterateRaw(ctx, start, end, order)
	return DelegationIterator{Iterator: it, s: s}, err
}

// KeyCodec is the codec of the delegation keys.
func (s DelegationStore) KeyCodec() collcodec.KeyCodec[DelegationKey] { return s.m.KeyCodec() }

// DelegationIterator is a collections iterator over full delegations.
type DelegationIterator struct {
	collections.Iterator[DelegationKey, types.Delegation]
	s DelegationStore
}

// Value returns the current delegation.
func (it DelegationIterator) Value() (types.Delegation, error) {
	kv, err := it.KeyValue()
	return kv.Value, err
}

// KeyValue returns the current key and delegation.
func (it DelegationIterator) KeyValue() (collections.KeyValue[DelegationKey, types.Delegation], error) {
	kv, err := it.Iterator.KeyValue()
	if err != nil {
		return kv, err
	}
	kv.Value = it.s.expand(kv.Key, kv.Value)
	return kv, nil
}

// compact drops the fields the key restores, if it restores them exactly.
func (s DelegationStore) compact(key DelegationKey, d types.Delegation) types.Delegation {
	if d.Denom == "" || d.Denom != key.K3() {
		return d
	}
	for _, h := range d.RewardHistory {
		if h.Alliance != d.Denom {
			return d
		}
	}
	c := d
	c.Denom = ""
	if c.DelegatorAddress == s.accOf(key.K1()) {
		c.DelegatorAddress = ""
	}
	if c.ValidatorAddress == s.valOf(key.K2()) {
		c.ValidatorAddress = ""
	}
	if len(d.RewardHistory) > 0 {
		c.RewardHistory = make([]types.RewardHistory, len(d.RewardHistory))
		for i, h := range d.RewardHistory {
			h.Alliance = ""
			c.RewardHistory[i] = h
		}
	}
	return c
}

// expand is the inverse of compact.
func (s DelegationStore) expand(key DelegationKey, d types.Delegation) types.Delegation {
	if d.Denom != "" {
		return d
	}
	d.Denom = key.K3()
	if d.DelegatorAddress == "" {
		d.DelegatorAddress = s.accOf(key.K1())
	}
	if d.ValidatorAddress == "" {
		d.ValidatorAddress = s.valOf(key.K2())
	}
	for i := range d.RewardHistory {
		d.RewardHistory[i].Alliance = d.Denom
	}
	return d
}
