package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generateArgs finds the cwgen go:generate line of a package and returns its arguments.
func generateArgs(t *testing.T, dir string) ([]string, bool) {
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
			for i, a := range args {
				if strings.HasSuffix(a, "tools/cwgen") {
					return append(args[i+1:], "-dir", dir), true
				}
			}
		}
	}
	return nil, false
}

// TestGeneratedFilesAreUpToDate regenerates every contract that uses cwgen, and contracts/alliance
// (bindings mode, from bindings/types), and compares with the committed files, so a changed
// message type without `go generate` fails CI.
func TestGeneratedFilesAreUpToDate(t *testing.T) {
	dirs, _ := filepath.Glob("../../contracts/*")
	examples, _ := filepath.Glob("../../contracts/examples/*")
	dirs = append(dirs, examples...)
	checked := map[string]bool{}
	for _, dir := range dirs {
		args, ok := generateArgs(t, dir)
		if !ok {
			continue
		}
		checked[filepath.Base(dir)] = true
		files, _, err := run(args)
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
	for _, want := range []string{"counter", "pair", "alliance", "greeter"} {
		if !checked[want] {
			t.Errorf("contracts/%s has no cwgen go:generate line", want)
		}
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

// TestBindingsModeRefusesAnIncompleteLine: every query variant needs its answer named, and only
// variants of the query may be named (a new variant in bindings/types fails generation until the
// go:generate line names its answer).
func TestBindingsModeRefusesAnIncompleteLine(t *testing.T) {
	const all = "alliance=AllianceResponse,delegation=DelegationResponse,delegation_rewards=DelegationRewardsResponse,alliances=AlliancesResponse,alliance_params=AllianceParamsResponse,delegations=DelegationsResponse,unbondings=UnbondingsResponse,redelegations=RedelegationsResponse,alliance_validator=AllianceValidatorResponse,staking_params=StakingParamsResponse,stakes=StakesResponse"
	cases := map[string]string{
		"names no answer for the query variants stakes":   strings.TrimSuffix(all, ",stakes=StakesResponse"),
		`"bogus=AllianceResponse" is not <query variant>`: all + ",bogus=AllianceResponse",
		"type NoSuchType is not declared":                 strings.Replace(all, "=StakesResponse", "=NoSuchType", 1),
	}
	for want, responses := range cases {
		_, _, err := run([]string{"-name", "x", "-version", "0.1.0", "-dir", "../../contracts/alliance", "-bindings", "../../bindings/types",
			"-msg", "CustomMsg", "-query", "AllianceQuery", "-responses", responses})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want an error containing %q, got %v", want, err)
		}
	}
}
