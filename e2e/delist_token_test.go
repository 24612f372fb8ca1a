package e2e_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Governance delists the asset while the wrapped token holds 4,500,000 of it for three holders
// (carol with 200,000 of her shares queued in the current batch). On the real chain: the wind-down
// undelegates the token's stake and pays its rewards; deposits are refused with the token's named
// error; a harvest records the completion time; an exit before it is refused; after it the three
// holders exit and get exactly their part of what the chain returned (no take rate, no slash:
// 4,500,000 over the 4,499,000 shares they own, the 1,000 locked shares taking nothing), with
// their rewards, and the token keeps no asset.
func TestDelistedTokenPaysEveryHolderBackOnChain(t *testing.T) {
	w := newTokenWorld(t, 1, "0", 0, "alice", "bob", "carol")
	c := w.c
	alice, bob, carol, keeper := c.Account("alice"), c.Account("bob"), c.Account("carol"), c.Account("keeper")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(1_000_000))
	w.exec(t, carol, `{"deposit":{}}`, assetCoins(500_000))
	w.exec(t, carol, `{"unbond":{"amount":"200000"}}`, nil)
	c.NextBlocks(3)
	// 1 share per token throughout (no take rate, no slash, rewards in the bond denom only).
	require.Equal(t, int64(2_999_000), w.shares(t, alice.Address).Int64())
	require.Equal(t, int64(1_000_000), w.shares(t, bob.Address).Int64())
	require.Equal(t, int64(300_000), w.shares(t, carol.Address).Int64())
	require.Equal(t, int64(4_500_000), w.staked().Int64())

	c.PassProposal("delist the asset", &alliancetypes.MsgDeleteAlliance{Authority: c.GovAuthority(), Denom: asset})
	c.NextBlock()
	a, err := c.AllianceQueries().Alliance(c.Context(), &alliancetypes.QueryAllianceRequest{Denom: asset})
	require.NoError(t, err)
	require.NotNil(t, a.Alliance.DelistCompletionTime)
	completion := *a.Alliance.DelistCompletionTime
	require.True(t, w.staked().IsZero(), "the wind-down undelegated the token's stake")

	res := c.Execute(bob, w.token, []byte(`{"deposit":{}}`), assetCoins(1_000))
	require.Error(t, res.Err())
	require.Contains(t, res.Log, "delisted by governance")
	w.exec(t, keeper, `{"harvest":{}}`, nil)
	var st struct {
		Completion string `json:"delist_completion_time"`
	}
	w.query(t, `{"state":{}}`, &st)
	require.Equal(t, strconv.FormatInt(completion.UnixNano(), 10), st.Completion)
	res = c.Execute(alice, w.token, []byte(`{"exit":{}}`), nil)
	require.Error(t, res.Err())
	require.Contains(t, res.Log, "returns the delisted asset's stake at")

	for !c.Time().After(completion) {
		c.AdvanceTime(time.Hour)
	}
	c.NextBlock()
	require.Equal(t, int64(4_500_000), c.Balance(w.token, asset).Amount.Int64(), "the chain returned the whole stake")
	_, err = c.AllianceQueries().Alliance(c.Context(), &alliancetypes.QueryAllianceRequest{Denom: asset})
	require.Error(t, err, "the asset record is gone")

	// Exit supply 4,500,000 − 1,000 locked = 4,499,000 (carol's 200,000 queued in it).
	// alice floor(2,999,000 × 4,500,000 / 4,499,000) = 2,999,666; carol (300,000 + 200,000)
	// floor(500,000 × 1,500,334 / 1,500,000) = 500,111; bob, the last, the remaining 1,000,223.
	for _, x := range []struct {
		who    *harness.Account
		amount int64
	}{{alice, 2_999_666}, {carol, 500_111}, {bob, 1_000_223}} {
		before := c.Balance(x.who.Address, asset).Amount
		rewards := w.pending(t, x.who.Address)
		bondBefore := w.bondBalance(x.who.Address)
		res := w.exec(t, x.who, `{"exit":{}}`, nil)
		require.Equal(t, x.amount, c.Balance(x.who.Address, asset).Amount.Sub(before).Int64(), x.who.Name)
		require.Equal(t, strconv.FormatInt(x.amount, 10), harness.MustAttr(t, res, "wasm", "amount"))
		require.True(t, rewards.IsPositive(), "%s earned rewards before the delisting", x.who.Name)
		require.Equal(t, rewards.String(), w.bondBalance(x.who.Address).Sub(bondBefore).Add(txFee(res)).String(), x.who.Name)
		t.Logf("exit of %s: %d asset, %s rewards, gas %d", x.who.Name, x.amount, rewards, res.GasUsed)
	}
	require.True(t, c.Balance(w.token, asset).Amount.IsZero(), "the token keeps no asset")
	require.True(t, w.shares(t, carol.Address).IsZero())
}
