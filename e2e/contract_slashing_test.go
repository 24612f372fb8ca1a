package e2e_test

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The wrapped token and the compounder when their validator is slashed for a double sign (the
// real x/evidence path) committed before two holders' unbondings, which are immature: the chain returns less than the
// claims recorded, and each holder is paid exactly its pro-rata share of what came back,
// floor(recorded_i · returned / Σ recorded), reconciled with the x/alliance unbonding entries
// read before maturity. The remaining holders' stake is not touched by the payouts, and the
// contract pays out no more than it received.

// slashWorld: three validators (one can go offline without halting the chain), the asset
// listed, the contract instantiated with the validator that will go offline as its only one.
type slashWorld struct {
	c        *harness.Chain
	contract sdk.AccAddress
	bad      *harness.Validator
	// the double sign happens at the world's creation, before any deposit:
	// the unbondings made later backed the validator at the infraction
	infraction, power int64
}

func newSlashWorld(t *testing.T, fixture string, instantiate func(val, treasury string) string) *slashWorld {
	t.Helper()
	cfg := slashingConfig()
	cfg.Funds = map[string]sdk.Coins{"deployer": stake(10_001_000), "treasury": stake(1)}
	for _, u := range []string{"alice", "bob"} {
		cfg.Funds[u] = assetCoins(10_000_000)
	}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	w := &slashWorld{c: c, bad: c.Validators()[0]}
	val, err := c.App.StakingKeeper.GetValidator(c.Context(), w.bad.ValAddr)
	require.NoError(t, err)
	w.infraction, w.power = c.Height(), val.ConsensusPower(c.App.StakingKeeper.PowerReduction(c.Context()))
	deployer := c.Account("deployer")
	code := c.StoreCode(deployer, harness.Fixture(t, fixture))
	var funds sdk.Coins
	if fixture == "compounder.wasm" { // its share denom's creation fee
		funds = c.App.TokenFactoryKeeper.GetParams(c.Context()).DenomCreationFee
	}
	w.contract = c.Instantiate(deployer, code, fixture, []byte(instantiate(w.bad.ValAddr.String(), c.Account("treasury").Address.String())), funds)
	return w
}

func (w *slashWorld) exec(t *testing.T, who *harness.Account, msg string, funds sdk.Coins) harness.TxResult {
	t.Helper()
	res := w.c.Execute(who, w.contract, []byte(msg), funds)
	require.NoError(t, res.Err(), msg)
	return res
}

func (w *slashWorld) query(t *testing.T, msg string, out any) {
	t.Helper()
	require.NoError(t, w.c.QuerySmart(w.contract, []byte(msg), out))
}

// slashWhileUnbonding reports the validator's double sign at the world's creation (x/evidence
// slashes, jails and tombstones it), then returns the contract's unbonding entries as x/alliance
// lists them (slashed, still immature): their sum is what the chain will return.
func (w *slashWorld) slashWhileUnbonding(t *testing.T, entries int) math.Int {
	t.Helper()
	c := w.c
	before := c.AllianceDelegationAmount(w.contract, w.bad.ValAddr, asset)
	c.DoubleSign(w.bad, w.infraction, w.power)
	c.NextBlock()
	val, err := c.App.StakingKeeper.GetValidator(c.Context(), w.bad.ValAddr)
	require.NoError(t, err)
	require.True(t, val.Jailed, "the double-signing validator was not jailed")
	require.True(t, c.AllianceDelegationAmount(w.contract, w.bad.ValAddr, asset).LT(before), "the bonded stake was not slashed")
	ub, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: w.contract.String()})
	require.NoError(t, err)
	require.Len(t, ub.Unbondings, entries)
	returned := math.ZeroInt()
	for _, u := range ub.Unbondings {
		require.True(t, u.CompletionTime.After(c.Time()), "entry already mature")
		returned = returned.Add(u.Amount)
	}
	return returned
}

// settleAndPay matures the entries, lets alice then bob collect with msg, and checks each payout
// against floor(recorded_i · returned / Σ recorded); it returns what the contract keeps.
func (w *slashWorld) settleAndPay(t *testing.T, msg string, returned, aliceRec, bobRec math.Int) math.Int {
	t.Helper()
	c := w.c
	expected := aliceRec.Add(bobRec)
	require.True(t, returned.LT(expected), "the slash did not reach the unbondings: %s of %s", returned, expected)
	held := c.Balance(w.contract, asset).Amount
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	c.NextBlock()
	require.Equal(t, held.Add(returned), c.Balance(w.contract, asset).Amount, "the chain did not pay the listed entries")
	total := math.ZeroInt()
	for _, p := range []struct {
		who      string
		recorded math.Int
	}{{"alice", aliceRec}, {"bob", bobRec}} {
		acc := c.Account(p.who)
		before := c.Balance(acc.Address, asset).Amount
		w.exec(t, acc, msg, nil)
		paid := c.Balance(acc.Address, asset).Amount.Sub(before)
		want := p.recorded.Mul(returned).Quo(expected) // floor
		require.Equal(t, want, paid, "%s recorded %s, returned %s of %s", p.who, p.recorded, returned, expected)
		require.True(t, paid.LT(p.recorded))
		total = total.Add(paid)
		t.Logf("%s: recorded %s, paid %s", p.who, p.recorded, paid)
	}
	// Nothing created: the payouts and what stays in the contract are exactly what came back.
	kept := c.Balance(w.contract, asset).Amount.Sub(held)
	require.Equal(t, returned, total.Add(kept))
	require.True(t, kept.LT(math.NewInt(2)), "more than the rounding dust stayed: %s", kept)
	return kept
}

func TestTokenSlashedUnbondingsOnChain(t *testing.T) {
	w := newSlashWorld(t, "token.wasm", func(val, _ string) string {
		return `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"` + asset + `","validators":["` + val + `"],"unbond_epoch":` +
			strconv.Itoa(int(tokenEpoch/time.Second)) + `}`
	})
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000)) // 2,999,000 shares + 1,000 locked
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(2_000_000))
	// Both queue their shares into batch 0.
	res := w.exec(t, alice, `{"unbond":{"amount":"1000000"}}`, nil)
	require.Equal(t, "1000000", harness.MustAttr(t, res, "wasm", "shares"))
	res = w.exec(t, bob, `{"unbond":{"amount":"600000"}}`, nil)
	require.Equal(t, "1600000", harness.MustAttr(t, res, "wasm", "batch_shares"))
	// Nothing slashed yet, no take rate: one token per share at processing, one undelegation,
	// one entry of 1,600,000, shared by their claims.
	c.AdvanceTime(tokenEpoch)
	c.NextBlock()
	res = w.exec(t, c.Account("treasury"), `{"process_unbonds":{}}`, nil)
	require.Equal(t, "1600000", harness.MustAttr(t, res, "wasm", "shares"))
	require.Equal(t, "1600000", harness.MustAttr(t, res, "wasm", "amount"))

	returned := w.slashWhileUnbonding(t, 1)
	var st tokenState
	w.query(t, `{"state":{}}`, &st)
	staked := c.AllianceDelegationAmount(w.contract, w.bad.ValAddr, asset)
	require.Equal(t, staked.String(), st.TotalStaked)
	require.Equal(t, "3400000", st.TotalSupply)

	kept := w.settleAndPay(t, `{"withdraw":{}}`, returned, math.NewInt(1_000_000), math.NewInt(600_000))
	// The remaining 3,400,000 shares own the same stake as before the withdrawals.
	var after tokenState
	w.query(t, `{"state":{}}`, &after)
	require.Equal(t, st, after)
	require.Equal(t, staked, c.AllianceDelegationAmount(w.contract, w.bad.ValAddr, asset))
	// The dust is the holders': the contract's claim book has nothing owed, and a harvest
	// restakes exactly it (the validator is jailed but still takes delegations).
	res = w.exec(t, c.Account("treasury"), `{"harvest":{}}`, nil)
	require.Equal(t, kept.String(), harness.MustAttr(t, res, "wasm", "restaked"))
	require.True(t, c.Balance(w.contract, asset).Amount.IsZero())
}

func TestCompounderSlashedUnbondingsOnChain(t *testing.T) {
	w := newSlashWorld(t, "compounder.wasm", func(val, treasury string) string {
		return `{"asset_denom":"` + asset + `","validators":["` + val + `"],"routes":[],"fee_bps":0,"fee_recipient":"` + treasury + `","harvest_interval":60,"max_spread":"0.05","twap_window":60,"share":{"symbol":"cuasset","decimals":6}}`
	})
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(2_000_000))
	// Both withdrawals queue in one batch; processed an epoch later at one token per share: one
	// undelegation, one entry of 1,600,000, shared by the two claims.
	share := "factory/" + w.contract.String() + "/cuasset"
	w.exec(t, alice, `{"withdraw":{}}`, sdk.NewCoins(sdk.NewInt64Coin(share, 1_000_000)))
	w.exec(t, bob, `{"withdraw":{}}`, sdk.NewCoins(sdk.NewInt64Coin(share, 600_000)))
	c.AdvanceTime(compounderEpoch)
	res := w.exec(t, c.Account("treasury"), `{"process_withdrawals":{}}`, nil)
	require.Equal(t, "1600000", harness.MustAttr(t, res, "wasm", "amount"))

	returned := w.slashWhileUnbonding(t, 1)
	var st compState
	w.query(t, `{"state":{}}`, &st)
	staked := c.AllianceDelegationAmount(w.contract, w.bad.ValAddr, asset)
	require.Equal(t, staked.String(), st.TotalStaked)
	require.Equal(t, "3400000", st.TotalShares)
	type position struct {
		Shares string `json:"shares"`
		Value  string `json:"value"`
	}
	var bobBefore position
	w.query(t, `{"position":{"address":"`+bob.Address.String()+`"}}`, &bobBefore)

	w.settleAndPay(t, `{"claim":{}}`, returned, math.NewInt(1_000_000), math.NewInt(600_000))
	var after compState
	w.query(t, `{"state":{}}`, &after)
	require.Equal(t, st, after)
	var bobAfter position
	w.query(t, `{"position":{"address":"`+bob.Address.String()+`"}}`, &bobAfter)
	require.Equal(t, bobBefore, bobAfter)
	require.Equal(t, "1400000", bobAfter.Shares)
	var claims struct {
		Claims []json.RawMessage `json:"claims"`
	}
	w.query(t, `{"claims":{"address":"`+alice.Address.String()+`"}}`, &claims)
	require.Empty(t, claims.Claims)
}
