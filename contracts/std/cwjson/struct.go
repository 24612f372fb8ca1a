package cwjson

import "math/bits"

// Struct reads one object field by field without a callback, the form the decoders tools/cwgen
// writes: a generated decoder is one plain function, with no closure to allocate and no context to
// load each field's destination from, which is less wasm per message type than Fields.
//
//	f := r.Struct("a b c ", 0b011, true)
//	for f.Next() {
//		switch f.I {
//		case 0:
//			f.Err = r.StringTo(&m.A)
//		...
//		}
//	}
//	return f.Err
//
// The rules are those of Fields (and of Variant for Enum): an unknown key is refused (skipped when
// not strict), a key seen twice is refused, and a missing required field is named.
type Struct struct {
	// I is the position in the list of the field whose value the caller reads next.
	I int
	// Err is the first error, the caller's (a value it could not read) or the object's; Next
	// returns false once it is set.
	Err      error
	r        *Reader
	list     string
	required uint32
	seen     uint32
	strict   bool
	enum     bool  // exactly one key, from the list: an externally tagged enum
	state    uint8 // see member
}

// Struct starts reading an object whose keys are listed in list (at most MaxFields, see Lookup).
func (r *Reader) Struct(list string, required uint32, strict bool) Struct {
	return Struct{r: r, list: list, required: required, strict: strict}
}

// Enum starts reading an externally tagged enum, {"variant": payload}, whose variants are listed
// in list: f.I is the variant; its payload is the one value the caller reads.
func (r *Reader) Enum(list string) Struct {
	return Struct{r: r, list: list, strict: true, enum: true}
}

// Next moves to the next known key and its ':' and reports whether the caller should read its
// value (f.I says which); false at the end of the object or on an error (f.Err).
func (f *Struct) Next() bool {
	for f.Err == nil {
		more, err := f.r.member(&f.state, '{')
		switch {
		case err != nil:
			f.Err = err
		case !more:
			f.end()
			return false
		case f.key():
			return true
		}
	}
	return false
}

// key reads a key and its ':' and reports whether its value is the caller's to read; an unknown
// key of a lenient object is skipped here.
func (f *Struct) key() bool {
	r := f.r
	if r.peek() != '"' {
		f.Err = r.fail("expected an object key")
		return false
	}
	key, err := r.String()
	if err == nil && r.peek() != ':' {
		err = r.fail("expected ':'")
	}
	if err != nil {
		f.Err = err
		return false
	}
	r.pos++
	if f.enum && f.seen != 0 {
		f.Err = r.fail("expected exactly one enum variant, found a second key " + quoted(key))
		return false
	}
	i, _ := Lookup(f.list, key, -1)
	switch {
	case i >= 0 && i < MaxFields:
	case f.enum:
		f.Err = UnknownVariant(key)
		return false
	case f.strict:
		f.Err = UnknownField(key)
		return false
	default:
		f.Err = r.Skip()
		return false
	}
	bit := uint32(1) << uint(i)
	if f.seen&bit != 0 {
		f.Err = FieldError("duplicate", key)
		return false
	}
	f.seen |= bit
	f.I = i
	return true
}

// end checks, after the '}', that every required field (an enum's one variant) was there.
func (f *Struct) end() {
	missing := f.required &^ f.seen
	switch {
	case f.enum && f.seen == 0:
		f.Err = f.r.fail("expected an enum variant, found an empty object")
	case missing != 0:
		_, name := Lookup(f.list, "", bits.TrailingZeros32(missing))
		f.Err = FieldError("missing", name)
	}
}

// List reads an array element by element without a callback (see Struct):
//
//	f := r.List(-1, "")
//	for f.Next() {
//		f.Err = r.StringTo(&s) ...
//	}
//	return f.Err
type List struct {
	// I is the index of the element the caller reads next.
	I int
	// Err is the first error (see Struct).
	Err   error
	r     *Reader
	n     int    // the exact length, or -1 for any
	name  string // the field, named in the error about a wrong length
	state uint8  // see member
}

// List starts reading an array of exactly n elements (any number when n < 0), the value of the
// field name (named in the error about a wrong length).
func (r *Reader) List(n int, name string) List {
	return List{I: -1, r: r, n: n, name: name}
}

// Next moves to the next element and reports whether the caller should read it; false at the end
// of the array or on an error (f.Err).
func (f *List) Next() bool {
	if f.Err != nil {
		return false
	}
	more, err := f.r.member(&f.state, '[')
	switch {
	case err != nil:
	case !more && f.n >= 0 && f.I+1 != f.n:
		err = FieldError("too few elements in", f.name)
	case !more:
		return false
	case f.I+1 == f.n:
		err = FieldError("too many elements in", f.name)
	default:
		f.I++
		return true
	}
	f.Err = err
	return false
}

// The states of a Struct or List (member).
const (
	before uint8 = iota // the opening bracket is next
	inside              // after the opening bracket or a member
	after               // the closing bracket was read
)

// member steps over the opening bracket (open: '{' or '[') or the ',' before the next member and
// reports whether there is one; false once the closing bracket is consumed (and ever after).
func (r *Reader) member(state *uint8, open byte) (bool, error) {
	what, sep, close := "expected an object", "expected ',' or '}'", byte('}')
	if open == '[' {
		what, sep, close = "expected an array", "expected ',' or ']'", ']'
	}
	if *state == after {
		return false, nil
	}
	switch c := r.peek(); {
	case *state == before && c != open:
		return false, r.fail(what)
	case *state == before && r.depth >= MaxDepth:
		return false, r.fail("nesting too deep")
	case *state == before:
		*state = inside
		r.depth++
		r.pos++
		if r.peek() != close {
			return true, nil
		}
	case c == ',':
		r.pos++
		return true, nil
	case c != close:
		return false, r.fail(sep)
	}
	*state = after
	r.pos++
	r.depth--
	return false, nil
}

// StringsTo reads an array of strings into *dst (an empty array gives an empty, non-nil slice, as
// a list is never null on the wire). Generated decoders share it for every []string field.
func (r *Reader) StringsTo(dst *[]string) error {
	out := []string{}
	f := r.List(-1, "")
	for f.Next() {
		var s string
		f.Err = r.StringTo(&s)
		out = append(out, s)
	}
	*dst = out
	return f.Err
}
