package e2e_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// TestPairPoolsWrappedToken pools our wrapped token (contracts/artifacts/token.wasm, a cw20)
// against the bond denom in the pair (contracts/artifacts/pair.wasm), on the real chain: the
// provision pulls the token with transfer_from within an allowance, a swap in comes through the
// token's send (the pair's receive hook), a swap out and the withdrawal pay it with transfer.
// The pool numbers are those of contracts/pair's unit tests (1,000,000 token / 4,000,000 stake,
// 30 bps), computed by hand there; every balance is checked exactly, on both ledgers.
func TestPairPoolsWrappedToken(t *testing.T) {
	w := newTokenWorld(t, 1, "0", 0, "alice", "bob")
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	// Alice's first deposit: 3,000,000 shares minus the 1,000 the token locks.
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	require.Equal(t, "2999000", w.shares(t, alice.Address).String())
	w.exec(t, alice, `{"transfer":{"recipient":"`+bob.String()+`","amount":"100000"}}`, nil)

	tok := w.token.String()
	c.Fund(alice.Address, lpCreationFee(t, c)) // alice sends the LP denom's creation fee with the instantiation
	pair := c.Instantiate(alice, c.StoreCode(alice, harness.Fixture(t, "pair.wasm")), "stASSET-stake",
		[]byte(`{"asset_infos":[{"token":{"contract_addr":"`+tok+`"}},{"native_token":{"denom":"`+app.BondDenom+`"}}],"fee_bps":30}`), lpCreationFee(t, c))
	lp := lpDenomOf(pair)
	exec := func(who *harness.Account, contract sdk.AccAddress, msg string, funds sdk.Coins) int64 {
		t.Helper()
		res := c.Execute(who, contract, []byte(msg), funds)
		require.NoError(t, res.Err(), msg)
		return res.GasUsed
	}
	query := func(msg string) string {
		t.Helper()
		var out json.RawMessage
		require.NoError(t, c.QuerySmart(pair, []byte(msg), &out), msg)
		return string(out)
	}
	tokenAsset := func(amount string) string {
		return `{"info":{"token":{"contract_addr":"` + tok + `"}},"amount":"` + amount + `"}`
	}
	stakeAsset := func(amount string) string {
		return `{"info":{"native_token":{"denom":"` + app.BondDenom + `"}},"amount":"` + amount + `"}`
	}
	stakeOf := func(a *harness.Account) int64 { return c.Balance(a.Address, app.BondDenom).Amount.Int64() }
	// The pool's holdings on both ledgers are its reserves, and the pool query says so.
	expectPool := func(token, ustake, total string) {
		t.Helper()
		require.Equal(t, `{"assets":[`+tokenAsset(token)+`,`+stakeAsset(ustake)+`],"total_share":"`+total+`"}`, query(`{"pool":{}}`))
		require.Equal(t, token, w.shares(t, pair).String())
		require.Equal(t, ustake, c.Balance(pair, app.BondDenom).Amount.String())
	}
	gas := map[string]int64{}

	// Provide: alice allows the pair 1,000,000 token and provides it with 4,000,000 stake:
	// sqrt(4e12) = 2,000,000 shares, 1,000 locked.
	exec(alice, w.token, `{"increase_allowance":{"spender":"`+pair.String()+`","amount":"1000000"}}`, nil)
	aliceStake := stakeOf(alice)
	gas["provide (transfer_from)"] = exec(alice, pair, `{"provide_liquidity":{"assets":[`+tokenAsset("1000000")+`,`+stakeAsset("4000000")+`]}}`, stake(4_000_000))
	require.Equal(t, `{"shares":"1999000"}`, query(`{"share":{"address":"`+alice.String()+`"}}`))
	require.Equal(t, int64(1_999_000), c.Balance(alice.Address, lp).Amount.Int64())
	require.Equal(t, int64(2_000_000), c.App.BankKeeper.GetSupply(c.Context(), lp).Amount.Int64()) // 1,000 locked in the pair
	require.Equal(t, "1899000", w.shares(t, alice.Address).String())                               // 2,999,000 − 100,000 − 1,000,000
	require.Equal(t, aliceStake-4_000_000, stakeOf(alice))
	expectPool("1000000", "4000000", "2000000")
	require.Equal(t, `{"asset_infos":[{"token":{"contract_addr":"`+tok+`"}},{"native_token":{"denom":"`+app.BondDenom+`"}}],"fee_bps":30,"liquidity_token":"`+lp+`"}`, query(`{"pair":{}}`))

	// Token in, through the token's send: 10,000 → gross floor(4e6·1e4/1,010,000) = 39,603,
	// commission ceil(118.809) = 119, return 39,484 stake to bob (spread 397 within 0.02).
	hook := base64.StdEncoding.EncodeToString([]byte(`{"swap":{"max_spread":"0.02"}}`))
	bobStake := stakeOf(bob)
	gas["swap token in (send)"] = exec(bob, w.token, `{"send":{"contract":"`+pair.String()+`","amount":"10000","msg":"`+hook+`"}}`, nil)
	require.Equal(t, bobStake+39_484, stakeOf(bob))
	require.Equal(t, "90000", w.shares(t, bob.Address).String())
	expectPool("1010000", "3960516", "2000000")

	// Stake in, token out with transfer: 10,000 stake → gross floor(1,010,000·1e4/3,970,516) =
	// 2,543, commission ceil(7.629) = 8, return 2,535 token.
	bobStake = stakeOf(bob)
	gas["swap token out (transfer)"] = exec(bob, pair, `{"swap":{"offer_asset":`+stakeAsset("10000")+`,"ask_asset_info":{"token":{"contract_addr":"`+tok+`"}}}}`, stake(10_000))
	require.Equal(t, bobStake-10_000, stakeOf(bob))
	require.Equal(t, "92535", w.shares(t, bob.Address).String())
	expectPool("1007465", "3970516", "2000000")

	// Refused, changing nothing: bob posing as the cw20 (a fake receive), a direct swap of the
	// token, a hook for the token itself.
	fake := c.Execute(bob, pair, []byte(`{"receive":{"sender":"`+bob.String()+`","amount":"500000","msg":"`+hook+`"}}`), nil)
	require.ErrorContains(t, fake.Err(), "only the pair's cw20 contracts may call receive")
	direct := c.Execute(bob, pair, []byte(`{"swap":{"offer_asset":`+tokenAsset("10")+`}}`), nil)
	require.ErrorContains(t, direct.Err(), "a cw20 is swapped through its send with a swap hook")
	wrong := base64.StdEncoding.EncodeToString([]byte(`{"swap":{"ask_asset_info":{"token":{"contract_addr":"` + tok + `"}}}}`))
	bad := c.Execute(bob, w.token, []byte(`{"send":{"contract":"`+pair.String()+`","amount":"10","msg":"`+wrong+`"}}`), nil)
	require.ErrorContains(t, bad.Err(), "is not the other side of the pair")
	require.Equal(t, "92535", w.shares(t, bob.Address).String())
	expectPool("1007465", "3970516", "2000000")

	// Withdraw: alice takes 999,000 of her shares: floor(999000·1,007,465/2e6) = 503,228 token
	// (transfer) and floor(999000·3,970,516/2e6) = 1,983,272 stake (bank send).
	aliceStake = stakeOf(alice)
	gas["withdraw (transfer + send)"] = exec(alice, pair, `{"withdraw_liquidity":{}}`, sdk.NewCoins(sdk.NewInt64Coin(lp, 999_000)))
	require.Equal(t, "2402228", w.shares(t, alice.Address).String()) // 1,899,000 + 503,228
	require.Equal(t, aliceStake+1_983_272, stakeOf(alice))
	require.Equal(t, `{"shares":"1000000"}`, query(`{"share":{"address":"`+alice.String()+`"}}`))
	require.Equal(t, int64(1_001_000), c.App.BankKeeper.GetSupply(c.Context(), lp).Amount.Int64()) // the 999,000 burned
	expectPool("504237", "1987244", "1001000")
	for _, step := range []string{"provide (transfer_from)", "swap token in (send)", "swap token out (transfer)", "withdraw (transfer + send)"} {
		t.Logf("cw20 pair gas %-28s %d", step, gas[step])
	}
}

// TestPairCollectsWrappedTokenRewards: the wrapped token's rewards on the tokens sitting in a
// token/stake pool accrue to the pair like to any holder; collect_rewards (anyone) claims them
// and adds them to the stake reserve, so the LP withdraws more stake than without them, exactly
// the pro-rata part of what the token paid. The amount X the token pays is read from its
// claim_rewards event in the collection's transaction (rewards accrue every block, so the
// pending_rewards answered before is a lower bound) and every number follows from it.
func TestPairCollectsWrappedTokenRewards(t *testing.T) {
	w := newTokenWorld(t, 1, "0", 0, "alice", "bob")
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	tok := w.token.String()
	c.Fund(alice.Address, lpCreationFee(t, c))
	pair := c.Instantiate(alice, c.StoreCode(alice, harness.Fixture(t, "pair.wasm")), "stASSET-stake",
		[]byte(`{"asset_infos":[{"token":{"contract_addr":"`+tok+`"}},{"native_token":{"denom":"`+app.BondDenom+`"}}],"fee_bps":30}`), lpCreationFee(t, c))
	lp := lpDenomOf(pair)
	w.exec(t, alice, `{"increase_allowance":{"spender":"`+pair.String()+`","amount":"1000000"}}`, nil)
	provide := `{"provide_liquidity":{"assets":[{"info":{"token":{"contract_addr":"` + tok + `"}},"amount":"1000000"},{"info":{"native_token":{"denom":"` + app.BondDenom + `"}},"amount":"4000000"}]}}`
	require.NoError(t, c.Execute(alice, pair, []byte(provide), stake(4_000_000)).Err())
	pool := func() string {
		var out json.RawMessage
		require.NoError(t, c.QuerySmart(pair, []byte(`{"pool":{}}`), &out))
		return string(out)
	}
	poolJSON := func(token, ustake, total int64) string {
		return fmt.Sprintf(`{"assets":[{"info":{"token":{"contract_addr":"%s"}},"amount":"%d"},{"info":{"native_token":{"denom":"%s"}},"amount":"%d"}],"total_share":"%d"}`,
			tok, token, app.BondDenom, ustake, total)
	}
	require.Equal(t, poolJSON(1_000_000, 4_000_000, 2_000_000), pool())

	// Ten blocks of rewards; the pair holds 1,000,000 of the 3,000,000 shares.
	c.NextBlocks(10)
	var pending struct{ Rewards string }
	w.query(t, `{"pending_rewards":{"address":"`+pair.String()+`"}}`, &pending)
	before, err := strconv.ParseInt(pending.Rewards, 10, 64)
	require.NoError(t, err)
	require.Positive(t, before)
	pairStake := c.Balance(pair, app.BondDenom).Amount.Int64()
	res := c.Execute(bob, pair, []byte(`{"collect_rewards":{}}`), nil)
	require.NoError(t, res.Err())
	x := claimedFrom(t, res, tok, pair.String())
	t.Logf("collect_rewards: %d gas, %d stake collected (pending before: %d)", res.GasUsed, x, before)
	require.GreaterOrEqual(t, x, before) // rewards only grow between the query and the claim
	require.Equal(t, pairStake+x, c.Balance(pair, app.BondDenom).Amount.Int64())
	require.Equal(t, poolJSON(1_000_000, 4_000_000+x, 2_000_000), pool())
	v, ok := harness.Attr(res.Events, "wasm", "to_pool")
	require.True(t, ok)
	require.Equal(t, fmt.Sprintf("0%s, %dstake", tok, x), v)
	w.query(t, `{"pending_rewards":{"address":"`+pair.String()+`"}}`, &pending)
	require.Equal(t, "0", pending.Rewards)

	// Alice withdraws 999,000 of the 2,000,000 shares: floor(999000·1,000,000/2e6) = 499,500
	// token and floor(999000·(4,000,000 + X)/2e6) stake, where without the rewards it would be
	// 1,998,000.
	aliceStake := c.Balance(alice.Address, app.BondDenom).Amount.Int64()
	require.NoError(t, c.Execute(alice, pair, []byte(`{"withdraw_liquidity":{}}`), sdk.NewCoins(sdk.NewInt64Coin(lp, 999_000))).Err())
	got := c.Balance(alice.Address, app.BondDenom).Amount.Int64() - aliceStake
	require.Equal(t, 999_000*(4_000_000+x)/2_000_000, got)
	require.Greater(t, got, int64(1_998_000))
	require.Equal(t, int64(1_001_000), c.App.BankKeeper.GetSupply(c.Context(), lp).Amount.Int64())
}

// claimedFrom is the amount the cw20 token's claim_rewards paid recipient in res (its wasm
// event: action claim_rewards, recipient, amount).
func claimedFrom(t *testing.T, res harness.TxResult, token, recipient string) int64 {
	t.Helper()
	for _, e := range harness.EventsOfType(res.Events, "wasm") {
		attrs := map[string]string{}
		for _, a := range e.Attributes {
			attrs[a.Key] = a.Value
		}
		if attrs["_contract_address"] == token && attrs["action"] == "claim_rewards" && attrs["recipient"] == recipient {
			n, err := strconv.ParseInt(attrs["amount"], 10, 64)
			require.NoError(t, err)
			return n
		}
	}
	t.Fatalf("no claim_rewards of %s for %s in the transaction", token, recipient)
	return 0
}
