package cwjson

import (
	"fmt"
	"strings"
	"testing"
)

// structDoc reads {"a":string,"b":u64,"c":string} with a and b required, as fieldsDoc does but
// through Struct (the generated decoders' loop).
func structDoc(doc string, strict bool) (a string, b uint64, c string, err error) {
	r := NewReader([]byte(doc))
	f := r.Struct("a b c ", 0b011, strict)
	for f.Next() {
		switch f.I {
		case 0:
			f.Err = r.StringTo(&a)
		case 1:
			f.Err = r.Uint64To(&b)
		case 2:
			f.Err = r.StringTo(&c)
		}
	}
	if err = f.Err; err == nil {
		err = r.End()
	}
	return a, b, c, err
}

// enumDoc reads the enum {"x":u64} | {"y":{}} through Enum, or through Variant (the callback
// form) when callback is set.
func enumDoc(doc string, callback bool) (x uint64, y bool, err error) {
	r := NewReader([]byte(doc))
	read := func(i int) error {
		if i == 0 {
			return r.Uint64To(&x)
		}
		y = true
		return r.EmptyObject()
	}
	if callback {
		err = r.Variant(func(name string) error {
			i, _ := Lookup("x y ", name, -1)
			if i < 0 {
				return UnknownVariant(name)
			}
			return read(i)
		})
	} else {
		f := r.Enum("x y ")
		for f.Next() {
			f.Err = read(f.I)
		}
		err = f.Err
	}
	if err == nil {
		err = r.End()
	}
	return x, y, err
}

// TestStructMatchesFields: Struct reads every document exactly as Fields does, the same values or
// the same error text at the same offset, strict and lenient, on valid, refused and malformed
// input (the cases of TestFields and more).
func TestStructMatchesFields(t *testing.T) {
	docs := []string{
		`{"b":7,"c":"z","a":"x"}`, `{"a":"x","b":1}`, `{"a":"x","zz":{"q":[1]},"b":2}`, `{}`, ` { } `,
		`{"a":"x"}`, `{"c":"x"}`, `{"a":"x","b":1,"a":"y"}`, `{"a":"x","b":1,"zz":1}`, `{"a":"x","b":"1"}`,
		`["a"]`, `{"a":"x","b":1,"c":"z",}`, `{"a":"x","b":1} {"a":"y"}`, `{"a":"x","a":"y","b":1}`,
		`{"a" "x"}`, `{"a":"x" "b":1}`, `{a:1}`, `{"a":"x","b":1`, `{"a":"x","zz":[1,}`, `{"a\u0062":1}`,
		``, `null`, `{"a":"x","b":1,"zz":{"a":1,"a":2}}`, `{"a":"x","b":18446744073709551616}`,
	}
	for _, doc := range docs {
		for _, strict := range []bool{true, false} {
			a1, b1, c1, err1 := fieldsDoc(doc, strict)
			a2, b2, c2, err2 := structDoc(doc, strict)
			got, want := fmt.Sprint(a2, b2, c2, err2), fmt.Sprint(a1, b1, c1, err1)
			if got != want {
				t.Errorf("%s strict=%v: Struct gives %s, Fields %s", doc, strict, got, want)
			}
		}
	}
	// The cases TestFields states, by value, so that the two cannot agree on something wrong.
	if a, b, c, err := structDoc(`{"b":7,"c":"z","a":"x"}`, true); err != nil || a != "x" || b != 7 || c != "z" {
		t.Fatalf("got %q %d %q %v", a, b, c, err)
	}
	for doc, want := range map[string]string{
		`{"c":"x"}`:                `missing field "a"`,
		`{"a":"x","b":1,"a":"y"}`:  `duplicate field "a"`,
		`{"a":"x","b":1,"zz":1}`:   `unknown field "zz"`,
		`{"a":"x","b":1,"c":"z",}`: "invalid JSON at offset 23: expected an object key",
	} {
		if _, _, _, err := structDoc(doc, true); err == nil || err.Error() != want {
			t.Errorf("%s: want %q, got %v", doc, want, err)
		}
	}
}

// TestEnumMatchesVariant: Enum reads every document exactly as Variant does.
func TestEnumMatchesVariant(t *testing.T) {
	docs := []string{
		`{"x":5}`, `{"y":{}}`, ` {"y" : { } } `, `{}`, `{"z":1}`, `{"x":1,"y":{}}`, `{"x":1,"x":2}`,
		`{"x":"1"}`, `{"y":{"q":1}}`, `"x"`, `{"x":1`, `{"x":1}]`, `[]`, `{"x":1,}`,
	}
	for _, doc := range docs {
		x1, y1, err1 := enumDoc(doc, true)
		x2, y2, err2 := enumDoc(doc, false)
		if got, want := fmt.Sprint(x2, y2, err2), fmt.Sprint(x1, y1, err1); got != want {
			t.Errorf("%s: Enum gives %s, Variant %s", doc, got, want)
		}
	}
	if x, _, err := enumDoc(`{"x":5}`, false); err != nil || x != 5 {
		t.Fatalf("got %d %v", x, err)
	}
	for doc, want := range map[string]string{
		`{}`:             "invalid JSON at offset 2: expected an enum variant, found an empty object",
		`{"z":1}`:        `unknown variant "z"`,
		`{"x":1,"y":{}}`: `invalid JSON at offset 11: expected exactly one enum variant, found a second key "y"`,
	} {
		if _, _, err := enumDoc(doc, false); err == nil || err.Error() != want {
			t.Errorf("%s: want %q, got %v", doc, want, err)
		}
	}
}

// TestStructDepthIsBounded: nesting beyond MaxDepth is refused, not recursed into (a contract's
// stack cannot grow).
func TestStructDepthIsBounded(t *testing.T) {
	doc := strings.Repeat(`[`, MaxDepth) + `{"a":"x","b":1}` + strings.Repeat(`]`, MaxDepth)
	r := NewReader([]byte(doc))
	r.pos, r.depth = MaxDepth, MaxDepth
	f := r.Struct("a b ", 0, true)
	if f.Next() || f.Err == nil || !strings.Contains(f.Err.Error(), "nesting too deep") {
		t.Fatalf("got %v", f.Err)
	}
}

func TestStringsTo(t *testing.T) {
	for doc, want := range map[string]string{
		`[]`:          "[] <nil>",
		`["a", "b"]`:  "[a b] <nil>",
		`["a\u0062"]`: "[ab] <nil>",
		`["a",1]`:     "[a ] invalid JSON at offset 5: expected a string",
		`null`:        "[] invalid JSON at offset 0: expected an array",
	} {
		var got []string
		err := NewReader([]byte(doc)).StringsTo(&got)
		if s := fmt.Sprint(got, " ", err); s != want || got == nil {
			t.Errorf("%s: got %q (nil %v), want %q", doc, s, got == nil, want)
		}
	}
}

// TestListMatchesArray: List and ListN read every document exactly as Array and ArrayN do.
func TestListMatchesArray(t *testing.T) {
	read := func(doc string, n int, iterator bool) string {
		var out []uint64
		r := NewReader([]byte(doc))
		var err error
		elem := func() error {
			var v uint64
			err := r.Uint64To(&v)
			out = append(out, v)
			return err
		}
		switch {
		case iterator:
			f := r.List(-1, "")
			if n > 0 {
				f = r.List(n, "pair")
			}
			for f.Next() {
				f.Err = elem()
			}
			err = f.Err
		case n > 0:
			err = r.ArrayN(n, "pair", func(int) error { return elem() })
		default:
			err = r.Array(elem)
		}
		if err == nil {
			err = r.End()
		}
		return fmt.Sprint(out, " ", err)
	}
	docs := []string{`[]`, `[3, 4]`, `[1]`, `[1,2,3]`, `[1,"2"]`, `[1,]`, `[1 2]`, `{}`, `[1,2] 3`, `[[1]]`, `[1,2`}
	for _, doc := range docs {
		for _, n := range []int{0, 2} {
			if got, want := read(doc, n, true), read(doc, n, false); got != want {
				t.Errorf("%s n=%d: List gives %s, Array %s", doc, n, got, want)
			}
		}
	}
	for doc, want := range map[string]string{
		`[3, 4]`:  "[3 4] <nil>",
		`[1]`:     `[1] too few elements in field "pair"`,
		`[1,2,3]`: `[1 2] too many elements in field "pair"`,
	} {
		if got := read(doc, 2, true); got != want {
			t.Errorf("%s: got %s, want %s", doc, got, want)
		}
	}
}

// FuzzStructMatchesFields: on any input, Struct, Enum and List read exactly what Fields, Variant
// and Array read (values, error text and offset), strict and lenient.
func FuzzStructMatchesFields(f *testing.F) {
	for _, s := range []string{`{"b":7,"c":"z","a":"x"}`, `{"a":"x","zz":{"q":[1]},"b":2}`, `{"x":5}`, `{"y":{}}`, `[1,2]`, `{}`, `[]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for _, strict := range []bool{true, false} {
			a1, b1, c1, err1 := fieldsDoc(doc, strict)
			a2, b2, c2, err2 := structDoc(doc, strict)
			if got, want := fmt.Sprint(a2, b2, c2, err2), fmt.Sprint(a1, b1, c1, err1); got != want {
				t.Fatalf("%q strict=%v: Struct gives %s, Fields %s", doc, strict, got, want)
			}
		}
		x1, y1, err1 := enumDoc(doc, true)
		x2, y2, err2 := enumDoc(doc, false)
		if got, want := fmt.Sprint(x2, y2, err2), fmt.Sprint(x1, y1, err1); got != want {
			t.Fatalf("%q: Enum gives %s, Variant %s", doc, got, want)
		}
	})
}
