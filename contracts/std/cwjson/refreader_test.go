package cwjson

// refReader is the string reading of Reader as it was with unicode/utf8 (commit 35ad37c), kept
// to compare the compact version with, error offsets included.

import (
	"unicode/utf16"
	"unicode/utf8"
)

type refReader struct {
	data []byte
	pos  int
}

func (r *refReader) fail(msg string) error { return &Error{Offset: r.pos, Msg: msg} }

func (r *refReader) StringBytes() ([]byte, error) {
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
			if !utf8.Valid(s) {
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

func (r *refReader) escaped(start int) ([]byte, error) {
	out := append([]byte(nil), r.data[start:r.pos]...)
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		switch {
		case c == '"':
			r.pos++
			if !utf8.Valid(out) {
				return nil, r.fail("invalid UTF-8 in string")
			}
			return out, nil
		case c < 0x20:
			return nil, r.fail("control character in string")
		case c != '\\':
			out = append(out, c)
			r.pos++
			continue
		}
		r.pos++
		if r.pos >= len(r.data) {
			break
		}
		e := r.data[r.pos]
		r.pos++
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
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
					ru = utf8.RuneError
				}
				if ru == utf8.RuneError {
					return nil, r.fail("invalid surrogate pair")
				}
			}
			out = utf8.AppendRune(out, ru)
		default:
			return nil, r.fail("invalid escape")
		}
	}
	return nil, r.fail("unterminated string")
}

func (r *refReader) hex4() (rune, bool) {
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

func (r *refReader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

func (r *refReader) peek() byte {
	r.ws()
	if r.pos >= len(r.data) {
		return 0
	}
	return r.data[r.pos]
}
