// Command cwgen writes the JSON codecs and the CosmWasm schema of a Go contract from its message
// types. Run it from the contract's directory through a go:generate line:
//
//	//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name counter -version 0.1.0
//
// It reads the package's Go files (not tests, not its own output), starting from the types marked
//
//	//cwgen:message instantiate|execute|query|migrate|sudo   an entry point's message
//	//cwgen:state                                             stored state (unknown fields skipped)
//	//cwgen:wire                                              JSON outside the entry points: a hook
//	                                                          received in a message, a message sent
//	                                                          to another contract (strict, no schema)
//	//cwgen:enum                                              a sum type: one pointer field per variant
//
// and the types they reach, and writes
//
//	msgs_cwgen.go        EncodeJSON/DecodeJSON for every reached type (cwjson, no reflection) and
//	                     MarshalJSON/UnmarshalJSON for the marked ones and the query responses
//	msgs_cwgen_test.go   the checks against encoding/json and a fuzz target per decoder
//	schema/<name>.json   cosmwasm-schema's IDL 1.0.0, and schema/raw/*.json
//
// Query variants name their answer with a `returns:"T"` tag. Field rules are those of #[cw_serde]:
// a field is required unless it is a pointer (Option<T>: absent or null); unknown fields and a
// second copy of a field are refused; enum variants are `json:"name,omitempty"` pointers, a unit
// variant *struct{} ({"name":{}}). See contracts/README.md.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	name := flag.String("name", "", "contract name (the schema's contract_name and file name)")
	version := flag.String("version", "", "contract version (the schema's contract_version)")
	dir := flag.String("dir", ".", "the contract's directory")
	flag.Parse()
	if *name == "" || *version == "" {
		fmt.Fprintln(os.Stderr, "cwgen: -name and -version are required")
		os.Exit(2)
	}
	files, err := generate(*dir, *name, *version)
	if err == nil {
		err = write(*dir, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cwgen:", err)
		os.Exit(1)
	}
}

// generate returns every output file of the contract in dir, by path relative to dir.
func generate(dir, name, version string) (map[string][]byte, error) {
	p, err := load(dir)
	if err != nil {
		return nil, err
	}
	code, err := goCode(p)
	if err != nil {
		return nil, err
	}
	test, err := testCode(p, name)
	if err != nil {
		return nil, err
	}
	idl, raw, err := p.idl(name, version)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"msgs" + genSuffix:                    code,
		"msgs_cwgen_test.go":                  test,
		filepath.Join("schema", name+".json"): idl,
	}
	for f, b := range raw {
		files[filepath.Join("schema", "raw", f)] = b
	}
	return files, nil
}

// write stores files under dir, skipping unchanged ones, and removes raw schema files that are no
// longer generated (a query variant that went away).
func write(dir string, files map[string][]byte) error {
	olds, _ := filepath.Glob(filepath.Join(dir, "schema", "raw", "*.json"))
	for _, old := range olds {
		rel, _ := filepath.Rel(dir, old)
		if _, ok := files[rel]; !ok {
			if err := os.Remove(old); err != nil {
				return err
			}
		}
	}
	for _, rel := range sortedKeys(files) {
		path := filepath.Join(dir, rel)
		if cur, err := os.ReadFile(path); err == nil && bytes.Equal(cur, files[rel]) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[rel], 0o644); err != nil {
			return err
		}
	}
	return nil
}
