// Package upstreamtest writes a genesis state into a store in upstream
// v0.4's layout (the layout x/alliance/migrations/upstream documents), as
// upstream's keeper would have left it, for tests of the migration. It is
// this project's own writer, built from the key layout, not upstream's code.
package upstreamtest

import (
	"fmt"
	"time"

	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

type marshaler interface{ Marshal() ([]byte, error) }

type writer struct {
	store    corestore.KVStore
	acc, val address.Codec
}

// WriteStore writes gs in upstream's layout, derived records (queues,
// indexes, the rebalance flag) included.
func WriteStore(store corestore.KVStore, gs *types.GenesisState, acc, val address.Codec) error {
	w := writer{store: store, acc: acc, val: val}
	steps := []func(*types.GenesisState) error{w.params, w.assets, w.validators, w.delegations, w.redelegations, w.undelegations}
	for _, step := range steps {
		if err := step(gs); err != nil {
			return err
		}
	}
	return store.Set([]byte{0x13}, []byte{0x00}) // upstream's rebalance flag
}

func (w writer) set(key []byte, v marshaler) error {
	bz, err := v.Marshal()
	if err != nil {
		return err
	}
	return w.store.Set(key, bz)
}

func (w writer) params(gs *types.GenesisState) error { return w.set([]byte{0x02}, &gs.Params) }

func (w writer) assets(gs *types.GenesisState) error {
	for i := range gs.Assets {
		if err := w.set(Key(0x11, LP([]byte(gs.Assets[i].Denom))), &gs.Assets[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w writer) validators(gs *types.GenesisState) error {
	for i := range gs.ValidatorInfos {
		v, err := w.val.StringToBytes(gs.ValidatorInfos[i].ValidatorAddress)
		if err != nil {
			return err
		}
		if err := w.set(Key(0x12, LP(v)), &gs.ValidatorInfos[i].Validator); err != nil {
			return err
		}
	}
	return nil
}

func (w writer) delegations(gs *types.GenesisState) error {
	for i := range gs.Delegations {
		d := &gs.Delegations[i]
		del, val, err := w.pair(d.DelegatorAddress, d.ValidatorAddress)
		if err != nil {
			return err
		}
		if err := w.set(Key(0x21, LP(del), LP(val), LP(Denom0(d.Denom))), d); err != nil {
			return err
		}
	}
	return nil
}

func (w writer) redelegations(gs *types.GenesisState) error {
	queues := map[string]*types.QueuedRedelegation{} // by completion time
	for _, r := range gs.Redelegations {
		rd := r.Redelegation
		del, dst, err := w.pair(rd.DelegatorAddress, rd.DstValidatorAddress)
		if err != nil {
			return err
		}
		src, err := w.val.StringToBytes(rd.SrcValidatorAddress)
		if err != nil {
			return err
		}
		t := sdk.FormatTimeBytes(r.CompletionTime)
		denom := Denom0(rd.Balance.Denom)
		if err := w.set(Key(0x22, LP(del), LP(denom), LP(dst), t), &rd); err != nil {
			return err
		}
		if err := w.store.Set(Key(0x31, LP(src), LP(t), LP(denom), LP(dst), LP(del)), []byte{}); err != nil {
			return err
		}
		q := queues[string(t)]
		if q == nil {
			q = &types.QueuedRedelegation{}
			queues[string(t)] = q
		}
		q.Entries = append(q.Entries, &rd)
		if err := w.set(Key(0x23, t), q); err != nil {
			return err
		}
	}
	return nil
}

// undelegations merges the entries of one (completion time, delegator),
// as upstream's queue does.
func (w writer) undelegations(gs *types.GenesisState) error {
	type qkey struct {
		t   time.Time
		del string
	}
	queues := map[qkey]*types.QueuedUndelegation{}
	var order []qkey
	for _, u := range gs.Undelegations {
		for _, e := range u.Undelegation.Entries {
			k := qkey{u.CompletionTime, e.DelegatorAddress}
			if queues[k] == nil {
				queues[k] = &types.QueuedUndelegation{}
				order = append(order, k)
			}
			queues[k].Entries = append(queues[k].Entries, e)
			del, val, err := w.pair(e.DelegatorAddress, e.ValidatorAddress)
			if err != nil {
				return err
			}
			t := sdk.FormatTimeBytes(u.CompletionTime)
			if err := w.store.Set(Key(0x32, LP(val), LP(t), LP(Denom0(e.Balance.Denom)), LP(del)), []byte{}); err != nil {
				return err
			}
		}
	}
	for _, k := range order {
		del, err := w.acc.StringToBytes(k.del)
		if err != nil {
			return err
		}
		if err := w.set(Key(0x24, LP(sdk.FormatTimeBytes(k.t)), LP(del)), queues[k]); err != nil {
			return err
		}
	}
	return nil
}

func (w writer) pair(acc, val string) ([]byte, []byte, error) {
	a, err := w.acc.StringToBytes(acc)
	if err != nil {
		return nil, nil, err
	}
	v, err := w.val.StringToBytes(val)
	if err != nil {
		return nil, nil, err
	}
	return a, v, nil
}

// Key joins a prefix byte and key segments.
func Key(prefix byte, parts ...[]byte) []byte {
	k := []byte{prefix}
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

// LP is one length byte followed by b (b is at most 255 bytes in every key
// upstream writes; longer is a test bug).
func LP(b []byte) []byte {
	if len(b) > 255 {
		panic(fmt.Sprintf("upstreamtest: segment of %d bytes", len(b)))
	}
	return append([]byte{byte(len(b))}, b...)
}

// Denom0 is a denom with the zero byte upstream appends inside keys.
func Denom0(denom string) []byte { return append([]byte(denom), 0) }
