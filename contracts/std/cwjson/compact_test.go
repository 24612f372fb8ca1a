package cwjson

// The compact replacement for strconv (kept out of contracts for code size) must behave exactly
// as the standard library did here; these tests compare them on many inputs.

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

func TestAppendUint(t *testing.T) {
	vals := []uint64{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1 << 32, 1<<32 - 1, 1<<63 - 1, 1 << 63,
		10000000000000000000, 9999999999999999999, math.MaxUint64, math.MaxUint64 - 1}
	for p := uint64(1); p < 1e19; p *= 10 {
		vals = append(vals, p-1, p, p+1)
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 100000; i++ {
		vals = append(vals, rng.Uint64()>>uint(rng.Intn(64)))
	}
	for _, v := range vals {
		if got, want := string(appendUint([]byte("x"), v)), "x"+strconv.FormatUint(v, 10); got != want {
			t.Fatalf("appendUint(%d) = %s, want %s", v, got, want)
		}
		if got, want := string(appendInt(nil, int(v))), strconv.Itoa(int(v)); got != want {
			t.Fatalf("appendInt(%d) = %s, want %s", int(v), got, want)
		}
	}
	for _, v := range []int{0, -1, -10, math.MinInt, math.MaxInt, math.MinInt32, math.MaxInt32} {
		if got, want := string(appendInt(nil, v)), strconv.Itoa(v); got != want {
			t.Fatalf("appendInt(%d) = %s, want %s", v, got, want)
		}
	}
	w := NewWriter(0)
	w.ArrayStart()
	w.Uint64(math.MaxUint64)
	w.Uint64String(0)
	w.ArrayEnd()
	if got := string(w.Bytes()); got != `[18446744073709551615,"0"]` {
		t.Fatalf("writer: %s", got)
	}
	e := &Error{Offset: 12345, Msg: "m"}
	if got := e.Error(); got != "invalid JSON at offset 12345: m" {
		t.Fatalf("Error() = %q", got)
	}
}
