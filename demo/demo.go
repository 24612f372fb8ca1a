// Package demo walks through alliancewasm on an in-process chain: alliances
// listed by gov, users staking them, rewards flowing by reward weight, the
// take rate, claims and an unbonding, and ends with a table. `make demo`
// runs it through cmd/alliancewasm-demo; a test runs the same code path.
package demo

import (
	"fmt"
	"io"
	"time"

	"cosmossdk.io/math"

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
}

// The two alliance assets of the story: a bridged token earning half the
// weight of native stake, with a take rate, and a liquid-staking token at
// full weight without one.
var assets = []harness.AllianceSpec{
	{Denom: "ibc/ATOM", RewardWeight: "0.5", TakeRate: "0.005"},
	{Denom: "ulsd", RewardWeight: "1.0", TakeRate: "0"},
}

const stakeEach = 1_000_000

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
	users := []struct{ name, denom string }{{"alice", assets[0].Denom}, {"bob", assets[1].Denom}}
	cfg.Funds = map[string]sdk.Coins{}
	for _, u := range users {
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

	val := c.Validators()[0].ValAddr
	step("users stake their assets with validator %s", val)
	for _, u := range users {
		acc := c.Account(u.name)
		c.MustDeliver(acc, &alliancetypes.MsgDelegate{DelegatorAddress: acc.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(u.denom, stakeEach)})
		fmt.Fprintf(out, "%-6s delegated %d%s\n", u.name, stakeEach, u.denom)
	}

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
			fmt.Fprintf(out, "block %3d/%d  height %d  alice pending %8s stake  bob pending %8s stake  ibc/ATOM staked %s\n",
				i, opts.Blocks, c.Height(), pending("alice", assets[0].Denom), pending("bob", assets[1].Denom),
				c.AllianceDelegationAmount(c.Account("alice").Address, val, assets[0].Denom))
		}
	}

	step("users claim their rewards")
	rows := make([]UserRow, len(users))
	for i, u := range users {
		acc := c.Account(u.name)
		res := c.MustDeliver(acc, &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: acc.Address.String(), ValidatorAddress: val.String(), Denom: u.denom})
		var claimed alliancetypes.MsgClaimDelegationRewardsResponse
		c.MsgResponse(res, 0, &claimed)
		rows[i] = UserRow{Name: u.name, Denom: u.denom, Deposited: math.NewInt(stakeEach), Rewards: claimed.Rewards,
			Value: c.AllianceDelegationAmount(acc.Address, val, u.denom)}
		fmt.Fprintf(out, "%-6s claimed %s\n", u.name, claimed.Rewards)
	}

	step("alice unbonds everything; the tokens return after the unbonding time (%s)", cfg.UnbondingTime)
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
	fmt.Fprintf(out, "alice received %s%s back\n", rows[0].Returned, assets[0].Denom)

	report := &Report{Height: c.Height(), Elapsed: c.Time().Sub(start), Users: rows}
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
	fmt.Fprintf(out, "\ntaken by the take rate (sent to native stakers): %s\n", r.TakenByTakeRate)
}
