package e2e_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Governance delists the asset while the compounder holds 6,000,000 of it for three holders
// (carol with 400,000 of her shares queued in the open batch). On the real chain: the wind-down
// undelegates the vault's stake and pays its rewards in the bond denom; deposits and batch
// processing are refused with the compounder's named error and exit before the completion with its
// time; a harvest during the wind-down swaps the rewards into the asset through the pair and
// restakes nothing; after the completion the three holders exit in one message each and get
// exactly their floor share of what the vault holds (the last one the remainder), and the vault
// keeps nothing.
func TestDelistedCompounderPaysEveryHolderBackOnChain(t *testing.T) {
	w := newCompounderWorld(t, 1, "alice", "bob", "carol")
	c := w.c
	alice, bob, carol, keeper := c.Account("alice"), c.Account("bob"), c.Account("carol"), c.Account("keeper")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(2_000_000))
	w.exec(t, carol, `{"deposit":{}}`, assetCoins(1_000_000))
	shares := map[string]math.Int{}
	for _, a := range []*harness.Account{alice, bob, carol} {
		var b struct {
			Balance string `json:"balance"`
		}
		require.NoError(t, c.QuerySmart(w.comp, []byte(`{"balance":{"address":"`+a.Address.String()+`"}}`), &b))
		shares[a.Name] = mustInt(t, b.Balance)
	}
	w.withdraw(t, carol, math.NewInt(400_000))
	// Alice's first deposit: 3,000,000 − 1,000 locked. Bob and carol buy in at the vault's value,
	// which includes the rewards the stake earned in the blocks before (priced at the pair's TWAP),
	// so they get a little less than one share per token.
	require.Equal(t, int64(2_999_000), shares["alice"].Int64())
	require.Equal(t, int64(1_993_341), shares["bob"].Int64())
	require.Equal(t, int64(994_681), shares["carol"].Int64())
	require.Equal(t, int64(6_000_000), w.staked().Int64())

	c.PassProposal("delist the asset", &alliancetypes.MsgDeleteAlliance{Authority: c.GovAuthority(), Denom: asset})
	c.NextBlock()
	a, err := c.AllianceQueries().Alliance(c.Context(), &alliancetypes.QueryAllianceRequest{Denom: asset})
	require.NoError(t, err)
	require.NotNil(t, a.Alliance.DelistCompletionTime)
	completion := *a.Alliance.DelistCompletionTime
	require.True(t, w.staked().IsZero(), "the wind-down undelegated the vault's stake")
	rewards := c.Balance(w.comp, app.BondDenom).Amount
	require.True(t, rewards.IsPositive(), "the wind-down paid the vault's rewards")

	exitFrom := strconv.FormatInt(completion.UnixNano(), 10)
	for _, x := range []struct {
		who       *harness.Account
		msg, want string
		funds     bool
	}{
		{bob, `{"deposit":{}}`, "the asset is delisted: the vault takes no deposits and unbonds no batches; holders exit with exit from " + exitFrom, true},
		{keeper, `{"process_withdrawals":{}}`, "the asset is delisted", false},
		{alice, `{"exit":{}}`, "exit opens at " + exitFrom, false},
	} {
		var funds = assetCoins(1_000)
		if !x.funds {
			funds = nil
		}
		res := c.Execute(x.who, w.comp, []byte(x.msg), funds)
		require.Error(t, res.Err(), x.msg)
		require.Contains(t, res.Log, x.want, x.msg)
	}
	var st struct {
		ExitFrom *string `json:"exit_from"`
	}
	require.NoError(t, c.QuerySmart(w.comp, []byte(`{"state":{}}`), &st))
	require.Equal(t, exitFrom, *st.ExitFrom)

	// The harvest swaps the rewards less the 5% fee (twap_window 60 s after the instantiation's
	// observation) and restakes nothing: the chain takes no stake of a delisting asset. 63,289
	// stake: fee floor(63,289 × 5%) = 3,164, 60,125 swapped for 59,943.
	c.AdvanceTime(2 * time.Minute)
	res := w.exec(t, keeper, `{"harvest":{}}`, nil)
	swapped := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-swap", "received"), asset))
	require.Equal(t, "0"+asset, harness.MustAttr(t, res, "wasm-compounder-harvest", "restaked"))
	require.Equal(t, int64(63_289), rewards.Int64())
	require.Equal(t, int64(59_943), swapped.Int64())
	require.True(t, w.staked().IsZero())
	t.Logf("harvest during the wind-down: %s stake of rewards, %s %s received, gas %d", rewards, swapped, asset, res.GasUsed)

	for !c.Time().After(completion) {
		c.AdvanceTime(time.Hour)
	}
	c.NextBlock()
	held := c.Balance(w.comp, asset).Amount
	require.Equal(t, int64(6_059_943), held.Int64(), "the chain returned the whole stake, next to the swapped rewards")
	_, err = c.AllianceQueries().Alliance(c.Context(), &alliancetypes.QueryAllianceRequest{Denom: asset})
	require.Error(t, err, "the asset record is gone")

	// Holders' shares: every share but the 1,000 locked (carol's 400,000 queued included),
	// 2,999,000 + 1,993,341 + 994,681 = 5,987,022, for 6,059,943. Each exit pays floor(shares ×
	// what is left / holders' shares left): alice floor(2,999,000 × 6,059,943 / 5,987,022) =
	// 3,035,527; carol floor(994,681 × 3,024,416 / 2,988,022) = 1,006,796; bob, the last, the
	// remaining 2,017,620 (his exact part 2,017,619.58).
	for _, x := range []struct {
		who  *harness.Account
		want int64
	}{{alice, 3_035_527}, {carol, 1_006_796}, {bob, 2_017_620}} {
		who, want := x.who, math.NewInt(x.want)
		before := c.Balance(who.Address, asset).Amount
		// Exit takes the holder's shares as funds (carol's 594,681 left; her 400,000 queued exit
		// with them) and burns them.
		res := w.exec(t, who, `{"exit":{}}`, sdk.NewCoins(sdk.NewCoin(w.share, w.shares(who.Address))))
		require.True(t, w.shares(who.Address).IsZero(), who.Name)
		got := c.Balance(who.Address, asset).Amount.Sub(before)
		require.Equal(t, want.String(), got.String(), who.Name)
		require.Equal(t, want.String(), harness.MustAttr(t, res, "wasm", "amount"), who.Name)
		t.Logf("exit of %s: %s shares, %s %s, gas %d", who.Name, shares[who.Name], got, asset, res.GasUsed)
	}
	require.True(t, c.Balance(w.comp, asset).Amount.IsZero(), "the vault keeps no asset")
	require.True(t, c.Balance(w.comp, app.BondDenom).Amount.IsZero(), "nor any reward")
	// Every holder's shares were burned: the bank supply is the 1,000 locked, the contract's own.
	require.Equal(t, int64(1_000), c.App.BankKeeper.GetSupply(c.Context(), w.share).Amount.Int64())
	require.Equal(t, int64(1_000), w.shares(w.comp).Int64())
	res = c.Execute(bob, w.comp, []byte(`{"exit":{}}`), nil)
	require.Error(t, res.Err())
	require.Contains(t, res.Log, "nothing to exit")
}
