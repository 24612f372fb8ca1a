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
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
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
	if err != nil || len(ub.Unbondings) != 1 || ub.Unbondings[0] != (bt.Unbonding{Validator: "val2", Denom: "uasset", Amount: "60", CompletionTime: want, CreationHeight: 12345}) {
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

// ---- chain events, each checked against x/alliance's rules ----

const day = 24 * 3600 * 1_000_000_000

func apply(t *testing.T, m *Mock, sender string, msg std.CosmosMsg) []std.MsgResponse {
	t.Helper()
	res, err := m.Apply(sender, msg.Custom)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func refused(t *testing.T, m *Mock, sender string, msg std.CosmosMsg, want string) {
	t.Helper()
	if _, err := m.Apply(sender, msg.Custom); err == nil || Redact(err) != want {
		t.Fatalf("%s: %v (redacted %q), want %s", msg.Custom, err, func() string {
			if err == nil {
				return ""
			}
			return Redact(err)
		}(), want)
	}
}

// x/alliance with a validator x/staking removed: the stake stays listed and can leave (undelegate,
// redelegate away, claim) but nothing can join it; the delegation query answers while the module
// books stake on it (NotFound for a removed validator that never had any), alliance_validator
// answers NotFound.
func TestMockRemovedValidatorLikeXAlliance(t *testing.T) {
	host := std.NewMock()
	m := NewMock(host, []string{"uasset"}, []string{"val1", "val2", "val3"})
	q, c := std.Querier{Chain: host.Querier}, host.Env.Contract.Address
	m.Fund(c, coinOf(1000, "uasset"))
	m.Host.Querier.Validators = []std.Validator{{Address: "val1"}, {Address: "val2"}, {Address: "val3"}}
	apply(t, m, c, DelegateMsg("val1", coinOf(600, "uasset")))
	apply(t, m, c, DelegateMsg("val2", coinOf(400, "uasset")))
	if err := m.AddRewards(c, "val2", "uasset", coinOf(9, "stake")); err != nil {
		t.Fatal(err)
	}
	m.RemoveValidator("val2")
	m.RemoveValidator("val3") // nothing was ever staked on it

	if a, err := QueryDelegationAmount(q, "uasset", c, "val2"); err != nil || a != u(400) {
		t.Fatalf("delegation query on a removed validator with stake: %s %v", a, err)
	}
	if _, err := QueryDelegationAmount(q, "uasset", c, "val3"); err == nil || !strings.Contains(err.Error(), "NotFound") {
		t.Fatalf("delegation query on a removed validator without stake: %v", err)
	}
	if _, err := QueryValidator(q, "val2"); err == nil || !strings.Contains(err.Error(), "NotFound") {
		t.Fatalf("alliance_validator query on a removed validator: %v", err)
	}
	stakes, total, err := QueryStakes(q, c, "uasset", 2)
	if err != nil || total != u(1000) || len(stakes) != 2 || stakes[1] != (Stake{"val2", u(400)}) {
		t.Fatalf("delegations list: %+v %s %v", stakes, total, err)
	}
	if v, err := q.QueryValidator("val2"); err != nil || v != nil {
		t.Fatalf("staking validator query: %+v %v", v, err)
	}
	if vs, err := q.QueryAllValidators(); err != nil || len(vs) != 1 || vs[0].Address != "val1" {
		t.Fatalf("all_validators: %+v %v", vs, err)
	}
	refused(t, m, c, DelegateMsg("val3", coinOf(1, "uasset")), "codespace: alliance, code: 11")
	// Nothing joins it: delegate and redelegate-to fail with x/alliance's ErrValidatorNotFound (11).
	refused(t, m, c, DelegateMsg("val2", coinOf(1, "uasset")), "codespace: alliance, code: 11")
	refused(t, m, c, RedelegateMsg("val1", "val2", coinOf(1, "uasset")), "codespace: alliance, code: 11")
	if err := m.AddRewards(c, "val2", "uasset", coinOf(1, "stake")); err == nil {
		t.Fatal("a removed validator earned rewards")
	}
	// Everything can leave: claim (9 booked before the removal), redelegate away, undelegate.
	apply(t, m, c, ClaimRewardsMsg("val2", "uasset"))
	apply(t, m, c, RedelegateMsg("val2", "val1", coinOf(150, "uasset")))
	apply(t, m, c, UndelegateMsg("val2", coinOf(250, "uasset")))
	if m.Balance(c, "stake") != u(9) || m.Delegation(c, "val1", "uasset") != u(750) || m.Delegation(c, "val2", "uasset") != (std.Uint128{}) ||
		len(m.Unbondings(c)) != 1 {
		t.Fatalf("stake %s, val1 %s, val2 %s", m.Balance(c, "stake"), m.Delegation(c, "val1", "uasset"), m.Delegation(c, "val2", "uasset"))
	}
}

// A jailed validator leaves the bonded set but still exists: x/alliance accepts delegations to it
// (Delegate only asks x/staking whether it exists), and it earns nothing until unjailed.
func TestMockJailedValidatorAcceptsStakeEarnsNothing(t *testing.T) {
	host := std.NewMock()
	m := NewMock(host, []string{"uasset", "ubeta"}, []string{"val1", "val2"})
	q := std.Querier{Chain: host.Querier}
	c, d2 := host.Env.Contract.Address, "d2"
	host.Querier.Validators = []std.Validator{{Address: "val1"}, {Address: "val2"}}
	beta := m.Alliances["ubeta"]
	beta.RewardWeight = "0.500000000000000000"
	m.Alliances["ubeta"] = beta
	m.Fund(c, coinOf(600, "uasset"))
	m.Fund(d2, coinOf(600, "ubeta"))

	m.Jail("val1")
	if vs, err := q.QueryAllValidators(); err != nil || len(vs) != 1 || vs[0].Address != "val2" {
		t.Fatalf("all_validators lists the bonded set only: %+v %v", vs, err)
	}
	if v, err := q.QueryValidator("val1"); err != nil || v == nil || v.Address != "val1" {
		t.Fatalf("a jailed validator still exists: %+v %v", v, err)
	}
	apply(t, m, c, DelegateMsg("val1", coinOf(600, "uasset")))
	apply(t, m, d2, DelegateMsg("val1", coinOf(600, "ubeta")))
	if m.Active("val1") || m.RewardValidator("val1", coinOf(100, "stake")) == nil || m.AddRewards(c, "val1", "uasset", coinOf(1, "stake")) == nil {
		t.Fatal("a jailed validator earned rewards")
	}
	m.Unjail("val1")
	if vs, _ := q.QueryAllValidators(); len(vs) != 2 {
		t.Fatal("unjailed validator not back in the bonded set")
	}
	// 100 stake by weight: uasset 600 × 1 = 600, ubeta 600 × 0.5 = 300: floor(100·600/900) = 66,
	// floor(100·300/900) = 33; the 1 of dust is not paid.
	if err := m.RewardValidator("val1", coinOf(100, "stake")); err != nil {
		t.Fatal(err)
	}
	if err := m.RewardValidator("val1", coinOf(100, "ujunk")); err == nil {
		t.Fatal("a junk denom was paid as an alliance reward")
	}
	if m.PendingRewards(c, "val1", "uasset", "stake") != u(66) || m.PendingRewards(d2, "val1", "ubeta", "stake") != u(33) {
		t.Fatalf("rewards %s / %s", m.PendingRewards(c, "val1", "uasset", "stake"), m.PendingRewards(d2, "val1", "ubeta", "stake"))
	}
}

// Governance changes the unbonding time: existing entries keep their completion time, new ones
// use the new time, so a later entry can mature first; the staking time is the mock's one field.
func TestMockUnbondingTimeChangeMaturesOutOfOrder(t *testing.T) {
	m, _, c := setupMock(t)
	t0 := uint64(m.Host.Env.Block.Time)
	apply(t, m, c, DelegateMsg("val1", coinOf(100, "uasset")))
	first, err := UndelegateResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: apply(t, m, c, UndelegateMsg("val1", coinOf(10, "uasset")))}}})
	if err != nil || first.CompletionTime != t0+21*day {
		t.Fatalf("first completion %d %v", first.CompletionTime, err)
	}
	m.SetUnbondingTime(7 * day)
	if m.UnbondingTime != 7*day {
		t.Fatal("SetUnbondingTime does not set UnbondingTime")
	}
	m.Host.Env.Block.Time = std.Timestamp(t0 + day)
	second, err := UndelegateResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: apply(t, m, c, UndelegateMsg("val1", coinOf(20, "uasset")))}}})
	if err != nil || second.CompletionTime != t0+8*day {
		t.Fatalf("second completion %d %v", second.CompletionTime, err)
	}
	m.Host.Env.Block.Time = std.Timestamp(t0 + 8*day)
	m.MatureUnbondings()
	// 1000 − 100 delegated + 20 matured; the first entry (10) still waits for day 21.
	if m.Balance(c, "uasset") != u(920) || len(m.Unbondings(c)) != 1 || m.Unbondings(c)[0].Amount != "10" {
		t.Fatalf("balance %s, entries %+v", m.Balance(c, "uasset"), m.Unbondings(c))
	}
}

// x/alliance/keeper/unbonding.go: at most MaxEntries entries per (delegator, validator, denom),
// counted until EndBlock pays them (a matured entry still counts within its block); redelegations:
// at most MaxEntries per (delegator, src, dst, denom) and no hop out of a redelegation's
// destination while it is immature.
func TestMockEntryCapsLikeXAlliance(t *testing.T) {
	host := std.NewMock()
	m := NewMock(host, []string{"uasset", "ubeta"}, []string{"val1", "val2", "val3"})
	c := host.Env.Contract.Address
	m.Fund(c, coinOf(1000, "uasset"), coinOf(10, "ubeta"))
	apply(t, m, c, DelegateMsg("val1", coinOf(500, "uasset")))
	apply(t, m, c, DelegateMsg("val2", coinOf(100, "uasset")))
	apply(t, m, c, DelegateMsg("val1", coinOf(10, "ubeta")))
	for i := 0; i < 7; i++ {
		apply(t, m, c, UndelegateMsg("val1", coinOf(1, "uasset")))
	}
	refused(t, m, c, UndelegateMsg("val1", coinOf(1, "uasset")), "codespace: alliance, code: 56")
	apply(t, m, c, UndelegateMsg("val2", coinOf(1, "uasset"))) // another validator: its own cap
	apply(t, m, c, UndelegateMsg("val1", coinOf(1, "ubeta")))  // another denom: its own cap
	m.Host.Env.Block.Time += 21 * day
	refused(t, m, c, UndelegateMsg("val1", coinOf(1, "uasset")), "codespace: alliance, code: 56") // EndBlock not yet run
	m.MatureUnbondings()
	apply(t, m, c, UndelegateMsg("val1", coinOf(1, "uasset")))

	for i := 0; i < 7; i++ {
		apply(t, m, c, RedelegateMsg("val1", "val2", coinOf(1, "uasset")))
	}
	refused(t, m, c, RedelegateMsg("val1", "val2", coinOf(1, "uasset")), "codespace: alliance, code: 57")
	apply(t, m, c, RedelegateMsg("val1", "val3", coinOf(1, "uasset")))                                    // another destination
	refused(t, m, c, RedelegateMsg("val2", "val3", coinOf(1, "uasset")), "codespace: alliance, code: 55") // val2 received an immature redelegation
	refused(t, m, c, RedelegateMsg("val1", "val1", coinOf(1, "uasset")), "codespace: wasm, code: 10")     // the encoder refuses it
	m.Host.Env.Block.Time += 21 * day
	m.MatureUnbondings()
	apply(t, m, c, RedelegateMsg("val2", "val3", coinOf(1, "uasset")))
}

// x/alliance/keeper/slash.go: bonded stake loses floor(f × T) per (validator, denom), shared by
// its delegations pro rata (rounded down); immature redelegations from the validator lose
// floor(f × balance) from their destination; immature unbonding entries floor(f × balance);
// matured ones nothing. Slashed coins go to the fee collector.
func TestMockSlashLikeXAlliance(t *testing.T) {
	m, _, c := setupMock(t)
	d2 := "d2"
	m.Fund(d2, coinOf(300, "uasset"))
	t0 := uint64(m.Host.Env.Block.Time)
	apply(t, m, c, DelegateMsg("val1", coinOf(756, "uasset")))
	apply(t, m, d2, DelegateMsg("val1", coinOf(300, "uasset")))
	apply(t, m, c, UndelegateMsg("val1", coinOf(55, "uasset"))) // entry A, completes t0+21d
	m.Host.Env.Block.Time = std.Timestamp(t0 + 21*day)          // A has matured, EndBlock not run
	apply(t, m, c, RedelegateMsg("val1", "val2", coinOf(100, "uasset")))
	apply(t, m, c, UndelegateMsg("val1", coinOf(40, "uasset"))) // entry B, completes t0+42d
	if err := m.AddRewards(c, "val2", "uasset", coinOf(7, "stake")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []std.Decimal{{}, std.DecimalFromAtomics(u(1_000_000_000_000_000_001))} {
		if err := m.Slash("val1", f); err == nil {
			t.Fatalf("slash fraction %s accepted", f)
		}
	}
	ten, _ := std.DecimalPercent(10)
	if err := m.Slash("val1", ten); err != nil {
		t.Fatal(err)
	}
	// Bonded on val1: T = 561 + 300 = 861, cut floor(86.1) = 86, left 775: c floor(561·775/861)
	// = 504, d2 floor(300·775/861) = 270 (1 of dust stays in the module).
	// Redelegation 100 → cut 10 from c's val2 delegation (its 7 stake paid first); entry B
	// 40 → 36; entry A (matured) untouched. Fee collector: 86 + 10 + 4 = 100.
	if m.Delegation(c, "val1", "uasset") != u(504) || m.Delegation(d2, "val1", "uasset") != u(270) || m.Delegation(c, "val2", "uasset") != u(90) {
		t.Fatalf("delegations %s %s %s", m.Delegation(c, "val1", "uasset"), m.Delegation(d2, "val1", "uasset"), m.Delegation(c, "val2", "uasset"))
	}
	ub := m.Unbondings(c)
	if len(ub) != 2 || ub[0].Amount != "55" || ub[1].Amount != "36" || m.redelegations[0].Amount != "90" {
		t.Fatalf("entries %+v, redelegation %+v", ub, m.redelegations)
	}
	if m.Balance(c, "stake") != u(7) || m.Balance(FeeCollectorAccount, "uasset") != u(100) || m.Balance(ModuleAccount, "uasset") != u(1056-100) {
		t.Fatalf("stake %s, fee collector %s, module %s", m.Balance(c, "stake"), m.Balance(FeeCollectorAccount, "uasset"), m.Balance(ModuleAccount, "uasset"))
	}
	// A 100 % slash of val1: bonded 504 + 270 = 774, the immature redelegation's 90 (all of c's
	// val2 delegation), entry B's 36; fee collector 100 + 900 = 1000. The delegations left on
	// val1 and val2 are worth 0: no new stake can join them (ErrWorthlessShares, 58), directly or
	// by redelegation; a validator with value (val3) is unaffected.
	if err := m.Slash("val1", std.DecimalOne()); err != nil {
		t.Fatal(err)
	}
	if m.Balance(FeeCollectorAccount, "uasset") != u(1000) || m.Balance(ModuleAccount, "uasset") != u(956-900) {
		t.Fatalf("fee collector %s, module %s", m.Balance(FeeCollectorAccount, "uasset"), m.Balance(ModuleAccount, "uasset"))
	}
	m.Validators["val3"] = true
	m.Fund(d2, coinOf(10, "uasset"))
	apply(t, m, d2, DelegateMsg("val3", coinOf(5, "uasset")))
	refused(t, m, d2, DelegateMsg("val1", coinOf(1, "uasset")), "codespace: alliance, code: 58")
	refused(t, m, d2, DelegateMsg("val2", coinOf(1, "uasset")), "codespace: alliance, code: 58")
	refused(t, m, d2, RedelegateMsg("val3", "val1", coinOf(1, "uasset")), "codespace: alliance, code: 58")
	apply(t, m, d2, DelegateMsg("val3", coinOf(5, "uasset")))
	m.MatureUnbondings() // pays A (55) from the module
	if m.Balance(c, "uasset") != u(1000-756+55) || m.Balance(ModuleAccount, "uasset") != u(956-900+10-55) {
		t.Fatalf("after maturity: %s, module %s", m.Balance(c, "uasset"), m.Balance(ModuleAccount, "uasset"))
	}
	// Like x/alliance (audit S4): an undelegation closes c's worthless val1 delegation whatever
	// amount is asked, at once (completion now, no unbonding entry: c keeps its one entry B, cut
	// to 0). d2's own worthless delegation is then the only one on val1 and does not block d2's
	// new stake (the chain restarts the position at 1:1); c's worthless val2 delegation still
	// blocks d2 there.
	resp, err := m.Apply(c, UndelegateMsg("val1", coinOf(7, "uasset")).Custom)
	if err != nil || len(resp) != 1 || string(resp[0].Value) != string(EncodeExitResponse(m.now(), nil, bt.Coin{Denom: "uasset", Amount: "0"})) {
		t.Fatalf("closing a worthless delegation: %v %v", resp, err)
	}
	if _, open := m.dels[delKey{c, "val1", "uasset"}]; open || len(m.Unbondings(c)) != 1 {
		t.Fatalf("after close: delegation open %v, entries %+v", open, m.Unbondings(c))
	}
	m.Fund(d2, coinOf(2, "uasset"))
	refused(t, m, d2, DelegateMsg("val2", coinOf(1, "uasset")), "codespace: alliance, code: 58")
	apply(t, m, d2, DelegateMsg("val1", coinOf(1, "uasset")))
	if m.Delegation(d2, "val1", "uasset") != u(1) {
		t.Fatalf("restarted position: %s", m.Delegation(d2, "val1", "uasset"))
	}
}

// x/alliance/keeper/take_rate.go: the asset's total T loses floor(T × (1 − (1 − rate)^n)), never
// its last token; delegations keep their pro-rata share, rounded down.
func TestMockTakeRateLikeXAlliance(t *testing.T) {
	m, q, c := setupMock(t)
	m.Fund("d2", coinOf(500, "uasset"))
	apply(t, m, c, DelegateMsg("val1", coinOf(1000, "uasset")))
	apply(t, m, "d2", DelegateMsg("val2", coinOf(500, "uasset")))
	one, _ := std.DecimalPercent(1)
	if err := m.SetTakeRate("uasset", one); err != nil {
		t.Fatal(err)
	}
	if a, err := QueryAlliance(q, "uasset"); err != nil || a.TakeRate != "0.010000000000000000" {
		t.Fatalf("alliance %+v %v", a, err)
	}
	if got, err := m.DeductTakeRate("uasset", 0); err != nil || !got.IsZero() {
		t.Fatalf("no interval: %s %v", got, err)
	}
	// n = 2: 1 − 0.99² = 0.0199, floor(1500 · 0.0199) = 29; left 1471: c floor(1000·1471/1500) =
	// 980, d2 floor(500·1471/1500) = 490.
	got, err := m.DeductTakeRate("uasset", 2)
	if err != nil || got != u(29) || m.Delegation(c, "val1", "uasset") != u(980) || m.Delegation("d2", "val2", "uasset") != u(490) ||
		m.Balance(FeeCollectorAccount, "uasset") != u(29) {
		t.Fatalf("deducted %s %v: %s / %s", got, err, m.Delegation(c, "val1", "uasset"), m.Delegation("d2", "val2", "uasset"))
	}
	// 99 % over 10 intervals would take all but 1e-20 of it: the last token stays (1470 − 1 taken).
	rate, _ := std.DecimalPercent(99)
	if err := m.SetTakeRate("uasset", rate); err != nil {
		t.Fatal(err)
	}
	if got, err := m.DeductTakeRate("uasset", 10); err != nil || got != u(1469) {
		t.Fatalf("capped deduction %s %v", got, err)
	}
}

// TestMockForwardsTheTokenFactory: with AddTokenFactory the mock runs {"token_factory": …}
// messages and answers their queries next to the alliance ones, and a transaction that fails
// after a token factory message reverts it, as the chain does.
func TestMockForwardsTheTokenFactory(t *testing.T) {
	m, q, c := setupMock(t)
	tf := m.AddTokenFactory()
	m.Fund(c, coinOf(10_000_000, "stake")) // the default creation fee
	denom, bob := tokenfactory.FullDenom(c, "share"), m.Host.API.Addr("bob")
	sub := func(msg std.CosmosMsg) wasmvmtypes.SubMsg {
		return wasmvmtypes.SubMsg{Msg: wasmvmtypes.CosmosMsg{Custom: []byte(msg.Custom)}, ReplyOn: wasmvmtypes.ReplyNever}
	}
	// create + mint 5 to bob, then a delegation of 2,000 uasset (the contract has 1,000): all reverted.
	bad := &wasmvmtypes.Response{Messages: []wasmvmtypes.SubMsg{
		sub(tokenfactory.CreateDenomMsg("share", nil)), sub(tokenfactory.MintMsg(denom, u(5), bob)),
		sub(DelegateMsg("val1", coinOf(2000, "uasset"))),
	}}
	if err := m.Run(bad); err == nil || !strings.Contains(err.Error(), "insufficient") {
		t.Fatalf("delegating more than the balance: %v", err)
	}
	if _, ok := tf.Admin(denom); ok || !tf.Balance(bob, denom).IsZero() || m.Balance(c, "stake") != u(10_000_000) {
		t.Fatalf("failed run left the denom %v, bob %s, fee paid %s", ok, tf.Balance(bob, denom), m.Balance(c, "stake"))
	}
	// The same without the failing delegation: the fee goes to the community pool, bob holds 5.
	bad.Messages = bad.Messages[:2]
	if err := m.Run(bad); err != nil {
		t.Fatal(err)
	}
	if a, ok := tf.Admin(denom); !ok || a != c || tf.Balance(bob, denom) != u(5) || !m.Balance(c, "stake").IsZero() {
		t.Fatalf("admin %q %v, bob %s, contract stake %s", a, ok, tf.Balance(bob, denom), m.Balance(c, "stake"))
	}
	// Both modules' queries are answered.
	if p, err := tokenfactory.QueryParams(q); err != nil || p.DenomCreationFee[0].Amount != "10000000" {
		t.Fatalf("token factory params %+v %v", p, err)
	}
	if a, err := QueryAlliance(q, "uasset"); err != nil || a.Denom != "uasset" {
		t.Fatalf("alliance query %+v %v", a, err)
	}
}
