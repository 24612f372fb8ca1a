package e2e_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// selfBondOf is the value of v's operator delegation, floored.
func selfBondOf(t *testing.T, c *harness.Chain, v *harness.Validator) math.Int {
	t.Helper()
	ctx := c.Context()
	val, err := c.App.StakingKeeper.GetValidator(ctx, v.ValAddr)
	require.NoError(t, err)
	d, err := c.App.StakingKeeper.GetDelegation(ctx, sdk.AccAddress(v.ValAddr), v.ValAddr)
	require.NoError(t, err)
	return val.TokensFromShares(d.Shares).TruncateInt()
}

// Double-sign evidence through x/evidence on the real app, after the virtual
// stake left the validator. Three validators of 100e6; Alice's 1,200,000
// uasset (weight 0.5) all on "bad", which therefore carries 0.5 × 300e6 =
// 150e6 of virtual stake: 250e6 tokens, power 250. Before the infraction
// height H Alice undelegates 200,000; after H she undelegates the other
// 1,000,000 and the rebalance burns the 150e6 virtual stake at once. The
// evidence for H slashes 5 % (the double-sign fraction): x/staking takes
// 0.05 × 250e6 = 12.5e6, which with the virtual stake of H restored is 5 %
// of bad's tokens: the self-bond loses 5,000,000 (100e6 → 95e6; without the
// correction it paid 12.5e6, 12.5 %). Alice's undelegation made after H
// loses 5 % (1,000,000 → 950,000); the one made before H is untouched.
func TestDoubleSignEvidenceSlashesNominalFractionAfterVirtualStakeLeft(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 3
	cfg.Funds = map[string]sdk.Coins{"alice": assetCoins(1_200_000)}
	cfg.GenesisHook = func(cdc harness.JSONCodec, state map[string]json.RawMessage) {
		var gen slashingtypes.GenesisState
		cdc.MustUnmarshalJSON(state[slashingtypes.ModuleName], &gen)
		gen.Params.SlashFractionDoubleSign = math.LegacyNewDecWithPrec(5, 2)
		state[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&gen)
	}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	alice := c.Account("alice")
	bad := c.Validators()[0]
	undelegate := func(amount int64) {
		c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: bad.ValAddr.String(),
			Amount: sdk.NewInt64Coin(asset, amount)})
	}
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: bad.ValAddr.String(),
		Amount: sdk.NewInt64Coin(asset, 1_200_000)})
	undelegate(200_000)
	c.NextBlocks(3)
	val, err := c.App.StakingKeeper.GetValidator(c.Context(), bad.ValAddr)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(250_000_000), val.Tokens, "100e6 self-bond + 150e6 virtual")
	infraction, power := c.Height(), int64(250)
	require.Equal(t, math.NewInt(100_000_000), selfBondOf(t, c, bad))

	c.NextBlock()
	undelegate(1_000_000)
	c.NextBlocks(2)
	val, err = c.App.StakingKeeper.GetValidator(c.Context(), bad.ValAddr)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(100_000_000), val.Tokens, "the virtual stake left")

	c.DoubleSign(bad, infraction, power)
	c.NextBlock()

	val, err = c.App.StakingKeeper.GetValidator(c.Context(), bad.ValAddr)
	require.NoError(t, err)
	require.True(t, val.Jailed, "x/evidence did not handle the double sign")
	require.Equal(t, math.NewInt(95_000_000), selfBondOf(t, c, bad), "the self-bond must lose 5 %")
	unb, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: alice.Address.String()})
	require.NoError(t, err)
	var got []int64
	for _, u := range unb.Unbondings {
		got = append(got, u.Amount.Int64())
	}
	require.ElementsMatch(t, []int64{200_000, 950_000}, got)
}
