package simulation_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// TestRandomizedSimulation runs 250 blocks of random delegations,
// redelegations, undelegations, claims, reward allocations, weight changes
// and two slashes (through x/staking, so the alliance hook runs), with a
// fixed seed. Every block: all invariants hold, and each asset is conserved:
//
//	staked (T_a) + unbonding + paid out (user balances) + taken (fee collector) = funded
//
// and the alliance account holds exactly staked + unbonding (no reward coin
// ever stays there). It runs with the rewards paid by x/distribution straight
// into the pool (the default, as in the app) and, for one seed, with the pool
// blocked (rewards paid to the alliance account, then moved).
func TestRandomizedSimulation(t *testing.T) {
	for _, tc := range []struct {
		seed      int64
		blockPool bool
	}{{1, false}, {42, false}, {7, true}} {
		t.Run(fmt.Sprintf("seed-%d/pool-blocked=%v", tc.seed, tc.blockPool), func(t *testing.T) { runSim(t, tc.seed, 250, tc.blockPool) })
	}
}

func runSim(t *testing.T, seed int64, blocks int, blockPool bool) {
	r := rand.New(rand.NewSource(seed))
	var logs bytes.Buffer
	f, err := testutil.New(testutil.Options{Validators: 4, BlockRewardsPool: blockPool,
		Logger: log.NewLogger(&logs, log.OutputJSONOption(), log.LevelOption(zerolog.ErrorLevel))})
	require.NoError(t, err)
	require.Equal(t, !blockPool, f.Alliance.RewardsToPool())
	one, zero := math.LegacyOneDec(), math.LegacyZeroDec()
	require.NoError(t, f.CreateAlliance("aaa", math.LegacyMustNewDecFromStr("0.5"), zero, one, 0, zero, math.LegacyNewDec(2)))
	require.NoError(t, f.CreateAlliance("bbb", one, math.LegacyMustNewDecFromStr("0.02"), one, 0, zero, math.LegacyNewDec(2)))
	require.NoError(t, f.CreateAlliance("ccc", math.LegacyMustNewDecFromStr("1.5"), math.LegacyMustNewDecFromStr("0.005"),
		math.LegacyMustNewDecFromStr("0.97"), time.Hour, math.LegacyMustNewDecFromStr("0.2"), math.LegacyNewDec(2)))
	denoms := []string{"aaa", "bbb", "ccc"}
	const funded = 1_000_000
	var users []sdk.AccAddress
	for i := 0; i < 10; i++ {
		u := testutil.Addr(fmt.Sprintf("user-%d", i))
		for _, d := range denoms {
			require.NoError(t, f.Fund(u, sdk.NewCoins(sdk.NewInt64Coin(d, funded))))
		}
		users = append(users, u)
	}
	vals := f.Validators
	ops := map[string]int{}
	try := func(name string, fn func(ctx sdk.Context) error) {
		branch, write := f.Ctx.CacheContext()
		if err := fn(branch); err == nil {
			write()
			ops[name]++
		} else {
			ops[name+" (refused)"]++
		}
	}
	stakeOf := func(ctx sdk.Context, u sdk.AccAddress, v sdk.ValAddress, d string) int64 {
		res, err := f.Query.AllianceDelegation(ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: f.AccStr(u), ValidatorAddr: f.ValStr(v), Denom: d})
		if err != nil {
			return 0
		}
		return res.Delegation.Balance.Amount.Int64()
	}
	slashAt := map[int]int{blocks / 3: 1, 2 * blocks / 3: 2}

	for b := 0; b < blocks; b++ {
		for op := 0; op < 6; op++ {
			u := users[r.Intn(len(users))]
			v := vals[r.Intn(len(vals))]
			d := denoms[r.Intn(len(denoms))]
			switch k := r.Intn(100); {
			case k < 35:
				amt := int64(1 + r.Intn(20_000))
				try("delegate", func(ctx sdk.Context) error {
					_, err := f.MsgServer.Delegate(ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(u), ValidatorAddress: f.ValStr(v), Amount: sdk.NewInt64Coin(d, amt)})
					return err
				})
			case k < 50:
				try("undelegate", func(ctx sdk.Context) error {
					have := stakeOf(ctx, u, v, d)
					if have == 0 {
						return fmt.Errorf("none")
					}
					amt := have
					if r.Intn(3) > 0 {
						amt = 1 + r.Int63n(have)
					}
					_, err := f.MsgServer.Undelegate(ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(u), ValidatorAddress: f.ValStr(v), Amount: sdk.NewInt64Coin(d, amt)})
					return err
				})
			case k < 65:
				dst := vals[r.Intn(len(vals))]
				try("redelegate", func(ctx sdk.Context) error {
					have := stakeOf(ctx, u, v, d)
					if have == 0 {
						return fmt.Errorf("none")
					}
					_, err := f.MsgServer.Redelegate(ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(u), ValidatorSrcAddress: f.ValStr(v),
						ValidatorDstAddress: f.ValStr(dst), Amount: sdk.NewInt64Coin(d, 1+r.Int63n(have))})
					return err
				})
			case k < 80:
				try("claim", func(ctx sdk.Context) error {
					_, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(u), ValidatorAddress: f.ValStr(v), Denom: d})
					return err
				})
			case k < 95:
				amt := int64(1 + r.Intn(50_000))
				try("allocate rewards", func(ctx sdk.Context) error {
					saved := f.Ctx
					f.Ctx = ctx
					defer func() { f.Ctx = saved }()
					return f.AllocateRewards(v, sdk.NewCoins(sdk.NewInt64Coin(testutil.BondDenom, amt)))
				})
			default:
				w := math.LegacyNewDecWithPrec(int64(r.Intn(200)), 2) // 0.00 .. 1.99
				try("weight change", func(ctx sdk.Context) error {
					a, err := f.Alliance.GetAsset(ctx, d)
					if err != nil {
						return err
					}
					_, err = f.MsgServer.UpdateAlliance(ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: d, RewardWeight: a.ClampWeight(w),
						TakeRate: a.TakeRate, RewardChangeRate: a.RewardChangeRate, RewardChangeInterval: a.RewardChangeInterval, RewardWeightRange: a.RewardWeightRange})
					return err
				})
			}
		}
		if idx, ok := slashAt[b]; ok {
			val, err := f.Staking.GetValidator(f.Ctx, vals[idx])
			require.NoError(t, err)
			cons, err := val.GetConsAddr()
			require.NoError(t, err)
			power := val.ConsensusPower(f.Staking.PowerReduction(f.Ctx))
			_, err = f.Staking.Slash(f.Ctx, cons, f.Ctx.BlockHeight(), power, math.LegacyMustNewDecFromStr("0.05"))
			require.NoError(t, err)
			ops["slash"]++
		}
		require.NoError(t, f.EndBlock(time.Duration(1+r.Intn(20))*time.Minute))
		msg, broken := f.Invariants()
		require.False(t, broken, "block %d: %s", b, msg)
		checkConservation(t, f, users, denoms, funded, b)
		// EndBlock swallows step failures (logs them); none may happen here.
		require.NotContains(t, logs.String(), `"level":"error"`, "block %d", b)
	}
	for _, v := range vals {
		require.True(t, f.VirtualStake(v).IsPositive())
	}
	require.True(t, f.ModuleBalance(authtypes.FeeCollectorName, "bbb").IsPositive(), "take rate never applied")
	t.Logf("seed %d ops: %v", seed, ops)
	require.Positive(t, ops["delegate"])
	require.Positive(t, ops["undelegate"])
	require.Positive(t, ops["redelegate"])
	require.Positive(t, ops["claim"])
	require.Positive(t, ops["weight change"])
	require.Equal(t, 2, ops["slash"])
}

func checkConservation(t *testing.T, f *testutil.Fixture, users []sdk.AccAddress, denoms []string, funded int64, block int) {
	unbonding := map[string]math.Int{}
	require.NoError(t, f.Alliance.Unbondings.Walk(f.Ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		if _, ok := unbonding[e.Balance.Denom]; !ok {
			unbonding[e.Balance.Denom] = math.ZeroInt()
		}
		unbonding[e.Balance.Denom] = unbonding[e.Balance.Denom].Add(e.Balance.Amount)
		return false, nil
	}))
	for _, d := range denoms {
		a, err := f.Alliance.GetAsset(f.Ctx, d)
		require.NoError(t, err)
		ub := unbonding[d]
		if ub.IsNil() {
			ub = math.ZeroInt()
		}
		users_ := math.ZeroInt()
		for _, u := range users {
			users_ = users_.Add(f.Balance(u, d))
		}
		taken := f.ModuleBalance(authtypes.FeeCollectorName, d)
		total := a.TotalTokens.Add(ub).Add(users_).Add(taken)
		require.Equal(t, math.NewInt(funded*int64(len(users))).String(), total.String(), "block %d denom %s: staked %s unbonding %s users %s taken %s", block, d, a.TotalTokens, ub, users_, taken)
		require.Equal(t, a.TotalTokens.Add(ub).String(), f.ModuleBalance(types.ModuleName, d).String(), "block %d denom %s: module balance", block, d)
	}
	require.True(t, f.ModuleBalance(types.ModuleName, testutil.BondDenom).IsZero(), "block %d: rewards left in the alliance account", block)
}
