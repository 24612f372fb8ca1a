package main

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The token on the native mock host, with the mock alliance module executing the messages it
// returns (and calling its reply entry point), so every test runs the contract's whole flow.

const (
	asset = "uasset"
	stake = "stake"
	val1  = "alliancevaloper1first"
	val2  = "alliancevaloper1second"
	val3  = "alliancevaloper1third"
)

type tenv struct {
	t        *testing.T
	h        *std.Mock
	am       *alliance.Mock
	self     string
	owner    string
	received []string // cw20 Receive hooks delivered to other contracts (raw JSON)
}

func newEnv(t *testing.T, instantiate string) *tenv {
	t.Helper()
	h := std.NewMock()
	h.Querier.BondedDenom = stake
	for _, v := range []string{val1, val2, val3} {
		h.Querier.Validators = append(h.Querier.Validators, std.Validator{Address: v})
	}
	e := &tenv{t: t, h: h, self: h.Env.Contract.Address, owner: h.API.Addr("owner")}
	e.am = alliance.NewMock(h, []string{asset}, []string{val1, val2, val3})
	e.am.WasmExecute = func(sender, contract string, msg []byte, funds []std.Coin) error {
		e.received = append(e.received, contract+" "+string(msg))
		return nil
	}
	if instantiate == "" {
		instantiate = `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `","` + val2 + `"]}`
	}
	if _, err := h.Instantiate(std.Info(e.owner), []byte(instantiate)); err != nil {
		t.Fatalf("instantiate: %v", err)
	}
	return e
}

func (e *tenv) addr(name string) string { return e.h.API.Addr(name) }

func coin(a uint64, d string) std.Coin { return std.NewCoin(a, d) }

// exec runs an execute message as the chain would: funds move to the contract first, then the
// contract runs and its messages (and replies) are executed. It fails the test on any error.
func (e *tenv) exec(sender, msg string, funds ...std.Coin) *wasmvmtypes.Response {
	e.t.Helper()
	resp, err := e.try(sender, msg, funds...)
	if err != nil {
		e.t.Fatalf("%s: %v", msg, err)
	}
	return resp
}

func (e *tenv) try(sender, msg string, funds ...std.Coin) (*wasmvmtypes.Response, error) {
	e.t.Helper()
	e.am.Fund(sender, funds...)
	if err := e.am.Send(sender, e.self, funds...); err != nil {
		e.t.Fatal(err)
	}
	resp, err := e.h.Execute(std.Info(sender, funds...), []byte(msg))
	if err != nil {
		if rerr := e.am.Send(e.self, sender, funds...); rerr != nil { // the chain reverts the funds
			e.t.Fatal(rerr)
		}
		return nil, err
	}
	if err := e.am.Run(resp); err != nil {
		e.t.Fatalf("%s: running its messages: %v", msg, err)
	}
	return resp, nil
}

func (e *tenv) dump() []byte {
	var b bytes.Buffer
	it := e.h.Storage.Range(nil, nil, std.Ascending)
	for {
		k, v, ok := it.Next()
		if !ok {
			return b.Bytes()
		}
		b.Write(k)
		b.WriteByte(0)
		b.Write(v)
		b.WriteByte(1)
	}
}

// fail asserts that msg fails with an error containing want and leaves storage untouched.
func (e *tenv) fail(sender, msg, want string, funds ...std.Coin) {
	e.t.Helper()
	before := e.dump()
	_, err := e.try(sender, msg, funds...)
	if err == nil || !strings.Contains(err.Error(), want) {
		e.t.Fatalf("%s: error %v, want %q", msg, err, want)
	}
	if !bytes.Equal(before, e.dump()) {
		e.t.Fatalf("%s failed but changed the contract's storage", msg)
	}
}

func (e *tenv) query(msg string) string {
	e.t.Helper()
	out, err := e.h.Query([]byte(msg))
	if err != nil {
		e.t.Fatalf("query %s: %v", msg, err)
	}
	return string(out)
}

func (e *tenv) expectQuery(msg, want string) {
	e.t.Helper()
	if got := e.query(msg); got != want {
		e.t.Fatalf("query %s:\n got %s\nwant %s", msg, got, want)
	}
}

func (e *tenv) balance(addr string) string {
	e.t.Helper()
	return e.query(`{"balance":{"address":"` + addr + `"}}`)
}

func (e *tenv) expectBalance(addr, want string) {
	e.t.Helper()
	if got := e.balance(addr); got != `{"balance":"`+want+`"}` {
		e.t.Fatalf("balance of %s: %s, want %s", addr, got, want)
	}
}

func (e *tenv) delegation(v string) uint64 {
	n, _ := e.am.Delegation(e.self, v, asset).Uint64()
	return n
}

func (e *tenv) bank(addr, denom string) uint64 {
	n, _ := e.am.Balance(addr, denom).Uint64()
	return n
}

func attrs(resp *wasmvmtypes.Response) map[string]string {
	out := map[string]string{}
	for _, a := range resp.Attributes {
		out[a.Key] = a.Value
	}
	return out
}

func expectAttrs(t *testing.T, resp *wasmvmtypes.Response, want map[string]string) {
	t.Helper()
	got := attrs(resp)
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("attribute %s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func u(v uint64) std.Uint128 { return std.NewUint128(v) }

func newAllianceMock(h *std.Mock) *alliance.Mock {
	return alliance.NewMock(h, []string{asset}, []string{val1, val2, val3})
}
