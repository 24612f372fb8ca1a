package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Bindings mode: codecs for wire types declared in another, standard-library-only package (the
// chain's bindings/types), written as functions into the package that runs cwgen (contracts/alliance).
// Those types are read by the chain with encoding/json under serde's key rules (bindings/strict.go),
// so the generated code follows encoding/json with the types' own tags, not #[cw_serde]:
//
//   - encoders write fields in declaration order; an `omitempty` field is left out when empty
//     ("", 0, false, nil pointer, empty slice or bytes); a nil slice or pointer otherwise is null;
//   - decoders (which fill a new value) take a missing field and null as the zero value, refuse a
//     key given twice, and refuse unknown keys in requests (the chain refuses them) but
//     skip them in responses (a newer chain may add a field).
//
// It also writes a schema of the custom messages, queries and answers (draft-07, in the layout of
// cosmwasm-schema's IDL: custom_msg, custom_query, responses keyed by query variant).

type bindField struct {
	goName, json, doc string
	t                 *typ
	omitempty         bool
}

type bindType struct {
	name, doc string
	fields    []bindField
	root      bool // gets exported Encode<name>/Decode<name>
	strict    bool // its exported decoder refuses unknown fields (a request)
}

type bindPkg struct {
	alias, importPath string
	files             []string
	types             map[string]*bindType
	order             []string
	msg, query        string
	responses         [][2]string // query variant -> answer type, in the query's order
	// same maps a type to an earlier one of the same shape (field names, tags and types): it is
	// converted to that one and shares its codec (Delegate and Undelegate, Coin and DecCoin).
	same map[string]string
}

// dedupe fills p.same.
func (p *bindPkg) dedupe() {
	p.same = map[string]string{}
	first := map[string]string{}
	for _, name := range p.order {
		var sig strings.Builder
		for _, f := range p.types[name].fields {
			fmt.Fprintf(&sig, "%s %s %v %s;", f.goName, f.json, f.omitempty, p.goType(f.t))
		}
		if prev, ok := first[sig.String()]; ok {
			p.same[name] = prev
		} else {
			first[sig.String()] = name
		}
	}
}

// codecOf is the type whose codec encodes values of name.
func (p *bindPkg) codecOf(name string) string {
	if c, ok := p.same[name]; ok {
		return c
	}
	return name
}

// bindingsSpec is what the go:generate line says: the message and query roots and, for each query
// variant, its answer ("alliance=AllianceResponse,...").
type bindingsSpec struct {
	dir, msg, query, responses string
}

func loadBindings(spec bindingsSpec, outDir string) (*bindPkg, error) {
	importPath, err := importPathOf(spec.dir)
	if err != nil {
		return nil, err
	}
	p := &bindPkg{alias: "bt", importPath: importPath, types: map[string]*bindType{}, msg: spec.msg, query: spec.query}
	decls, docs, declOrder, files, err := parseDir(spec.dir)
	if err != nil {
		return nil, err
	}
	p.files = files
	var visit func(name string) error
	visit = func(name string) error {
		if _, ok := p.types[name]; ok {
			return nil
		}
		ts, ok := decls[name]
		if !ok {
			return fmt.Errorf("type %s is not declared in %s", name, spec.dir)
		}
		bt, err := parseBindType(ts, docs[name])
		if err != nil {
			return err
		}
		p.types[name] = bt
		for _, f := range bt.fields {
			if err := visitType(f.t, visit); err != nil {
				return err
			}
		}
		return nil
	}
	root := func(name string, strict bool) error {
		if err := visit(name); err != nil {
			return err
		}
		p.types[name].root = true
		p.types[name].strict = p.types[name].strict || strict
		return nil
	}
	for _, name := range []string{spec.msg, spec.query} {
		if name == "" {
			return nil, fmt.Errorf("bindings mode needs -msg and -query")
		}
		if err := root(name, true); err != nil {
			return nil, err
		}
	}
	variants := map[string]bool{}
	for _, f := range p.types[spec.query].fields {
		variants[f.json] = true
	}
	for _, pair := range strings.Split(spec.responses, ",") {
		v, t, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok || !variants[v] {
			return nil, fmt.Errorf("-responses: %q is not <query variant>=<type>", pair)
		}
		delete(variants, v)
		if err := root(t, false); err != nil {
			return nil, err
		}
		p.responses = append(p.responses, [2]string{v, t})
	}
	if len(variants) > 0 {
		return nil, fmt.Errorf("-responses names no answer for the query variants %s", strings.Join(sortedKeys(variants), ", "))
	}
	for _, name := range declOrder {
		if _, ok := p.types[name]; ok {
			p.order = append(p.order, name)
		}
	}
	p.dedupe()
	return p, nil
}

// importPathOf is the import path of dir, from the go.mod above it.
func importPathOf(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for root := abs; ; root = filepath.Dir(root) {
		if mod, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
			for _, line := range strings.Split(string(mod), "\n") {
				if rest, ok := strings.CutPrefix(line, "module "); ok {
					rel, _ := filepath.Rel(root, abs)
					return strings.TrimSpace(rest) + "/" + filepath.ToSlash(rel), nil
				}
			}
			return "", fmt.Errorf("%s/go.mod has no module line", root)
		}
		if filepath.Dir(root) == root {
			return "", fmt.Errorf("no go.mod above %s", abs)
		}
	}
}

// parseDir reads the type declarations of the non-test Go files of dir.
func parseDir(dir string) (map[string]*ast.TypeSpec, map[string]*ast.CommentGroup, []string, []string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, nil, nil, err
	}
	decls := map[string]*ast.TypeSpec{}
	docs := map[string]*ast.CommentGroup{}
	var order, files []string
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		files = append(files, filepath.Base(name))
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
				decls[ts.Name.Name], docs[ts.Name.Name] = ts, doc
				order = append(order, ts.Name.Name)
			}
		}
	}
	return decls, docs, order, files, nil
}

func parseBindType(ts *ast.TypeSpec, doc *ast.CommentGroup) (*bindType, error) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok || ts.TypeParams != nil {
		return nil, fmt.Errorf("%s: only struct types can be on the wire", ts.Name.Name)
	}
	bt := &bindType{name: ts.Name.Name, doc: docText(doc)}
	for _, f := range st.Fields.List {
		if len(f.Names) != 1 || f.Tag == nil {
			return nil, fmt.Errorf("%s: one named field per line, each with a json tag", bt.name)
		}
		where := bt.name + "." + f.Names[0].Name
		tagText, _ := strconv.Unquote(f.Tag.Value)
		parts := strings.Split(reflect.StructTag(tagText).Get("json"), ",")
		fd := bindField{goName: f.Names[0].Name, json: parts[0], doc: docText(f.Doc)}
		if fd.doc == "" {
			fd.doc = docText(f.Comment)
		}
		if fd.json == "" || fd.json == "-" || strings.ContainsAny(fd.json, " \"\\") {
			return nil, fmt.Errorf("%s: json name %q cannot be used", where, fd.json)
		}
		for _, o := range parts[1:] {
			if o != "omitempty" {
				return nil, fmt.Errorf("%s: json option %q is not supported", where, o)
			}
			fd.omitempty = true
		}
		t, err := parseTypeExpr(f.Type, where)
		if err != nil {
			return nil, err
		}
		if t.kind == kUint128 || t.kind == kDecimal {
			return nil, fmt.Errorf("%s: a standard-library package has no std types", where)
		}
		fd.t = t
		bt.fields = append(bt.fields, fd)
	}
	if len(bt.fields) > 32 {
		return nil, fmt.Errorf("%s: more than 32 fields", bt.name)
	}
	return bt, nil
}

// goType spells t with the bindings package's alias on named types.
func (p *bindPkg) goType(t *typ) string {
	switch t.kind {
	case kNamed:
		return p.alias + "." + t.name
	case kSlice:
		return "[]" + p.goType(t.elem)
	case kOption:
		return "*" + p.goType(t.elem)
	}
	return t.goType()
}

func (p *bindPkg) encName(name string) string {
	name = p.codecOf(name)
	if p.types[name].root {
		return "Encode" + name
	}
	return "encode" + name
}

func bindKeys(bt *bindType) string { return "bindKeys" + bt.name }

// bindingsCode is the generated Go file: one encoder and one decoder per type.
func bindingsCode(p *bindPkg, pkgName string) ([]byte, error) {
	var b bytes.Buffer
	pf := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	pf("// Code generated by cwgen from %s (%s). DO NOT EDIT.\n\n", p.importPath, strings.Join(p.files, ", "))
	pf("package %s\n\nimport (\n\t%s %q\n\t\"github.com/alliancewasm/alliancewasm/contracts/std/cwjson\"\n)\n", pkgName, p.alias, p.importPath)
	tmp := 0
	fresh := func(prefix string) string { tmp++; return prefix + strconv.Itoa(tmp) }
	var encodeValue func(x string, t *typ)
	encodeValue = func(x string, t *typ) {
		switch t.kind {
		case kString:
			pf("w.String(%s)\n", x)
		case kBool:
			pf("w.Bool(%s)\n", x)
		case kU32:
			pf("w.Uint64(uint64(%s))\n", x)
		case kU64:
			pf("w.Uint64(%s)\n", x)
		case kBinary:
			pf("if %s == nil {\nw.Null()\n} else {\nw.Binary(%s)\n}\n", x, x)
		case kNamed:
			if c := p.codecOf(t.name); c != t.name {
				x = p.alias + "." + c + "(" + x + ")"
			}
			pf("%s(w, %s)\n", p.encName(t.name), x)
		case kSlice:
			pf("if %s == nil {\nw.Null()\n} else {\n", x)
			encodeValue(x, &typ{kind: kArray, elem: t.elem})
			pf("}\n")
		case kArray: // a list known not to be nil
			i := fresh("i")
			pf("w.ArrayStart()\nfor %s := range %s {\n", i, x)
			encodeValue(x+"["+i+"]", t.elem)
			pf("}\nw.ArrayEnd()\n")
		case kOption:
			pf("if %s == nil {\nw.Null()\n} else {\n", x)
			encodeValue("*"+x, t.elem)
			pf("}\n")
		}
	}
	var decodeValue func(x string, t *typ, errv string)
	decodeValue = func(x string, t *typ, errv string) {
		switch t.kind {
		case kString:
			pf("%s = r.StringTo(&%s)\n", errv, x)
		case kBool:
			pf("%s, %s = r.Bool()\n", x, errv)
		case kU32:
			pf("%s, %s = r.Uint32()\n", x, errv)
		case kU64:
			pf("%s = r.Uint64To(&%s)\n", errv, x)
		case kBinary:
			pf("%s, %s = r.Binary()\n", x, errv)
		case kNamed:
			pf("%s = decode%s(r, %s, strict)\n", errv, p.codecOf(t.name), p.convPtr(t.name, "&"+x))
		case kSlice:
			l, v := fresh("l"), fresh("v")
			pf("%s = %s{}\n%s := r.List(-1, \"\")\nfor %s.Next() {\nvar %s %s\n", x, p.goType(t), l, l, v, p.goType(t.elem))
			decodeValue(v, t.elem, l+".Err")
			pf("%s = append(%s, %s)\n}\n%s = %s.Err\n", x, x, v, errv, l)
		case kOption:
			pf("%s = new(%s)\n", x, p.goType(t.elem))
			if t.elem.kind == kNamed {
				pf("%s = decode%s(r, %s, strict)\n", errv, p.codecOf(t.elem.name), p.convPtr(t.elem.name, x))
				return
			}
			decodeValue("(*"+x+")", t.elem, errv)
		}
	}
	for _, name := range p.order {
		bt := p.types[name]
		if c := p.codecOf(name); c != name {
			if bt.root { // its exported functions, on the shared codec
				pf("\n// Encode%s writes v as encoding/json does.\nfunc Encode%s(w *cwjson.Writer, v %s.%s) { %s(w, %s.%s(v)) }\n", name, name, p.alias, name, p.encName(c), p.alias, c)
				pf("\n// Decode%s reads v as the chain's decoder does.\nfunc Decode%s(r *cwjson.Reader, v *%s.%s) error { return decode%s(r, (*%s.%s)(v), %v) }\n", name, name, p.alias, name, c, p.alias, c, bt.strict)
			}
			continue
		}
		list := ""
		for _, f := range bt.fields {
			list += f.json + " "
		}
		if list != "" {
			pf("\nconst %s = %q\n", bindKeys(bt), list)
		}
		pf("\n")
		if bt.root {
			pf("// %s writes v as encoding/json does.\n", p.encName(name))
		}
		pf("func %s(w *cwjson.Writer, v %s.%s) {\n\tw.ObjectStart()\n", p.encName(name), p.alias, name)
		start := 0
		for _, f := range bt.fields {
			key := fmt.Sprintf("%s[%d:%d]", bindKeys(bt), start, start+len(f.json))
			start += len(f.json) + 1
			x := "v." + f.goName
			if !f.omitempty {
				pf("w.Key(%s)\n", key)
				encodeValue(x, f.t)
				continue
			}
			pf("if %s {\nw.Key(%s)\n", nonEmpty(x, f.t), key)
			switch f.t.kind { // not empty: neither nil nor null
			case kOption:
				encodeValue("*"+x, f.t.elem)
			case kSlice:
				encodeValue(x, &typ{kind: kArray, elem: f.t.elem})
			case kBinary:
				pf("w.Binary(%s)\n", x)
			default:
				encodeValue(x, f.t)
			}
			pf("}\n")
		}
		pf("\tw.ObjectEnd()\n}\n")
		if bt.root {
			pf("\n// Decode%s reads v as the chain's decoder does", name)
			if bt.strict {
				pf(" (unknown fields are refused).\nfunc Decode%s(r *cwjson.Reader, v *%s.%s) error { return decode%s(r, v, true) }\n", name, p.alias, name, name)
			} else {
				pf("; unknown fields are skipped (a newer chain may add some).\nfunc Decode%s(r *cwjson.Reader, v *%s.%s) error { return decode%s(r, v, false) }\n", name, p.alias, name, name)
			}
		}
		pf("\nfunc decode%s(r *cwjson.Reader, v *%s.%s, strict bool) error {\n", name, p.alias, name)
		if len(bt.fields) == 0 {
			pf("\tf := r.Struct(\"\", 0, strict)\n\tfor f.Next() {\n\t}\n\treturn f.Err\n}\n")
			continue
		}
		pf("\tf := r.Struct(%s, 0, strict)\n\tfor f.Next() {\n", bindKeys(bt))
		// null leaves the field as it is: zero, since a decoder fills a new value and a key may come
		// only once (encoding/json would also set a pointer, slice or bytes already set to nil).
		pf("\t\tif r.Null() {\n\t\t\tcontinue\n\t\t}\n\t\tswitch f.I {\n")
		for i, f := range bt.fields {
			pf("\t\tcase %d:\n", i)
			decodeValue("v."+f.goName, f.t, "f.Err")
		}
		pf("\t\t}\n\t}\n\treturn f.Err\n}\n")
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("generated code does not parse (a cwgen bug): %v\n%s", err, b.Bytes())
	}
	return out, nil
}

// convPtr converts the pointer expression x to a *T of the type whose codec reads name.
func (p *bindPkg) convPtr(name, x string) string {
	if c := p.codecOf(name); c != name {
		return "(*" + p.alias + "." + c + ")(" + x + ")"
	}
	return x
}

// nonEmpty is the condition under which encoding/json writes an omitempty field.
func nonEmpty(x string, t *typ) string {
	switch t.kind {
	case kString:
		return x + ` != ""`
	case kBool:
		return x
	case kU32, kU64:
		return x + " != 0"
	case kSlice, kBinary:
		return "len(" + x + ") > 0"
	case kOption:
		return x + " != nil"
	}
	return "true" // a struct is never empty to encoding/json
}

// bindingsSchema is the schema of the bindings: draft-07 definitions as cosmwasm-schema writes
// them, with the custom message, the custom query and each query's answer.
func (p *bindPkg) bindingsSchema(name, version string) (main []byte, raw map[string][]byte, err error) {
	raw = map[string][]byte{}
	one := func(root string) (obj, error) {
		s := &bindSchema{p: p, defs: map[string]any{}}
		out := s.typeSchema(p.types[root])
		out["$schema"] = draft07
		out["title"] = root
		if len(s.defs) > 0 {
			out["definitions"] = s.defs
		}
		return out, nil
	}
	doc := obj{"contract_name": name, "contract_version": version, "idl_version": "1.0.0"}
	for _, part := range [][2]string{{"custom_msg", p.msg}, {"custom_query", p.query}} {
		s, err := one(part[1])
		if err != nil {
			return nil, nil, err
		}
		doc[part[0]] = s
		if raw[part[0]+".json"], err = pretty(s); err != nil {
			return nil, nil, err
		}
	}
	responses := obj{}
	for _, r := range p.responses {
		s, err := one(r[1])
		if err != nil {
			return nil, nil, err
		}
		responses[r[0]] = s
		if raw["response_to_"+r[0]+".json"], err = pretty(s); err != nil {
			return nil, nil, err
		}
	}
	doc["responses"] = responses
	main, err = pretty(doc)
	return main, raw, err
}

type bindSchema struct {
	p    *bindPkg
	defs map[string]any
}

// typeSchema: a field the encoder always writes is required (the chain also reads it missing as
// zero); what encoding/json may write as null (a nil slice, bytes or pointer) allows null.
func (s *bindSchema) typeSchema(bt *bindType) obj {
	props := obj{}
	required := []string{}
	for _, f := range bt.fields {
		fs := s.fieldSchema(f.t, !f.omitempty)
		if f.doc != "" {
			fs = described(fs, f.doc)
		}
		props[f.json] = fs
		if !f.omitempty {
			required = append(required, f.json)
		}
	}
	sort.Strings(required)
	out := obj{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	if bt.doc != "" {
		out["description"] = bt.doc
	}
	return out
}

func (s *bindSchema) fieldSchema(t *typ, nullable bool) obj {
	var out obj
	switch t.kind {
	case kString:
		out = obj{"type": "string"}
	case kBool:
		out = obj{"type": "boolean"}
	case kU32:
		out = obj{"type": "integer", "format": "uint32", "minimum": 0}
	case kU64:
		out = obj{"type": "integer", "format": "uint64", "minimum": 0}
	case kBinary:
		d := stdDefs[kBinary]
		if _, ok := s.defs[d[0]]; !ok {
			s.defs[d[0]] = obj{"description": d[1], "type": "string"}
		}
		out = obj{"$ref": "#/definitions/" + d[0]}
	case kNamed:
		if _, ok := s.defs[t.name]; !ok {
			s.defs[t.name] = nil // a type may refer to itself
			s.defs[t.name] = s.typeSchema(s.p.types[t.name])
		}
		return obj{"$ref": "#/definitions/" + t.name} // a struct is never null
	case kSlice:
		out = obj{"type": "array", "items": s.fieldSchema(t.elem, false)}
	case kOption:
		return nullableSchema(s.fieldSchema(t.elem, false))
	}
	if nullable && (t.kind == kSlice || t.kind == kBinary) {
		return nullableSchema(out)
	}
	return out
}

func nullableSchema(inner obj) obj {
	if ty, ok := inner["type"].(string); ok {
		inner["type"] = []string{ty, "null"}
		return inner
	}
	return obj{"anyOf": []any{inner, obj{"type": "null"}}}
}
