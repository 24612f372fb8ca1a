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

// Audit S4 on the real app: governance set the double-sign fraction to
// 100 % and "bad" double-signs. Its self-bond and Alice's 1,000,000 uasset
// there are wiped (the uasset leaves the alliance account); her
// delegation still exists, worth 0. Bob's 500,000 to bad are refused with
// x/alliance's ErrWorthlessShares (codespace alliance, code 58) while her
// worthless shares are there. Her undelegation closes it (no unbonding
// entry, nothing paid); then Bob's 500,000 start the position afresh and
// are worth exactly 500,000.
func TestFullSlashLeavesAValidatorThatReopensOnceWorthlessDelegationsAreClosed(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 3
	cfg.Funds = map[string]sdk.Coins{"alice": assetCoins(1_000_000), "bob": assetCoins(500_000)}
	cfg.GenesisHook = func(cdc harness.JSONCodec, state map[string]json.RawMessage) {
		var gen slashingtypes.GenesisState
		cdc.MustUnmarshalJSON(state[slashingtypes.ModuleName], &gen)
		gen.Params.SlashFractionDoubleSign = math.LegacyOneDec()
		state[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&gen)
	}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	alice, bob := c.Account("alice"), c.Account("bob")
	bad := c.Validators()[0]
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: bad.ValAddr.String(),
		Amount: sdk.NewInt64Coin(asset, 1_000_000)})
	c.NextBlocks(2)
	val, err := c.App.StakingKeeper.GetValidator(c.Context(), bad.ValAddr)
	require.NoError(t, err)
	power := val.ConsensusPower(sdk.DefaultPowerReduction)
	c.DoubleSign(bad, c.Height(), power)
	c.NextBlocks(2)

	val, err = c.App.StakingKeeper.GetValidator(c.Context(), bad.ValAddr)
	require.NoError(t, err)
	require.True(t, val.Jailed)
	require.True(t, val.Tokens.IsZero(), "100 %% of bad's stake burned, %s left", val.Tokens)
	require.True(t, c.AllianceDelegationAmount(alice.Address, bad.ValAddr, asset).IsZero(), "alice's alliance stake slashed to 0")
	require.True(t, c.Balance(c.App.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName), asset).Amount.IsZero(),
		"the slashed uasset left the alliance account (to the fee collector, then x/distribution)")

	delegateBob := &alliancetypes.MsgDelegate{DelegatorAddress: bob.Address.String(), ValidatorAddress: bad.ValAddr.String(),
		Amount: sdk.NewInt64Coin(asset, 500_000)}
	res := c.Deliver(bob, delegateBob)
	require.False(t, res.OK())
	require.Equal(t, alliancetypes.ModuleName, res.Codespace)
	require.Equal(t, alliancetypes.ErrWorthlessShares.ABCICode(), res.Code, res.Log)
	require.Equal(t, int64(500_000), c.Balance(bob.Address, asset).Amount.Int64(), "a refused tx leaves Bob's tokens")

	c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: bad.ValAddr.String(),
		Amount: sdk.NewInt64Coin(asset, 1_000_000)})
	unb, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: alice.Address.String()})
	require.NoError(t, err)
	require.Empty(t, unb.Unbondings, "closing a worthless delegation queues nothing")

	c.MustDeliver(bob, delegateBob)
	c.NextBlock()
	require.Equal(t, int64(500_000), c.AllianceDelegationAmount(bob.Address, bad.ValAddr, asset).Int64())
	require.True(t, c.Balance(alice.Address, asset).Amount.IsZero())
}
