package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeExamplesAreTheGreeter: every Go block of contracts/README.md's "Write your first
// contract" is, verbatim, in this contract's files (or in token's requires_alliance export, which
// the section shows), so the code the README teaches is code that compiles and passes TestGreeter.
func TestReadmeExamplesAreTheGreeter(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section, ok := strings.CutPrefix(string(readme)[strings.Index(string(readme), "## Write your first contract"):], "## Write your first contract")
	if !ok {
		t.Fatal(`README.md has no "## Write your first contract"`)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var sources strings.Builder
	files, _ := filepath.Glob("*.go")
	for _, f := range append(files, "../../token/capabilities_tinygo.go") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources.Write(b)
	}
	blocks := strings.Split(section, "```go\n")[1:]
	if len(blocks) < 8 {
		t.Fatalf("found %d Go blocks in the section, want the 8 or more it shows", len(blocks))
	}
	for _, b := range blocks {
		code, _, closed := strings.Cut(b, "```")
		if !closed {
			t.Fatalf("unclosed Go block:\n%s", b)
		}
		if !strings.Contains(sources.String(), code) {
			t.Errorf("this README block is not in contracts/examples/greeter (update one or the other):\n%s", code)
		}
	}
}
