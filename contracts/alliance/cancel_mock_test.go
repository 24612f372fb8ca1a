package alliance

import (
	"errors"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The mock cancels like x/alliance (keeper/cancel_unbonding_test.go): entries of one height are
// drawn oldest first, a slashed entry gives back what is left, the delegation is paid its rewards
// first and the reply says so; refusals carry the chain's codes and change nothing.
func TestMockCancelUnbondingLikeXAlliance(t *testing.T) {
	m, q, c := setupMock(t)
	apply(t, m, c, DelegateMsg("val1", coinOf(1000, "uasset")))
	h := m.Host.Env.Block.Height
	apply(t, m, c, UndelegateMsg("val1", coinOf(300, "uasset")))
	apply(t, m, c, UndelegateMsg("val1", coinOf(200, "uasset")))
	m.Jail("val2")

	wantCode := func(msg std.CosmosMsg, code uint32) {
		t.Helper()
		before := m.Unbondings(c)
		_, err := m.Apply(c, msg.Custom)
		var ce *chainError
		if !errors.As(err, &ce) || ce.codespace != "alliance" || ce.code != code {
			t.Fatalf("want alliance code %d, got %v", code, err)
		}
		if after := m.Unbondings(c); len(after) != len(before) || after[0] != before[0] {
			t.Fatalf("a refused cancel changed the entries: %+v", after)
		}
	}
	wantCode(CancelUnbondingMsg("val1", coinOf(1, "uasset"), h+1), 68)
	wantCode(CancelUnbondingMsg("val1", coinOf(501, "uasset"), h), 69)
	wantCode(CancelUnbondingMsg("val2", coinOf(1, "uasset"), h), 70)
	wantCode(CancelUnbondingMsg("val9", coinOf(1, "uasset"), h), 11)

	// 10 % slash: the entries keep 270 and 180 (450), the delegation 450.
	ten, _ := std.DecimalPercent(10)
	if err := m.Slash("val1", ten); err != nil {
		t.Fatal(err)
	}
	wantCode(CancelUnbondingMsg("val1", coinOf(451, "uasset"), h), 69)
	if err := m.AddRewards(c, "val1", "uasset", coinOf(7, "stake")); err != nil {
		t.Fatal(err)
	}
	res := apply(t, m, c, CancelUnbondingMsg("val1", coinOf(400, "uasset"), h))
	got, err := CancelUnbondingResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: res}}})
	if err != nil || len(got.ClaimedRewards) != 1 || got.ClaimedRewards[0] != (bt.Coin{Denom: "stake", Amount: "7"}) {
		t.Fatalf("cancel result %+v %v", got, err)
	}
	// 270 drawn from the first entry (removed), 130 from the second: 50 left.
	if ub := m.Unbondings(c); len(ub) != 1 || ub[0].Amount != "50" || ub[0].CreationHeight != h {
		t.Fatalf("entries after the cancel: %+v", ub)
	}
	if a, err := QueryDelegationAmount(q, "uasset", c, "val1"); err != nil || a != u(850) {
		t.Fatalf("delegation after the cancel: %s %v", a, err)
	}
	// A matured entry is paid at the end of the block, not cancelled.
	m.Host.Env.Block.Time += DefaultUnbondingTime
	wantCode(CancelUnbondingMsg("val1", coinOf(1, "uasset"), h), 72)
	m.MatureUnbondings()
	if m.Balance(c, "uasset") != u(50) || m.Balance(c, "stake") != u(7) {
		t.Fatalf("paid: %s uasset, %s stake", m.Balance(c, "uasset"), m.Balance(c, "stake"))
	}
}

// Undelegate and redelegate replies carry the rewards paid, as the chain's responses do.
func TestMockUndelegateAndRedelegateRepliesCarryRewards(t *testing.T) {
	m, _, c := setupMock(t)
	apply(t, m, c, DelegateMsg("val1", coinOf(500, "uasset")))
	apply(t, m, c, DelegateMsg("val2", coinOf(500, "uasset")))
	if err := m.AddRewards(c, "val1", "uasset", coinOf(3, "stake")); err != nil {
		t.Fatal(err)
	}
	if err := m.AddRewards(c, "val2", "uasset", coinOf(4, "stake")); err != nil {
		t.Fatal(err)
	}
	reply := func(r []std.MsgResponse) std.Reply {
		return std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: r}}}
	}
	red, err := RedelegateResult(reply(apply(t, m, c, RedelegateMsg("val1", "val2", coinOf(100, "uasset")))))
	if err != nil || len(red.ClaimedRewards) != 1 || red.ClaimedRewards[0] != (bt.Coin{Denom: "stake", Amount: "7"}) {
		t.Fatalf("redelegate result %+v %v", red, err)
	}
	if err := m.AddRewards(c, "val2", "uasset", coinOf(5, "stake")); err != nil {
		t.Fatal(err)
	}
	und, err := UndelegateResult(reply(apply(t, m, c, UndelegateMsg("val2", coinOf(100, "uasset")))))
	if err != nil || und.CompletionTime != uint64(std.MockBlockTime)+DefaultUnbondingTime ||
		len(und.ClaimedRewards) != 1 || und.ClaimedRewards[0] != (bt.Coin{Denom: "stake", Amount: "5"}) {
		t.Fatalf("undelegate result %+v %v", und, err)
	}
}
