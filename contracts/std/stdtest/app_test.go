//go:build !tinygo.wasm

package stdtest_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// A payer contract, registered for these tests only: pay records the amount asked and sends it
// to a recipient in a sub-message whose reply (on success) records the amount again, or fails
// when asked to; the state query shows both records.

const denom = "ustake"

type emptyMsg struct{}

func (m *emptyMsg) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &struct{}{}) }

type payMsg struct {
	Pay struct {
		To        string `json:"to"`
		Amount    uint64 `json:"amount"`
		FailReply bool   `json:"fail_reply"`
	} `json:"pay"`
}

func (m *payMsg) UnmarshalJSON(b []byte) error {
	type plain payMsg
	return json.Unmarshal(b, (*plain)(m))
}

type state struct {
	Asked   string `json:"asked"`
	Replied string `json:"replied"`
}

func (s state) MarshalJSON() ([]byte, error) {
	type plain state
	return json.Marshal(plain(s))
}

const (
	replyPay       = 1
	replyPayFailed = 2
)

func get(deps *std.Deps, key string) string {
	v, _ := deps.Storage.Get([]byte(key))
	return string(v)
}

func init() {
	std.Register(
		std.OnInstantiate(func(deps *std.Deps, _ std.Env, _ std.MessageInfo, _ emptyMsg) (std.Response, error) {
			deps.Storage.Set([]byte("asked"), []byte("none"))
			return std.Response{}, nil
		}),
		std.OnExecute(func(deps *std.Deps, _ std.Env, _ std.MessageInfo, m payMsg) (std.Response, error) {
			amount := std.NewUint128(m.Pay.Amount)
			deps.Storage.Set([]byte("asked"), []byte(amount.String()))
			id := uint64(replyPay)
			if m.Pay.FailReply {
				id = replyPayFailed
			}
			send := std.BankSendMsg(m.Pay.To, std.NewCoin(m.Pay.Amount, denom))
			sub := std.NewSubMsg(id, send, std.ReplySuccess)
			sub.Payload = []byte(amount.String())
			return std.Response{}.WithAttribute("asked", amount.String()).WithSubMessage(sub), nil
		}),
		std.OnReply(func(deps *std.Deps, _ std.Env, r std.Reply) (std.Response, error) {
			if r.ID == replyPayFailed {
				return std.Response{}, errors.New("reply refused")
			}
			deps.Storage.Set([]byte("replied"), r.Payload)
			return std.Response{}, nil
		}),
		std.OnQuery(func(deps *std.Deps, _ std.Env, _ emptyMsg) (std.JSONMarshaler, error) {
			return state{Asked: get(deps, "asked"), Replied: get(deps, "replied")}, nil
		}),
	)
}

func newApp(t *testing.T) (*stdtest.App, string, string) {
	a := stdtest.New(t, nil, nil)
	a.Instantiate(a.Addr("owner"), `{}`)
	return a, a.Addr("alice"), a.Addr("bob")
}

func pay(to string, amount uint64, failReply bool) string {
	b, _ := json.Marshal(payMsg{Pay: struct {
		To        string `json:"to"`
		Amount    uint64 `json:"amount"`
		FailReply bool   `json:"fail_reply"`
	}{to, amount, failReply}})
	return string(b)
}

func expectBalance(t *testing.T, a *stdtest.App, addr string, want uint64) {
	t.Helper()
	if got := a.Balance(addr, denom); got != std.NewUint128(want) {
		t.Fatalf("balance of %s: %s, want %d", addr, got, want)
	}
}

// Alice sends 100 with the call and asks the contract to pay bob 60: the funds reach the
// contract before it runs, the bank send runs, then the reply records the payload "60".
// Balances by hand: alice 0 (the 100 minted to her moved with the call), contract 100-60 = 40,
// bob 60.
func TestExecMovesFundsRunsMessagesAndReplies(t *testing.T) {
	a, alice, bob := newApp(t)
	resp := a.Exec(alice, pay(bob, 60, false), std.NewCoin(100, denom))
	stdtest.ExpectAttrs(t, resp, map[string]string{"asked": "60"})
	expectBalance(t, a, alice, 0)
	expectBalance(t, a, a.Contract, 40)
	expectBalance(t, a, bob, 60)
	a.ExpectQuery(`{}`, `{"asked":"60","replied":"60"}`)
}

// The contract holds 100 (an earlier call) and is asked for 150 with 10 more sent along: the
// bank send fails, so the whole transaction reverts: the "asked" write of execute, and the 10
// alice sent (they are back in her balance).
func TestFailedMessageRevertsStorageAndFunds(t *testing.T) {
	a, alice, bob := newApp(t)
	a.Exec(alice, pay(bob, 0, false), std.NewCoin(100, denom))
	a.Fail(alice, pay(bob, 150, false), "insufficient funds", std.NewCoin(10, denom))
	expectBalance(t, a, alice, 10)
	expectBalance(t, a, a.Contract, 100)
	expectBalance(t, a, bob, 0)
	a.ExpectQuery(`{}`, `{"asked":"0","replied":"0"}`)
}

// The bank send succeeds but the reply fails: wasmd reverts the sent coins with the rest.
func TestFailedReplyRevertsItsSubMessage(t *testing.T) {
	a, alice, bob := newApp(t)
	a.Fail(alice, pay(bob, 30, true), "reply 2: reply refused", std.NewCoin(50, denom))
	expectBalance(t, a, alice, 50)
	expectBalance(t, a, a.Contract, 0)
	expectBalance(t, a, bob, 0)
	a.ExpectQuery(`{}`, `{"asked":"none","replied":""}`)
}

// A failing call seen through Try returns its error, and the state is the one before it.
func TestTryReturnsTheError(t *testing.T) {
	a, alice, bob := newApp(t)
	before := a.Dump()
	if _, err := a.Try(alice, pay(bob, 1, false)); err == nil || !strings.Contains(err.Error(), "insufficient funds") {
		t.Fatalf("error %v", err)
	}
	if string(before) != string(a.Dump()) {
		t.Fatal("a failed call changed the storage")
	}
}
