package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generateLine finds the cwgen go:generate line of a contract and returns its -name and -version.
func generateLine(t *testing.T, dir string) (name, version string, ok bool) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if !strings.HasPrefix(line, "//go:generate ") || !strings.Contains(line, "tools/cwgen") {
				continue
			}
			args := strings.Fields(line)
			for i := 0; i+1 < len(args); i++ {
				switch args[i] {
				case "-name":
					name = args[i+1]
				case "-version":
					version = args[i+1]
				}
			}
			return name, version, true
		}
	}
	return "", "", false
}

// TestGeneratedFilesAreUpToDate regenerates every contract that uses cwgen and compares with the
// committed files, so a changed message type without `go generate` fails CI.
func TestGeneratedFilesAreUpToDate(t *testing.T) {
	dirs, _ := filepath.Glob("../../contracts/*")
	checked := 0
	for _, dir := range dirs {
		name, version, ok := generateLine(t, dir)
		if !ok {
			continue
		}
		checked++
		files, err := generate(dir, name, version)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for rel, want := range files {
			got, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s is not what cwgen generates (run go generate ./contracts/...)", filepath.Join(dir, rel))
			}
		}
		raws, _ := filepath.Glob(filepath.Join(dir, "schema", "raw", "*.json"))
		for _, raw := range raws {
			rel, _ := filepath.Rel(dir, raw)
			if _, ok := files[rel]; !ok {
				t.Errorf("%s is no longer generated: remove it (go generate removes it)", raw)
			}
		}
	}
	if checked < 2 {
		t.Fatalf("found %d contracts with a cwgen go:generate line, want at least counter and pair", checked)
	}
}

// TestGeneratorRefusesWhatItCannotEncode: each source is refused with an error naming the problem
// (and nothing is generated from it).
func TestGeneratorRefusesWhatItCannotEncode(t *testing.T) {
	cases := map[string]string{
		"needs a json tag":                                     "//cwgen:message instantiate\ntype M struct{ A string }",
		"type map is not supported":                            "//cwgen:message instantiate\ntype M struct{ A map[string]string `json:\"a\"` }",
		"enum variants need":                                   "//cwgen:message execute\n//cwgen:enum\ntype M struct{ A *struct{} `json:\"a\"` }",
		"names no response type":                               "//cwgen:message query\n//cwgen:enum\ntype M struct{ A *struct{} `json:\"a,omitempty\"` }",
		"unknown marker //cwgen:mesage":                        "//cwgen:mesage instantiate\ntype M struct{}",
		"use a pointer for an optional field":                  "//cwgen:message instantiate\ntype M struct{ A string `json:\"a,omitempty\"` }",
		"`,string` is only for uint64":                         "//cwgen:message instantiate\ntype M struct{ A string `json:\"a,string\"` }",
		"type N is not declared":                               "//cwgen:message instantiate\ntype M struct{ A N `json:\"a\"` }",
		"two fields named \"a\"":                               "//cwgen:message instantiate\ntype M struct{\nA string `json:\"a\"`\nB string `json:\"a\"`\n}",
		"no type is marked":                                    "type M struct{}",
		"payload is a struct type of this package or a scalar": "//cwgen:message execute\n//cwgen:enum\ntype M struct{ A *map[string]string `json:\"a,omitempty\"` }",
		"`,string` is only for uint64 (cosmwasm":               "//cwgen:message execute\n//cwgen:enum\ntype M struct{ A *string `json:\"a,omitempty,string\"` }",
		"M and K are both the instantiate message":             "//cwgen:message instantiate\ntype M struct{}\n\n//cwgen:message instantiate\ntype K struct{}",
	}
	for want, src := range cases {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "msgs.go"), []byte("package main\n\n"+src+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := generate(dir, "x", "0.1.0")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: want an error containing %q, got %v", src, want, err)
		}
	}
}
