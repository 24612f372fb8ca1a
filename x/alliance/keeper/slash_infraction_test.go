package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
)

// slashForInfraction is what x/slashing and x/evidence do in the app: slash
// through the staking keeper the app gives them (x/alliance's
// SlashForInfraction around x/staking's Slash).
func slashForInfraction(t *testing.T, f *testutil.Fixture, v sdk.ValAddress, infraction, pow int64, fraction math.LegacyDec) math.Int {
	t.Helper()
	burned, err := f.Alliance.SlashForInfraction(f.Ctx, f.Staking, consAddr(t, f, v), infraction, pow, fraction,
		stakingtypes.Infraction_INFRACTION_DOUBLE_SIGN)
	require.NoError(t, err)
	return burned
}

// A validator with 1e6 self-bond carries 3e6 of virtual stake (aaa at
// weight 3, all of it on v): power 4. It double-signs at H; after H Alice
// undelegates her 1000 aaa and the rebalance burns the 3e6 virtual stake at
// once. The 5 % slash for H: x/staking takes 0.05 × 4e6 = 200,000. Without
// the correction all of it came out of the 1e6 self-bond (20 %) and the hook
// cut Alice's undelegation by the same 20 %. With the virtual stake of H
// restored for the slash: 200,000 of 4e6 = 5 %, the self-bond loses 50,000,
// and Alice's undelegation (made after H) loses 5 % of 1000 = 50.
func TestVirtualStakeLeavingAfterInfractionDoesNotInflateSlash(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", dec("3"), zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(3_000_000), f.VirtualStake(v).Int64())
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v)
	require.Equal(t, int64(4), pow)
	endBlock(t, f, time.Minute)
	undelegateMsg(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute) // the rebalance burns the virtual stake
	require.True(t, f.VirtualStake(v).IsZero())
	require.Equal(t, int64(1_000_000), selfBond(t, f, v).Int64())
	supply := f.Bank.GetSupply(f.Ctx, testutil.BondDenom).Amount

	burned := slashForInfraction(t, f, v, infraction, pow, dec("0.05"))

	require.Equal(t, int64(200_000), burned.Int64(), "x/staking burns 5 % of the power at the infraction")
	require.Equal(t, int64(950_000), selfBond(t, f, v).Int64(), "self-bond loses 5 %")
	require.Equal(t, int64(950), unbondingsOf(t, f, alice)[f.ValStr(v)], "alliance undelegation loses 5 %")
	require.True(t, f.VirtualStake(v).IsZero(), "the restored virtual stake is taken out again")
	// Bond-denom supply: the 50,000 of the self-bond burned; the 3e6 minted
	// for the slash are burned again (150,000 of them by x/staking).
	require.Equal(t, supply.Sub(math.NewInt(50_000)), f.Bank.GetSupply(f.Ctx, testutil.BondDenom).Amount)
	_, broken := f.Invariants()
	require.False(t, broken)
}

// v0 99e6, v1 1e6; all of aaa (weight 1, Alice's 1000) on v1, so v1 carries
// 100e6 virtual (power 101). v1 double-signs at H; Alice redelegates to v0
// after H and the virtual stake moves to v0 at once. The 5 % slash for H is
// 0.05 × 101e6 = 5.05e6, more than the 1e6 left on v1: without the
// correction the effective fraction was 100 %, the self-bond was wiped and
// Alice's redelegated 1000 aaa cut to 0. With it: self-bond −50,000 (5 %),
// Alice keeps 950 (−5 %).
func TestVirtualStakeRedelegatedAfterInfractionDoesNotTurn5PercentInto100(t *testing.T) {
	f, err := testutil.New(testutil.Options{Validators: 0})
	require.NoError(t, err)
	v0, err := f.AddValidator(math.NewInt(99_000_000))
	require.NoError(t, err)
	v1, err := f.AddValidator(math.NewInt(1_000_000))
	require.NoError(t, err)
	_, err = f.Staking.EndBlocker(f.Ctx)
	require.NoError(t, err)
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(100_000_000), f.VirtualStake(v1).Int64())
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v1)
	require.Equal(t, int64(101), pow)
	endBlock(t, f, time.Minute)
	redelegateMsg(t, f, alice, v1, v0, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	require.True(t, f.VirtualStake(v1).IsZero())

	slashForInfraction(t, f, v1, infraction, pow, dec("0.05"))

	require.Equal(t, int64(950_000), selfBond(t, f, v1).Int64())
	require.Equal(t, int64(950), balanceOf(t, f, alice, v0, "aaa").Int64())
	require.True(t, f.VirtualStake(v1).IsZero())
}

// Same validators; v1 double-signs at H and is jailed (downtime) before the
// evidence arrives: the rebalance burns v1's 100e6 virtual stake with no
// user action. The evidence's 5 % for H then cuts Alice's bonded 1000 aaa
// on v1 by 5 % (950), not 100 %, and v1's self-bond by 5 %.
func TestJailBeforeEvidenceStillSlashesFivePercent(t *testing.T) {
	f, err := testutil.New(testutil.Options{Validators: 0})
	require.NoError(t, err)
	_, err = f.AddValidator(math.NewInt(99_000_000))
	require.NoError(t, err)
	v1, err := f.AddValidator(math.NewInt(1_000_000))
	require.NoError(t, err)
	_, err = f.Staking.EndBlocker(f.Ctx)
	require.NoError(t, err)
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v1)
	require.Equal(t, int64(101), pow)
	endBlock(t, f, time.Minute)
	require.NoError(t, f.Staking.Jail(f.Ctx, consAddr(t, f, v1)))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.True(t, f.VirtualStake(v1).IsZero())

	slashForInfraction(t, f, v1, infraction, pow, dec("0.05"))

	require.Equal(t, int64(950), balanceOf(t, f, alice, v1, "aaa").Int64())
	require.Equal(t, int64(950_000), selfBond(t, f, v1).Int64())
}

// The reverse: virtual stake that arrives after the infraction must not
// dilute the slash. v (1e6 self-bond, power 1 at H) double-signs at H; then
// Alice delegates 1000 aaa at weight 3 and 3e6 of virtual stake arrives.
// The 5 % slash for H is 0.05 × 1e6 = 50,000: it must all come from the
// native stake that was there (self-bond −50,000, 5 %), not be spread over
// 4e6 tokens (self-bond −12,500). Alice's aaa, delegated after H, is bonded
// now and cut by the nominal 5 % (alliance stake is cut on what is bonded,
// like x/staking's delegations): 950. The virtual stake comes back whole.
func TestVirtualStakeArrivingAfterInfractionDoesNotDiluteSlash(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", dec("3"), zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v)
	require.Equal(t, int64(1), pow)
	endBlock(t, f, time.Minute)
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(3_000_000), f.VirtualStake(v).Int64())

	slashForInfraction(t, f, v, infraction, pow, dec("0.05"))

	require.Equal(t, int64(950_000), selfBond(t, f, v).Int64())
	require.Equal(t, int64(950), balanceOf(t, f, alice, v, "aaa").Int64())
	require.Equal(t, int64(3_000_000), f.VirtualStake(v).Int64(), "the virtual stake taken out for the slash is back")
}

// Alliance stake that left before the infraction did not back the validator
// then: Alice undelegates 300 and redelegates 200 from v1 at height h; v1's
// infraction is at h+2; the 10 % slash for it reaches neither (x/staking's
// CreationHeight < infractionHeight rule), only what is still bonded on v1
// (500 → 450).
func TestSlashSkipsEntriesMadeBeforeTheInfraction(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	undelegateMsg(t, f, alice, v1, coin("aaa", 300))
	redelegateMsg(t, f, alice, v1, v2, coin("aaa", 200))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v1)
	endBlock(t, f, time.Minute)

	slashForInfraction(t, f, v1, infraction, pow, dec("0.1"))

	require.Equal(t, int64(300), unbondingsOf(t, f, alice)[f.ValStr(v1)])
	require.Equal(t, int64(200), balanceOf(t, f, alice, v2, "aaa").Int64())
	require.Equal(t, int64(450), balanceOf(t, f, alice, v1, "aaa").Int64())
}

// Entries made at or after the infraction are cut: the same moves one block
// after the infraction lose 10 % (300 → 270, 200 → 180).
func TestSlashCutsEntriesMadeAfterTheInfraction(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v1)
	endBlock(t, f, time.Minute)
	undelegateMsg(t, f, alice, v1, coin("aaa", 300))
	redelegateMsg(t, f, alice, v1, v2, coin("aaa", 200))
	endBlock(t, f, time.Minute)

	slashForInfraction(t, f, v1, infraction, pow, dec("0.1"))

	require.Equal(t, int64(270), unbondingsOf(t, f, alice)[f.ValStr(v1)])
	require.Equal(t, int64(180), balanceOf(t, f, alice, v2, "aaa").Int64())
	require.Equal(t, int64(450), balanceOf(t, f, alice, v1, "aaa").Int64())
}

// Alice and Bob each have 1000 aaa on v1. After v1's infraction Alice
// redelegates her 1000 to v2 and undelegates them from v2 in the same
// block. The 10 % slash of v1 reaches her undelegation from v2 through the
// redelegation record (x/staking's SlashRedelegation takes the destination's
// undelegations first): 900, like Bob's 900 that stayed.
func TestRedelegateThenUndelegateDoesNotEscapeSourceSlash(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, bob, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	infraction, pow := f.Ctx.BlockHeight(), power(t, f, v1)
	redelegateMsg(t, f, alice, v1, v2, coin("aaa", 1000))
	undelegateMsg(t, f, alice, v2, coin("aaa", 1000))
	endBlock(t, f, time.Minute)

	slashForInfraction(t, f, v1, infraction, pow, dec("0.1"))

	require.Equal(t, int64(900), balanceOf(t, f, bob, v1, "aaa").Int64())
	require.Equal(t, int64(900), unbondingsOf(t, f, alice)[f.ValStr(v2)])
	// the direct keeper call (no infraction height) does the same
	f2 := newFixture(t, 2)
	w1, w2 := f2.Validators[0], f2.Validators[1]
	listed(t, f2, "aaa", one, zero)
	carol := fund(t, f2, "carol", coin("aaa", 1000))
	delegate(t, f2, carol, w1, coin("aaa", 1000))
	endBlock(t, f2, time.Minute)
	redelegateMsg(t, f2, carol, w1, w2, coin("aaa", 1000))
	undelegateMsg(t, f2, carol, w2, coin("aaa", 1000))
	require.NoError(t, f2.Alliance.SlashValidator(f2.Ctx, w1, dec("0.1")))
	require.Equal(t, int64(900), unbondingsOf(t, f2, carol)[f2.ValStr(w2)])
}
