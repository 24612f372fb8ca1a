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
	alice, bob := report.Users[0], report.Users[1]
	// 60 blocks of 5 s after the deposits: the per-minute take rate ran 5
	// times before the claims and once more before alice's unbonding.
	require.Equal(t, afterTakeRate(stakeEach, rate, 5), alice.Value)
	require.Equal(t, "975250", alice.Value.String())
	require.Equal(t, afterTakeRate(stakeEach, rate, 6), alice.Returned)
	require.Equal(t, math.NewInt(stakeEach), bob.Value, "no take rate on ulsd")
	require.Equal(t, "29626ibc/ATOM", report.TakenByTakeRate.String())

	// Rewards follow the reward weights: ulsd (1.0) earns about twice what
	// ibc/ATOM (0.5) earns on the same stake (alice starts one block earlier
	// and loses value to the take rate, hence the band).
	ratio := math.LegacyNewDecFromInt(bob.Rewards.AmountOf(app.BondDenom)).Quo(math.LegacyNewDecFromInt(alice.Rewards.AmountOf(app.BondDenom)))
	require.True(t, ratio.GT(math.LegacyNewDecWithPrec(19, 1)) && ratio.LT(math.LegacyNewDecWithPrec(21, 1)), "reward ratio %s", ratio)
	// The take rate is paid to native stakers, which include the alliances'
	// virtual stake: both users earn some ibc/ATOM back.
	require.True(t, alice.Rewards.AmountOf("ibc/ATOM").IsPositive())
	require.True(t, bob.Rewards.AmountOf("ibc/ATOM").IsPositive())

	require.Equal(t, "0", report.Alliances[0].TotalStaked.String())
	require.Equal(t, "1000000", report.Alliances[1].TotalStaked.String())
	require.Contains(t, out.String(), "user   asset        deposited     at claim     unbonded  rewards claimed")

	// The story is deterministic: the same report every run.
	again, err := Run(Options{Blocks: 60})
	require.NoError(t, err)
	require.Equal(t, report, again)
}
