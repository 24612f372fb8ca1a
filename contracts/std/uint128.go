package std

import (
	"errors"
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Uint128 is an unsigned 128-bit integer held in two words. It is written by hand instead of
// using math/big because math/big costs tens of KB of wasm and allocates on every operation;
// every operation here is a few machine instructions and never allocates.
//
// In JSON it is a decimal string ("340282366920938463463374607431768211455"), like cosmwasm's
// Uint128. All arithmetic that can fail says so: Checked* return an error, Saturating* clamp.
// Nothing panics (TinyGo cannot recover on wasm).
type Uint128 struct {
	hi, lo uint64
}

// Errors returned by Uint128 and Decimal arithmetic.
var (
	ErrOverflow       = errors.New("overflow")
	ErrDivideByZero   = errors.New("divide by zero")
	ErrInvalidUint128 = errors.New("invalid Uint128: expected a decimal string of at most 39 digits below 2^128")
)

// Uint128Max is 2^128 - 1.
var Uint128Max = Uint128{hi: ^uint64(0), lo: ^uint64(0)}

// NewUint128 returns v as a Uint128.
func NewUint128(v uint64) Uint128 { return Uint128{lo: v} }

// Uint128FromParts returns hi*2^64 + lo.
func Uint128FromParts(hi, lo uint64) Uint128 { return Uint128{hi: hi, lo: lo} }

// Parts returns the high and low 64-bit words.
func (u Uint128) Parts() (hi, lo uint64) { return u.hi, u.lo }

// IsZero reports u == 0.
func (u Uint128) IsZero() bool { return u.hi == 0 && u.lo == 0 }

// Cmp returns -1, 0 or +1.
func (u Uint128) Cmp(v Uint128) int {
	switch {
	case u.hi < v.hi:
		return -1
	case u.hi > v.hi:
		return 1
	case u.lo < v.lo:
		return -1
	case u.lo > v.lo:
		return 1
	}
	return 0
}

// Lt reports u < v.
func (u Uint128) Lt(v Uint128) bool { return u.Cmp(v) < 0 }

// Lte reports u <= v.
func (u Uint128) Lte(v Uint128) bool { return u.Cmp(v) <= 0 }

// Gt reports u > v.
func (u Uint128) Gt(v Uint128) bool { return u.Cmp(v) > 0 }

// Gte reports u >= v.
func (u Uint128) Gte(v Uint128) bool { return u.Cmp(v) >= 0 }

// Min returns the smaller of u and v.
func (u Uint128) Min(v Uint128) Uint128 {
	if u.Lt(v) {
		return u
	}
	return v
}

// Uint64 returns u if it fits in 64 bits.
func (u Uint128) Uint64() (uint64, bool) { return u.lo, u.hi == 0 }

// CheckedAdd returns u + v or ErrOverflow.
func (u Uint128) CheckedAdd(v Uint128) (Uint128, error) {
	lo, c := bits.Add64(u.lo, v.lo, 0)
	hi, c := bits.Add64(u.hi, v.hi, c)
	if c != 0 {
		return Uint128{}, ErrOverflow
	}
	return Uint128{hi, lo}, nil
}

// CheckedSub returns u - v or ErrOverflow when v > u.
func (u Uint128) CheckedSub(v Uint128) (Uint128, error) {
	lo, b := bits.Sub64(u.lo, v.lo, 0)
	hi, b := bits.Sub64(u.hi, v.hi, b)
	if b != 0 {
		return Uint128{}, ErrOverflow
	}
	return Uint128{hi, lo}, nil
}

// CheckedMul returns u * v or ErrOverflow.
func (u Uint128) CheckedMul(v Uint128) (Uint128, error) {
	p := mul128(u, v)
	if p[2] != 0 || p[3] != 0 {
		return Uint128{}, ErrOverflow
	}
	return Uint128{p[1], p[0]}, nil
}

// CheckedDiv returns floor(u / v) or ErrDivideByZero.
func (u Uint128) CheckedDiv(v Uint128) (Uint128, error) {
	q, _, err := divmod128(u, v)
	return q, err
}

// CheckedRem returns u mod v or ErrDivideByZero.
func (u Uint128) CheckedRem(v Uint128) (Uint128, error) {
	_, r, err := divmod128(u, v)
	return r, err
}

// DivCeil returns ceil(u / v) or ErrDivideByZero.
func (u Uint128) DivCeil(v Uint128) (Uint128, error) {
	q, r, err := divmod128(u, v)
	if err != nil || r.IsZero() {
		return q, err
	}
	// q < u/v <= 2^128-1 when r != 0 and v >= 2, so q+1 cannot overflow.
	return q.CheckedAdd(NewUint128(1))
}

// SaturatingAdd returns u + v, or Uint128Max on overflow.
func (u Uint128) SaturatingAdd(v Uint128) Uint128 {
	s, err := u.CheckedAdd(v)
	if err != nil {
		return Uint128Max
	}
	return s
}

// SaturatingSub returns u - v, or 0 when v > u.
func (u Uint128) SaturatingSub(v Uint128) Uint128 {
	d, err := u.CheckedSub(v)
	if err != nil {
		return Uint128{}
	}
	return d
}

// MulDivFloor returns floor(u * num / den) computed with a 256-bit intermediate product, so it
// is exact whenever the result fits in 128 bits (the usual share/price computation).
func (u Uint128) MulDivFloor(num, den Uint128) (Uint128, error) {
	q, _, err := mulDiv(u, num, den)
	return q, err
}

// MulDivCeil returns ceil(u * num / den), exact like MulDivFloor.
func (u Uint128) MulDivCeil(num, den Uint128) (Uint128, error) {
	q, rem, err := mulDiv(u, num, den)
	if err != nil || !rem {
		return q, err
	}
	return q.CheckedAdd(NewUint128(1))
}

func mulDiv(a, b, d Uint128) (Uint128, bool, error) {
	if d.IsZero() {
		return Uint128{}, false, ErrDivideByZero
	}
	q, r := div256by128(mul128(a, b), d)
	if q[2] != 0 || q[3] != 0 {
		return Uint128{}, false, ErrOverflow
	}
	return Uint128{q[1], q[0]}, !r.IsZero(), nil
}

// mul128 returns the full 256-bit product as four little-endian words.
func mul128(a, b Uint128) [4]uint64 {
	var p [4]uint64
	h0, l0 := bits.Mul64(a.lo, b.lo) // weight 0
	h1, l1 := bits.Mul64(a.lo, b.hi) // weight 1
	h2, l2 := bits.Mul64(a.hi, b.lo) // weight 1
	h3, l3 := bits.Mul64(a.hi, b.hi) // weight 2
	p[0] = l0
	var c, c2 uint64
	p[1], c = bits.Add64(h0, l1, 0)
	p[2], c2 = bits.Add64(h1, l3, c)
	p[3] = h3 + c2 // cannot overflow: the full product fits in 256 bits
	p[1], c = bits.Add64(p[1], l2, 0)
	p[2], c2 = bits.Add64(p[2], h2, c)
	p[3] += c2
	return p
}

func divmod128(u, v Uint128) (Uint128, Uint128, error) {
	if v.IsZero() {
		return Uint128{}, Uint128{}, ErrDivideByZero
	}
	if u.hi == 0 && v.hi == 0 {
		return Uint128{lo: u.lo / v.lo}, Uint128{lo: u.lo % v.lo}, nil
	}
	q, r := div256by128([4]uint64{u.lo, u.hi, 0, 0}, v)
	return Uint128{q[1], q[0]}, r, nil
}

// div256by128 divides n by d (d != 0). A 64-bit divisor uses hardware-style word division
// (bits.Div64, four steps); a wider divisor uses binary long division over the significant bits.
func div256by128(n [4]uint64, d Uint128) ([4]uint64, Uint128) {
	var q [4]uint64
	if d.hi == 0 {
		var r uint64
		for i := 3; i >= 0; i-- {
			q[i], r = bits.Div64(r, n[i], d.lo) // r < d.lo always holds, so Div64 cannot panic
		}
		return q, Uint128{lo: r}
	}
	// Remainder needs up to 129 bits during the shift; keep the carry bit separately.
	var rhi, rlo uint64
	top := 255
	for top >= 0 && n[top/64]>>(uint(top)%64)&1 == 0 {
		top--
	}
	for i := top; i >= 0; i-- {
		carry := rhi >> 63
		rhi = rhi<<1 | rlo>>63
		rlo = rlo<<1 | n[i/64]>>(uint(i)%64)&1
		if carry != 0 || rhi > d.hi || (rhi == d.hi && rlo >= d.lo) {
			var b uint64
			rlo, b = bits.Sub64(rlo, d.lo, 0)
			rhi, _ = bits.Sub64(rhi, d.hi, b)
			q[i/64] |= 1 << (uint(i) % 64)
		}
	}
	return q, Uint128{rhi, rlo}
}

// ParseUint128 parses a decimal string without sign or leading zeros ("0" is fine).
func ParseUint128(s string) (Uint128, error) {
	if len(s) == 0 || len(s) > 39 || (len(s) > 1 && s[0] == '0') {
		return Uint128{}, ErrInvalidUint128
	}
	var u Uint128
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return Uint128{}, ErrInvalidUint128
		}
		// u = u*10 + digit, with overflow detection.
		hi1, lo := bits.Mul64(u.lo, 10)
		hi2, hiLo := bits.Mul64(u.hi, 10)
		hi, c1 := bits.Add64(hiLo, hi1, 0)
		lo, c2 := bits.Add64(lo, uint64(c-'0'), 0)
		hi, c3 := bits.Add64(hi, 0, c2)
		if hi2 != 0 || c1 != 0 || c3 != 0 {
			return Uint128{}, ErrInvalidUint128
		}
		u = Uint128{hi, lo}
	}
	return u, nil
}

// String formats u in decimal.
func (u Uint128) String() string { return string(u.appendDecimal(nil)) }

func (u Uint128) appendDecimal(dst []byte) []byte {
	if u.hi == 0 {
		return cwjson.AppendUint(dst, u.lo) // shared with the JSON writer: one copy in the wasm
	}
	var buf [39]byte
	i := len(buf)
	for !u.IsZero() {
		// Divide by 10^19 (the largest power of ten in a word) and print 19 digits per step.
		var q Uint128
		var r uint64
		q.hi, r = bits.Div64(0, u.hi, 1e19)
		q.lo, r = bits.Div64(r, u.lo, 1e19)
		u = q
		for j := 0; j < 19 && (r != 0 || !u.IsZero()); j++ {
			i--
			buf[i] = byte('0' + r%10)
			r /= 10
		}
	}
	return append(dst, buf[i:]...)
}

// EncodeJSON writes u as a decimal string.
func (u Uint128) EncodeJSON(w *cwjson.Writer) { w.String(u.String()) }

// DecodeJSON reads a decimal string.
func (u *Uint128) DecodeJSON(r *cwjson.Reader) error {
	s, err := r.StringBytes()
	if err != nil {
		return err
	}
	v, err := ParseUint128(string(s))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// MarshalJSON lets encoding/json (in native tests and tools) produce the same bytes.
func (u Uint128) MarshalJSON() ([]byte, error) { return cwjson.Marshal(u), nil }

// UnmarshalJSON lets encoding/json read the same bytes.
func (u *Uint128) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, u) }
