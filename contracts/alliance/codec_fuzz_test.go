package alliance

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
	"github.com/alliancewasm/alliancewasm/tools/cwgen/cwgentest"
)

// The generated codecs (codec_cwgen.go) against encoding/json, the chain's codec, on random values
// of every root type and on fuzzed input.

type rootCodec struct {
	name   string
	schema string // its section of schema/alliance.json
	typ    reflect.Type
	strict bool // a request: unknown fields refused, as the chain refuses them
	encode func(w *cwjson.Writer, v any)
	decode func(r *cwjson.Reader) (any, error)
}

func rc[T any](schema string, strict bool, enc func(*cwjson.Writer, T), decode func(*cwjson.Reader, *T) error) rootCodec {
	return rootCodec{
		name: reflect.TypeOf((*T)(nil)).Elem().Name(), typ: reflect.TypeOf((*T)(nil)).Elem(), strict: strict, schema: schema,
		encode: func(w *cwjson.Writer, v any) { enc(w, v.(T)) },
		decode: func(r *cwjson.Reader) (any, error) {
			var v T
			err := decode(r, &v)
			return v, err
		},
	}
}

func rootCodecs() []rootCodec {
	return []rootCodec{
		rc("custom_msg", true, EncodeCustomMsg, DecodeCustomMsg),
		rc("custom_query", true, EncodeAllianceQuery, DecodeAllianceQuery),
		rc("responses/alliance", false, EncodeAllianceResponse, DecodeAllianceResponse),
		rc("responses/delegation", false, EncodeDelegationResponse, DecodeDelegationResponse),
		rc("responses/delegation_rewards", false, EncodeDelegationRewardsResponse, DecodeDelegationRewardsResponse),
		rc("responses/alliances", false, EncodeAlliancesResponse, DecodeAlliancesResponse),
		rc("responses/alliance_params", false, EncodeAllianceParamsResponse, DecodeAllianceParamsResponse),
		rc("responses/delegations", false, EncodeDelegationsResponse, DecodeDelegationsResponse),
		rc("responses/unbondings", false, EncodeUnbondingsResponse, DecodeUnbondingsResponse),
		rc("responses/redelegations", false, EncodeRedelegationsResponse, DecodeRedelegationsResponse),
		rc("responses/alliance_validator", false, EncodeAllianceValidatorResponse, DecodeAllianceValidatorResponse),
		rc("responses/staking_params", false, EncodeStakingParamsResponse, DecodeStakingParamsResponse),
		rc("responses/stakes", false, EncodeStakesResponse, DecodeStakesResponse),
	}
}

// reference is what the chain writes: encoding/json without its HTML escaping (which cwjson, like
// serde_json, does not do; both read either form).
func reference(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// refDecode decodes data into a new value of t with encoding/json.
func refDecode(t reflect.Type, data []byte, strict bool) (any, error) {
	p := reflect.New(t)
	d := json.NewDecoder(bytes.NewReader(data))
	if strict {
		d.DisallowUnknownFields()
	}
	err := d.Decode(p.Interface())
	if err == nil && d.More() {
		err = json.Unmarshal([]byte("x"), new(any)) // trailing data: any error
	}
	return p.Elem().Interface(), err
}

var randomStrings = []string{"", "a", "stake", "alliancevaloper1x", `"`, `\`, "\n", "\x01", "<&>", "é", "💰", "340282366920938463463374607431768211455"}

// randomValue fills v with a random value: nil, empty and full lists, set and unset pointers.
func randomValue(rng *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomStrings[rng.Intn(len(randomStrings))] + randomStrings[rng.Intn(len(randomStrings))])
	case reflect.Bool:
		v.SetBool(rng.Intn(2) == 0)
	case reflect.Uint32, reflect.Uint64:
		edges := []uint64{0, 1, 1<<32 - 1, 1<<53 + 1, 1<<64 - 1}
		x := edges[rng.Intn(len(edges))]
		if rng.Intn(2) == 0 {
			x = rng.Uint64()
		}
		if v.Kind() == reflect.Uint32 {
			x = uint64(uint32(x))
		}
		v.SetUint(x)
	case reflect.Slice:
		switch n := rng.Intn(4); {
		case n == 0 || depth > 4:
			v.SetZero()
		case v.Type().Elem().Kind() == reflect.Uint8:
			b := make([]byte, n-1) // empty or a few bytes
			rng.Read(b)
			v.SetBytes(b)
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := 0; i < n-1; i++ {
				randomValue(rng, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Pointer:
		if rng.Intn(2) == 0 || depth > 4 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		randomValue(rng, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				randomValue(rng, v.Field(i), depth+1)
			}
		}
	}
}

// TestGeneratedCodecsMatchEncodingJSON: on random values of every root type the generated encoder
// writes encoding/json's bytes, and the generated decoder reads them to the value encoding/json
// reads (which differs from the original only where encoding/json itself does not round-trip:
// an omitted empty list comes back nil).
//
// With CWGEN_CORPUS set it also writes each root's documents for tools/schema-check, which
// validates them against schema/alliance.json with ajv: every encoding must be accepted, and a
// request with an unknown field (refused here, as by the chain) refused. (Answers are decoded
// leniently; their schema describes what the chain writes, so only encodings are checked.)
func TestGeneratedCodecsMatchEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, c := range rootCodecs() {
		var corpus []cwgentest.CorpusEntry
		for i := 0; i < 300; i++ {
			v := reflect.New(c.typ).Elem()
			randomValue(rng, v, 0)
			w := cwjson.NewWriter(64)
			c.encode(w, v.Interface())
			want := reference(v.Interface())
			if !bytes.Equal(w.Bytes(), want) {
				t.Fatalf("%s: generated\n  %s\nencoding/json\n  %s", c.name, w.Bytes(), want)
			}
			r := cwjson.NewReader(want)
			got, err := c.decode(r)
			if err == nil {
				err = r.End()
			}
			ref, rerr := refDecode(c.typ, want, c.strict)
			if err != nil || rerr != nil || !reflect.DeepEqual(got, ref) {
				t.Fatalf("%s: %s decodes to %+v (%v), encoding/json to %+v (%v)", c.name, want, got, err, ref, rerr)
			}
			corpus = append(corpus, cwgentest.CorpusEntry{Doc: want, Valid: true, Why: "random value"})
			if c.strict && i < 40 {
				doc := append([]byte(`{"cwgen_unknown":1,`), want[1:]...)
				if want[1] == '}' {
					doc = []byte(`{"cwgen_unknown":1}`)
				}
				if _, err := c.decode(cwjson.NewReader(doc)); err == nil || !strings.Contains(err.Error(), `unknown field "cwgen_unknown"`) {
					t.Fatalf("%s: %s: want the unknown field refused, got %v", c.name, doc, err)
				}
				corpus = append(corpus, cwgentest.CorpusEntry{Doc: doc, Valid: false, Why: "unknown field"})
			}
		}
		writeCorpus(t, c, corpus)
	}
}

// writeCorpus writes the documents of c for tools/schema-check when CWGEN_CORPUS names a directory.
func writeCorpus(t *testing.T, c rootCodec, corpus []cwgentest.CorpusEntry) {
	dir := os.Getenv(cwgentest.CorpusEnv)
	if dir == "" {
		return
	}
	var b bytes.Buffer
	for _, e := range corpus {
		e.Contract, e.Schema = "alliance", c.schema
		line, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, "alliance-"+c.name+".jsonl"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGeneratedDecodersReadLikeTheChain: the cases where the generated decoders differ from plain
// encoding/json are the chain's strict rules (bindings/strict.go); the rest is encoding/json's.
func TestGeneratedDecodersReadLikeTheChain(t *testing.T) {
	cases := []struct {
		doc  string
		want string // "" accepted
	}{
		{`{"alliance":{"delegate":{"validator":"v","validator":"w","amount":{"denom":"d","amount":"1"}}}}`, `duplicate field "validator"`},
		{`{"alliance":{"delegate":{"validator":"v","amount":{"denom":"d","amount":"1","x":1}}}}`, `unknown field "x"`},
		{`{"alliance":{"Delegate":{"validator":"v"}}}`, `unknown field "Delegate"`}, // names match exactly
		{`{"alliance":{"delegate":{"validator":null}}}`, ""},                        // null and missing: zero
		{`{"alliance":{"delegate":{"validator":"v","amount":{"denom":"d","amount":1}}}}`, "expected a string"},
		{`{"alliance":null}`, ""},
	}
	for _, c := range cases {
		var m bt.CustomMsg
		err := cwjson.Unmarshal([]byte(c.doc), decodableFunc(func(r *cwjson.Reader) error { return DecodeCustomMsg(r, &m) }))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.doc, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: want an error containing %q, got %v", c.doc, c.want, err)
		}
	}
	var m bt.CustomMsg
	if err := cwjson.Unmarshal([]byte(`{"alliance":{"delegate":{"validator":null}}}`), decodableFunc(func(r *cwjson.Reader) error { return DecodeCustomMsg(r, &m) })); err != nil ||
		!reflect.DeepEqual(m, bt.CustomMsg{Alliance: &bt.AllianceMsg{Delegate: &bt.Delegate{}}}) {
		t.Errorf("null and missing fields: %+v %v", m, err)
	}
	// Answers skip what a newer chain may add, at any depth.
	var d bt.DelegationsResponse
	doc := `{"delegations":[{"delegator":"c","new":{"x":[1]},"amount":"7"}],"next_key":"AQ==","total":3}`
	if err := cwjson.Unmarshal([]byte(doc), decodableFunc(func(r *cwjson.Reader) error { return DecodeDelegationsResponse(r, &d) })); err != nil ||
		!reflect.DeepEqual(d, bt.DelegationsResponse{Delegations: []bt.DelegationResponse{{Delegator: "c", Amount: "7"}}, NextKey: []byte{1}}) {
		t.Errorf("lenient answer: %+v %v", d, err)
	}
}

type decodableFunc func(r *cwjson.Reader) error

func (f decodableFunc) DecodeJSON(r *cwjson.Reader) error { return f(r) }

// exactKeys reports whether data can have no key that encoding/json would match to a field
// case-insensitively while the generated decoder (exact, as the chain) would not: every json name
// of bindings/types is lowercase ASCII.
func exactKeys(data []byte) bool {
	for _, c := range data {
		if c >= 'A' && c <= 'Z' || c >= 0x80 || c == '\\' {
			return false
		}
	}
	return true
}

// FuzzGeneratedDecoders: any input decodes or is refused without a panic by every root decoder;
// what one accepts, encoding/json reads to the same value (when the keys are spelled exactly), and
// its re-encoding decodes to the same value again.
func FuzzGeneratedDecoders(f *testing.F) {
	rng := rand.New(rand.NewSource(2))
	for _, c := range rootCodecs() {
		for i := 0; i < 5; i++ {
			v := reflect.New(c.typ).Elem()
			randomValue(rng, v, 0)
			f.Add(reference(v.Interface()))
		}
	}
	codecs := rootCodecs()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range codecs {
			r := cwjson.NewReader(data)
			got, err := c.decode(r)
			if err != nil || r.End() != nil {
				continue
			}
			if exactKeys(data) {
				ref, rerr := refDecode(c.typ, data, c.strict)
				// cwjson reads base64 with or without padding, as cosmwasm-std's Binary does;
				// encoding/json wants it padded (and the chain writes it padded).
				unpadded := rerr != nil && strings.Contains(rerr.Error(), "illegal base64")
				if !unpadded && (rerr != nil || !reflect.DeepEqual(got, ref)) {
					t.Fatalf("%s: %q decodes to %+v, encoding/json to %+v (%v)", c.name, data, got, ref, rerr)
				}
			}
			w := cwjson.NewWriter(64)
			c.encode(w, got)
			again, err := c.decode(cwjson.NewReader(w.Bytes()))
			if ref, _ := refDecode(c.typ, w.Bytes(), c.strict); err != nil || !reflect.DeepEqual(again, ref) {
				t.Fatalf("%s: %q re-encoded as %s decodes to %+v (%v), encoding/json to %+v", c.name, data, w.Bytes(), again, err, ref)
			}
		}
	})
}
