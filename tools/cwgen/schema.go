package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// The schema follows what cosmwasm-schema (schemars) writes for #[cw_serde] types: JSON Schema
// draft-07, objects with sorted "required" and "additionalProperties": false, Option<T> as a
// type union with "null" (or anyOf with {"type":"null"} around a reference), named types as
// references into "definitions", enums as "oneOf" of one-key objects with the variant's fields
// inline, and cosmwasm's string-encoded numbers as named string definitions.

type obj = map[string]any

const draft07 = "http://json-schema.org/draft-07/schema#"

// stdDefs are the definitions of the cosmwasm-std types a field may use.
var stdDefs = map[kind][2]string{
	kUint128: {"Uint128", "A 128-bit unsigned integer, written as a decimal string (\"1000000\") so that JavaScript loses no precision."},
	kDecimal: {"Decimal", "A fixed-point decimal number with 18 fractional digits, written as a string (\"0.005\")."},
	kBinary:  {"Binary", "Raw bytes, written as a standard base64 string."},
	kU64Str:  {"Uint64", "A 64-bit unsigned integer, written as a decimal string (\"1700000000\")."},
}

type schemaGen struct {
	p    *pkg
	defs map[string]any
}

// rootSchema is the stand-alone schema of one message or response type.
func (p *pkg) rootSchema(name string) obj {
	s := &schemaGen{p: p, defs: map[string]any{}}
	out := s.typeSchema(p.types[name])
	out["$schema"] = draft07
	out["title"] = name
	if len(s.defs) > 0 {
		out["definitions"] = s.defs
	}
	return out
}

func (s *schemaGen) typeSchema(td *typeDef) obj {
	var out obj
	if td.enum {
		variants := make([]any, 0, len(td.fields))
		for _, f := range td.fields {
			var payload obj
			switch f.t.kind {
			case kUnit:
				payload = obj{"type": "object", "additionalProperties": false}
			case kNamed:
				payload = s.typeSchema(s.p.def(f.t))
				delete(payload, "description")
			default: // a newtype variant
				payload = s.fieldSchema(f.t)
			}
			v := obj{"type": "object", "required": []string{f.json},
				"properties": obj{f.json: payload}, "additionalProperties": false}
			if f.doc != "" {
				v["description"] = f.doc
			}
			variants = append(variants, v)
		}
		out = obj{"oneOf": variants}
	} else {
		props := obj{}
		required := []string{}
		for _, f := range td.fields {
			fs := s.fieldSchema(f.t)
			if f.doc != "" {
				fs = described(fs, f.doc)
			}
			props[f.json] = fs
			if !f.optional() {
				required = append(required, f.json)
			}
		}
		sort.Strings(required)
		out = obj{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			out["required"] = required
		}
	}
	if td.doc != "" {
		out["description"] = td.doc
	}
	return out
}

// described adds a description to a field's schema; a bare reference is wrapped in allOf (draft-07
// ignores siblings of $ref).
func described(fs obj, doc string) obj {
	if _, isRef := fs["$ref"]; isRef {
		return obj{"description": doc, "allOf": []any{fs}}
	}
	fs["description"] = doc
	return fs
}

func (s *schemaGen) ref(name string, def func() obj) obj {
	if _, ok := s.defs[name]; !ok {
		s.defs[name] = nil // placeholder: a type may refer to itself
		s.defs[name] = def()
	}
	return obj{"$ref": "#/definitions/" + name}
}

func (s *schemaGen) fieldSchema(t *typ) obj {
	switch t.kind {
	case kString:
		return obj{"type": "string"}
	case kBool:
		return obj{"type": "boolean"}
	case kU32:
		return obj{"type": "integer", "format": "uint32", "minimum": 0}
	case kU64:
		return obj{"type": "integer", "format": "uint64", "minimum": 0}
	case kUint128, kDecimal, kBinary, kU64Str:
		d := stdDefs[t.kind]
		return s.ref(d[0], func() obj { return obj{"description": d[1], "type": "string"} })
	case kNamed:
		return s.ref(t.name, func() obj { return s.typeSchema(s.p.def(t)) })
	case kSlice:
		return obj{"type": "array", "items": s.fieldSchema(t.elem)}
	case kArray:
		return obj{"type": "array", "items": s.fieldSchema(t.elem), "minItems": t.n, "maxItems": t.n}
	case kOption:
		inner := s.fieldSchema(t.elem)
		if ty, ok := inner["type"].(string); ok {
			inner["type"] = []string{ty, "null"}
			return inner
		}
		return obj{"anyOf": []any{inner, obj{"type": "null"}}}
	}
	panic(fmt.Sprintf("cwgen: no schema for kind %d", t.kind))
}

// idl is the contract's schema file in cosmwasm-schema's IDL 1.0.0 layout, plus the raw/ files
// (one stand-alone schema per entry point and per query response).
func (p *pkg) idl(name, version string) (main []byte, raw map[string][]byte, err error) {
	raw = map[string][]byte{}
	doc := obj{"contract_name": name, "contract_version": version, "idl_version": "1.0.0"}
	for _, entry := range []string{"instantiate", "execute", "query", "migrate", "sudo"} {
		t, ok := p.entries[entry]
		if !ok {
			doc[entry] = nil
			continue
		}
		s := p.rootSchema(t)
		doc[entry] = s
		if raw[entry+".json"], err = pretty(s); err != nil {
			return nil, nil, err
		}
	}
	if q, ok := p.entries["query"]; ok {
		responses := obj{}
		for _, f := range p.types[q].fields {
			s := p.rootSchema(f.returns)
			responses[f.json] = s
			if raw["response_to_"+f.json+".json"], err = pretty(s); err != nil {
				return nil, nil, err
			}
		}
		doc["responses"] = responses
	} else {
		doc["responses"] = nil
	}
	main, err = pretty(doc)
	return main, raw, err
}

// pretty is JSON with two-space indentation, keys sorted, no HTML escaping, a final newline.
func pretty(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
