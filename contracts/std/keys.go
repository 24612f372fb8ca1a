package std

import (
	"errors"
)

// KeyCodec turns map keys of type K into bytes and back. The byte layout follows
// cw-storage-plus, so a Rust contract or a raw query can read our storage and vice versa:
//
//	map key      = u16be(len(namespace)) || namespace || key bytes
//	pair (a, b)  = u16be(len(namespace)) || namespace || u16be(len(a)) || a || b
//
// Keys sort bytewise, so Uint64Key's big-endian bytes iterate in numeric order.
type KeyCodec[K any] interface {
	// AppendKey appends k's bytes (as the last key component).
	AppendKey(dst []byte, k K) []byte
	// ParseKey decodes a last key component.
	ParseKey(b []byte) (K, error)
}

type stringKey struct{}
type bytesKey struct{}
type uint64Key struct{}

// StringKey keys a map by string (e.g. an address).
var StringKey KeyCodec[string] = stringKey{}

// BytesKey keys a map by raw bytes.
var BytesKey KeyCodec[[]byte] = bytesKey{}

// Uint64Key keys a map by uint64 in big-endian order (numeric iteration order).
var Uint64Key KeyCodec[uint64] = uint64Key{}

func (stringKey) AppendKey(dst []byte, k string) []byte { return append(dst, k...) }
func (stringKey) ParseKey(b []byte) (string, error)     { return string(b), nil }
func (bytesKey) AppendKey(dst []byte, k []byte) []byte  { return append(dst, k...) }
func (bytesKey) ParseKey(b []byte) ([]byte, error)      { return append([]byte(nil), b...), nil }

func (uint64Key) AppendKey(dst []byte, k uint64) []byte {
	return append(dst, byte(k>>56), byte(k>>48), byte(k>>40), byte(k>>32), byte(k>>24), byte(k>>16), byte(k>>8), byte(k))
}

func (uint64Key) ParseKey(b []byte) (uint64, error) {
	if len(b) != 8 {
		return 0, errors.New("invalid uint64 key: expected 8 bytes")
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, nil
}

// Pair is a two-component key; maps keyed by pairs can be iterated by their first component
// (PrefixRange), e.g. (owner, id) -> item lists one owner's items. A full Range over a pair map
// orders by the first component's length before its bytes (the length prefix comes first).
type Pair[A, B any] struct {
	A A
	B B
}

type pairKey[A, B any] struct {
	a KeyCodec[A]
	b KeyCodec[B]
}

// PairKey combines two codecs. The first component is length-prefixed and must be shorter than
// 64 KiB (AppendKey truncates nothing: longer components make Save fail).
func PairKey[A, B any](a KeyCodec[A], b KeyCodec[B]) KeyCodec[Pair[A, B]] {
	return pairKey[A, B]{a, b}
}

func (p pairKey[A, B]) AppendKey(dst []byte, k Pair[A, B]) []byte {
	dst = appendLengthPrefixed(dst, p.a, k.A)
	return p.b.AppendKey(dst, k.B)
}

func (p pairKey[A, B]) ParseKey(b []byte) (Pair[A, B], error) {
	var out Pair[A, B]
	if len(b) < 2 {
		return out, errors.New("invalid pair key: too short")
	}
	n := int(b[0])<<8 | int(b[1])
	if len(b) < 2+n {
		return out, errors.New("invalid pair key: bad length prefix")
	}
	a, err := p.a.ParseKey(b[2 : 2+n])
	if err != nil {
		return out, err
	}
	bv, err := p.b.ParseKey(b[2+n:])
	if err != nil {
		return out, err
	}
	return Pair[A, B]{a, bv}, nil
}

// appendLengthPrefixed appends u16be(len) || component. A component of 64 KiB or more cannot be
// represented; it is marked by an impossible length (0xffff with fewer bytes following is caught
// when parsing) and the storage helpers refuse keys longer than the VM's 64 KiB key limit anyway.
func appendLengthPrefixed[K any](dst []byte, c KeyCodec[K], k K) []byte {
	at := len(dst)
	dst = append(dst, 0, 0)
	dst = c.AppendKey(dst, k)
	n := len(dst) - at - 2
	if n > 0xffff {
		n = 0xffff
	}
	dst[at] = byte(n >> 8)
	dst[at+1] = byte(n)
	return dst
}

// namespacePrefix returns u16be(len(ns)) || ns.
func namespacePrefix(ns string) []byte {
	b := make([]byte, 0, 2+len(ns))
	b = append(b, byte(len(ns)>>8), byte(len(ns)))
	return append(b, ns...)
}

// prefixEnd returns the smallest key greater than every key starting with p, or nil (unbounded)
// when p is all 0xff.
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] != 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}
