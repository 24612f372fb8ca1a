package cwgentest

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"strconv"
)

// stringParts are joined into random strings: escapes serde_json writes short (\" \\ \n \t \b \f),
// a control character (\u0001), HTML characters it does not escape, multi-byte UTF-8.
var stringParts = []string{"", "a", "addr1", "uasset", "é", "日本", `"`, `\`, "\n", "\t", "\b", "\f", "\x01", "<&>", "💰", " "}

// leafs are JSON literals for the std types a message may hold (strings on the wire), edges first.
var leafs = map[string][]string{
	"Uint128": {`"0"`, `"1"`, `"340282366920938463463374607431768211455"`, `"18446744073709551616"`, `"1000000"`},
	"Decimal": {`"0"`, `"1"`, `"0.5"`, `"0.000000000000000001"`, `"340282366920938463463.374607431768211455"`, `"1.25"`},
}

// random fills v (settable) with a random value of its type; enums get exactly one variant and
// slices are never nil (a Vec is never null on the wire).
func (c checker[T, R]) random(rng *rand.Rand, v reflect.Value, depth int) {
	t := v.Type()
	if lits, ok := leafs[t.Name()]; ok && t.PkgPath() != c.pkg {
		lit := lits[rng.Intn(len(lits))]
		if rng.Intn(3) == 0 {
			lit = strconv.Quote(strconv.FormatUint(rng.Uint64(), 10))
		}
		if err := json.Unmarshal([]byte(lit), v.Addr().Interface()); err != nil {
			panic(err)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		s := ""
		for n := rng.Intn(4); n > 0; n-- {
			s += stringParts[rng.Intn(len(stringParts))]
		}
		v.SetString(s)
	case reflect.Bool:
		v.SetBool(rng.Intn(2) == 0)
	case reflect.Uint32, reflect.Uint64:
		edges := []uint64{0, 1, 1<<32 - 1, 1<<64 - 1}
		x := rng.Uint64()
		if rng.Intn(2) == 0 {
			x = edges[rng.Intn(len(edges))]
		}
		if t.Kind() == reflect.Uint32 {
			x = uint64(uint32(x))
		}
		v.SetUint(x)
	case reflect.Slice:
		n := rng.Intn(4)
		if depth > 4 {
			n = 0
		}
		if t.Elem().Kind() == reflect.Uint8 { // Binary: any bytes, base64 on the wire
			b := make([]byte, rng.Intn(9))
			rng.Read(b)
			v.SetBytes(b)
			return
		}
		s := reflect.MakeSlice(t, n, n)
		for i := 0; i < n; i++ {
			c.random(rng, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			c.random(rng, v.Index(i), depth+1)
		}
	case reflect.Pointer:
		if rng.Intn(2) == 0 || depth > 4 {
			v.SetZero()
			return
		}
		p := reflect.New(t.Elem())
		c.random(rng, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		if c.isEnum(t) {
			i := rng.Intn(t.NumField())
			p := reflect.New(t.Field(i).Type.Elem())
			c.random(rng, p.Elem(), depth+1)
			v.Field(i).Set(p)
			return
		}
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				c.random(rng, v.Field(i), depth+1)
			}
		}
	default:
		panic("cwgentest: no random values of " + t.String())
	}
}
