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

// A validator goes offline, x/slashing slashes and jails it for downtime, and
// the alliance hook slashes the alliance stake on it — bonded and unbonding —
// by the same fraction, and nothing on the other validators.
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

	c.SetOffline(bad, true)
	for i := 0; i < 12; i++ {
		c.NextBlock()
	}
	val, err := c.App.StakingKeeper.GetValidator(c.Context(), bad.ValAddr)
	require.NoError(t, err)
	require.True(t, val.Jailed, "the offline validator was not jailed for downtime")

	// x/staking slashes 1% of the validator's power at the infraction height
	// and hands the hooks the effective fraction of its current tokens (the
	// virtual stake moved in between), so the alliance loss is ~1%: the same
	// fraction on the bonded and the unbonding stake of that validator, and
	// nothing on the other validator.
	bonded := c.AllianceDelegationAmount(alice.Address, bad.ValAddr, asset)
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
	lossB := math.LegacyNewDec(600_000).Sub(math.LegacyNewDecFromInt(bonded)).QuoInt64(600_000)
	lossU := math.LegacyNewDec(400_000).Sub(math.LegacyNewDecFromInt(unbonding)).QuoInt64(400_000)
	t.Logf("bonded 600000 -> %s (loss %s), unbonding 400000 -> %s (loss %s)", bonded, lossB, unbonding, lossU)
	for _, loss := range []math.LegacyDec{lossB, lossU} {
		require.True(t, loss.GT(math.LegacyNewDecWithPrec(98, 4)) && loss.LTE(math.LegacyNewDecWithPrec(101, 4)), "loss %s is not ~1%%", loss)
	}
	// Same fraction on both, to the token: |bonded/600000 - unbonding/400000| < 1 token's worth.
	diff := bonded.MulRaw(400_000).Sub(unbonding.MulRaw(600_000)).Abs()
	require.True(t, diff.LT(math.NewInt(600_000)), "bonded %s and unbonding %s lost different fractions", bonded, unbonding)

	// The slashed unbonding pays exactly what is left of it.
	before := c.Balance(alice.Address, asset).Amount
	c.AdvanceTime(cfg.UnbondingTime + time.Minute)
	require.Equal(t, before.Add(unbonding).AddRaw(300_000), c.Balance(alice.Address, asset).Amount)
}
