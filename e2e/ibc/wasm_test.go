package ibc_test

import (
	"encoding/json"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// storeFixture stores the committed fixture contracts/artifacts/<name> on c
// and returns its code id.
func (c *chain) storeFixture(sender ibctesting.SenderAccount, name string) uint64 {
	var stored wasmtypes.MsgStoreCodeResponse
	msgResponses(c.TB, c.Codec, c.deliver(sender, &wasmtypes.MsgStoreCode{
		Sender: sender.SenderAccount.GetAddress().String(), WASMByteCode: harness.Fixture(c.TB, name),
	}), &stored)
	return stored.CodeID
}

// instantiate instantiates code with msg and funds, sender as admin, and
// returns the contract's address.
func (c *chain) instantiate(sender ibctesting.SenderAccount, code uint64, label string, msg []byte, funds sdk.Coins) sdk.AccAddress {
	from := sender.SenderAccount.GetAddress().String()
	var res wasmtypes.MsgInstantiateContractResponse
	msgResponses(c.TB, c.Codec, c.deliver(sender, &wasmtypes.MsgInstantiateContract{
		Sender: from, Admin: from, CodeID: code, Label: label, Msg: msg, Funds: funds,
	}), &res)
	addr, err := sdk.AccAddressFromBech32(res.Address)
	require.NoError(c.TB, err)
	return addr
}

// execute runs msg on contract as sender with funds, alone in a block, and
// fails the test unless it succeeds.
func (c *chain) execute(sender ibctesting.SenderAccount, contract sdk.AccAddress, msg string, funds sdk.Coins) *abci.ExecTxResult {
	return c.deliver(sender, &wasmtypes.MsgExecuteContract{
		Sender: sender.SenderAccount.GetAddress().String(), Contract: contract.String(), Msg: []byte(msg), Funds: funds,
	})
}

func mustJSON(t require.TestingT, v any) []byte {
	bz, err := json.Marshal(v)
	require.NoError(t, err)
	return bz
}

// queryContract runs a smart query on the chain's committed state.
func queryContract[T any](c *chain, contract sdk.AccAddress, msg string) T {
	c.TB.Helper()
	bz, err := c.app.WasmKeeper.QuerySmart(c.ctx(), contract, []byte(msg))
	require.NoError(c.TB, err, msg)
	var out T
	require.NoError(c.TB, json.Unmarshal(bz, &out), string(bz))
	return out
}

// wasmAttr is attribute key of contract's event of type typ ("wasm" or
// "wasm-<custom>") in events; it fails the test unless exactly one such
// event carries it. With action set, only wasm events whose "action" is
// action count.
func wasmAttr(t require.TestingT, events []abci.Event, typ string, contract sdk.AccAddress, action, key string) string {
	var found []string
	for _, e := range events {
		if e.Type != typ {
			continue
		}
		attrs := map[string]string{}
		for _, a := range e.Attributes {
			attrs[a.Key] = a.Value
		}
		v, ok := attrs[key]
		if ok && attrs[wasmtypes.AttributeKeyContractAddr] == contract.String() && (action == "" || attrs["action"] == action) {
			found = append(found, v)
		}
	}
	require.Len(t, found, 1, "%s events of %s with %q (action %q)", typ, contract, key, action)
	return found[0]
}

// mustInt parses a decimal integer (a contract's attribute or answer).
func mustInt(t require.TestingT, s string) math.Int {
	v, ok := math.NewIntFromString(s)
	require.True(t, ok, "not an integer: %q", s)
	return v
}
