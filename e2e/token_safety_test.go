package e2e_test

import (
	"strconv"
	"testing"
	"time"

	"cosmossdk.io/math"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// The token's audit-13 fixes on the real chain: rewards stay with the holder who earned them
// across a transfer (finding 4), and a batch maturing out of order after governance shortens the
// unbonding time is paid exactly what the chain returned for it (finding 1).

// TestTokenTransferDoesNotCarryTheSendersRewardsOnChain: alice and bob hold 9,000 shares each for
// 20 blocks of rewards; bob transfers all his shares to the sniper, who claims in the next block
// and transfers them back. The 9,000 shares were always held by bob or the sniper, as alice's by
// alice, so bob + sniper earned what alice earned since bob's deposit (to a unit of rounding
// each); the sniper held
// them for two blocks and earned only those, not bob's 20 (it used to be paid all of them).
func TestTokenTransferDoesNotCarryTheSendersRewardsOnChain(t *testing.T) {
	w := newTokenWorld(t, 1, "0", 0, "alice", "bob", "sniper")
	c := w.c
	alice, bob, sniper := c.Account("alice"), c.Account("bob"), c.Account("sniper")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(10_000)) // 9,000 + 1,000 locked
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(9_000))    // 9,000
	require.Equal(t, w.shares(t, alice.Address), w.shares(t, bob.Address))
	alone := w.pending(t, alice.Address) // the block alice held every earning share
	c.NextBlocks(20)
	w.exec(t, bob, `{"transfer":{"recipient":"`+sniper.Address.String()+`","amount":"9000"}}`, nil)
	// The sniper claims in the next block: only that block's rewards on its shares, if any.
	sniperClaim := math.ZeroInt()
	if res := c.Execute(sniper, w.token, []byte(`{"claim_rewards":{}}`), nil); res.Err() == nil {
		sniperClaim = mustInt(t, harness.MustAttr(t, res, "wasm", "amount"))
	} else {
		require.Contains(t, res.Err().Error(), "no rewards to claim")
	}
	w.exec(t, sniper, `{"transfer":{"recipient":"`+bob.Address.String()+`","amount":"9000"}}`, nil)
	// One tx per block: claims would come at different heights, so the three compare at the same
	// height through their pending rewards.
	pa, pb, ps := w.pending(t, alice.Address).Sub(alone), w.pending(t, bob.Address), w.pending(t, sniper.Address)
	sniperTotal := sniperClaim.Add(ps)
	t.Logf("alice %s, bob %s, sniper %s (claimed %s in the block after the transfer)", pa, pb, sniperTotal, sniperClaim)
	require.True(t, pa.Sub(pb.Add(sniperTotal)).Abs().LTE(math.NewInt(2)), "alice %s vs bob %s + sniper %s", pa, pb, sniperTotal)
	require.True(t, sniperTotal.MulRaw(5).LT(pb), "the sniper took %s of bob's %s", sniperTotal, pb)
	// Bob's claim pays what he was shown, and at least that (one more block accrued).
	res := w.exec(t, bob, `{"claim_rewards":{}}`, nil)
	require.True(t, mustInt(t, harness.MustAttr(t, res, "wasm", "amount")).GTE(pb))
}

// TestTokenOutOfOrderBatchIsPaidItsOwnOnChain: batch 0 (alice, 10) and batch 1 (bob, 10) unbond
// for the chain's 24 h; governance then cuts the unbonding time to 4 h, and the victim's batch 2
// (100,000) completes first. Once batch 0 has matured but not batch 1, alice's withdraw settles
// batches 0 and 2 (both due); a harvest restakes nothing of the victim's; bob and the victim are
// paid exactly what they unbonded (it used to pay the victim 9 of 100,000).
func TestTokenOutOfOrderBatchIsPaidItsOwnOnChain(t *testing.T) {
	w := newTokenWorld(t, 1, "0", 0, "alice", "bob", "victim")
	c := w.c
	alice, bob, victim, keeper := c.Account("alice"), c.Account("bob"), c.Account("victim"), c.Account("keeper")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(1_000_000))
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(1_000))
	w.exec(t, victim, `{"deposit":{}}`, assetCoins(100_000))
	process := func() (amount string, completion time.Time) {
		c.AdvanceTime(tokenEpoch)
		c.NextBlock()
		res := w.exec(t, keeper, `{"process_unbonds":{}}`, nil)
		ns, err := strconv.ParseInt(harness.MustAttr(t, res, "wasm", "completion_time"), 10, 64)
		require.NoError(t, err)
		return harness.MustAttr(t, res, "wasm", "amount"), time.Unix(0, ns)
	}
	w.exec(t, alice, `{"unbond":{"amount":"10"}}`, nil)
	a0, done0 := process()
	w.exec(t, bob, `{"unbond":{"amount":"10"}}`, nil)
	a1, done1 := process()
	params, err := c.App.StakingKeeper.GetParams(c.Context())
	require.NoError(t, err)
	params.UnbondingTime = 4 * time.Hour
	c.PassProposal("shorter unbonding", &stakingtypes.MsgUpdateParams{Authority: c.GovAuthority(), Params: params})
	w.exec(t, victim, `{"unbond":{"amount":"100000"}}`, nil)
	a2, done2 := process()
	require.Equal(t, []string{"10", "10", "100000"}, []string{a0, a1, a2})
	require.True(t, done2.Before(done0) && done0.Before(done1), "completions %s %s %s", done0, done1, done2)

	// Batch 0 (and 2) matured, batch 1 not yet.
	c.AdvanceTime(done0.Sub(c.Time()) + time.Minute)
	c.NextBlock()
	require.True(t, c.Time().Before(done1))
	res := w.exec(t, alice, `{"withdraw":{}}`, nil)
	require.Equal(t, "10", harness.MustAttr(t, res, "wasm", "amount"))
	w.exec(t, keeper, `{"harvest":{}}`, nil)
	before := w.c.Balance(victim.Address, asset).Amount
	res = w.exec(t, victim, `{"withdraw":{}}`, nil)
	require.Equal(t, "100000", harness.MustAttr(t, res, "wasm", "amount"))
	require.Equal(t, math.NewInt(100_000), w.c.Balance(victim.Address, asset).Amount.Sub(before))

	c.AdvanceTime(done1.Sub(c.Time()) + time.Minute)
	c.NextBlock()
	res = w.exec(t, bob, `{"withdraw":{}}`, nil)
	require.Equal(t, "10", harness.MustAttr(t, res, "wasm", "amount"))
}
