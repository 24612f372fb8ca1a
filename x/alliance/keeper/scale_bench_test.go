package keeper_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Scale on a committed store (issue 14 part 4). The chain keeps its IAVL
// stores in a goleveldb database on disk and commits after every block, as
// a node does: each block runs in a cache of the committed state (baseapp's
// finalize state), which is written and committed at its end.
//
// Every (validator, asset) pair first gets the same base stake from one
// account, so the module-level state (validators carrying alliance shares,
// assets per validator) is identical whatever the number of delegators; the
// delegators then add small delegations on top. What changes between
// delegators=100 and delegators=10000 is the size of the store only.
//
//	go test ./x/alliance/keeper -run '^$' -bench CommittedScale -benchtime 20x -timeout 30m
//
// ns/op is the wall time of the measured call alone (the alliance EndBlocker,
// or the claim); gas/op its store gas; retargeted/op the validators whose
// virtual stake the block changed; commit-ms/op the Write + Commit of the
// block (not included in ns/op).

const (
	scaleBaseStake = 1_000_000 // per (validator, asset): base layer
	scaleDelStake  = 100       // per delegator
	scaleTxsBlock  = 10        // delegations per "typical" block
	scaleTxStake   = 100_000   // each: +10 % on one pair, re-targets its validator only
	scaleMsgsBlock = 500       // setup messages per committed block
)

type scaleConfig struct{ vals, assets, delegators int }

func (c scaleConfig) String() string {
	return fmt.Sprintf("vals=%d/assets=%d/delegators=%d", c.vals, c.assets, c.delegators)
}

// committedChain is the fixture on goleveldb with a commit per block.
type committedChain struct {
	db       *dbm.GoLevelDB
	f        *testutil.Fixture
	cms      storetypes.CommitMultiStore
	block    storetypes.CacheMultiStore // the current block's writes
	denoms   []string
	dels     []sdk.AccAddress
	whale    sdk.AccAddress // native staker
	commitNs time.Duration  // Write + Commit of the last block
	cpuNs    time.Duration  // CPU time of the measured calls so far
}

// cpuTime is the process's CPU time (user + system). The machine running
// the benchmarks is shared, so wall time (ns/op) counts waiting for a core;
// cpu-ms/op counts only the work (including the database's own goroutines).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// scaleDir holds the databases; TestMain removes it.
var scaleDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if scaleDir != "" {
		_ = os.RemoveAll(scaleDir)
	}
	os.Exit(code)
}

// newScaleChain builds the chain of cfg, commits it, compacts the database
// and collects garbage, so no setup work runs during the measurements.
func newScaleChain(b *testing.B, cfg scaleConfig) *committedChain {
	b.Helper()
	if scaleDir == "" {
		dir, err := os.MkdirTemp("", "alliance-scale-")
		if err != nil {
			b.Fatal(err)
		}
		scaleDir = dir
	}
	db, err := dbm.NewGoLevelDB(strings.ReplaceAll(cfg.String(), "/", "-"), scaleDir, nil)
	if err != nil {
		b.Fatal(err)
	}
	f, err := testutil.New(testutil.Options{Validators: cfg.vals, DB: db})
	if err != nil {
		b.Fatal(err)
	}
	c := &committedChain{db: db, f: f, cms: f.Ctx.MultiStore().(storetypes.CommitMultiStore), whale: testutil.Addr("whale")}
	sp, err := f.Staking.GetParams(f.Ctx)
	if err != nil {
		b.Fatal(err)
	}
	sp.MaxValidators = uint32(cfg.vals) // every validator bonded (x/staking's default is 100)
	if err := f.Staking.SetParams(f.Ctx, sp); err != nil {
		b.Fatal(err)
	}
	c.nextBlock(b, false)
	for i := 0; i < cfg.assets; i++ {
		d := fmt.Sprintf("asset%02d", i)
		c.denoms = append(c.denoms, d)
		if err := f.CreateAlliance(d, math.LegacyNewDecWithPrec(int64(10+i), 2), math.LegacyZeroDec(), math.LegacyOneDec(), 0, math.LegacyZeroDec(), math.LegacyOneDec()); err != nil {
			b.Fatal(err)
		}
	}
	base := testutil.Addr("base")
	msgs := 0
	step := func() { // a committed block every scaleMsgsBlock messages
		if msgs++; msgs%scaleMsgsBlock == 0 {
			c.nextBlock(b, true)
		}
	}
	for _, d := range c.denoms {
		c.fund(b, base, sdk.NewInt64Coin(d, int64(scaleBaseStake*cfg.vals)))
		for _, v := range f.Validators {
			c.delegate(b, base, v, sdk.NewInt64Coin(d, scaleBaseStake))
			step()
		}
	}
	for i := 0; i < cfg.delegators; i++ {
		u := testutil.Addr(fmt.Sprintf("d%d", i))
		d := c.denoms[i%len(c.denoms)]
		c.fund(b, u, sdk.NewInt64Coin(d, scaleDelStake+scaleTxStake*100))
		c.delegate(b, u, f.Validators[i%len(f.Validators)], sdk.NewInt64Coin(d, scaleDelStake))
		c.dels = append(c.dels, u)
		step()
	}
	c.nextBlock(b, true)
	if err := f.Alliance.RebalanceBondTokenWeights(f.Ctx); err != nil { // every validator at its target
		b.Fatal(err)
	}
	c.nextBlock(b, true)
	if err := db.ForceCompact(nil, nil); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	return c
}

func (c *committedChain) fund(b *testing.B, to sdk.AccAddress, coin sdk.Coin) {
	if err := c.f.Fund(to, sdk.NewCoins(coin)); err != nil {
		b.Fatal(err)
	}
}

func (c *committedChain) delegate(b *testing.B, del sdk.AccAddress, val sdk.ValAddress, coin sdk.Coin) {
	if _, err := c.f.MsgServer.Delegate(c.f.Ctx, &types.MsgDelegate{DelegatorAddress: c.f.AccStr(del), ValidatorAddress: c.f.ValStr(val), Amount: coin}); err != nil {
		b.Fatal(err)
	}
}

// nextBlock ends the current block (with the end blockers if endBlock),
// writes and commits it, and opens the next one on a fresh cache of the
// committed state, 5 s later.
func (c *committedChain) nextBlock(b *testing.B, endBlock bool) {
	f := c.f
	if endBlock {
		if err := f.Alliance.EndBlocker(f.Ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := f.Staking.EndBlocker(f.Ctx); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	if c.block != nil {
		c.block.Write()
	}
	c.cms.Commit()
	c.commitNs = time.Since(start)
	c.block = c.cms.CacheMultiStore()
	f.Ctx = f.Ctx.WithMultiStore(c.block).WithBlockHeight(f.Ctx.BlockHeight() + 1).
		WithBlockTime(f.Ctx.BlockTime().Add(5 * time.Second)).WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
	if err := f.Alliance.BeginBlocker(f.Ctx); err != nil {
		b.Fatal(err)
	}
}

// measuredEndBlock runs the alliance EndBlocker alone under the timer and a
// fresh gas meter, then x/staking's, and commits (untimed).
func (c *committedChain) measuredEndBlock(b *testing.B) (gas storetypes.Gas, retargeted int) {
	f := c.f
	meter := storetypes.NewInfiniteGasMeter()
	ctx := f.Ctx.WithGasMeter(meter).WithEventManager(sdk.NewEventManager())
	cpu := cpuTime()
	b.StartTimer()
	if err := f.Alliance.EndBlocker(ctx); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	c.cpuNs += cpuTime() - cpu
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type == "alliance.alliance.RebalanceEvent" {
			retargeted++
		}
	}
	if _, err := f.Staking.EndBlocker(f.Ctx); err != nil {
		b.Fatal(err)
	}
	c.nextBlock(b, false)
	return meter.GasConsumed(), retargeted
}

// BenchmarkCommittedScale, for each number of delegators, measures:
//   - block: the alliance EndBlocker of a block that carried scaleTxsBlock
//     alliance delegations of scaleTxStake (each re-targets its validator;
//     the drift they add to the others re-targets some of those too);
//   - retarget-all: the EndBlocker after a native delegation of 1 % of the
//     bonded stake moved every validator's target (the worst case, also
//     that of a gov weight change): maxRetargetsPerBlock of them are
//     re-targeted, the others wait for the next blocks, which the next
//     iteration's move keeps busy, so every iteration is a full one;
//   - claim: one delegator's claim after rewards were allocated to its
//     validator, one claim per committed block.
//
// Each chain is built once, used by the three, and released before the
// next, so one chain at a time is in memory.
func BenchmarkCommittedScale(b *testing.B) {
	for _, cfg := range []scaleConfig{{160, 20, 100}, {160, 20, 10_000}} {
		b.Run(cfg.String(), func(b *testing.B) {
			c := newScaleChain(b, cfg)
			defer c.db.Close()
			b.Run("block", func(b *testing.B) {
				c.runEndBlocks(b, func(i int) {
					for j := 0; j < scaleTxsBlock; j++ {
						k := (i*scaleTxsBlock + j) * 7919 % len(c.dels) // spread over delegators and validators
						c.delegate(b, c.dels[k], c.f.Validators[(k+i)%len(c.f.Validators)], sdk.NewInt64Coin(c.denoms[k%len(c.denoms)], scaleTxStake))
					}
				})
			})
			b.Run("retarget-all", func(b *testing.B) {
				c.runEndBlocks(b, func(int) { c.nativeDelegatePercent(b, 1) })
			})
			b.Run("claim", c.runClaims)
		})
	}
}

func (c *committedChain) runEndBlocks(b *testing.B, txs func(i int)) {
	var gas storetypes.Gas
	var retargeted int
	var commit time.Duration
	c.cpuNs = 0
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		txs(i)
		g, r := c.measuredEndBlock(b)
		gas, retargeted, commit = gas+g, retargeted+r, commit+c.commitNs
	}
	b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
	b.ReportMetric(float64(retargeted)/float64(b.N), "retargeted/op")
	b.ReportMetric(float64(commit.Microseconds())/1000/float64(b.N), "commit-ms/op")
	b.ReportMetric(float64(c.cpuNs.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// nativeDelegatePercent delegates pct % of the bonded tokens natively (the
// whale), to the first validator.
func (c *committedChain) nativeDelegatePercent(b *testing.B, pct int64) {
	f := c.f
	bonded, err := f.Staking.TotalBondedTokens(f.Ctx)
	if err != nil {
		b.Fatal(err)
	}
	amt := sdk.NewCoin(testutil.BondDenom, bonded.MulRaw(pct).QuoRaw(100))
	c.fund(b, c.whale, amt)
	msg := stakingtypes.NewMsgDelegate(c.f.AccStr(c.whale), c.f.ValStr(f.Validators[0]), amt)
	if _, err := stakingkeeper.NewMsgServerImpl(f.Staking).Delegate(f.Ctx, msg); err != nil {
		b.Fatal(err)
	}
}

func (c *committedChain) runClaims(b *testing.B) {
	f, del, val := c.f, c.dels[0], c.f.Validators[0]
	var gas storetypes.Gas
	var cpuNs time.Duration
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		if err := f.AllocateRewards(val, sdk.NewCoins(sdk.NewInt64Coin(testutil.BondDenom, 100_000))); err != nil {
			b.Fatal(err)
		}
		meter := storetypes.NewInfiniteGasMeter()
		cpu := cpuTime()
		b.StartTimer()
		if _, err := f.Alliance.ClaimDelegationRewards(f.Ctx.WithGasMeter(meter), del, val, c.denoms[0]); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpuNs += cpuTime() - cpu
		gas += meter.GasConsumed()
		c.nextBlock(b, true)
	}
	b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
	b.ReportMetric(float64(cpuNs.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
