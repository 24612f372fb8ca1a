package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// kind is the wire shape of a Go type.
type kind int

const (
	kString  kind = iota
	kBool         // true / false
	kU32          // a JSON number (serde u32)
	kU64          // a JSON number (serde u64)
	kU64Str       // `json:",string"` on a uint64: cosmwasm's Uint64, a decimal string
	kUint128      // std.Uint128, a decimal string
	kDecimal      // std.Decimal, a decimal string with up to 18 fractional digits
	kBinary       // []byte, base64 (cosmwasm's Binary)
	kNamed        // a struct or enum of this package
	kSlice        // []T, never null on the wire
	kArray        // [N]T, exactly N elements
	kOption       // *T: the field may be absent or null (Rust's Option<T>)
	kUnit         // *struct{} as an enum variant: {"variant":{}}
)

type typ struct {
	kind kind
	elem *typ    // kSlice, kArray, kOption
	n    int     // kArray
	name string  // kNamed
	ext  *extPkg // kNamed: declared in another package (external.go); nil for this package's
}

// scalar reports whether t is a single value on the wire (no object, list or null), which an
// enum variant may carry as a newtype: {"at_height":5}.
func (t *typ) scalar() bool {
	switch t.kind {
	case kString, kBool, kU32, kU64, kU64Str, kUint128, kDecimal, kBinary:
		return true
	}
	return false
}

// goType is the Go spelling of t, for generated declarations.
func (t *typ) goType() string {
	switch t.kind {
	case kString:
		return "string"
	case kBool:
		return "bool"
	case kU32:
		return "uint32"
	case kU64, kU64Str:
		return "uint64"
	case kUint128:
		return "std.Uint128"
	case kDecimal:
		return "std.Decimal"
	case kBinary:
		return "[]byte"
	case kNamed:
		if t.ext != nil {
			return t.ext.alias + "." + t.name
		}
		return t.name
	case kSlice:
		return "[]" + t.elem.goType()
	case kArray:
		return "[" + strconv.Itoa(t.n) + "]" + t.elem.goType()
	case kOption:
		return "*" + t.elem.goType()
	}
	return "struct{}"
}

type field struct {
	goName, json string
	doc          string
	t            *typ
	returns      string // query variants: the response type (tag `returns:"T"`)
}

// optional reports whether the field may be left out (Option<T>).
func (f field) optional() bool { return f.t.kind == kOption }

type typeDef struct {
	name   string
	doc    string
	enum   bool // //cwgen:enum — exactly one field (variant) is set
	fields []field
	// root is the entry point the type is for (instantiate, execute, query, migrate, sudo,
	// response, state, wire), "" for a type only reachable through another one.
	root   string
	strict bool // refuses unknown fields: every type reachable from a message or a response
	answer bool // a query's answer: gets answer(), its std.JSONMarshaler
}

type pkg struct {
	dir     string
	name    string   // the package clause: main for a contract, another for shared wire types
	files   []string // the sources the types come from
	types   map[string]*typeDef
	order   []string // declaration order, for stable output
	entries map[string]string
}

const markerPrefix = "//cwgen:"

// load parses the non-test, non-generated Go files of dir and collects the marked types and
// every type they reach.
func load(dir string) (*pkg, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	p := &pkg{dir: dir, types: map[string]*typeDef{}, entries: map[string]string{}}
	decls := map[string]*ast.TypeSpec{}
	docs := map[string]*ast.CommentGroup{}
	imports := map[string]string{}
	var declOrder []string
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasSuffix(base, "_test.go") || strings.HasSuffix(base, genSuffix) {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, base, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		p.name = f.Name.Name
		fileImports(f, imports)
		used := false
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				decls[ts.Name.Name] = ts
				docs[ts.Name.Name] = doc
				declOrder = append(declOrder, ts.Name.Name)
				if hasMarker(doc) {
					used = true
				}
			}
		}
		if used {
			p.files = append(p.files, base)
		}
	}
	var roots []string
	for _, name := range declOrder {
		for _, m := range markers(docs[name]) {
			switch m[0] {
			case "message", "state", "wire":
				if m[0] == "message" {
					if len(m) != 2 || !validEntry(m[1]) {
						return nil, fmt.Errorf("%s: //cwgen:message needs one of instantiate, execute, query, migrate, sudo", name)
					}
					if prev, dup := p.entries[m[1]]; dup {
						return nil, fmt.Errorf("%s and %s are both the %s message", prev, name, m[1])
					}
					p.entries[m[1]] = name
				}
				roots = append(roots, name)
			case "enum":
			default:
				return nil, fmt.Errorf("%s: unknown marker //cwgen:%s", name, strings.Join(m, " "))
			}
		}
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("%s: no type is marked //cwgen:message or //cwgen:state", dir)
	}
	resolve, err := resolver(dir, imports)
	if err != nil {
		return nil, err
	}
	saved := externalType
	externalType = resolve
	defer func() { externalType = saved }()
	var visit func(name string, strict bool) error
	visit = func(name string, strict bool) error {
		if td, ok := p.types[name]; ok {
			if strict && !td.strict {
				td.strict = true
				for _, f := range td.fields {
					if err := visitType(f.t, func(n string) error { return visit(n, true) }); err != nil {
						return err
					}
				}
			}
			return nil
		}
		ts, ok := decls[name]
		if !ok {
			return fmt.Errorf("type %s is not declared in %s", name, dir)
		}
		td, err := parseType(ts, docs[name])
		if err != nil {
			return err
		}
		td.strict = strict
		p.types[name] = td
		for _, f := range td.fields {
			if f.returns != "" {
				if err := visit(f.returns, true); err != nil {
					return err
				}
				r := p.types[f.returns]
				r.answer = true
				if r.root == "" {
					r.root = "response"
				}
			}
			if err := visitType(f.t, func(n string) error { return visit(n, strict) }); err != nil {
				return err
			}
		}
		return nil
	}
	for _, name := range roots {
		isState, isWire := false, false
		for _, m := range markers(docs[name]) {
			isState = isState || m[0] == "state"
			isWire = isWire || m[0] == "wire"
		}
		if err := visit(name, !isState); err != nil {
			return nil, err
		}
		td := p.types[name]
		if isState {
			td.root = "state"
		} else if isWire {
			td.root = "wire"
		} else {
			for entry, n := range p.entries {
				if n == name {
					td.root = entry
				}
			}
		}
	}
	if q, ok := p.entries["query"]; ok {
		for _, f := range p.types[q].fields {
			if f.returns == "" {
				return nil, fmt.Errorf("query variant %s.%s names no response type (tag `returns:\"T\"`)", q, f.goName)
			}
		}
	}
	for _, name := range declOrder {
		if _, ok := p.types[name]; ok {
			p.order = append(p.order, name)
		}
	}
	return p, nil
}

func validEntry(s string) bool {
	switch s {
	case "instantiate", "execute", "query", "migrate", "sudo":
		return true
	}
	return false
}

func visitType(t *typ, fn func(string) error) error {
	for ; t != nil; t = t.elem {
		if t.kind == kNamed && t.ext == nil { // an external type's package has its own codecs
			return fn(t.name)
		}
	}
	return nil
}

func hasMarker(g *ast.CommentGroup) bool { return len(markers(g)) > 0 }

func markers(g *ast.CommentGroup) [][]string {
	if g == nil {
		return nil
	}
	var out [][]string
	for _, c := range g.List {
		if strings.HasPrefix(c.Text, markerPrefix) {
			out = append(out, strings.Fields(strings.TrimPrefix(c.Text, markerPrefix)))
		}
	}
	return out
}

// docText is a comment's text without markers, as one paragraph per blank line.
func docText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	return strings.TrimSpace(g.Text()) // Text drops //cwgen: directives
}

func parseType(ts *ast.TypeSpec, doc *ast.CommentGroup) (*typeDef, error) {
	name := ts.Name.Name
	st, ok := ts.Type.(*ast.StructType)
	if !ok || ts.TypeParams != nil {
		return nil, fmt.Errorf("%s: only struct types can be messages", name)
	}
	td := &typeDef{name: name, doc: docText(doc)}
	for _, m := range markers(doc) {
		td.enum = td.enum || m[0] == "enum"
	}
	seen := map[string]bool{}
	for _, f := range st.Fields.List {
		if len(f.Names) != 1 {
			return nil, fmt.Errorf("%s: embedded or grouped fields are not supported; declare one field per line", name)
		}
		fd, err := parseField(td, f)
		if err != nil {
			return nil, err
		}
		if seen[fd.json] {
			return nil, fmt.Errorf("%s: two fields named %q", name, fd.json)
		}
		seen[fd.json] = true
		td.fields = append(td.fields, fd)
	}
	if len(td.fields) > 32 {
		return nil, fmt.Errorf("%s: more than 32 fields", name)
	}
	if td.enum && len(td.fields) == 0 {
		return nil, fmt.Errorf("%s: an enum needs at least one variant", name)
	}
	return td, nil
}

func parseField(td *typeDef, f *ast.Field) (field, error) {
	where := td.name + "." + f.Names[0].Name
	if !f.Names[0].IsExported() {
		return field{}, fmt.Errorf("%s: unexported fields cannot be on the wire", where)
	}
	if f.Tag == nil {
		return field{}, fmt.Errorf("%s: needs a json tag", where)
	}
	tagText, _ := strconv.Unquote(f.Tag.Value)
	tag := reflect.StructTag(tagText)
	parts := strings.Split(tag.Get("json"), ",")
	fd := field{goName: f.Names[0].Name, json: parts[0], returns: tag.Get("returns")}
	if fd.json == "" || fd.json == "-" || strings.ContainsAny(fd.json, " \"\\") {
		return field{}, fmt.Errorf("%s: json name %q cannot be used", where, fd.json)
	}
	fd.doc = docText(f.Doc)
	if fd.doc == "" {
		fd.doc = docText(f.Comment)
	}
	opts := map[string]bool{}
	for _, o := range parts[1:] {
		opts[o] = true
	}
	var err error
	if td.enum {
		// Variants are pointers (nil: not this variant); omitempty makes encoding/json agree.
		if !opts["omitempty"] {
			return field{}, fmt.Errorf("%s: enum variants need `json:\"%s,omitempty\"`", where, fd.json)
		}
		star, ok := f.Type.(*ast.StarExpr)
		if !ok {
			return field{}, fmt.Errorf("%s: an enum variant is a pointer (*T or *struct{})", where)
		}
		if s, ok := star.X.(*ast.StructType); ok && len(s.Fields.List) == 0 {
			fd.t = &typ{kind: kUnit}
			return fd, nil
		}
		if t, err := parseTypeExpr(star.X, where); err == nil && t.scalar() {
			// A newtype variant (serde's `Variant(u64)`): {"name": value}.
			if opts["string"] {
				if t.kind != kU64 {
					return field{}, fmt.Errorf("%s: `,string` is only for uint64 (cosmwasm's Uint64)", where)
				}
				t.kind = kU64Str
			}
			fd.t = t
			return fd, nil
		}
		if _, ok := star.X.(*ast.SelectorExpr); ok && externalType != nil {
			if fd.t, err = parseTypeExpr(star.X, where); err != nil {
				return field{}, err
			}
			return fd, nil
		}
		id, ok := star.X.(*ast.Ident)
		if !ok {
			return field{}, fmt.Errorf("%s: an enum variant's payload is a struct type of this package or a scalar (string, bool, uint32, uint64, std.Uint128, std.Decimal, []byte)", where)
		}
		fd.t = &typ{kind: kNamed, name: id.Name}
		return fd, nil
	}
	if fd.returns != "" {
		return field{}, fmt.Errorf("%s: `returns` belongs on a query variant", where)
	}
	if opts["omitempty"] {
		return field{}, fmt.Errorf("%s: omitempty would not round-trip as cw_serde does; use a pointer for an optional field", where)
	}
	fd.t, err = parseTypeExpr(f.Type, where)
	if err != nil {
		return field{}, err
	}
	if opts["string"] {
		t := fd.t
		if t.kind == kOption {
			t = t.elem // *uint64: Option<Uint64>, null or a decimal string
		}
		if t.kind != kU64 {
			return field{}, fmt.Errorf("%s: `,string` is only for uint64 or *uint64 (cosmwasm's Uint64)", where)
		}
		t.kind = kU64Str
	}
	return fd, nil
}

func parseTypeExpr(e ast.Expr, where string) (*typ, error) {
	switch x := e.(type) {
	case *ast.Ident:
		switch x.Name {
		case "string":
			return &typ{kind: kString}, nil
		case "bool":
			return &typ{kind: kBool}, nil
		case "uint32":
			return &typ{kind: kU32}, nil
		case "uint64":
			return &typ{kind: kU64}, nil
		}
		if x.IsExported() {
			return &typ{kind: kNamed, name: x.Name}, nil
		}
	case *ast.SelectorExpr:
		if pk, ok := x.X.(*ast.Ident); ok && pk.Name == "std" {
			switch x.Sel.Name {
			case "Uint128":
				return &typ{kind: kUint128}, nil
			case "Decimal":
				return &typ{kind: kDecimal}, nil
			}
		} else if ok && externalType != nil {
			return externalType(pk.Name, x.Sel.Name, where)
		}
	case *ast.StarExpr:
		elem, err := parseTypeExpr(x.X, where)
		if err != nil {
			return nil, err
		}
		if elem.kind == kOption {
			return nil, fmt.Errorf("%s: an option of an option", where)
		}
		return &typ{kind: kOption, elem: elem}, nil
	case *ast.ArrayType:
		if id, ok := x.Elt.(*ast.Ident); ok && id.Name == "byte" && x.Len == nil {
			return &typ{kind: kBinary}, nil
		}
		elem, err := parseTypeExpr(x.Elt, where)
		if err != nil {
			return nil, err
		}
		if elem.kind == kOption {
			return nil, fmt.Errorf("%s: a list of options is not supported", where)
		}
		if x.Len == nil {
			return &typ{kind: kSlice, elem: elem}, nil
		}
		lit, ok := x.Len.(*ast.BasicLit)
		if !ok || lit.Kind != token.INT {
			return nil, fmt.Errorf("%s: array length must be a number", where)
		}
		n, err := strconv.Atoi(lit.Value)
		if err != nil || n <= 0 || n > 64 {
			return nil, fmt.Errorf("%s: array length %s out of range 1..64", where, lit.Value)
		}
		return &typ{kind: kArray, elem: elem, n: n}, nil
	}
	return nil, fmt.Errorf("%s: type %s is not supported (string, bool, uint32, uint64, std.Uint128, std.Decimal, []byte, []T, [N]T, *T, a struct of this package)", where, exprString(e))
}

func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	case *ast.ArrayType:
		return "[]" + exprString(x.Elt)
	case *ast.MapType:
		return "map"
	}
	return fmt.Sprintf("%T", e)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
