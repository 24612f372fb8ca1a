package e2e_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// moduleShares is the alliance module's x/staking delegation shares per
// validator: its virtual stake.
func moduleShares(t *testing.T, c *harness.Chain, ctx sdk.Context) map[string]string {
	t.Helper()
	dels, err := c.App.StakingKeeper.GetAllDelegatorDelegations(ctx, c.App.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName))
	require.NoError(t, err)
	out := map[string]string{}
	for _, d := range dels {
		out[d.ValidatorAddress] = d.Shares.String()
	}
	return out
}

func countChanged(before, after map[string]string) int {
	n := 0
	for k, v := range after {
		if before[k] != v {
			n++
		}
	}
	return n
}

// Audit F5 with its numbers: 30 validators with 10,000,000 uasset each
// (weight 0.5). A 1-utoken alliance delegation after any native stake
// change, or a 1,000-utoken one, re-targeted 30 of 30 validators in
// EndBlock (~4.22M gas of store work for a 142k-gas tx). Now none of them
// is re-targeted: their targets move by far less than 0.1 %. A delegation
// that moves the totals by more (900,000 utokens: 9 % on one validator,
// 0.3 % of the asset) still re-targets them all: that takes capital.
func TestOneTokenDelegationDoesNotRetargetThirtyValidators(t *testing.T) {
	const nVals = 30
	cfg := harness.DefaultConfig()
	cfg.Validators = nVals
	cfg.VotingPeriod = 10 * time.Minute
	cfg.Funds = map[string]sdk.Coins{"whale": assetCoins(1_000_000_000).Add(sdk.NewInt64Coin(app.BondDenom, 1_000_000_000)),
		"attacker": assetCoins(1_000_000).Add(sdk.NewInt64Coin(app.BondDenom, 10_000_000))}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	whale, attacker := c.Account("whale"), c.Account("attacker")
	var msgs []sdk.Msg
	for _, v := range c.Validators() {
		msgs = append(msgs, &alliancetypes.MsgDelegate{DelegatorAddress: whale.Address.String(), ValidatorAddress: v.ValAddr.String(), Amount: sdk.NewInt64Coin(asset, 10_000_000)})
	}
	c.MustDeliver(whale, msgs...)
	c.NextBlocks(2)
	require.Len(t, moduleShares(t, c, c.Context()), nVals)
	v0 := c.Validators()[0].ValAddr
	delegate := func(amount int64) sdk.Msg {
		return &alliancetypes.MsgDelegate{DelegatorAddress: attacker.Address.String(), ValidatorAddress: v0.String(), Amount: sdk.NewInt64Coin(asset, amount)}
	}

	// 1-utoken delegations in consecutive blocks.
	for i := 0; i < 3; i++ {
		before := moduleShares(t, c, c.Context())
		c.MustDeliver(attacker, delegate(1))
		require.Zero(t, countChanged(before, moduleShares(t, c, c.Context())), "1-utoken delegate #%d", i+1)
	}
	// After a native delegation of 1,000 stake (every target moved), the same.
	c.MustDeliver(attacker, stakingtypes.NewMsgDelegate(attacker.Address.String(), v0.String(), sdk.NewInt64Coin(app.BondDenom, 1_000)))
	c.NextBlock()
	before := moduleShares(t, c, c.Context())
	c.MustDeliver(attacker, delegate(1))
	require.Zero(t, countChanged(before, moduleShares(t, c, c.Context())), "1-utoken delegate after a native move (was 30 of 30)")

	// The EndBlock work one delegation buys, replayed on a metered branch of
	// the committed state: the delegation, then the EndBlocker it queues.
	for _, tc := range []struct {
		amount     int64
		retargeted int
	}{{1, 0}, {1_000, 0}, {900_000, nVals}} {
		ctx := c.Context().WithGasMeter(storetypes.NewGasMeter(1_000_000_000))
		_, err := c.App.AllianceKeeper.Delegate(ctx, attacker.Address, v0, sdk.NewInt64Coin(asset, tc.amount))
		require.NoError(t, err)
		txGas := ctx.GasMeter().GasConsumed()
		before := moduleShares(t, c, ctx)
		ctx = ctx.WithGasMeter(storetypes.NewGasMeter(1_000_000_000))
		start := time.Now()
		require.NoError(t, c.App.AllianceKeeper.EndBlocker(ctx))
		d := time.Since(start)
		require.Equal(t, tc.retargeted, countChanged(before, moduleShares(t, c, ctx)), "delegate %d", tc.amount)
		t.Logf("delegate %7d: keeper gas %6d; EndBlock after it: %2d of %d validators re-targeted, %8d gas (unmetered on chain), %s",
			tc.amount, txGas, tc.retargeted, nVals, ctx.GasMeter().GasConsumed(), d.Round(time.Microsecond))
	}
}
