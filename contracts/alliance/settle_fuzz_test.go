package alliance

import (
	"math/big"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// big is u as a big.Int (hi·2^64 + lo).
func bigOf(u std.Uint128) *big.Int {
	hi, lo := u.Parts()
	b := new(big.Int).Lsh(new(big.Int).SetUint64(hi), 64)
	return b.Or(b, new(big.Int).SetUint64(lo))
}

// FuzzShareReceived checks the settlement split against exact big-integer arithmetic for any
// batch amounts and any amount received: no claim is paid more than its amount, the batch
// together never more than received (nor than expected), every payout is the exact pro-rata
// share rounded down, and kept is exactly the rest.
func FuzzShareReceived(f *testing.F) {
	f.Add(uint64(5000), uint64(0), uint64(3000), uint64(0), uint64(7500), uint64(0), uint8(2))
	f.Add(uint64(1), uint64(1<<63), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), uint8(3))
	f.Add(uint64(0), uint64(0), uint64(0), uint64(0), uint64(7), uint64(0), uint8(1))
	f.Fuzz(func(t *testing.T, a1lo, a1hi, a2lo, a2hi, rlo, rhi uint64, n uint8) {
		amounts := []std.Uint128{std.Uint128FromParts(a1hi, a1lo), std.Uint128FromParts(a2hi, a2lo), std.Uint128FromParts(a2lo, a1hi)}[:1+int(n)%3]
		received := std.Uint128FromParts(rhi, rlo)
		in := append([]std.Uint128(nil), amounts...)
		kept, err := ShareReceived(amounts, received)
		expected := new(big.Int)
		for _, a := range in {
			expected.Add(expected, bigOf(a))
		}
		if expected.BitLen() > 128 {
			if err == nil {
				t.Fatalf("expected %s overflows Uint128 but no error", expected)
			}
			return
		}
		if err != nil {
			t.Fatalf("%v %s: %v", in, received, err)
		}
		if expected.Sign() == 0 {
			if kept != received {
				t.Fatalf("nothing expected: kept %s of %s", kept, received)
			}
			return
		}
		paid := bigOf(received)
		if paid.Cmp(expected) > 0 {
			paid = expected
		}
		sum := new(big.Int)
		for i, a := range in {
			want := new(big.Int).Mul(bigOf(a), paid)
			want.Quo(want, expected)
			if bigOf(amounts[i]).Cmp(want) != 0 {
				t.Fatalf("payout %d = %s, want floor(%s * %s / %s) = %s", i, amounts[i], a, paid, expected, want)
			}
			if amounts[i].Gt(a) {
				t.Fatalf("payout %s above its amount %s", amounts[i], a)
			}
			sum.Add(sum, bigOf(amounts[i]))
		}
		if sum.Cmp(paid) > 0 {
			t.Fatalf("paid %s in all, more than %s", sum, paid)
		}
		if new(big.Int).Add(sum, bigOf(kept)).Cmp(bigOf(received)) != 0 {
			t.Fatalf("payouts %s + kept %s != received %s", sum, kept, received)
		}
	})
}
