package tokenfactory

import (
	"reflect"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func coin(denom string, amount uint64) std.Coin {
	return std.Coin{Denom: denom, Amount: std.NewUint128(amount)}
}

func TestSplitCreationFee(t *testing.T) {
	fee := []bt.Coin{{Denom: "stake", Amount: "10000000"}}
	cases := []struct {
		name   string
		funds  []std.Coin
		fee    []bt.Coin
		refund []std.Coin
		short  *Shortfall
	}{
		// 12,000,000 − 10,000,000 = 2,000,000 back; the other denom back whole.
		{"beyond the fee", []std.Coin{coin("stake", 12_000_000), coin("uasset", 5)}, fee,
			[]std.Coin{coin("stake", 2_000_000), coin("uasset", 5)}, nil},
		{"exactly the fee: nothing back, no zero coin", []std.Coin{coin("stake", 10_000_000)}, fee, nil, nil},
		{"one short", []std.Coin{coin("stake", 9_999_999)}, fee, nil,
			&Shortfall{Denom: "stake", Fee: std.NewUint128(10_000_000), Sent: std.NewUint128(9_999_999)}},
		{"none of the fee denom", []std.Coin{coin("uasset", 10_000_000)}, fee, nil,
			&Shortfall{Denom: "stake", Fee: std.NewUint128(10_000_000)}},
		{"no fee on this chain: all back", []std.Coin{coin("uasset", 7)}, nil, []std.Coin{coin("uasset", 7)}, nil},
		{"two fee denoms, the second short", []std.Coin{coin("stake", 10), coin("uatom", 4)},
			[]bt.Coin{{Denom: "stake", Amount: "10"}, {Denom: "uatom", Amount: "5"}}, nil,
			&Shortfall{Denom: "uatom", Fee: std.NewUint128(5), Sent: std.NewUint128(4)}},
	}
	for _, c := range cases {
		funds := append([]std.Coin(nil), c.funds...)
		refund, short, err := SplitCreationFee(c.funds, c.fee)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(refund, c.refund) || !reflect.DeepEqual(short, c.short) {
			t.Errorf("%s: refund %v short %+v, want %v %+v", c.name, refund, short, c.refund, c.short)
		}
		if !reflect.DeepEqual(funds, c.funds) {
			t.Errorf("%s: the funds passed in were modified: %v", c.name, c.funds)
		}
	}
	if _, _, err := SplitCreationFee(nil, []bt.Coin{{Denom: "stake", Amount: "ten"}}); err == nil {
		t.Error("a fee amount that is not a number must be an error")
	}
}
