package alliance

import (
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func coinOf(a uint64, d string) std.Coin { return std.NewCoin(a, d) }

func u(v uint64) std.Uint128 { return std.NewUint128(v) }

func setupMock(t *testing.T) (*Mock, std.Querier, string) {
	t.Helper()
	host := std.NewMock()
	m := NewMock(host, []string{"uasset"}, []string{"val1", "val2"})
	c := host.Env.Contract.Address
	m.Fund(c, coinOf(1000, "uasset"))
	return m, std.Querier{Chain: host.Querier}, c
}

func TestMockDelegateQueryClaimUndelegate(t *testing.T) {
	m, q, c := setupMock(t)
	if _, err := m.Apply(c, DelegateMsg("val1", coinOf(600, "uasset")).Custom); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Apply(c, DelegateMsg("val2", coinOf(400, "uasset")).Custom); err != nil {
		t.Fatal(err)
	}
	if got := m.Balance(c, "uasset"); !got.IsZero() {
		t.Fatalf("balance after delegating everything: %s", got)
	}
	stakes, total, err := QueryStakes(q, c, "uasset", 2)
	if err != nil || total != u(1000) || len(stakes) != 2 || stakes[0] != (Stake{"val1", u(600)}) || stakes[1] != (Stake{"val2", u(400)}) {
		t.Fatalf("stakes %+v total %s err %v", stakes, total, err)
	}
	// Take rate and slashing show up in the queried amount.
	if err := m.TakeRate(c, "val1", "uasset", u(6)); err != nil {
		t.Fatal(err)
	}
	ten, _ := std.DecimalPercent(10)
	if err := m.Slash("val2", ten); err != nil {
		t.Fatal(err)
	}
	if a, err := QueryDelegationAmount(q, "uasset", c, "val1"); err != nil || a != u(594) {
		t.Fatalf("val1 after take rate: %s %v", a, err)
	}
	if a, err := QueryDelegationAmount(q, "uasset", c, "val2"); err != nil || a != u(360) {
		t.Fatalf("val2 after 10%% slash: %s %v", a, err)
	}
	// An absent delegation is a zero amount; its rewards are an error, as on chain.
	if a, err := QueryDelegationAmount(q, "uasset", "someone", "val1"); err != nil || !a.IsZero() {
		t.Fatalf("absent delegation: %s %v", a, err)
	}
	if _, err := QueryDelegationRewards(q, "uasset", "someone", "val1"); err == nil || !strings.Contains(err.Error(), "delegation not found") {
		t.Fatalf("rewards of absent delegation: %v", err)
	}

	if err := m.AddRewards(c, "val1", "uasset", coinOf(25, "stake")); err != nil {
		t.Fatal(err)
	}
	rw, err := QueryDelegationRewards(q, "uasset", c, "val1")
	if err != nil || len(rw.Rewards) != 1 || rw.Rewards[0] != (bt.Coin{Denom: "stake", Amount: "25"}) {
		t.Fatalf("rewards %+v %v", rw, err)
	}
	resps, err := m.Apply(c, ClaimRewardsMsg("val1", "uasset").Custom)
	if err != nil {
		t.Fatal(err)
	}
	claimed, err := ClaimRewardsResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: resps}}})
	if err != nil || len(claimed.Rewards) != 1 || claimed.Rewards[0] != (bt.Coin{Denom: "stake", Amount: "25"}) {
		t.Fatalf("claim result %+v %v", claimed, err)
	}
	if m.Balance(c, "stake") != u(25) {
		t.Fatalf("claimed rewards not paid: %s", m.Balance(c, "stake"))
	}

	// Undelegate pays pending rewards first and reports the completion time.
	if err := m.AddRewards(c, "val2", "uasset", coinOf(4, "stake")); err != nil {
		t.Fatal(err)
	}
	resps, err = m.Apply(c, UndelegateMsg("val2", coinOf(60, "uasset")).Custom)
	if err != nil {
		t.Fatal(err)
	}
	res, err := UndelegateResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: resps}}})
	want := uint64(std.MockBlockTime) + DefaultUnbondingTime
	if err != nil || res.CompletionTime != want {
		t.Fatalf("completion %d (want %d) %v", res.CompletionTime, want, err)
	}
	if m.Balance(c, "stake") != u(29) || m.Delegation(c, "val2", "uasset") != u(300) {
		t.Fatalf("after undelegate: stake %s, delegation %s", m.Balance(c, "stake"), m.Delegation(c, "val2", "uasset"))
	}
	ub, err := QueryUnbondings(q, bt.UnbondingsRequest{Delegator: c, Denom: "uasset"})
	if err != nil || len(ub.Unbondings) != 1 || ub.Unbondings[0] != (bt.Unbonding{Validator: "val2", Denom: "uasset", Amount: "60", CompletionTime: want}) {
		t.Fatalf("unbondings %+v %v", ub, err)
	}
	// Slashing hits the unbonding entry too; maturity pays what is left.
	if err := m.Slash("val2", ten); err != nil {
		t.Fatal(err)
	}
	m.MatureUnbondings()
	if m.Balance(c, "uasset") != u(0) {
		t.Fatal("paid before maturity")
	}
	m.Host.Env.Block.Time = std.Timestamp(want)
	m.MatureUnbondings()
	if m.Balance(c, "uasset") != u(54) || len(m.Unbondings(c)) != 0 {
		t.Fatalf("after maturity: %s, entries %d", m.Balance(c, "uasset"), len(m.Unbondings(c)))
	}
}

func TestMockRedelegateAndErrors(t *testing.T) {
	m, q, c := setupMock(t)
	if _, err := m.Apply(c, DelegateMsg("val1", coinOf(100, "uasset")).Custom); err != nil {
		t.Fatal(err)
	}
	resps, err := m.Apply(c, RedelegateMsg("val1", "val2", coinOf(30, "uasset")).Custom)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := RedelegateResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: resps}}})
	if err != nil || rr.CompletionTime != uint64(std.MockBlockTime)+DefaultUnbondingTime {
		t.Fatalf("redelegate result %+v %v", rr, err)
	}
	if m.Delegation(c, "val1", "uasset") != u(70) || m.Delegation(c, "val2", "uasset") != u(30) {
		t.Fatal("redelegation not applied")
	}
	rd, err := QueryRedelegations(q, bt.RedelegationsRequest{Delegator: c})
	if err != nil || len(rd.Redelegations) != 1 || rd.Redelegations[0].Amount != "30" {
		t.Fatalf("redelegations %+v %v", rd, err)
	}
	for name, body := range map[string][]byte{
		"unlisted denom":  DelegateMsg("val1", coinOf(1, "other")).Custom,
		"zero amount":     DelegateMsg("val1", coinOf(0, "uasset")).Custom,
		"unknown val":     DelegateMsg("val9", coinOf(1, "uasset")).Custom,
		"no funds":        DelegateMsg("val1", coinOf(901, "uasset")).Custom,
		"overdraw":        UndelegateMsg("val1", coinOf(71, "uasset")).Custom,
		"same validator":  RedelegateMsg("val1", "val1", coinOf(1, "uasset")).Custom,
		"claim no stake":  ClaimRewardsMsg("val9", "uasset").Custom,
		"delegator field": []byte(`{"alliance":{"claim_rewards":{"validator":"val1","denom":"uasset","delegator":"x"}}}`),
	} {
		if _, err := m.Apply(c, body); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	m.MaxEntries = 2
	for i := 0; i < 2; i++ {
		if _, err := m.Apply(c, UndelegateMsg("val1", coinOf(1, "uasset")).Custom); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.Apply(c, UndelegateMsg("val1", coinOf(1, "uasset")).Custom); err == nil || !strings.Contains(err.Error(), "too many unbonding entries") {
		t.Fatalf("entries cap: %v", err)
	}
	a, err := QueryAlliance(q, "uasset")
	if err != nil || a.TotalTokens != "98" || a.Denom != "uasset" {
		t.Fatalf("alliance %+v %v", a, err)
	}
	if _, err := QueryAlliance(q, "nope"); err == nil {
		t.Fatal("unknown alliance answered")
	}
	v, err := QueryValidator(q, "val2")
	if err != nil || len(v.TotalStaked) != 1 || v.TotalStaked[0].Amount != "30.000000000000000000" {
		t.Fatalf("validator %+v %v", v, err)
	}
	if _, err := QueryParams(q); err != nil {
		t.Fatal(err)
	}
	all, err := QueryAlliances(q, nil)
	if err != nil || len(all.Alliances) != 1 {
		t.Fatalf("alliances %+v %v", all, err)
	}
}

func TestMockRunBankAndCustom(t *testing.T) {
	m, _, c := setupMock(t)
	resp := &wasmvmtypes.Response{Messages: []wasmvmtypes.SubMsg{
		{Msg: wasmvmtypes.CosmosMsg{Custom: []byte(DelegateMsg("val1", coinOf(100, "uasset")).Custom)}, ReplyOn: wasmvmtypes.ReplyNever},
		{Msg: wasmvmtypes.CosmosMsg{Bank: &wasmvmtypes.BankMsg{Send: &wasmvmtypes.SendMsg{ToAddress: "bob", Amount: wasmvmtypes.Array[wasmvmtypes.Coin]{{Denom: "uasset", Amount: "7"}}}}}, ReplyOn: wasmvmtypes.ReplyNever},
	}}
	if err := m.Run(resp); err != nil {
		t.Fatal(err)
	}
	if m.Balance(c, "uasset") != u(893) || m.Balance("bob", "uasset") != u(7) || m.Delegation(c, "val1", "uasset") != u(100) {
		t.Fatal("run did not apply messages")
	}
	bad := &wasmvmtypes.Response{Messages: []wasmvmtypes.SubMsg{{Msg: wasmvmtypes.CosmosMsg{Custom: []byte(UndelegateMsg("val2", coinOf(1, "uasset")).Custom)}, ReplyOn: wasmvmtypes.ReplyNever}}}
	if err := m.Run(bad); err == nil {
		t.Fatal("failing message without reply did not fail the run")
	}
}

func TestReplyHelpers(t *testing.T) {
	failed := std.Reply{Result: std.SubMsgResult{Err: "out of gas"}}
	if _, err := UndelegateResult(failed); err == nil || err.Error() != "sub-message failed: out of gas" {
		t.Fatalf("failed reply: %v", err)
	}
	none := std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: []std.MsgResponse{{TypeURL: "/x", Value: nil}}}}}
	if _, err := UndelegateResult(none); err != ErrNoMsgResponse {
		t.Fatalf("no response: %v", err)
	}
	// EncodeCompletionTime and the chain's decoder agree, including sub-second times.
	for _, ts := range []uint64{1, 999_999_999, 1_000_000_000, 1_767_225_600_000_000_005} {
		got, err := bt.DecodeUndelegateResult(EncodeCompletionTime(ts))
		if err != nil || got.CompletionTime != ts {
			t.Errorf("%d: %d %v", ts, got.CompletionTime, err)
		}
	}
	amt, err := CoinAmount([]bt.Coin{{Denom: "a", Amount: "2"}, {Denom: "b", Amount: "3"}, {Denom: "a", Amount: "5"}}, "a")
	if err != nil || amt != u(7) {
		t.Fatalf("CoinAmount %s %v", amt, err)
	}
	if _, err := CoinAmount([]bt.Coin{{Denom: "a", Amount: "-1"}}, "a"); err == nil {
		t.Fatal("bad amount accepted")
	}
}
