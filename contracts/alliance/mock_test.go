package alliance

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
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

// ---- transactions: a test contract whose execute returns a planned response ----

// planMsg is {"plan":"<name>"}: execute writes "executed" and returns plans[name]; a reply writes
// "reply:<id>" = the result it saw and fails when the payload is "fail".
type planMsg struct{ name string }

func (p *planMsg) UnmarshalJSON(b []byte) error {
	return cwjson.Unmarshal(b, decodable(func(r *cwjson.Reader) error {
		return r.Object(func(key string) error {
			if key != "plan" {
				return cwjson.UnknownField(key)
			}
			var err error
			p.name, err = r.String()
			return err
		})
	}))
}

var plans = map[string]std.Response{}

func init() {
	std.Register(
		std.OnExecute(func(deps *std.Deps, env std.Env, info std.MessageInfo, msg planMsg) (std.Response, error) {
			deps.Storage.Set([]byte("executed"), []byte(msg.name))
			resp, ok := plans[msg.name]
			if !ok {
				return std.Response{}, errors.New("no plan " + msg.name)
			}
			return resp, nil
		}),
		std.OnReply(func(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
			seen := r.Result.Err
			if r.Result.Ok != nil {
				seen = "ok"
				for _, mr := range r.Result.Ok.MsgResponses {
					seen += " " + mr.TypeURL
				}
			}
			deps.Storage.Set([]byte("reply:"+strconv.FormatUint(r.ID, 10)), []byte(seen))
			if string(r.Payload) == "fail" {
				return std.Response{}, errors.New("reply refuses")
			}
			return std.Response{}, nil
		}),
	)
}

func stored(m *Mock, key string) string {
	v, ok := m.Host.Storage.Get([]byte(key))
	if !ok {
		return "<absent>"
	}
	return string(v)
}

func sub(id uint64, msg std.CosmosMsg, on std.ReplyOn, payload string) std.SubMsg {
	s := std.NewSubMsg(id, msg, on)
	s.Payload = []byte(payload)
	return s
}

// toVM encodes a std.Response as the VM hands it to wasmd.
func toVM(t *testing.T, r std.Response) *wasmvmtypes.Response {
	t.Helper()
	var out wasmvmtypes.Response
	if err := json.Unmarshal(cwjson.Marshal(r), &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// On chain a message that fails without a reply on error fails the whole transaction: the
// delegation and the bank send before it are reverted with it (the mock used to keep them).
func TestMockRunRevertsEverythingOnFailure(t *testing.T) {
	m, _, c := setupMock(t)
	resp := std.Response{}.
		WithMessage(DelegateMsg("val1", coinOf(100, "uasset"))).
		WithMessage(std.BankSendMsg("bob", coinOf(7, "uasset"))).
		WithMessage(UndelegateMsg("val2", coinOf(1, "uasset"))) // no delegation on val2
	err := m.Run(toVM(t, resp))
	if err == nil || err.Error() != "delegation not found" {
		t.Fatalf("run: %v", err)
	}
	if m.Balance(c, "uasset") != u(1000) || !m.Balance("bob", "uasset").IsZero() || !m.Delegation(c, "val1", "uasset").IsZero() {
		t.Fatalf("failed run kept writes: contract %s, bob %s, delegation %s", m.Balance(c, "uasset"), m.Balance("bob", "uasset"), m.Delegation(c, "val1", "uasset"))
	}
}

// wasmd: a sub-message that fails with reply_on error has its own writes reverted, the reply
// runs with the (redacted) error and its writes are kept; later messages still run.
func TestMockFailedSubMessageRevertsOnlyItself(t *testing.T) {
	m, _, c := setupMock(t)
	m.WasmExecute = func(sender, contract string, msg []byte, funds []std.Coin) error {
		return errors.New("target says no")
	}
	exec, _ := std.WasmExecuteMsg("target", cwjson.RawMessage(`{"x":{}}`), coinOf(50, "uasset"))
	resp := std.Response{}.
		WithMessage(DelegateMsg("val1", coinOf(100, "uasset"))).
		WithSubMessage(sub(1, exec, std.ReplyError, "")).                                           // funds moved, then reverted
		WithSubMessage(sub(2, UndelegateMsg("val2", coinOf(1, "uasset")), std.ReplyAlways, "")).    // alliance error 12
		WithSubMessage(sub(3, std.BankSendMsg("bob", coinOf(5000, "uasset")), std.ReplyError, "")). // bank error sdk/5
		WithSubMessage(sub(4, ClaimRewardsMsg("val1", "uasset"), std.ReplySuccess, "")).
		WithSubMessage(sub(5, std.BankSendMsg("bob", coinOf(1, "uasset")), std.ReplyError, "")) // succeeds: no reply
	if err := m.Run(toVM(t, resp)); err != nil {
		t.Fatal(err)
	}
	// 1000 − 100 delegated − 1 sent to bob; the 50 sent with the failed execute came back.
	if m.Balance(c, "uasset") != u(899) || !m.Balance("target", "uasset").IsZero() || m.Balance("bob", "uasset") != u(1) || m.Delegation(c, "val1", "uasset") != u(100) {
		t.Fatalf("contract %s, target %s, bob %s", m.Balance(c, "uasset"), m.Balance("target", "uasset"), m.Balance("bob", "uasset"))
	}
	for key, want := range map[string]string{
		"reply:1": "target says no: execute wasm contract failed", // a contract's error is deterministic: not redacted
		"reply:2": "codespace: alliance, code: 12",
		"reply:3": "codespace: sdk, code: 5",
		"reply:4": "ok " + bt.TypeURLClaimRewardsResponse,
		"reply:5": "<absent>",
	} {
		if got := stored(m, key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// wasmd: if the reply itself fails, the whole call fails and everything is reverted, the
// sub-message's successful writes and the reply's own included.
func TestMockFailingReplyRevertsTheCall(t *testing.T) {
	m, _, c := setupMock(t)
	resp := std.Response{}.
		WithMessage(DelegateMsg("val1", coinOf(100, "uasset"))).
		WithSubMessage(sub(7, std.BankSendMsg("bob", coinOf(10, "uasset")), std.ReplySuccess, "fail"))
	err := m.Run(toVM(t, resp))
	if err == nil || err.Error() != "reply 7: reply refuses" {
		t.Fatalf("run: %v", err)
	}
	if m.Balance(c, "uasset") != u(1000) || !m.Balance("bob", "uasset").IsZero() || !m.Delegation(c, "val1", "uasset").IsZero() || stored(m, "reply:7") != "<absent>" {
		t.Fatal("a failed reply kept writes")
	}
}

// Execute is a whole transaction: funds, the contract's execute, its messages and replies.
func TestMockExecuteIsOneTransaction(t *testing.T) {
	m, _, c := setupMock(t)
	alice := m.Host.API.Addr("alice")
	m.Fund(alice, coinOf(40, "uasset"))
	plans["stake"] = std.Response{}.WithMessage(DelegateMsg("val1", coinOf(1040, "uasset")))
	plans["stake-then-fail"] = std.Response{}.
		WithMessage(DelegateMsg("val1", coinOf(1040, "uasset"))).
		WithMessage(UndelegateMsg("val2", coinOf(1, "uasset")))
	if _, err := m.Execute(alice, []byte(`{"plan":"stake-then-fail"}`), coinOf(40, "uasset")); err == nil {
		t.Fatal("failing plan accepted")
	}
	if m.Balance(alice, "uasset") != u(40) || m.Balance(c, "uasset") != u(1000) || !m.Delegation(c, "val1", "uasset").IsZero() || stored(m, "executed") != "<absent>" {
		t.Fatal("failed transaction kept writes")
	}
	if _, err := m.Execute(alice, []byte(`{"plan":"stake"}`), coinOf(41, "uasset")); err == nil || Redact(err) != "codespace: sdk, code: 5" {
		t.Fatalf("funds beyond the sender's balance: %v", err)
	}
	if _, err := m.Execute(alice, []byte(`{"plan":"stake"}`), coinOf(40, "uasset")); err != nil {
		t.Fatal(err)
	}
	if !m.Balance(alice, "uasset").IsZero() || !m.Balance(c, "uasset").IsZero() || m.Delegation(c, "val1", "uasset") != u(1040) || stored(m, "executed") != "stake" {
		t.Fatal("transaction not applied")
	}
}
