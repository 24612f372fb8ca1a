package demo

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// deployPair instantiates the constant-product pair (contracts/pair) of denomA and denomB with a
// 30 bps fee, lp sending the token factory's creation fee of its LP denom (given to lp by the
// faucet first), and lp provides side of each.
func deployPair(r *runner, c *harness.Chain, lp *harness.Account, denomA, denomB string, side int64) sdk.AccAddress {
	p, err := c.App.TokenFactoryKeeper.Params(c.Context(), &tftypes.QueryParamsRequest{})
	if err != nil {
		r.Fatalf("token factory params: %v", err)
	}
	c.Fund(lp.Address, p.Params.DenomCreationFee)
	pair := c.Instantiate(lp, c.StoreCode(lp, harness.Fixture(r, "pair.wasm")), denomA+"/"+denomB+" pair",
		[]byte(`{"asset_infos":[{"native_token":{"denom":"`+denomA+`"}},{"native_token":{"denom":"`+denomB+`"}}],"fee_bps":30}`), p.Params.DenomCreationFee)
	asset := func(d string) string {
		return `{"info":{"native_token":{"denom":"` + d + `"}},"amount":"` + fmt.Sprint(side) + `"}`
	}
	if err := c.Execute(lp, pair, []byte(`{"provide_liquidity":{"assets":[`+asset(denomA)+`,`+asset(denomB)+`]}}`),
		sdk.NewCoins(sdk.NewInt64Coin(denomA, side), sdk.NewInt64Coin(denomB, side))).Err(); err != nil {
		r.Fatalf("provide liquidity: %v", err)
	}
	return pair
}
