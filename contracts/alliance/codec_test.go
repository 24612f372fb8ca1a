package alliance

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Every shared wire type: the cwjson encoder must produce exactly encoding/json's bytes (what the
// chain produces and parses), and the cwjson decoder must turn encoding/json's bytes back into the
// same value. Values cover set/unset optional fields, nil and empty lists, and base64 keys.

type codecCase struct {
	name   string
	value  any
	encode func(w *cwjson.Writer)
	decode func(r *cwjson.Reader) (any, error)
}

func dec[T any](fn func(*cwjson.Reader, *T) error) func(r *cwjson.Reader) (any, error) {
	return func(r *cwjson.Reader) (any, error) {
		var v T
		err := fn(r, &v)
		return v, err
	}
}

func codecCases() []codecCase {
	var cases []codecCase
	add := func(name string, v any, enc func(w *cwjson.Writer), d func(r *cwjson.Reader) (any, error)) {
		cases = append(cases, codecCase{name, v, enc, d})
	}
	coin := bt.Coin{Denom: "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", Amount: "340282366920938463463374607431768211455"}
	msgs := map[string]bt.CustomMsg{
		"delegate":      {Alliance: &bt.AllianceMsg{Delegate: &bt.Delegate{Validator: "alliancevaloper1x", Amount: coin}}},
		"undelegate":    {Alliance: &bt.AllianceMsg{Undelegate: &bt.Undelegate{Validator: "v", Amount: bt.Coin{Denom: "u", Amount: "1"}}}},
		"redelegate":    {Alliance: &bt.AllianceMsg{Redelegate: &bt.Redelegate{SrcValidator: "a", DstValidator: "b", Amount: coin}}},
		"claim_rewards": {Alliance: &bt.AllianceMsg{ClaimRewards: &bt.ClaimRewards{Validator: "v", Denom: "d"}}},
		"empty":         {},
	}
	for name, m := range msgs {
		m := m
		add("msg/"+name, m, func(w *cwjson.Writer) { EncodeCustomMsg(w, m) }, dec(DecodeCustomMsg))
	}
	queries := map[string]bt.AllianceQuery{
		"alliance":               {Alliance: &bt.AllianceRequest{Denom: "uasset"}},
		"delegation":             {Delegation: &bt.DelegationRequest{Denom: "d", Delegator: "c", Validator: "v"}},
		"delegation_rewards":     {DelegationRewards: &bt.DelegationRewardsRequest{Denom: "d", Delegator: "c", Validator: "v"}},
		"alliances/nopage":       {Alliances: &bt.AlliancesRequest{}},
		"alliances/page":         {Alliances: &bt.AlliancesRequest{Pagination: &bt.PageRequest{Key: []byte{0, 1, 0xfe, 0xff}, Limit: 7}}},
		"alliances/emptypage":    {Alliances: &bt.AlliancesRequest{Pagination: &bt.PageRequest{}}},
		"alliance_params":        {AllianceParams: &bt.AllianceParamsRequest{}},
		"delegations":            {Delegations: &bt.DelegationsRequest{Delegator: "c", Pagination: &bt.PageRequest{Limit: 100}}},
		"unbondings/all":         {Unbondings: &bt.UnbondingsRequest{Delegator: "c"}},
		"unbondings/filtered":    {Unbondings: &bt.UnbondingsRequest{Delegator: "c", Denom: "d", Validator: "v", Pagination: &bt.PageRequest{Key: []byte("k")}}},
		"redelegations/all":      {Redelegations: &bt.RedelegationsRequest{Delegator: "c"}},
		"redelegations/filtered": {Redelegations: &bt.RedelegationsRequest{Delegator: "c", Denom: "d", Pagination: &bt.PageRequest{Limit: 1}}},
		"alliance_validator":     {AllianceValidator: &bt.AllianceValidatorRequest{Validator: "v"}},
		"staking_params":         {StakingParams: &bt.StakingParamsRequest{}},
		"stakes":                 {Stakes: &bt.StakesRequest{Delegator: "c", Denom: "d", Validators: []string{"a", "b"}, Amount: true, Status: true, Rewards: true}},
		"stakes/rewards":         {Stakes: &bt.StakesRequest{Delegator: "c", Denom: "d", Validators: []string{"a"}, Rewards: true}},
		"stakes/none":            {Stakes: &bt.StakesRequest{Delegator: "c", Denom: "d", Validators: []string{"a"}}},
	}
	for name, q := range queries {
		q := q
		add("query/"+name, q, func(w *cwjson.Writer) { EncodeAllianceQuery(w, q) }, dec(DecodeAllianceQuery))
	}
	asset := bt.AllianceResponse{Denom: "ibc/AB", RewardWeight: "2.000000000000000000", TakeRate: "0.005000000000000000",
		TotalTokens: "12", TotalValidatorShares: "12.5", RewardStartTime: 1_767_225_600_000_000_000, RewardChangeRate: "1",
		RewardChangeInterval: 86400_000_000_000, LastRewardChangeTime: 18446744073709551615,
		RewardWeightRange: bt.RewardWeightRange{Min: "0", Max: "5"}, IsInitialized: true}
	add("alliance", asset, func(w *cwjson.Writer) { EncodeAllianceResponse(w, asset) }, dec(DecodeAllianceResponse))
	for name, v := range map[string]bt.AlliancesResponse{
		"nil": {}, "empty": {Alliances: []bt.AllianceResponse{}}, "page": {Alliances: []bt.AllianceResponse{asset, {}}, NextKey: []byte{9, 9}},
	} {
		v := v
		add("alliances/"+name, v, func(w *cwjson.Writer) { EncodeAlliancesResponse(w, v) }, dec(DecodeAlliancesResponse))
	}
	params := bt.AllianceParamsResponse{RewardDelayTime: 604800_000_000_000, TakeRateClaimInterval: 300_000_000_000, LastTakeRateClaimTime: 1}
	add("params", params, func(w *cwjson.Writer) { EncodeAllianceParamsResponse(w, params) }, dec(DecodeAllianceParamsResponse))
	sp := bt.StakingParamsResponse{UnbondingTime: 1_814_400, MaxEntries: 4_294_967_295, BondDenom: "stake"}
	stakes := bt.StakesResponse{Stakes: []bt.ValidatorStake{{Validator: "a", Amount: "5", Status: bt.StakeBonded, Rewards: []bt.Coin{{Denom: "stake", Amount: "7"}}},
		{Validator: "b", Amount: "0", Status: bt.StakeRemoved, Worthless: true}, {Validator: "c", Rewards: []bt.Coin{{Denom: "stake", Amount: "1"}}}}}
	add("stakes", stakes, func(w *cwjson.Writer) { EncodeStakesResponse(w, stakes) }, dec(DecodeStakesResponse))
	add("staking_params", sp, func(w *cwjson.Writer) { EncodeStakingParamsResponse(w, sp) }, dec(DecodeStakingParamsResponse))
	del := bt.DelegationResponse{Delegator: "c", Validator: "v", Denom: "d", Amount: "0"}
	add("delegation", del, func(w *cwjson.Writer) { EncodeDelegationResponse(w, del) }, dec(DecodeDelegationResponse))
	for name, v := range map[string]bt.DelegationsResponse{
		"nil": {}, "empty": {Delegations: []bt.DelegationResponse{}}, "page": {Delegations: []bt.DelegationResponse{del, del}, NextKey: []byte("next")},
	} {
		v := v
		add("delegations/"+name, v, func(w *cwjson.Writer) { EncodeDelegationsResponse(w, v) }, dec(DecodeDelegationsResponse))
	}
	for name, v := range map[string]bt.DelegationRewardsResponse{
		"nil": {}, "empty": {Rewards: []bt.Coin{}}, "two": {Rewards: []bt.Coin{coin, {Denom: "stake", Amount: "5"}}},
	} {
		v := v
		add("rewards/"+name, v, func(w *cwjson.Writer) { EncodeDelegationRewardsResponse(w, v) }, dec(DecodeDelegationRewardsResponse))
	}
	for name, v := range map[string]bt.UnbondingsResponse{
		"nil": {}, "one": {Unbondings: []bt.Unbonding{{Validator: "v", Denom: "d", Amount: "3", CompletionTime: 1_800_000_000_000_000_001}}, NextKey: []byte{1}},
	} {
		v := v
		add("unbondings/"+name, v, func(w *cwjson.Writer) { EncodeUnbondingsResponse(w, v) }, dec(DecodeUnbondingsResponse))
	}
	for name, v := range map[string]bt.RedelegationsResponse{
		"empty": {Redelegations: []bt.Redelegation{}}, "one": {Redelegations: []bt.Redelegation{{SrcValidator: "a", DstValidator: "b", Denom: "d", Amount: "3", CompletionTime: 5}}},
	} {
		v := v
		add("redelegations/"+name, v, func(w *cwjson.Writer) { EncodeRedelegationsResponse(w, v) }, dec(DecodeRedelegationsResponse))
	}
	for name, v := range map[string]bt.AllianceValidatorResponse{
		"nil":  {Validator: "v"},
		"full": {Validator: "v", TotalDelegationShares: []bt.DecCoin{{Denom: "d", Amount: "1.5"}}, ValidatorShares: []bt.DecCoin{}, TotalStaked: []bt.DecCoin{{Denom: "a", Amount: "0.000000000000000001"}, {Denom: "b", Amount: "2"}}},
	} {
		v := v
		add("validator/"+name, v, func(w *cwjson.Writer) { EncodeAllianceValidatorResponse(w, v) }, dec(DecodeAllianceValidatorResponse))
	}
	return cases
}

func TestCodecsMatchEncodingJSON(t *testing.T) {
	for _, tc := range codecCases() {
		want, err := json.Marshal(tc.value)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		w := cwjson.NewWriter(64)
		tc.encode(w)
		if got := string(w.Bytes()); got != string(want) {
			t.Errorf("%s: cwjson wrote\n  %s\nencoding/json wrote\n  %s", tc.name, got, want)
		}
		r := cwjson.NewReader(want)
		back, err := tc.decode(r)
		if err == nil {
			err = r.End()
		}
		if err != nil {
			t.Errorf("%s: cwjson cannot read encoding/json's %s: %v", tc.name, want, err)
			continue
		}
		if !reflect.DeepEqual(back, tc.value) {
			t.Errorf("%s: decoded %#v, want %#v", tc.name, back, tc.value)
		}
		// And the other way: encoding/json reads our bytes into the same value.
		ptr := reflect.New(reflect.TypeOf(tc.value))
		if err := json.Unmarshal(w.Bytes(), ptr.Interface()); err != nil {
			t.Errorf("%s: encoding/json cannot read %s: %v", tc.name, w.Bytes(), err)
		} else if !reflect.DeepEqual(ptr.Elem().Interface(), tc.value) {
			t.Errorf("%s: encoding/json read %#v", tc.name, ptr.Elem().Interface())
		}
	}
}

// Requests are strict like the chain's decoder; responses skip fields a newer chain may add.
func TestRequestDecodersAreStrictResponsesLenient(t *testing.T) {
	var m bt.CustomMsg
	err := DecodeCustomMsg(cwjson.NewReader([]byte(`{"alliance":{"delegate":{"validator":"v","amount":{"denom":"d","amount":"1"},"delegator":"x"}}}`)), &m)
	if err == nil || !strings.Contains(err.Error(), `unknown field "delegator"`) {
		t.Fatalf("delegator field accepted: %v", err)
	}
	var q bt.AllianceQuery
	if err := DecodeAllianceQuery(cwjson.NewReader([]byte(`{"token":{}}`)), &q); err == nil || !strings.Contains(err.Error(), `unknown field "token"`) {
		t.Fatalf("unknown query accepted: %v", err)
	}
	var d bt.DelegationResponse
	if err := DecodeDelegationResponse(cwjson.NewReader([]byte(`{"delegator":"c","new_field":[1,{"x":2}],"amount":"7"}`)), &d); err != nil || d.Amount != "7" || d.Delegator != "c" {
		t.Fatalf("lenient decode: %+v %v", d, err)
	}
}

func TestMessageConstructors(t *testing.T) {
	for _, tc := range []struct {
		got  []byte
		want string
	}{
		{DelegateMsg("val", coinOf(5, "uasset")).Custom, `{"alliance":{"delegate":{"validator":"val","amount":{"denom":"uasset","amount":"5"}}}}`},
		{UndelegateMsg("val", coinOf(6, "uasset")).Custom, `{"alliance":{"undelegate":{"validator":"val","amount":{"denom":"uasset","amount":"6"}}}}`},
		{RedelegateMsg("a", "b", coinOf(7, "uasset")).Custom, `{"alliance":{"redelegate":{"src_validator":"a","dst_validator":"b","amount":{"denom":"uasset","amount":"7"}}}}`},
		{ClaimRewardsMsg("val", "uasset").Custom, `{"alliance":{"claim_rewards":{"validator":"val","denom":"uasset"}}}`},
	} {
		if string(tc.got) != tc.want {
			t.Errorf("got  %s\nwant %s", tc.got, tc.want)
		}
	}
}
