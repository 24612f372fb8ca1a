package cwjson

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestWriterShapes(t *testing.T) {
	w := NewWriter(0)
	w.ObjectStart()
	w.Key("s")
	w.String("a\"b\\c\n\r\t\b\f\x01<>&é😀")
	w.Key("bad")
	w.String("x\xffy")
	w.Key("n")
	w.Uint64(18446744073709551615)
	w.Key("q")
	w.Uint64String(7)
	w.Key("b")
	w.Binary([]byte{0xfb, 0xff})
	w.Key("e")
	w.Binary(nil)
	w.Key("arr")
	w.ArrayStart()
	w.Bool(true)
	w.Bool(false)
	w.Null()
	w.EmptyObject()
	w.Raw([]byte(`{"x":1}`))
	w.Raw(nil)
	w.ArrayEnd()
	w.ObjectEnd()
	want := `{"s":"a\"b\\c\n\r\t\b\f\u0001<>&é😀","bad":"x` + "\ufffd" + `y","n":18446744073709551615,"q":"7","b":"+/8=","e":"","arr":[true,false,null,{},{"x":1},null]}`
	if got := string(w.Bytes()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if !json.Valid(w.Bytes()) {
		t.Fatal("output is not valid JSON")
	}
}

func TestReaderValues(t *testing.T) {
	r := NewReader([]byte(` {"s":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","plain":"héllo","n":18446744073709551615,` +
		`"q":"123","b":"+/8=","b2":"+/8","t":true,"f":false,"z":null,"skip":[1,-2.5e+3,{"a":[]},"x",null,0.1E-2],"u32":4294967295}`))
	got := map[string]any{}
	err := r.Object(func(key string) error {
		var err error
		var v any
		switch key {
		case "s", "plain":
			v, err = r.String()
		case "n":
			v, err = r.Uint64()
		case "q":
			v, err = r.Uint64String()
		case "b", "b2":
			var b []byte
			b, err = r.Binary()
			v = string(b)
		case "t", "f":
			v, err = r.Bool()
		case "z":
			v = r.Null()
		case "skip":
			var raw []byte
			raw, err = r.Raw()
			v = string(raw)
		case "u32":
			v, err = r.Uint32()
		}
		got[key] = v
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"s": "a\"\\/\b\f\n\r\té😀", "plain": "héllo", "n": uint64(18446744073709551615), "q": uint64(123),
		"b": "\xfb\xff", "b2": "\xfb\xff", "t": true, "f": false, "z": true,
		"skip": `[1,-2.5e+3,{"a":[]},"x",null,0.1E-2]`, "u32": uint32(4294967295)}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
}

func TestReaderErrors(t *testing.T) {
	readString := func(r *Reader) error { _, err := r.String(); return err }
	readUint := func(r *Reader) error { _, err := r.Uint64(); return err }
	readUint32 := func(r *Reader) error { _, err := r.Uint32(); return err }
	readQ := func(r *Reader) error { _, err := r.Uint64String(); return err }
	readBin := func(r *Reader) error { _, err := r.Binary(); return err }
	skipAll := func(r *Reader) error {
		if err := r.Skip(); err != nil {
			return err
		}
		return r.End()
	}
	variant := func(r *Reader) error { return r.Variant(func(string) error { return r.Skip() }) }
	cases := []struct {
		in   string
		read func(*Reader) error
		msg  string
	}{
		{`"abc`, readString, "unterminated string"},
		{`"a` + "\n" + `"`, readString, "control character"},
		{`"\x"`, readString, "invalid escape"},
		{`"\u12"`, readString, "invalid \\u escape"},
		{`"\ud83d"`, readString, "invalid surrogate"},
		{`"\ud83dx"`, readString, "invalid surrogate"},
		{`"\ude00\ud83d"`, readString, "invalid surrogate"},
		{"\"\xff\"", readString, "invalid UTF-8"},
		{`12`, readString, "expected a string"},
		{`18446744073709551616`, readUint, "unsigned 64-bit"},
		{`01`, readUint, "unsigned 64-bit"},
		{`-1`, readUint, "unsigned 64-bit"},
		{`1.5`, readUint, "expected an integer"},
		{`1e3`, readUint, "expected an integer"},
		{`"1"`, readUint, "found a string"},
		{`4294967296`, readUint32, "32 bits"},
		{`"01"`, readQ, "decimal string"},
		{`"1 "`, readQ, "decimal string"},
		{`"%%%%"`, readBin, "invalid base64"},
		{`{"a":1,}`, skipAll, "expected an object key"},
		{`{"a" 1}`, skipAll, "expected ':'"},
		{`[1 2]`, skipAll, "expected ',' or ']'"},
		{`{"a":1 "b":2}`, skipAll, "expected ',' or '}'"},
		{`[1]x`, skipAll, "unexpected data"},
		{`tru`, skipAll, "expected a boolean"},
		{`nul`, skipAll, "expected a value"},
		{`-`, skipAll, "invalid number"},
		{`1.`, skipAll, "invalid number"},
		{`1e`, skipAll, "invalid number"},
		{`00`, skipAll, "invalid number"},
		{``, skipAll, "expected a value"},
		{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), skipAll, "nesting too deep"},
		{`{}`, variant, "empty object"},
		{`{"a":1,"b":2}`, variant, `second key "b"`},
		{`{"a":1}`, (*Reader).EmptyObject, `unknown field "a"`},
	}
	for _, c := range cases {
		err := c.read(NewReader([]byte(c.in)))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: error %v, want one containing %q", c.in, err, c.msg)
		}
	}
	// Exactly MaxDepth levels are fine.
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if err := skipAll(NewReader([]byte(deep))); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
	var e *Error
	err := NewReader([]byte(`  x`)).Skip()
	if ok := asError(err, &e); !ok || e.Offset != 2 {
		t.Errorf("offset of error: %v", err)
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

func TestRawMessage(t *testing.T) {
	var m RawMessage
	r := NewReader([]byte(`{"custom":{"a":[1,2]} }`))
	err := r.Object(func(key string) error { return m.DecodeJSON(r) })
	if err != nil || string(m) != `{"a":[1,2]}` {
		t.Fatalf("raw = %s, %v", m, err)
	}
	if b, _ := RawMessage(nil).MarshalJSON(); string(b) != "null" {
		t.Fatalf("empty raw = %s", b)
	}
	w := NewWriter(0)
	w.ArrayStart()
	if err := w.Marshaler(m); err != nil {
		t.Fatal(err)
	}
	m.EncodeJSON(w)
	w.ArrayEnd()
	if string(w.Bytes()) != `[{"a":[1,2]},{"a":[1,2]}]` {
		t.Fatalf("writer = %s", w.Bytes())
	}
}

// FuzzReaderSkip: any input either parses or errors, never panics, and whatever Skip accepts
// as a complete document encoding/json accepts too.
func FuzzReaderSkip(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"\ud83d\ude00"`, `-1.5e+10`, `[[[[]]]]`, `{"":""}`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data)
		if r.Skip() == nil && r.End() == nil && !json.Valid(data) {
			t.Fatalf("cwjson accepted invalid JSON %q", data)
		}
	})
}
