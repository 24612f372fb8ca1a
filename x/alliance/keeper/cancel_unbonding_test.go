package keeper_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func cancelMsg(f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, c sdk.Coin, height int64) (*types.MsgCancelUnbondingResponse, error) {
	return f.MsgServer.CancelUnbonding(f.Ctx, &types.MsgCancelUnbonding{
		DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Amount: c, CreationHeight: height,
	})
}

// unbondingHeights lists del's entries as (creation height, amount) pairs,
// from the query a client reads before cancelling.
func unbondingHeights(t *testing.T, f *testutil.Fixture, del sdk.AccAddress) [][2]int64 {
	t.Helper()
	u, err := f.Query.AllianceUnbondingsByDelegator(f.Ctx, &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: f.AccStr(del)})
	require.NoError(t, err)
	out := [][2]int64{}
	for _, e := range u.Unbondings {
		out = append(out, [2]int64{e.CreationHeight, e.Amount.Int64()})
	}
	return out
}

func stake(n int64) sdk.Coins { return sdk.NewCoins(coin(testutil.BondDenom, n)) }

// Alice (1000 aaa, the only holder, weight 1, no take rate) undelegates 600,
// then cancels 200 and later the other 400. Rewards: v has a 1e6 self-bond
// and 1e6 virtual stake, so the alliance gets half of what v is allocated,
// all of it Alice's. The cancel pays them before her delegation grows and
// says so in its response; the cancelled tokens never leave the module and
// nothing is paid at the original completion time.
func TestCancelUnbondingPartialThenFull(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, 5*time.Second)
	h := f.Ctx.BlockHeight()
	undelegateMsg(t, f, alice, v, coin("aaa", 600))
	require.Equal(t, [][2]int64{{h, 600}}, unbondingHeights(t, f, alice))
	endBlock(t, f, 5*time.Second)

	require.NoError(t, f.AllocateRewards(v, stake(2000))) // 1000 to the alliance, all Alice's
	res, err := cancelMsg(f, alice, v, coin("aaa", 200), h)
	require.NoError(t, err)
	require.Equal(t, stake(1000), res.ClaimedRewards)
	require.Equal(t, int64(1000), f.Balance(alice, testutil.BondDenom).Int64())
	require.Equal(t, int64(600), balanceOf(t, f, alice, v, "aaa").Int64()) // 400 + 200
	require.Equal(t, [][2]int64{{h, 400}}, unbondingHeights(t, f, alice))
	require.Equal(t, int64(600), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, 5*time.Second)

	res, err = cancelMsg(f, alice, v, coin("aaa", 400), h)
	require.NoError(t, err)
	require.True(t, res.ClaimedRewards.IsZero()) // nothing allocated since
	require.Equal(t, int64(1000), balanceOf(t, f, alice, v, "aaa").Int64())
	require.Empty(t, unbondingHeights(t, f, alice))
	require.Equal(t, int64(1000), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(1000), f.ModuleBalance(types.ModuleName, "aaa").Int64())

	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Second)
	require.True(t, f.Balance(alice, "aaa").IsZero(), "a cancelled unbonding paid out")
	require.Equal(t, int64(1000), f.ModuleBalance(types.ModuleName, "aaa").Int64())
}

// The take rate cuts bonded stake only: Alice's unbonding entry keeps its
// 500, and the cancel brings them back at today's price, so Bob (who paid the
// take rate on his 1000) neither gains nor loses.
// Alice 1000 + Bob 1000; Alice undelegates 500 (T = 1500); the take rate
// takes floor(1500 × 0.1) = 150 (T = 1350: Alice 450, Bob 900). Cancel 500:
// T = 1850, Alice 450 + 500 = 950, Bob 900.
func TestCancelUnbondingAfterTakeRateRejoinsAtTodaysPrice(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, dec("0.1"))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	delegate(t, f, bob, v, coin("aaa", 1000))
	endBlock(t, f, time.Second) // initialized; the take-rate clock starts here
	h := f.Ctx.BlockHeight()
	undelegateMsg(t, f, alice, v, coin("aaa", 500))
	endBlock(t, f, 5*time.Minute)
	endBlock(t, f, time.Second) // the take rate
	require.Equal(t, int64(1350), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(150), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	require.Equal(t, int64(450), balanceOf(t, f, alice, v, "aaa").Int64())
	require.Equal(t, [][2]int64{{h, 500}}, unbondingHeights(t, f, alice))

	_, err := cancelMsg(f, alice, v, coin("aaa", 500), h)
	require.NoError(t, err)
	require.Equal(t, int64(1850), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(950), balanceOf(t, f, alice, v, "aaa").Int64())
	require.Equal(t, int64(900), balanceOf(t, f, bob, v, "aaa").Int64())
	endBlock(t, f, time.Second)
}

// A slash during the wait lowers the entry in place (slashUnbondings):
// Alice's 500 lose floor(500 × 0.1) = 50, so 450 is all a cancel can bring
// back. Asking 451 is refused with the balance left; 450 empties the entry.
// Her bonded 500 lost 50 too: 450 + 450 = 900 after the cancel.
func TestCancelUnbondingAfterSlashReturnsWhatIsLeft(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Second)
	h := f.Ctx.BlockHeight()
	undelegateMsg(t, f, alice, v, coin("aaa", 500))
	endBlock(t, f, time.Second)
	require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v, dec("0.1")))
	require.Equal(t, [][2]int64{{h, 450}}, unbondingHeights(t, f, alice))

	_, err := cancelMsg(f, alice, v, coin("aaa", 451), h)
	require.ErrorIs(t, err, types.ErrUnbondingBalanceExceeded)
	require.Contains(t, err.Error(), "451aaa requested, 450aaa left")
	_, err = cancelMsg(f, alice, v, coin("aaa", 450), h)
	require.NoError(t, err)
	require.Equal(t, int64(900), balanceOf(t, f, alice, v, "aaa").Int64())
	require.Empty(t, unbondingHeights(t, f, alice))
	endBlock(t, f, time.Second)
}

// Undelegations of one block share a height: a cancel draws from them in the
// order they were made (300 then 200: cancelling 400 removes the first and
// leaves 100 of the second). Removing an entry frees its slot under the
// entry cap, and a cancel itself is never refused by the cap.
func TestCancelUnbondingSameHeightEntriesAndTheCap(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Second)
	h := f.Ctx.BlockHeight()
	undelegateMsg(t, f, alice, v, coin("aaa", 300))
	undelegateMsg(t, f, alice, v, coin("aaa", 200))
	for i := 0; i < 5; i++ { // 7 entries: the cap
		undelegateMsg(t, f, alice, v, coin("aaa", 1))
	}
	_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 1)})
	require.ErrorIs(t, err, types.ErrMaxUnbondingEntries)

	_, err = cancelMsg(f, alice, v, coin("aaa", 400), h)
	require.NoError(t, err)
	require.Equal(t, [][2]int64{{h, 100}, {h, 1}, {h, 1}, {h, 1}, {h, 1}, {h, 1}}, unbondingHeights(t, f, alice))
	require.Equal(t, int64(895), balanceOf(t, f, alice, v, "aaa").Int64()) // 1000 − 505 + 400
	undelegateMsg(t, f, alice, v, coin("aaa", 1))                          // the freed slot
	endBlock(t, f, time.Second)
}

// Every refusal names its cause with a registered code and leaves every
// store as it was (the checks run before the first write).
func TestCancelUnbondingRefusals(t *testing.T) {
	f := newFixture(t, 2)
	v, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 2000), coin("bbb", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	delegate(t, f, alice, v2, coin("aaa", 1000))
	delegate(t, f, alice, v, coin("bbb", 1000))
	endBlock(t, f, time.Second)
	h := f.Ctx.BlockHeight()
	undelegateMsg(t, f, alice, v, coin("aaa", 500))
	undelegateMsg(t, f, alice, v2, coin("aaa", 500))
	undelegateMsg(t, f, alice, v, coin("bbb", 500))
	endBlock(t, f, time.Second)
	require.NoError(t, f.Staking.Jail(f.Ctx, consAddr(t, f, v2)))
	stranger := sdk.ValAddress(testutil.Addr("not-a-validator"))

	cases := []struct {
		name   string
		val    sdk.ValAddress
		amount sdk.Coin
		height int64
		want   *errorsmod.Error
		text   string
	}{
		{"zero amount", v, coin("aaa", 0), h, types.ErrInvalidAmount, "0aaa: invalid amount"},
		{"height 0", v, coin("aaa", 1), 0, types.ErrNoUnbondingEntry, "creation height must be positive, got 0"},
		{"wrong height", v, coin("aaa", 1), h + 1, types.ErrNoUnbondingEntry, "at height " + itoa(h+1)},
		{"too much", v, coin("aaa", 501), h, types.ErrUnbondingBalanceExceeded, "501aaa requested, 500aaa left"},
		{"unknown asset", v, coin("ccc", 1), h, types.ErrUnknownAsset, "ccc"},
		{"removed validator", stranger, coin("aaa", 1), h, types.ErrValidatorNotFound, f.ValStr(stranger)},
		{"jailed validator", v2, coin("aaa", 1), h, types.ErrValidatorJailed, f.ValStr(v2)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := dumpStores(f)
			_, err := cancelMsg(f, alice, tc.val, tc.amount, tc.height)
			require.ErrorIs(t, err, tc.want)
			require.Contains(t, err.Error(), tc.text)
			require.Equal(t, before, dumpStores(f), "state changed")
		})
	}

	// The registered code reaches the client (errorsmod.Wrap, not fmt's %w).
	_, err := cancelMsg(f, alice, v, coin("aaa", 501), h)
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	require.Equal(t, types.ModuleName, codespace)
	require.Equal(t, uint32(69), code)

	// An asset being delisted takes no stake back.
	a := asset(t, f, "bbb")
	at := f.Ctx.BlockTime().Add(time.Hour)
	a.DelistCompletionTime = &at
	require.NoError(t, f.Alliance.Assets.Set(f.Ctx, "bbb", a))
	_, err = cancelMsg(f, alice, v, coin("bbb", 1), h)
	require.ErrorIs(t, err, types.ErrCancelIntoDelisting)

	// A matured entry is paid at the end of this block, not cancelled.
	endBlock(t, f, testutil.UnbondingIn)
	_, err = cancelMsg(f, alice, v, coin("aaa", 1), h)
	require.ErrorIs(t, err, types.ErrUnbondingMatured)
}

func itoa(n int64) string { return math.NewInt(n).String() }

// MsgUndelegateResponse and MsgRedelegateResponse say what the claim before
// the change paid. Alice holds 1000 aaa on each of v1 and v2 (1e6 self-bond
// and 1e6 virtual stake each: the alliance gets half of each allocation).
// Allocated 2000 on v1 and 4000 on v2: her v1 delegation earned 1000, her v2
// one 2000; a redelegation v1 → v2 pays both (3000). After the rebalance v2
// carries 1.5e6 virtual stake (1500 of the 2000 aaa): of 2000 more on v2 the
// alliance gets 1.5e6 / 2.5e6 × 2000 = 1200, all hers, which her
// undelegation from v2 pays. (A delegation is paid at most once per block,
// hence the blocks in between.)
func TestUndelegateAndRedelegateResponsesCarryTheClaimedRewards(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 2000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, alice, v2, coin("aaa", 1000))
	endBlock(t, f, 5*time.Second)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v1).Int64())
	require.Equal(t, int64(1_000_000), f.VirtualStake(v2).Int64())

	require.NoError(t, f.AllocateRewards(v1, stake(2000)))
	require.NoError(t, f.AllocateRewards(v2, stake(4000)))
	red, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice),
		ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 500)})
	require.NoError(t, err)
	require.Equal(t, stake(3000), red.ClaimedRewards)
	require.Equal(t, coin("aaa", 500), red.Amount) // a partial move: what was asked
	require.Equal(t, int64(3000), f.Balance(alice, testutil.BondDenom).Int64())

	endBlock(t, f, 5*time.Second) // rebalanced: v2 holds 1500 of the 2000 aaa
	require.Equal(t, int64(1_500_000), f.VirtualStake(v2).Int64())
	require.NoError(t, f.AllocateRewards(v2, stake(2000)))
	und, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v2), Amount: coin("aaa", 100)})
	require.NoError(t, err)
	require.Equal(t, stake(1200), und.ClaimedRewards)
	require.Equal(t, coin("aaa", 100), und.Amount)
	require.Equal(t, int64(4200), f.Balance(alice, testutil.BondDenom).Int64())

	// nothing new: the next one pays nothing and says so
	und, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v2), Amount: coin("aaa", 100)})
	require.NoError(t, err)
	require.True(t, und.ClaimedRewards.IsZero())
	endBlock(t, f, time.Second)
}
