package cwjson

import "unsafe"

// Compact UTF-8 helpers replacing unicode/utf8, whose Valid fast paths, DecodeRune tables and
// AppendRune cost about 1.7 KB of wasm in every contract under TinyGo. They accept and produce
// exactly what unicode/utf8 does (overlong forms, surrogates and code points above U+10FFFF are
// invalid); the tests compare them with it on many inputs.

// runeLen returns the length (1 to 4) of the valid UTF-8 encoding s starts with, or 0 when s
// does not start with one, i.e. when utf8.DecodeRuneInString(s) returns (RuneError, 1). s must
// not be empty.
func runeLen(s string) int {
	c := s[0]
	lo, hi := byte(0x80), byte(0xbf) // the range of the second byte
	n := 4
	switch {
	case c < 0x80:
		return 1
	case c < 0xc2: // a continuation byte, or the lead of an overlong 2-byte form
		return 0
	case c < 0xe0:
		n = 2
	case c < 0xf0:
		n = 3
		if c == 0xe0 {
			lo = 0xa0 // overlong
		} else if c == 0xed {
			hi = 0x9f // surrogates
		}
	case c == 0xf0:
		lo = 0x90 // overlong
	case c == 0xf4:
		hi = 0x8f // above U+10FFFF
	case c > 0xf4:
		return 0
	}
	if len(s) < n || s[1] < lo || s[1] > hi {
		return 0
	}
	for i := 2; i < n; i++ {
		if s[i] < 0x80 || s[i] > 0xbf {
			return 0
		}
	}
	return n
}

// validUTF8 reports whether b is valid UTF-8, as utf8.Valid(b) does.
func validUTF8(b []byte) bool {
	s := unsafe.String(unsafe.SliceData(b), len(b)) // read only; no copy
	for i := 0; i < len(s); {
		if s[i] < 0x80 {
			i++
			continue
		}
		n := runeLen(s[i:])
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

// appendRune appends the UTF-8 encoding of r, as utf8.AppendRune(b, r) does (U+FFFD for a
// surrogate or an invalid code point). One append site, for code size.
func appendRune(b []byte, r rune) []byte {
	u := uint32(r)
	if u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff) {
		u = 0xfffd
	}
	n := 4
	switch {
	case u < 0x80:
		n = 1
	case u < 0x800:
		n = 2
	case u < 0x10000:
		n = 3
	}
	var e [4]byte
	for i := n - 1; i > 0; i-- {
		e[i] = 0x80 | byte(u)&0x3f
		u >>= 6
	}
	e[0] = byte(u)
	if n > 1 {
		e[0] |= byte(uint(0xf00) >> n) // 110xxxxx, 1110xxxx or 11110xxx
	}
	return append(b, e[:n]...)
}
