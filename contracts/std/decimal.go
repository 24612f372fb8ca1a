package std

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// DecimalPlaces is the fixed number of fractional digits of Decimal (as in cosmwasm's Decimal
// and the Cosmos SDK's LegacyDec).
const DecimalPlaces = 18

// decimalOne is 10^18, the atomics of 1.0.
var decimalOne = NewUint128(1_000_000_000_000_000_000)

// ErrInvalidDecimal is returned by ParseDecimal.
var ErrInvalidDecimal = errors.New("invalid Decimal: expected digits with an optional '.' and at most 18 fractional digits")

// Decimal is a non-negative fixed-point number with 18 decimal places, stored as a Uint128 count
// of 10^-18 units ("atomics"). Its range is 0 to 340282366920938463463.374607431768211455.
// In JSON it is a string such as "0.25" or "1" (no trailing zeros, no exponent).
//
// Rounding is always explicit: operations whose exact result may not be representable come in
// Floor and Ceil flavours, because for a vault the direction decides who absorbs the dust
// (round shares minted down, shares burned up).
type Decimal struct {
	atomics Uint128
}

// DecimalFromAtomics returns atomics * 10^-18.
func DecimalFromAtomics(atomics Uint128) Decimal { return Decimal{atomics} }

// DecimalOne returns 1.0.
func DecimalOne() Decimal { return Decimal{decimalOne} }

// DecimalFromUint128 returns v as a Decimal, or ErrOverflow above 340282366920938463463.
func DecimalFromUint128(v Uint128) (Decimal, error) {
	a, err := v.CheckedMul(decimalOne)
	return Decimal{a}, err
}

// DecimalPercent returns p/100.
func DecimalPercent(p uint64) (Decimal, error) {
	return DecimalFromRatioFloor(NewUint128(p), NewUint128(100))
}

// DecimalFromRatioFloor returns num/den rounded down to 18 places.
func DecimalFromRatioFloor(num, den Uint128) (Decimal, error) {
	a, err := num.MulDivFloor(decimalOne, den)
	return Decimal{a}, err
}

// DecimalFromRatioCeil returns num/den rounded up to 18 places.
func DecimalFromRatioCeil(num, den Uint128) (Decimal, error) {
	a, err := num.MulDivCeil(decimalOne, den)
	return Decimal{a}, err
}

// Atomics returns the value in units of 10^-18.
func (d Decimal) Atomics() Uint128 { return d.atomics }

// IsZero reports d == 0.
func (d Decimal) IsZero() bool { return d.atomics.IsZero() }

// Cmp returns -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int { return d.atomics.Cmp(e.atomics) }

// CheckedAdd returns d + e or ErrOverflow.
func (d Decimal) CheckedAdd(e Decimal) (Decimal, error) {
	a, err := d.atomics.CheckedAdd(e.atomics)
	return Decimal{a}, err
}

// CheckedSub returns d - e or ErrOverflow when e > d.
func (d Decimal) CheckedSub(e Decimal) (Decimal, error) {
	a, err := d.atomics.CheckedSub(e.atomics)
	return Decimal{a}, err
}

// MulFloor returns d * e rounded down to 18 places.
func (d Decimal) MulFloor(e Decimal) (Decimal, error) {
	a, err := d.atomics.MulDivFloor(e.atomics, decimalOne)
	return Decimal{a}, err
}

// MulCeil returns d * e rounded up to 18 places.
func (d Decimal) MulCeil(e Decimal) (Decimal, error) {
	a, err := d.atomics.MulDivCeil(e.atomics, decimalOne)
	return Decimal{a}, err
}

// DivFloor returns d / e rounded down to 18 places.
func (d Decimal) DivFloor(e Decimal) (Decimal, error) {
	a, err := d.atomics.MulDivFloor(decimalOne, e.atomics)
	return Decimal{a}, err
}

// DivCeil returns d / e rounded up to 18 places.
func (d Decimal) DivCeil(e Decimal) (Decimal, error) {
	a, err := d.atomics.MulDivCeil(decimalOne, e.atomics)
	return Decimal{a}, err
}

// Floor returns the integer part.
func (d Decimal) Floor() Uint128 {
	q, _ := d.atomics.CheckedDiv(decimalOne) // divisor is a non-zero constant
	return q
}

// Ceil returns the smallest integer >= d.
func (d Decimal) Ceil() Uint128 {
	q, _ := d.atomics.DivCeil(decimalOne) // divisor is a non-zero constant; cannot overflow
	return q
}

// MulFloor returns u * d rounded down to an integer (e.g. shares = amount * rate).
func (u Uint128) MulFloor(d Decimal) (Uint128, error) { return u.MulDivFloor(d.atomics, decimalOne) }

// MulCeil returns u * d rounded up to an integer.
func (u Uint128) MulCeil(d Decimal) (Uint128, error) { return u.MulDivCeil(d.atomics, decimalOne) }

// DivFloor returns u / d rounded down to an integer, or ErrDivideByZero.
func (u Uint128) DivFloor(d Decimal) (Uint128, error) { return u.MulDivFloor(decimalOne, d.atomics) }

// DivCeilDecimal returns u / d rounded up to an integer, or ErrDivideByZero.
func (u Uint128) DivCeilDecimal(d Decimal) (Uint128, error) {
	return u.MulDivCeil(decimalOne, d.atomics)
}

// ParseDecimal parses "123", "0.5" or "1.000000000000000001". It rejects signs, exponents, an
// empty integer or fraction part ("1.", ".5") and more than 18 fractional digits, instead of
// silently rounding.
func ParseDecimal(s string) (Decimal, error) {
	intPart, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i+1:]
			if frac == "" {
				return Decimal{}, ErrInvalidDecimal
			}
			break
		}
	}
	if len(frac) > DecimalPlaces || intPart == "" {
		return Decimal{}, ErrInvalidDecimal
	}
	whole, err := parseUint128Lenient(intPart)
	if err != nil {
		return Decimal{}, ErrInvalidDecimal
	}
	a, err := whole.CheckedMul(decimalOne)
	if err != nil {
		return Decimal{}, ErrInvalidDecimal
	}
	if frac != "" {
		// Pad the fraction to 18 digits: "5" -> 500000000000000000.
		var padded [DecimalPlaces]byte
		n := copy(padded[:], frac)
		for i := n; i < DecimalPlaces; i++ {
			padded[i] = '0'
		}
		f, err := parseUint128Lenient(string(padded[:]))
		if err != nil {
			return Decimal{}, ErrInvalidDecimal
		}
		if a, err = a.CheckedAdd(f); err != nil {
			return Decimal{}, ErrInvalidDecimal
		}
	}
	return Decimal{a}, nil
}

// parseUint128Lenient accepts leading zeros (fractions like "05" and integers like "007" are
// accepted by cosmwasm's Decimal parser too).
func parseUint128Lenient(s string) (Uint128, error) {
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	return ParseUint128(s[i:])
}

// String formats d with trailing fractional zeros removed: "1", "0.5", "0.000000000000000001".
func (d Decimal) String() string {
	whole, frac, _ := divmod128(d.atomics, decimalOne)
	out := whole.appendDecimal(nil)
	f, _ := frac.Uint64() // frac < 10^18 fits in a word
	if f == 0 {
		return string(out)
	}
	var digits [DecimalPlaces]byte
	for i := DecimalPlaces - 1; i >= 0; i-- {
		digits[i] = byte('0' + f%10)
		f /= 10
	}
	n := DecimalPlaces
	for digits[n-1] == '0' {
		n--
	}
	out = append(out, '.')
	return string(append(out, digits[:n]...))
}

// EncodeJSON writes d as a string.
func (d Decimal) EncodeJSON(w *cwjson.Writer) { w.String(d.String()) }

// DecodeJSON reads a decimal string.
func (d *Decimal) DecodeJSON(r *cwjson.Reader) error {
	s, err := r.String()
	if err != nil {
		return err
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON lets encoding/json produce the same bytes.
func (d Decimal) MarshalJSON() ([]byte, error) { return cwjson.Marshal(d), nil }

// UnmarshalJSON lets encoding/json read the same bytes.
func (d *Decimal) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, d) }
