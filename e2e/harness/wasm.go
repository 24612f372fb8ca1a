package harness

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	sdk "github.com/cosmos/cosmos-sdk/types"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
)

// StoreCode uploads wasm code signed by sender and returns its code ID.
func (c *Chain) StoreCode(sender *Account, code []byte) uint64 {
	c.t.Helper()
	res := c.MustDeliver(sender, &wasmtypes.MsgStoreCode{Sender: sender.Address.String(), WASMByteCode: code})
	v, ok := Attr(res.Events, wasmtypes.EventTypeStoreCode, wasmtypes.AttributeKeyCodeID)
	if !ok {
		c.t.Fatalf("store code: no code id in events")
	}
	id, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		c.t.Fatalf("store code: code id %q: %v", v, err)
	}
	return id
}

// Instantiate creates a contract from codeID with msg (any JSON-encodable
// value) and returns its address. The sender is the contract's admin.
func (c *Chain) Instantiate(sender *Account, codeID uint64, label string, msg any, funds sdk.Coins) sdk.AccAddress {
	c.t.Helper()
	bz := mustJSON(c, msg)
	res := c.MustDeliver(sender, &wasmtypes.MsgInstantiateContract{
		Sender: sender.Address.String(), Admin: sender.Address.String(),
		CodeID: codeID, Label: label, Msg: bz, Funds: funds,
	})
	c.recordCode(codeID, "instantiate", bz, nil)
	v, ok := Attr(res.Events, wasmtypes.EventTypeInstantiate, wasmtypes.AttributeKeyContractAddr)
	if !ok {
		c.t.Fatalf("instantiate: no contract address in events")
	}
	addr, err := sdk.AccAddressFromBech32(v)
	if err != nil {
		c.t.Fatalf("instantiate: contract address %q: %v", v, err)
	}
	return addr
}

// Execute calls contract with msg and funds. The result may be a failure.
func (c *Chain) Execute(sender *Account, contract sdk.AccAddress, msg any, funds sdk.Coins) TxResult {
	c.t.Helper()
	bz := mustJSON(c, msg)
	res := c.Deliver(sender, &wasmtypes.MsgExecuteContract{
		Sender: sender.Address.String(), Contract: contract.String(), Msg: bz, Funds: funds,
	})
	if res.OK() {
		c.record(contract, "execute", bz, nil)
	}
	return res
}

// QuerySmart runs a smart query against the last committed state and decodes
// the answer into out.
func (c *Chain) QuerySmart(contract sdk.AccAddress, msg any, out any) error {
	req := mustJSON(c, msg)
	bz, err := c.App.WasmKeeper.QuerySmart(c.Context(), contract, req)
	if err != nil {
		return err
	}
	c.record(contract, "query", req, bz)
	return json.Unmarshal(bz, out)
}

func mustJSON(c *Chain, v any) []byte {
	if raw, ok := v.([]byte); ok {
		return raw
	}
	bz, err := json.Marshal(v)
	if err != nil {
		c.t.Fatalf("encode contract message: %v", err)
	}
	return bz
}

var wasmdDir struct {
	once sync.Once
	dir  string
	err  error
}

// WasmdTestdata reads a contract that ships in wasmd's own module
// (x/wasm/keeper/testdata/<name>, or benchmarks/testdata/<name> for cw20),
// from the Go module cache. These are independent Rust contracts we test
// against; they are never committed to this repository.
func WasmdTestdata(name string) ([]byte, error) {
	wasmdDir.once.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/CosmWasm/wasmd").Output()
		if err != nil {
			wasmdDir.err = fmt.Errorf("locate the wasmd module (go list): %w", err)
			return
		}
		wasmdDir.dir = strings.TrimSpace(string(out))
		if wasmdDir.dir == "" {
			wasmdDir.err = fmt.Errorf("wasmd module is not in the module cache: run go mod download")
		}
	})
	if wasmdDir.err != nil {
		return nil, wasmdDir.err
	}
	for _, sub := range []string{"x/wasm/keeper/testdata", "benchmarks/testdata"} {
		bz, err := os.ReadFile(filepath.Join(wasmdDir.dir, sub, name))
		if err == nil {
			return bz, nil
		}
	}
	return nil, fmt.Errorf("%s not found in wasmd's testdata under %s", name, wasmdDir.dir)
}
