package main

import (
	"encoding/json"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// Unit tests of the counter on the native mock host: handlers called directly (typed), the same
// flows through the JSON entry points (as the VM calls them), and whole transactions on the test
// app (contracts/std/stdtest: funds moved, messages and replies run, reverted on error).

func setup(t *testing.T) (*stdtest.App, string) {
	t.Helper()
	a := stdtest.New(t, nil, nil)
	owner := a.Addr("owner")
	a.Instantiate(owner, `{"count":"5","denom":"ustake"}`)
	return a, owner
}

func attrs(as []wasmvmtypes.EventAttribute) map[string]string {
	out := map[string]string{}
	for _, a := range as {
		out[a.Key] = a.Value
	}
	return out
}

func TestInstantiateDirect(t *testing.T) {
	m := std.NewMock()
	deps := m.Deps()
	resp, err := instantiate(deps, m.Env, std.Info("o"), InstantiateMsg{Count: std.NewUint128(3), Denom: "ustake"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Attributes) != 3 || resp.Attributes[2] != (std.Attribute{Key: "count", Value: "3"}) {
		t.Fatalf("attributes %+v", resp.Attributes)
	}
	cfg, err := config.Load(deps.Storage)
	if err != nil || cfg != (Config{Owner: "o", Count: std.NewUint128(3), Denom: "ustake"}) {
		t.Fatalf("config %+v %v", cfg, err)
	}
	if _, err := instantiate(deps, m.Env, std.Info("o"), InstantiateMsg{}); err == nil || err.Error() != "denom must not be empty" {
		t.Fatalf("empty denom: %v", err)
	}
}

func TestIncrementAndTally(t *testing.T) {
	a, _ := setup(t)
	m := a.Host
	alice, bob := m.API.Addr("alice"), m.API.Addr("bob")
	for _, who := range []string{alice, bob, alice} {
		if _, err := m.Execute(std.Info(who), []byte(`{"increment":{}}`)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := m.Execute(std.Info(bob), []byte(`{"increment":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 || res.Events[0].Type != "counter" {
		t.Fatalf("events %+v", res.Events)
	}
	if got := attrs(res.Events[0].Attributes); got["count"] != "9" || got["sender_count"] != "2" || got["sender"] != bob {
		t.Fatalf("event attributes %v", got)
	}
	out, err := m.Query([]byte(`{"count":{}}`))
	if err != nil || string(out) != `{"count":"9","owner":"`+m.API.Addr("owner")+`","forwarded":"0"}` {
		t.Fatalf("count: %s %v", out, err)
	}
	first, second := alice, bob
	if bob < alice {
		first, second = bob, alice
	}
	out, err = m.Query([]byte(`{"tally":{"limit":1}}`))
	if err != nil || string(out) != `{"entries":[{"address":"`+first+`","count":"2"}]}` {
		t.Fatalf("tally page 1: %s %v", out, err)
	}
	out, err = m.Query([]byte(`{"tally":{"start_after":"` + first + `","limit":1}}`))
	if err != nil || string(out) != `{"entries":[{"address":"`+second+`","count":"2"}]}` {
		t.Fatalf("tally page 2: %s %v", out, err)
	}
	out, _ = m.Query([]byte(`{"tally":{"start_after":"` + second + `"}}`))
	if string(out) != `{"entries":[]}` {
		t.Fatalf("tally page 3: %s", out)
	}
}

func TestIncrementOverflowIsAnError(t *testing.T) {
	m := std.NewMock()
	if _, err := m.Instantiate(std.Info("o"), []byte(`{"count":"340282366920938463463374607431768211455","denom":"u"}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Execute(std.Info("a"), []byte(`{"increment":{}}`)); err == nil || err.Error() != "overflow" {
		t.Fatalf("overflow: %v", err)
	}
	// Nothing was written by the failed call's config update (the tally was not reached).
	if m.Storage.Len() != 1 {
		t.Fatalf("%d keys after failed increment", m.Storage.Len())
	}
}

func TestIncrementBeforeInstantiate(t *testing.T) {
	m := std.NewMock()
	if _, err := m.Execute(std.Info("a"), []byte(`{"increment":{}}`)); err == nil || err.Error() != "not instantiated" {
		t.Fatalf("%v", err)
	}
	if _, err := m.Query([]byte(`{"count":{}}`)); err == nil || err.Error() != "config not found" {
		t.Fatalf("%v", err)
	}
}

func TestReset(t *testing.T) {
	a, owner := setup(t)
	m := a.Host
	if _, err := m.Execute(std.Info(m.API.Addr("eve")), []byte(`{"reset":{"count":"0"}}`)); err == nil || err.Error() != errUnauthorized.Error() {
		t.Fatalf("non-owner reset: %v", err)
	}
	res, err := m.Execute(std.Info(owner), []byte(`{"reset":{"count":"77"}}`))
	if err != nil || attrs(res.Attributes)["count"] != "77" {
		t.Fatalf("reset: %+v %v", res, err)
	}
	cfg, _ := config.Load(m.Storage)
	if cfg.Count.String() != "77" {
		t.Fatalf("count after reset %s", cfg.Count)
	}
}

// Alice forwards 40ustake to bob in one transaction: her coins reach the contract, its bank
// send pays bob, and the reply on success adds the payload (40) to "forwarded"; a second forward
// of 2 makes it 42. Balances by hand: alice 0 (the coins minted to her moved), contract 0, bob 42.
func TestForwardAndReply(t *testing.T) {
	a, _ := setup(t)
	alice, bob := a.Addr("alice"), a.Addr("bob")
	res := a.Exec(alice, `{"forward":{"to":"`+bob+`"}}`, std.NewCoin(40, "ustake"))
	if len(res.Messages) != 1 {
		t.Fatalf("%d messages", len(res.Messages))
	}
	sub := res.Messages[0]
	if sub.ID != replyForward || string(sub.Payload) != "40" || sub.GasLimit != nil || sub.ReplyOn != wasmvmtypes.ReplySuccess ||
		sub.Msg.Bank == nil || sub.Msg.Bank.Send == nil || sub.Msg.Bank.Send.ToAddress != bob ||
		len(sub.Msg.Bank.Send.Amount) != 1 || sub.Msg.Bank.Send.Amount[0] != (wasmvmtypes.Coin{Denom: "ustake", Amount: "40"}) {
		t.Fatalf("sub-message %+v", sub)
	}
	a.Exec(alice, `{"forward":{"to":"`+bob+`"}}`, std.NewCoin(2, "ustake"))
	for addr, want := range map[string]uint64{alice: 0, a.Contract: 0, bob: 42} {
		if got := a.Balance(addr, "ustake"); got != std.NewUint128(want) {
			t.Fatalf("balance of %s: %s, want %d", addr, got, want)
		}
	}
	// Refused forwards change nothing: the coins sent along go back to alice.
	for _, bad := range []string{strings.ToUpper(bob), "cosmos1abc", ""} {
		a.Fail(alice, `{"forward":{"to":"`+bad+`"}}`, "invalid recipient", std.NewCoin(1, "ustake"))
	}
	a.Fail(alice, `{"forward":{"to":"`+bob+`"}}`, errNoFunds.Error(), std.NewCoin(1, "other"))
	if got := a.Balance(alice, "ustake"); got != std.NewUint128(3) {
		t.Fatalf("alice kept %s ustake of the 3 refused, want 3", got)
	}
	// Replies the app cannot produce (a bank send of coins the contract holds succeeds): an
	// error result and an unknown id are errors, a bad payload is refused.
	m := a.Host
	if _, err := m.Reply(std.Reply{ID: replyForward, Result: std.SubMsgResult{Err: "insufficient funds"}}); err == nil ||
		err.Error() != "forward failed: insufficient funds" {
		t.Fatalf("error reply: %v", err)
	}
	if _, err := m.Reply(std.Reply{ID: 9, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}}); err == nil || err.Error() != "unknown reply id" {
		t.Fatalf("unknown id: %v", err)
	}
	if _, err := m.Reply(std.Reply{ID: replyForward, Payload: []byte("x"), Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}}); err == nil {
		t.Fatal("bad payload accepted")
	}
	a.ExpectQuery(`{"count":{}}`, `{"count":"5","owner":"`+a.Addr("owner")+`","forwarded":"42"}`)
}

func TestCheckBalanceUsesQuerier(t *testing.T) {
	a, _ := setup(t)
	m := a.Host
	m.Querier.SetBalance(m.Env.Contract.Address, std.NewCoin(31, "ustake"))
	res, err := m.Execute(std.Info("x"), []byte(`{"check_balance":{}}`))
	if err != nil || attrs(res.Attributes)["balance"] != "31ustake" || string(res.Data) != "31" {
		t.Fatalf("check_balance: %+v %v", res, err)
	}
	if got := string(m.Querier.Requests[0]); got != `{"bank":{"balance":{"address":"`+m.Env.Contract.Address+`","denom":"ustake"}}}` {
		t.Fatalf("request %s", got)
	}
}

func TestMessageDecoding(t *testing.T) {
	a, _ := setup(t)
	m := a.Host
	bad := map[string]string{
		`{"increment":{"by":2}}`:              `unknown field "by"`,
		`{"increment":{},"check_balance":{}}`: "exactly one enum variant",
		`{}`:                                  "empty object",
		`{"reset":{"count":5}}`:               "expected a string",
		`{"reset":{"count":"5"}} trailing`:    "unexpected data",
		`[]`:                                  "expected an object",
		`{"forward":{"to":null}}`:             "expected a string",
	}
	for msg, want := range bad {
		_, err := m.Execute(std.Info("x"), []byte(msg))
		if err == nil || !strings.HasPrefix(err.Error(), "Error parsing into type message: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v (want %q)", msg, err, want)
		}
	}
	if _, err := m.Query([]byte(`{"tally":{"limit":-1}}`)); err == nil || !strings.Contains(err.Error(), "unsigned") {
		t.Errorf("negative limit: %v", err)
	}
	if _, err := m.Query([]byte(`{"tally":{"start_after":null,"limit":null}}`)); err != nil {
		t.Errorf("null options: %v", err)
	}
	if _, err := m.Instantiate(std.Info("x"), []byte(`{"count":"1","denom":"u","owner":"x"}`)); err == nil {
		t.Error("unknown instantiate field accepted")
	}
	var cfg Config
	if err := cfg.UnmarshalJSON([]byte(`{"owner":"o","count":"1","denom":"d","added_later":true}`)); err != nil || cfg.Owner != "o" {
		t.Errorf("stored config must tolerate new fields: %v", err)
	}
}

// FuzzCounter runs the counter's real entry points on arbitrary messages after a valid
// instantiate: every input gives an {"ok"}/{"error"} result, never a panic.
func FuzzCounter(f *testing.F) {
	for _, s := range []string{`{"increment":{}}`, `{"reset":{"count":"1"}}`, `{"forward":{"to":"x"}}`, `{"check_balance":{}}`,
		`{"count":{}}`, `{"tally":{"start_after":"a","limit":3}}`, `{"count":"1","denom":"u"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		m := std.NewMock()
		env, _ := m.Env.MarshalJSON()
		info, _ := std.Info(m.API.Addr("owner"), std.NewCoin(3, "u")).MarshalJSON()
		for _, out := range [][]byte{
			std.Dispatch(std.EntryInstantiate, m.Deps(), env, info, msg),
			std.Dispatch(std.EntryInstantiate, m.Deps(), env, info, []byte(`{"count":"1","denom":"u"}`)),
			std.Dispatch(std.EntryExecute, m.Deps(), env, info, msg),
			std.Dispatch(std.EntryQuery, m.Deps(), env, msg, nil),
			std.Dispatch(std.EntryReply, m.Deps(), env, msg, nil),
		} {
			var res map[string]json.RawMessage
			if err := json.Unmarshal(out, &res); err != nil || len(res) != 1 || (res["ok"] == nil && res["error"] == nil) {
				t.Fatalf("result %q for %q", out, msg)
			}
		}
	})
}
