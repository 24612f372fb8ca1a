// Package cwgentest checks codecs written by cwgen against encoding/json and the rules of
// #[cw_serde]. The test file cwgen writes next to a contract's codecs calls it; it runs natively
// (go test), never in the wasm.
//
// The reference for a generated type T is encoding/json on R, a copy of T without methods
// (`type R T`), which encoding/json reads by reflection. Encodings must be byte-identical (field
// order, numbers, strings, base64); decoding must agree wherever the generated decoder accepts,
// and the generated decoder must also refuse what serde refuses and encoding/json does not: a
// missing required field, an unknown field, a field given twice, a second enum variant.
package cwgentest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Spec says which types of the contract are enums (one pointer set) and which decode leniently
// (stored state: unknown fields skipped).
type Spec struct {
	Enums   []any
	Lenient []any
	// Contract and Schemas place each type in the contract's schema file: "instantiate",
	// "execute", "query" or "responses/<query>" (a stored type that is not an answer has none).
	Contract string
	Schemas  map[string]string
}

// CorpusEnv names a directory where Check writes, for every type with a schema, the documents it
// decoded and whether the generated decoder accepted them (tools/schema-check validates them
// against the schema with ajv: the schema must accept and refuse the same).
const CorpusEnv = "CWGEN_CORPUS"

// CorpusEntry is one document of the corpus.
type CorpusEntry struct {
	Contract string          `json:"contract"`
	Schema   string          `json:"schema"`
	Doc      json.RawMessage `json:"doc"`
	Valid    bool            `json:"valid"`
	Why      string          `json:"why"`
}

func (s Spec) has(list []any, t reflect.Type) bool {
	for _, v := range list {
		if reflect.TypeOf(v) == t {
			return true
		}
	}
	return false
}

// Codec is a generated type's encoder and decoder of whole documents (MarshalJSON and
// UnmarshalJSON, or unmarshalJSON for a query answer).
type Codec[T any] struct {
	Marshal   func(T) ([]byte, error)
	Unmarshal func(*T, []byte) error
}

// Rounds is how many random values Check tries per type.
const Rounds = 300

// Check compares T's generated codec with encoding/json on R over random values and checks the
// cw_serde rules on every object of each value's encoding.
func Check[T any, R any](t *testing.T, s Spec, codec Codec[T]) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	c := checker[T, R]{t: t, s: s, Codec: codec, pkg: reflect.TypeOf((*T)(nil)).Elem().PkgPath(), corpus: new([]CorpusEntry)}
	for i := 0; i < Rounds; i++ {
		var v T
		c.random(rng, reflect.ValueOf(&v).Elem(), 0)
		c.roundTrip(v)
		if i < 40 {
			c.rules(v)
		}
	}
	c.writeCorpus()
}

func (c checker[T, R]) note(doc []byte, valid bool, why string) {
	*c.corpus = append(*c.corpus, CorpusEntry{Doc: append(json.RawMessage(nil), doc...), Valid: valid, Why: why})
}

// writeCorpus writes the corpus of T when CorpusEnv is set and T has a schema.
func (c checker[T, R]) writeCorpus() {
	dir := os.Getenv(CorpusEnv)
	name := reflect.TypeOf((*T)(nil)).Elem().Name()
	schema, ok := c.s.Schemas[name]
	if dir == "" || !ok {
		return
	}
	var b bytes.Buffer
	for _, e := range *c.corpus {
		e.Contract, e.Schema = c.s.Contract, schema
		line, err := json.Marshal(e)
		if err != nil {
			c.t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, c.s.Contract+"-"+name+".jsonl"), b.Bytes(), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

type checker[T any, R any] struct {
	Codec[T]
	t      *testing.T
	s      Spec
	pkg    string
	corpus *[]CorpusEntry
}

// reference encodes v with encoding/json as serde_json would write it (no HTML escaping).
func reference(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func toRef[T, R any](v T) R {
	return reflect.ValueOf(v).Convert(reflect.TypeOf((*R)(nil)).Elem()).Interface().(R)
}

func fromRef[T, R any](r R) T {
	return reflect.ValueOf(r).Convert(reflect.TypeOf((*T)(nil)).Elem()).Interface().(T)
}

// refDecode decodes data with encoding/json into R (refusing unknown fields when strict).
func refDecode[T, R any](data []byte, strict bool) (T, error) {
	var r R
	d := json.NewDecoder(bytes.NewReader(data))
	if strict {
		d.DisallowUnknownFields()
	}
	err := d.Decode(&r)
	return fromRef[T, R](r), err
}

func (c checker[T, R]) roundTrip(v T) {
	c.t.Helper()
	got, err := c.Marshal(v)
	if err != nil {
		c.t.Fatalf("%T: encode: %v", v, err)
	}
	want := reference(toRef[T, R](v))
	if !bytes.Equal(got, want) {
		c.t.Fatalf("%T %+v\n generated: %s\n encoding/json: %s", v, v, got, want)
	}
	var back T
	if err := c.Unmarshal(&back, got); err != nil {
		c.t.Fatalf("%T: its own encoding %s does not decode: %v", v, got, err)
	}
	if !reflect.DeepEqual(back, v) {
		c.t.Fatalf("%T: %s decodes to %+v, not %+v", v, got, back, v)
	}
	c.note(got, true, "random value")
	ref, err := refDecode[T, R](got, true)
	if err != nil || !reflect.DeepEqual(ref, v) {
		c.t.Fatalf("%T: encoding/json decodes %s to %+v (%v), not %+v", v, got, ref, err, v)
	}
}

// decodeBoth decodes data with the generated decoder and with the reference.
func (c checker[T, R]) decodeBoth(data []byte) (T, error, T, error) {
	var v T
	err := c.Unmarshal(&v, data)
	ref, rerr := refDecode[T, R](data, false)
	return v, err, ref, rerr
}

// rules mutates every object in v's encoding the ways serde treats differently from
// encoding/json and checks the generated decoder's answer.
func (c checker[T, R]) rules(v T) {
	c.t.Helper()
	enc, _ := c.Marshal(v)
	var doc any
	// Numbers stay as written (json.Number): a u64 above 2^53 would lose digits as a float64.
	dec := json.NewDecoder(bytes.NewReader(enc))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		c.t.Fatalf("%s is not JSON: %v", enc, err)
	}
	c.walk(reflect.ValueOf(v), doc, func(m map[string]any, t reflect.Type, path string) {
		c.mutate(doc, m, t, path)
	}, "$")
	if root, ok := doc.(map[string]any); ok && reflect.TypeOf(v).Kind() == reflect.Struct && !c.isEnum(reflect.TypeOf(v)) && len(root) > 0 {
		// A field given twice: serde refuses it, encoding/json keeps the last.
		keys := sortedKeys(root)
		var b strings.Builder
		b.WriteString("{")
		for _, k := range keys {
			b.WriteString(string(reference(k)) + ":" + string(reference(root[k])) + ",")
		}
		b.WriteString(string(reference(keys[0])) + ":" + string(reference(root[keys[0]])) + "}")
		var w T
		err := c.Unmarshal(&w, []byte(b.String()))
		if err == nil || !strings.Contains(err.Error(), `duplicate field "`+keys[0]+`"`) {
			c.t.Fatalf("%T: %s: a field given twice must be refused by name, got %v", v, b.String(), err)
		}
	}
}

func (c checker[T, R]) isEnum(t reflect.Type) bool { return c.s.has(c.s.Enums, t) }

// walk calls fn for every JSON object that encodes a struct of the contract's package.
func (c checker[T, R]) walk(v reflect.Value, node any, fn func(map[string]any, reflect.Type, string), path string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			c.walk(v.Elem(), node, fn, path)
		}
	case reflect.Slice, reflect.Array:
		arr, ok := node.([]any)
		if !ok {
			return // []byte: a base64 string
		}
		for i := 0; i < v.Len() && i < len(arr); i++ {
			c.walk(v.Index(i), arr[i], fn, path+"[]")
		}
	case reflect.Struct:
		m, ok := node.(map[string]any)
		if !ok || v.Type().PkgPath() != c.pkg {
			return // a std type (a string on the wire)
		}
		fn(m, v.Type(), path)
		for i := 0; i < v.NumField(); i++ {
			name := jsonName(v.Type().Field(i))
			if sub, ok := m[name]; ok {
				c.walk(v.Field(i), sub, fn, path+"."+name)
			}
		}
	}
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// mutate checks, on the object m (at path, of Go type t) inside doc, that the generated decoder
// refuses a missing required field, an unknown field and a second variant, and accepts an
// optional field absent or null exactly as encoding/json reads it.
func (c checker[T, R]) mutate(doc any, m map[string]any, t reflect.Type, path string) {
	c.t.Helper()
	try := func(what string, wantErr string) {
		c.t.Helper()
		data := reference(doc)
		got, err, ref, rerr := c.decodeBoth(data)
		c.note(data, wantErr == "", what+" at "+path)
		switch {
		case wantErr == anyError:
			if err == nil {
				c.t.Fatalf("%s at %s: %s must be refused", what, path, data)
			}
		case wantErr != "":
			if err == nil || !strings.Contains(err.Error(), wantErr) {
				c.t.Fatalf("%s at %s: %s: want an error containing %q, got %v", what, path, data, wantErr, err)
			}
		case err != nil:
			c.t.Fatalf("%s at %s: %s must decode: %v", what, path, data, err)
		case rerr != nil || !reflect.DeepEqual(got, ref):
			c.t.Fatalf("%s at %s: %s decodes to %+v, encoding/json to %+v (%v)", what, path, data, got, ref, rerr)
		}
	}
	if c.isEnum(t) {
		var set string
		for k := range m {
			set = k
		}
		for i := 0; i < t.NumField(); i++ {
			if other := jsonName(t.Field(i)); other != set {
				m[other] = map[string]any{}
				// Refused either as a second key or, when it comes first, for its empty payload.
				try("a second variant", anyError)
				delete(m, other)
				break
			}
		}
		payload := m[set]
		delete(m, set)
		m["cwgen_unknown"] = payload
		try("an unknown variant", `unknown variant "cwgen_unknown"`)
		delete(m, "cwgen_unknown")
		m[set] = payload
		return
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := jsonName(f)
		orig, present := m[name]
		if !present {
			continue
		}
		delete(m, name)
		if f.Type.Kind() == reflect.Pointer {
			try("absent optional "+name, "")
			m[name] = nil
			try("null optional "+name, "")
		} else {
			try("missing "+name, `missing field "`+name+`"`)
		}
		m[name] = orig
	}
	m["cwgen_unknown"] = 1
	if c.s.has(c.s.Lenient, t) {
		try("unknown field (skipped in state)", "")
	} else {
		try("unknown field", `unknown field "cwgen_unknown"`)
	}
	delete(m, "cwgen_unknown")
}

// anyError asks try for a refusal with any message.
const anyError = "\x00any"

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Fuzz is the fuzz target of T's generated decoder: any input decodes or is refused without a
// panic, twice the same way; what it accepts encoding/json reads to the same value, and its
// re-encoding decodes to the same value again.
func Fuzz[T any, R any](f *testing.F, s Spec, codec Codec[T]) {
	rng := rand.New(rand.NewSource(2))
	c := checker[T, R]{s: s, Codec: codec, pkg: reflect.TypeOf((*T)(nil)).Elem().PkgPath()}
	for i := 0; i < 20; i++ {
		var v T
		c.random(rng, reflect.ValueOf(&v).Elem(), 0)
		b, _ := c.Marshal(v)
		f.Add(b)
	}
	strict := !s.has(s.Lenient, reflect.TypeOf((*T)(nil)).Elem())
	f.Fuzz(func(t *testing.T, data []byte) {
		var v, again T
		err := c.Unmarshal(&v, data)
		err2 := c.Unmarshal(&again, data)
		if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("%q decodes differently twice: %v / %v", data, err, err2)
		}
		if err != nil {
			return
		}
		if rv := reflect.ValueOf(v); c.isEnum(rv.Type()) {
			set := 0
			for i := 0; i < rv.NumField(); i++ {
				if !rv.Field(i).IsNil() {
					set++
				}
			}
			if set != 1 {
				t.Fatalf("%q decoded to %d variants", data, set)
			}
		}
		enc, _ := c.Marshal(v)
		ref, rerr := refDecode[T, R](data, strict)
		var b64 base64.CorruptInputError
		if errors.As(rerr, &b64) {
			// cosmwasm's Binary also reads base64 without its '=' padding, encoding/json does not:
			// encoding/json must then read the padded re-encoding to the same value.
			ref, rerr = refDecode[T, R](enc, strict)
		}
		if rerr != nil || !reflect.DeepEqual(ref, v) {
			t.Fatalf("%q: generated %+v, encoding/json %+v (%v)", data, v, ref, rerr)
		}
		var back T
		if err := c.Unmarshal(&back, enc); err != nil || !reflect.DeepEqual(back, v) {
			t.Fatalf("%q decoded to %+v, encoded as %s, which decodes to %+v (%v)", data, v, enc, back, err)
		}
	})
}
