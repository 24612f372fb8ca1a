package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Issue 18 I2: schedules caught up every interval of a halt at the first
// block. Take rate 0.1 per 5-minute interval, 1000 aaa; the chain stops for
// 3 h. 36 intervals elapsed; at most MaxScheduleCatchUp (1 h) = 12 of them
// are charged: keep 0.9^12 = 0.282429536481, deduct
// floor(1000 × 0.717570463519) = 717, T = 283 (all 36 took 977). The clock
// moved past the gap: the next interval charges floor(283 × 0.1) = 28 only.
func TestTakeRateAfterAHaltChargesAtMostAnHour(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, dec("0.1"))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Second) // initializes, starts the take-rate clock
	start := f.Ctx.BlockTime().Add(-time.Second)

	endBlock(t, f, 3*time.Hour) // the halt: the next block is start + 3 h 1 s
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(283), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(717), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	p, err := f.Alliance.GetParams(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, start.Add(3*time.Hour), p.LastTakeRateClaimTime)

	endBlock(t, f, 5*time.Minute) // start + 3 h 1 min 1 s: no whole interval yet
	require.Equal(t, int64(283), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, time.Second) // start + 3 h 6 min 1 s: one interval
	require.Equal(t, int64(255), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(745), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	require.Equal(t, int64(255), balanceOf(t, f, alice, v, "aaa").Int64())
}

// The same for a weight schedule: 1.0 halving every 30 min, range [0, 1]. A
// 5-hour halt (10 intervals) applies 2 steps (1 h): 0.25, not 0.5^10; the
// next step comes one interval after the gap: 0.125. The virtual stake
// follows (1e6 native × weight).
func TestWeightScheduleAfterAHaltStepsAtMostAnHour(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	require.NoError(t, f.CreateAlliance("aaa", one, zero, dec("0.5"), 30*time.Minute, zero, one))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())
	endBlock(t, f, 5*time.Hour) // the halt
	endBlock(t, f, time.Minute) // at +5 h 1 min: 10 intervals elapsed
	require.Equal(t, dec("0.25"), asset(t, f, "aaa").RewardWeight)
	require.Equal(t, int64(250_000), f.VirtualStake(v).Int64())
	endBlock(t, f, 29*time.Minute) // at +5 h 2 min: nothing due
	require.Equal(t, dec("0.25"), asset(t, f, "aaa").RewardWeight)
	endBlock(t, f, time.Minute) // at +5 h 31 min: one interval after +5 h
	require.Equal(t, dec("0.125"), asset(t, f, "aaa").RewardWeight)
	require.Equal(t, int64(125_000), f.VirtualStake(v).Int64())
}

// UpdateAlliance switching a running daily halving to hourly 23 h into the
// day starts the new schedule at the update: no step for the 23 h already
// elapsed (the old clock jumped straight to a step), the first one an hour
// after the update.
func TestScheduleChangeCountsFromTheUpdate(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	require.NoError(t, f.CreateAlliance("aaa", one, zero, dec("0.5"), 24*time.Hour, zero, one))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, 23*time.Hour) // now: created + 23 h 1 min
	_, err := f.MsgServer.UpdateAlliance(f.Ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: "aaa", RewardWeight: one,
		TakeRate: zero, RewardChangeRate: dec("0.5"), RewardChangeInterval: time.Hour,
		RewardWeightRange: types.RewardWeightRange{Min: zero, Max: one}})
	require.NoError(t, err)
	require.Equal(t, f.Ctx.BlockTime(), asset(t, f, "aaa").LastRewardChangeTime)
	endBlock(t, f, 59*time.Minute)
	endBlock(t, f, time.Minute) // update + 59 min
	require.Equal(t, one, asset(t, f, "aaa").RewardWeight)
	endBlock(t, f, time.Minute) // update + 1 h
	require.Equal(t, dec("0.5"), asset(t, f, "aaa").RewardWeight)
	require.Equal(t, int64(500_000), f.VirtualStake(v).Int64())
}

func TestCatchUpIntervals(t *testing.T) {
	for _, c := range []struct {
		n        int64
		interval time.Duration
		want     int64
	}{
		{0, time.Minute, 0}, {1, time.Minute, 1}, {60, time.Minute, 60}, {61, time.Minute, 60},
		{36, 5 * time.Minute, 12}, {3, 24 * time.Hour, 1}, {5, time.Hour, 1}, {7, 0, 0},
		{1 << 62, time.Nanosecond, int64(time.Hour)},
	} {
		require.Equal(t, c.want, types.CatchUpIntervals(c.n, c.interval), "%d × %s", c.n, c.interval)
	}
}
