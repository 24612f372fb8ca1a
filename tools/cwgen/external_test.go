package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule writes files (path -> content) under a fresh module example.com/m.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for rel, src := range files {
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const wireSrc = "package wire\n\n//cwgen:enum\ntype Info struct {\n\tNative *Native `json:\"native,omitempty\"`\n}\n\n" +
	"type Native struct {\n\tDenom string `json:\"denom\"`\n}\n\n//cwgen:wire\ntype Asset struct {\n\tInfo Info `json:\"info\"`\n}\n"

// TestExternalTypes: a contract's message may use the types of another cwgen package of the module
// (as pair could use contracts/pairmsg): its codec calls that package's exported methods, its
// schema inlines their definitions, its test knows their enums, and the shared package gets the
// exported methods. (The end-to-end check, generated tests and a TinyGo build of a contract using
// contracts/pairmsg, was run by hand: see the commit.)
func TestExternalTypes(t *testing.T) {
	root := writeModule(t, map[string]string{
		"wire/msgs.go": wireSrc,
		"c/msg.go": "package main\n\nimport wire \"example.com/m/wire\"\n\n//cwgen:message execute\n//cwgen:enum\ntype ExecuteMsg struct {\n" +
			"\tSwap *wire.Asset `json:\"swap,omitempty\"`\n\tPair *PairMsg `json:\"pair,omitempty\"`\n}\n\n" +
			"type PairMsg struct {\n\tInfos [2]wire.Info `json:\"infos\"`\n\tOffer *wire.Asset `json:\"offer\"`\n}\n",
	})
	files, err := generate(filepath.Join(root, "c"), "c", "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	code, test := string(files["msgs"+genSuffix]), string(files["msgs_cwgen_test.go"])
	for _, want := range []string{"\twire \"example.com/m/wire\"\n", "m.Swap.EncodeJSON(w)", "m.Swap = new(wire.Asset)",
		"f.Err = (*m.Swap).DecodeJSON(r)", "l2.Err = m.Infos[l2.I].DecodeJSON(r)", "(*m.Offer).EncodeJSON(w)"} {
		if !strings.Contains(code, want) {
			t.Errorf("generated code lacks %q:\n%s", want, code)
		}
	}
	if !strings.Contains(test, "Enums:    []any{ExecuteMsg{}, wire.Info{}}") || !strings.Contains(test, "\twire \"example.com/m/wire\"\n") {
		t.Errorf("generated test does not know the external enum:\n%s", test)
	}
	var idl struct {
		Execute struct {
			Definitions map[string]json.RawMessage `json:"definitions"`
		} `json:"execute"`
	}
	if err := json.Unmarshal(files[filepath.Join("schema", "c.json")], &idl); err != nil {
		t.Fatal(err)
	}
	// As for this package's types: a struct field refers to a definition, an enum variant's payload
	// (PairMsg here, Native in Info) is inlined.
	if got := idl.Execute.Definitions; len(got) != 2 || !strings.Contains(string(got["Info"]), `"native"`) ||
		!strings.Contains(string(got["Info"]), `"denom"`) || !strings.Contains(string(got["Asset"]), `"#/definitions/Info"`) {
		t.Errorf("definitions Asset and Info (from wire) expected, got %s", files[filepath.Join("schema", "c.json")])
	}
	// The shared package exports its codecs.
	wire, err := generate(filepath.Join(root, "wire"), "wire", "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"func (m Info) EncodeJSON(w *cwjson.Writer) { m.encodeJSON(w) }", "func (m *Native) DecodeJSON(r *cwjson.Reader) error { return m.decodeJSON(r) }"} {
		if !strings.Contains(string(wire["msgs"+genSuffix]), want) {
			t.Errorf("wire package lacks %q", want)
		}
	}
}

// TestExternalTypesRefused: a type of a contract (package main), a type the other package does not
// generate, and a package outside the module are refused with the field named.
func TestExternalTypesRefused(t *testing.T) {
	for want, src := range map[string]string{
		"X.A: example.com/m/other is a contract":            "import o \"example.com/m/other\"\n\n//cwgen:wire\ntype X struct {\n\tA o.T `json:\"a\"`\n}\n",
		"X.A: wire.Missing has no cwgen codec":              "import wire \"example.com/m/wire\"\n\n//cwgen:wire\ntype X struct {\n\tA wire.Missing `json:\"a\"`\n}\n",
		"X.A: time.Time is not a type of a package of":      "import \"time\"\n\n//cwgen:wire\ntype X struct {\n\tA time.Time `json:\"a\"`\n}\n",
		"X.A: import example.com/m/wire under another name": "import w \"example.com/m/wire\"\n\n//cwgen:wire\ntype X struct {\n\tA w.Info `json:\"a\"`\n}\n",
	} {
		root := writeModule(t, map[string]string{
			"wire/msgs.go":  wireSrc,
			"other/main.go": "package main\n\n//cwgen:wire\ntype T struct {\n\tB string `json:\"b\"`\n}\n",
			"c/msg.go":      "package main\n\n" + src,
		})
		if _, err := generate(filepath.Join(root, "c"), "c", "0.1.0"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want an error containing %q, got %v", want, err)
		}
	}
}
