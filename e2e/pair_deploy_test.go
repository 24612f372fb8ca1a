package e2e_test

import (
	"strconv"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// The pair's deployment as every e2e test that needs a pool of two bank denoms does it, written
// once so that a change of the pair's instantiation or provision is made in one place.

// deployNativePair instantiates code (pair.wasm) as a pool of denomA and denomB with feeBps.
func deployNativePair(t *testing.T, c *harness.Chain, who *harness.Account, code uint64, denomA, denomB string, feeBps int) sdk.AccAddress {
	t.Helper()
	msg := `{"asset_infos":[{"native_token":{"denom":"` + denomA + `"}},{"native_token":{"denom":"` + denomB + `"}}],"fee_bps":` + strconv.Itoa(feeBps) + `}`
	return c.Instantiate(who, code, denomA+"/"+denomB+" pair", []byte(msg), nil)
}

// provideNative provides a and b (bank coins) to pair for LP shares.
func provideNative(t *testing.T, c *harness.Chain, who *harness.Account, pair sdk.AccAddress, a, b sdk.Coin) {
	t.Helper()
	side := func(x sdk.Coin) string {
		return `{"info":{"native_token":{"denom":"` + x.Denom + `"}},"amount":"` + x.Amount.String() + `"}`
	}
	msg := `{"provide_liquidity":{"assets":[` + side(a) + `,` + side(b) + `]}}`
	require.NoError(t, c.Execute(who, pair, []byte(msg), sdk.NewCoins(a, b)).Err(), msg)
}
