package std

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestItem(t *testing.T) {
	s := NewMemStorage()
	total := NewItem[Uint128]("total")
	if _, err := total.Load(s); !IsNotFound(err) || err.Error() != "total not found" {
		t.Fatalf("load of missing item: %v", err)
	}
	if _, ok, err := total.MayLoad(s); ok || err != nil {
		t.Fatal("MayLoad of missing item")
	}
	if err := total.Save(s, NewUint128(42)); err != nil {
		t.Fatal(err)
	}
	// The Item's key is its name and the value is JSON: readable by raw queries and Rust tools.
	if v, _ := s.Get([]byte("total")); string(v) != `"42"` {
		t.Fatalf("stored %q", v)
	}
	v, err := total.Update(s, func(v Uint128, found bool) (Uint128, error) {
		if !found {
			t.Error("found = false")
		}
		return v.CheckedAdd(NewUint128(8))
	})
	if err != nil || v.String() != "50" {
		t.Fatalf("update: %s %v", v, err)
	}
	// A failing update writes nothing.
	boom := errors.New("boom")
	if _, err := total.Update(s, func(Uint128, bool) (Uint128, error) { return NewUint128(1), boom }); err != boom {
		t.Fatalf("update error: %v", err)
	}
	if v, _ := total.Load(s); v.String() != "50" || !total.Exists(s) {
		t.Fatalf("after failed update: %s", v)
	}
	total.Remove(s)
	if total.Exists(s) || s.Len() != 0 {
		t.Fatal("remove")
	}
	s.Set([]byte("total"), []byte(`50`)) // a number, not a string: corrupt for Uint128
	if _, err := total.Load(s); err == nil || !strings.Contains(err.Error(), "corrupt total in storage") {
		t.Fatalf("corrupt value: %v", err)
	}
}

func collect[K any, V any, PV Value[V]](t *testing.T, it *Iter[K, V, PV]) ([]K, []V) {
	t.Helper()
	var ks []K
	var vs []V
	for it.Next() {
		ks = append(ks, it.Key())
		vs = append(vs, it.Value())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return ks, vs
}

func TestMapKeysAndRange(t *testing.T) {
	s := NewMemStorage()
	m := NewMap[string, Uint128]("bal", StringKey)
	// Exact cw-storage-plus layout: u16be(len ns) || ns || key.
	if k := m.Key("ab"); string(k) != "\x00\x03balab" {
		t.Fatalf("key = %q", k)
	}
	for i, name := range []string{"carol", "alice", "bob", "dave"} {
		if err := m.Save(s, name, NewUint128(uint64(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	// Neighbouring namespaces must not leak into the range: "bal" vs "balx", and an Item named like
	// the raw prefix.
	other := NewMap[string, Uint128]("balx", StringKey)
	_ = other.Save(s, "zed", NewUint128(9))
	_ = NewItem[Uint128]("bal").Save(s, NewUint128(9))

	ks, vs := collect(t, m.Range(s, nil, nil, Ascending))
	if !reflect.DeepEqual(ks, []string{"alice", "bob", "carol", "dave"}) ||
		!reflect.DeepEqual(vs, []Uint128{NewUint128(2), NewUint128(3), NewUint128(1), NewUint128(4)}) {
		t.Fatalf("ascending: %v %v", ks, vs)
	}
	ks, _ = collect(t, m.Range(s, nil, nil, Descending))
	if !reflect.DeepEqual(ks, []string{"dave", "carol", "bob", "alice"}) {
		t.Fatalf("descending: %v", ks)
	}
	ks, _ = collect(t, m.Range(s, Exclusive("alice"), Exclusive("dave"), Ascending))
	if !reflect.DeepEqual(ks, []string{"bob", "carol"}) {
		t.Fatalf("(alice, dave): %v", ks)
	}
	ks, _ = collect(t, m.Range(s, Inclusive("bob"), Inclusive("carol"), Descending))
	if !reflect.DeepEqual(ks, []string{"carol", "bob"}) {
		t.Fatalf("[bob, carol] desc: %v", ks)
	}
	ks, _ = collect(t, m.Range(s, Inclusive("b"), nil, Ascending))
	if !reflect.DeepEqual(ks, []string{"bob", "carol", "dave"}) {
		t.Fatalf("[b, ..): %v", ks)
	}
	if !m.Has(s, "bob") || m.Has(s, "bo") {
		t.Fatal("Has")
	}
	m.Remove(s, "bob")
	if _, err := m.Load(s, "bob"); !IsNotFound(err) {
		t.Fatalf("removed: %v", err)
	}
	if v, err := m.Update(s, "erin", func(v Uint128, found bool) (Uint128, error) {
		if found || !v.IsZero() {
			t.Error("absent value must be zero, found=false")
		}
		return NewUint128(5), nil
	}); err != nil || v.String() != "5" {
		t.Fatalf("update new: %v %v", v, err)
	}
}

func TestMapUint64KeysSortNumerically(t *testing.T) {
	s := NewMemStorage()
	m := NewMap[uint64, Uint128]("n", Uint64Key)
	for _, k := range []uint64{256, 2, 10, 1 << 40, 0} {
		_ = m.Save(s, k, NewUint128(k))
	}
	if k := m.Key(258); string(k) != "\x00\x01n\x00\x00\x00\x00\x00\x00\x01\x02" {
		t.Fatalf("key = %q", k)
	}
	ks, _ := collect(t, m.Range(s, nil, nil, Ascending))
	if !reflect.DeepEqual(ks, []uint64{0, 2, 10, 256, 1 << 40}) {
		t.Fatalf("order: %v", ks)
	}
	if _, err := Uint64Key.ParseKey([]byte{1, 2}); err == nil {
		t.Fatal("short uint64 key accepted")
	}
}

func TestPairMapPrefix(t *testing.T) {
	s := NewMemStorage()
	m := NewMap[Pair[string, uint64], Uint128]("own", PairKey(StringKey, Uint64Key))
	if k := m.Key(Pair[string, uint64]{"al", 1}); string(k) != "\x00\x03own\x00\x02al\x00\x00\x00\x00\x00\x00\x00\x01" {
		t.Fatalf("pair key = %q", k)
	}
	entries := []Pair[string, uint64]{{"alice", 3}, {"alice", 1}, {"alicex", 2}, {"al", 7}, {"bob", 1}}
	for i, p := range entries {
		_ = m.Save(s, p, NewUint128(uint64(10+i)))
	}
	// The length prefix keeps "alice" apart from "alicex" and "al".
	ks, vs := collect(t, PrefixRange(s, m, "alice", Ascending))
	if !reflect.DeepEqual(ks, []uint64{1, 3}) || !reflect.DeepEqual(vs, []Uint128{NewUint128(11), NewUint128(10)}) {
		t.Fatalf("alice: %v %v", ks, vs)
	}
	ks, _ = collect(t, PrefixRange(s, m, "alice", Descending))
	if !reflect.DeepEqual(ks, []uint64{3, 1}) {
		t.Fatalf("alice desc: %v", ks)
	}
	if ks, _ := collect(t, PrefixRange(s, m, "nobody", Ascending)); len(ks) != 0 {
		t.Fatalf("nobody: %v", ks)
	}
	// Over the whole map, pairs sort by the length of the first component first (its u16 prefix),
	// then bytewise — the same order as cw-storage-plus.
	all, _ := collect(t, m.Range(s, nil, nil, Ascending))
	want := []Pair[string, uint64]{{"al", 7}, {"bob", 1}, {"alice", 1}, {"alice", 3}, {"alicex", 2}}
	if !reflect.DeepEqual(all, want) {
		t.Fatalf("full range: %v", all)
	}
	// PrefixRange on a map without a pair codec is an error, not a panic.
	plain := NewMap[Pair[string, uint64], Uint128]("x", fakePairCodec{})
	it := PrefixRange(s, plain, "a", Ascending)
	if it.Next() || it.Err() == nil {
		t.Fatal("PrefixRange without PairKey")
	}
}

type fakePairCodec struct{}

func (fakePairCodec) AppendKey(dst []byte, k Pair[string, uint64]) []byte { return append(dst, k.A...) }
func (fakePairCodec) ParseKey(b []byte) (Pair[string, uint64], error) {
	return Pair[string, uint64]{A: string(b)}, nil
}

func TestPrefixEnd(t *testing.T) {
	for in, want := range map[string]string{"ab": "ac", "a\xff": "b", "\xff\xff": "", "": ""} {
		got := prefixEnd([]byte(in))
		if string(got) != want || (want == "" && got != nil) {
			t.Errorf("prefixEnd(%q) = %q", in, got)
		}
	}
}

func TestMemStorageEnforcesVMRules(t *testing.T) {
	s := NewMemStorage()
	mustPanic(t, "empty value", func() { s.Set([]byte("k"), nil) })
	s.readOnly = true
	mustPanic(t, "write in query", func() { s.Set([]byte("k"), []byte("v")) })
	mustPanic(t, "remove in query", func() { s.Remove([]byte("k")) })
}

func mustPanic(t *testing.T, what string, fn func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", what)
		}
	}()
	fn()
}
