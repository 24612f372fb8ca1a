package e2e_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	"github.com/alliancewasm/alliancewasm/app"
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The token factory's default creation fee (upstream's DefaultParams): 10
// STAKE, paid into the community pool.
const tfCreationFee = 10_000_000

// quietTokenFactoryChain is a chain whose community pool moves only by the
// token factory's fees: no inflation and no community tax, so the pool's
// balance is exact.
func quietTokenFactoryChain(t *testing.T, funds map[string]sdk.Coins) *harness.Chain {
	t.Helper()
	cfg := harness.DefaultConfig()
	cfg.Funds = funds
	cfg.GenesisHook = func(cdc harness.JSONCodec, state map[string]json.RawMessage) {
		var mintGen minttypes.GenesisState
		cdc.MustUnmarshalJSON(state[minttypes.ModuleName], &mintGen)
		mintGen.Minter.Inflation = math.LegacyZeroDec()
		mintGen.Params.InflationMin = math.LegacyZeroDec()
		mintGen.Params.InflationMax = math.LegacyZeroDec()
		state[minttypes.ModuleName] = cdc.MustMarshalJSON(&mintGen)
		var distrGen distrtypes.GenesisState
		cdc.MustUnmarshalJSON(state[distrtypes.ModuleName], &distrGen)
		distrGen.Params.CommunityTax = math.LegacyZeroDec()
		state[distrtypes.ModuleName] = cdc.MustMarshalJSON(&distrGen)
	}
	return harness.NewChain(t, cfg)
}

func communityPool(t *testing.T, c *harness.Chain) math.Int {
	t.Helper()
	pool, err := c.App.DistrKeeper.FeePool.Get(c.Context())
	require.NoError(t, err)
	return pool.CommunityPool.AmountOf(app.BondDenom).TruncateInt()
}

func requireTFError(t *testing.T, res harness.TxResult, code uint32, text string) {
	t.Helper()
	require.Equal(t, tftypes.ModuleName, res.Codespace, res.Log)
	require.Equal(t, code, res.Code, res.Log)
	require.Contains(t, res.Log, text)
}

// A user creates a factory denom through real txs: the fee goes from the
// creator to the community pool, the denom is factory/{creator}/{subdenom}
// with default bank metadata, a second create is refused and charges
// nothing, only the admin mints, burns (its own coins) and sets metadata,
// burn_from and force_transfer are disabled on this chain, and after a
// change of admin only the new admin acts. Every refusal leaves supply and
// balances as they were.
func TestTokenFactoryThroughTxs(t *testing.T) {
	c := quietTokenFactoryChain(t, map[string]sdk.Coins{
		"alice": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 25_000_000)),
		"bob":   sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000)),
	})
	alice, bob := c.Account("alice"), c.Account("bob")
	a, b := alice.Address.String(), bob.Address.String()
	denom := "factory/" + a + "/ushare"
	supply := func() int64 { return c.App.BankKeeper.GetSupply(c.Context(), denom).Amount.Int64() }

	poolBefore := communityPool(t, c)
	res := c.MustDeliver(alice, tftypes.NewMsgCreateDenom(a, "ushare"))
	t.Logf("create_denom tx gas used: %d", res.GasUsed)
	var created tftypes.MsgCreateDenomResponse
	require.NoError(t, unpackMsgResponse(c, res, &created))
	require.Equal(t, denom, created.NewTokenDenom)
	// 25M - 10M fee (the harness pays no tx fee)
	require.Equal(t, int64(15_000_000), c.Balance(alice.Address, app.BondDenom).Amount.Int64())
	require.Equal(t, poolBefore.AddRaw(tfCreationFee), communityPool(t, c))
	md, ok := c.App.BankKeeper.GetDenomMetaData(c.Context(), denom)
	require.True(t, ok)
	require.Equal(t, denom, md.Base)
	require.Equal(t, denom, md.Display)

	// A second create of the same subdenom: refused, no fee.
	requireTFError(t, c.Deliver(alice, tftypes.NewMsgCreateDenom(a, "ushare")), 2, "already exists")
	require.Equal(t, int64(15_000_000), c.Balance(alice.Address, app.BondDenom).Amount.Int64())
	// A subdenom of 45 bytes (the limit is 44): refused before anything.
	requireTFError(t, c.Deliver(alice, tftypes.NewMsgCreateDenom(a, strings.Repeat("a", 45))), 4, "subdenom too long")
	// Bob cannot pay the fee: refused by x/bank, nothing created.
	res = c.Deliver(bob, tftypes.NewMsgCreateDenom(b, "upoor"))
	require.Equal(t, "sdk", res.Codespace, res.Log)
	require.Contains(t, res.Log, "insufficient funds")
	_, ok = c.App.BankKeeper.GetDenomMetaData(c.Context(), "factory/"+b+"/upoor")
	require.False(t, ok)

	// Mint to bob; bob sends 400 back; alice burns 300 of her own.
	c.MustDeliver(alice, tftypes.NewMsgMintTo(a, sdk.NewInt64Coin(denom, 1_000), b))
	require.Equal(t, int64(1_000), c.Balance(bob.Address, denom).Amount.Int64())
	c.MustDeliver(bob, banktypes.NewMsgSend(bob.Address, alice.Address, sdk.NewCoins(sdk.NewInt64Coin(denom, 400))))
	c.MustDeliver(alice, tftypes.NewMsgBurn(a, sdk.NewInt64Coin(denom, 300)))
	require.Equal(t, int64(100), c.Balance(alice.Address, denom).Amount.Int64()) // 400 - 300
	require.Equal(t, int64(700), supply())                                       // 1000 - 300

	// Not the admin: bob can neither mint nor burn nor set metadata.
	requireTFError(t, c.Deliver(bob, tftypes.NewMsgMint(b, sdk.NewInt64Coin(denom, 5))), 3, "unauthorized")
	requireTFError(t, c.Deliver(bob, tftypes.NewMsgBurn(b, sdk.NewInt64Coin(denom, 5))), 3, "unauthorized")
	// Disabled here: the admin burns from another account or moves its coins.
	requireTFError(t, c.Deliver(alice, tftypes.NewMsgBurnFrom(a, sdk.NewInt64Coin(denom, 5), b)), 11, "not enabled")
	requireTFError(t, c.Deliver(alice, tftypes.NewMsgForceTransfer(a, sdk.NewInt64Coin(denom, 5), b, a)), 11, "not enabled")
	// Burning more than the admin holds fails in x/bank.
	res = c.Deliver(alice, tftypes.NewMsgBurn(a, sdk.NewInt64Coin(denom, 101)))
	require.Equal(t, "sdk", res.Codespace, res.Log)
	require.Contains(t, res.Log, "insufficient funds")
	require.Equal(t, int64(700), supply())
	require.Equal(t, int64(600), c.Balance(bob.Address, denom).Amount.Int64())

	// Metadata: the admin's display unit is what bank reports.
	meta := banktypes.Metadata{
		Description: "alice's share",
		DenomUnits:  []*banktypes.DenomUnit{{Denom: denom, Exponent: 0}, {Denom: "share", Exponent: 6}},
		Base:        denom, Display: "share", Name: "Share", Symbol: "SHARE",
	}
	requireTFError(t, c.Deliver(bob, tftypes.NewMsgSetDenomMetadata(b, meta)), 3, "unauthorized")
	c.MustDeliver(alice, tftypes.NewMsgSetDenomMetadata(a, meta))
	md, ok = c.App.BankKeeper.GetDenomMetaData(c.Context(), denom)
	require.True(t, ok)
	require.Equal(t, "share", md.Display)
	require.Equal(t, "SHARE", md.Symbol)
	require.Equal(t, uint32(6), md.DenomUnits[1].Exponent)

	// Change of admin: bob mints, alice no longer can.
	c.MustDeliver(alice, tftypes.NewMsgChangeAdmin(a, denom, b))
	requireTFError(t, c.Deliver(alice, tftypes.NewMsgMint(a, sdk.NewInt64Coin(denom, 1))), 3, "unauthorized")
	c.MustDeliver(bob, tftypes.NewMsgMint(b, sdk.NewInt64Coin(denom, 50)))
	require.Equal(t, int64(750), supply())

	q := c.App.TokenFactoryKeeper
	admin, err := q.DenomAuthorityMetadata(c.Context(), &tftypes.QueryDenomAuthorityMetadataRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, b, admin.AuthorityMetadata.Admin)
	byCreator, err := q.DenomsFromCreator(c.Context(), &tftypes.QueryDenomsFromCreatorRequest{Creator: a})
	require.NoError(t, err)
	require.Equal(t, []string{denom}, byCreator.Denoms) // the creator stays alice
}

// Only gov changes the token factory's parameters: a user's MsgUpdateParams
// is refused; a passed proposal sets a new fee, which the next create pays.
func TestTokenFactoryParamsByGovOnly(t *testing.T) {
	c := quietTokenFactoryChain(t, map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000))})
	alice := c.Account("alice")
	a := alice.Address.String()
	params := tftypes.Params{DenomCreationFee: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_234)), DenomCreationGasConsume: 100_000}

	res := c.Deliver(alice, &tftypes.MsgUpdateParams{Authority: a, Params: params})
	require.False(t, res.OK())
	require.Contains(t, res.Log, "invalid authority")
	got, err := c.App.TokenFactoryKeeper.Params(c.Context(), &tftypes.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, tftypes.DefaultParams(), got.Params)

	c.PassProposal("token factory fee", &tftypes.MsgUpdateParams{Authority: c.GovAuthority(), Params: params})
	got, err = c.App.TokenFactoryKeeper.Params(c.Context(), &tftypes.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, params, got.Params)

	c.MustDeliver(alice, tftypes.NewMsgCreateDenom(a, "ucheap"))
	require.Equal(t, int64(1_000_000-1_234), c.Balance(alice.Address, app.BondDenom).Amount.Int64())
}

// Export and import: a new chain started from the exported token factory
// and bank state has the same denoms, admins and the admin's metadata (the
// token factory imports before bank, whose metadata then wins), and the
// admin can still mint.
func TestTokenFactoryGenesisRoundTrip(t *testing.T) {
	funds := map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 20_000_000))}
	c := quietTokenFactoryChain(t, funds)
	alice, bob := c.Account("alice"), c.Account("bob")
	a := alice.Address.String()
	denom := "factory/" + a + "/ushare"
	c.MustDeliver(alice, tftypes.NewMsgCreateDenom(a, "ushare"))
	meta := banktypes.Metadata{
		DenomUnits: []*banktypes.DenomUnit{{Denom: denom}, {Denom: "share", Exponent: 6}},
		Base:       denom, Display: "share", Name: "Share", Symbol: "SHARE",
	}
	c.MustDeliver(alice, tftypes.NewMsgSetDenomMetadata(a, meta))
	c.MustDeliver(alice, tftypes.NewMsgChangeAdmin(a, denom, bob.Address.String()))

	exported, err := c.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	cdc := c.App.AppCodec()
	var tfGen tftypes.GenesisState
	cdc.MustUnmarshalJSON(state[tftypes.ModuleName], &tfGen)
	require.Equal(t, []tftypes.GenesisDenom{{Denom: denom, AuthorityMetadata: tftypes.DenomAuthorityMetadata{Admin: bob.Address.String()}}}, tfGen.FactoryDenoms)
	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(state["bank"], &bankGen)

	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"bob": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000))}
	cfg.GenesisHook = func(cdc harness.JSONCodec, s map[string]json.RawMessage) {
		s[tftypes.ModuleName] = state[tftypes.ModuleName]
		var bg banktypes.GenesisState
		cdc.MustUnmarshalJSON(s["bank"], &bg)
		bg.DenomMetadata = bankGen.DenomMetadata
		s["bank"] = cdc.MustMarshalJSON(&bg)
	}
	c2 := harness.NewChain(t, cfg)
	md, ok := c2.App.BankKeeper.GetDenomMetaData(c2.Context(), denom)
	require.True(t, ok)
	require.Equal(t, "share", md.Display, "the admin's metadata survives the import")
	bob2 := c2.Account("bob")
	admin, err := c2.App.TokenFactoryKeeper.DenomAuthorityMetadata(c2.Context(), &tftypes.QueryDenomAuthorityMetadataRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, bob2.Address.String(), admin.AuthorityMetadata.Admin)
	c2.MustDeliver(bob2, tftypes.NewMsgMint(bob2.Address.String(), sdk.NewInt64Coin(denom, 7)))
	require.Equal(t, int64(7), c2.Balance(bob2.Address, denom).Amount.Int64())
}

// A factory denom listed by gov is an alliance asset like any other: a
// holder stakes it, earns native rewards, and a burn by its admin cannot
// touch the staked coins (burn_from is disabled). The holder is not the
// issuer: the creator of a listed factory denom cannot stake on this chain
// (x/alliance's same-chain guard, error 82).
func TestFactoryDenomAsAllianceAsset(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{
		"alice": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 20_000_000)),
		"bob":   sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000)),
	}
	c := harness.NewChain(t, cfg)
	alice, bob := c.Account("alice"), c.Account("bob")
	a, b := alice.Address.String(), bob.Address.String()
	val := c.Validators()[0].ValAddr
	denom := "factory/" + a + "/ulp"
	c.MustDeliver(alice, tftypes.NewMsgCreateDenom(a, "ulp"))
	c.MustDeliver(alice, tftypes.NewMsgMintTo(a, sdk.NewInt64Coin(denom, 5_000_000), b))
	c.CreateAlliance(harness.AllianceSpec{Denom: denom, RewardWeight: "0.5"})

	c.MustDeliver(bob, &alliancetypes.MsgDelegate{DelegatorAddress: b, ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(denom, 4_000_000)})
	require.Equal(t, math.NewInt(4_000_000), c.AllianceDelegationAmount(bob.Address, val, denom))
	require.Equal(t, int64(1_000_000), c.Balance(bob.Address, denom).Amount.Int64())
	allianceAcc := c.App.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName)
	res := c.Deliver(alice, tftypes.NewMsgBurnFrom(a, sdk.NewInt64Coin(denom, 1), allianceAcc.String()))
	requireTFError(t, res, 11, "not enabled")

	c.NextBlocks(5)
	before := c.Balance(bob.Address, app.BondDenom).Amount
	claim := c.MustDeliver(bob, &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: b, ValidatorAddress: val.String(), Denom: denom})
	var claimed alliancetypes.MsgClaimDelegationRewardsResponse
	require.NoError(t, unpackMsgResponse(c, claim, &claimed))
	paid := claimed.Rewards.AmountOf(app.BondDenom)
	require.True(t, paid.IsPositive(), "five blocks of native rewards on the factory denom")
	require.Equal(t, before.Add(paid), c.Balance(bob.Address, app.BondDenom).Amount)
}

// tfReflect wraps a token factory custom message in reflect's envelope.
func tfReflect(t *testing.T, msg bt.TokenFactoryMsg) map[string]any {
	raw, err := json.Marshal(bt.TokenFactoryCustomMsg{TokenFactory: &msg})
	require.NoError(t, err)
	return map[string]any{"custom": map[string]any{"raw": raw}}
}

// wasmd's Rust reflect contract, as an independent client, uses the token
// factory through the custom bindings and through CosmosMsg::Any: it creates
// a denom with metadata (paying the fee), learns a second denom from its
// reply, mints to a user, burns what the user sent back, and a failed burn
// changes nothing; over gRPC it reads the denom's admin.
func TestRustReflectUsesTheTokenFactory(t *testing.T) {
	code, err := harness.WasmdTestdata("reflect_2_0.wasm")
	require.NoError(t, err)
	cfg := harness.DefaultConfig()
	cfg.WasmOptions = []wasmkeeper.Option{harness.ReflectEnvelopeEncoder()}
	cfg.Funds = map[string]sdk.Coins{"owner": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 50_000_000))}
	c := harness.NewChain(t, cfg)
	owner, user := c.Account("owner"), c.Account("user")
	c.Fund(user.Address, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000)))
	contract := c.Instantiate(owner, c.StoreCode(owner, code), "reflect", map[string]any{}, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 25_000_000)))
	reflect := func(msgs ...map[string]any) harness.TxResult {
		return c.Execute(owner, contract, map[string]any{"reflect_msg": map[string]any{"msgs": msgs}}, nil)
	}
	denom := "factory/" + contract.String() + "/ulp"

	meta := &bt.DenomMetadata{DenomUnits: []bt.DenomUnit{{Denom: denom}, {Denom: "lpt", Exponent: 6}}, Display: "lpt", Name: "LP", Symbol: "LP"}
	require.NoError(t, reflect(tfReflect(t, bt.TokenFactoryMsg{CreateDenom: &bt.CreateDenom{Subdenom: "ulp", Metadata: meta}})).Err())
	require.Equal(t, int64(15_000_000), c.Balance(contract, app.BondDenom).Amount.Int64()) // 25M - 10M fee
	md, ok := c.App.BankKeeper.GetDenomMetaData(c.Context(), denom)
	require.True(t, ok)
	require.Equal(t, "lpt", md.Display)

	// A create_denom sub-message: the reply names the new denom.
	res := c.Execute(owner, contract, map[string]any{"reflect_sub_msg": map[string]any{"msgs": []any{
		map[string]any{"id": 7, "msg": tfReflect(t, bt.TokenFactoryMsg{CreateDenom: &bt.CreateDenom{Subdenom: "ufee"}}), "reply_on": "success"},
	}}}, nil)
	require.NoError(t, res.Err())
	var reply struct {
		Result struct {
			Ok *struct {
				MsgResponses []struct {
					TypeURL string `json:"type_url"`
					Value   []byte `json:"value"`
				} `json:"msg_responses"`
			} `json:"ok"`
		} `json:"result"`
	}
	require.NoError(t, c.QuerySmart(contract, map[string]any{"sub_msg_result": map[string]any{"id": 7}}, &reply))
	require.NotNil(t, reply.Result.Ok)
	require.Len(t, reply.Result.Ok.MsgResponses, 1)
	require.Equal(t, bt.TypeURLCreateDenomResponse, reply.Result.Ok.MsgResponses[0].TypeURL)
	second, err := bt.DecodeCreateDenomResult(reply.Result.Ok.MsgResponses[0].Value)
	require.NoError(t, err)
	require.Equal(t, "factory/"+contract.String()+"/ufee", second)

	// Mint to the user; the user sends 400 back; the contract burns 300.
	require.NoError(t, reflect(tfReflect(t, bt.TokenFactoryMsg{Mint: &bt.MintTokens{Denom: denom, Amount: "1000", MintToAddress: user.Address.String()}})).Err())
	c.MustDeliver(user, banktypes.NewMsgSend(user.Address, contract, sdk.NewCoins(sdk.NewInt64Coin(denom, 400))))
	require.NoError(t, reflect(tfReflect(t, bt.TokenFactoryMsg{Burn: &bt.BurnTokens{Denom: denom, Amount: "300"}})).Err())
	require.Equal(t, int64(100), c.Balance(contract, denom).Amount.Int64())
	require.Equal(t, int64(600), c.Balance(user.Address, denom).Amount.Int64())
	require.Equal(t, int64(700), c.App.BankKeeper.GetSupply(c.Context(), denom).Amount.Int64())

	// The same through CosmosMsg::Any, as a Rust contract using osmosis-std
	// sends it.
	anyMsg := func(m sdk.Msg) map[string]any {
		a, err := codectypes.NewAnyWithValue(m)
		require.NoError(t, err)
		return map[string]any{"any": map[string]any{"type_url": a.TypeUrl, "value": a.Value}}
	}
	require.NoError(t, reflect(anyMsg(tftypes.NewMsgMintTo(contract.String(), sdk.NewInt64Coin(denom, 50), user.Address.String()))).Err())
	require.Equal(t, int64(650), c.Balance(user.Address, denom).Amount.Int64())
	// An Any signed for another account is refused by the signer check.
	res = reflect(anyMsg(tftypes.NewMsgMint(user.Address.String(), sdk.NewInt64Coin(denom, 1))))
	require.False(t, res.OK())
	require.Contains(t, res.Log, "unauthorized")

	// Burning more than the contract holds: refused, nothing moves.
	res = reflect(tfReflect(t, bt.TokenFactoryMsg{Burn: &bt.BurnTokens{Denom: denom, Amount: "101"}}))
	require.False(t, res.OK())
	require.Contains(t, res.Log, "insufficient funds")
	require.Equal(t, int64(100), c.Balance(contract, denom).Amount.Int64())
	require.Equal(t, int64(750), c.App.BankKeeper.GetSupply(c.Context(), denom).Amount.Int64())

	// gRPC queries from the contract: the denom's admin is served, the
	// unpaginated list of a creator's denoms is not.
	grpc := func(path string, req interface{ Marshal() ([]byte, error) }) ([]byte, error) {
		data, err := req.Marshal()
		require.NoError(t, err)
		var out struct {
			Data []byte `json:"data"`
		}
		err = c.QuerySmart(contract, map[string]any{"chain": map[string]any{"request": map[string]any{
			"grpc": map[string]any{"path": path, "data": data},
		}}}, &out)
		return out.Data, err
	}
	bz, err := grpc("/osmosis.tokenfactory.v1beta1.Query/DenomAuthorityMetadata", &tftypes.QueryDenomAuthorityMetadataRequest{Denom: denom})
	require.NoError(t, err)
	var admin tftypes.QueryDenomAuthorityMetadataResponse
	require.NoError(t, c.App.AppCodec().Unmarshal(bz, &admin))
	require.Equal(t, contract.String(), admin.AuthorityMetadata.Admin)
	_, err = grpc("/osmosis.tokenfactory.v1beta1.Query/DenomsFromCreator", &tftypes.QueryDenomsFromCreatorRequest{Creator: contract.String()})
	require.ErrorContains(t, err, "path is not allowed from the contract")
}
