package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// TestPairGas logs the SDK gas of each step of a pool of two bank denoms on the real chain
// (instantiate, first and second provision, a swap each way, a withdrawal), the numbers
// contracts/pair/README.md compares across versions of the pair. The amounts are those of
// TestCounterAndPairOnChain; the outcome of every step is asserted there and in the unit tests,
// here only that each one succeeds.
func TestPairGas(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{
		"lp": sdk.NewCoins(sdk.NewInt64Coin(lsd, 10_000_000), sdk.NewInt64Coin(app.BondDenom, 100_000_000)),
	}
	c := harness.NewChain(t, cfg)
	lp := c.Account("lp")
	code := c.StoreCode(lp, harness.Fixture(t, "pair.wasm"))
	gas := map[string]int64{}
	var pair sdk.AccAddress
	pair, gas["instantiate"] = instantiateNativePair(t, c, lp, code, lsd, app.BondDenom, 30)
	exec := func(msg string, funds ...sdk.Coin) int64 {
		t.Helper()
		res := c.Execute(lp, pair, []byte(msg), sdk.NewCoins(funds...))
		require.NoError(t, res.Err(), msg)
		return res.GasUsed
	}
	gas["provide (first)"] = provideNative(t, c, lp, pair, sdk.NewInt64Coin(lsd, 1_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000))
	gas["provide (second)"] = provideNative(t, c, lp, pair, sdk.NewInt64Coin(lsd, 100_000), sdk.NewInt64Coin(app.BondDenom, 100_000))
	gas["swap stake in"] = exec(`{"swap":{"offer_asset":`+nativeAsset(app.BondDenom, "10000")+`,"max_spread":"0.02"}}`, sdk.NewInt64Coin(app.BondDenom, 10_000))
	gas["swap lsd in"] = exec(`{"swap":{"offer_asset":`+nativeAsset(lsd, "10000")+`,"max_spread":"0.02"}}`, sdk.NewInt64Coin(lsd, 10_000))
	gas["withdraw"] = withdrawNative(t, c, lp, pair, 99_900)
	for _, step := range []string{"instantiate", "provide (first)", "provide (second)", "swap stake in", "swap lsd in", "withdraw"} {
		t.Logf("bank pair gas %-18s %d", step, gas[step])
	}
}
