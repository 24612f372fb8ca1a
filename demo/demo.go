// Package demo walks through alliancewasm on an in-process chain: alliances
// listed by gov, users staking them, rewards flowing by reward weight, the
// take rate, claims and an unbonding, and ends with a table. `make demo`
// runs it through cmd/alliancewasm-demo; a test runs the same code path.
package demo

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"cosmossdk.io/math"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Options tune the story.
type Options struct {
	Out    io.Writer
	Blocks int // blocks of rewards before the claims (5 s each)
}

// UserRow is one line of the users table.
type UserRow struct {
	Name      string
	Denom     string
	Deposited math.Int
	Value     math.Int  // what the stake was worth at the claim (after take rate)
	Rewards   sdk.Coins // native rewards claimed (stake, and the take-rate coins native stakers earn)
	Returned  math.Int  // tokens unbonded and paid back after the unbonding time
}

// AllianceRow is one line of the alliances table.
type AllianceRow struct {
	Denom        string
	RewardWeight math.LegacyDec
	TakeRate     math.LegacyDec
	TotalStaked  math.Int
}

// Report is what the story ends with.
type Report struct {
	Height    int64
	Elapsed   time.Duration
	Users     []UserRow
	Alliances []AllianceRow
	// TakenByTakeRate is what the take rate moved to the fee collector.
	TakenByTakeRate sdk.Coins
	// Exchange rates of the wrapped token (asset per share) at deposit and at the claims.
	TokenRateAtDeposit, TokenRateAtClaim math.LegacyDec
	// Exchange rates of the auto-compounder (ulsd per share) around the harvest.
	VaultRateBefore, VaultRateAfter math.LegacyDec
	// VaultClaimed is what the harvest claimed from the chain.
	VaultClaimed sdk.Coins
	// TakeRateIntervals is how many times the take rate applied between the
	// deposits and the claims.
	TakeRateIntervals int
}

// The two alliance assets of the story: a bridged token earning half the
// weight of native stake, with a take rate, and a liquid-staking token at
// full weight without one.
var assets = []harness.AllianceSpec{
	{Denom: "ibc/ATOM", RewardWeight: "0.5", TakeRate: "0.005"},
	{Denom: "ulsd", RewardWeight: "1.0", TakeRate: "0"},
}

const (
	stakeEach = 1_000_000
	poolSide  = 50_000_000_000 // each side of the ulsd/stake pool
	// lpFees is twice the token factory's default denom creation fee: the lp deploys the
	// compounder (its share denom) and the pair (its LP share denom).
	lpFees = 2 * 10_000_000
)

// Run plays the story on a fresh chain and returns its report.
func Run(opts Options) (*Report, error) {
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.Blocks <= 0 {
		opts.Blocks = 60
	}
	r := &runner{}
	defer r.cleanup()
	var report *Report
	err := catch(func() { report = story(r, opts) })
	return report, err
}

func story(r *runner, opts Options) *Report {
	out := opts.Out
	step := func(format string, args ...any) { fmt.Fprintf(out, "\n== "+format+"\n", args...) }

	cfg := harness.DefaultConfig()
	cfg.ChainID = "alliancewasm-demo"
	cfg.Validators = 3
	cfg.AllianceTakeRateInterval = time.Minute
	// A short unbonding time: a 0.5%-a-minute take rate over the usual weeks
	// would leave nothing of the stake still bonded.
	cfg.UnbondingTime = 10 * time.Minute
	users := []struct{ name, denom string }{{"alice", assets[0].Denom}, {"bob", assets[1].Denom}}
	cfg.Funds = map[string]sdk.Coins{
		"deployer": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000)),
		"keeper":   sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000)),
		"treasury": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)),
		// The liquidity provider of the ulsd/stake pool the compounder swaps through.
		"lp":   sdk.NewCoins(sdk.NewInt64Coin(assets[1].Denom, poolSide), sdk.NewInt64Coin(app.BondDenom, poolSide+lpFees)),
		"dave": sdk.NewCoins(sdk.NewInt64Coin(assets[1].Denom, 2*stakeEach), sdk.NewInt64Coin(app.BondDenom, 1_000)),
	}
	for _, u := range append(users, struct{ name, denom string }{"carol", assets[0].Denom}) {
		cfg.Funds[u.name] = sdk.NewCoins(sdk.NewInt64Coin(u.denom, 2*stakeEach), sdk.NewInt64Coin(app.BondDenom, 1_000))
	}

	step("start a chain in process: %d validators, real keepers, real wasmvm", cfg.Validators)
	c := harness.NewChain(r, cfg)
	start := c.Time()
	fmt.Fprintf(out, "height %d, validators bonded: %d\n", c.Height(), len(c.BondedValidators()))

	step("list the alliance assets through gov proposals")
	for _, a := range assets {
		asset := c.CreateAlliance(a)
		fmt.Fprintf(out, "%-10s reward weight %s, take rate %s per minute (proposal passed at height %d)\n",
			asset.Denom, asset.RewardWeight, asset.TakeRate, c.Height())
	}

	token := deployToken(r, c, out)
	vault := deployCompounder(r, c, out)

	lastTake := func() time.Time {
		p, err := c.App.AllianceKeeper.GetParams(c.Context())
		if err != nil {
			r.Fatalf("alliance params: %v", err)
		}
		return p.LastTakeRateClaimTime
	}
	takeAtDeposit := lastTake()

	val := c.Validators()[0].ValAddr
	step("users stake their assets with validator %s", val)
	for _, u := range users {
		acc := c.Account(u.name)
		c.MustDeliver(acc, &alliancetypes.MsgDelegate{DelegatorAddress: acc.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(u.denom, stakeEach)})
		fmt.Fprintf(out, "%-6s delegated %d%s\n", u.name, stakeEach, u.denom)
	}
	carol := c.Account("carol")
	token.exec(carol, `{"deposit":{}}`, sdk.NewCoins(sdk.NewInt64Coin(assets[0].Denom, stakeEach)))
	rateAtDeposit := token.state().rate()
	dave := c.Account("dave")
	vault.exec(dave, `{"deposit":{}}`, sdk.NewCoins(sdk.NewInt64Coin(assets[1].Denom, stakeEach)))
	fmt.Fprintf(out, "dave   deposited %d%s into the auto-compounder: %s shares at %s ulsd per share\n",
		stakeEach, assets[1].Denom, vault.shares(dave.Address), vault.state().ExchangeRate)
	fmt.Fprintf(out, "carol  deposited %d%s into the wrapped token: %s stATOM at %s ibc/ATOM per share\n",
		stakeEach, assets[0].Denom, token.shares(carol.Address), rateAtDeposit)

	step("%d blocks pass: rewards flow by reward weight, the take rate applies every minute", opts.Blocks)
	pending := func(u string, denom string) math.Int {
		res, err := c.AllianceQueries().AllianceDelegationRewards(c.Context(), &alliancetypes.QueryAllianceDelegationRewardsRequest{
			DelegatorAddr: c.Account(u).Address.String(), ValidatorAddr: val.String(), Denom: denom,
		})
		if err != nil {
			r.Fatalf("rewards of %s: %v", u, err)
		}
		return sdk.Coins(res.Rewards).AmountOf(app.BondDenom)
	}
	for i := 1; i <= opts.Blocks; i++ {
		c.NextBlock()
		if i%10 == 0 || i == opts.Blocks {
			fmt.Fprintf(out, "block %3d/%d  height %d  alice pending %8s stake  bob pending %8s stake  carol pending %8s stake  alice's ibc/ATOM %s  stATOM rate %s\n",
				i, opts.Blocks, c.Height(), pending("alice", assets[0].Denom), pending("bob", assets[1].Denom), token.pending(carol.Address),
				c.AllianceDelegationAmount(c.Account("alice").Address, val, assets[0].Denom), token.state().rate())
		}
	}

	step("users claim their rewards")
	// Alice's value is read right after her claim: count the take-rate
	// intervals applied to her stake until then.
	intervals := 0
	rows := make([]UserRow, len(users))
	for i, u := range users {
		acc := c.Account(u.name)
		res := c.MustDeliver(acc, &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: acc.Address.String(), ValidatorAddress: val.String(), Denom: u.denom})
		var claimed alliancetypes.MsgClaimDelegationRewardsResponse
		c.MsgResponse(res, 0, &claimed)
		rows[i] = UserRow{Name: u.name, Denom: u.denom, Deposited: math.NewInt(stakeEach), Rewards: claimed.Rewards,
			Value: c.AllianceDelegationAmount(acc.Address, val, u.denom)}
		if i == 0 {
			intervals = int(lastTake().Sub(takeAtDeposit) / cfg.AllianceTakeRateInterval)
		}
		fmt.Fprintf(out, "%-6s claimed %s\n", u.name, claimed.Rewards)
	}

	step("a third party harvests the compounder: rewards are claimed, a fee taken, the rest swapped into ulsd and restaked")
	vaultBefore := vault.state().rate()
	res := vault.exec(c.Account("keeper"), `{"harvest":{}}`, nil)
	for _, k := range []string{"claimed", "fee", "received", "restaked"} {
		v, _ := harness.Attr(res.Events, "wasm-compounder-harvest", k)
		fmt.Fprintf(out, "  %-9s %s\n", k, v)
	}
	vaultAfter := vault.state().rate()
	claimedAttr, _ := harness.Attr(res.Events, "wasm-compounder-harvest", "claimed")
	vaultClaimed, err := sdk.ParseCoinsNormalized(claimedAttr)
	if err != nil {
		r.Fatalf("harvest claimed %q: %v", claimedAttr, err)
	}
	fmt.Fprintf(out, "compounder exchange rate %s -> %s ulsd per share\n", vaultBefore, vaultAfter)
	daveShares := vault.shares(dave.Address)
	daveRow := UserRow{Name: "dave", Denom: "vault ulsd", Deposited: math.NewInt(stakeEach), Rewards: sdk.NewCoins(),
		Value: vaultAfter.MulInt(daveShares).TruncateInt()}

	carolRow := UserRow{Name: "carol", Denom: "stATOM", Deposited: math.NewInt(stakeEach)}
	before := c.Balance(carol.Address, app.BondDenom).Amount
	token.exec(carol, `{"claim_rewards":{}}`, nil)
	carolRow.Rewards = sdk.NewCoins(sdk.NewCoin(app.BondDenom, c.Balance(carol.Address, app.BondDenom).Amount.Sub(before)))
	rateAtClaim := token.state().rate()
	carolShares := token.shares(carol.Address)
	// The value of carol's shares at the exchange rate, rounded down as the
	// contract does when it unbonds.
	carolRow.Value = rateAtClaim.MulInt(carolShares).TruncateInt()
	fmt.Fprintf(out, "carol  claimed %s from the wrapped token\n", carolRow.Rewards)

	step("alice unbonds everything, carol burns her stATOM; the tokens return after the unbonding time (%s)", cfg.UnbondingTime)
	// The token's batch has waited longer than its epoch (deployed minutes ago): carol processes it
	// in the same transaction, so the take rate cannot touch the batch before it is undelegated.
	res = token.execAll(carol, token.msg(carol, `{"unbond":{"amount":"`+carolShares.String()+`"}}`, nil), token.msg(carol, `{"process_unbonds":{}}`, nil))
	// The compounder batches withdrawals too: its epoch (10 min / 7 + 1 s = 86 s) is long past.
	// Dave sends his shares (a bank denom) with withdraw; they are burned and queued.
	vault.execAll(dave, vault.withdrawMsg(dave, daveShares), vault.msg(dave, `{"process_withdrawals":{}}`, nil))
	// The unbond queues carol's shares; process_unbonds burns them at the rate of then and
	// reports the amount undelegated (carol is the batch's only claimant: all of it is hers).
	carolUnbonded, ok := math.NewIntFromString(harness.MustAttr(r, res, "wasm", "amount"))
	if !ok {
		r.Fatalf("process_unbonds reported no amount")
	}
	alice := c.Account("alice")
	// The take rate keeps applying while blocks pass: unbond what the stake is worth now.
	worth := c.AllianceDelegationAmount(alice.Address, val, assets[0].Denom)
	c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewCoin(assets[0].Denom, worth)})
	walletBefore := c.Balance(alice.Address, assets[0].Denom).Amount
	c.AdvanceTime(cfg.UnbondingTime + time.Minute)
	if got := c.Balance(alice.Address, assets[0].Denom).Amount.Sub(walletBefore); !got.Equal(worth) {
		r.Fatalf("alice unbonded %s but received %s", worth, got)
	}
	rows[0].Returned = worth
	rows[1].Returned = math.ZeroInt()
	carolAsset := c.Balance(carol.Address, assets[0].Denom).Amount
	token.exec(carol, `{"withdraw":{}}`, nil)
	carolRow.Returned = c.Balance(carol.Address, assets[0].Denom).Amount.Sub(carolAsset)
	if !carolRow.Returned.Equal(carolUnbonded) {
		r.Fatalf("carol unbonded %s but withdrew %s", carolUnbonded, carolRow.Returned)
	}
	fmt.Fprintf(out, "carol withdrew %s%s\n", carolRow.Returned, assets[0].Denom)
	daveBefore := c.Balance(dave.Address, assets[1].Denom).Amount
	vault.exec(dave, `{"claim":{}}`, nil)
	daveRow.Returned = c.Balance(dave.Address, assets[1].Denom).Amount.Sub(daveBefore)
	fmt.Fprintf(out, "dave claimed %s%s from the compounder (deposited %d)\n", daveRow.Returned, assets[1].Denom, stakeEach)
	rows = append(rows, carolRow, daveRow)
	fmt.Fprintf(out, "alice received %s%s back\n", rows[0].Returned, assets[0].Denom)

	report := &Report{Height: c.Height(), Elapsed: c.Time().Sub(start), Users: rows,
		TokenRateAtDeposit: rateAtDeposit, TokenRateAtClaim: rateAtClaim, TakeRateIntervals: intervals,
		VaultRateBefore: vaultBefore, VaultRateAfter: vaultAfter, VaultClaimed: vaultClaimed}
	for _, a := range assets {
		asset, err := c.App.AllianceKeeper.GetAsset(c.Context(), a.Denom)
		if err != nil {
			r.Fatalf("asset %s: %v", a.Denom, err)
		}
		report.Alliances = append(report.Alliances, AllianceRow{Denom: asset.Denom, RewardWeight: asset.RewardWeight, TakeRate: asset.TakeRate, TotalStaked: asset.TotalTokens})
	}
	taken := math.NewInt(stakeEach).Sub(rows[0].Returned)
	report.TakenByTakeRate = sdk.NewCoins(sdk.NewCoin(assets[0].Denom, taken))
	printReport(out, report)
	return report
}

func printReport(out io.Writer, r *Report) {
	fmt.Fprintf(out, "\n== result after %s of chain time (height %d)\n\n", r.Elapsed, r.Height)
	fmt.Fprintf(out, "%-6s %-9s %12s %12s %12s  %s\n", "user", "asset", "deposited", "at claim", "unbonded", "rewards claimed")
	for _, u := range r.Users {
		fmt.Fprintf(out, "%-6s %-9s %12s %12s %12s  %s\n", u.Name, u.Denom, u.Deposited, u.Value, u.Returned, u.Rewards)
	}
	fmt.Fprintf(out, "\n%-9s %8s %10s %14s\n", "alliance", "weight", "take rate", "total staked")
	for _, a := range r.Alliances {
		fmt.Fprintf(out, "%-9s %8s %10s %14s\n", a.Denom, a.RewardWeight.String()[:4], a.TakeRate.String()[:5], a.TotalStaked)
	}
	fmt.Fprintf(out, "\ntaken from alice by the take rate (sent to native stakers): %s\n", r.TakenByTakeRate)
	fmt.Fprintf(out, "stATOM exchange rate (ibc/ATOM per share): %s at deposit, %s at the claims (the take rate lowers it)\n",
		r.TokenRateAtDeposit, r.TokenRateAtClaim)
	fmt.Fprintf(out, "compounder exchange rate (ulsd per share): %s before the harvest, %s after (rewards restaked)\n",
		r.VaultRateBefore, r.VaultRateAfter)
}

// vault is the deployed auto-compounder (contracts/compounder) with its pair.
type vault struct{ wrappedToken }

func deployCompounder(r *runner, c *harness.Chain, out io.Writer) *vault {
	lp := c.Account("lp")
	lsd := assets[1].Denom
	pair := deployPair(r, c, lp, lsd, app.BondDenom, poolSide)
	vals := []string{}
	for _, v := range c.Validators() {
		vals = append(vals, v.ValAddr.String())
	}
	valsJSON, _ := json.Marshal(vals)
	code := harness.Fixture(r, "compounder.wasm")
	// Its shares are the bank denom factory/{compounder}/culsd, created at instantiation: the
	// token factory's creation fee goes with it.
	fee := c.App.TokenFactoryKeeper.GetParams(c.Context()).DenomCreationFee
	addr := c.Instantiate(lp, c.StoreCode(lp, code), "ulsd compounder", []byte(`{"asset_denom":"`+lsd+`","validators":`+string(valsJSON)+
		`,"routes":[{"denom":"`+app.BondDenom+`","pair":"`+pair.String()+`"}],"fee_bps":500,"fee_recipient":"`+c.Account("treasury").Address.String()+
		`","harvest_interval":60,"max_spread":"0.05","twap_window":60,"share":{"symbol":"culsd","name":"Compounded ulsd","decimals":6}}`), fee)
	fmt.Fprintf(out, "\n== deploy the auto-compounder for %s: %s (%d bytes), swapping stake rewards through the pair %s; its shares are the bank denom factory/%s/culsd\n",
		lsd, addr, len(code), pair, addr)
	return &vault{wrappedToken{r: r, c: c, addr: addr}}
}

// withdrawMsg is withdraw with n of who's shares (the bank denom) as funds.
func (v *vault) withdrawMsg(who *harness.Account, n math.Int) sdk.Msg {
	return v.msg(who, `{"withdraw":{}}`, sdk.NewCoins(sdk.NewCoin("factory/"+v.addr.String()+"/culsd", n)))
}

// wrappedToken is the deployed token contract (contracts/token).
type wrappedToken struct {
	r    *runner
	c    *harness.Chain
	addr sdk.AccAddress
}

// tokenEpoch is the token's unbond_epoch: unbonds wait in a batch that anyone may undelegate
// (process_unbonds) once the epoch since the previous one has passed. More than the demo's
// unbonding time (10 min) over the chain's 7 unbonding entries per validator (85.7 s), so the
// entry cap is never hit however many holders unbond.
const tokenEpoch = 86 * time.Second

func deployToken(r *runner, c *harness.Chain, out io.Writer) *wrappedToken {
	code := harness.Fixture(r, "token.wasm")
	deployer := c.Account("deployer")
	vals := []string{}
	for _, v := range c.Validators() {
		vals = append(vals, v.ValAddr.String())
	}
	valsJSON, _ := json.Marshal(vals)
	addr := c.Instantiate(deployer, c.StoreCode(deployer, code), "stATOM",
		[]byte(`{"name":"Staked ATOM","symbol":"stATOM","decimals":6,"asset_denom":"`+assets[0].Denom+`","validators":`+string(valsJSON)+
			`,"unbond_epoch":`+fmt.Sprint(int64(tokenEpoch/time.Second))+`}`), nil)
	fmt.Fprintf(out, "\n== deploy the wrapped staking token stATOM for %s: %s (%d bytes of Go compiled with TinyGo)\n", assets[0].Denom, addr, len(code))
	return &wrappedToken{r: r, c: c, addr: addr}
}

func (w *wrappedToken) exec(who *harness.Account, msg string, funds sdk.Coins) harness.TxResult {
	res := w.c.Execute(who, w.addr, []byte(msg), funds)
	if err := res.Err(); err != nil {
		w.r.Fatalf("token %s: %v", msg, err)
	}
	return res
}

// execAll sends msgs in one transaction.
func (w *wrappedToken) execAll(who *harness.Account, msgs ...sdk.Msg) harness.TxResult {
	res := w.c.Deliver(who, msgs...)
	if err := res.Err(); err != nil {
		w.r.Fatalf("token %v: %v", msgs, err)
	}
	return res
}

// msg is an execute of the contract by who with funds.
func (w *wrappedToken) msg(who *harness.Account, msg string, funds sdk.Coins) sdk.Msg {
	return &wasmtypes.MsgExecuteContract{Sender: who.Address.String(), Contract: w.addr.String(), Msg: []byte(msg), Funds: funds}
}

func (w *wrappedToken) query(msg string, out any) {
	if err := w.c.QuerySmart(w.addr, []byte(msg), out); err != nil {
		w.r.Fatalf("token query %s: %v", msg, err)
	}
}

type tokenState struct {
	ExchangeRate string `json:"exchange_rate"`
}

func (s tokenState) rate() math.LegacyDec {
	d, err := math.LegacyNewDecFromStr(s.ExchangeRate)
	if err != nil {
		return math.LegacyZeroDec()
	}
	return d
}

func (w *wrappedToken) state() tokenState {
	var s tokenState
	w.query(`{"state":{}}`, &s)
	return s
}

func (w *wrappedToken) shares(addr sdk.AccAddress) math.Int {
	var b struct {
		Balance string `json:"balance"`
	}
	w.query(`{"balance":{"address":"`+addr.String()+`"}}`, &b)
	n, _ := math.NewIntFromString(b.Balance)
	return n
}

func (w *wrappedToken) pending(addr sdk.AccAddress) string {
	var p struct {
		Rewards string `json:"rewards"`
	}
	w.query(`{"pending_rewards":{"address":"`+addr.String()+`"}}`, &p)
	return p.Rewards
}
