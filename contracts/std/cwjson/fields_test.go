package cwjson

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	const list = "count denom to "
	cases := []struct {
		key      string
		at       int
		wantI    int
		wantName string
	}{
		{"count", -1, 0, "count"},
		{"denom", -1, 1, "denom"},
		{"to", -1, 2, "to"},
		{"", 2, 2, "to"}, // by position: the name of a missing field
		{"coun", -1, -1, ""},
		{"count ", -1, -1, ""},
		{"", 3, -1, ""},
		{"x", -1, -1, ""},
	}
	for _, c := range cases {
		i, name := Lookup(list, c.key, c.at)
		if i != c.wantI || name != c.wantName {
			t.Errorf("Lookup(%q, %d) = %d, %q; want %d, %q", c.key, c.at, i, name, c.wantI, c.wantName)
		}
	}
	// A table without the final space: the last name is not found, and nothing reads past the end.
	if i, _ := Lookup("a b", "b", -1); i != -1 {
		t.Errorf("unterminated last name found at %d", i)
	}
	if i, _ := Lookup("", "", 0); i != -1 {
		t.Errorf("empty table found %d", i)
	}
}

// fieldsDoc reads {"a":string,"b":u64,"c":string} with a and b required.
func fieldsDoc(doc string, strict bool) (a string, b uint64, c string, err error) {
	r := NewReader([]byte(doc))
	err = r.Fields("a b c ", 0b011, strict, func(i int) error {
		var err error
		switch i {
		case 0:
			a, err = r.String()
		case 1:
			b, err = r.Uint64()
		case 2:
			c, err = r.String()
		}
		return err
	})
	if err == nil {
		err = r.End()
	}
	return a, b, c, err
}

func TestFields(t *testing.T) {
	a, b, c, err := fieldsDoc(`{"b":7,"c":"z","a":"x"}`, true)
	if err != nil || a != "x" || b != 7 || c != "z" {
		t.Fatalf("got %q %d %q %v", a, b, c, err)
	}
	// The optional c may be left out.
	if _, _, _, err := fieldsDoc(`{"a":"x","b":1}`, true); err != nil {
		t.Fatal(err)
	}
	// Unknown keys are skipped (with any value) when not strict.
	if a, b, _, err := fieldsDoc(`{"a":"x","zz":{"q":[1]},"b":2}`, false); err != nil || a != "x" || b != 2 {
		t.Fatalf("lenient: %q %d %v", a, b, err)
	}
	refused := map[string]string{
		`{"a":"x"}`:                 `missing field "b"`,
		`{"c":"x"}`:                 `missing field "a"`, // the first missing one is named
		`{"a":"x","b":1,"a":"y"}`:   `duplicate field "a"`,
		`{"a":"x","b":1,"zz":1}`:    `unknown field "zz"`,
		`{"a":"x","b":"1"}`:         "found a string",
		`["a"]`:                     "expected an object",
		`{"a":"x","b":1,"c":"z",}`:  "expected an object key",
		`{"a":"x","b":1} {"a":"y"}`: "unexpected data",
	}
	for doc, want := range refused {
		_, _, _, err := fieldsDoc(doc, true)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want an error containing %q, got %v", doc, want, err)
		}
	}
	// The lenient reader still refuses a duplicate and a missing field.
	if _, _, _, err := fieldsDoc(`{"a":"x","a":"y","b":1}`, false); err == nil || !strings.Contains(err.Error(), `duplicate field "a"`) {
		t.Errorf("lenient duplicate: %v", err)
	}
}

func TestArrayN(t *testing.T) {
	read := func(doc string) ([2]uint64, error) {
		var out [2]uint64
		r := NewReader([]byte(doc))
		err := r.ArrayN(2, "pair", func(i int) error {
			var err error
			out[i], err = r.Uint64()
			return err
		})
		return out, err
	}
	if got, err := read(`[3, 4]`); err != nil || got != [2]uint64{3, 4} {
		t.Fatalf("got %v %v", got, err)
	}
	for doc, want := range map[string]string{
		`[1]`:     `too few elements in field "pair"`,
		`[]`:      `too few elements in field "pair"`,
		`[1,2,3]`: `too many elements in field "pair"`,
		`[1,"2"]`: "found a string",
	} {
		if _, err := read(doc); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want an error containing %q, got %v", doc, want, err)
		}
	}
}

func TestEncodeFunc(t *testing.T) {
	f := EncodeFunc(func(w *Writer) {
		w.ObjectStart()
		w.Key("n")
		w.Uint64(5)
		w.ObjectEnd()
	})
	b, err := f.MarshalJSON()
	if err != nil || string(b) != `{"n":5}` {
		t.Fatalf("got %s %v", b, err)
	}
}
