package cwjson

import (
	"errors"
	"math/bits"
)

// The runtime of the codecs tools/cwgen generates: one copy in the SDK instead of one per
// contract. A generated type lists its field (or variant) names in one string, each name followed
// by a space ("count denom "); decoders find a key's position in it with one loop and switch on the
// number (a jump table), which costs less wasm than a string comparison per case.

// MaxFields is the most fields a struct read by Fields may have (one bit each in a uint32).
const MaxFields = 32

// Lookup finds a name in list (names, each followed by a space): the position of key, or the
// name at position at; -1 and "" when there is none. A last name without its space is ignored.
func Lookup(list, key string, at int) (int, string) {
	i := 0
	for start := 0; start < len(list); i++ {
		end := start
		for end < len(list) && list[end] != ' ' {
			end++
		}
		if end == len(list) {
			break
		}
		if name := list[start:end]; name == key || i == at {
			return i, name
		}
		start = end + 1
	}
	return -1, ""
}

// FieldError is the error about one field, as serde words it: FieldError("missing", "x") is
// `missing field "x"`.
func FieldError(what, name string) error { return errors.New(what + " field " + quoted(name)) }

// Fields reads an object whose keys are listed in list (at most MaxFields); fn reads the value of
// the i-th. As serde with deny_unknown_fields: an unknown key is refused (skipped when !strict, for
// stored state a later version may extend), a key seen twice is refused, and when a field whose bit
// is set in required is missing, the error names the first such field.
func (r *Reader) Fields(list string, required uint32, strict bool, fn func(i int) error) error {
	var seen uint32
	err := r.Object(func(key string) error {
		i, _ := Lookup(list, key, -1)
		if i < 0 || i >= MaxFields {
			if strict {
				return UnknownField(key)
			}
			return r.Skip()
		}
		bit := uint32(1) << uint(i)
		if seen&bit != 0 {
			return FieldError("duplicate", key)
		}
		seen |= bit
		return fn(i)
	})
	if missing := required &^ seen; err == nil && missing != 0 {
		_, name := Lookup(list, "", bits.TrailingZeros32(missing))
		err = FieldError("missing", name)
	}
	return err
}

// ArrayN reads an array of exactly n elements, the value of the field name (named in the error
// about a wrong length); fn reads the i-th element.
func (r *Reader) ArrayN(n int, name string, fn func(i int) error) error {
	i := 0
	err := r.Array(func() error {
		if i == n {
			return FieldError("too many elements in", name)
		}
		i++
		return fn(i - 1)
	})
	if err == nil && i != n {
		err = FieldError("too few elements in", name)
	}
	return err
}

// EncodeFunc is an encoder as a json.Marshaler-shaped value. A generated query answer is handed to
// the SDK as EncodeFunc(m.encodeJSON) rather than as the struct itself: TinyGo keeps the
// reflection data (field names, types, struct tags) of every type converted to an interface, and
// a function type has none to keep.
type EncodeFunc func(w *Writer)

// MarshalJSON runs the encoder into a fresh buffer.
func (f EncodeFunc) MarshalJSON() ([]byte, error) {
	w := NewWriter(128)
	f(w)
	return w.Bytes(), nil
}

// StringTo reads a string into *dst. Generated decoders call it for every string field: one call
// with a pointer is less wasm than storing a returned string and error in each field's case.
func (r *Reader) StringTo(dst *string) error {
	s, err := r.String()
	*dst = s
	return err
}

// Uint64To reads an unsigned 64-bit integer into *dst (see StringTo).
func (r *Reader) Uint64To(dst *uint64) error {
	v, err := r.Uint64()
	*dst = v
	return err
}
