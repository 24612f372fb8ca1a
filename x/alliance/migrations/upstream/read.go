package upstream

import (
	"bytes"
	"fmt"
	"time"

	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// record is one key/value pair of the store.
type record struct{ key, value []byte }

// readAll copies every record of the store (the iterator is closed before
// anything is written: writing while iterating is undefined). O(records),
// memory included: the migration runs once, in the upgrade block.
func readAll(store corestore.KVStore) ([]record, error) {
	it, err := store.Iterator(nil, nil)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var recs []record
	for ; it.Valid(); it.Next() {
		recs = append(recs, record{key: bytes.Clone(it.Key()), value: bytes.Clone(it.Value())})
	}
	return recs, nil // (Error() of an exhausted cache iterator is "invalid", not a failure)
}

// decoder turns upstream's records into a genesis state (with upstream's
// per-token reward indices: see ConvertRewardIndices).
type decoder struct {
	acc, val address.Codec
	gs       *types.GenesisState
	// undelegation entries grouped by completion time, in key order
	undelegations []types.UndelegationState
}

// decodeStore decodes every record; any record it does not know, or cannot
// decode, or whose key disagrees with its value, is an error.
func decodeStore(recs []record, acc, val address.Codec) (*types.GenesisState, error) {
	d := &decoder{acc: acc, val: val, gs: &types.GenesisState{}}
	for _, r := range recs {
		if err := d.decode(r); err != nil {
			return nil, err
		}
	}
	d.gs.Undelegations = d.undelegations
	return d.gs, nil
}

func (d *decoder) decode(r record) (err error) {
	// The generated decoders and the math types return errors for bad
	// input; this only turns an unforeseen panic into an error, so a bad
	// record can never halt the upgrade block with a panic.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: key %X: %v", types.ErrUpstreamBadRecord, r.key, p)
		}
	}()
	if len(r.key) == 0 {
		return fmt.Errorf("%w: empty key", types.ErrUpstreamUnknownRecord)
	}
	switch r.key[0] {
	case prefixParams:
		return d.params(r)
	case prefixAsset:
		return d.asset(r)
	case prefixValidatorInfo:
		return d.validatorInfo(r)
	case prefixDelegation:
		return d.delegation(r)
	case prefixRedelegation:
		return d.redelegation(r)
	case prefixUndelegationQueue:
		return d.undelegation(r)
	case prefixRebalanceFlag, prefixSnapshot, prefixDecayQueue, prefixRedelegationQueue,
		prefixRedelegationIndex, prefixUnbondingIndex:
		// Derived, or (snapshots) not needed: with per-alliance indices
		// upstream's claim over the snapshots telescopes to (current −
		// delegation index) × tokens; legacy indices are refused instead.
		return nil
	default:
		return fmt.Errorf("%w: key %X", types.ErrUpstreamUnknownRecord, r.key)
	}
}

func (d *decoder) params(r record) error {
	if len(r.key) != 1 {
		return fmt.Errorf("%w: key %X", types.ErrUpstreamUnknownRecord, r.key)
	}
	return unmarshal(r, &d.gs.Params)
}

func (d *decoder) asset(r record) error {
	kr := newKeyReader(r.key)
	denom, err := kr.segment()
	if err != nil {
		return err
	}
	if err := kr.end(); err != nil {
		return err
	}
	var a types.AllianceAsset
	if err := unmarshal(r, &a); err != nil {
		return err
	}
	if a.Denom != string(denom) {
		return mismatch(r, "asset denom "+a.Denom)
	}
	d.gs.Assets = append(d.gs.Assets, a)
	return nil
}

func (d *decoder) validatorInfo(r record) error {
	kr := newKeyReader(r.key)
	valBz, err := kr.segment()
	if err != nil {
		return err
	}
	if err := kr.end(); err != nil {
		return err
	}
	var info types.AllianceValidatorInfo
	if err := unmarshal(r, &info); err != nil {
		return err
	}
	valStr, err := d.val.BytesToString(valBz)
	if err != nil {
		return mismatch(r, err.Error())
	}
	d.gs.ValidatorInfos = append(d.gs.ValidatorInfos, types.ValidatorInfoState{ValidatorAddress: valStr, Validator: info})
	return nil
}

func (d *decoder) delegation(r record) error {
	kr := newKeyReader(r.key)
	del, err := kr.segment()
	if err != nil {
		return err
	}
	val, err := kr.segment()
	if err != nil {
		return err
	}
	denom, err := kr.denom()
	if err != nil {
		return err
	}
	if err := kr.end(); err != nil {
		return err
	}
	var v types.Delegation
	if err := unmarshal(r, &v); err != nil {
		return err
	}
	if err := d.sameAddr(r, d.acc, v.DelegatorAddress, del); err != nil {
		return err
	}
	if err := d.sameAddr(r, d.val, v.ValidatorAddress, val); err != nil {
		return err
	}
	if v.Denom != denom {
		return mismatch(r, "delegation denom "+v.Denom)
	}
	d.gs.Delegations = append(d.gs.Delegations, v)
	return nil
}

func (d *decoder) redelegation(r record) error {
	kr := newKeyReader(r.key)
	del, err := kr.segment()
	if err != nil {
		return err
	}
	denom, err := kr.denom()
	if err != nil {
		return err
	}
	dst, err := kr.segment()
	if err != nil {
		return err
	}
	completion, err := kr.time(false)
	if err != nil {
		return err
	}
	var v types.Redelegation
	if err := unmarshal(r, &v); err != nil {
		return err
	}
	if err := d.sameAddr(r, d.acc, v.DelegatorAddress, del); err != nil {
		return err
	}
	if err := d.sameAddr(r, d.val, v.DstValidatorAddress, dst); err != nil {
		return err
	}
	if v.Balance.Denom != denom {
		return mismatch(r, "redelegation denom "+v.Balance.Denom)
	}
	d.gs.Redelegations = append(d.gs.Redelegations, types.RedelegationState{CompletionTime: completion, Redelegation: v})
	return nil
}

func (d *decoder) undelegation(r record) error {
	kr := newKeyReader(r.key)
	completion, err := kr.time(true)
	if err != nil {
		return err
	}
	del, err := kr.segment()
	if err != nil {
		return err
	}
	if err := kr.end(); err != nil {
		return err
	}
	var q types.QueuedUndelegation
	if err := unmarshal(r, &q); err != nil {
		return err
	}
	for _, e := range q.Entries {
		if e == nil {
			return mismatch(r, "empty undelegation entry")
		}
		if err := d.sameAddr(r, d.acc, e.DelegatorAddress, del); err != nil {
			return err
		}
	}
	d.addUndelegations(completion, q.Entries)
	return nil
}

// addUndelegations appends entries to the state of their completion time
// (keys are sorted by time, then delegator: equal times are adjacent).
func (d *decoder) addUndelegations(completion time.Time, entries []*types.Undelegation) {
	n := len(d.undelegations)
	if n > 0 && d.undelegations[n-1].CompletionTime.Equal(completion) {
		d.undelegations[n-1].Undelegation.Entries = append(d.undelegations[n-1].Undelegation.Entries, entries...)
		return
	}
	d.undelegations = append(d.undelegations, types.UndelegationState{
		CompletionTime: completion, Undelegation: types.QueuedUndelegation{Entries: entries},
	})
}

// sameAddr checks that a value's bech32 address is the key's address.
func (d *decoder) sameAddr(r record, codec address.Codec, s string, want []byte) error {
	got, err := codec.StringToBytes(s)
	if err != nil {
		return mismatch(r, fmt.Sprintf("address %q: %v", s, err))
	}
	if !bytes.Equal(got, want) {
		return mismatch(r, fmt.Sprintf("address %q is not the key's", s))
	}
	return nil
}

type protoValue interface{ Unmarshal([]byte) error }

func unmarshal(r record, v protoValue) error {
	if err := v.Unmarshal(r.value); err != nil {
		return fmt.Errorf("%w: key %X: %v", types.ErrUpstreamBadRecord, r.key, err)
	}
	return nil
}

func mismatch(r record, why string) error {
	return fmt.Errorf("%w: key %X: %s", types.ErrUpstreamBadRecord, r.key, why)
}
