package e2e_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

type reflectEnv struct {
	t        *testing.T
	c        *harness.Chain
	owner    *harness.Account
	contract sdk.AccAddress
	vals     []sdk.ValAddress
}

func newReflectEnv(t *testing.T) *reflectEnv {
	code, err := harness.WasmdTestdata("reflect_2_0.wasm")
	require.NoError(t, err)
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	cfg.WasmOptions = []wasmkeeper.Option{harness.ReflectEnvelopeEncoder()}
	cfg.Funds = map[string]sdk.Coins{"owner": assetCoins(10_000_000).Add(sdk.NewInt64Coin("stake", 1_000_000))}
	c := harness.NewChain(t, cfg)
	owner := c.Account("owner")
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1"})
	contract := c.Instantiate(owner, c.StoreCode(owner, code), "reflect", map[string]any{}, assetCoins(5_000_000))
	return &reflectEnv{t: t, c: c, owner: owner, contract: contract,
		vals: []sdk.ValAddress{c.Validators()[0].ValAddr, c.Validators()[1].ValAddr}}
}

// custom wraps an alliance custom message in reflect's envelope.
func (e *reflectEnv) custom(msg bt.AllianceMsg) map[string]any {
	raw, err := json.Marshal(bt.CustomMsg{Alliance: &msg})
	require.NoError(e.t, err)
	return map[string]any{"custom": map[string]any{"raw": raw}}
}

func (e *reflectEnv) reflect(msgs ...map[string]any) harness.TxResult {
	return e.c.Execute(e.owner, e.contract, map[string]any{"reflect_msg": map[string]any{"msgs": msgs}}, nil)
}

// reflectSub sends one message as a submessage with reply always, then reads
// the reply the contract stored.
func (e *reflectEnv) reflectSub(id uint64, msg map[string]any) (reply struct {
	Result struct {
		Ok *struct {
			MsgResponses []struct {
				TypeURL string `json:"type_url"`
				Value   []byte `json:"value"`
			} `json:"msg_responses"`
		} `json:"ok"`
		Err *string `json:"error"`
	} `json:"result"`
},
) {
	res := e.c.Execute(e.owner, e.contract, map[string]any{"reflect_sub_msg": map[string]any{"msgs": []any{
		map[string]any{"id": id, "msg": msg, "reply_on": "always"},
	}}}, nil)
	require.NoError(e.t, res.Err())
	require.NoError(e.t, e.c.QuerySmart(e.contract, map[string]any{"sub_msg_result": map[string]any{"id": id}}, &reply))
	return reply
}

func (e *reflectEnv) delegation(val sdk.ValAddress) math.Int {
	return e.c.AllianceDelegationAmount(e.contract, val, asset)
}

func TestRustReflectDispatchesAllianceCustomMessages(t *testing.T) {
	e := newReflectEnv(t)
	c := e.c
	amount := func(n string) bt.Coin { return bt.Coin{Denom: asset, Amount: n} }

	// delegate: the delegator is the contract itself.
	require.NoError(t, e.reflect(e.custom(bt.AllianceMsg{Delegate: &bt.Delegate{Validator: e.vals[0].String(), Amount: amount("3000000")}})).Err())
	require.Equal(t, math.NewInt(3_000_000), e.delegation(e.vals[0]))
	require.Equal(t, int64(2_000_000), c.Balance(e.contract, asset).Amount.Int64())
	require.True(t, c.AllianceDelegationAmount(e.owner.Address, e.vals[0], asset).IsZero(), "the owner must not be the delegator")

	c.NextBlocks(5)

	// claim_rewards as a submessage: the reply carries the claimed coins.
	before := c.Balance(e.contract, "stake").Amount
	reply := e.reflectSub(1, e.custom(bt.AllianceMsg{ClaimRewards: &bt.ClaimRewards{Validator: e.vals[0].String(), Denom: asset}}))
	require.NotNil(t, reply.Result.Ok, "claim failed: %v", reply.Result.Err)
	require.Len(t, reply.Result.Ok.MsgResponses, 1)
	require.Equal(t, bt.TypeURLClaimRewardsResponse, reply.Result.Ok.MsgResponses[0].TypeURL)
	claimed, err := bt.DecodeClaimRewardsResult(reply.Result.Ok.MsgResponses[0].Value)
	require.NoError(t, err)
	require.Len(t, claimed.Rewards, 1)
	paid, ok := math.NewIntFromString(claimed.Rewards[0].Amount)
	require.True(t, ok)
	require.True(t, paid.IsPositive())
	require.Equal(t, before.Add(paid), c.Balance(e.contract, "stake").Amount, "reply amount must equal what arrived")

	// redelegate part of it to the second validator.
	require.NoError(t, e.reflect(e.custom(bt.AllianceMsg{Redelegate: &bt.Redelegate{
		SrcValidator: e.vals[0].String(), DstValidator: e.vals[1].String(), Amount: amount("1000000"),
	}})).Err())
	require.Equal(t, math.NewInt(2_000_000), e.delegation(e.vals[0]))
	require.Equal(t, math.NewInt(1_000_000), e.delegation(e.vals[1]))

	// undelegate as a submessage: the reply carries the completion time.
	reply = e.reflectSub(2, e.custom(bt.AllianceMsg{Undelegate: &bt.Undelegate{Validator: e.vals[0].String(), Amount: amount("500000")}}))
	require.NotNil(t, reply.Result.Ok, "undelegate failed: %v", reply.Result.Err)
	und, err := bt.DecodeUndelegateResult(reply.Result.Ok.MsgResponses[0].Value)
	require.NoError(t, err)
	completion := c.Time().Add(harness.DefaultConfig().UnbondingTime)
	require.Equal(t, uint64(completion.UnixNano()), und.CompletionTime)
	require.Equal(t, math.NewInt(1_500_000), e.delegation(e.vals[0]))

	unb, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: e.contract.String()})
	require.NoError(t, err)
	require.Len(t, unb.Unbondings, 1)
	require.Equal(t, completion, unb.Unbondings[0].CompletionTime)

	// the reply's amount is what comes back at completion
	require.Equal(t, bt.Coin{Denom: asset, Amount: "500000"}, und.Amount)
	free := c.Balance(e.contract, asset).Amount
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	moved, ok := math.NewIntFromString(und.Amount.Amount)
	require.True(t, ok)
	require.Equal(t, free.Add(moved), c.Balance(e.contract, asset).Amount)
	require.Equal(t, int64(2_500_000), c.Balance(e.contract, asset).Amount.Int64())

	// delegate more as a submessage: the delegation is paid first and the reply says how much.
	c.NextBlocks(3)
	before = c.Balance(e.contract, "stake").Amount
	reply = e.reflectSub(3, e.custom(bt.AllianceMsg{Delegate: &bt.Delegate{Validator: e.vals[0].String(), Amount: amount("1000000")}}))
	require.NotNil(t, reply.Result.Ok, "delegate failed: %v", reply.Result.Err)
	require.Equal(t, bt.TypeURLDelegateResponse, reply.Result.Ok.MsgResponses[0].TypeURL)
	delegated, err := bt.DecodeDelegateResult(reply.Result.Ok.MsgResponses[0].Value)
	require.NoError(t, err)
	require.Len(t, delegated.ClaimedRewards, 1)
	paid, ok = math.NewIntFromString(delegated.ClaimedRewards[0].Amount)
	require.True(t, ok)
	require.True(t, paid.IsPositive())
	require.Equal(t, before.Add(paid), c.Balance(e.contract, "stake").Amount, "reply amount must equal what arrived")
	require.Equal(t, math.NewInt(2_500_000), e.delegation(e.vals[0]))
}

func TestRustReflectAllianceMessagesAsAnyAndErrors(t *testing.T) {
	e := newReflectEnv(t)
	c := e.c

	// Existing Rust contracts send alliance messages as Any (Stargate): the
	// type URLs are upstream's.
	anyMsg := func(m sdk.Msg) map[string]any {
		a, err := codectypes.NewAnyWithValue(m)
		require.NoError(t, err)
		return map[string]any{"any": map[string]any{"type_url": a.TypeUrl, "value": a.Value}}
	}
	require.NoError(t, e.reflect(anyMsg(&alliancetypes.MsgDelegate{
		DelegatorAddress: e.contract.String(), ValidatorAddress: e.vals[1].String(), Amount: sdk.NewInt64Coin(asset, 700_000),
	})).Err())
	require.Equal(t, math.NewInt(700_000), e.delegation(e.vals[1]))

	// An Any signed for someone else is refused by the signer check.
	res := e.reflect(anyMsg(&alliancetypes.MsgDelegate{
		DelegatorAddress: e.owner.Address.String(), ValidatorAddress: e.vals[1].String(), Amount: sdk.NewInt64Coin(asset, 1),
	}))
	require.False(t, res.OK())
	require.Contains(t, res.Log, "unauthorized")

	// Bad custom input: a clear error, nothing moves.
	cases := []struct {
		msg     bt.AllianceMsg
		wantLog string
	}{
		{bt.AllianceMsg{Delegate: &bt.Delegate{Validator: e.vals[0].String(), Amount: bt.Coin{Denom: asset, Amount: "0"}}}, "amount must be positive"},
		{bt.AllianceMsg{Delegate: &bt.Delegate{Validator: "alliancevaloper1bad", Amount: bt.Coin{Denom: asset, Amount: "1"}}}, "validator"},
		{bt.AllianceMsg{Delegate: &bt.Delegate{Validator: e.vals[0].String(), Amount: bt.Coin{Denom: "unlisted", Amount: "1"}}}, "unlisted"},
		{bt.AllianceMsg{Undelegate: &bt.Undelegate{Validator: e.vals[0].String(), Amount: bt.Coin{Denom: asset, Amount: "1"}}}, ""},
		{bt.AllianceMsg{}, "no known variant"},
	}
	balance := c.Balance(e.contract, asset)
	for _, tc := range cases {
		res := e.reflect(e.custom(tc.msg))
		require.False(t, res.OK(), "%+v succeeded", tc.msg)
		require.Contains(t, res.Log, tc.wantLog)
		require.Equal(t, balance, c.Balance(e.contract, asset))
	}
}

func TestRustReflectQueriesAllianceOverGrpcAcceptList(t *testing.T) {
	e := newReflectEnv(t)
	c := e.c
	require.NoError(t, e.reflect(e.custom(bt.AllianceMsg{Delegate: &bt.Delegate{Validator: e.vals[0].String(), Amount: bt.Coin{Denom: asset, Amount: "1234567"}}})).Err())

	grpc := func(path string, req interface{ Marshal() ([]byte, error) }) (json.RawMessage, error) {
		data, err := req.Marshal()
		require.NoError(t, err)
		var out json.RawMessage
		err = c.QuerySmart(e.contract, map[string]any{"chain": map[string]any{"request": map[string]any{
			"grpc": map[string]any{"path": path, "data": data},
		}}}, &out)
		return out, err
	}
	raw, err := grpc("/alliance.alliance.Query/AllianceDelegation", &alliancetypes.QueryAllianceDelegationRequest{
		DelegatorAddr: e.contract.String(), ValidatorAddr: e.vals[0].String(), Denom: asset,
	})
	require.NoError(t, err)
	var wrapped struct {
		Data string `json:"data"`
	}
	require.NoError(t, json.Unmarshal(raw, &wrapped))
	bz, err := base64.StdEncoding.DecodeString(wrapped.Data)
	require.NoError(t, err)
	var resp alliancetypes.QueryAllianceDelegationResponse
	require.NoError(t, c.App.AppCodec().Unmarshal(bz, &resp))
	require.Equal(t, "1234567", resp.Delegation.Balance.Amount.String())
	require.Equal(t, e.contract.String(), resp.Delegation.Delegation.DelegatorAddress)

	// Unbounded scans stay off the accept-list.
	_, err = grpc("/alliance.alliance.Query/AllAlliancesDelegations", &alliancetypes.QueryAllAlliancesDelegationsRequest{})
	require.ErrorContains(t, err, "path is not allowed from the contract")
}
