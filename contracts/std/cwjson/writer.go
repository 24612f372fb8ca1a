// Package cwjson is a small JSON reader and writer without reflection.
//
// Why not encoding/json: under TinyGo a contract that merely calls json.Unmarshal and
// json.Marshal on one struct is about 175 KB of wasm (a bare contract is 1 KB), most of it the
// reflection machinery. Contracts are paid for per byte at upload and per instruction at run
// time, so the SDK's own types (Env, MessageInfo, Response, CosmosMsg, queries) are encoded and
// decoded by hand with this package, and contract messages implement Decodable/Encodable the same
// way. The output follows serde_json's conventions (what cosmwasm-std produces): no HTML
// escaping, no insignificant whitespace, field order as written.
package cwjson

// Encodable is implemented by values that write themselves as one JSON value.
type Encodable interface {
	EncodeJSON(w *Writer)
}

// Writer appends JSON to a byte slice. Commas are inserted automatically: a value or key written
// right after '{', '[' or ':' (or at the very start) needs none, anything else does. This keeps
// the writer stateless apart from its buffer.
type Writer struct {
	buf []byte
}

// NewWriter returns a writer whose buffer starts with the given capacity.
func NewWriter(capacity int) *Writer { return &Writer{buf: make([]byte, 0, capacity)} }

// Bytes returns the JSON written so far.
func (w *Writer) Bytes() []byte { return w.buf }

// Marshal encodes v into a fresh byte slice.
func Marshal(v Encodable) []byte {
	w := Writer{buf: make([]byte, 0, 128)}
	v.EncodeJSON(&w)
	return w.buf
}

func (w *Writer) sep() {
	n := len(w.buf)
	if n == 0 {
		return
	}
	switch w.buf[n-1] {
	case '{', '[', ':':
		return
	}
	w.buf = append(w.buf, ',')
}

// ObjectStart writes '{'.
func (w *Writer) ObjectStart() { w.sep(); w.buf = append(w.buf, '{') }

// ObjectEnd writes '}'.
func (w *Writer) ObjectEnd() { w.buf = append(w.buf, '}') }

// ArrayStart writes '['.
func (w *Writer) ArrayStart() { w.sep(); w.buf = append(w.buf, '[') }

// ArrayEnd writes ']'.
func (w *Writer) ArrayEnd() { w.buf = append(w.buf, ']') }

// Key writes an object key and the colon; the next call writes its value.
func (w *Writer) Key(k string) {
	w.sep()
	w.quote(k)
	w.buf = append(w.buf, ':')
}

// String writes a JSON string.
func (w *Writer) String(s string) { w.sep(); w.quote(s) }

// Uint64 writes an unquoted number (serde's u64/u32 fields: height, code_id, id, ...).
func (w *Writer) Uint64(v uint64) { w.sep(); w.buf = AppendUint(w.buf, v) }

// Uint64String writes a number as a decimal string (cosmwasm's Uint64/Timestamp).
func (w *Writer) Uint64String(v uint64) {
	w.sep()
	w.buf = append(w.buf, '"')
	w.buf = AppendUint(w.buf, v)
	w.buf = append(w.buf, '"')
}

// Bool writes true or false.
func (w *Writer) Bool(b bool) {
	w.sep()
	if b {
		w.buf = append(w.buf, "true"...)
	} else {
		w.buf = append(w.buf, "false"...)
	}
}

// Null writes null.
func (w *Writer) Null() { w.sep(); w.buf = append(w.buf, "null"...) }

// Binary writes bytes as a standard, padded base64 string (cosmwasm's Binary).
func (w *Writer) Binary(b []byte) {
	w.sep()
	w.buf = append(w.buf, '"')
	w.buf = appendBase64(w.buf, b)
	w.buf = append(w.buf, '"')
}

// Raw writes pre-encoded JSON as is. The caller guarantees it is one valid JSON value; an empty
// slice is written as null so the output stays valid.
func (w *Writer) Raw(j []byte) {
	w.sep()
	if len(j) == 0 {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.buf = append(w.buf, j...)
}

// Value writes an Encodable.
func (w *Writer) Value(v Encodable) { v.EncodeJSON(w) }

// EmptyObject writes {} (the payload of unit enum variants such as {"increment":{}}).
func (w *Writer) EmptyObject() { w.sep(); w.buf = append(w.buf, '{', '}') }

const hexDigits = "0123456789abcdef"

// quote writes s as a JSON string. Invalid UTF-8 is replaced by U+FFFD so the output is always
// valid (serde would never have produced invalid strings in the first place). Every replacement
// goes through one append of a small buffer: each append site costs TinyGo about 60 bytes of
// wasm, and this function is in every contract.
func (w *Writer) quote(s string) {
	b := append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 {
			if n := runeLen(s[i:]); n != 0 {
				i += n
				continue
			}
		} else if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		}
		e := [6]byte{'\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf]}
		n := 2
		switch c {
		case '"', '\\':
			e[1] = c
		case '\n':
			e[1] = 'n'
		case '\r':
			e[1] = 'r'
		case '\t':
			e[1] = 't'
		case '\b':
			e[1] = 'b'
		case '\f':
			e[1] = 'f'
		default:
			n = 6 // \u00XX
			if c >= 0x80 {
				e[0], e[1], e[2], n = 0xef, 0xbf, 0xbd, 3 // U+FFFD for an invalid byte
			}
		}
		b = append(b, s[start:i]...)
		b = append(b, e[:n]...)
		i++
		start = i
	}
	b = append(b, s[start:]...)
	w.buf = append(b, '"')
}
