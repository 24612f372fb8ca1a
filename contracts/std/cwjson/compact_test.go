package cwjson

// The compact replacements for strconv and encoding/base64 (kept out of contracts for code size)
// must behave exactly as the standard library did here; these tests and fuzz targets compare
// them on many inputs.

import (
	"bytes"
	"encoding/base64"
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

// refBase64Decode is what Reader.Binary did with encoding/base64.
func refBase64Decode(s []byte) ([]byte, bool) {
	enc := base64.StdEncoding
	if len(s)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	out := make([]byte, enc.DecodedLen(len(s)))
	n, err := enc.Decode(out, s)
	if err != nil {
		return nil, false
	}
	return out[:n], true
}

func checkBase64(t *testing.T, data []byte) {
	t.Helper()
	for _, prefix := range [][]byte{nil, []byte("ab"), make([]byte, 3, 100)} {
		want := base64.StdEncoding.AppendEncode(append([]byte(nil), prefix...), data)
		if got := appendBase64(prefix, data); !bytes.Equal(got, want) {
			t.Fatalf("appendBase64(%q, %q) = %q, want %q", prefix, data, got, want)
		}
	}
	got, ok := decodeBase64(data)
	want, wantOK := refBase64Decode(data)
	if ok != wantOK || !bytes.Equal(got, want) {
		t.Fatalf("decodeBase64(%q) = %q, %v; encoding/base64 gives %q, %v", data, got, ok, want, wantOK)
	}
	if ok && got == nil {
		t.Fatalf("decodeBase64(%q) returned nil, not an empty slice", data)
	}
	// Round trips through the standard encodings.
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		s := []byte(enc.EncodeToString(data))
		got, ok := decodeBase64(s)
		if !ok || !bytes.Equal(got, data) {
			t.Fatalf("decodeBase64(%q) = %q, %v, want %q", s, got, ok, data)
		}
	}
}

func TestBase64(t *testing.T) {
	cases := []string{"", "=", "==", "===", "====", "A", "AA", "AAA", "AAAA", "AA==", "AAA=", "A===",
		"AA=", "AA=A", "AAA==", "AAAA====", "AA==AAAA", "AAAA=", "AAAA==", "AB==", "AB", "ABC", "ABC=",
		"QUJD", "QUJDRA", "QUJDRA==", "QUJDRA=", "QUJDRA===", "QUJDREU", "QUJDREU=", "+/8=", "+/8", "-_8=",
		"AA\n==", "AA=\n=", "AA==\n", "\nAA==", "AA\r\n", "AAAA\n", "AAA\n", "\n\n\n\n", "\n", "\r\n",
		"QUJD\n", "QUJD\r\nRA==", "QUJD\r\nRA", "QUJD\r\nRA=", "AA==\r\n\r\n", "AA= =", "AA\x00=", "AA==\x00",
		"Zm9v YmFy", "Zm9vYmFy\t", "ZZ==", "ZZZ=", "ZZ", "ZZZ", "/w==", "//8=", "////", "\xff\xff\xff\xff",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}
	for _, c := range cases {
		checkBase64(t, []byte(c))
	}
	for c := 0; c < 256; c++ { // every byte in every position of a short quantum
		for _, tmpl := range []string{"?AAA", "A?AA", "AA?A", "AAA?", "AA?=", "A?==", "AA?", "A?", "?", "AAAA?", "AAAAA?"} {
			checkBase64(t, bytes.ReplaceAll([]byte(tmpl), []byte("?"), []byte{byte(c)}))
		}
	}
	rng := rand.New(rand.NewSource(2))
	const syms = "AZaz09+/=\n\r-_ !AAAAAAAAAA"
	for i := 0; i < 200000; i++ {
		b := make([]byte, rng.Intn(12))
		for j := range b {
			b[j] = syms[rng.Intn(len(syms))]
		}
		checkBase64(t, b)
		rng.Read(b)
		checkBase64(t, b)
	}
	// Through the Reader and Writer.
	w := NewWriter(0)
	w.Binary([]byte{0xfb, 0xff, 0})
	if string(w.Bytes()) != `"+/8A"` {
		t.Fatalf("Writer.Binary: %s", w.Bytes())
	}
	for in, want := range map[string]string{`"+/8A"`: "\xfb\xff\x00", `"+/8="`: "\xfb\xff", `"+/8"`: "\xfb\xff", `"QQ\n"`: "A",
		`""`: "", `"QUJD\n"`: "ABC", `"QQ=\n=\r\n\n"`: "A"} {
		got, err := NewReader([]byte(in)).Binary()
		if err != nil || string(got) != want {
			t.Fatalf("Binary(%s) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{`"QQ==\n"`, `"QQ=\n="`, `"QQ="`, `"Q"`, `"QQ=A"`, `"Q-=="`} {
		if got, err := NewReader([]byte(in)).Binary(); err == nil {
			t.Fatalf("Binary(%s) = %q, want an error", in, got)
		}
	}
}

// FuzzBase64 compares the compact base64 with encoding/base64 (encoding data, and decoding data
// as a base64 string).
func FuzzBase64(f *testing.F) {
	for _, s := range []string{"", "QUJD", "QUJDRA==", "QUJDRA", "AA=\n=", "+/8=", "AAAA\n", "A", "AA==AA=="} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkBase64(t, data) })
}
