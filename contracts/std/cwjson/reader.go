package cwjson

import (
	"errors"
	"unicode/utf16"
)

// Decodable is implemented by pointers to values that read themselves from one JSON value.
type Decodable interface {
	DecodeJSON(r *Reader) error
}

// MaxDepth bounds nesting. Contracts run on a 64 KiB stack that cannot be grown and a stack
// overflow is a trap without a message, so hostile input must not be able to recurse deeply.
const MaxDepth = 64

// Reader is a pull parser over one JSON document. Every method returns an error instead of
// panicking on malformed input: TinyGo cannot recover from panics on wasm.
type Reader struct {
	data  []byte
	pos   int
	depth int
}

// NewReader reads from data (which it does not copy or modify).
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Unmarshal decodes data into v and requires that nothing but whitespace follows.
func Unmarshal(data []byte, v Decodable) error {
	r := Reader{data: data}
	if err := v.DecodeJSON(&r); err != nil {
		return err
	}
	return r.End()
}

// Error is a syntax or type error with the byte offset where it was found.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string {
	return "invalid JSON at offset " + string(appendInt(nil, e.Offset)) + ": " + e.Msg
}

func (r *Reader) fail(msg string) error { return &Error{Offset: r.pos, Msg: msg} }

func (r *Reader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte without consuming it (0 at the end).
func (r *Reader) peek() byte {
	r.ws()
	if r.pos >= len(r.data) {
		return 0
	}
	return r.data[r.pos]
}

// End checks that only whitespace is left.
func (r *Reader) End() error {
	r.ws()
	if r.pos < len(r.data) { // not peek() != 0: a NUL byte is data too

		return r.fail("unexpected data after the value")
	}
	return nil
}

func (r *Reader) literal(word string) bool {
	if len(r.data)-r.pos >= len(word) && string(r.data[r.pos:r.pos+len(word)]) == word {
		r.pos += len(word)
		return true
	}
	return false
}

// Null consumes a null and reports true, or consumes nothing and reports false. Optional fields
// use it: `if !r.Null() { ... read the value ... }`.
func (r *Reader) Null() bool {
	if r.peek() == 'n' {
		return r.literal("null")
	}
	return false
}

// Object reads an object, calling fn for every key; fn must consume the value (read it or Skip it).
func (r *Reader) Object(fn func(key string) error) error {
	if r.peek() != '{' {
		return r.fail("expected an object")
	}
	if r.depth >= MaxDepth {
		return r.fail("nesting too deep")
	}
	r.depth++
	r.pos++
	if r.peek() == '}' {
		r.pos++
		r.depth--
		return nil
	}
	for {
		if r.peek() != '"' {
			return r.fail("expected an object key")
		}
		key, err := r.String()
		if err != nil {
			return err
		}
		if r.peek() != ':' {
			return r.fail("expected ':'")
		}
		r.pos++
		if err := fn(key); err != nil {
			return err
		}
		switch r.peek() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			r.depth--
			return nil
		default:
			return r.fail("expected ',' or '}'")
		}
	}
}

// Variant reads an externally tagged enum value, {"name": payload}, and requires exactly one key
// (serde's representation of Rust enums). fn reads the payload.
func (r *Reader) Variant(fn func(name string) error) error {
	n := 0
	err := r.Object(func(key string) error {
		n++
		if n > 1 {
			return r.fail("expected exactly one enum variant, found a second key " + quoted(key))
		}
		return fn(key)
	})
	if err == nil && n == 0 {
		return r.fail("expected an enum variant, found an empty object")
	}
	return err
}

// Array reads an array, calling fn once per element; fn must consume the element.
func (r *Reader) Array(fn func() error) error {
	if r.peek() != '[' {
		return r.fail("expected an array")
	}
	if r.depth >= MaxDepth {
		return r.fail("nesting too deep")
	}
	r.depth++
	r.pos++
	if r.peek() == ']' {
		r.pos++
		r.depth--
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch r.peek() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			r.depth--
			return nil
		default:
			return r.fail("expected ',' or ']'")
		}
	}
}

// EmptyObject reads {} or an object whose keys are all unknown is refused: unit variants carry {}.
func (r *Reader) EmptyObject() error {
	f := r.Struct("", 0, true) // no known key: the first one is refused
	for f.Next() {
	}
	return f.Err
}

// UnknownField is the error for a key a strict decoder does not accept (like serde's
// deny_unknown_fields, which cosmwasm's #[cw_serde] turns on for messages).
func UnknownField(key string) error { return errors.New("unknown field " + quoted(key)) }

// UnknownVariant is the error for an enum tag a decoder does not know.
func UnknownVariant(name string) error { return errors.New("unknown variant " + quoted(name)) }

// quoted puts s in double quotes for an error message, unescaped: strconv.Quote would link about
// 2 KB of quoting and Unicode tables into every contract, and the message is JSON-encoded
// (escaped) by whoever returns it anyway.
func quoted(s string) string { return "\"" + s + "\"" }

// Bool reads true or false.
func (r *Reader) Bool() (bool, error) {
	switch r.peek() {
	case 't':
		if r.literal("true") {
			return true, nil
		}
	case 'f':
		if r.literal("false") {
			return false, nil
		}
	}
	return false, r.fail("expected a boolean")
}

// Uint64 reads an unquoted non-negative integer that fits in 64 bits.
func (r *Reader) Uint64() (uint64, error) {
	if r.peek() == '"' {
		return 0, r.fail("expected a number, found a string")
	}
	return r.digits()
}

// Uint32 reads an unquoted integer that fits in 32 bits.
func (r *Reader) Uint32() (uint32, error) {
	v, err := r.Uint64()
	if err != nil {
		return 0, err
	}
	if v > 0xffffffff {
		return 0, r.fail("number does not fit in 32 bits")
	}
	return uint32(v), nil
}

// Uint64String reads a decimal string such as "123" (cosmwasm's Uint64 and Timestamp).
func (r *Reader) Uint64String() (uint64, error) {
	s, err := r.StringBytes()
	if err != nil {
		return 0, err
	}
	v, ok := ParseUint64(s)
	if !ok {
		return 0, r.fail("expected a decimal string of a 64-bit unsigned integer")
	}
	return v, nil
}

// ParseUint64 parses decimal digits (no sign, no leading zeros except "0" itself).
func ParseUint64(s []byte) (uint64, bool) {
	if len(s) == 0 || len(s) > 20 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	var v uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	return v, true
}

func (r *Reader) digits() (uint64, error) {
	start := r.pos
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' {
		r.pos++
	}
	if r.pos < len(r.data) {
		switch r.data[r.pos] {
		case '.', 'e', 'E':
			return 0, r.fail("expected an integer")
		}
	}
	v, ok := ParseUint64(r.data[start:r.pos])
	if !ok {
		r.pos = start
		return 0, r.fail("expected an unsigned 64-bit integer")
	}
	return v, nil
}

// String reads a JSON string.
func (r *Reader) String() (string, error) {
	b, err := r.StringBytes()
	return string(b), err
}

// StringBytes reads a JSON string; the result may alias the input when it has no escapes.
func (r *Reader) StringBytes() ([]byte, error) {
	if r.peek() != '"' {
		return nil, r.fail("expected a string")
	}
	r.pos++
	start := r.pos
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		switch {
		case c == '"':
			s := r.data[start:r.pos]
			r.pos++
			if !validUTF8(s) {
				return nil, r.fail("invalid UTF-8 in string")
			}
			return s, nil
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			return nil, r.fail("control character in string")
		}
		r.pos++
	}
	return nil, r.fail("unterminated string")
}

// escaped continues a string that has escapes, building a copy. Every byte it produces, plain
// or escaped, goes through the one append at the bottom: each append site costs TinyGo about
// 60 bytes of wasm, and this function is in every contract.
func (r *Reader) escaped(start int) ([]byte, error) {
	out := append([]byte(nil), r.data[start:r.pos]...)
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c < 0x20 {
			return nil, r.fail("control character in string")
		}
		r.pos++
		if c == '"' {
			if !validUTF8(out) {
				return nil, r.fail("invalid UTF-8 in string")
			}
			return out, nil
		}
		if c == '\\' {
			if r.pos >= len(r.data) {
				break
			}
			c = r.data[r.pos]
			r.pos++
			switch c {
			case '"', '\\', '/':
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'u':
				ru, ok := r.hex4()
				if !ok {
					return nil, r.fail("invalid \\u escape")
				}
				if utf16.IsSurrogate(ru) {
					// A high surrogate must be followed by an escaped low surrogate.
					if r.pos+1 < len(r.data) && r.data[r.pos] == '\\' && r.data[r.pos+1] == 'u' {
						r.pos += 2
						lo, ok := r.hex4()
						if !ok {
							return nil, r.fail("invalid \\u escape")
						}
						ru = utf16.DecodeRune(ru, lo)
					} else {
						ru = 0xfffd // utf8.RuneError
					}
					if ru == 0xfffd {
						return nil, r.fail("invalid surrogate pair")
					}
				}
				out = appendRune(out, ru)
				continue
			default:
				return nil, r.fail("invalid escape")
			}
		}
		out = append(out, c)
	}
	return nil, r.fail("unterminated string")
}

func (r *Reader) hex4() (rune, bool) {
	if len(r.data)-r.pos < 4 {
		return 0, false
	}
	var v rune
	for _, c := range r.data[r.pos : r.pos+4] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	r.pos += 4
	return v, true
}

// Binary reads a base64 string (standard alphabet; padding optional, as cosmwasm accepts both).
func (r *Reader) Binary() ([]byte, error) {
	s, err := r.StringBytes()
	if err != nil {
		return nil, err
	}
	out, ok := decodeBase64(s)
	if !ok {
		return nil, r.fail("invalid base64")
	}
	return out, nil
}

// Raw returns the bytes of the next value (validated) without decoding it.
func (r *Reader) Raw() ([]byte, error) {
	r.ws()
	start := r.pos
	if err := r.Skip(); err != nil {
		return nil, err
	}
	return r.data[start:r.pos], nil
}

// Skip consumes one value of any type, validating its syntax.
func (r *Reader) Skip() error {
	switch c := r.peek(); {
	case c == '{':
		f := r.Struct("", 0, false) // no known key: every value is skipped
		for f.Next() {
		}
		return f.Err
	case c == '[':
		f := r.List(-1, "")
		for f.Next() {
			f.Err = r.Skip()
		}
		return f.Err
	case c == '"':
		_, err := r.StringBytes()
		return err
	case c == 't' || c == 'f':
		_, err := r.Bool()
		return err
	case c == 'n':
		if r.Null() {
			return nil
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	}
	return r.fail("expected a value")
}

// number consumes any JSON number (only for Skip; decoders read integers with Uint64).
func (r *Reader) number() error {
	if r.data[r.pos] == '-' {
		r.pos++
	}
	n := r.run()
	if n == 0 || (n > 1 && r.data[r.pos-n] == '0') {
		return r.fail("invalid number")
	}
	if r.pos < len(r.data) && r.data[r.pos] == '.' {
		r.pos++
		if r.run() == 0 {
			return r.fail("invalid number")
		}
	}
	if r.pos < len(r.data) && (r.data[r.pos] == 'e' || r.data[r.pos] == 'E') {
		r.pos++
		if r.pos < len(r.data) && (r.data[r.pos] == '+' || r.data[r.pos] == '-') {
			r.pos++
		}
		if r.run() == 0 {
			return r.fail("invalid number")
		}
	}
	return nil
}

func (r *Reader) run() int {
	n := 0
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' {
		r.pos++
		n++
	}
	return n
}
