package e2e_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The wrapped alliance-staking token (contracts/artifacts/token.wasm) on the real chain: gov lists
// the asset with a take rate, two users deposit, rewards accrue over blocks, the take rate lowers
// the exchange rate, one user transfers, everyone claims rewards, one unbonds and withdraws after
// the unbonding time. Every amount is reconciled with x/alliance and bank state.

type tokenWorld struct {
	c        *harness.Chain
	token    sdk.AccAddress
	vals     []string
	treasury *harness.Account
	// received sums the rewards x/alliance paid to the contract, from the chain's own
	// ClaimAllianceRewardsEvent of every contract transaction.
	received math.Int
}

// tokenEpoch is the token's unbond_epoch in these tests: more than the harness's unbonding time
// (24 h) over MaxEntries (7) = 12,342.9 s, so no sequence of batches can hit the entry cap.
const tokenEpoch = 12_343 * time.Second

func newTokenWorld(t *testing.T, validators int, takeRate string, feeBps int, users ...string) *tokenWorld {
	t.Helper()
	return newTokenWorldFunded(t, nil, validators, takeRate, feeBps, users...)
}

// newTokenWorldFunded is newTokenWorld with extra genesis funds.
func newTokenWorldFunded(t *testing.T, extra map[string]sdk.Coins, validators int, takeRate string, feeBps int, users ...string) *tokenWorld {
	t.Helper()
	cfg := harness.DefaultConfig()
	cfg.Validators = validators
	return newTokenWorldOn(t, cfg, extra, takeRate, feeBps, users...)
}

// newTokenWorldOn is newTokenWorldFunded on a chain configured by cfg (its validators are the
// token's).
func newTokenWorldOn(t *testing.T, cfg harness.Config, extra map[string]sdk.Coins, takeRate string, feeBps int, users ...string) *tokenWorld {
	t.Helper()
	cfg.Funds = map[string]sdk.Coins{"deployer": stake(1_000), "treasury": stake(1), "keeper": stake(1)}
	for _, u := range users {
		cfg.Funds[u] = assetCoins(10_000_000).Add(sdk.NewInt64Coin(app.BondDenom, 10_000_000))
	}
	for name, coins := range extra {
		cfg.Funds[name] = cfg.Funds[name].Add(coins...)
	}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1", TakeRate: takeRate, WeightMax: "10"}) // x/alliance caps weights at 10
	w := &tokenWorld{c: c, treasury: c.Account("treasury"), received: math.ZeroInt()}
	for _, v := range c.Validators() {
		w.vals = append(w.vals, v.ValAddr.String())
	}
	deployer := c.Account("deployer")
	code := c.StoreCode(deployer, harness.Fixture(t, "token.wasm"))
	vals, _ := json.Marshal(w.vals)
	w.token = c.Instantiate(deployer, code, "staked asset", []byte(`{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"`+asset+
		`","validators":`+string(vals)+`,"fee_bps":`+strconv.Itoa(feeBps)+`,"fee_address":"`+w.treasury.Address.String()+
		`","unbond_epoch":`+strconv.Itoa(int(tokenEpoch/time.Second))+`}`), nil)
	return w
}

func (w *tokenWorld) exec(t *testing.T, who *harness.Account, msg string, funds sdk.Coins) harness.TxResult {
	t.Helper()
	res := w.c.Execute(who, w.token, []byte(msg), funds)
	require.NoError(t, res.Err(), msg)
	w.received = w.received.Add(harness.ClaimedBy(t, res, w.token, app.BondDenom))
	return res
}

func (w *tokenWorld) query(t *testing.T, msg string, out any) {
	t.Helper()
	require.NoError(t, w.c.QuerySmart(w.token, []byte(msg), out))
}

type tokenState struct {
	TotalStaked  string `json:"total_staked"`
	TotalSupply  string `json:"total_supply"`
	ExchangeRate string `json:"exchange_rate"`
	RewardIndex  string `json:"reward_index"`
	Reserved     string `json:"reserved_rewards"`
	Queued       string `json:"queued_shares"`
}

func (w *tokenWorld) state(t *testing.T) tokenState {
	t.Helper()
	var s tokenState
	w.query(t, `{"state":{}}`, &s)
	return s
}

func (w *tokenWorld) shares(t *testing.T, who sdk.AccAddress) math.Int {
	t.Helper()
	var b struct {
		Balance string `json:"balance"`
	}
	w.query(t, `{"balance":{"address":"`+who.String()+`"}}`, &b)
	return mustInt(t, b.Balance)
}

func (w *tokenWorld) pending(t *testing.T, who sdk.AccAddress) math.Int {
	t.Helper()
	var p struct {
		Rewards string `json:"rewards"`
	}
	w.query(t, `{"pending_rewards":{"address":"`+who.String()+`"}}`, &p)
	return mustInt(t, p.Rewards)
}

// staked is the contract's alliance stake summed over the validators, from x/alliance.
func (w *tokenWorld) staked() math.Int {
	sum := math.ZeroInt()
	for _, v := range w.c.Validators() {
		sum = sum.Add(w.c.AllianceDelegationAmount(w.token, v.ValAddr, asset))
	}
	return sum
}

func (w *tokenWorld) bondBalance(addr sdk.AccAddress) math.Int {
	return w.c.Balance(addr, app.BondDenom).Amount
}

func TestTokenOnChain(t *testing.T) {
	w := newTokenWorld(t, 2, "0.01", 500, "alice", "bob")
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")

	// Alice's first deposit: 1 share per token, 1000 locked with the contract, to validator 0.
	res := w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	require.Equal(t, "2999000", harness.MustAttr(t, res, "wasm", "shares"))
	require.Equal(t, w.vals[0], harness.MustAttr(t, res, "wasm", "validator"))
	require.Equal(t, math.NewInt(3_000_000), w.staked())

	// Bob's deposit at the rate read from the chain, to the least-staked validator (1).
	S, N := w.staked(), math.NewInt(3_000_000)
	res = w.exec(t, bob, `{"deposit":{}}`, assetCoins(1_000_000))
	bobShares := math.NewInt(1_000_000).Mul(N).Quo(S)
	require.Equal(t, bobShares.String(), harness.MustAttr(t, res, "wasm", "shares"))
	require.Equal(t, w.vals[1], harness.MustAttr(t, res, "wasm", "validator"))
	require.Equal(t, math.NewInt(1_000_000), c.AllianceDelegationAmount(w.token, c.Validators()[1].ValAddr, asset))
	supply := N.Add(bobShares)

	// Rewards accrue over blocks; the take rate (1 % per 5 minutes) lowers the stake by itself.
	c.NextBlocks(10)
	before := w.staked()
	c.AdvanceTime(5 * time.Minute)
	c.NextBlock()
	after := w.staked()
	require.True(t, after.LT(before), "take rate did not reduce the stake: %s -> %s", before, after)
	st := w.state(t)
	require.Equal(t, after.String(), st.TotalStaked)
	require.Equal(t, supply.String(), st.TotalSupply)
	rate, err := math.LegacyNewDecFromStr(st.ExchangeRate)
	require.NoError(t, err)
	require.True(t, rate.LT(math.LegacyOneDec()), "rate %s", rate)
	require.Equal(t, math.LegacyNewDecFromInt(after).QuoTruncate(math.LegacyNewDecFromInt(supply)), rate)
	// The contract is the only staker of the asset: x/alliance's total is its stake.
	listed, err := c.App.AllianceKeeper.GetAsset(c.Context(), asset)
	require.NoError(t, err)
	require.Equal(t, after, listed.TotalTokens)

	// Alice transfers 1,000,000 shares to bob.
	w.exec(t, alice, `{"transfer":{"recipient":"`+bob.Address.String()+`","amount":"1000000"}}`, nil)
	require.Equal(t, math.NewInt(1_999_000), w.shares(t, alice.Address))
	require.Equal(t, bobShares.Add(math.NewInt(1_000_000)), w.shares(t, bob.Address))
	c.NextBlocks(5)

	// Everyone claims: each payout is what the contract said and reaches the claimer's account.
	for _, who := range []*harness.Account{alice, bob, w.treasury} {
		bal := w.bondBalance(who.Address)
		res := w.exec(t, who, `{"claim_rewards":{}}`, nil)
		paid := mustInt(t, harness.MustAttr(t, res, "wasm", "amount"))
		require.True(t, paid.IsPositive(), "%s claimed nothing", who.Address)
		require.Equal(t, bal.Add(paid).Sub(txFee(res)), w.bondBalance(who.Address))
		t.Logf("%s claimed %s%s", map[string]string{alice.Address.String(): "alice", bob.Address.String(): "bob", w.treasury.Address.String(): "treasury (fee)"}[who.Address.String()], paid, app.BondDenom)
	}
	// Conservation: what x/alliance paid the contract is exactly what holders were paid plus what
	// the contract still holds, and everything booked is backed.
	paidOut := math.ZeroInt()
	for _, who := range []*harness.Account{alice, bob, w.treasury} {
		paidOut = paidOut.Add(w.paidTo(t, who))
	}
	held := w.bondBalance(w.token)
	require.True(t, w.received.IsPositive())
	require.Equal(t, w.received, paidOut.Add(held), "received %s, paid %s, held %s", w.received, paidOut, held)
	require.True(t, mustInt(t, w.state(t).Reserved).LTE(held))

	// The take rate flows back to alliance stakers partly as the asset itself: those rewards sit
	// in the contract until anyone harvests, which restakes them (and claims what is pending
	// first, so nothing is left behind).
	keeper := c.Account("keeper")
	require.True(t, c.Balance(w.token, asset).IsPositive(), "asset-denom rewards expected from the take rate")
	S0 := w.staked()
	res = w.exec(t, keeper, `{"harvest":{}}`, nil)
	restaked := mustInt(t, harness.MustAttr(t, res, "wasm", "restaked"))
	require.True(t, restaked.IsPositive())
	require.Equal(t, S0.Add(restaked), w.staked())
	require.True(t, c.Balance(w.token, asset).IsZero(), "left %s", c.Balance(w.token, asset))
	supply = mustInt(t, w.state(t).TotalSupply)

	// Bob unbonds everything: his shares join the current batch, still owning their stake (the
	// rate's supply is the circulating supply plus the queued shares) until processed.
	bobAll := w.shares(t, bob.Address)
	S = w.staked()
	res = w.exec(t, bob, `{"unbond":{"amount":"`+bobAll.String()+`"}}`, nil)
	require.Equal(t, bobAll.String(), harness.MustAttr(t, res, "wasm", "shares"))
	require.Equal(t, "0", harness.MustAttr(t, res, "wasm", "batch_id"))
	require.Equal(t, S, w.staked())
	st = w.state(t)
	require.Equal(t, S.String(), st.TotalStaked)
	require.Equal(t, supply.Sub(bobAll).String(), st.TotalSupply)
	require.Equal(t, bobAll.String(), st.Queued)
	var claims struct {
		Claims []struct {
			BatchID        uint64  `json:"batch_id"`
			Shares         string  `json:"shares"`
			Amount         *string `json:"amount"`
			State          string  `json:"state"`
			CompletionTime string  `json:"completion_time"`
			Payout         *string `json:"payout"`
		} `json:"claims"`
	}
	w.query(t, `{"claims":{"address":"`+bob.Address.String()+`"}}`, &claims)
	require.Len(t, claims.Claims, 1)
	require.Equal(t, "pending", claims.Claims[0].State)
	require.Equal(t, bobAll.String(), claims.Claims[0].Shares)
	require.Nil(t, claims.Claims[0].Amount)
	// Before the epoch has elapsed nobody can process the batch.
	early := c.Execute(keeper, w.token, []byte(`{"process_unbonds":{}}`), nil)
	require.Error(t, early.Err())
	require.Contains(t, early.Log, "batch 0 cannot be processed before")
	c.AdvanceTime(tokenEpoch)
	c.NextBlock()
	// Processed at the rate of now (take rate since the unbond included): floor(shares · staked /
	// (supply + queued)), from the chain's numbers.
	S = w.staked()
	want := bobAll.Mul(S).Quo(supply)
	res = w.exec(t, keeper, `{"process_unbonds":{}}`, nil)
	require.Equal(t, bobAll.String(), harness.MustAttr(t, res, "wasm", "shares"))
	require.Equal(t, want.String(), harness.MustAttr(t, res, "wasm", "amount"))
	// x/alliance turns the tokens into validator shares and back, each rounded: the delegation
	// left is S − want, or one more.
	left := w.staked()
	require.True(t, left.Equal(S.Sub(want)) || left.Equal(S.Sub(want).AddRaw(1)), "staked %s after undelegating %s of %s", left, want, S)
	done := c.Time().Add(harness.DefaultConfig().UnbondingTime)
	w.query(t, `{"claims":{"address":"`+bob.Address.String()+`"}}`, &claims)
	require.Len(t, claims.Claims, 1)
	require.Equal(t, want.String(), *claims.Claims[0].Amount) // the only claim: the whole batch
	require.Equal(t, "unbonding", claims.Claims[0].State)
	require.Equal(t, fmt.Sprint(done.UnixNano()), claims.Claims[0].CompletionTime)
	// The chain's unbonding entry says the same.
	ub, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: w.token.String()})
	require.NoError(t, err)
	unbonding := math.ZeroInt()
	for _, u := range ub.Unbondings {
		require.True(t, u.CompletionTime.Equal(done), "entry completes at %s, want %s", u.CompletionTime, done)
		unbonding = unbonding.Add(u.Amount)
	}
	require.Equal(t, want, unbonding)

	early = c.Execute(bob, w.token, []byte(`{"withdraw":{}}`), nil)
	require.Error(t, early.Err())
	require.Contains(t, early.Log, "no matured claims")

	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	c.NextBlock()
	assetBefore := c.Balance(bob.Address, asset).Amount
	w.exec(t, bob, `{"withdraw":{}}`, nil)
	require.Equal(t, assetBefore.Add(want), c.Balance(bob.Address, asset).Amount)
	// What else the contract holds in the asset arrived as rewards since the harvest (the
	// unbond and the undelegation claimed first); a harvest restakes all of it.
	w.exec(t, keeper, `{"harvest":{}}`, nil)
	require.True(t, c.Balance(w.token, asset).IsZero(), "the contract keeps no asset: %s", c.Balance(w.token, asset))
	require.Equal(t, w.received, paidOut.Add(w.bondBalance(w.token)))

	// The end state agrees with the chain: the contract's stake is the asset's total.
	listed, err = c.App.AllianceKeeper.GetAsset(c.Context(), asset)
	require.NoError(t, err)
	st = w.state(t)
	require.Equal(t, w.staked().String(), st.TotalStaked)
	// Each delegation's token value is rounded down from its shares, so the asset's total may
	// exceed the sum of the (here two) delegations by less than one token each.
	gap := listed.TotalTokens.Sub(w.staked())
	require.True(t, !gap.IsNegative() && gap.LT(math.NewInt(int64(len(w.vals)))), "asset total %s, contract stake %s", listed.TotalTokens, w.staked())
	require.Equal(t, supply.Sub(bobAll).String(), st.TotalSupply)
	t.Logf("final: staked %s for %s shares (rate %s); rewards received %s, paid %s", st.TotalStaked, st.TotalSupply, st.ExchangeRate, w.received, paidOut)
}

// txFee is the bond-denom fee a transaction paid (the harness signs with zero fees: 0).
func txFee(res harness.TxResult) math.Int {
	total := math.ZeroInt()
	for _, ev := range harness.EventsOfType(res.Events, "tx") {
		for _, a := range ev.Attributes {
			if a.Key == "fee" && a.Value != "" {
				if coins, err := sdk.ParseCoinsNormalized(a.Value); err == nil {
					total = total.Add(coins.AmountOf(app.BondDenom))
				}
			}
		}
	}
	return total
}

// paidTo sums the claim_rewards payouts to who so far, from the contract's own pending query:
// after a claim it is zero, so the payouts are what who's bank balance gained from the contract.
func (w *tokenWorld) paidTo(t *testing.T, who *harness.Account) math.Int {
	t.Helper()
	var initial math.Int
	switch who.Address.String() {
	case w.treasury.Address.String():
		initial = math.NewInt(1)
	default:
		initial = math.NewInt(10_000_000)
	}
	return w.bondBalance(who.Address).Sub(initial)
}

// ---- gas and size against CosmWasm's Rust staking contract ----

// queryGas runs a smart query on a fresh gas meter and returns the SDK gas it used.
func queryGas(t *testing.T, c *harness.Chain, contract sdk.AccAddress, msg string) uint64 {
	t.Helper()
	ctx := c.Context().WithGasMeter(storetypes.NewGasMeter(50_000_000))
	_, err := c.App.WasmKeeper.QuerySmart(ctx, contract, []byte(msg))
	require.NoError(t, err)
	return ctx.GasMeter().GasConsumed()
}

func TestTokenGasVsRustStaking(t *testing.T) {
	w := newTokenWorld(t, 1, "0", 0, "alice", "bob")
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	rustCode, err := harness.WasmdTestdata("staking.wasm")
	require.NoError(t, err)
	goCode := harness.Fixture(t, "token.wasm")
	deployer := c.Account("deployer")
	rustID := c.StoreCode(deployer, rustCode)
	rust := c.Instantiate(deployer, rustID, "rust staking", []byte(`{"name":"Staked Native","symbol":"STN","decimals":6,"validator":"`+w.vals[0]+
		`","exit_tax":"0","min_withdrawal":"1"}`), nil)

	type row struct {
		op       string
		goGas    int64
		rustGas  int64
		maxRatio float64
	}
	var rows []row
	run := func(op string, who *harness.Account, goMsg string, goFunds sdk.Coins, rustMsg string, rustFunds sdk.Coins) {
		t.Helper()
		g := w.exec(t, who, goMsg, goFunds)
		r := c.Execute(who, rust, []byte(rustMsg), rustFunds)
		require.NoError(t, r.Err(), rustMsg)
		rows = append(rows, row{op: op, goGas: g.GasUsed, rustGas: r.GasUsed})
	}
	run("first deposit / bond", alice, `{"deposit":{}}`, assetCoins(3_000_000), `{"bond":{}}`, stake(3_000_000))
	c.NextBlocks(5) // rewards accrue: the next deposit harvests them first
	run("deposit / bond", bob, `{"deposit":{}}`, assetCoins(1_000_000), `{"bond":{}}`, stake(1_000_000))
	transfer := `{"transfer":{"recipient":"` + bob.Address.String() + `","amount":"100000"}}`
	run("transfer (staking.wasm)", alice, transfer, nil, transfer, nil)
	// The transfer peer: wasmd's cw20-base (benchmarks/testdata/cw20_base.wasm, read from the module
	// cache, never committed), a plain cw20 with no reward index. Our transfer books the rewards
	// earned so far (one delegations query and one rewards query per validator) so that a receiver
	// never takes what accrued while the sender held the shares; cw20-base has nothing to book.
	cw20Code, err := harness.WasmdTestdata("cw20_base.wasm")
	require.NoError(t, err)
	cw20 := c.Instantiate(deployer, c.StoreCode(deployer, cw20Code), "cw20 base", []byte(`{"name":"Cw Twenty","symbol":"CWT","decimals":6,"initial_balances":[{"address":"`+
		alice.Address.String()+`","amount":"3000000"}]}`), nil)
	c.NextBlocks(5) // rewards accrue: the token's transfer books them
	g := w.exec(t, alice, transfer, nil)
	r := c.Execute(alice, cw20, []byte(transfer), nil)
	require.NoError(t, r.Err())
	rows = append(rows, row{op: "transfer (cw20_base)", goGas: g.GasUsed, rustGas: r.GasUsed})
	c.NextBlocks(5)
	run("unbond", bob, `{"unbond":{"amount":"500000"}}`, nil, `{"unbond":{"amount":"500000"}}`, nil)
	// The token's undelegation moved to process_unbonds, once per batch (any number of unbonds):
	// its cost is shared by the batch's unbonds; the Rust contract has no such step.
	c.AdvanceTime(tokenEpoch)
	c.NextBlock()
	proc := w.exec(t, c.Account("keeper"), `{"process_unbonds":{}}`, nil)
	rows = append(rows, row{op: "process_unbonds", goGas: proc.GasUsed})
	balance := `{"balance":{"address":"` + alice.Address.String() + `"}}`
	rows = append(rows, row{op: "balance query", goGas: int64(queryGas(t, c, w.token, balance)), rustGas: int64(queryGas(t, c, rust, balance))})

	// For reference, the modules alone: the same user messages sent directly (alliance vs native
	// staking), the part of each contract call that is the chain's, not the contract's.
	// The deposits above add to a delegation with rewards pending (the chain pays them first), so
	// the reference is the same: a second MsgDelegate after rewards accrued.
	val := c.Validators()[0].ValAddr.String()
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(asset, 1_000_000)})
	c.MustDeliver(alice, &stakingtypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	c.NextBlocks(5)
	aDel := c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(asset, 1_000_000)})
	sDel := c.MustDeliver(alice, &stakingtypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	c.NextBlocks(5)
	aUnd := c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(asset, 500_000)})
	sUnd := c.MustDeliver(alice, &stakingtypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(app.BondDenom, 500_000)})
	// What each contract adds to its staking module's own cost: the deposit minus the module's
	// delegate as a user sends it (x/alliance for the token, x/staking for the Rust contract).
	deposit := rows[1]
	rows = append(rows, row{op: "wasm size vs cw20_base", goGas: int64(len(goCode)), rustGas: int64(len(cw20Code))},
		row{op: "ref: user MsgDelegate", goGas: aDel.GasUsed, rustGas: sDel.GasUsed},
		row{op: "ref: user MsgUndelegate", goGas: aUnd.GasUsed, rustGas: sUnd.GasUsed},
		row{op: "deposit - MsgDelegate", goGas: deposit.goGas - aDel.GasUsed, rustGas: deposit.rustGas - sDel.GasUsed})

	t.Logf("%-22s %12s %12s %7s", "operation (SDK gas)", "Go token", "Rust staking", "ratio")
	for _, r := range rows {
		if r.rustGas == 0 {
			t.Logf("%-22s %12d %12s %7s", r.op, r.goGas, "-", "-")
			continue
		}
		t.Logf("%-22s %12d %12d %6.2fx", r.op, r.goGas, r.rustGas, float64(r.goGas)/float64(r.rustGas))
	}
	t.Logf("%-22s %12d %12d %6.2fx", "wasm size (bytes)", len(goCode), len(rustCode), float64(len(goCode))/float64(len(rustCode)))
	// Issue 6's goals (≤ 1.0× gas, ≤ 0.5× size) are reported here and in `make bench`, not
	// asserted: a target in a test would only move when missed. The deposit row carries x/alliance's
	// own cost: its MsgDelegate pays a delegation's rewards out of the module's pool after
	// x/distribution paid the module, one bank transfer more than x/staking's (the "ref" rows);
	// "deposit - MsgDelegate" is what the contract itself adds. Order matters: the Go deposit runs
	// first after the blocks of rewards and so pays the module's withdrawal from x/distribution;
	// a deposit right after other staking activity on the validator costs about 12,000 less.
}

// TestTokenTenHoldersOneEpoch: ten holders unbond in one epoch against one validator. Unbonding
// immediately, the 8th would have hit the chain's cap of 7 entries per validator; batched, the
// epoch makes one entry and every holder is paid its amount after the unbonding time.
func TestTokenTenHoldersOneEpoch(t *testing.T) {
	names := []string{"alice"}
	for i := 0; i < 10; i++ {
		names = append(names, "holder"+strconv.Itoa(i))
	}
	w := newTokenWorld(t, 1, "0", 0, names...)
	c := w.c
	keeper := c.Account("keeper")
	w.exec(t, c.Account("alice"), `{"deposit":{}}`, assetCoins(1_000_000))
	for _, n := range names[1:] {
		res := w.exec(t, c.Account(n), `{"deposit":{}}`, assetCoins(100_000))
		require.Equal(t, "100000", harness.MustAttr(t, res, "wasm", "shares")) // no take rate: 1 share per token
	}
	require.Equal(t, math.NewInt(2_000_000), w.staked())
	// All ten unbond everything in the same epoch: 100,000 each into batch 0.
	for i, n := range names[1:] {
		res := w.exec(t, c.Account(n), `{"unbond":{"amount":"100000"}}`, nil)
		require.Equal(t, "100000", harness.MustAttr(t, res, "wasm", "shares"))
		require.Equal(t, "0", harness.MustAttr(t, res, "wasm", "batch_id"))
		require.Equal(t, strconv.Itoa(100_000*(i+1)), harness.MustAttr(t, res, "wasm", "batch_shares"))
	}
	require.Equal(t, math.NewInt(2_000_000), w.staked()) // nothing undelegated yet
	c.AdvanceTime(tokenEpoch)
	c.NextBlock()
	res := w.exec(t, keeper, `{"process_unbonds":{}}`, nil)
	require.Equal(t, "1000000", harness.MustAttr(t, res, "wasm", "shares"))
	require.Equal(t, "1000000", harness.MustAttr(t, res, "wasm", "amount"))
	require.Equal(t, "10", harness.MustAttr(t, res, "wasm", "claims"))
	require.Equal(t, math.NewInt(1_000_000), w.staked())
	ub, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: w.token.String()})
	require.NoError(t, err)
	require.Len(t, ub.Unbondings, 1)
	require.Equal(t, math.NewInt(1_000_000), ub.Unbondings[0].Amount)

	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	c.NextBlock()
	for _, n := range names[1:] {
		acc := c.Account(n)
		before := c.Balance(acc.Address, asset).Amount
		res := w.exec(t, acc, `{"withdraw":{}}`, nil)
		require.Equal(t, "100000", harness.MustAttr(t, res, "wasm", "amount"))
		require.Equal(t, before.Add(math.NewInt(100_000)), c.Balance(acc.Address, asset).Amount)
	}
	// Nothing created, nothing lost: the contract holds no asset, alice's stake is untouched.
	require.True(t, c.Balance(w.token, asset).IsZero(), "left %s", c.Balance(w.token, asset))
	st := w.state(t)
	require.Equal(t, "1000000", st.TotalStaked)
	require.Equal(t, "1000000", st.TotalSupply)
}

// TestTokenSweepsRewardsPaidInAnotherAsset: a second alliance asset's take rate goes to the native
// stakers, x/alliance's virtual stake among them, so the token earns rewards in that asset too.
// The reward index books only the bond denom; sweep (anyone may call it) sends the rest to the fee
// address, exactly the contract's balance, and nothing else moves.
func TestTokenSweepsRewardsPaidInAnotherAsset(t *testing.T) {
	const other = "ulsd"
	w := newTokenWorldFunded(t, map[string]sdk.Coins{"lsdstaker": sdk.NewCoins(sdk.NewInt64Coin(other, 10_000_000))}, 1, "0", 0, "alice", "lsdstaker")
	c := w.c
	c.CreateAlliance(harness.AllianceSpec{Denom: other, RewardWeight: "1", TakeRate: "0.1", WeightMax: "10"})
	staker := c.Account("lsdstaker")
	c.MustDeliver(staker, &alliancetypes.MsgDelegate{DelegatorAddress: staker.Address.String(), ValidatorAddress: w.vals[0], Amount: sdk.NewInt64Coin(other, 10_000_000)})
	w.exec(t, c.Account("alice"), `{"deposit":{}}`, assetCoins(3_000_000))
	c.NextBlocks(3)
	c.AdvanceTime(5 * time.Minute) // the take rate moves 10 % of the staked ulsd to the fee collector
	c.NextBlocks(3)                // distributed to the stakers, then to alliance delegators
	keeper := c.Account("keeper")
	w.exec(t, keeper, `{"harvest":{}}`, nil)
	got := c.Balance(w.token, other).Amount
	require.True(t, got.IsPositive(), "the token earned no %s", other)

	stakeBefore := c.Balance(w.token, app.BondDenom).Amount
	res := c.Execute(keeper, w.token, []byte(`{"sweep":{"denom":"`+app.BondDenom+`"}}`), nil)
	require.Error(t, res.Err(), "the reward denom belongs to the holders")
	res = w.exec(t, keeper, `{"sweep":{"denom":"`+other+`"}}`, nil)
	require.Equal(t, got.String(), harness.MustAttr(t, res, "wasm", "amount"))
	require.Equal(t, got, c.Balance(w.treasury.Address, other).Amount)
	require.True(t, c.Balance(w.token, other).IsZero())
	require.Equal(t, stakeBefore, c.Balance(w.token, app.BondDenom).Amount)
}
