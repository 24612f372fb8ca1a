//go:build !tinygo.wasm

// Package stdtest is a test app for contracts written with contracts/std: one contract on the
// native mock host (std.Mock) with the mock chain behind it (alliance.Mock: bank, x/alliance and
// the dispatch of messages and replies). Every Exec is one transaction as on chain: the sender's
// funds move to the contract (bank send), the contract executes, the messages it returns run and
// the replies they ask for are called; any error reverts all of it, storage and balances alike.
//
// It replaces the fund -> send -> execute -> run helpers each contract's tests used to copy.
// Tests that need more (rewards, slashing, jailing, block time) reach App.Chain and App.Host.
package stdtest

import (
	"bytes"
	"sort"
	"strings"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// TB is what the app needs from its caller (*testing.T and *testing.B satisfy it).
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// App is one contract on a mock chain.
type App struct {
	t TB
	// Host is the contract's host: storage, API, querier, Env (tests may advance Env.Block).
	Host *std.Mock
	// Chain is the mock chain the contract's messages run on.
	Chain *alliance.Mock
	// Contract is the contract's address.
	Contract string
}

// New returns an app with an uninstantiated contract and a chain listing the alliance denoms
// and validators given (both may be empty for a contract that only uses the bank). The
// validators are x/staking's bonded set too, so the standard staking queries find them.
func New(t TB, denoms, validators []string) *App {
	h := std.NewMock()
	for _, v := range validators {
		h.Querier.Validators = append(h.Querier.Validators, std.Validator{Address: v})
	}
	return &App{t: t, Host: h, Chain: alliance.NewMock(h, denoms, validators), Contract: h.Env.Contract.Address}
}

// Addr is the deterministic valid address of a name.
func (a *App) Addr(name string) string { return a.Host.API.Addr(name) }

// Fund mints coins to addr's bank balance (outside any transaction: it is the test's setup).
func (a *App) Fund(addr string, coins ...std.Coin) { a.Chain.Fund(addr, coins...) }

// Balance is addr's bank balance of denom.
func (a *App) Balance(addr, denom string) std.Uint128 { return a.Chain.Balance(addr, denom) }

// Instantiate instantiates the contract as sender with funds (minted to sender first) and runs
// the messages it returns; it fails the test on any error.
func (a *App) Instantiate(sender, msg string, funds ...std.Coin) *wasmvmtypes.Response {
	a.t.Helper()
	a.Fund(sender, funds...)
	var resp *wasmvmtypes.Response
	err := a.Host.Transact(func() (err error) {
		if err = a.Chain.Send(sender, a.Contract, funds...); err != nil {
			return err
		}
		if resp, err = a.Host.Instantiate(std.Info(sender, funds...), []byte(msg)); err != nil {
			return err
		}
		return a.Chain.Run(resp)
	})
	if err != nil {
		a.t.Fatalf("instantiate %s: %v", msg, err)
	}
	return resp
}

// Try executes msg as sender with funds in one transaction (alliance.Mock.Execute): the funds
// are minted to sender first, so a test need not fund callers, and stay with sender when the
// call fails; everything else the call wrote is reverted then.
func (a *App) Try(sender, msg string, funds ...std.Coin) (*wasmvmtypes.Response, error) {
	a.Fund(sender, funds...)
	return a.Chain.Execute(sender, []byte(msg), funds...)
}

// Exec is Try that fails the test on an error.
func (a *App) Exec(sender, msg string, funds ...std.Coin) *wasmvmtypes.Response {
	a.t.Helper()
	resp, err := a.Try(sender, msg, funds...)
	if err != nil {
		a.t.Fatalf("%s: %v", msg, err)
	}
	return resp
}

// Fail asserts that msg fails with an error containing want and leaves the contract's storage
// and every bank balance as they were (the funds minted to sender for the call aside).
func (a *App) Fail(sender, msg, want string, funds ...std.Coin) {
	a.t.Helper()
	a.Fund(sender, funds...)
	before, balances := a.Dump(), a.balances()
	_, err := a.Chain.Execute(sender, []byte(msg), funds...)
	if err == nil || !strings.Contains(err.Error(), want) {
		a.t.Fatalf("%s: error %v, want %q", msg, err, want)
	}
	if !bytes.Equal(before, a.Dump()) {
		a.t.Fatalf("%s failed but changed the contract's storage", msg)
	}
	if after := a.balances(); after != balances {
		a.t.Fatalf("%s failed but changed bank balances:\n before %s\n after  %s", msg, balances, after)
	}
}

// Query runs a smart query and returns its JSON answer; it fails the test on an error.
func (a *App) Query(msg string) string {
	a.t.Helper()
	out, err := a.Host.Query([]byte(msg))
	if err != nil {
		a.t.Fatalf("query %s: %v", msg, err)
	}
	return string(out)
}

// ExpectQuery asserts the exact JSON answer of a query.
func (a *App) ExpectQuery(msg, want string) {
	a.t.Helper()
	if got := a.Query(msg); got != want {
		a.t.Fatalf("query %s:\n got %s\nwant %s", msg, got, want)
	}
}

// Dump serialises the contract's whole storage in key order, to compare states.
func (a *App) Dump() []byte {
	var b bytes.Buffer
	it := a.Host.Storage.Range(nil, nil, std.Ascending)
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

// balances renders every bank balance in address order, to compare states.
func (a *App) balances() string {
	addrs := make([]string, 0, len(a.Host.Querier.Balances))
	for addr := range a.Host.Querier.Balances {
		addrs = append(addrs, addr)
	}
	sort.Strings(addrs)
	var b strings.Builder
	for _, addr := range addrs {
		b.WriteString(addr)
		for _, c := range a.Host.Querier.Balances[addr] {
			b.WriteString(" " + c.Amount.String() + c.Denom)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Attrs maps a response's attribute keys to their values (the last value of a repeated key).
func Attrs(resp *wasmvmtypes.Response) map[string]string {
	out := map[string]string{}
	for _, at := range resp.Attributes {
		out[at.Key] = at.Value
	}
	return out
}

// ExpectAttrs asserts that resp carries each attribute of want with its value.
func ExpectAttrs(t TB, resp *wasmvmtypes.Response, want map[string]string) {
	t.Helper()
	got := Attrs(resp)
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("attribute %s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}
