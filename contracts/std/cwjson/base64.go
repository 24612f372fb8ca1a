package cwjson

// A compact standard-alphabet base64 (cosmwasm's Binary). It replaces encoding/base64, whose
// Encoding type, lookup tables, fast paths and CorruptInputError (which links strconv) cost about
// 3 KB of wasm in every contract under TinyGo. Behaviour is that of encoding/base64 as the Reader
// and Writer used it; the tests compare the two on many inputs.

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// appendBase64 appends src in standard, padded base64, as
// base64.StdEncoding.AppendEncode(dst, src) does.
func appendBase64(dst, src []byte) []byte {
	n := len(dst)
	need := (len(src) + 2) / 3 * 4
	if cap(dst)-n < need {
		grown := make([]byte, n, n+need)
		copy(grown, dst)
		dst = grown
	}
	dst = dst[:n+need]
	out := dst[n:]
	for i := 0; i < len(src); i += 3 {
		rest := len(src) - i // bytes in this group, 3 for all but perhaps the last
		v := uint(src[i]) << 16
		if rest > 1 {
			v |= uint(src[i+1]) << 8
		}
		if rest > 2 {
			v |= uint(src[i+2])
		}
		o := out[i/3*4 : i/3*4+4]
		o[0] = b64Alphabet[v>>18]
		o[1] = b64Alphabet[v>>12&63]
		o[2] = '='
		o[3] = '='
		if rest > 1 {
			o[2] = b64Alphabet[v>>6&63]
		}
		if rest > 2 {
			o[3] = b64Alphabet[v&63]
		}
	}
	return dst
}

// decodeBase64 decodes what Reader.Binary has always accepted: when len(s) is a multiple of 4,
// what base64.StdEncoding.Decode accepts (padding required, as "xx==" or "xxx=" at the very end),
// otherwise what base64.RawStdEncoding.Decode accepts (no '=' at all, and not 4k+1 symbols). Both
// skip '\r' and '\n' anywhere and, not being strict, ignore nonzero bits left over at the end.
func decodeBase64(s []byte) ([]byte, bool) {
	padded := len(s)%4 == 0
	out := make([]byte, len(s)/4*3+2) // at least DecodedLen of either encoding
	o := 0
	var acc uint32 // the last n symbols, 6 bits each
	n, pad := 0, 0
	for _, c := range s {
		var v byte
		switch {
		case c >= 'A' && c <= 'Z':
			v = c - 'A'
		case c >= 'a' && c <= 'z':
			v = c - 'a' + 26
		case c >= '0' && c <= '9':
			v = c - '0' + 52
		case c == '+':
			v = 62
		case c == '/':
			v = 63
		case c == '\n' || c == '\r':
			continue
		case c == '=' && padded:
			pad++
			continue
		default:
			return nil, false
		}
		if pad > 0 { // a symbol after padding
			return nil, false
		}
		acc = acc<<6 | uint32(v)
		n++
		if n == 4 {
			out[o], out[o+1], out[o+2] = byte(acc>>16), byte(acc>>8), byte(acc)
			o += 3
			acc, n = 0, 0
		}
	}
	// n symbols are left: 0, or 2 or 3 that end in padding (padded) or the string (raw).
	if n == 1 || (pad != 0 && (pad > 2 || n+pad != 4)) || (padded && pad == 0 && n != 0) {
		return nil, false
	}
	if n >= 2 {
		acc <<= 6 * uint(4-n) // as if the missing symbols were 'A'
		out[o] = byte(acc >> 16)
		o++
		if n == 3 {
			out[o] = byte(acc >> 8)
			o++
		}
	}
	return out[:o], true
}
