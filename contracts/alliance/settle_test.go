package alliance

import (
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func TestShareReceived(t *testing.T) {
	u := std.NewUint128
	for _, c := range []struct {
		amounts  []uint64
		received uint64
		payouts  []uint64
		kept     uint64
	}{
		// 7,500 back for 5,000 + 3,000: floor(4,687.5), floor(2,812.5), 1 kept.
		{[]uint64{5000, 3000}, 7500, []uint64{4687, 2812}, 1},
		// More than expected: every claim its amount, the excess kept.
		{[]uint64{5000, 3000}, 8500, []uint64{5000, 3000}, 500},
		{[]uint64{5000, 3000}, 0, []uint64{0, 0}, 0},
		// Nothing expected: nothing paid, everything kept (no division by zero).
		{[]uint64{0}, 7, []uint64{0}, 7},
		{nil, 7, nil, 7},
	} {
		amounts := make([]std.Uint128, len(c.amounts))
		for i, a := range c.amounts {
			amounts[i] = u(a)
		}
		kept, err := ShareReceived(amounts, u(c.received))
		if err != nil || kept != u(c.kept) {
			t.Fatalf("%v %d: kept %s, %v", c.amounts, c.received, kept, err)
		}
		for i, p := range c.payouts {
			if amounts[i] != u(p) {
				t.Fatalf("%v %d: payout %d = %s, want %d", c.amounts, c.received, i, amounts[i], p)
			}
		}
	}
}
