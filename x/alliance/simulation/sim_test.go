package simulation_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	cmttypes "github.com/cometbft/cometbft/types"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The randomized simulation of x/alliance. Every block: random delegations,
// redelegations, undelegations, claims and reward allocations by ten users;
// governance changing weights, take rates, weight schedules
// (reward_change_rate / interval) and ranges within the bounds, and
// proposals beyond them (each must be refused with its error and change no
// store); a scheduled asset listed by governance a quarter of the way in;
// two slashes (through x/staking, so the alliance hook runs). After every
// block it checks:
//
//   - every invariant x/alliance registers, and x/staking's pools (bonded
//     pool = tokens of bonded validators; not-bonded pool = the others'
//     tokens + unbonding entries);
//   - each asset is conserved: staked (T_a) + unbonding + paid out (user
//     balances) + taken (fee collector) = funded, and the alliance account
//     holds exactly staked + unbonding (no reward coin ever stays there);
//   - every weight is inside its range, and every range inside
//     [0, types.MaxRewardWeight];
//   - CometBFT would accept the validator set: its total power is at most
//     MaxTotalVotingPower, and the virtual stake at most the rebalance's
//     ceiling (MaxTotalVotingPower/2 × PowerReduction − native bonded), plus
//     the rebalance's drift tolerance (0.1 %);
//   - no EndBlock step failed (they are logged, never returned), other than
//     the cap's own notice.
//
// ALLIANCE_SIM_LONG=1 runs 12 seeds × 1000 blocks instead.

type simConfig struct {
	seed      int64
	blocks    int
	blockPool bool     // rewards paid to the alliance account, then moved
	selfBond  math.Int // per validator; large puts the cap in play
	maxWeight bool     // governance picks weights up to MaxRewardWeight
}

func (c simConfig) String() string {
	return fmt.Sprintf("seed-%d/blocks-%d/pool-blocked=%v/near-power-limit=%v", c.seed, c.blocks, c.blockPool, c.maxWeight)
}

// nearLimitBond: 4 validators × 3e22 = 1.2e23 native tokens, so the virtual
// stake passes the ceiling (≈ 5.76e23 − 1.2e23) once the weights sum past
// about 3.8: random weights up to 10 on four assets often do.
var nearLimitBond = math.NewIntWithDecimal(3, 22)

func TestRandomizedSimulation(t *testing.T) {
	configs := []simConfig{
		{seed: 1, blocks: 250}, {seed: 42, blocks: 250}, {seed: 7, blocks: 250, blockPool: true},
		{seed: 3, blocks: 150, selfBond: nearLimitBond, maxWeight: true},
	}
	if os.Getenv("ALLIANCE_SIM_LONG") != "" {
		configs = nil
		for s := int64(100); s < 112; s++ {
			c := simConfig{seed: s, blocks: 1000, blockPool: s%4 == 1}
			if s%3 == 0 {
				c.selfBond, c.maxWeight = nearLimitBond, true
			}
			configs = append(configs, c)
		}
	}
	start, total := time.Now(), map[string]int{}
	for _, c := range configs {
		t.Run(c.String(), func(t *testing.T) {
			for k, n := range runSim(t, c) {
				total[k] += n
			}
		})
	}
	t.Logf("%d runs in %s, ops: %v", len(configs), time.Since(start).Round(time.Second), total)
}

type sim struct {
	t      *testing.T
	cfg    simConfig
	f      *testutil.Fixture
	r      *rand.Rand
	logs   *bytes.Buffer
	users  []sdk.AccAddress
	denoms []string // funded; "ddd" is listed only later, by governance
	ops    map[string]int
}

const simFunded = 1_000_000

func runSim(t *testing.T, cfg simConfig) map[string]int {
	s := newSim(t, cfg)
	slashAt := map[int]int{cfg.blocks / 3: 1, 2 * cfg.blocks / 3: 2}
	for b := 0; b < cfg.blocks; b++ {
		if b == cfg.blocks/4 {
			s.listScheduledAsset()
		}
		for op := 0; op < 6; op++ {
			s.randomOp()
		}
		if idx, ok := slashAt[b]; ok {
			s.slash(s.f.Validators[idx])
		}
		s.endBlock(b)
	}
	f := s.f
	for _, v := range f.Validators {
		require.True(t, f.VirtualStake(v).IsPositive())
	}
	require.True(t, f.ModuleBalance(authtypes.FeeCollectorName, "bbb").IsPositive(), "take rate never applied")
	t.Logf("%s ops: %v", cfg, s.ops)
	for _, op := range []string{"delegate", "undelegate", "redelegate", "claim", "weight change", "schedule update",
		"out of bounds refused", "scheduled weight step", "create scheduled asset"} {
		require.Positive(t, s.ops[op], op)
	}
	require.Equal(t, 2, s.ops["slash"])
	if cfg.maxWeight {
		require.Positive(t, s.ops["virtual stake capped"], "the cap never bound: the test would not prove it")
	}
	return s.ops
}

func newSim(t *testing.T, cfg simConfig) *sim {
	logs := &bytes.Buffer{}
	f, err := testutil.New(testutil.Options{Validators: 4, BlockRewardsPool: cfg.blockPool, SelfBond: cfg.selfBond,
		Logger: log.NewLogger(logs, log.OutputJSONOption(), log.LevelOption(zerolog.ErrorLevel))})
	require.NoError(t, err)
	require.Equal(t, !cfg.blockPool, f.Alliance.RewardsToPool())
	one, zero := math.LegacyOneDec(), math.LegacyZeroDec()
	require.NoError(t, f.CreateAlliance("aaa", math.LegacyMustNewDecFromStr("0.5"), zero, one, 0, zero, math.LegacyNewDec(2)))
	require.NoError(t, f.CreateAlliance("bbb", one, math.LegacyMustNewDecFromStr("0.02"), one, 0, zero, math.LegacyNewDec(2)))
	require.NoError(t, f.CreateAlliance("ccc", math.LegacyMustNewDecFromStr("1.5"), math.LegacyMustNewDecFromStr("0.005"),
		math.LegacyMustNewDecFromStr("0.97"), time.Hour, math.LegacyMustNewDecFromStr("0.2"), math.LegacyNewDec(2)))
	s := &sim{t: t, cfg: cfg, f: f, r: rand.New(rand.NewSource(cfg.seed)), logs: logs,
		denoms: []string{"aaa", "bbb", "ccc", "ddd"}, ops: map[string]int{}}
	for i := 0; i < 10; i++ {
		u := testutil.Addr(fmt.Sprintf("user-%d", i))
		for _, d := range s.denoms {
			require.NoError(t, f.Fund(u, sdk.NewCoins(sdk.NewInt64Coin(d, simFunded))))
		}
		s.users = append(s.users, u)
	}
	return s
}

// try runs fn in a branch, written back only if fn succeeds.
func (s *sim) try(name string, fn func(ctx sdk.Context) error) {
	branch, write := s.f.Ctx.CacheContext()
	if err := fn(branch); err == nil {
		write()
		s.ops[name]++
	} else {
		s.ops[name+" (refused)"]++
	}
}

func (s *sim) stakeOf(ctx sdk.Context, u sdk.AccAddress, v sdk.ValAddress, d string) int64 {
	res, err := s.f.Query.AllianceDelegation(ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: s.f.AccStr(u), ValidatorAddr: s.f.ValStr(v), Denom: d})
	if err != nil {
		return 0
	}
	return res.Delegation.Balance.Amount.Int64()
}

func (s *sim) randomOp() {
	f, r := s.f, s.r
	u := s.users[r.Intn(len(s.users))]
	v := f.Validators[r.Intn(len(f.Validators))]
	d := s.denoms[r.Intn(len(s.denoms))]
	switch k := r.Intn(100); {
	case k < 30:
		amt := int64(1 + r.Intn(20_000))
		s.try("delegate", func(ctx sdk.Context) error {
			_, err := f.MsgServer.Delegate(ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(u), ValidatorAddress: f.ValStr(v), Amount: sdk.NewInt64Coin(d, amt)})
			return err
		})
	case k < 42:
		s.try("undelegate", func(ctx sdk.Context) error {
			have := s.stakeOf(ctx, u, v, d)
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
	case k < 54:
		dst := f.Validators[r.Intn(len(f.Validators))]
		s.try("redelegate", func(ctx sdk.Context) error {
			have := s.stakeOf(ctx, u, v, d)
			if have == 0 {
				return fmt.Errorf("none")
			}
			_, err := f.MsgServer.Redelegate(ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(u), ValidatorSrcAddress: f.ValStr(v),
				ValidatorDstAddress: f.ValStr(dst), Amount: sdk.NewInt64Coin(d, 1+r.Int63n(have))})
			return err
		})
	case k < 66:
		s.try("claim", func(ctx sdk.Context) error {
			_, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(u), ValidatorAddress: f.ValStr(v), Denom: d})
			return err
		})
	case k < 78:
		amt := int64(1 + r.Intn(50_000))
		s.try("allocate rewards", func(ctx sdk.Context) error {
			saved := f.Ctx
			f.Ctx = ctx
			defer func() { f.Ctx = saved }()
			return f.AllocateRewards(v, sdk.NewCoins(sdk.NewInt64Coin(testutil.BondDenom, amt)))
		})
	case k < 86:
		s.try("weight change", func(ctx sdk.Context) error {
			a, err := f.Alliance.GetAsset(ctx, d)
			if err != nil {
				return err
			}
			msg := updateMsg(f.Authority, a)
			msg.RewardWeight = a.ClampWeight(s.randomWeight())
			_, err = f.MsgServer.UpdateAlliance(ctx, msg)
			return err
		})
	case k < 93:
		s.try("schedule update", func(ctx sdk.Context) error { return s.updateSchedule(ctx, d) })
	default:
		s.outOfBounds(d)
	}
}

// randomWeight: 0.00 .. 1.99, or up to MaxRewardWeight near the power limit.
func (s *sim) randomWeight() math.LegacyDec {
	if s.cfg.maxWeight {
		return math.LegacyNewDecWithPrec(int64(s.r.Intn(1001)), 2) // 0.00 .. 10.00
	}
	return math.LegacyNewDecWithPrec(int64(s.r.Intn(200)), 2)
}

func updateMsg(authority string, a types.AllianceAsset) *types.MsgUpdateAlliance {
	return &types.MsgUpdateAlliance{Authority: authority, Denom: a.Denom, RewardWeight: a.RewardWeight, TakeRate: a.TakeRate,
		RewardChangeRate: a.RewardChangeRate, RewardChangeInterval: a.RewardChangeInterval, RewardWeightRange: a.RewardWeightRange}
}

// updateSchedule: governance sets a new weight schedule (rate 0.50 .. 2.00
// per interval of 1 .. 60 min, or none), a new range inside [0, 10], a
// take rate below 5 % and a weight inside the new range.
func (s *sim) updateSchedule(ctx sdk.Context, denom string) error {
	a, err := s.f.Alliance.GetAsset(ctx, denom)
	if err != nil {
		return err
	}
	r := s.r
	lo, hi := s.randomWeight(), s.randomWeight()
	if s.cfg.maxWeight || r.Intn(4) == 0 {
		hi = types.MaxRewardWeight // the bound itself is allowed
	}
	if lo.GT(hi) {
		lo, hi = hi, lo
	}
	msg := updateMsg(s.f.Authority, a)
	msg.RewardWeightRange = types.RewardWeightRange{Min: lo, Max: hi}
	msg.RewardWeight = types.AllianceAsset{RewardWeightRange: msg.RewardWeightRange}.ClampWeight(a.RewardWeight)
	msg.RewardChangeRate = math.LegacyNewDecWithPrec(int64(50+r.Intn(151)), 2)
	msg.RewardChangeInterval = time.Duration(1+r.Intn(60)) * time.Minute
	if r.Intn(5) == 0 {
		msg.RewardChangeRate, msg.RewardChangeInterval = math.LegacyOneDec(), 0
	}
	msg.TakeRate = math.LegacyNewDecWithPrec(int64(r.Intn(50)), 3)
	_, err = s.f.MsgServer.UpdateAlliance(ctx, msg)
	return err
}

// listScheduledAsset: governance lists ddd with a growing schedule (× 1.2
// every 10 min) up to the maximum weight.
func (s *sim) listScheduledAsset() {
	s.try("create scheduled asset", func(ctx sdk.Context) error {
		_, err := s.f.MsgServer.CreateAlliance(ctx, &types.MsgCreateAlliance{Authority: s.f.Authority, Denom: "ddd",
			RewardWeight: math.LegacyOneDec(), TakeRate: math.LegacyMustNewDecFromStr("0.001"),
			RewardChangeRate: math.LegacyMustNewDecFromStr("1.2"), RewardChangeInterval: 10 * time.Minute,
			RewardWeightRange: types.RewardWeightRange{Min: math.LegacyMustNewDecFromStr("0.1"), Max: types.MaxRewardWeight}})
		return err
	})
	require.Equal(s.t, 1, s.ops["create scheduled asset"])
}

var tiny = math.LegacyNewDecWithPrec(1, math.LegacyPrecision) // 1e-18, the smallest step

// outOfBounds sends one proposal beyond the bounds; it must fail with the
// error naming the bound, and leave every store as it was.
func (s *sim) outOfBounds(denom string) {
	f, r := s.f, s.r
	a, err := f.Alliance.GetAsset(f.Ctx, denom)
	if errors.Is(err, types.ErrUnknownAsset) {
		return // ddd before its listing
	}
	require.NoError(s.t, err)
	msg := updateMsg(f.Authority, a)
	above := types.MaxRewardWeight.Add(tiny)
	var want error
	var create *types.MsgCreateAlliance
	switch r.Intn(7) {
	case 0: // range beyond the maximum, weight inside it
		msg.RewardWeightRange.Max, want = above, types.ErrRewardWeightTooLarge
	case 1: // weight beyond the maximum and its range
		msg.RewardWeightRange.Max = math.LegacyNewDec(int64(11 + r.Intn(1_000_000)))
		msg.RewardWeight, want = msg.RewardWeightRange.Max, types.ErrRewardWeightTooLarge
	case 2: // weight above its range
		msg.RewardWeight, want = a.RewardWeightRange.Max.Add(tiny), types.ErrRewardWeightOutOfBnd
	case 3: // take rate of 100 % or more
		msg.TakeRate, want = math.LegacyOneDec().Add(math.LegacyNewDecWithPrec(int64(r.Intn(3)), 1)), types.ErrInvalidAsset
	case 4: // schedule that could not move: rate 0 or negative
		msg.RewardChangeRate, want = math.LegacyNewDec(-int64(r.Intn(2))), types.ErrInvalidAsset
	case 5: // negative interval
		msg.RewardChangeInterval, want = -time.Minute, types.ErrInvalidAsset
	default: // a new listing beyond the maximum
		w := above.Add(math.LegacyNewDec(int64(r.Intn(100))))
		create = &types.MsgCreateAlliance{Authority: f.Authority, Denom: "zzz", RewardWeight: w, TakeRate: math.LegacyZeroDec(),
			RewardChangeRate: math.LegacyOneDec(), RewardWeightRange: types.RewardWeightRange{Min: math.LegacyZeroDec(), Max: w}}
		want = types.ErrRewardWeightTooLarge
	}
	before := s.storesHash(f.Ctx)
	branch, _ := f.Ctx.CacheContext() // never written back: the check is that nothing was written in it
	if create != nil {
		_, err = f.MsgServer.CreateAlliance(branch, create)
	} else {
		_, err = f.MsgServer.UpdateAlliance(branch, msg)
	}
	require.ErrorIs(s.t, err, want, "%v %v", msg, create)
	require.Equal(s.t, before, s.storesHash(branch), "a refused proposal changed state: %v", err)
	s.ops["out of bounds refused"]++
}

// storesHash hashes every key and value of every store of the chain.
func (s *sim) storesHash(ctx sdk.Context) [32]byte {
	h := sha256.New()
	for _, name := range []string{authtypes.StoreKey, "bank", "staking", "distribution", types.StoreKey} {
		it := ctx.KVStore(s.f.Keys[name]).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			h.Write(it.Key())
			h.Write(it.Value())
		}
		it.Close()
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func (s *sim) slash(v sdk.ValAddress) {
	f := s.f
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(s.t, err)
	cons, err := val.GetConsAddr()
	require.NoError(s.t, err)
	power := val.ConsensusPower(f.Staking.PowerReduction(f.Ctx))
	_, err = f.Staking.Slash(f.Ctx, cons, f.Ctx.BlockHeight(), power, math.LegacyMustNewDecFromStr("0.05"))
	require.NoError(s.t, err)
	s.ops["slash"]++
}

func (s *sim) endBlock(b int) {
	t, f := s.t, s.f
	events := f.Ctx.EventManager()
	require.NoError(t, f.EndBlock(time.Duration(1+s.r.Intn(20))*time.Minute))
	for _, ev := range events.Events() {
		if ev.Type == "alliance.alliance.RewardWeightChangeEvent" {
			s.ops["scheduled weight step"]++
		}
	}
	msg, broken := f.Invariants()
	require.False(t, broken, "block %d: %s", b, msg)
	s.checkStakingPools(b)
	checkConservation(t, f, s.users, s.denoms, simFunded, b)
	s.checkBounds(b)
	s.checkPower(b)
	s.checkLogs(b)
}

// checkStakingPools: x/staking's pools hold exactly the tokens of the
// validators of their status plus the unbonding entries (SDK 0.53 dropped
// x/staking's registered invariants; the rebalance mints, delegates, unbonds
// and burns in these pools).
func (s *sim) checkStakingPools(b int) {
	f := s.f
	vals, err := f.Staking.GetAllValidators(f.Ctx)
	require.NoError(s.t, err)
	bonded, notBonded := math.ZeroInt(), math.ZeroInt()
	for _, v := range vals {
		if v.IsBonded() {
			bonded = bonded.Add(v.Tokens)
		} else {
			notBonded = notBonded.Add(v.Tokens)
		}
	}
	require.NoError(s.t, f.Staking.IterateUnbondingDelegations(f.Ctx, func(_ int64, ubd stakingtypes.UnbondingDelegation) bool {
		for _, e := range ubd.Entries {
			notBonded = notBonded.Add(e.Balance)
		}
		return false
	}))
	require.Equal(s.t, bonded.String(), f.ModuleBalance(stakingtypes.BondedPoolName, testutil.BondDenom).String(), "block %d: bonded pool", b)
	require.Equal(s.t, notBonded.String(), f.ModuleBalance(stakingtypes.NotBondedPoolName, testutil.BondDenom).String(), "block %d: not-bonded pool", b)
}

func (s *sim) checkBounds(b int) {
	require.NoError(s.t, s.f.Alliance.Assets.Walk(s.f.Ctx, nil, func(d string, a types.AllianceAsset) (bool, error) {
		rng := a.RewardWeightRange
		require.True(s.t, rng.Max.LTE(types.MaxRewardWeight) && !rng.Min.IsNegative() && rng.Min.LTE(rng.Max), "block %d %s: range %v", b, d, rng)
		require.True(s.t, a.RewardWeight.GTE(rng.Min) && a.RewardWeight.LTE(rng.Max), "block %d %s: weight %s outside %v", b, d, a.RewardWeight, rng)
		return false, nil
	}))
}

// checkPower: CometBFT's limit on the set's total power, and the
// rebalance's own ceiling on the virtual stake (+ its 0.1 % drift: a
// validator within the tolerance of a lower target keeps its stake).
func (s *sim) checkPower(b int) {
	f := s.f
	power, err := f.Staking.GetLastTotalPower(f.Ctx)
	require.NoError(s.t, err)
	require.True(s.t, power.LTE(math.NewInt(cmttypes.MaxTotalVotingPower)), "block %d: total power %s", b, power)
	_, virtual, err := f.Alliance.VirtualStake(f.Ctx)
	require.NoError(s.t, err)
	bonded, err := f.Staking.TotalBondedTokens(f.Ctx)
	require.NoError(s.t, err)
	native := bonded.Sub(virtual)
	ceiling := math.NewInt(cmttypes.MaxTotalVotingPower / 2).Mul(sdk.DefaultPowerReduction).Sub(native)
	require.True(s.t, virtual.LTE(ceiling.Add(ceiling.QuoRaw(1000))), "block %d: virtual stake %s above the ceiling %s", b, virtual, ceiling)
}

// checkLogs: EndBlock swallows step failures (logs them); none may happen.
// The cap's notice is the one error-level line allowed: it is counted.
func (s *sim) checkLogs(b int) {
	for _, line := range strings.Split(strings.TrimSpace(s.logs.String()), "\n") {
		switch {
		case line == "":
		case strings.Contains(line, "virtual stake capped below CometBFT"):
			s.ops["virtual stake capped"]++
		default:
			require.NotContains(s.t, line, `"level":"error"`, "block %d", b)
		}
	}
	s.logs.Reset()
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
		staked := math.ZeroInt()
		a, err := f.Alliance.GetAsset(f.Ctx, d)
		if err == nil {
			staked = a.TotalTokens
		} else {
			require.ErrorIs(t, err, types.ErrUnknownAsset) // not listed yet
		}
		ub := unbonding[d]
		if ub.IsNil() {
			ub = math.ZeroInt()
		}
		users_ := math.ZeroInt()
		for _, u := range users {
			users_ = users_.Add(f.Balance(u, d))
		}
		taken := f.ModuleBalance(authtypes.FeeCollectorName, d)
		total := staked.Add(ub).Add(users_).Add(taken)
		require.Equal(t, math.NewInt(funded*int64(len(users))).String(), total.String(), "block %d denom %s: staked %s unbonding %s users %s taken %s", block, d, staked, ub, users_, taken)
		require.Equal(t, staked.Add(ub).String(), f.ModuleBalance(types.ModuleName, d).String(), "block %d denom %s: module balance", block, d)
	}
	require.True(t, f.ModuleBalance(types.ModuleName, testutil.BondDenom).IsZero(), "block %d: rewards left in the alliance account", block)
}
