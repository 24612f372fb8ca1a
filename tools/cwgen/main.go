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
// A field may also have a type of another package of the module that cwgen generates (a shared
// wire package such as contracts/pairmsg, imported under any name but the generated code's own
// variables): the codec calls that package's EncodeJSON/DecodeJSON, which cwgen writes for every
// type of a package that is not main, and the schema inlines its definitions (external.go).
//
// Query variants name their answer with a `returns:"T"` tag. Field rules are those of #[cw_serde]:
// a field is required unless it is a pointer (Option<T>: absent or null); unknown fields and a
// second copy of a field are refused; enum variants are `json:"name,omitempty"` pointers, a unit
// variant *struct{} ({"name":{}}). See contracts/README.md.
//
// Bindings mode (-bindings dir -msg T -query T -responses variant=T,...) writes, into the package
// that runs it, codec_cwgen.go (Encode<T>/Decode<T> functions for wire types declared in another,
// standard-library-only package, under encoding/json's rules: bindings.go) and schema/<name>.json;
// contracts/alliance uses it for bindings/types.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	files, dir, err := run(os.Args[1:])
	if err == nil {
		err = write(dir, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cwgen:", err)
		os.Exit(1)
	}
}

// run reads the command line (a go:generate line's arguments) and returns the files to write
// under the directory it names.
func run(args []string) (map[string][]byte, string, error) {
	fs := flag.NewFlagSet("cwgen", flag.ContinueOnError)
	name := fs.String("name", "", "contract name (the schema's contract_name and file name)")
	version := fs.String("version", "", "contract version (the schema's contract_version)")
	dir := fs.String("dir", ".", "the contract's (or, in bindings mode, the codec package's) directory")
	var spec bindingsSpec
	fs.StringVar(&spec.dir, "bindings", "", "bindings mode: the directory of the wire types (bindings/types)")
	fs.StringVar(&spec.msg, "msg", "", "bindings mode: the custom message type")
	fs.StringVar(&spec.query, "query", "", "bindings mode: the custom query type")
	fs.StringVar(&spec.responses, "responses", "", "bindings mode: each query variant's answer, variant=Type,...")
	if err := fs.Parse(args); err != nil {
		return nil, "", err
	}
	if *name == "" || *version == "" {
		return nil, "", fmt.Errorf("-name and -version are required")
	}
	if spec.dir != "" {
		files, err := generateBindings(*dir, *name, *version, spec)
		return files, *dir, err
	}
	files, err := generate(*dir, *name, *version)
	return files, *dir, err
}

// generateBindings returns the codec file and the schema of the wire types in spec.dir, for the
// package in dir.
func generateBindings(dir, name, version string, spec bindingsSpec) (map[string][]byte, error) {
	p, err := loadBindings(spec, dir)
	if err != nil {
		return nil, err
	}
	pkgName, err := packageName(dir)
	if err != nil {
		return nil, err
	}
	code, err := bindingsCode(p, pkgName)
	if err != nil {
		return nil, err
	}
	idl, raw, err := p.bindingsSchema(name, version)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{"codec" + genSuffix: code, filepath.Join("schema", name+".json"): idl}
	for f, b := range raw {
		files[filepath.Join("schema", "raw", f)] = b
	}
	return files, nil
}

// packageName is the package clause of the non-test Go files in dir.
func packageName(dir string) (string, error) {
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), n, nil, parser.PackageClauseOnly)
		if err != nil {
			return "", err
		}
		return f.Name.Name, nil
	}
	return "", fmt.Errorf("%s has no Go files", dir)
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
