package bindings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
)

// Size bounds of the custom wire format. Every alliance request and message
// is far below them (the largest, a delegation query with three addresses
// and a 128-byte denom, is about 400 bytes); anything bigger is refused
// before it is decoded, so the work one request can cost is bounded.
const (
	MaxQueryBytes = 4096
	MaxMsgBytes   = 4096
)

// decodeStrict decodes JSON the way Rust's serde with deny_unknown_fields
// does, unlike encoding/json: field names match exactly (encoding/json would
// take "DENOM" for "denom"), a field may appear once, unknown fields and
// trailing data are errors. The caller bounds len(raw) first.
func decodeStrict(raw []byte, out any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := checkKeys(dec, reflect.TypeOf(out)); err != nil {
		return noEOF(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	// Every key is now an exact field name, so encoding/json's
	// case-insensitive matching has nothing left to be lenient about; it
	// only checks the value types.
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(out)
}

// checkKeys reads one JSON value from dec and checks that every object key
// in it is the exact JSON name of a field of the Go type t at that place,
// with no duplicates. A value that holds no struct (a string, a number,
// []byte; or t nil) is skipped whole by the decoder's scanner, without a
// token per element: its type is checked by the final decode. An object or
// array where t has none is refused at once, so deep nesting costs nothing.
func checkKeys(dec *json.Decoder, t reflect.Type) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || !holdsStruct(t) {
		var skip json.RawMessage
		return dec.Decode(&skip)
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return nil // a scalar where t wants more: the decoder refuses it
	}
	switch delim {
	case '{':
		if t.Kind() != reflect.Struct {
			return fmt.Errorf("unexpected object for a %s", t.Kind())
		}
		fields := fieldsOf(t)
		var seen map[string]bool
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			ft, ok := fields[key]
			if !ok {
				return fmt.Errorf("unknown field %q", key)
			}
			if seen == nil {
				seen = make(map[string]bool, len(fields))
			}
			if seen[key] {
				return fmt.Errorf("duplicate field %q", key)
			}
			seen[key] = true
			if err := checkKeys(dec, ft); err != nil {
				return err
			}
		}
	case '[':
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return fmt.Errorf("unexpected array for a %s", t.Kind())
		}
		for dec.More() {
			if err := checkKeys(dec, t.Elem()); err != nil {
				return err
			}
		}
	}
	_, err = dec.Token() // the closing delimiter
	return err
}

// holdsStruct reports whether a value of type t can contain a JSON object
// decoded into a struct, i.e. whether it has field names to check.
func holdsStruct(t reflect.Type) bool {
	for {
		switch t.Kind() {
		case reflect.Struct:
			return true
		case reflect.Pointer, reflect.Slice, reflect.Array:
			t = t.Elem()
		default:
			return false
		}
	}
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// fieldsOf maps the JSON names of t's exported fields to their types.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	fields := make(map[string]reflect.Type, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	fieldCache.Store(t, fields)
	return fields
}

// topLevelKeys reads the keys of the JSON object raw without decoding the
// values (they are read through, not kept), for deciding whether a request
// is meant for this querier at all. It answers how many keys are in names,
// the first key that is not, and errNotObject when raw is not an object.
func topLevelKeys(raw []byte, names map[string]reflect.Type) (known int, firstKnown, firstUnknown string, err error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return 0, "", "", noEOF(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return 0, "", "", errNotObject
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return 0, "", "", noEOF(err)
		}
		key, _ := kt.(string)
		if _, ok := names[key]; ok {
			if known == 0 {
				firstKnown = key
			}
			known++
		} else if firstUnknown == "" {
			firstUnknown = key
		}
		if err := checkKeys(dec, nil); err != nil {
			return 0, "", "", noEOF(err)
		}
	}
	_, err = dec.Token()
	return known, firstKnown, firstUnknown, noEOF(err)
}

var errNotObject = errors.New("not a JSON object")

// noEOF reports input that ends inside a value as io.ErrUnexpectedEOF, as
// encoding/json's Unmarshal does (the token reader says io.EOF).
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
