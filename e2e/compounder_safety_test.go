package e2e_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The compounder's audit findings 2 and 3 (issue 13) on the real chain: the real unbonding entry
// cap (x/staking's max_entries, 7) and a validator really deleted by x/staking.

// compounderEpoch is the default unbond_epoch on the e2e chain: floor(86,400 s / 7) + 1.
const compounderEpoch = 12_343 * time.Second

// TestCompounderManyUsersLeaveInOneUnbondingPeriod: ten users withdraw everything in the same
// unbonding period (one withdrawal each used to be one unbonding entry: the 8th failed with the
// chain's entry cap until the 1st matured); then a holder withdraws in each of 9 consecutive
// epochs (more entries than the cap within 24 h would have failed on the 8th). Everyone is paid
// exactly what their shares were worth.
func TestCompounderManyUsersLeaveInOneUnbondingPeriod(t *testing.T) {
	users := []string{"u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "holder"}
	w := newCompounderWorld(t, 1, users...)
	c := w.c
	keeper := c.Account("keeper")
	for _, u := range users {
		w.exec(t, c.Account(u), `{"deposit":{}}`, assetCoins(1_000_000))
	}
	// Each deposit buys in at the vault's value, which includes the rewards pending on the chain
	// (a block's worth each time): u0 got 999,000 shares (1,000 locked), the others a little less
	// than 1,000,000 each.
	shares := map[string]math.Int{}
	batchShares := math.ZeroInt()
	for _, u := range users[:10] {
		var b struct {
			Balance string `json:"balance"`
		}
		require.NoError(t, c.QuerySmart(w.comp, []byte(`{"balance":{"address":"`+c.Account(u).Address.String()+`"}}`), &b))
		shares[u] = mustInt(t, b.Balance)
		batchShares = batchShares.Add(shares[u])
	}
	require.Equal(t, "999000", shares["u0"].String())
	before := map[string]math.Int{}
	for _, u := range users[:10] {
		before[u] = c.Balance(c.Account(u).Address, asset).Amount
		w.withdraw(t, c.Account(u), shares[u])
	}
	// No harvest, no take rate, no slash: the stake is exactly the deposits, 11,000,000, so the
	// batch is worth floor(batch shares · 11,000,000 / (shares + queued)).
	st := w.state(t)
	rs := mustInt(t, st.TotalShares).Add(mustInt(t, st.QueuedShares))
	require.Equal(t, "11000000", st.TotalStaked)
	batch := batchShares.MulRaw(11_000_000).Quo(rs)
	c.AdvanceTime(compounderEpoch)
	res := w.exec(t, keeper, `{"process_withdrawals":{}}`, nil)
	require.Equal(t, batch.String(), harness.MustAttr(t, res, "wasm", "amount"))
	require.Equal(t, "10", harness.MustAttr(t, res, "wasm", "claims"))
	// The holder withdraws 1,000 shares every epoch: 9 batches within 24 h + 9 epochs, each one
	// unbonding entry on the only validator; the chain's cap of 7 is never met. Each is worth
	// floor(1,000 · staked / (shares + queued)) at its processing.
	holder := c.Account("holder")
	holderDue := math.ZeroInt()
	for i := 0; i < 9; i++ {
		w.withdraw(t, holder, math.NewInt(1_000))
		c.AdvanceTime(compounderEpoch)
		st := w.state(t)
		due := math.NewInt(1_000).Mul(mustInt(t, st.TotalStaked)).Quo(mustInt(t, st.TotalShares).Add(mustInt(t, st.QueuedShares)))
		holderDue = holderDue.Add(due)
		res := w.exec(t, keeper, `{"process_withdrawals":{}}`, nil)
		require.Equal(t, due.String(), harness.MustAttr(t, res, "wasm", "amount"), "epoch %d", i)
		ub, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: w.comp.String()})
		require.NoError(t, err)
		require.LessOrEqual(t, len(ub.Unbondings), 7, "epoch %d", i)
	}
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	for _, u := range users[:10] {
		w.exec(t, c.Account(u), `{"claim":{}}`, nil)
		got := c.Balance(c.Account(u).Address, asset).Amount.Sub(before[u])
		// floor(claim shares · payout / batch shares); the chain returned the whole batch.
		require.Equal(t, shares[u].Mul(batch).Quo(batchShares), got, u)
	}
	hb := c.Balance(holder.Address, asset).Amount
	w.exec(t, holder, `{"claim":{}}`, nil)
	require.Equal(t, holderDue, c.Balance(holder.Address, asset).Amount.Sub(hb))
}

// TestCompounderSurvivesRemovedValidator: the compounder has 1,000,000 staked on validator 1 when
// its operator unbonds all native stake; x/alliance moves its virtual stake away from the inactive
// validator, the unbonding completes and x/staking deletes the validator (its staking query
// answers NotFound; the alliance delegation still exists). The compounder keeps
// working (state, deposit, withdraw, process, harvest), the owner moves the stake off the deleted
// validator by redelegation, and every depositor gets out in full.
func TestCompounderSurvivesRemovedValidator(t *testing.T) {
	w := newCompounderWorld(t, 3, "alice", "bob", "carol", "dave")
	c := w.c
	alice, bob, carol, dave, keeper := c.Account("alice"), c.Account("bob"), c.Account("carol"), c.Account("dave"), c.Account("keeper")
	// One deposit per validator (the least staked): alice → v0, bob → v1, carol → v2.
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(1_000_000))
	w.exec(t, carol, `{"deposit":{}}`, assetCoins(2_000_000))
	v1 := c.Validators()[1]
	require.Equal(t, math.NewInt(1_000_000), c.AllianceDelegationAmount(w.comp, v1.ValAddr, asset))

	// Validator 1 leaves: its operator unbonds the whole self-bond; after the unbonding time
	// x/staking deletes it.
	bond := harness.DefaultConfig().ValidatorBond
	c.MustDeliver(v1.Operator, stakingtypes.NewMsgUndelegate(v1.Operator.Address.String(), v1.ValAddr.String(), sdk.NewCoin(app.BondDenom, bond)))
	c.NextBlocks(3)
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	c.NextBlocks(3)
	_, err := c.App.StakingKeeper.GetValidator(c.Context(), v1.ValAddr)
	require.ErrorIs(t, err, stakingtypes.ErrNoValidatorFound, "validator 1 still exists")
	// The compounder still reads its whole stake from the delegations list: 6,000,000 for
	// 6,000,000 shares (the per-validator delegation query answered NotFound for a deleted
	// validator until x/alliance 2d89e79; the vault does not depend on it).
	st := w.state(t)
	require.Equal(t, "6000000", st.TotalStaked)
	// dave's deposit goes to an active validator (v1 had the least stake).
	res := w.exec(t, dave, `{"deposit":{}}`, assetCoins(500_000))
	require.NotEqual(t, v1.ValAddr.String(), harness.MustAttr(t, res, "wasm", "validator"))
	// alice queues a withdrawal; it is processed from the largest stake (v0, 3,000,000).
	w.withdraw(t, alice, math.NewInt(1_000_000))
	aliceBefore := c.Balance(alice.Address, asset).Amount
	c.AdvanceTime(compounderEpoch)
	res = w.exec(t, keeper, `{"process_withdrawals":{}}`, nil)
	require.Equal(t, c.Validators()[0].ValAddr.String(), harness.MustAttr(t, res, "wasm", "validators"))
	aliceAmount := mustInt(t, harness.MustAttr(t, res, "wasm", "amount"))
	// A harvest claims on every delegation, the deleted validator's included.
	w.exec(t, keeper, `{"harvest":{}}`, nil)

	// The owner (lp, the instantiator) drops validator 1: its stake is redelegated to the active
	// validator with the least stake.
	vals, _ := json.Marshal([]string{w.vals[0], w.vals[2]})
	res = w.exec(t, c.Account("lp"), `{"update_config":{"validators":`+string(vals)+`}}`, nil)
	require.Equal(t, "1", harness.MustAttr(t, res, "wasm", "redelegations"))
	del, err := c.AllianceQueries().AlliancesDelegation(c.Context(), &alliancetypes.QueryAlliancesDelegationsRequest{DelegatorAddr: w.comp.String()})
	require.NoError(t, err)
	for _, d := range del.Delegations {
		require.NotEqual(t, v1.ValAddr.String(), d.Delegation.ValidatorAddress, "stake left on the deleted validator")
	}
	require.Equal(t, w.staked().String(), w.state(t).TotalStaked)

	// Everyone leaves: bob (whose deposit sat on validator 1), carol and dave withdraw all.
	for _, u := range []*harness.Account{bob, carol, dave} {
		var b struct {
			Balance string `json:"balance"`
		}
		require.NoError(t, c.QuerySmart(w.comp, []byte(`{"balance":{"address":"`+u.Address.String()+`"}}`), &b))
		w.withdraw(t, u, mustInt(t, b.Balance))
	}
	c.AdvanceTime(compounderEpoch)
	w.exec(t, keeper, `{"process_withdrawals":{}}`, nil)
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	w.exec(t, alice, `{"claim":{}}`, nil)
	require.Equal(t, aliceAmount, c.Balance(alice.Address, asset).Amount.Sub(aliceBefore))
	// Nothing was slashed: each claim pays exactly its amount, floor(shares · batch amount / batch
	// shares), as the claims query shows it.
	for _, u := range []*harness.Account{bob, carol, dave} {
		var cl struct {
			Claims []struct {
				Amount string `json:"amount"`
			} `json:"claims"`
		}
		require.NoError(t, c.QuerySmart(w.comp, []byte(`{"claims":{"address":"`+u.Address.String()+`"}}`), &cl))
		require.Len(t, cl.Claims, 1)
		before := c.Balance(u.Address, asset).Amount
		w.exec(t, u, `{"claim":{}}`, nil)
		got := c.Balance(u.Address, asset).Amount.Sub(before)
		require.Equal(t, mustInt(t, cl.Claims[0].Amount), got)
		t.Logf("%s got %s back", u.Address, got)
	}
	// Left in the contract: only the settlement dust (less than one token per claim).
	require.True(t, c.Balance(w.comp, asset).Amount.LT(math.NewInt(4)), "contract keeps %s", c.Balance(w.comp, asset))
}

// TestCompounderDepositBeforeHarvestBuysNoEarnedRewardsOnChain (the compounder's analogue of the
// audit's finding 5) on the real chain: alice's 3,000,000 earn stake rewards for 20 blocks; bob
// deposits 3,000,000 and harvests in the same transaction. His delegation pays the pending
// rewards into the contract first (the chain claims before any change of a delegation), and the
// harvest swaps them. Priced at the stake alone, bob's 3,000,000 shares were worth 3,000,000 plus
// half the swap's return: half of what alice earned. Now he buys in at the vault's value (stake
// + the rewards net of the 5 % fee at the pair's TWAP, exactly 1 on the untouched 1:1 pool) and
// ends with less than he paid (the swap's commission and price impact, shared by all holders);
// alice keeps what she earned less her part of that.
func TestCompounderDepositBeforeHarvestBuysNoEarnedRewardsOnChain(t *testing.T) {
	w := newCompounderWorld(t, 1, "alice", "bob")
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000)) // 2,999,000 shares + 1,000 locked
	c.NextBlocks(20)
	res := c.Deliver(bob,
		&wasmtypes.MsgExecuteContract{Sender: bob.Address.String(), Contract: w.comp.String(), Msg: []byte(`{"deposit":{}}`), Funds: assetCoins(3_000_000)},
		&wasmtypes.MsgExecuteContract{Sender: bob.Address.String(), Contract: w.comp.String(), Msg: []byte(`{"harvest":{}}`)})
	require.NoError(t, res.Err())
	// The harvest swapped everything the deposit's delegation paid in (its claim in the same
	// block found nothing more): claimed + paid in = swapped + fee.
	fee := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "fee"), app.BondDenom))
	received := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "received"), asset))
	require.Equal(t, "none", harness.MustAttr(t, res, "wasm-compounder-harvest", "claimed"))
	offer := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-swap", "offer"), app.BondDenom))
	paidIn := offer.Add(fee)
	require.Equal(t, paidIn.MulRaw(500).QuoRaw(10_000), fee) // floor(paid in · 5 %)
	// value = 3,000,000 + (paid in − fee) · 1; bob's shares = floor(3,000,000 · 3,000,000 / value).
	value := math.NewInt(3_000_000).Add(offer)
	require.Equal(t, value.String(), harness.MustAttr(t, res, "wasm", "value"))
	bobShares := math.NewInt(3_000_000).MulRaw(3_000_000).Quo(value)
	require.Equal(t, bobShares.String(), harness.MustAttr(t, res, "wasm", "shares"))
	require.True(t, received.LT(offer), "the swap returns less than the TWAP value: %s of %s", received, offer)
	// After: staked 6,000,000 + received for 3,000,000 + bob's shares.
	staked := math.NewInt(6_000_000).Add(received)
	require.Equal(t, staked, w.staked())
	supply := bobShares.AddRaw(3_000_000)
	position := func(who *harness.Account) (string, string) {
		var p struct {
			Shares string `json:"shares"`
			Value  string `json:"value"`
		}
		require.NoError(t, c.QuerySmart(w.comp, []byte(`{"position":{"address":"`+who.Address.String()+`"}}`), &p))
		return p.Shares, p.Value
	}
	_, bobValue := position(bob)
	require.Equal(t, bobShares.Mul(staked).Quo(supply).String(), bobValue) // floor
	require.True(t, mustInt(t, bobValue).LT(math.NewInt(3_000_000)), "bob's 3,000,000 are worth %s", bobValue)
	_, aliceValue := position(alice)
	require.Equal(t, math.NewInt(2_999_000).Mul(staked).Quo(supply).String(), aliceValue)
	// With the stake as the price bob would hold 3,000,000 shares worth 3,000,000 + received / 2.
	t.Logf("paid in %s stake, fee %s, swapped for %s; bob: %s shares worth %s (at the stake price: %s); alice 2,999,000 worth %s",
		paidIn, fee, received, bobShares, bobValue, math.NewInt(3_000_000).Add(received.QuoRaw(2)), aliceValue)
}

// TestCompounderNewStakeSkipsAJailedValidatorOnChain: x/slashing jails the least-staked configured
// validator for downtime (the compounder's 500,000 there slashed to 495,000); the next deposit and
// the harvest's restake go to the bonded validators (the stakes query's status), not to the jailed
// one, where the stake would earn nothing.
func TestCompounderNewStakeSkipsAJailedValidatorOnChain(t *testing.T) {
	w := newCompounderWorldCfg(t, slashingConfig(), 3, "alice", "bob") // 3 validators
	c := w.c
	alice, bob, keeper := c.Account("alice"), c.Account("bob"), c.Account("keeper")
	// Least staked first (the first on ties): val0, val1, then val2 takes the 500,000.
	for i, amount := range []int64{1_000_000, 1_000_000, 500_000} {
		res := w.exec(t, alice, `{"deposit":{}}`, assetCoins(amount))
		require.Equal(t, w.vals[i], harness.MustAttr(t, res, "wasm", "validator"))
	}
	bad := c.Validators()[2]
	jailForDowntime(t, c, bad)
	require.Equal(t, math.NewInt(495_000), c.AllianceDelegationAmount(w.comp, bad.ValAddr, asset))
	// val2 is still the least staked; the deposit goes to val0 (the first of the two bonded ones on
	// the tie), the harvest's restake to val1 (then the least staked bonded one).
	res := w.exec(t, bob, `{"deposit":{}}`, assetCoins(100_000))
	require.Equal(t, w.vals[0], harness.MustAttr(t, res, "wasm", "validator"))
	res = w.exec(t, keeper, `{"harvest":{}}`, nil)
	require.Equal(t, w.vals[1], harness.MustAttr(t, res, "wasm-compounder-harvest", "validator"))
	restaked := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "restaked"), asset))
	require.True(t, restaked.IsPositive())
	require.Equal(t, math.NewInt(1_100_000), c.AllianceDelegationAmount(w.comp, c.Validators()[0].ValAddr, asset))
	require.Equal(t, math.NewInt(1_000_000).Add(restaked), c.AllianceDelegationAmount(w.comp, c.Validators()[1].ValAddr, asset))
	require.Equal(t, math.NewInt(495_000), c.AllianceDelegationAmount(w.comp, bad.ValAddr, asset))
}

// TestCompounderRefusesMalformedValidators: every deposit and harvest asks the chain about the
// configured validators; the chain refuses a malformed address and the same validator in two
// spellings (bech32 upper case), which would fail every deposit. Instantiation refuses them.
func TestCompounderRefusesMalformedValidators(t *testing.T) {
	w := newCompounderWorld(t, 1)
	c := w.c
	lp := c.Account("lp")
	codeID := c.App.WasmKeeper.GetContractInfo(c.Context(), w.comp).CodeID
	for _, vals := range [][]string{{"alliancevaloper1notanaddress"}, {w.vals[0], strings.ToUpper(w.vals[0])}} {
		list, _ := json.Marshal(vals)
		res := c.Deliver(lp, &wasmtypes.MsgInstantiateContract{Sender: lp.Address.String(), CodeID: codeID, Label: "bad",
			Msg: []byte(`{"asset_denom":"` + asset + `","validators":` + string(list) + `,"routes":[],"fee_bps":0,"fee_recipient":"` +
				lp.Address.String() + `","harvest_interval":60,"max_spread":"0.05","twap_window":60,"share":{"symbol":"cuasset","decimals":6}}`)})
		require.Error(t, res.Err(), "%v", vals)
		require.Contains(t, res.Log, "validators: stakes query", "%v", vals)
	}
}
