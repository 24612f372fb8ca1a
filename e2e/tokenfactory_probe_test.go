package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// A Go contract (tfprobe, on contracts/tokenfactory) uses the token factory on the real chain:
// it reads the creation fee, creates a denom with metadata and learns it from the reply (bank
// shows the metadata), answers full_denom, admin and its denoms through the custom queries,
// mints to a user who sends part back, burns it, and once it hands the denom to the user, its
// own mint fails and changes nothing while the user's works. A second create of the same denom
// fails and charges no fee.
func TestGoContractUsesTheTokenFactory(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 50_000_000))}
	c := harness.NewChain(t, cfg)
	alice := c.Account("alice")
	probe := c.Instantiate(alice, c.StoreCode(alice, harness.Fixture(t, "tfprobe.wasm")), "tfprobe", map[string]any{},
		sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 25_000_000)))
	denom := "factory/" + probe.String() + "/ushare"
	exec := func(msg map[string]any) harness.TxResult {
		t.Helper()
		return c.Execute(alice, probe, msg, nil)
	}
	query := func(msg map[string]any, out any) {
		t.Helper()
		require.NoError(t, c.QuerySmart(probe, msg, out))
	}

	var fee struct {
		Fee     []struct{ Denom, Amount string } `json:"fee"`
		GasCost string                           `json:"gas_cost"`
	}
	query(map[string]any{"creation_fee": map[string]any{}}, &fee)
	require.Equal(t, []struct{ Denom, Amount string }{{"stake", "10000000"}}, fee.Fee)
	require.Equal(t, "2000000", fee.GasCost)

	res := exec(map[string]any{"create": map[string]any{"subdenom": "ushare", "display": "share", "exponent": 6}})
	require.NoError(t, res.Err())
	t.Logf("tfprobe create (create_denom + metadata + reply): %d gas", res.GasUsed)
	require.Equal(t, int64(15_000_000), c.Balance(probe, app.BondDenom).Amount.Int64()) // 25M - 10M fee
	var d struct{ Denom string }
	query(map[string]any{"last_denom": map[string]any{}}, &d)
	require.Equal(t, denom, d.Denom)
	md, ok := c.App.BankKeeper.GetDenomMetaData(c.Context(), denom)
	require.True(t, ok)
	require.Equal(t, banktypes.Metadata{
		DenomUnits: []*banktypes.DenomUnit{{Denom: denom}, {Denom: "share", Exponent: 6}},
		Base:       denom, Display: "share", Name: "SHARE", Symbol: "SHARE",
	}, md)

	query(map[string]any{"full_denom": map[string]any{"subdenom": "ushare"}}, &d)
	require.Equal(t, denom, d.Denom)
	var admin struct{ Admin string }
	query(map[string]any{"admin": map[string]any{"denom": denom}}, &admin)
	require.Equal(t, probe.String(), admin.Admin)
	var list struct{ Denoms []string }
	query(map[string]any{"denoms": map[string]any{}}, &list)
	require.Equal(t, []string{denom}, list.Denoms)
	require.Error(t, c.QuerySmart(probe, map[string]any{"admin": map[string]any{"denom": "factory/" + probe.String() + "/unone"}}, &admin),
		"the admin of a denom that does not exist")

	res = exec(map[string]any{"mint": map[string]any{"denom": denom, "amount": "1000", "to": alice.Address.String()}})
	require.NoError(t, res.Err())
	t.Logf("tfprobe mint: %d gas", res.GasUsed)
	c.MustDeliver(alice, banktypes.NewMsgSend(alice.Address, probe, sdk.NewCoins(sdk.NewInt64Coin(denom, 400))))
	res = exec(map[string]any{"burn": map[string]any{"denom": denom, "amount": "300"}})
	require.NoError(t, res.Err())
	t.Logf("tfprobe burn: %d gas", res.GasUsed)
	require.Equal(t, int64(100), c.Balance(probe, denom).Amount.Int64()) // 400 - 300
	require.Equal(t, int64(600), c.Balance(alice.Address, denom).Amount.Int64())
	require.Equal(t, int64(700), c.App.BankKeeper.GetSupply(c.Context(), denom).Amount.Int64()) // 1000 - 300

	// The same subdenom again: refused by the module, no fee taken.
	res = exec(map[string]any{"create": map[string]any{"subdenom": "ushare", "display": "share", "exponent": 6}})
	require.False(t, res.OK())
	require.Contains(t, res.Log, "already exists")
	require.Equal(t, int64(15_000_000), c.Balance(probe, app.BondDenom).Amount.Int64())

	// Handed to alice: the probe can no longer mint; alice can.
	require.NoError(t, exec(map[string]any{"change_admin": map[string]any{"denom": denom, "new_admin": alice.Address.String()}}).Err())
	query(map[string]any{"admin": map[string]any{"denom": denom}}, &admin)
	require.Equal(t, alice.Address.String(), admin.Admin)
	res = exec(map[string]any{"mint": map[string]any{"denom": denom, "amount": "1", "to": alice.Address.String()}})
	require.False(t, res.OK())
	require.Contains(t, res.Log, "unauthorized")
	require.Equal(t, int64(700), c.App.BankKeeper.GetSupply(c.Context(), denom).Amount.Int64())
}
