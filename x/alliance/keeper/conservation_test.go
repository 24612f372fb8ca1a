package keeper_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"testing"
	"time"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Randomized conservation and fairness.
//
// Seeds × blocks of random delegate (dust included), undelegate,
// redelegate and claim by 6 users on 4 validators and 3 assets (one with a
// decaying weight schedule, two with take rates), governance weight and
// take-rate updates, slashes (1–5 %) with a jail in the same block, unjails,
// and rewards paid to every active validator at the start of each block.
// After every block:
//
//   - per asset: users' balances + T_a + unbonding + fee collector = funded,
//     and the alliance account holds exactly T_a + unbonding;
//   - per user and asset: balance + stake + unbonding ≤ funded;
//   - the module invariants hold (the pool covers every pending reward);
//   - per user: rewards paid + pending = the fair share, computed by an
//     independent ledger: each payment to a validator gives the virtual
//     stake tokens_virtual/tokens_V of it, split between the assets on V as
//     they make up V's virtual stake (w_a × shares_{a,V} / the asset's
//     shares on the validators carrying virtual stake) and within an asset
//     by delegator shares. Nobody may get more; rounding (index floors,
//     whole-coin payouts) may cost each user a little.
//
// ALLIANCE_LONG=1 runs 12 seeds × 400 blocks instead of 3 × 60.
func TestRandomizedConservationAndFairness(t *testing.T) {
	seeds, blocks := []int64{1, 2, 3}, 60
	if os.Getenv("ALLIANCE_LONG") != "" {
		seeds, blocks = nil, 400
		for s := int64(1); s <= 12; s++ {
			seeds = append(seeds, s)
		}
	}
	totalOps, totalRefused := 0, 0
	for _, seed := range seeds {
		ops, refused := runConservation(t, seed, blocks)
		totalOps += ops
		totalRefused += refused
	}
	t.Logf("%d seeds × %d blocks: %d operations (%d refused); largest deviation of a user's rewards from the fair share: %s",
		len(seeds), blocks, totalOps, totalRefused, maxDev)
}

type fairLedger struct {
	fair   map[string]math.LegacyDec // user → rewards owed by the model
	maxDev *math.LegacyDec           // largest |paid − fair| / fair seen (fair ≥ 1e6)
}

var maxDev = math.LegacyZeroDec()

func runConservation(t *testing.T, seed int64, blocks int) (ops, refused int) {
	r := rand.New(rand.NewSource(seed))
	var logs bytes.Buffer
	// a reward delay, so that a listed asset is staked for a while before
	// it earns (rewards keep arriving meanwhile)
	f, err := testutil.New(testutil.Options{Validators: 4, RewardDelay: 30 * time.Minute,
		Logger: log.NewLogger(&logs, log.OutputJSONOption(), log.LevelOption(zerolog.ErrorLevel))})
	require.NoError(t, err)
	require.NoError(t, f.CreateAlliance("aaa", dec("0.5"), zero, one, 0, zero, dec("2")))
	require.NoError(t, f.CreateAlliance("bbb", one, dec("0.02"), one, 0, zero, dec("2")))
	require.NoError(t, f.CreateAlliance("ccc", dec("1.5"), dec("0.005"), dec("0.97"), time.Hour, dec("0.2"), dec("2")))
	denoms := []string{"aaa", "bbb", "ccc"}
	const late = "ddd" // listed a third of the way in, while rewards are pending
	const funded = 1_000_000
	var users []sdk.AccAddress
	for i := 0; i < 6; i++ {
		u := testutil.Addr(fmt.Sprintf("fair-%d", i))
		for _, d := range append(denoms, late) {
			require.NoError(t, f.Fund(u, sdk.NewCoins(sdk.NewInt64Coin(d, funded))))
		}
		users = append(users, u)
	}
	vals := f.Validators
	ledger := fairLedger{fair: map[string]math.LegacyDec{}, maxDev: &maxDev}
	userOps := map[string]int{}

	// try runs one user or governance action in a branch, as a transaction:
	// a refused action leaves nothing behind. A panic fails the test.
	try := func(who string, fn func(ctx sdk.Context) error) {
		ops++
		branch, write := f.Ctx.CacheContext()
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("seed %d: panic: %v", seed, p)
				}
			}()
			err = fn(branch)
		}()
		if err != nil {
			refused++
			return
		}
		write()
		userOps[who]++
	}
	amount := func(max int64) math.Int {
		if r.Intn(5) == 0 {
			return math.NewInt(1 + r.Int63n(3)) // dust
		}
		return math.NewInt(1 + r.Int63n(max))
	}
	jailed := map[int]bool{}

	for b := 0; b < blocks; b++ {
		// rewards of the block, as x/distribution's BeginBlocker pays them
		for i, v := range vals {
			if jailed[i] {
				continue
			}
			val, err := f.Staking.GetValidator(f.Ctx, v)
			require.NoError(t, err)
			if !val.IsBonded() {
				continue
			}
			x := math.NewInt(100_000 + r.Int63n(5_000_000))
			ledger.book(t, f, v, x)
			require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(sdk.NewCoin(testutil.BondDenom, x))))
		}
		if b == blocks/3 {
			require.NoError(t, f.CreateAlliance(late, one, zero, one, 0, zero, dec("2")))
			denoms = append(denoms, late)
		}
		for n := r.Intn(8); n > 0; n-- {
			u := users[r.Intn(len(users))]
			us := f.AccStr(u)
			d := denoms[r.Intn(len(denoms))]
			v, v2 := vals[r.Intn(len(vals))], vals[r.Intn(len(vals))]
			op := r.Intn(10)
			if op >= 3 && op <= 8 && r.Intn(5) > 0 {
				// mostly act on a delegation the user has
				var mine []keeper.DelegationKey
				require.NoError(t, f.Alliance.Delegations.Walk(f.Ctx, nil, func(k keeper.DelegationKey, _ types.Delegation) (bool, error) {
					if k.K1().Equals(u) {
						mine = append(mine, k)
					}
					return false, nil
				}))
				if len(mine) > 0 {
					k := mine[r.Intn(len(mine))]
					v, d = k.K2(), k.K3()
				}
			}
			switch op {
			case 0, 1, 2:
				try(us, func(ctx sdk.Context) error {
					_, err := f.MsgServer.Delegate(ctx, &types.MsgDelegate{DelegatorAddress: us, ValidatorAddress: f.ValStr(v), Amount: sdk.NewCoin(d, amount(funded/8))})
					return err
				})
			case 3, 4:
				try(us, func(ctx sdk.Context) error {
					_, err := f.MsgServer.Undelegate(ctx, &types.MsgUndelegate{DelegatorAddress: us, ValidatorAddress: f.ValStr(v), Amount: sdk.NewCoin(d, amount(funded/8))})
					return err
				})
			case 5, 6:
				try(us, func(ctx sdk.Context) error {
					_, err := f.MsgServer.Redelegate(ctx, &types.MsgRedelegate{DelegatorAddress: us, ValidatorSrcAddress: f.ValStr(v),
						ValidatorDstAddress: f.ValStr(v2), Amount: sdk.NewCoin(d, amount(funded/8))})
					return err
				})
			case 7, 8:
				try(us, func(ctx sdk.Context) error {
					_, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: us, ValidatorAddress: f.ValStr(v), Denom: d})
					return err
				})
			case 9: // governance
				a := asset(t, f, d)
				w := math.LegacyNewDecWithPrec(int64(2+r.Intn(18)), 1) // 0.2 … 1.9
				take := math.LegacyNewDecWithPrec(int64(r.Intn(3)), 2)
				try("gov", func(ctx sdk.Context) error {
					_, err := f.MsgServer.UpdateAlliance(ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: d, RewardWeight: w, TakeRate: take,
						RewardChangeRate: a.RewardChangeRate, RewardChangeInterval: a.RewardChangeInterval, RewardWeightRange: a.RewardWeightRange})
					return err
				})
			}
		}
		// a slash and a jail in the same block (x/slashing, x/evidence), or
		// an unjail; never the last active validator
		if r.Intn(12) == 0 {
			i := r.Intn(len(vals))
			if jailed[i] {
				cons := consOf(t, f, vals[i])
				require.NoError(t, f.Staking.Unjail(f.Ctx, cons))
				delete(jailed, i)
			} else if val, err := f.Staking.GetValidator(f.Ctx, vals[i]); err == nil && val.IsBonded() && len(jailed) < len(vals)-1 {
				// Book V first: the ledger cannot tell with which shares a
				// slash hook would split rewards still pending on V.
				_, err := f.Alliance.ClaimValidatorRewards(f.Ctx, vals[i])
				require.NoError(t, err)
				fraction := math.LegacyNewDecWithPrec(int64(1+r.Intn(5)), 2)
				cons := consOf(t, f, vals[i])
				_, err = f.Staking.Slash(f.Ctx, cons, f.Ctx.BlockHeight(), val.ConsensusPower(sdk.DefaultPowerReduction), fraction)
				require.NoError(t, err)
				require.NoError(t, f.Staking.Jail(f.Ctx, cons))
				jailed[i] = true
			}
		}
		require.NoError(t, f.EndBlock(time.Duration(1+r.Intn(20))*time.Minute))
		require.NotContains(t, logs.String(), "failed", "seed %d block %d: an EndBlock step or hook failed", seed, b)
		checkConservation(t, f, users, denoms, funded, fmt.Sprintf("seed %d block %d", seed, b))
		ledger.check(t, f, users, denoms, userOps, b+1, fmt.Sprintf("seed %d block %d", seed, b))
	}
	return ops, refused
}

func consOf(t *testing.T, f *testutil.Fixture, v sdk.ValAddress) sdk.ConsAddress {
	t.Helper()
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	c, err := val.GetConsAddr()
	require.NoError(t, err)
	return c
}

// book adds to every delegator's fair share their part of x paid to v, from
// the state the payment finds (the composition the last rebalance set).
func (l fairLedger) book(t *testing.T, f *testutil.Fixture, v sdk.ValAddress, x math.Int) {
	t.Helper()
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	virt := f.VirtualStake(v)
	if !virt.IsPositive() || !val.Tokens.IsPositive() {
		return
	}
	modulePart := math.LegacyNewDecFromInt(x).MulInt(virt).QuoInt(val.Tokens)
	// each asset's shares on the validators carrying virtual stake
	active := map[string]math.LegacyDec{}
	err = f.Alliance.ValidatorInfos.Walk(f.Ctx, nil, func(w sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		if !f.VirtualStake(w).IsPositive() {
			return false, nil
		}
		for _, c := range info.ValidatorShares {
			if prev, ok := active[c.Denom]; ok {
				active[c.Denom] = prev.Add(c.Amount)
			} else {
				active[c.Denom] = c.Amount
			}
		}
		return false, nil
	})
	require.NoError(t, err)
	info, err := f.Alliance.GetValidatorInfo(f.Ctx, v)
	require.NoError(t, err)
	parts := map[string]math.LegacyDec{}
	sum := math.LegacyZeroDec()
	for _, c := range info.ValidatorShares {
		a, err := f.Alliance.GetAsset(f.Ctx, c.Denom)
		require.NoError(t, err)
		act, ok := active[c.Denom]
		if !a.Earning() || !a.RewardWeight.IsPositive() || !a.TotalTokens.IsPositive() || !ok || !act.IsPositive() {
			continue
		}
		p := a.RewardWeight.Mul(c.Amount).Quo(act)
		parts[c.Denom] = p
		sum = sum.Add(p)
	}
	if !sum.IsPositive() {
		return
	}
	err = f.Alliance.Delegations.Walk(f.Ctx, nil, func(k keeper.DelegationKey, d types.Delegation) (bool, error) {
		p, ok := parts[k.K3()]
		if !ok || !k.K2().Equals(v) {
			return false, nil
		}
		tds := info.TotalDelegatorSharesOf(k.K3())
		owed := modulePart.Mul(p).Quo(sum).Mul(d.Shares).Quo(tds)
		u := f.AccStr(k.K1())
		if prev, ok := l.fair[u]; ok {
			l.fair[u] = prev.Add(owed)
		} else {
			l.fair[u] = owed
		}
		return false, nil
	})
	require.NoError(t, err)
}

// check compares each user's rewards (paid: their bond-denom balance, which
// only alliance rewards fill; plus pending on every delegation) with the
// model. Each payout and each booking floors (index at 18 decimals, whole
// coins per payout, x/distribution's whole-coin withdrawal shared by all
// on V), so a user may be short by about one coin per operation and per
// block. Beyond that both directions are bounded by 0.2 %: the rebalance
// leaves a validator alone while its virtual stake is within 0.1 % of its
// target (audit F5) and books it before a move of an asset's active shares
// only beyond 0.1 % (setActiveShares), so a split may lag by that much
// (seen: 6e-6 over 12 seeds × 400 blocks; R1–R3 were off by a third or
// more).
func (l fairLedger) check(t *testing.T, f *testutil.Fixture, users []sdk.AccAddress, denoms []string, userOps map[string]int, blocks int, where string) {
	t.Helper()
	for _, u := range users {
		us := f.AccStr(u)
		got := f.Balance(u, testutil.BondDenom)
		for _, v := range f.Validators {
			for _, d := range denoms {
				if has, _ := f.Alliance.Delegations.Has(f.Ctx, collectionsKey(u, v, d)); !has {
					continue
				}
				got = got.Add(pending(t, f, u, v, d).AmountOf(testutil.BondDenom))
			}
		}
		fair, ok := l.fair[us]
		if !ok {
			fair = math.LegacyZeroDec()
		}
		gotDec := math.LegacyNewDecFromInt(got)
		if fair.GTE(math.LegacyNewDec(1_000_000)) {
			if dev := gotDec.Sub(fair).Abs().Quo(fair); dev.GT(*l.maxDev) {
				*l.maxDev = dev
			}
		}
		tol := fair.Mul(dec("0.002"))
		slack := math.LegacyNewDec(int64(userOps[us] + blocks + 2))
		require.True(t, gotDec.LTE(fair.Add(tol).Add(math.LegacyNewDec(2))), "%s: %s was paid %s, fair %s", where, us, got, fair)
		require.True(t, gotDec.GTE(fair.Sub(tol).Sub(slack)), "%s: %s was paid %s, fair %s", where, us, got, fair)
	}
}

func checkConservation(t *testing.T, f *testutil.Fixture, users []sdk.AccAddress, denoms []string, funded int64, where string) {
	t.Helper()
	msg, broken := f.Invariants()
	require.False(t, broken, "%s: %s", where, msg)
	unbonding := map[string]math.Int{}
	perUser := map[string]math.Int{}
	err := f.Alliance.Unbondings.Walk(f.Ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		d := e.Balance.Denom
		if prev, ok := unbonding[d]; ok {
			unbonding[d] = prev.Add(e.Balance.Amount)
		} else {
			unbonding[d] = e.Balance.Amount
		}
		k := e.DelegatorAddress + "/" + d
		if prev, ok := perUser[k]; ok {
			perUser[k] = prev.Add(e.Balance.Amount)
		} else {
			perUser[k] = e.Balance.Amount
		}
		return false, nil
	})
	require.NoError(t, err)
	for _, d := range denoms {
		a := asset(t, f, d)
		ub, ok := unbonding[d]
		if !ok {
			ub = math.ZeroInt()
		}
		held := f.ModuleBalance(types.ModuleName, d)
		require.Equal(t, a.TotalTokens.Add(ub).String(), held.String(), "%s: alliance account holds %s of %s", where, held, d)
		total := a.TotalTokens.Add(ub).Add(f.ModuleBalance(authtypes.FeeCollectorName, d))
		for _, u := range users {
			total = total.Add(f.Balance(u, d))
			own := f.Balance(u, d)
			if p, ok := perUser[f.AccStr(u)+"/"+d]; ok {
				own = own.Add(p)
			}
			for _, v := range f.Validators {
				if has, _ := f.Alliance.Delegations.Has(f.Ctx, collectionsKey(u, v, d)); has {
					own = own.Add(balanceOf(t, f, u, v, d))
				}
			}
			require.True(t, own.LTE(math.NewInt(funded)), "%s: %s holds %s of %s, funded %d", where, f.AccStr(u), own, d, funded)
		}
		require.Equal(t, math.NewInt(funded*int64(len(users))).String(), total.String(), "%s: %s not conserved", where, d)
	}
}
