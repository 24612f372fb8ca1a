package demo

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/alliancewasm/alliancewasm/app"
)

// afterTakeRate applies the take rate n times the way x/alliance does: each
// interval removes floor(total × rate), so holders keep the rounding.
func afterTakeRate(total int64, rate math.LegacyDec, n int) math.Int {
	t := math.NewInt(total)
	for i := 0; i < n; i++ {
		t = t.Sub(math.LegacyNewDecFromInt(t).Mul(rate).TruncateInt())
	}
	return t
}

func TestDemoStory(t *testing.T) {
	var out bytes.Buffer
	report, err := Run(Options{Out: &out, Blocks: 60})
	require.NoError(t, err)

	rate := math.LegacyNewDecWithPrec(5, 3)
	alice, bob, carol, dave := report.Users[0], report.Users[1], report.Users[2], report.Users[3]
	// 60 blocks of 5 s: the per-minute take rate ran about five times
	// between the deposits and the claims.
	n := report.TakeRateIntervals
	require.GreaterOrEqual(t, n, 4)
	require.LessOrEqual(t, n, 6)
	// The take rate removes floor(total × rate) from the asset each interval;
	// alice holds half of the ibc/ATOM stake and her share is rounded down,
	// so her value is the take-rate formula on her 1,000,000 or one less.
	want := afterTakeRate(stakeEach, rate, n)
	require.True(t, alice.Value.Equal(want) || alice.Value.Equal(want.SubRaw(1)), "alice %s, want %s after %d intervals", alice.Value, want, n)
	require.True(t, alice.Returned.LTE(alice.Value), "unbonded later, after more take rate")
	require.Equal(t, math.NewInt(stakeEach), bob.Value, "no take rate on ulsd")
	require.Equal(t, math.NewInt(stakeEach).Sub(alice.Returned), report.TakenByTakeRate.AmountOf("ibc/ATOM"))

	// The wrapped token's rate fell exactly as the take rate applied to its
	// stake (rate = staked / supply), and carol unbonded her shares' value.
	require.Equal(t, "1.000000000000000000", report.TokenRateAtDeposit.String())
	require.True(t, report.TokenRateAtClaim.LT(report.TokenRateAtDeposit))
	require.Equal(t, carol.Value, carol.Returned)
	require.True(t, carol.Rewards.AmountOf(app.BondDenom).IsPositive())

	// Rewards follow the reward weights per asset: all ibc/ATOM stakers
	// together (alice directly, carol through the token) earn about half of
	// what all ulsd stakers (weight 1.0: bob directly, dave through the
	// compounder) earn — the band allows for deposits a block apart and the
	// take rate shrinking ibc/ATOM.
	atom := alice.Rewards.AmountOf(app.BondDenom).Add(carol.Rewards.AmountOf(app.BondDenom))
	lsd := bob.Rewards.AmountOf(app.BondDenom).Add(report.VaultClaimed.AmountOf(app.BondDenom))
	ratio := math.LegacyNewDecFromInt(atom).Quo(math.LegacyNewDecFromInt(lsd))
	require.True(t, ratio.GT(math.LegacyNewDecWithPrec(45, 2)) && ratio.LT(math.LegacyNewDecWithPrec(55, 2)), "ibc/ATOM / ulsd reward ratio %s", ratio)
	// The take rate is paid to native stakers, which include the alliances'
	// virtual stake: both users earn some ibc/ATOM back.
	require.True(t, alice.Rewards.AmountOf("ibc/ATOM").IsPositive())
	require.True(t, bob.Rewards.AmountOf("ibc/ATOM").IsPositive())

	// The compounder restaked its harvest: the rate rose, and dave got back
	// his shares' value at that rate, more than he deposited.
	require.Equal(t, "1.000000000000000000", report.VaultRateBefore.String())
	require.True(t, report.VaultRateAfter.GT(report.VaultRateBefore))
	// As the first depositor, dave's 1,000,000 bought 999,000 shares: 1,000
	// are locked in the vault against the first-depositor inflation attack.
	require.Equal(t, report.VaultRateAfter.MulInt(math.NewInt(stakeEach-1_000)).TruncateInt(), dave.Value)
	require.Equal(t, dave.Value, dave.Returned)
	require.True(t, dave.Returned.GT(dave.Deposited))

	// Only the wrapped token's 1,000 locked shares stay staked, eroded by the
	// take rate during the unbonding time.
	require.True(t, report.Alliances[0].TotalStaked.LTE(math.NewInt(1_000)))
	// ulsd still staked: bob's 1,000,000 and what the vault keeps for its
	// 1,000 locked shares (its stake rate × 1,000,000 shares, less dave's part).
	vaultStake := report.VaultRateAfter.MulInt(math.NewInt(stakeEach)).TruncateInt()
	require.Equal(t, math.NewInt(stakeEach).Add(vaultStake).Sub(dave.Returned), report.Alliances[1].TotalStaked)
	require.Contains(t, out.String(), "user   asset        deposited     at claim     unbonded  rewards claimed")

	// The story is deterministic: the same report every run.
	again, err := Run(Options{Blocks: 60})
	require.NoError(t, err)
	require.Equal(t, report, again)
}
