package types

import (
	"encoding/json"
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// The package must stay standard-library only: it is compiled into TinyGo
// contracts as well as into the chain.
func TestImportsOnlyTheStandardLibrary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg != "github.com/alliancewasm/alliancewasm/bindings/types" {
			t.Errorf("bindings/types depends on %s, outside the standard library", pkg)
		}
	}
}

func TestCustomMsgJSONShape(t *testing.T) {
	msg := CustomMsg{Alliance: &AllianceMsg{Redelegate: &Redelegate{
		SrcValidator: "val1", DstValidator: "val2", Amount: Coin{Denom: "uasset", Amount: "10"},
	}}}
	bz, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"alliance":{"redelegate":{"src_validator":"val1","dst_validator":"val2","amount":{"denom":"uasset","amount":"10"}}}}`
	if string(bz) != want {
		t.Fatalf("got  %s\nwant %s", bz, want)
	}
}

func TestMessageVariant(t *testing.T) {
	cases := []struct {
		json    string
		want    string
		wantErr string
	}{
		{`{"delegate":{"validator":"v","amount":{"denom":"d","amount":"1"}}}`, "delegate", ""},
		{`{"claim_rewards":{"validator":"v","denom":"d"}}`, "claim_rewards", ""},
		{`{}`, "", "alliance message: no known variant (expected one of delegate, undelegate, redelegate, claim_rewards, cancel_unbonding)"},
		{`{"delegate":{},"undelegate":{}}`, "", "alliance message has more than one variant: delegate and undelegate"},
	}
	for _, tc := range cases {
		var m AllianceMsg
		if err := json.Unmarshal([]byte(tc.json), &m); err != nil {
			t.Fatal(err)
		}
		got, err := m.Variant()
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("%s: error %v, want %q", tc.json, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.json, got, err, tc.want)
		}
	}
}

func TestQueryVariantNoneWrapsErrNoVariant(t *testing.T) {
	var q AllianceQuery
	if err := json.Unmarshal([]byte(`{"token":{"denom":"x"}}`), &q); err != nil {
		t.Fatal(err)
	}
	_, err := q.Variant()
	if !errors.Is(err, ErrNoVariant) {
		t.Fatalf("want ErrNoVariant, got %v", err)
	}
	if err := json.Unmarshal([]byte(`{"alliance":{"denom":"x"}}`), &q); err != nil {
		t.Fatal(err)
	}
	if v, err := q.Variant(); err != nil || v != "alliance" {
		t.Fatalf("got %q, %v", v, err)
	}
}

func TestAllianceResponseJSONKeepsUpstreamFieldNames(t *testing.T) {
	bz, err := json.Marshal(AllianceResponse{
		Denom: "ibc/AB", RewardWeight: "2.000000000000000000", TakeRate: "0.000000000000000000",
		TotalTokens: "0", TotalValidatorShares: "0.000000000000000000", RewardStartTime: 1_767_225_600_000_000_000,
		RewardChangeRate: "1.000000000000000000", RewardChangeInterval: 0, LastRewardChangeTime: 1_767_225_600_000_000_000,
		RewardWeightRange: RewardWeightRange{Min: "0.000000000000000000", Max: "5.000000000000000000"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"denom":"ibc/AB","reward_weight":"2.000000000000000000","take_rate":"0.000000000000000000",` +
		`"total_tokens":"0","total_validator_shares":"0.000000000000000000","reward_start_time":1767225600000000000,` +
		`"reward_change_rate":"1.000000000000000000","reward_change_interval":0,"last_reward_change_time":1767225600000000000,` +
		`"reward_weight_range":{"min":"0.000000000000000000","max":"5.000000000000000000"},"is_initialized":false}`
	if string(bz) != want {
		t.Fatalf("got  %s\nwant %s", bz, want)
	}
}

func TestDecodeUndelegateResult(t *testing.T) {
	// MsgUndelegateResponse{completion_time: {seconds: 1767225600, nanos: 5}}
	// field 1, bytes: 08 80 f2 d6 ca 06 (seconds) 10 05 (nanos)
	value := []byte{0x0a, 0x08, 0x08, 0x80, 0xf2, 0xd6, 0xca, 0x06, 0x10, 0x05}
	got, err := DecodeUndelegateResult(value)
	if err != nil {
		t.Fatal(err)
	}
	if got.CompletionTime != 1_767_225_600_000_000_005 {
		t.Fatalf("got %d", got.CompletionTime)
	}
}

// Field 3 (Coin amount) after the time: {denom "aaa", amount "900"}; a
// repeated field 3 keeps the last value, as protobuf does.
func TestDecodeUndelegateResultAmount(t *testing.T) {
	timeField := []byte{0x0a, 0x08, 0x08, 0x80, 0xf2, 0xd6, 0xca, 0x06, 0x10, 0x05}
	coin900 := []byte{0x1a, 0x0a, 0x0a, 0x03, 'a', 'a', 'a', 0x12, 0x03, '9', '0', '0'}
	coin7 := []byte{0x1a, 0x08, 0x0a, 0x03, 'b', 'b', 'b', 0x12, 0x01, '7'}
	got, err := DecodeRedelegateResult(append(append([]byte{}, timeField...), coin900...))
	if err != nil || got.Amount != (Coin{Denom: "aaa", Amount: "900"}) {
		t.Fatalf("got %+v, %v", got.Amount, err)
	}
	und, err := DecodeUndelegateResult(append(append(append([]byte{}, timeField...), coin900...), coin7...))
	if err != nil || und.Amount != (Coin{Denom: "bbb", Amount: "7"}) {
		t.Fatalf("got %+v, %v", und.Amount, err)
	}
	if _, err := DecodeUndelegateResult(append(append([]byte{}, timeField...), 0x1a, 0x03, 0x0a, 0x05, 'a')); err == nil {
		t.Fatal("a truncated amount decoded without error")
	}
}

func TestDecodeRejectsMalformedResponses(t *testing.T) {
	for name, value := range map[string][]byte{
		"empty (no completion time)": {},
		"truncated length":           {0x0a, 0x08, 0x08},
		"bad varint":                 {0x0a, 0x02, 0x08, 0x80},
		"unsupported wire type":      {0x0b},
		"nanos out of range":         {0x0a, 0x06, 0x10, 0x80, 0x94, 0xeb, 0xdc, 0x03},
	} {
		if _, err := DecodeRedelegateResult(value); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

// The wire type in the error is formatted without strconv (code size in contracts).
func TestUnsupportedWireTypeMessage(t *testing.T) {
	for _, wire := range []byte{3, 4, 6, 7} {
		err := eachField([]byte{1<<3 | wire}, func(int, int, uint64, []byte) error { return nil })
		want := "protobuf: unsupported wire type " + strconv.Itoa(int(wire))
		if err == nil || err.Error() != want {
			t.Errorf("wire %d: %v, want %q", wire, err, want)
		}
	}
}

func TestDecodeClaimRewardsResult(t *testing.T) {
	// rewards: [{denom:"stake", amount:"42"}, {denom:"u", amount:"7"}]
	coin := func(d, a string) []byte {
		b := []byte{0x0a, byte(len(d))}
		b = append(b, d...)
		b = append(b, 0x12, byte(len(a)))
		return append(b, a...)
	}
	var value []byte
	for _, c := range [][]byte{coin("stake", "42"), coin("u", "7")} {
		value = append(value, 0x0a, byte(len(c)))
		value = append(value, c...)
	}
	got, err := DecodeClaimRewardsResult(value)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rewards) != 2 || got.Rewards[0] != (Coin{"stake", "42"}) || got.Rewards[1] != (Coin{"u", "7"}) {
		t.Fatalf("got %+v", got.Rewards)
	}
	// MsgDelegateResponse has the same shape (claimed_rewards = 1).
	del, err := DecodeDelegateResult(value)
	if err != nil {
		t.Fatal(err)
	}
	if len(del.ClaimedRewards) != 2 || del.ClaimedRewards[0] != (Coin{"stake", "42"}) || del.ClaimedRewards[1] != (Coin{"u", "7"}) {
		t.Fatalf("got %+v", del.ClaimedRewards)
	}
	// A new delegation was paid nothing: an empty response.
	if del, err := DecodeDelegateResult(nil); err != nil || len(del.ClaimedRewards) != 0 {
		t.Fatalf("empty response: %+v, %v", del, err)
	}
}

func FuzzDecoders(f *testing.F) {
	f.Add([]byte{0x0a, 0x08, 0x08, 0x80, 0xf2, 0xd6, 0xca, 0x06, 0x10, 0x05})
	f.Add([]byte{0x0a, 0x05, 0x0a, 0x01, 'u', 0x12, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = DecodeUndelegateResult(b)
		_, _ = DecodeClaimRewardsResult(b)
		_, _ = DecodeDelegateResult(b)
		_, _ = DecodeRedelegateResult(b)
		_, _ = DecodeCancelUnbondingResult(b)
	})
}
