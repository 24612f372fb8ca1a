package e2e_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Issue 17, story 1 ("deepen liquidity for essential pairs"), on the real chain: LP shares of a
// ulsd/stake pool (the pair's factory denom) are listed by gov as an alliance asset with take
// rate 0; two LPs stake them through x/alliance, earn native rewards (stake), unstake, get the
// LP shares back after the unbonding time and withdraw their liquidity.
//
// Bob lets alice act for him (authz MsgExec), so both stakes are made in one transaction and
// both claims in another: the two delegations start from the same reward index and are paid at
// the same index, so their rewards split exactly by stake, each floor(ΔI × shares) with ΔI the
// index difference x/alliance stored on the delegations (read back through its query).
func TestLPSharesAsAllianceAsset(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.UnbondingTime = time.Hour
	cfg.Funds = map[string]sdk.Coins{
		"alice": sdk.NewCoins(sdk.NewInt64Coin(lsd, 2_000_000), sdk.NewInt64Coin(app.BondDenom, 2_000_000)),
		"bob":   sdk.NewCoins(sdk.NewInt64Coin(lsd, 1_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000)),
	}
	c := harness.NewChain(t, cfg)
	alice, bob := c.Account("alice"), c.Account("bob")
	a, b := alice.Address.String(), bob.Address.String()
	val := c.Validators()[0].ValAddr.String()
	stakeOf := func(who *harness.Account) int64 { return c.Balance(who.Address, app.BondDenom).Amount.Int64() }

	// The pool. Alice: sqrt(2e6 · 2e6) = 2,000,000 shares, 1,000 locked in the pair; bob at the
	// pool's ratio: floor(1e6 · 2e6 / 2e6) = 1,000,000. (The faucet pays alice the creation fee.)
	pair := deployNativePair(t, c, alice, c.StoreCode(alice, harness.Fixture(t, "pair.wasm")), lsd, app.BondDenom, 30)
	lp := lpDenomOf(pair)
	provideNative(t, c, alice, pair, sdk.NewInt64Coin(lsd, 2_000_000), sdk.NewInt64Coin(app.BondDenom, 2_000_000))
	provideNative(t, c, bob, pair, sdk.NewInt64Coin(lsd, 1_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000))
	require.Equal(t, int64(1_999_000), c.Balance(alice.Address, lp).Amount.Int64())
	require.Equal(t, int64(1_000_000), c.Balance(bob.Address, lp).Amount.Int64())
	require.Equal(t, int64(3_000_000), c.App.BankKeeper.GetSupply(c.Context(), lp).Amount.Int64())

	// Gov lists the LP denom: weight 0.5, take rate 0.
	asset := c.CreateAlliance(harness.AllianceSpec{Denom: lp, RewardWeight: "0.5", TakeRate: "0"})
	require.True(t, asset.TakeRate.IsZero())

	// Bob authorizes alice to delegate, claim and undelegate for him.
	for _, m := range []sdk.Msg{&alliancetypes.MsgDelegate{}, &alliancetypes.MsgClaimDelegationRewards{}, &alliancetypes.MsgUndelegate{}} {
		grant, err := authz.NewMsgGrant(bob.Address, alice.Address, authz.NewGenericAuthorization(sdk.MsgTypeURL(m)), nil)
		require.NoError(t, err)
		c.MustDeliver(bob, grant)
	}
	asBob := func(m sdk.Msg) sdk.Msg {
		any, err := codectypes.NewAnyWithValue(m)
		require.NoError(t, err)
		return &authz.MsgExec{Grantee: a, Msgs: []*codectypes.Any{any}}
	}
	// One transaction: alice stakes 1,000,000 LP, bob 500,000 (half).
	c.MustDeliver(alice,
		&alliancetypes.MsgDelegate{DelegatorAddress: a, ValidatorAddress: val, Amount: sdk.NewInt64Coin(lp, 1_000_000)},
		asBob(&alliancetypes.MsgDelegate{DelegatorAddress: b, ValidatorAddress: val, Amount: sdk.NewInt64Coin(lp, 500_000)}))
	require.Equal(t, int64(999_000), c.Balance(alice.Address, lp).Amount.Int64())
	require.Equal(t, int64(500_000), c.Balance(bob.Address, lp).Amount.Int64())
	delegation := func(who string) alliancetypes.Delegation {
		res, err := c.AllianceQueries().AllianceDelegation(c.Context(), &alliancetypes.QueryAllianceDelegationRequest{DelegatorAddr: who, ValidatorAddr: val, Denom: lp})
		require.NoError(t, err)
		return res.Delegation.Delegation
	}
	index := func(d alliancetypes.Delegation) math.LegacyDec {
		return alliancetypes.RewardIndexOf(d.RewardHistory, app.BondDenom, lp)
	}
	da, db := delegation(a), delegation(b)
	require.Equal(t, index(da), index(db), "both stakes start from the same reward index")
	require.Equal(t, da.Shares, db.Shares.MulInt64(2))

	// Ten blocks of native rewards. x/alliance's query answers a positive amount for each.
	c.NextBlocks(10)
	pending := func(who string) math.Int {
		res, err := c.AllianceQueries().AllianceDelegationRewards(c.Context(), &alliancetypes.QueryAllianceDelegationRewardsRequest{DelegatorAddr: who, ValidatorAddr: val, Denom: lp})
		require.NoError(t, err)
		return sdk.Coins(res.Rewards).AmountOf(app.BondDenom)
	}
	pa, pb := pending(a), pending(b)
	require.True(t, pa.IsPositive() && pb.IsPositive(), "pending %s / %s", pa, pb)

	// Both claim in one transaction (a block after the query, so at least what it answered):
	// each is paid floor(ΔI × shares), ΔI = the index at the claim (the delegations' new
	// snapshot) − the index at the stake, the same for both; bob's shares are half alice's.
	aliceStake, bobStake := stakeOf(alice), stakeOf(bob)
	c.MustDeliver(alice,
		&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: a, ValidatorAddress: val, Denom: lp},
		asBob(&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: b, ValidatorAddress: val, Denom: lp}))
	ca, cb := stakeOf(alice)-aliceStake, stakeOf(bob)-bobStake
	ia, ib := delegation(a), delegation(b)
	require.Equal(t, index(ia), index(ib), "both claims are paid at the same index")
	dI := index(ia).Sub(index(da))
	require.Equal(t, dI.MulTruncate(da.Shares).TruncateInt().Int64(), ca)
	require.Equal(t, dI.MulTruncate(db.Shares).TruncateInt().Int64(), cb)
	require.GreaterOrEqual(t, ca, pa.Int64())
	require.GreaterOrEqual(t, cb, pb.Int64())
	t.Logf("rewards of 10 blocks: alice %d stake (pending a block earlier %s), bob %d (%s); ΔI %s", ca, pa, cb, pb, dI)

	// Both unstake; after the unbonding time the LP shares are back.
	c.MustDeliver(alice,
		&alliancetypes.MsgUndelegate{DelegatorAddress: a, ValidatorAddress: val, Amount: sdk.NewInt64Coin(lp, 1_000_000)},
		asBob(&alliancetypes.MsgUndelegate{DelegatorAddress: b, ValidatorAddress: val, Amount: sdk.NewInt64Coin(lp, 500_000)}))
	require.Equal(t, int64(999_000), c.Balance(alice.Address, lp).Amount.Int64())
	c.AdvanceTime(cfg.UnbondingTime + time.Second)
	c.NextBlock()
	require.Equal(t, int64(1_999_000), c.Balance(alice.Address, lp).Amount.Int64())
	require.Equal(t, int64(1_000_000), c.Balance(bob.Address, lp).Amount.Int64())

	// Withdrawals of all their shares from 3,000,000 / 3,000,000 reserves and 3,000,000 shares:
	// alice floor(1,999,000 · 3e6 / 3e6) = 1,999,000 of each, then bob floor(1e6 · 1,001,000 /
	// 1,001,000) = 1,000,000 of each; the 1,000 locked shares keep 1,000 of each in the pool.
	lsdOf := func(who *harness.Account) int64 { return c.Balance(who.Address, lsd).Amount.Int64() }
	aliceLsd, aliceStake := lsdOf(alice), stakeOf(alice)
	withdrawNative(t, c, alice, pair, 1_999_000)
	require.Equal(t, aliceLsd+1_999_000, lsdOf(alice))
	require.Equal(t, aliceStake+1_999_000, stakeOf(alice))
	bobLsd, bobStake := lsdOf(bob), stakeOf(bob)
	withdrawNative(t, c, bob, pair, 1_000_000)
	require.Equal(t, bobLsd+1_000_000, lsdOf(bob))
	require.Equal(t, bobStake+1_000_000, stakeOf(bob))
	require.Equal(t, int64(1_000), c.Balance(pair, lsd).Amount.Int64())
	require.Equal(t, int64(1_000), c.Balance(pair, app.BondDenom).Amount.Int64())
	require.Equal(t, int64(1_000), c.App.BankKeeper.GetSupply(c.Context(), lp).Amount.Int64()) // the locked shares
}
