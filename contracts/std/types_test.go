package std

import (
	"encoding/json"
	"reflect"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// The JSON shapes are checked two ways: against exact strings (the shapes documented in
// shared/research/cosmwasm-vm-abi.md §1.7) and against wasmvm's own Go types, which are what
// wasmd encodes and decodes.

func TestEnvJSON(t *testing.T) {
	env := Env{
		Block:       BlockInfo{Height: 123, Time: 1700000000000000000, ChainID: "testing"},
		Transaction: &TransactionInfo{Index: 2, Hash: []byte{1, 2, 3}},
		Contract:    ContractInfo{Address: "alliance1contract"},
	}
	want := `{"block":{"height":123,"time":"1700000000000000000","chain_id":"testing"},"transaction":{"index":2,"hash":"AQID"},"contract":{"address":"alliance1contract"}}`
	if got := string(cwjson.Marshal(env)); got != want {
		t.Fatalf("Env:\n got %s\nwant %s", got, want)
	}
	env.Transaction = nil
	want = `{"block":{"height":123,"time":"1700000000000000000","chain_id":"testing"},"transaction":null,"contract":{"address":"alliance1contract"}}`
	if got := string(cwjson.Marshal(env)); got != want {
		t.Fatalf("Env without tx:\n got %s\nwant %s", got, want)
	}
	// Decode what wasmvm sends (its own marshalling of types.Env).
	vmEnv := wasmvmtypes.Env{
		Block:       wasmvmtypes.BlockInfo{Height: 99, Time: 5, ChainID: "c"},
		Transaction: &wasmvmtypes.TransactionInfo{Index: 7},
		Contract:    wasmvmtypes.ContractInfo{Address: "addr"},
	}
	b, _ := json.Marshal(vmEnv)
	var got Env
	if err := cwjson.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	wantEnv := Env{Block: BlockInfo{Height: 99, Time: 5, ChainID: "c"}, Transaction: &TransactionInfo{Index: 7}, Contract: ContractInfo{Address: "addr"}}
	if !reflect.DeepEqual(got, wantEnv) {
		t.Fatalf("decoded %s into %+v", b, got)
	}
	// Unknown fields from a newer chain are skipped.
	if err := cwjson.Unmarshal([]byte(`{"block":{"height":1,"time":"2","chain_id":"x","new":[1]},"transaction":null,"contract":{"address":"a","code_id":3},"future":{}}`), &got); err != nil {
		t.Fatalf("unknown env fields: %v", err)
	}
	if got.Block.Height != 1 || got.Block.Time != 2 || got.Transaction != nil || got.Contract.Address != "a" {
		t.Fatalf("decoded %+v", got)
	}
	if got.Block.Time.Seconds() != 0 || Timestamp(3_500_000_000).Seconds() != 3 || Timestamp(1).PlusSeconds(2) != 2_000_000_001 ||
		Timestamp(^uint64(0)-5).PlusSeconds(1) != Timestamp(^uint64(0)) {
		t.Fatal("timestamp helpers")
	}
}

func TestInfoJSON(t *testing.T) {
	if got := string(cwjson.Marshal(Info("alliance1s"))); got != `{"sender":"alliance1s","funds":[]}` {
		t.Fatalf("empty funds: %s", got)
	}
	info := Info("alliance1s", NewCoin(100, "ustake"), NewCoin(0, "x"))
	want := `{"sender":"alliance1s","funds":[{"denom":"ustake","amount":"100"},{"denom":"x","amount":"0"}]}`
	if got := string(cwjson.Marshal(info)); got != want {
		t.Fatalf("info: %s", got)
	}
	b, _ := json.Marshal(wasmvmtypes.MessageInfo{Sender: "s", Funds: []wasmvmtypes.Coin{{Denom: "d", Amount: "340282366920938463463374607431768211455"}}})
	var back MessageInfo
	if err := cwjson.Unmarshal(b, &back); err != nil || back.Sender != "s" || len(back.Funds) != 1 || back.Funds[0].Amount != Uint128Max {
		t.Fatalf("decode %s: %+v %v", b, back, err)
	}
	// An amount beyond Uint128 (possible in cosmwasm 3's Uint256) is an error, not a wrap.
	if err := cwjson.Unmarshal([]byte(`{"sender":"s","funds":[{"denom":"d","amount":"340282366920938463463374607431768211456"}]}`), &back); err == nil {
		t.Fatal("oversized amount accepted")
	}
	v := uint64(7)
	mi := MigrateInfo{Sender: "s", OldMigrateVersion: &v}
	if got := string(cwjson.Marshal(mi)); got != `{"sender":"s","old_migrate_version":7}` {
		t.Fatalf("migrate info: %s", got)
	}
	if got := string(cwjson.Marshal(MigrateInfo{Sender: "s"})); got != `{"sender":"s","old_migrate_version":null}` {
		t.Fatalf("migrate info: %s", got)
	}
	var mback MigrateInfo
	if err := cwjson.Unmarshal([]byte(`{"sender":"x","old_migrate_version":9}`), &mback); err != nil || *mback.OldMigrateVersion != 9 {
		t.Fatalf("migrate info decode: %+v %v", mback, err)
	}
}

func TestCosmosMsgJSON(t *testing.T) {
	ts := Timestamp(1234)
	exec, _ := WasmExecuteMsg("c1", cwjson.RawMessage(`{"ping":{}}`), NewCoin(5, "u"))
	custom, _ := CustomMsg(cwjson.RawMessage(`{"delegate":{"validator":"v"}}`))
	cases := []struct {
		msg  CosmosMsg
		want string
	}{
		{BankSendMsg("to", NewCoin(1, "a")), `{"bank":{"send":{"to_address":"to","amount":[{"denom":"a","amount":"1"}]}}}`},
		{BankBurnMsg(), `{"bank":{"burn":{"amount":[]}}}`},
		{DelegateMsg("v", NewCoin(2, "s")), `{"staking":{"delegate":{"validator":"v","amount":{"denom":"s","amount":"2"}}}}`},
		{UndelegateMsg("v", NewCoin(2, "s")), `{"staking":{"undelegate":{"validator":"v","amount":{"denom":"s","amount":"2"}}}}`},
		{CosmosMsg{Staking: &StakingMsg{Redelegate: &StakingRedelegate{"a", "b", NewCoin(3, "s")}}},
			`{"staking":{"redelegate":{"src_validator":"a","dst_validator":"b","amount":{"denom":"s","amount":"3"}}}}`},
		{WithdrawRewardMsg("v"), `{"distribution":{"withdraw_delegator_reward":{"validator":"v"}}}`},
		{CosmosMsg{Distribution: &DistributionMsg{SetWithdrawAddress: "w"}}, `{"distribution":{"set_withdraw_address":{"address":"w"}}}`},
		{CosmosMsg{Distribution: &DistributionMsg{FundCommunityPool: []Coin{NewCoin(4, "s")}}},
			`{"distribution":{"fund_community_pool":{"amount":[{"denom":"s","amount":"4"}]}}}`},
		{exec, `{"wasm":{"execute":{"contract_addr":"c1","msg":"eyJwaW5nIjp7fX0=","funds":[{"denom":"u","amount":"5"}]}}}`},
		{CosmosMsg{Wasm: &WasmMsg{Instantiate: &WasmInstantiate{CodeID: 3, Msg: []byte(`{}`), Label: "l"}}},
			`{"wasm":{"instantiate":{"admin":null,"code_id":3,"msg":"e30=","funds":[],"label":"l"}}}`},
		{CosmosMsg{Wasm: &WasmMsg{Instantiate2: &WasmInstantiate{Admin: "ad", CodeID: 3, Msg: []byte(`{}`), Label: "l", Salt: []byte("s")}}},
			`{"wasm":{"instantiate2":{"admin":"ad","code_id":3,"msg":"e30=","funds":[],"label":"l","salt":"cw=="}}}`},
		{CosmosMsg{Wasm: &WasmMsg{Migrate: &WasmMigrate{ContractAddr: "c", NewCodeID: 9, Msg: []byte(`{}`)}}},
			`{"wasm":{"migrate":{"contract_addr":"c","new_code_id":9,"msg":"e30="}}}`},
		{CosmosMsg{Wasm: &WasmMsg{UpdateAdmin: &WasmUpdateAdmin{ContractAddr: "c", Admin: "a"}}}, `{"wasm":{"update_admin":{"contract_addr":"c","admin":"a"}}}`},
		{CosmosMsg{Wasm: &WasmMsg{ClearAdmin: "c"}}, `{"wasm":{"clear_admin":{"contract_addr":"c"}}}`},
		{CosmosMsg{IBC: &IBCMsg{Transfer: &IBCTransfer{ChannelID: "channel-0", ToAddress: "t", Amount: NewCoin(1, "s"),
			Timeout: IBCTimeout{Timestamp: &ts}}}},
			`{"ibc":{"transfer":{"channel_id":"channel-0","to_address":"t","amount":{"denom":"s","amount":"1"},"timeout":{"block":null,"timestamp":"1234"}}}}`},
		{CosmosMsg{IBC: &IBCMsg{Transfer: &IBCTransfer{ChannelID: "channel-0", ToAddress: "t", Amount: NewCoin(1, "s"),
			Timeout: IBCTimeout{Block: &IBCTimeoutBlock{Revision: 1, Height: 2}}, Memo: "m"}}},
			`{"ibc":{"transfer":{"channel_id":"channel-0","to_address":"t","amount":{"denom":"s","amount":"1"},"timeout":{"block":{"revision":1,"height":2},"timestamp":null},"memo":"m"}}}`},
		{CosmosMsg{Any: &AnyMsg{TypeURL: "/x.Msg", Value: []byte{1}}}, `{"any":{"type_url":"/x.Msg","value":"AQ=="}}`},
		{custom, `{"custom":{"delegate":{"validator":"v"}}}`},
	}
	for _, c := range cases {
		got := cwjson.Marshal(c.msg)
		if string(got) != c.want {
			t.Errorf("\n got %s\nwant %s", got, c.want)
			continue
		}
		// wasmd must be able to decode it into the same message.
		var vm wasmvmtypes.CosmosMsg
		if err := json.Unmarshal(got, &vm); err != nil {
			t.Errorf("wasmvm cannot decode %s: %v", got, err)
			continue
		}
		again, _ := json.Marshal(vm)
		// wasmvm omits null options (omitempty) where serde writes null: compare without nulls.
		if !sameJSON(again, got) {
			t.Errorf("wasmvm round trip differs:\n ours   %s\n wasmvm %s", got, again)
		}
	}
	if _, err := CustomMsg(cwjson.RawMessage(nil)); err == nil {
		t.Error("empty custom message accepted")
	}
}

func TestResponseJSON(t *testing.T) {
	gas := uint64(500)
	resp := Response{}.
		WithAttribute("action", "go").
		WithEvent(NewEvent("thing").WithAttribute("k", "v")).
		WithMessage(BankSendMsg("to", NewCoin(1, "a"))).
		WithSubMessage(SubMsg{ID: 7, Payload: []byte("p"), Msg: WithdrawRewardMsg("v"), GasLimit: &gas, ReplyOn: ReplyError}).
		WithData([]byte("d"))
	want := `{"messages":[` +
		`{"id":0,"payload":"","msg":{"bank":{"send":{"to_address":"to","amount":[{"denom":"a","amount":"1"}]}}},"gas_limit":null,"reply_on":"never"},` +
		`{"id":7,"payload":"cA==","msg":{"distribution":{"withdraw_delegator_reward":{"validator":"v"}}},"gas_limit":500,"reply_on":"error"}],` +
		`"attributes":[{"key":"action","value":"go"}],"events":[{"type":"thing","attributes":[{"key":"k","value":"v"}]}],"data":"ZA=="}`
	if got := string(cwjson.Marshal(resp)); got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	if got := string(cwjson.Marshal(Response{})); got != `{"messages":[],"attributes":[],"events":[],"data":null}` {
		t.Fatalf("empty response: %s", got)
	}
	var vm wasmvmtypes.Response
	if err := json.Unmarshal([]byte(want), &vm); err != nil {
		t.Fatal(err)
	}
	if len(vm.Messages) != 2 || vm.Messages[1].ReplyOn != wasmvmtypes.ReplyError || *vm.Messages[1].GasLimit != 500 ||
		string(vm.Messages[1].Payload) != "p" || string(vm.Data) != "d" || vm.Events[0].Type != "thing" {
		t.Fatalf("wasmvm decoded %+v", vm)
	}
	for on, s := range map[ReplyOn]string{ReplyNever: "never", ReplyAlways: "always", ReplySuccess: "success", ReplyError: "error"} {
		if on.String() != s {
			t.Errorf("%d -> %s", on, on.String())
		}
		var sub wasmvmtypes.SubMsg
		if err := json.Unmarshal([]byte(`{"id":0,"msg":{"bank":{"burn":{"amount":[]}}},"reply_on":"`+s+`"}`), &sub); err != nil {
			t.Errorf("wasmvm refuses reply_on %q: %v", s, err)
		}
	}
}

func TestReplyJSON(t *testing.T) {
	vmReply := wasmvmtypes.Reply{ID: 4, Payload: []byte("pay"), GasUsed: 1234, Result: wasmvmtypes.SubMsgResult{Ok: &wasmvmtypes.SubMsgResponse{
		Events:       wasmvmtypes.Array[wasmvmtypes.Event]{{Type: "t", Attributes: wasmvmtypes.Array[wasmvmtypes.EventAttribute]{{Key: "k", Value: "v"}}}},
		Data:         []byte("old"),
		MsgResponses: wasmvmtypes.Array[wasmvmtypes.MsgResponse]{{TypeURL: "/a.B", Value: []byte{9}}},
	}}}
	b, _ := json.Marshal(vmReply)
	var r Reply
	if err := cwjson.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	want := Reply{ID: 4, Payload: []byte("pay"), GasUsed: 1234, Result: SubMsgResult{Ok: &SubMsgResponse{
		Events: []Event{{Type: "t", Attributes: []Attribute{{"k", "v"}}}}, Data: []byte("old"),
		MsgResponses: []MsgResponse{{TypeURL: "/a.B", Value: []byte{9}}}}}}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("decoded %s to %+v", b, r)
	}
	// Our encoder (used by the mock host) produces what wasmvm produces (up to key order).
	if got := cwjson.Marshal(r); !sameJSON(got, b) {
		t.Fatalf("encode:\n ours   %s\n wasmvm %s", got, b)
	}
	b, _ = json.Marshal(wasmvmtypes.Reply{ID: 1, GasUsed: 2, Result: wasmvmtypes.SubMsgResult{Err: "codespace: failed"}})
	r = Reply{}
	if err := cwjson.Unmarshal(b, &r); err != nil || r.Result.Ok != nil || r.Result.Err != "codespace: failed" || r.ID != 1 {
		t.Fatalf("error reply %s: %+v %v", b, r, err)
	}
	if got := string(cwjson.Marshal(r)); got != `{"id":1,"payload":"","gas_used":2,"result":{"error":"codespace: failed"}}` {
		t.Fatalf("error reply encode: %s", got)
	}
	if err := cwjson.Unmarshal([]byte(`{"id":1,"gas_used":2,"result":{"maybe":1}}`), &r); err == nil {
		t.Fatal("unknown result variant accepted")
	}
}

// sameJSON compares two documents as values, treating a null member like an absent one.
func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(dropNulls(x), dropNulls(y))
}

func dropNulls(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if e == nil {
				delete(t, k)
			} else {
				t[k] = dropNulls(e)
			}
		}
	case []any:
		for i, e := range t {
			t[i] = dropNulls(e)
		}
	}
	return v
}
