package main

import (
	"encoding/base64"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// The token on the contracts' test app (contracts/std/stdtest): the native mock host with the
// mock alliance module executing the messages it returns (and calling its reply entry point),
// every call one transaction reverted on error, so every test runs the contract's whole flow.

const (
	asset = "uasset"
	stake = "stake"
	val1  = "alliancevaloper1first"
	val2  = "alliancevaloper1second"
	val3  = "alliancevaloper1third"
)

type tenv struct {
	t        *testing.T
	app      *stdtest.App
	h        *std.Mock
	am       *alliance.Mock
	self     string
	owner    string
	received []string // cw20 Receive hooks delivered to other contracts (raw JSON)
}

func newEnv(t *testing.T, instantiate string) *tenv {
	t.Helper()
	app := stdtest.New(t, []string{asset}, []string{val1, val2, val3})
	app.Host.Querier.BondedDenom = stake
	e := &tenv{t: t, app: app, h: app.Host, am: app.Chain, self: app.Contract, owner: app.Addr("owner")}
	e.am.WasmExecute = func(sender, contract string, msg []byte, funds []std.Coin) error {
		e.received = append(e.received, contract+" "+string(msg))
		return nil
	}
	if instantiate == "" {
		instantiate = `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `","` + val2 + `"]}`
	}
	app.Instantiate(e.owner, instantiate)
	return e
}

func (e *tenv) addr(name string) string { return e.app.Addr(name) }

func coin(a uint64, d string) std.Coin { return std.NewCoin(a, d) }

// exec runs an execute message as one transaction on the test app (contracts/std/stdtest): the
// funds are minted to the sender and move to the contract first, then the contract runs and its
// messages (and replies) are executed. It fails the test on any error.
func (e *tenv) exec(sender, msg string, funds ...std.Coin) *wasmvmtypes.Response {
	e.t.Helper()
	return e.app.Exec(sender, msg, funds...)
}

// try is exec returning the error; a failed call leaves every state as it was (the minted
// funds stay with the sender).
func (e *tenv) try(sender, msg string, funds ...std.Coin) (*wasmvmtypes.Response, error) {
	return e.app.Try(sender, msg, funds...)
}

func (e *tenv) dump() []byte { return e.app.Dump() }

// fail asserts that msg fails with an error containing want and leaves storage and bank
// balances untouched.
func (e *tenv) fail(sender, msg, want string, funds ...std.Coin) {
	e.t.Helper()
	e.app.Fail(sender, msg, want, funds...)
}

func (e *tenv) query(msg string) string {
	e.t.Helper()
	return e.app.Query(msg)
}

func (e *tenv) expectQuery(msg, want string) {
	e.t.Helper()
	e.app.ExpectQuery(msg, want)
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

func attrs(resp *wasmvmtypes.Response) map[string]string { return stdtest.Attrs(resp) }

func expectAttrs(t *testing.T, resp *wasmvmtypes.Response, want map[string]string) {
	t.Helper()
	stdtest.ExpectAttrs(t, resp, want)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func u(v uint64) std.Uint128 { return std.NewUint128(v) }

func newAllianceMock(h *std.Mock) *alliance.Mock {
	return alliance.NewMock(h, []string{asset}, []string{val1, val2, val3})
}
