package cwjson

// The compact replacements for strconv, encoding/base64 and unicode/utf8 (kept out of contracts
// for code size) must behave exactly as the standard library did here; these tests and fuzz
// targets compare them on many inputs.

import (
	"bytes"
	"encoding/base64"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
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
		if got, want := string(AppendUint([]byte("x"), v)), "x"+strconv.FormatUint(v, 10); got != want {
			t.Fatalf("AppendUint(%d) = %s, want %s", v, got, want)
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

// refQuote is Writer.quote as it was with unicode/utf8.
func refQuote(s string) string {
	buf := []byte{'"'}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, "\ufffd"...)
			i++
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return string(append(buf, '"'))
}

func checkUTF8(t *testing.T, data []byte, r rune) {
	t.Helper()
	if got, want := validUTF8(data), utf8.Valid(data); got != want {
		t.Fatalf("validUTF8(%q) = %v, utf8.Valid says %v", data, got, want)
	}
	str := string(data)
	for i := range data {
		ru, size := utf8.DecodeRune(data[i:])
		want := size
		if ru == utf8.RuneError && size == 1 {
			want = 0
		}
		if got := runeLen(str[i:]); got != want {
			t.Fatalf("runeLen(%q) = %d, want %d", data[i:], got, want)
		}
	}
	w := NewWriter(0)
	w.String(string(data))
	if got, want := string(w.Bytes()), refQuote(string(data)); got != want {
		t.Fatalf("quote(%q) = %q, want %q", data, got, want)
	}
	if got, want := appendRune([]byte("x"), r), utf8.AppendRune([]byte("x"), r); !bytes.Equal(got, want) {
		t.Fatalf("appendRune(%#x) = %q, want %q", r, got, want)
	}
}

func TestUTF8(t *testing.T) {
	cases := []string{"", "a", "é", "😀", "\ufffd", "\xef\xbf\xbd", "\xff", "\xc0\x80", "\xc1\xbf", "\xc2\x80",
		"\xdf\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
		"\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xe2\x82", "\xe2\x82\xac", "\xe2\x82a", "\xf0\x9f\x98", "a\xf0\x9f\x98",
		"\xf0\x9f\x98\x80\x80", "\x80", "\xbf", "x\xffy", "a\"b\\c\n\r\t\b\f\x01\x1f\x7f<>&", "héllo wörld ✓ 日本語"}
	runes := []rune{0, 1, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff,
		0x10000, 0x10ffff, 0x110000, -1, -0x80000000, 0x7fffffff, 0x1f600}
	for i, c := range cases {
		checkUTF8(t, []byte(c), runes[i%len(runes)])
	}
	for _, r := range runes {
		checkUTF8(t, nil, r)
	}
	for r := rune(0); r <= 0x110100; r++ {
		if got, want := appendRune(nil, r), utf8.AppendRune(nil, r); !bytes.Equal(got, want) {
			t.Fatalf("appendRune(%#x) = %q, want %q", r, got, want)
		}
	}
	var b [4]byte // every 1- to 4-byte sequence of bytes that matter to the decoder
	vals := []byte{0, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed,
		0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xff}
	for _, b0 := range vals {
		for _, b1 := range vals {
			for _, b2 := range vals {
				for _, b3 := range vals {
					b = [4]byte{b0, b1, b2, b3}
					for n := 1; n <= 4; n++ {
						if validUTF8(b[:n]) != utf8.Valid(b[:n]) {
							t.Fatalf("validUTF8(%q) = %v", b[:n], !utf8.Valid(b[:n]))
						}
					}
					checkUTF8(t, b[:], rune(b0))
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 100000; i++ {
		d := make([]byte, rng.Intn(16))
		for j := range d {
			d[j] = vals[rng.Intn(len(vals))]
		}
		checkUTF8(t, d, rune(rng.Uint32()))
	}
	// Through the Reader: \u escapes and surrogate pairs, raw UTF-8 validation.
	for in, want := range map[string]string{`"\u00e9\ud83d\ude00\u0041\u20ac\uFFFD"`: "é😀A€\ufffd", `"\udbff\udfff"`: "\U0010ffff",
		`"é\n"`: "é\n", "\"\xf4\x8f\xbf\xbf\"": "\U0010ffff"} {
		got, err := NewReader([]byte(in)).String()
		if err != nil || got != want {
			t.Fatalf("String(%s) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xc0\x80\"", "\"\\n\xe2\x82\"", "\"\xe2\x82\\n\""} {
		if got, err := NewReader([]byte(in)).String(); err == nil || !strings.Contains(err.Error(), "invalid UTF-8") {
			t.Fatalf("String(%q) = %q, %v, want invalid UTF-8", in, got, err)
		}
	}
}

// FuzzUTF8 compares the compact UTF-8 helpers (and the Writer's quoting) with unicode/utf8.
func FuzzUTF8(f *testing.F) {
	for _, s := range []string{"", "héllo", "x\xffy", "\xed\xa0\x80", "\xf4\x90\x80\x80", "😀\xf0\x9f\x98", "\xe0\x9f\xbf"} {
		f.Add([]byte(s), int32(0x1f600))
	}
	f.Fuzz(func(t *testing.T, data []byte, r int32) { checkUTF8(t, data, r) })
}

func checkStringBytes(t *testing.T, data []byte) {
	t.Helper()
	r, ref := NewReader(data), &refReader{data: data}
	got, err := r.StringBytes()
	want, wantErr := ref.StringBytes()
	if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) || r.pos != ref.pos {
		t.Fatalf("StringBytes(%q) = %q, %v (pos %d); before: %q, %v (pos %d)", data, got, err, r.pos, want, wantErr, ref.pos)
	}
}

func TestStringBytesAsBefore(t *testing.T) {
	cases := []string{`""`, `"a"`, `"\"\\\/\b\f\n\r\t"`, `"\u00e9\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`,
		`"\ude00\ud83d"`, `"\ud83d\ude0"`, `"\u12"`, `"\x"`, `"\`, `"abc`, `"a\`, "\"\x01\"", "\"a\\n\x01\"", "\"\xff\"",
		"\"\\n\xff\"", "\"\xe2\x82\\u0041\"", `"\uD83D\uDE00"`, `"\u0000"`, `"\uffff"`, `"\ufffd"`, `"\udbff\udfff"`,
		`"é\n"`, `x`, ``, ` "a"`, `"\/"`, `"\'"`, "\"\\\x00\"", `"\u+123"`, `"\uABCG"`}
	for _, c := range cases {
		checkStringBytes(t, []byte(c))
	}
	rng := rand.New(rand.NewSource(4))
	parts := []string{`"`, `\`, `\"`, `\\`, `\n`, `\u`, `\ud83d`, `\ude00`, `\u0041`, `\u00e9`, `0`, `a`, "\x01", "\xff", "\xe2\x82",
		"\xac", "é", "😀", `\t`, `\b`, `\x`, " "}
	for i := 0; i < 200000; i++ {
		b := []byte{'"'}
		for n := rng.Intn(8); n > 0; n-- {
			b = append(b, parts[rng.Intn(len(parts))]...)
		}
		if rng.Intn(4) != 0 {
			b = append(b, '"')
		}
		checkStringBytes(t, b)
	}
}

// FuzzStringBytes compares Reader.StringBytes (value, error and offset) with the version that
// used unicode/utf8.
func FuzzStringBytes(f *testing.F) {
	for _, s := range []string{`"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`, `"\ud83d"`, "\"\xff\"", "\"\\n\xe2\x82\"", `"\x"`, `"\u12"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkStringBytes(t, data) })
}
