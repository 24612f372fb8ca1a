package bindings_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/bindings"
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// maxUint128 is 2^128-1, the largest amount a contract's Uint128 holds.
var maxUint128, _ = math.NewIntFromString("340282366920938463463374607431768211455")

func tfMsg(body string) []byte { return []byte(`{"token_factory":` + body + `}`) }

// Every token factory custom message becomes the module's message signed by
// the contract; create_denom with metadata is two messages, the second with
// the new denom as its base.
func TestEncodeTokenFactoryMsgSignedByTheContract(t *testing.T) {
	c := contract.String()
	denom := "factory/" + c + "/ushare"
	user := sdk.AccAddress([]byte("user-address-20-byte")).String()
	md := banktypes.Metadata{
		DenomUnits: []*banktypes.DenomUnit{{Denom: denom}, {Denom: "share", Exponent: 6, Aliases: []string{"SHR"}}},
		Base:       denom, Display: "share", Name: "Share", Symbol: "SHARE",
	}
	mdJSON := `{"denom_units":[{"denom":"` + denom + `","exponent":0},{"denom":"share","exponent":6,"aliases":["SHR"]}],"display":"share","name":"Share","symbol":"SHARE"}`
	cases := []struct {
		name string
		json string
		want []sdk.Msg
	}{
		{"create_denom", `{"create_denom":{"subdenom":"ushare"}}`,
			[]sdk.Msg{&tftypes.MsgCreateDenom{Sender: c, Subdenom: "ushare"}}},
		{"create_denom with metadata", `{"create_denom":{"subdenom":"ushare","metadata":` + mdJSON + `}}`,
			[]sdk.Msg{&tftypes.MsgCreateDenom{Sender: c, Subdenom: "ushare"}, &tftypes.MsgSetDenomMetadata{Sender: c, Metadata: md}}},
		{"mint", `{"mint":{"denom":"` + denom + `","amount":"1500","mint_to_address":"` + user + `"}}`,
			[]sdk.Msg{&tftypes.MsgMint{Sender: c, Amount: sdk.NewCoin(denom, math.NewInt(1500)), MintToAddress: user}}},
		{"burn", `{"burn":{"denom":"` + denom + `","amount":"340282366920938463463374607431768211455"}}`,
			[]sdk.Msg{&tftypes.MsgBurn{Sender: c, Amount: sdk.NewCoin(denom, maxUint128)}}},
		{"set_metadata", `{"set_metadata":{"denom":"` + denom + `","metadata":` + mdJSON + `}}`,
			[]sdk.Msg{&tftypes.MsgSetDenomMetadata{Sender: c, Metadata: md}}},
		{"change_admin", `{"change_admin":{"denom":"` + denom + `","new_admin_address":"` + user + `"}}`,
			[]sdk.Msg{&tftypes.MsgChangeAdmin{Sender: c, Denom: denom, NewAdmin: user}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := bindings.EncodeCustomMsg(contract, tfMsg(tc.json))
			require.NoError(t, err)
			require.Equal(t, tc.want, msgs)
		})
	}
}

// Bad input is refused by the encoder with a message that says what is
// wrong, before any message runs.
func TestEncodeTokenFactoryMsgRejectsBadInput(t *testing.T) {
	c := contract.String()
	denom := "factory/" + c + "/ushare"
	user := sdk.AccAddress([]byte("user-address-20-byte")).String()
	cases := []struct {
		name, raw, wantErr string
	}{
		{"no variant", string(tfMsg(`{}`)), "no known variant"},
		{"two variants", string(tfMsg(`{"burn":{"denom":"` + denom + `","amount":"1"},"mint":{"denom":"` + denom + `","amount":"1","mint_to_address":"` + user + `"}}`)), "more than one variant"},
		{"alliance and token_factory", `{"alliance":{},"token_factory":{}}`, `unknown field "alliance"`},
		{"burn from another account", string(tfMsg(`{"burn":{"denom":"` + denom + `","amount":"1","burn_from_address":"` + user + `"}}`)), `unknown field "burn_from_address"`},
		{"zero mint", string(tfMsg(`{"mint":{"denom":"` + denom + `","amount":"0","mint_to_address":"` + user + `"}}`)), "amount must be positive"},
		{"leading zero", string(tfMsg(`{"burn":{"denom":"` + denom + `","amount":"010"}}`)), "leading zero"},
		{"mint to nobody", string(tfMsg(`{"mint":{"denom":"` + denom + `","amount":"1","mint_to_address":""}}`)), "mint_to_address"},
		{"subdenom too long", string(tfMsg(`{"create_denom":{"subdenom":"` + strings.Repeat("s", 45) + `"}}`)), "subdenom too long"},
		{"subdenom with a space", string(tfMsg(`{"create_denom":{"subdenom":"a b"}}`)), "invalid denom"},
		{"display not a unit", string(tfMsg(`{"set_metadata":{"denom":"` + denom + `","metadata":{"denom_units":[{"denom":"` + denom + `","exponent":0}],"display":"share","name":"S","symbol":"S"}}}`)), "metadata"},
		{"metadata of a native denom", string(tfMsg(`{"set_metadata":{"denom":"stake","metadata":{"denom_units":[{"denom":"stake","exponent":0}],"display":"stake","name":"S","symbol":"S"}}}`)), "not enough parts"},
		{"new admin not an address", string(tfMsg(`{"change_admin":{"denom":"` + denom + `","new_admin_address":"nobody"}}`)), "new_admin_address"},
		{"case-insensitive key", string(tfMsg(`{"Burn":{"denom":"` + denom + `","amount":"1"}}`)), `unknown field "Burn"`},
		{"too large", string(tfMsg(`{"create_denom":{"subdenom":"u","metadata":{"description":"` + strings.Repeat("x", bindings.MaxTokenFactoryMsgBytes) + `"}}}`)), "above the limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := bindings.EncodeCustomMsg(contract, []byte(tc.raw))
			require.Error(t, err)
			require.Nil(t, msgs)
			require.True(t, errors.Is(err, wasmtypes.ErrInvalidMsg), err.Error())
			require.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

// The token factory querier answers from the chain's real keeper, behind
// the alliance querier as the chain wires them: full denoms, admins,
// a creator's denoms page by page, params; unknown denoms are errors.
func TestTokenFactoryQuerierOnTheChain(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100_000_000))}
	c := harness.NewChain(t, cfg)
	alice := c.Account("alice")
	a := alice.Address.String()
	for _, sub := range []string{"ub", "ua", "uc"} {
		c.MustDeliver(alice, tftypes.NewMsgCreateDenom(a, sub))
	}
	tf := bindings.NewTokenFactoryQuerier(c.App.TokenFactoryKeeper, c.App.BankKeeper)
	q := bindings.ChainQueriers(func(sdk.Context, json.RawMessage) ([]byte, error) { return nil, bindings.ErrUnknownQuery }, tf.Query)
	ctx := c.Context().WithGasMeter(storetypes.NewInfiniteGasMeter())
	ask := func(body string, out any) error {
		bz, err := q(ctx, []byte(`{"token_factory":`+body+`}`))
		if err != nil {
			return err
		}
		return json.Unmarshal(bz, out)
	}

	var full bt.FullDenomResponse
	require.NoError(t, ask(`{"full_denom":{"creator_addr":"`+a+`","subdenom":"unew"}}`, &full))
	require.Equal(t, "factory/"+a+"/unew", full.Denom)

	var admin bt.DenomAdminResponse
	require.NoError(t, ask(`{"admin":{"denom":"factory/`+a+`/ua"}}`, &admin))
	require.Equal(t, a, admin.Admin)
	err := ask(`{"admin":{"denom":"factory/`+a+`/unew"}}`, &admin)
	require.ErrorContains(t, err, "denom does not exist")
	require.ErrorContains(t, ask(`{"admin":{"denom":"stake"}}`, &admin), "not enough parts")

	// Denoms in byte order, two per page.
	var page bt.DenomsByCreatorResponse
	require.NoError(t, ask(`{"denoms_by_creator":{"creator":"`+a+`","limit":2}}`, &page))
	require.Equal(t, []string{"factory/" + a + "/ua", "factory/" + a + "/ub"}, page.Denoms)
	require.NoError(t, ask(`{"denoms_by_creator":{"creator":"`+a+`","limit":2,"start_after":"factory/`+a+`/ub"}}`, &page))
	require.Equal(t, []string{"factory/" + a + "/uc"}, page.Denoms)
	require.ErrorContains(t, ask(`{"denoms_by_creator":{"creator":"`+a+`","limit":101}}`, &page), "above the maximum 100")

	var params bt.TokenFactoryParamsResponse
	require.NoError(t, ask(`{"params":{}}`, &params))
	require.Equal(t, bt.TokenFactoryParamsResponse{DenomCreationFee: []bt.Coin{{Denom: "stake", Amount: "10000000"}}, DenomCreationGasConsume: 2_000_000}, params)

	// Neither alliance nor token factory: no querier of the chain accepts it.
	_, err = q(ctx, []byte(`{"bank":{}}`))
	require.ErrorContains(t, err, "no custom querier of this chain accepts")
	// A token factory query with a second key is refused, not passed on.
	_, err = q(ctx, []byte(`{"token_factory":{"params":{}},"x":1}`))
	require.ErrorContains(t, err, `unknown field "x"`)
	_, err = q(ctx, []byte(`{"token_factory":{"params":{},"admin":{"denom":"d"}}}`))
	require.ErrorContains(t, err, "more than one variant")
}

// FuzzEncodeTokenFactoryMsg: no input panics the encoder, and whatever it
// accepts is signed by the contract and passes the module's own checks
// (ValidateBasic), so a contract cannot reach the module with a message the
// encoder did not understand.
func FuzzEncodeTokenFactoryMsg(f *testing.F) {
	c := contract.String()
	denom := "factory/" + c + "/u"
	for _, seed := range []string{
		`{"create_denom":{"subdenom":"u"}}`,
		`{"create_denom":{"subdenom":"u","metadata":{"denom_units":[{"denom":"` + denom + `","exponent":0},{"denom":"unit","exponent":6,"aliases":["x"]}],"display":"unit","name":"U","symbol":"U"}}}`,
		`{"mint":{"denom":"` + denom + `","amount":"7","mint_to_address":"` + c + `"}}`,
		`{"burn":{"denom":"` + denom + `","amount":"7"}}`,
		`{"change_admin":{"denom":"` + denom + `","new_admin_address":"` + c + `"}}`,
	} {
		f.Add(tfMsg(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		msgs, err := bindings.EncodeCustomMsg(contract, raw)
		if err != nil {
			return
		}
		for _, m := range msgs {
			v, ok := m.(interface {
				ValidateBasic() error
				GetSigners() []sdk.AccAddress
			})
			if !ok {
				continue // an alliance message: FuzzEncodeCustomMsg's business
			}
			require.NoError(t, v.ValidateBasic(), "%s", raw)
			require.Equal(t, []sdk.AccAddress{contract}, v.GetSigners(), "%s", raw)
		}
	})
}
