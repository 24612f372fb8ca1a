package vmtest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	wasmvm "github.com/CosmWasm/wasmvm/v3"
	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

const artifactsDir = "../artifacts"

// The chain's capabilities: wasmd v0.61.14's BuiltInCapabilities plus "alliance" and
// "token_factory" (app.WasmCapabilities).
// A fixture requiring anything else cannot be stored.
var chainCapabilities = []string{"iterator", "staking", "stargate", "cosmwasm_1_1", "cosmwasm_1_2",
	"cosmwasm_1_3", "cosmwasm_1_4", "cosmwasm_2_0", "cosmwasm_2_1", "cosmwasm_2_2", "ibc2",
	"alliance", "token_factory"}

const (
	gasCeiling = uint64(100_000_000)
	gasLimit   = uint64(100_000_000_000_000) // CosmWasm gas; ample, the test records what is used
	// storeGasLimit covers wasmvm's compile cost (3 SDK gas × 140,000 per byte) of an 800 KiB file.
	storeGasLimit = uint64(3 * 140_000 * 800 * 1024)
)

var deserCost = wasmvmtypes.UFraction{Numerator: 1, Denominator: 1}

// readChecksums parses checksums.txt (sha256sum format) and checks it lists exactly the .wasm
// files present, each with the right digest.
func readChecksums(t *testing.T) map[string][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join(artifactsDir, "checksums.txt"))
	if err != nil {
		t.Fatalf("open checksums.txt: %v", err)
	}
	defer f.Close()
	listed := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 {
			t.Fatalf("malformed checksums.txt line %q", sc.Text())
		}
		listed[fields[1]] = fields[0]
	}
	files, err := filepath.Glob(filepath.Join(artifactsDir, "*.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string][]byte{}
	for _, p := range files {
		name := filepath.Base(p)
		code, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(code)
		want, ok := listed[name]
		if !ok {
			t.Errorf("%s is not listed in checksums.txt", name)
			continue
		}
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sha256 %s, checksums.txt says %s", name, got, want)
		}
		delete(listed, name)
		codes[name] = code
	}
	for name := range listed {
		t.Errorf("checksums.txt lists %s, which does not exist", name)
	}
	if len(codes) == 0 {
		t.Fatal("no fixtures in contracts/artifacts")
	}
	return codes
}

func newVM(t *testing.T) *wasmvm.VM {
	t.Helper()
	vm, err := wasmvm.NewVM(t.TempDir(), chainCapabilities, 32, false, 64)
	if err != nil {
		t.Fatalf("NewVM: %v", err)
	}
	t.Cleanup(vm.Cleanup)
	return vm
}

// TestFixturesStoreInVM stores every fixture through StoreCode, which runs cosmwasm-vm's full
// static check (imports, exports, interface_version_8, ≤100 locals per function, no bulk memory,
// capabilities) exactly as wasmd does at upload.
func TestFixturesStoreInVM(t *testing.T) {
	codes := readChecksums(t)
	vm := newVM(t)
	names := make([]string, 0, len(codes))
	for n := range codes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		code := codes[name]
		if len(code) > 800*1024 {
			t.Errorf("%s: %d bytes exceeds wasmd's 800 KiB limit", name, len(code))
		}
		checksum, gas, err := vm.StoreCode(code, storeGasLimit)
		if err != nil {
			t.Errorf("%s: StoreCode: %v", name, err)
			continue
		}
		report, err := vm.AnalyzeCode(checksum)
		if err != nil {
			t.Errorf("%s: AnalyzeCode: %v", name, err)
			continue
		}
		// Contracts that use the alliance or token factory bindings declare it
		// (requires_alliance, requires_token_factory; the compounder both);
		// nothing else may be required of the chain.
		if bad := foreignCapabilities(report.RequiredCapabilities); len(bad) > 0 {
			t.Errorf("%s: requires capabilities %q; our contracts may need only \"alliance\" and \"token_factory\"", name, bad)
		}
		if report.HasIBCEntryPoints {
			t.Errorf("%s: unexpected IBC entry points", name)
		}
		t.Logf("%s: %d bytes, store (compile) gas %d CW = %d SDK, entry points %v", name, len(code), gas, gas/140_000, report.Entrypoints)
	}
}

// foreignCapabilities returns the capabilities of a fixture's comma-separated list (wasmvm's
// AnalysisReport.RequiredCapabilities) that are neither "alliance" nor "token_factory".
func foreignCapabilities(required string) []string {
	var bad []string
	for _, c := range strings.Split(required, ",") {
		if c != "" && c != "alliance" && c != "token_factory" {
			bad = append(bad, c)
		}
	}
	return bad
}

// counterHost bundles what the counter test passes to every call.
type counterHost struct {
	t        *testing.T
	vm       *wasmvm.VM
	checksum wasmvm.Checksum
	store    *kvStore
	api      *std.MockAPI
	querier  querier
	env      wasmvmtypes.Env
}

func (h *counterHost) instantiate(sender string, msg string) (*wasmvmtypes.ContractResult, uint64) {
	h.t.Helper()
	res, gas, err := h.vm.Instantiate(h.checksum, h.env, wasmvmtypes.MessageInfo{Sender: sender, Funds: []wasmvmtypes.Coin{}},
		[]byte(msg), h.store, goAPI(h.api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		h.t.Fatalf("instantiate %s: VM error (a trap or a host failure): %v", msg, err)
	}
	return res, gas
}

func (h *counterHost) execute(sender string, funds []wasmvmtypes.Coin, msg string) (*wasmvmtypes.ContractResult, uint64) {
	h.t.Helper()
	if funds == nil {
		funds = []wasmvmtypes.Coin{}
	}
	res, gas, err := h.vm.Execute(h.checksum, h.env, wasmvmtypes.MessageInfo{Sender: sender, Funds: funds},
		[]byte(msg), h.store, goAPI(h.api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		h.t.Fatalf("execute %s: VM error (a trap or a host failure): %v", msg, err)
	}
	return res, gas
}

func (h *counterHost) query(msg string) (*wasmvmtypes.QueryResult, uint64) {
	h.t.Helper()
	env := h.env
	env.Transaction = nil
	res, gas, err := h.vm.Query(h.checksum, env, []byte(msg), h.store, goAPI(h.api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		h.t.Fatalf("query %s: VM error: %v", msg, err)
	}
	return res, gas
}

func attrs(as []wasmvmtypes.EventAttribute) map[string]string {
	m := map[string]string{}
	for _, a := range as {
		m[a.Key] = a.Value
	}
	return m
}

func mustOK(t *testing.T, what string, res *wasmvmtypes.ContractResult) *wasmvmtypes.Response {
	t.Helper()
	if res.Err != "" || res.Ok == nil {
		t.Fatalf("%s: expected ok, got error %q", what, res.Err)
	}
	return res.Ok
}

func mustErr(t *testing.T, what string, res *wasmvmtypes.ContractResult, want string) {
	t.Helper()
	if res.Ok != nil || !strings.Contains(res.Err, want) {
		t.Fatalf("%s: expected error containing %q, got ok=%v err=%q", what, want, res.Ok != nil, res.Err)
	}
}

// TestCounterInVM runs the counter fixture in the real VM through every entry point it has and
// checks results, state and clean errors for bad input.
func TestCounterInVM(t *testing.T) {
	codes := readChecksums(t)
	code, ok := codes["counter.wasm"]
	if !ok {
		t.Fatal("counter.wasm missing from contracts/artifacts")
	}
	vm := newVM(t)
	checksum, _, err := vm.StoreCode(code, storeGasLimit)
	if err != nil {
		t.Fatalf("StoreCode: %v", err)
	}
	api := &std.MockAPI{Prefix: "alliance"}
	contract := api.Addr("counter")
	owner, alice, bob := api.Addr("owner"), api.Addr("alice"), api.Addr("bob")
	h := &counterHost{t: t, vm: vm, checksum: checksum, store: newKVStore(), api: api,
		querier: querier{balances: map[string][]wasmvmtypes.Coin{contract: {{Denom: "ustake", Amount: "12345"}}}},
		env: wasmvmtypes.Env{
			Block:       wasmvmtypes.BlockInfo{Height: 100, Time: 1_700_000_000_000_000_000, ChainID: "alliance-testnet-1"},
			Transaction: &wasmvmtypes.TransactionInfo{Index: 0},
			Contract:    wasmvmtypes.ContractInfo{Address: contract},
		}}

	// A message that does not parse must come back as an error result, never a trap.
	res, _ := h.instantiate(owner, `{"count":"5"`)
	mustErr(t, "truncated instantiate msg", res, "Error parsing into type message")
	res, _ = h.instantiate(owner, `{"count":"5","denom":"ustake","extra":1}`)
	mustErr(t, "unknown field", res, `unknown field "extra"`)
	res, _ = h.instantiate(owner, `{"count":"340282366920938463463374607431768211456","denom":"ustake"}`)
	mustErr(t, "count above 2^128-1", res, "invalid Uint128")

	res, gasInstantiate := h.instantiate(owner, `{"count":"5","denom":"ustake"}`)
	ok1 := mustOK(t, "instantiate", res)
	if got := attrs(ok1.Attributes); got["action"] != "instantiate" || got["owner"] != owner || got["count"] != "5" {
		t.Fatalf("instantiate attributes: %v", got)
	}
	if len(ok1.Messages) != 0 || len(ok1.Events) != 0 || ok1.Data != nil {
		t.Fatalf("instantiate: unexpected messages/events/data: %+v", ok1)
	}

	res, gasIncrement := h.execute(alice, nil, `{"increment":{}}`)
	inc := mustOK(t, "increment", res)
	if len(inc.Events) != 1 || inc.Events[0].Type != "counter" {
		t.Fatalf("increment events: %+v", inc.Events)
	}
	if got := attrs(inc.Events[0].Attributes); got["count"] != "6" || got["sender"] != alice || got["sender_count"] != "1" {
		t.Fatalf("increment event attributes: %v", got)
	}
	mustOK(t, "increment 2", first(h.execute(bob, nil, `{"increment":{}}`)))
	mustOK(t, "increment 3", first(h.execute(alice, nil, `{"increment":{}}`)))

	// Errors from contract logic and from decoding: clean results.
	mustErr(t, "reset by non-owner", first(h.execute(alice, nil, `{"reset":{"count":"0"}}`)), "unauthorized")
	mustErr(t, "unknown variant", first(h.execute(alice, nil, `{"explode":{}}`)), `unknown variant "explode"`)
	mustErr(t, "two variants", first(h.execute(alice, nil, `{"increment":{},"reset":{"count":"1"}}`)), "exactly one enum variant")
	mustErr(t, "not JSON", first(h.execute(alice, nil, `\x00\xff garbage`)), "Error parsing into type message")
	mustErr(t, "empty message", first(h.execute(alice, nil, ``)), "Error parsing into type message")
	mustErr(t, "invalid recipient", first(h.execute(alice, nil, `{"forward":{"to":"cosmos1notours"}}`)), "invalid recipient")
	mustErr(t, "forward without funds", first(h.execute(alice, nil, `{"forward":{"to":"`+bob+`"}}`)), "no funds")

	q, gasQuery := h.query(`{"count":{}}`)
	if q.Err != "" || string(q.Ok) != `{"count":"8","owner":"`+owner+`","forwarded":"0"}` {
		t.Fatalf("count query: ok=%s err=%q", q.Ok, q.Err)
	}
	// Tally iterates the map in key order; alice and bob's addresses sort as their bech32 strings.
	q, _ = h.query(`{"tally":{"start_after":null,"limit":null}}`)
	first2, second2 := alice, bob
	c1, c2 := "2", "1"
	if bob < alice {
		first2, second2, c1, c2 = bob, alice, "1", "2"
	}
	wantTally := `{"entries":[{"address":"` + first2 + `","count":"` + c1 + `"},{"address":"` + second2 + `","count":"` + c2 + `"}]}`
	if q.Err != "" || string(q.Ok) != wantTally {
		t.Fatalf("tally query: got %s err=%q, want %s", q.Ok, q.Err, wantTally)
	}
	q, _ = h.query(`{"tally":{"start_after":"` + first2 + `","limit":5}}`)
	if want := `{"entries":[{"address":"` + second2 + `","count":"` + c2 + `"}]}`; string(q.Ok) != want {
		t.Fatalf("tally page 2: got %s, want %s", q.Ok, want)
	}
	q, _ = h.query(`{"nope":{}}`)
	if q.Err == "" || !strings.Contains(q.Err, `unknown variant "nope"`) {
		t.Fatalf("bad query: want a clean error, got ok=%s err=%q", q.Ok, q.Err)
	}

	// Owner reset.
	mustOK(t, "reset", first(h.execute(owner, nil, `{"reset":{"count":"100"}}`)))

	// Forward: a bank send sub-message with reply on success and the amount as payload.
	res, gasForward := h.execute(alice, []wasmvmtypes.Coin{{Denom: "ustake", Amount: "250"}, {Denom: "uother", Amount: "9"}},
		`{"forward":{"to":"`+bob+`"}}`)
	fwd := mustOK(t, "forward", res)
	if len(fwd.Messages) != 1 {
		t.Fatalf("forward: %d messages", len(fwd.Messages))
	}
	sub := fwd.Messages[0]
	if sub.ID != 1 || sub.ReplyOn != wasmvmtypes.ReplySuccess || string(sub.Payload) != "250" || sub.GasLimit != nil {
		t.Fatalf("forward sub-message: %+v", sub)
	}
	if sub.Msg.Bank == nil || sub.Msg.Bank.Send == nil || sub.Msg.Bank.Send.ToAddress != bob ||
		len(sub.Msg.Bank.Send.Amount) != 1 || sub.Msg.Bank.Send.Amount[0] != (wasmvmtypes.Coin{Denom: "ustake", Amount: "250"}) {
		t.Fatalf("forward bank message: %+v", sub.Msg.Bank)
	}

	// The reply the chain would send after the bank send succeeded.
	reply := wasmvmtypes.Reply{ID: 1, Payload: []byte("250"), GasUsed: 4321,
		Result: wasmvmtypes.SubMsgResult{Ok: &wasmvmtypes.SubMsgResponse{
			Events:       wasmvmtypes.Array[wasmvmtypes.Event]{{Type: "transfer", Attributes: wasmvmtypes.Array[wasmvmtypes.EventAttribute]{{Key: "amount", Value: "250ustake"}}}},
			MsgResponses: wasmvmtypes.Array[wasmvmtypes.MsgResponse]{{TypeURL: "/cosmos.bank.v1beta1.MsgSendResponse", Value: []byte{}}},
		}}}
	rres, gasReply, err := vm.Reply(checksum, h.env, reply, h.store, goAPI(api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		t.Fatalf("reply: VM error: %v", err)
	}
	if got := attrs(mustOK(t, "reply", rres).Attributes); got["action"] != "forwarded" || got["total"] != "250" {
		t.Fatalf("reply attributes: %v", got)
	}
	reply.ID = 7
	rres, _, err = vm.Reply(checksum, h.env, reply, h.store, goAPI(api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		t.Fatalf("reply 7: VM error: %v", err)
	}
	mustErr(t, "reply with unknown id", rres, "unknown reply id")

	q, _ = h.query(`{"count":{}}`)
	if string(q.Ok) != `{"count":"100","owner":"`+owner+`","forwarded":"250"}` {
		t.Fatalf("count after forward: %s", q.Ok)
	}

	// A query through the chain's querier from inside execute.
	res, gasBalance := h.execute(alice, nil, `{"check_balance":{}}`)
	bal := mustOK(t, "check_balance", res)
	if got := attrs(bal.Attributes); got["balance"] != "12345ustake" || string(bal.Data) != "12345" {
		t.Fatalf("check_balance: attrs %v data %q", got, bal.Data)
	}

	// Entry points the counter does not register answer with an error, not a trap.
	sres, _, err := vm.Sudo(checksum, h.env, []byte(`{}`), h.store, goAPI(api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		t.Fatalf("sudo: VM error: %v", err)
	}
	mustErr(t, "sudo", sres, "entry point sudo is not implemented")

	// migrate is exported with three parameters; wasmd calls it through MigrateWithInfo.
	mres, _, err := vm.MigrateWithInfo(checksum, h.env, []byte(`{}`), wasmvmtypes.MigrateInfo{Sender: owner}, h.store, goAPI(api), h.querier, gasMeter{}, gasLimit, deserCost)
	if err != nil {
		t.Fatalf("migrate: VM error: %v", err)
	}
	mustErr(t, "migrate", mres, "entry point migrate is not implemented")

	// State is exactly what the calls wrote: config, forwarded, two tally entries.
	if len(h.store.data) != 4 {
		keys := []string{}
		for k := range h.store.data {
			keys = append(keys, k)
		}
		t.Fatalf("store has %d keys: %q", len(h.store.data), keys)
	}
	if cfg := string(h.store.data["config"]); cfg != `{"owner":"`+owner+`","count":"100","denom":"ustake"}` {
		t.Fatalf("stored config: %s", cfg)
	}

	t.Logf("gas (CosmWasm gas; /140000 = SDK gas): instantiate %d (%d SDK), increment %d (%d SDK), query %d (%d SDK), forward %d (%d SDK), reply %d (%d SDK), check_balance %d (%d SDK)",
		gasInstantiate, gasInstantiate/140_000, gasIncrement, gasIncrement/140_000, gasQuery, gasQuery/140_000,
		gasForward, gasForward/140_000, gasReply, gasReply/140_000, gasBalance, gasBalance/140_000)
	// Regression guard: measured 16M–35M CW gas per call (TinyGo 0.41.1, wasmvm 3.0.7); the bound
	// is about three times that, so a change that makes the SDK several times slower fails here.
	for name, g := range map[string]uint64{"instantiate": gasInstantiate, "increment": gasIncrement, "query": gasQuery} {
		if g == 0 || g > gasCeiling {
			t.Errorf("%s used %d CW gas; expected between 1 and %d", name, g, gasCeiling)
		}
	}
}

func first(res *wasmvmtypes.ContractResult, _ uint64) *wasmvmtypes.ContractResult { return res }

// TestForeignCapabilities: a fixture may require any subset of {"alliance","token_factory"}
// (wasmvm lists them comma-separated, e.g. the compounder's "alliance,token_factory"), nothing else.
func TestForeignCapabilities(t *testing.T) {
	for required, want := range map[string]string{
		"": "", "alliance": "", "token_factory": "", "alliance,token_factory": "",
		"alliance,staking": "staking", "iterator,token_factory,stargate": "iterator,stargate",
	} {
		if got := strings.Join(foreignCapabilities(required), ","); got != want {
			t.Errorf("foreignCapabilities(%q) = %q, want %q", required, got, want)
		}
	}
}
