package main

// The time-weighted price oracle (see the package comment in contract.go).

import (
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// priceScale is 10^18: prices are in 10^-18 units of the other denom.
var priceScale = std.NewUint128(1_000_000_000_000_000_000)

// wrappingAdd returns (a + b) mod 2^128.
func wrappingAdd(a, b std.Uint128) std.Uint128 {
	ah, al := a.Parts()
	bh, bl := b.Parts()
	lo, carry := bits.Add64(al, bl, 0)
	hi, _ := bits.Add64(ah, bh, carry)
	return std.Uint128FromParts(hi, lo)
}

// wrappingMul64 returns (a · m) mod 2^128.
func wrappingMul64(a std.Uint128, m uint64) std.Uint128 {
	ah, al := a.Parts()
	hi, lo := bits.Mul64(al, m)
	return std.Uint128FromParts(hi+ah*m, lo)
}

// priceScaleU64 is 10^18 < 2^64.
const priceScaleU64 = 1_000_000_000_000_000_000

// priceMod returns floor(other · 10^18 / self) mod 2^128 for self > 0. The quotient needs up to
// 188 bits: when self ≥ 2^64 it is below 2^124 and MulDivFloor is exact; when self < 2^64 the
// 192-bit product is divided limb by limb (bits.Div64, each step's remainder below self), which
// is exact too, and the top limb (≥ 2^128) is what the wrapping accumulator drops.
func priceMod(other, self std.Uint128) (std.Uint128, error) {
	sh, sl := self.Parts()
	if sh != 0 {
		return other.MulDivFloor(priceScale, self) // < 2^128 · 2^60 / 2^64: fits
	}
	if sl == 0 {
		return std.Uint128{}, ErrEmptyPool // unreachable: the caller checks both reserves
	}
	oh, ol := other.Parts()
	// other · 10^18 = n2·2^128 + n1·2^64 + n0.
	c0, n0 := bits.Mul64(ol, priceScaleU64)
	c1, l1 := bits.Mul64(oh, priceScaleU64)
	n1, carry := bits.Add64(l1, c0, 0)
	n2 := c1 + carry // < 2^60 + 1: no overflow
	_, r := bits.Div64(0, n2, sl)
	q1, r := bits.Div64(r, n1, sl)
	q0, _ := bits.Div64(r, n0, sl)
	return std.Uint128FromParts(q1, q0), nil
}

// accrue brings the oracle of res up to now (Unix seconds), with the reserves as they are.
func accrue(res *Reserves, now uint64) error {
	if now <= res.LastTime {
		return nil // same block (or a clock that went back): no time to weight
	}
	dt := now - res.LastTime
	if res.Amounts[0].IsZero() || res.Amounts[1].IsZero() {
		res.LastTime = now
		return nil
	}
	var p [2]std.Uint128
	for i := range p {
		v, err := priceMod(res.Amounts[1-i], res.Amounts[i]) // reserve_i > 0: checked above
		if err != nil {
			return err // res unchanged
		}
		p[i] = v
	}
	res.LastTime = now
	for i := range p {
		res.Cumulative[i] = wrappingAdd(res.Cumulative[i], wrappingMul64(p[i], dt))
	}
	res.LiquidSeconds += dt
	return nil
}
