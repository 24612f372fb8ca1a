package main

// Exact 256-bit helpers for the first provision's shares.

import (
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// sqrtProduct returns floor(sqrt(a·b)), exact for any a, b < 2^128: the product is formed in
// 256 bits and the root (< 2^128) is found bit by bit from the top, keeping a bit when the
// candidate's square (256 bits) does not exceed the product. 128 steps, no division.
func sqrtProduct(a, b std.Uint128) std.Uint128 {
	n := mul256(a, b)
	var xh, xl uint64
	for bit := 127; bit >= 0; bit-- {
		yh, yl := xh, xl
		if bit >= 64 {
			yh |= 1 << uint(bit-64)
		} else {
			yl |= 1 << uint(bit)
		}
		y := std.Uint128FromParts(yh, yl)
		if cmp256(mul256(y, y), n) <= 0 {
			xh, xl = yh, yl
		}
	}
	return std.Uint128FromParts(xh, xl)
}

// mul256 returns a·b as four 64-bit limbs, least significant first.
func mul256(a, b std.Uint128) [4]uint64 {
	ah, al := a.Parts()
	bh, bl := b.Parts()
	var r [4]uint64
	h, l := bits.Mul64(al, bl)
	r[0] = l
	acc1 := h
	h1, l1 := bits.Mul64(ah, bl)
	h2, l2 := bits.Mul64(al, bh)
	h3, l3 := bits.Mul64(ah, bh)
	var c uint64
	acc1, c = bits.Add64(acc1, l1, 0)
	acc2, c2 := bits.Add64(h1, h2, c)
	acc1, c = bits.Add64(acc1, l2, 0)
	acc2, c3 := bits.Add64(acc2, l3, c)
	r[1] = acc1
	r[2] = acc2
	r[3] = h3 + c2 + c3 // the full product is < 2^256: no carry out
	return r
}

// cmp256 compares two 256-bit numbers given as limbs, least significant first.
func cmp256(x, y [4]uint64) int {
	for i := 3; i >= 0; i-- {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
