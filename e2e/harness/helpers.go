package harness

import (
	"encoding/json"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/contracts/artifacts"
)

// Fixture returns the committed contract fixture called name (e.g.
// "token.wasm", see contracts/artifacts) and fails t when it is missing, so
// tests and the demo read the bytes checksums.txt lists from any directory.
func Fixture(t TB, name string) []byte {
	t.Helper()
	code, err := artifacts.Read(name)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return code
}

// MustAttr returns the value of the first attribute key in the first event
// of type typ in res (Attr), and fails t when there is none: a test that
// reads an attribute asserts that the contract or module emitted it.
func MustAttr(t TB, res TxResult, typ, key string) string {
	t.Helper()
	v, ok := Attr(res.Events, typ, key)
	if !ok {
		t.Fatalf("no attribute %s.%s in the transaction's events", typ, key)
	}
	return v
}

// claimEventType is the typed event x/alliance emits for every reward claim,
// whether asked for (MsgClaimDelegationRewards) or implied (a delegation
// change claims first).
const claimEventType = "alliance.alliance.ClaimAllianceRewardsEvent"

// ClaimedBy sums the amount of denom x/alliance paid as rewards to addr in
// res, over every claim event (a transaction may claim on several
// validators or assets). It fails t when an event's attributes do not
// decode: that is the chain's event format changing, not a zero claim.
func ClaimedBy(t TB, res TxResult, addr sdk.AccAddress, denom string) math.Int {
	t.Helper()
	sum := math.ZeroInt()
	for _, ev := range EventsOfType(res.Events, claimEventType) {
		var sender string
		var coins sdk.Coins
		for _, a := range ev.Attributes {
			var err error
			switch a.Key {
			case "allianceSender":
				err = json.Unmarshal([]byte(a.Value), &sender)
			case "coins":
				err = json.Unmarshal([]byte(a.Value), &coins)
			}
			if err != nil {
				t.Fatalf("%s.%s %q: %v", claimEventType, a.Key, a.Value, err)
			}
		}
		if sender == addr.String() {
			sum = sum.Add(coins.AmountOf(denom))
		}
	}
	return sum
}
