package std

import "errors"

// Map stores values of type V under keys of type K in one namespace.
//
//	var balances = std.NewMap[string, std.Uint128]("balances", std.StringKey)
type Map[K, V any, PV Value[V]] struct {
	ns     string
	prefix []byte // u16be(len(ns)) || ns
	keys   KeyCodec[K]
}

// NewMap returns a map in namespace ns.
func NewMap[K, V any, PV Value[V]](ns string, keys KeyCodec[K]) Map[K, V, PV] {
	return Map[K, V, PV]{ns: ns, prefix: namespacePrefix(ns), keys: keys}
}

// Key returns the full storage key of k (useful for raw queries).
func (m Map[K, V, PV]) Key(k K) []byte {
	return m.keys.AppendKey(append(make([]byte, 0, len(m.prefix)+32), m.prefix...), k)
}

// Save stores v under k.
func (m Map[K, V, PV]) Save(s Storage, k K, v V) error { return save[V, PV](s, m.Key(k), &v) }

// Load returns the value under k or a NotFoundError.
func (m Map[K, V, PV]) Load(s Storage, k K) (V, error) {
	v, ok, err := m.MayLoad(s, k)
	if err == nil && !ok {
		err = &NotFoundError{m.ns}
	}
	return v, err
}

// MayLoad returns the value under k and whether it exists.
func (m Map[K, V, PV]) MayLoad(s Storage, k K) (V, bool, error) {
	return load[V, PV](s, m.Key(k), m.ns)
}

// Has reports whether k exists.
func (m Map[K, V, PV]) Has(s Storage, k K) bool {
	_, ok := s.Get(m.Key(k))
	return ok
}

// Remove deletes k.
func (m Map[K, V, PV]) Remove(s Storage, k K) { s.Remove(m.Key(k)) }

// Update loads k (zero value and found=false when absent), applies fn and saves the result;
// nothing is written when fn fails.
func (m Map[K, V, PV]) Update(s Storage, k K, fn func(v V, found bool) (V, error)) (V, error) {
	v, ok, err := m.MayLoad(s, k)
	if err != nil {
		return v, err
	}
	if v, err = fn(v, ok); err != nil {
		return v, err
	}
	return v, m.Save(s, k, v)
}

// Bound is one end of a key range; nil means unbounded.
type Bound[K any] struct {
	key       K
	exclusive bool
}

// Inclusive returns a bound that includes k.
func Inclusive[K any](k K) *Bound[K] { return &Bound[K]{key: k} }

// Exclusive returns a bound that excludes k (e.g. the last key of the previous page).
func Exclusive[K any](k K) *Bound[K] { return &Bound[K]{key: k, exclusive: true} }

// Range iterates over the entries with min <= key < max (each bound as given) in order.
func (m Map[K, V, PV]) Range(s Storage, min, max *Bound[K], order Order) *Iter[K, V, PV] {
	start, end := m.prefix, prefixEnd(m.prefix)
	if min != nil {
		start = m.Key(min.key)
		if min.exclusive {
			start = append(start, 0) // the smallest key after min
		}
	}
	if max != nil {
		end = m.Key(max.key)
		if !max.exclusive {
			end = append(end, 0)
		}
	}
	return &Iter[K, V, PV]{it: s.Range(start, end, order), strip: len(m.prefix), parse: m.keys.ParseKey, ns: m.ns}
}

// PrefixRange iterates over the entries of a pair-keyed map whose first component is a, yielding
// the second component as the key, in order.
func PrefixRange[A, B, V any, PV Value[V]](s Storage, m Map[Pair[A, B], V, PV], a A, order Order) *Iter[B, V, PV] {
	pk, ok := m.keys.(pairKey[A, B])
	if !ok {
		return &Iter[B, V, PV]{err: errors.New(m.ns + ": PrefixRange needs a map created with PairKey")}
	}
	prefix := appendLengthPrefixed(append([]byte(nil), m.prefix...), pk.a, a)
	return &Iter[B, V, PV]{it: s.Range(prefix, prefixEnd(prefix), order), strip: len(prefix), parse: pk.b.ParseKey, ns: m.ns}
}

// Iter walks map entries:
//
//	it := balances.Range(deps.Storage, nil, nil, std.Ascending)
//	for it.Next() {
//		use(it.Key(), it.Value())
//	}
//	if err := it.Err(); err != nil { ... }
type Iter[K, V any, PV Value[V]] struct {
	it    Iterator
	strip int
	parse func([]byte) (K, error)
	ns    string
	key   K
	value V
	err   error
}

// Next advances to the next entry; it returns false at the end or on an error (see Err).
func (i *Iter[K, V, PV]) Next() bool {
	if i.err != nil || i.it == nil {
		return false
	}
	k, v, ok := i.it.Next()
	if !ok {
		return false
	}
	if len(k) < i.strip {
		i.err = &NotFoundError{i.ns + " key"}
		return false
	}
	if i.key, i.err = i.parse(k[i.strip:]); i.err != nil {
		return false
	}
	var val V
	if err := PV(&val).UnmarshalJSON(v); err != nil {
		i.err = err
		return false
	}
	i.value = val
	return true
}

// Key returns the current key.
func (i *Iter[K, V, PV]) Key() K { return i.key }

// Value returns the current value.
func (i *Iter[K, V, PV]) Value() V { return i.value }

// Err returns the error that stopped the iteration, if any.
func (i *Iter[K, V, PV]) Err() error { return i.err }
