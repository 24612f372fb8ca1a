package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSharedWirePackage: a package other than main (wire types shared by contracts, like
// contracts/pairmsg) gets its own package clause in both generated files, and a *uint64 with
// `,string` is an Option<Uint64>: null, or a decimal string.
func TestSharedWirePackage(t *testing.T) {
	dir := t.TempDir()
	src := "package wire\n\n//cwgen:wire\ntype Answer struct {\n\tAt *uint64 `json:\"at,string\"`\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "msgs.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := generate(dir, "wire", "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	code, test := string(files["msgs"+genSuffix]), string(files["msgs_cwgen_test.go"])
	for _, want := range []string{"package wire\n", "w.Uint64String((*m.At))", "(*m.At), f.Err = r.Uint64String()"} {
		if !strings.Contains(code, want) {
			t.Errorf("generated code lacks %q:\n%s", want, code)
		}
	}
	if !strings.HasPrefix(test[strings.Index(test, "package"):], "package wire\n") {
		t.Errorf("generated test is not in package wire:\n%s", test)
	}
	// ,string on anything but uint64 or *uint64 stays refused.
	bad := "package wire\n\n//cwgen:wire\ntype Answer struct {\n\tAt *uint32 `json:\"at,string\"`\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "msgs.go"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(dir, "wire", "0.1.0"); err == nil || !strings.Contains(err.Error(), "Answer.At: `,string` is only for uint64 or *uint64") {
		t.Errorf("want the ,string refusal, got %v", err)
	}
}
