package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// External types: a contract's message may use a type of another package of this module whose
// codecs cwgen generates too (a shared wire package such as contracts/pairmsg). The contract's
// codec calls that package's exported EncodeJSON/DecodeJSON methods (written for every type of a
// package that is not main), and its schema inlines the type's definition, and those it reaches,
// from the same Go declarations.

// extPkg is another cwgen package imported by the contract, by the name the contract uses.
type extPkg struct {
	alias, path string
	p           *pkg
}

// externalType resolves alias.name while load parses a package (nil outside load): the
// selector expressions other than std's.
var externalType func(alias, name, where string) (*typ, error)

// resolver returns the externalType of the package whose files import imports (alias -> path),
// loading each imported package of the module at most once.
func resolver(dir string, imports map[string]string) (func(alias, name, where string) (*typ, error), error) {
	loaded := map[string]*extPkg{}
	return func(alias, name, where string) (*typ, error) {
		root, module, err := moduleOf(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		path, ok := imports[alias]
		if !ok || !strings.HasPrefix(path, module+"/") {
			return nil, fmt.Errorf("%s: %s.%s is not a type of a package of this module", where, alias, name)
		}
		if generatedName(alias) {
			return nil, fmt.Errorf("%s: import %s under another name: the generated code uses %q for its own variables", where, path, alias)
		}
		ext, ok := loaded[path]
		if !ok {
			saved := externalType
			p, err := load(filepath.Join(root, strings.TrimPrefix(path, module+"/")))
			externalType = saved
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %v", where, path, err)
			}
			if p.name == "main" {
				return nil, fmt.Errorf("%s: %s is a contract; share types through a package that is not main", where, path)
			}
			ext = &extPkg{alias: alias, path: path, p: p}
			for _, td := range p.types {
				for _, f := range td.fields {
					markExternal(f.t, ext)
				}
			}
			loaded[path] = ext
		}
		if _, ok := ext.p.types[name]; !ok {
			return nil, fmt.Errorf("%s: %s.%s has no cwgen codec (mark it //cwgen:wire there)", where, alias, name)
		}
		return &typ{kind: kNamed, name: name, ext: ext}, nil
	}, nil
}

// markExternal records that the named types inside an external type belong to its package.
func markExternal(t *typ, ext *extPkg) {
	for ; t != nil; t = t.elem {
		if t.kind == kNamed && t.ext == nil {
			t.ext = ext
		}
	}
}

// moduleOf finds the module dir is in: its root directory and module path.
func moduleOf(dir string) (root, module string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		f, err := os.Open(filepath.Join(d, "go.mod"))
		if err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					return d, strings.Trim(strings.TrimSpace(m), `"`), nil
				}
			}
			return "", "", fmt.Errorf("%s/go.mod has no module line", d)
		}
		if d == filepath.Dir(d) {
			return "", "", fmt.Errorf("%s is not in a Go module", dir)
		}
	}
}

// fileImports adds the imports of f to imports (alias -> path; the alias is the last path element
// when the import has none).
func fileImports(f *ast.File, imports map[string]string) {
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		alias := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			alias = im.Name.Name
		}
		imports[alias] = path
	}
}

// externals lists the external packages p's types use, in a stable order, and the external
// types reached (for the generated test's enum and lenient lists).
func (p *pkg) externals() (pkgs []*extPkg, types []*typ) {
	seenPkg, seenType := map[string]bool{}, map[string]bool{}
	var walk func(t *typ)
	walk = func(t *typ) {
		for ; t != nil; t = t.elem {
			if t.kind != kNamed || t.ext == nil || seenType[t.ext.path+"."+t.name] {
				continue
			}
			seenType[t.ext.path+"."+t.name] = true
			if !seenPkg[t.ext.path] {
				seenPkg[t.ext.path] = true
				pkgs = append(pkgs, t.ext)
			}
			types = append(types, t)
			for _, f := range t.ext.p.types[t.name].fields {
				walk(f.t)
			}
		}
	}
	for _, name := range p.order {
		for _, f := range p.types[name].fields {
			walk(f.t)
		}
	}
	return pkgs, types
}

// def is the declaration of the named type t, in its own package.
func (p *pkg) def(t *typ) *typeDef {
	if t.ext != nil {
		return t.ext.p.types[t.name]
	}
	return p.types[t.name]
}

// generatedName reports whether the generated code uses name itself (receivers, the writer and
// reader, loop variables, its imports), so that a package imported under it would be shadowed.
func generatedName(name string) bool {
	switch name {
	case "m", "w", "r", "f", "err", "std", "cwjson", "cwgentest", "testing":
		return true
	}
	if len(name) > 1 && strings.ContainsRune("ilv", rune(name[0])) {
		_, err := strconv.Atoi(name[1:])
		return err == nil
	}
	return false
}
