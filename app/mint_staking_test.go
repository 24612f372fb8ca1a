package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Two identical chains list the same asset through gov; on one of them a
// user stakes a lot of it, so x/alliance delegates virtual stake of twice
// the native bond. x/mint must not notice: every block's mint event
// (bonded ratio, inflation, annual provisions, amount) and the stored
// minter are exactly equal on both chains, while the bank supply and
// x/staking's own bonded ratio do include the virtual stake.
func TestMintIgnoresVirtualStake(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	cfg.Funds = map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin("uasset", 50_000_000))}
	plain := harness.NewChain(t, cfg)
	allied := harness.NewChain(t, cfg)
	for _, c := range []*harness.Chain{plain, allied} {
		c.CreateAlliance(harness.AllianceSpec{Denom: "uasset", RewardWeight: "2"})
	}

	// The delegation on one chain, an empty block at the same height and
	// time on the other.
	alice := allied.Account("alice")
	allied.MustDeliver(alice, &alliancetypes.MsgDelegate{
		DelegatorAddress: alice.Address.String(),
		ValidatorAddress: allied.Validators()[0].ValAddr.String(),
		Amount:           sdk.NewInt64Coin("uasset", 40_000_000),
	})
	plain.NextBlock()
	require.Equal(t, plain.Height(), allied.Height())
	require.Equal(t, plain.Time(), allied.Time())

	virtual, bondedVirtual, err := allied.App.AllianceKeeper.VirtualStake(allied.Context())
	require.NoError(t, err)
	nativeBonded, err := plain.App.StakingKeeper.TotalBondedTokens(plain.Context())
	require.NoError(t, err)
	require.Equal(t, nativeBonded.MulRaw(2), virtual, "virtual stake = weight 2 × the native bond")
	require.Equal(t, virtual, bondedVirtual)

	mintEvents := func(c *harness.Chain) []string {
		res := c.NextBlock()
		evs := harness.EventsOfType(res.Events, minttypes.EventTypeMint)
		require.Len(t, evs, 1)
		var out []string
		for _, a := range evs[0].Attributes {
			out = append(out, a.Key+"="+a.Value)
		}
		return out
	}
	for i := 0; i < 30; i++ {
		require.Equal(t, mintEvents(plain), mintEvents(allied), "mint event at height %d", plain.Height())
	}
	minter := func(c *harness.Chain) minttypes.Minter {
		m, err := c.App.MintKeeper.Minter.Get(c.Context())
		require.NoError(t, err)
		return m
	}
	mp, ma := minter(plain), minter(allied)
	require.Equal(t, mp.Inflation.String(), ma.Inflation.String())
	require.Equal(t, mp.AnnualProvisions.String(), ma.AnnualProvisions.String())
	require.True(t, mp.AnnualProvisions.IsPositive())

	// Only x/mint's view changed: the bank supply still holds the virtual
	// stake and x/staking's own bonded ratio still counts it.
	supply := func(c *harness.Chain) math.Int { return c.App.BankKeeper.GetSupply(c.Context(), app.BondDenom).Amount }
	require.Equal(t, supply(plain).Add(virtual), supply(allied))
	ratio := func(c *harness.Chain) math.LegacyDec {
		r, err := c.App.StakingKeeper.BondedRatio(c.Context())
		require.NoError(t, err)
		return r
	}
	require.True(t, ratio(allied).GT(ratio(plain)), "staking bonded ratio %s vs %s", ratio(allied), ratio(plain))
}

type fakeStaking struct{ supply, bonded int64 }

func (f fakeStaking) StakingTokenSupply(context.Context) (math.Int, error) {
	return math.NewInt(f.supply), nil
}

func (f fakeStaking) TotalBondedTokens(context.Context) (math.Int, error) {
	return math.NewInt(f.bonded), nil
}

type fakeVirtual struct {
	total, bonded int64
	err           error
}

func (f fakeVirtual) VirtualStake(context.Context) (math.Int, math.Int, error) {
	return math.NewInt(f.total), math.NewInt(f.bonded), f.err
}

func TestMintStakingView(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		staking fakeStaking
		virtual fakeVirtual
		supply  int64
		ratio   string
	}{
		{"no virtual stake: x/staking's numbers", fakeStaking{1_000, 300}, fakeVirtual{}, 1_000, "0.3"},
		{"bonded virtual stake leaves supply and bonded", fakeStaking{1_600, 900}, fakeVirtual{600, 600, nil}, 1_000, "0.3"},
		// Virtual stake on an unbonded validator is in the supply but not in
		// the bonded pool: only its bonded part leaves the numerator.
		{"unbonded validator", fakeStaking{1_600, 700}, fakeVirtual{600, 400, nil}, 1_000, "0.3"},
		{"zero supply", fakeStaking{0, 0}, fakeVirtual{}, 0, "0"},
		{"all of the supply is virtual stake", fakeStaking{500, 500}, fakeVirtual{500, 500, nil}, 0, "0"},
		{"all bonded stake is virtual", fakeStaking{1_500, 500}, fakeVirtual{500, 500, nil}, 1_000, "0"},
		// Never negative, whatever the sources say.
		{"virtual above the supply", fakeStaking{400, 400}, fakeVirtual{500, 500, nil}, 0, "0"},
		{"bonded virtual above bonded", fakeStaking{2_000, 100}, fakeVirtual{1_000, 500, nil}, 1_000, "0"},
		{"rounding as x/staking's", fakeStaking{3_100, 2_100}, fakeVirtual{100, 100, nil}, 3_000, "0.666666666666666666"}, // 2000/3000, truncated
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := app.NewMintStakingView(tc.staking, tc.virtual)
			supply, err := v.StakingTokenSupply(ctx)
			require.NoError(t, err)
			require.Equal(t, math.NewInt(tc.supply).String(), supply.String())
			ratio, err := v.BondedRatio(ctx)
			require.NoError(t, err)
			require.Equal(t, math.LegacyMustNewDecFromStr(tc.ratio).String(), ratio.String())
		})
	}

	boom := errors.New("boom")
	v := app.NewMintStakingView(fakeStaking{1_000, 500}, fakeVirtual{err: boom})
	_, err := v.StakingTokenSupply(ctx)
	require.ErrorIs(t, err, boom)
	_, err = v.BondedRatio(ctx)
	require.ErrorIs(t, err, boom)
}
