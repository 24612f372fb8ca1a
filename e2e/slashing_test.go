package e2e_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// slashingConfig: a 10-block signing window in which a validator must sign
// at least half, and 1% slashed for downtime (the SDK default fraction).
func slashingConfig() harness.Config {
	cfg := harness.DefaultConfig()
	cfg.Validators = 3
	cfg.GenesisHook = func(cdc harness.JSONCodec, state map[string]json.RawMessage) {
		var gen slashingtypes.GenesisState
		cdc.MustUnmarshalJSON(state[slashingtypes.ModuleName], &gen)
		gen.Params.SignedBlocksWindow = 10
		gen.Params.MinSignedPerWindow = math.LegacyNewDecWithPrec(5, 1)
		gen.Params.SlashFractionDowntime = math.LegacyNewDecWithPrec(1, 2)
		state[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&gen)
	}
	return cfg
}

// jailForDowntime takes v offline until x/slashing jails it under
// slashingConfig's window (12 blocks: more than half of 10 missed).
func jailForDowntime(t *testing.T, c *harness.Chain, v *harness.Validator) {
	t.Helper()
	c.SetOffline(v, true)
	c.NextBlocks(12)
	val, err := c.App.StakingKeeper.GetValidator(c.Context(), v.ValAddr)
	require.NoError(t, err)
	require.True(t, val.Jailed, "the offline validator was not jailed for downtime")
}

// A validator goes offline, x/slashing slashes and jails it for downtime, and
// x/alliance slashes the alliance stake bonded on it by the nominal fraction
// (1 %), nothing on the other validators. The undelegation from it was made
// before the missed blocks (the infraction height x/slashing reports is two
// blocks before the jailing): that stake no longer backed the validator and
// is not slashed, as x/staking does for its own unbonding entries.
func TestDowntimeSlashReachesAllianceStake(t *testing.T) {
	cfg := slashingConfig()
	cfg.Funds = map[string]sdk.Coins{"alice": assetCoins(3_000_000)}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	alice := c.Account("alice")
	bad, good := c.Validators()[0], c.Validators()[1]

	for _, v := range []*harness.Validator{bad, good} {
		c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v.ValAddr.String(), Amount: sdk.NewInt64Coin(asset, 1_000_000)})
	}
	completion := map[string]time.Time{}
	for _, u := range []struct {
		v      *harness.Validator
		amount int64
	}{{bad, 400_000}, {good, 300_000}} {
		v, amount := u.v, u.amount
		c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v.ValAddr.String(), Amount: sdk.NewInt64Coin(asset, amount)})
		completion[v.ValAddr.String()] = c.Time().Add(cfg.UnbondingTime)
	}

	jailForDowntime(t, c, bad)

	// 1 % of the 600,000 bonded: 594,000 exactly (the nominal fraction, not
	// x/staking's effective one); the undelegation, made before the
	// infraction, keeps its 400,000; nothing on the other validator.
	bonded := c.AllianceDelegationAmount(alice.Address, bad.ValAddr, asset)
	require.Equal(t, math.NewInt(594_000), bonded)
	require.Equal(t, math.NewInt(700_000), c.AllianceDelegationAmount(alice.Address, good.ValAddr, asset))
	unb, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: alice.Address.String()})
	require.NoError(t, err)
	got := map[string]math.Int{}
	for _, u := range unb.Unbondings {
		require.True(t, u.CompletionTime.Equal(completion[u.ValidatorAddress]), "completion %s", u.CompletionTime)
		got[u.ValidatorAddress] = u.Amount
	}
	require.Len(t, got, 2)
	require.Equal(t, math.NewInt(300_000), got[good.ValAddr.String()], "the other validator's unbonding was slashed")
	unbonding := got[bad.ValAddr.String()]
	require.Equal(t, math.NewInt(400_000), unbonding, "an undelegation made before the infraction was slashed")

	// The unbonding pays what it holds.
	before := c.Balance(alice.Address, asset).Amount
	c.AdvanceTime(cfg.UnbondingTime + time.Minute)
	require.Equal(t, before.Add(unbonding).AddRaw(300_000), c.Balance(alice.Address, asset).Amount)
}
