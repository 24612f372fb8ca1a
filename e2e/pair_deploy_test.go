package e2e_test

import (
	"strconv"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// The pair's deployment as every e2e test that needs a pool of two bank denoms does it, written
// once so that a change of the pair's instantiation or provision is made in one place.

// deployNativePair instantiates code (pair.wasm) as a pool of denomA and denomB with feeBps; who
// sends the token factory's creation fee of the pair's LP denom with it (the faucet gives who
// the fee first, so callers need not budget for it).
func deployNativePair(t *testing.T, c *harness.Chain, who *harness.Account, code uint64, denomA, denomB string, feeBps int) sdk.AccAddress {
	t.Helper()
	pair, _ := instantiateNativePair(t, c, who, code, denomA, denomB, feeBps)
	return pair
}

// instantiateNativePair is deployNativePair that also returns the gas of the instantiation.
func instantiateNativePair(t *testing.T, c *harness.Chain, who *harness.Account, code uint64, denomA, denomB string, feeBps int) (sdk.AccAddress, int64) {
	t.Helper()
	msg := `{"asset_infos":[{"native_token":{"denom":"` + denomA + `"}},{"native_token":{"denom":"` + denomB + `"}}],"fee_bps":` + strconv.Itoa(feeBps) + `}`
	c.Fund(who.Address, lpCreationFee(t, c))
	res := c.MustDeliver(who, &wasmtypes.MsgInstantiateContract{
		Sender: who.Address.String(), Admin: who.Address.String(),
		CodeID: code, Label: denomA + "/" + denomB + " pair", Msg: []byte(msg), Funds: lpCreationFee(t, c),
	})
	addr, ok := harness.Attr(res.Events, wasmtypes.EventTypeInstantiate, wasmtypes.AttributeKeyContractAddr)
	require.True(t, ok, "no contract address in the instantiation's events")
	return sdk.MustAccAddressFromBech32(addr), res.GasUsed
}

// lpCreationFee is what the pair's instantiation must send: the chain's token factory
// denom_creation_fee (a gov param), which creating the LP denom costs.
func lpCreationFee(t *testing.T, c *harness.Chain) sdk.Coins {
	t.Helper()
	p, err := c.App.TokenFactoryKeeper.Params(c.Context(), &tftypes.QueryParamsRequest{})
	require.NoError(t, err)
	return p.Params.DenomCreationFee
}

// lpDenomOf is the LP share denom of pair.
func lpDenomOf(pair sdk.AccAddress) string { return "factory/" + pair.String() + "/lp" }

// nativeAsset is an Astroport asset of a bank denom.
func nativeAsset(denom, amount string) string {
	return `{"info":{"native_token":{"denom":"` + denom + `"}},"amount":"` + amount + `"}`
}

// provideNative provides a and b (bank coins) to pair for LP shares and returns the gas used.
func provideNative(t *testing.T, c *harness.Chain, who *harness.Account, pair sdk.AccAddress, a, b sdk.Coin) int64 {
	t.Helper()
	msg := `{"provide_liquidity":{"assets":[` + nativeAsset(a.Denom, a.Amount.String()) + `,` + nativeAsset(b.Denom, b.Amount.String()) + `]}}`
	res := c.Execute(who, pair, []byte(msg), sdk.NewCoins(a, b))
	require.NoError(t, res.Err(), msg)
	return res.GasUsed
}

// withdrawNative sends shares of who's LP denom back to pair (withdraw_liquidity, burned there)
// and returns the gas used.
func withdrawNative(t *testing.T, c *harness.Chain, who *harness.Account, pair sdk.AccAddress, shares int64) int64 {
	t.Helper()
	msg := `{"withdraw_liquidity":{}}`
	res := c.Execute(who, pair, []byte(msg), sdk.NewCoins(sdk.NewInt64Coin(lpDenomOf(pair), shares)))
	require.NoError(t, res.Err(), msg)
	return res.GasUsed
}
