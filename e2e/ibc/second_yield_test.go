package ibc_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/alliancewasm/alliancewasm/app"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The compounder's numbers in this story (contracts/compounder/README.md).
const (
	lockedCompounderShares = 1_000 // minted to the compounder itself on the first deposit, never released
	compounderFeeBps       = 500
	harvestInterval        = time.Minute // also the TWAP window
)

// compounderOnA is chain A's auto-compounder of its alliance asset
// ibctesting.SecondaryDenom, with a route for A's native rewards through
// an asset/stake pair.
type compounderOnA struct {
	c              *chain
	pair, comp     sdk.AccAddress
	share          string // factory/{comp}/cufoo
	lp, keeper     ibctesting.SenderAccount
	treasury       sdk.AccAddress
	val            sdk.ValAddress
	lastHarvest    time.Time
	harvestedTotal math.Int // asset restaked by every harvest
}

// deployCompounder lists the asset on A (weight 0.25, no take rate), pools
// 10^15 of it against 10^15 stake, and instantiates the compounder on A's
// first validator. The pair and the compounder each pay the token
// factory's creation fee for their denom (LP, share) from the deployer.
func (w *world) deployCompounder() *compounderOnA {
	t, a := w.t, w.chainA
	k := &compounderOnA{
		c: a, lp: a.SenderAccounts[2], keeper: a.SenderAccounts[3],
		treasury: a.SenderAccounts[4].SenderAccount.GetAddress(),
		val:      sdk.ValAddress(a.Vals.Validators[0].Address), harvestedTotal: math.ZeroInt(),
	}
	w.list(a, w.userA, ibctesting.SecondaryDenom, math.LegacyNewDecWithPrec(25, 2), math.LegacyZeroDec())
	fee := a.app.TokenFactoryKeeper.GetParams(a.ctx()).DenomCreationFee
	pairCode, compCode := a.storeFixture(k.lp, "pair.wasm"), a.storeFixture(k.lp, "compounder.wasm")

	native := func(denom string) string { return `{"native_token":{"denom":"` + denom + `"}}` }
	k.pair = a.instantiate(k.lp, pairCode, "ufoo/stake pair",
		[]byte(`{"asset_infos":[`+native(ibctesting.SecondaryDenom)+`,`+native(app.BondDenom)+`],"fee_bps":30}`), fee)
	const pooled = "1000000000000000"
	a.execute(k.lp, k.pair, `{"provide_liquidity":{"assets":[`+
		`{"info":`+native(ibctesting.SecondaryDenom)+`,"amount":"`+pooled+`"},`+
		`{"info":`+native(app.BondDenom)+`,"amount":"`+pooled+`"}]}}`,
		sdk.NewCoins(sdk.NewCoin(ibctesting.SecondaryDenom, mustInt(t, pooled)), sdk.NewCoin(app.BondDenom, mustInt(t, pooled))))

	k.comp = a.instantiate(k.lp, compCode, "ufoo compounder", mustJSON(t, map[string]any{
		"asset_denom": ibctesting.SecondaryDenom, "validators": []string{k.val.String()},
		"routes":  []map[string]string{{"denom": app.BondDenom, "pair": k.pair.String()}},
		"fee_bps": compounderFeeBps, "fee_recipient": k.treasury.String(),
		"harvest_interval": harvestInterval / time.Second, "max_spread": "0.05", "twap_window": harvestInterval / time.Second,
		"share": map[string]any{"symbol": "cufoo", "name": "Compounded ufoo", "decimals": 6},
	}), fee)
	k.share = "factory/" + k.comp.String() + "/cufoo"
	k.lastHarvest = w.coord.CurrentTime // the instantiation's price observation opens the first TWAP window
	require.Equal(t, w.start.Sub(mustInt(t, pooled)).Sub(fee.AmountOf(app.BondDenom).MulRaw(2)), a.balance(k.lp.SenderAccount.GetAddress(), app.BondDenom),
		"the deployer paid the pool's stake and two creation fees (LP denom, share denom)")
	md, ok := a.app.BankKeeper.GetDenomMetaData(a.ctx(), k.share)
	require.True(t, ok, "the share denom has bank metadata")
	require.Equal(t, "cufoo", md.Symbol)
	return k
}

type compounderState struct {
	TotalStaked  string `json:"total_staked"`
	TotalShares  string `json:"total_shares"`
	QueuedShares string `json:"queued_shares"`
	ExchangeRate string `json:"exchange_rate"`
}

func (k *compounderOnA) state() compounderState {
	return queryContract[compounderState](k.c, k.comp, `{"state":{}}`)
}

func (k *compounderOnA) rate() math.LegacyDec {
	r, err := math.LegacyNewDecFromStr(k.state().ExchangeRate)
	require.NoError(k.c.TB, err)
	return r
}

// staked is the compounder's alliance stake of the asset on its validator.
func (k *compounderOnA) staked() math.Int {
	return k.c.allianceStake(k.comp, k.val, ibctesting.SecondaryDenom)
}

// harvest waits out the harvest interval (which is also the TWAP window,
// so the first harvest's price has its window), lets the keeper harvest,
// and checks the harvest's books: the fee is floor(5 %) of the stake
// claimed (and any already loose in the contract) and reaches the treasury, the pair pays what is restaked,
// the stake grows by exactly that and the exchange rate rises.
func (w *world) harvest(k *compounderOnA) {
	t, a := w.t, k.c
	if wait := k.lastHarvest.Add(harvestInterval).Sub(w.coord.CurrentTime); wait > 0 {
		w.coord.IncrementTimeBy(wait)
	}
	rateBefore, stakedBefore := k.rate(), k.staked()
	// Stake already in the contract (rewards the chain paid at a change of
	// the delegation) is harvested with the claim.
	loose := a.balance(k.comp, app.BondDenom)
	treasuryBefore, poolBefore := a.balance(k.treasury, app.BondDenom), a.balance(k.pair, ibctesting.SecondaryDenom)
	res := a.execute(k.keeper, k.comp, `{"harvest":{}}`, nil)
	k.lastHarvest = w.coord.CurrentTime // just after the harvest's block
	attr := func(key string) string {
		return wasmAttr(t, res.Events, "wasm-compounder-harvest", k.comp, "", key)
	}
	claimed := mustInt(t, strings.TrimSuffix(attr("claimed"), app.BondDenom))
	fee := mustInt(t, strings.TrimSuffix(attr("fee"), app.BondDenom))
	received := mustInt(t, strings.TrimSuffix(attr("received"), ibctesting.SecondaryDenom))
	require.True(t, claimed.IsPositive())
	require.Equal(t, loose.Add(claimed).MulRaw(compounderFeeBps).QuoRaw(10_000), fee) // floor
	require.Equal(t, treasuryBefore.Add(fee), a.balance(k.treasury, app.BondDenom))
	require.Equal(t, poolBefore.Sub(received), a.balance(k.pair, ibctesting.SecondaryDenom))
	require.Equal(t, stakedBefore.Add(received), k.staked())
	require.True(t, a.balance(k.comp, app.BondDenom).IsZero())
	require.True(t, a.balance(k.comp, ibctesting.SecondaryDenom).IsZero())
	require.True(t, k.rate().GT(rateBefore), "rate %s -> %s", rateBefore, k.rate())
	k.harvestedTotal = k.harvestedTotal.Add(received)
	t.Logf("A: a keeper harvests: claimed %s stake, fee %s, restaked %s ufoo; rate %s", claimed, fee, received, k.rate())
}

// A second yield on an allied chain (issue 17, story 2): on A a user
// deposits A's alliance asset into the compounder and gets its share, a
// bank denom; sends the share to B; B's gov lists that IBC denom as an
// alliance asset; the user stakes it on B and earns B's native rewards
// while harvests on A raise what each share is worth; then unstakes on B,
// sends the share back and redeems it on A for more than it deposited.
// At every step the share's supply on A is its holders plus the channel's
// escrow, and B's vouchers are exactly that escrow.
func TestIBCCompounderShareStakedOnB(t *testing.T) {
	// A deposit of the order of the pool (10^15): A's rewards (its whole
	// supply's inflation, some 10^12 stake a block to the virtual stake)
	// then raise the share's value by a fraction of a percent per harvest.
	const deposited = int64(1_000_000_000_000_000)
	w := newChains(t)
	a, b := w.chainA, w.chainB
	k := w.deployCompounder()
	shareOnB := transfertypes.NewDenom(k.share, transfertypes.NewHop(w.path.EndpointB.ChannelConfig.PortID, w.path.EndpointB.ChannelID)).IBCDenom()
	escrowA := w.escrow(a)
	// conserved checks that no share was created or lost: A's supply is
	// the holders' balances plus A's escrow, which B's voucher supply
	// (userB's balance, the alliance module's stake, or nothing) equals.
	conserved := func(userA, userB, stakedOnB int64) {
		t.Helper()
		inEscrow := userB + stakedOnB
		require.Equal(t, math.NewInt(userA), a.balance(w.addrA, k.share))
		require.Equal(t, math.NewInt(lockedCompounderShares), a.balance(k.comp, k.share))
		require.Equal(t, math.NewInt(inEscrow), a.balance(escrowA, k.share))
		require.Equal(t, math.NewInt(inEscrow), a.escrowed(k.share))
		require.Equal(t, math.NewInt(userA+lockedCompounderShares+inEscrow), a.supply(k.share))
		require.Equal(t, math.NewInt(userB), b.balance(w.addrB, shareOnB))
		require.Equal(t, math.NewInt(stakedOnB), b.balance(b.app.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName), shareOnB))
		require.Equal(t, math.NewInt(inEscrow), b.supply(shareOnB))
	}

	// 1. userA deposits: the first deposit mints deposited − 1000 shares to
	// userA's bank balance and 1000 to the compounder (locked).
	res := a.execute(w.userA, k.comp, `{"deposit":{}}`, sdk.NewCoins(sdk.NewInt64Coin(ibctesting.SecondaryDenom, deposited)))
	shares := deposited - lockedCompounderShares
	require.Equal(t, strconv.FormatInt(shares, 10), wasmAttr(t, res.Events, "wasm", k.comp, "deposit", "shares"))
	require.Equal(t, math.NewInt(deposited), k.staked())
	require.Equal(t, w.start.SubRaw(deposited), a.balance(w.addrA, ibctesting.SecondaryDenom))
	conserved(shares, 0, 0)
	t.Logf("A: userA deposits %d ufoo into the compounder and receives %d %s (1000 more stay locked with the compounder)", deposited, shares, k.share)

	// The share cannot be listed on A itself: its creator, the compounder,
	// stakes on A, so its stake would earn there twice (x/alliance's
	// same-chain guard fails the passed proposal's execution).
	p := w.propose(a, w.userA, createAlliance(a, k.share, math.LegacyNewDecWithPrec(25, 2), math.LegacyZeroDec()))
	require.Equal(t, govv1.StatusFailed, p.Status)
	require.Contains(t, p.FailedReason, alliancetypes.ErrFactoryCreatorStakes.Error())
	_, err := a.app.AllianceKeeper.GetAsset(a.ctx(), k.share)
	require.Error(t, err, "not listed on A")
	t.Logf("A: gov proposes to list the share on A itself: the proposal fails (%s)", alliancetypes.ErrFactoryCreatorStakes.Error())

	// 2. A -> B: the shares are escrowed on A and arrive on B as a voucher
	// of the factory denom.
	w.transfer(a, w.userA, w.addrB, sdk.NewInt64Coin(k.share, shares))
	conserved(0, shares, 0)
	t.Logf("A -> B: userA sends the shares over IBC: escrowed on A, %s on B", shareOnB)

	// 3. B's gov lists the voucher (weight 0.25: 10^6 of virtual stake,
	// power 1 -> 2 of 5 on B's first validator once staked); userB stakes
	// all of it there.
	valB := sdk.ValAddress(b.Vals.Validators[0].Address)
	w.list(b, w.userB, shareOnB, math.LegacyNewDecWithPrec(25, 2), math.LegacyZeroDec())
	b.deliver(w.userB, &alliancetypes.MsgDelegate{
		DelegatorAddress: w.addrB.String(), ValidatorAddress: valB.String(), Amount: sdk.NewInt64Coin(shareOnB, shares),
	})
	b.blocks(3)
	require.Equal(t, int64(2), votingPower(b, valB))
	require.Equal(t, math.NewInt(shares), b.allianceStake(w.addrB, valB, shareOnB))
	conserved(0, 0, shares)
	t.Logf("B: gov lists %s as an alliance asset (weight 0.25); userB stakes all %d of it", shareOnB, shares)

	// 4. Meanwhile A's rewards accrue to the compounder's stake and two
	// harvests restake them: each share is worth more ufoo.
	a.blocks(5)
	w.harvest(k)
	b.blocks(5)
	a.blocks(5)
	w.harvest(k)

	// 5. userB claims B's native rewards and unbonds in one transaction;
	// after the unbonding time the vouchers are back in its balance.
	b.blocks(5)
	before := b.balance(w.addrB, app.BondDenom)
	res = b.deliver(w.userB,
		&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: w.addrB.String(), ValidatorAddress: valB.String(), Denom: shareOnB},
		&alliancetypes.MsgUndelegate{DelegatorAddress: w.addrB.String(), ValidatorAddress: valB.String(), Amount: sdk.NewInt64Coin(shareOnB, shares)},
	)
	var claim alliancetypes.MsgClaimDelegationRewardsResponse
	var undelegate alliancetypes.MsgUndelegateResponse
	msgResponses(t, b.Codec, res, &claim, &undelegate)
	earnedOnB := claim.Rewards.AmountOf(app.BondDenom)
	require.True(t, earnedOnB.IsPositive(), "no native rewards on B")
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, earnedOnB)), claim.Rewards, "only B's native token is paid")
	require.Equal(t, before.Add(earnedOnB), b.balance(w.addrB, app.BondDenom))
	require.Equal(t, sdk.NewInt64Coin(shareOnB, shares), undelegate.Amount)
	// Reconciliation with x/distribution on B, as in TestIBCTokenOfBStakedAsAllianceOnA.
	allocated := b.allocatedRewards(valB).AmountOf(app.BondDenom)
	dust := b.balance(b.app.AccountKeeper.GetModuleAddress(alliancetypes.RewardsPoolName), app.BondDenom)
	require.True(t, dust.LTE(math.OneInt()), "reward pool keeps %s of %s", dust, allocated)
	require.Equal(t, allocated, earnedOnB.Add(dust))
	w.coord.IncrementTimeBy(unbondingTime)
	b.produceBlock()
	conserved(0, shares, 0)
	t.Logf("B: userB claims %s stake of B's native rewards, unstakes, and gets the %d vouchers back after the unbonding time", earnedOnB, shares)

	// 6. B -> A: the vouchers are burned on B and A releases the escrow.
	w.transfer(b, w.userB, w.addrA, sdk.NewInt64Coin(shareOnB, shares))
	conserved(shares, 0, 0)
	t.Logf("B -> A: the vouchers are sent home; A releases %d shares from escrow", shares)

	// 7. userA redeems: withdraw sends the shares (burned, queued in the
	// open batch); a batch is processed at most once per unbond_epoch
	// (default floor(unbonding 3600 s / 7 entries) + 1 = 515 s) at
	// floor(queued × total_staked / (total_shares + queued)); the claim
	// after the unbonding time pays exactly that.
	a.execute(w.userA, k.comp, `{"withdraw":{}}`, sdk.NewCoins(sdk.NewInt64Coin(k.share, shares)))
	require.True(t, a.balance(w.addrA, k.share).IsZero())
	require.Equal(t, math.NewInt(lockedCompounderShares), a.supply(k.share), "the withdrawn shares are burned")
	w.coord.IncrementTimeBy(515 * time.Second)
	a.produceBlock()
	st := k.state()
	require.Equal(t, "1000", st.TotalShares)
	require.Equal(t, strconv.FormatInt(shares, 10), st.QueuedShares)
	staked := k.staked()
	require.Equal(t, staked.String(), st.TotalStaked)
	require.Equal(t, math.NewInt(deposited).Add(k.harvestedTotal), staked)
	want := staked.MulRaw(shares).QuoRaw(deposited) // floor; total_shares + queued = deposited
	res = a.execute(k.keeper, k.comp, `{"process_withdrawals":{}}`, nil)
	require.Equal(t, want.String(), wasmAttr(t, res.Events, "wasm", k.comp, "process_withdrawals", "amount"))
	t.Logf("A: userA withdraws its shares (burned); the batch is unbonded for %s ufoo", want)
	w.coord.IncrementTimeBy(unbondingTime)
	a.produceBlock()
	a.execute(w.userA, k.comp, `{"claim":{}}`, nil)
	redeemed := a.balance(w.addrA, ibctesting.SecondaryDenom).Sub(w.start.SubRaw(deposited))
	require.Equal(t, want, redeemed)
	require.True(t, redeemed.GT(math.NewInt(deposited)), "deposited %d, redeemed %s", deposited, redeemed)
	t.Logf("deposited %d ufoo on A, redeemed %s after staking the share on B (earned %s stake there)", deposited, redeemed, earnedOnB)

	// Exact end state: on A the share's supply is the locked 1000 (the
	// compounder's own), nothing in escrow; on B no voucher is left, and
	// userB holds its genesis balances plus what it earned on B.
	conserved(0, 0, 0)
	require.Equal(t, math.NewInt(lockedCompounderShares), a.supply(k.share))
	require.True(t, a.balance(k.comp, ibctesting.SecondaryDenom).IsZero(), "nothing owed, no surplus")
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start), sdk.NewCoin(ibctesting.SecondaryDenom, w.start.SubRaw(deposited).Add(redeemed))),
		a.app.BankKeeper.GetAllBalances(a.ctx(), w.addrA))
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start.Add(earnedOnB)), sdk.NewCoin(ibctesting.SecondaryDenom, w.start)),
		b.app.BankKeeper.GetAllBalances(b.ctx(), w.addrB))
}
