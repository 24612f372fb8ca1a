package app

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"cosmossdk.io/x/feegrant"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client/flags"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/kv"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	"github.com/cosmos/cosmos-sdk/x/simulation"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The SDK's randomized app simulation of the whole chain: every module that
// offers simulation (auth, bank, distribution, evidence, feegrant, gov, mint,
// slashing, staking, authz, wasm, ibc, transfer) and x/alliance (random
// assets at genesis; delegate / undelegate / redelegate / claim / cancel an
// unbonding by the simulated accounts; create / update / delete (with stake)
// / params through simulated gov proposals).
//
// Without -NumBlocks / -BlockSize on the command line it is the short run of
// `make test` (shortBlocks blocks of shortBlockSize operations, seed 42 or
// -Seed); `make sim-long` (mk/sim.mk) passes the SDK's flags for long runs.
// After every block the invariants are checked (checkInvariants).

const (
	simChainID     = "simulation-app"
	shortBlocks    = 30
	shortBlockSize = 30
)

func init() { simcli.GetSimulatorFlags() }

// simConfig: the SDK's simulation flags, with the short run's size unless
// the command line sets it.
func simConfig() simtypes.Config {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simChainID
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["NumBlocks"] {
		cfg.NumBlocks = shortBlocks
	}
	if !set["BlockSize"] {
		cfg.BlockSize = shortBlockSize
	}
	return cfg
}

// simOutput: the simulator's progress goes to stdout only with -Verbose.
func simOutput() io.Writer {
	if simcli.FlagVerboseValue {
		return os.Stdout
	}
	return io.Discard
}

// newSimApp builds the app for the simulation: the ante handler also takes
// fees in the simulation's alliance denoms (see setSimulationAnteHandler),
// and the end of every block runs checkInvariants.
func newSimApp(t *testing.T, db dbm.DB, onEndBlock ...func(sdk.Context, *AllianceApp, sdk.EndBlock)) *AllianceApp {
	t.Helper()
	opts := simtestutil.AppOptionsMap{flags.FlagHome: t.TempDir()}
	logger := log.NewNopLogger()
	if simcli.FlagVerboseValue {
		logger = log.NewTestLogger(t)
	}
	app, err := New(logger, db, nil, false, opts, nil, baseapp.SetChainID(simChainID))
	require.NoError(t, err)
	require.NoError(t, app.setSimulationAnteHandler())
	app.SetEndBlocker(func(ctx sdk.Context) (sdk.EndBlock, error) {
		res, err := app.EndBlocker(ctx)
		if err != nil {
			return res, err
		}
		for _, fn := range onEndBlock {
			fn(ctx, app, res)
		}
		return res, app.checkInvariants(ctx)
	})
	require.NoError(t, app.LoadLatestVersion())
	return app
}

// runSim simulates cfg on app; it fails the test on any error.
func runSim(t *testing.T, app *AllianceApp, cfg simtypes.Config) {
	t.Helper()
	start := time.Now()
	_, params, err := simulation.SimulateFromSeed(t, simOutput(), app.BaseApp,
		simtestutil.AppStateFn(app.AppCodec(), app.SimulationManager(), app.DefaultGenesis()),
		simtypes.RandomAccounts,
		simtestutil.BuildSimulationOperations(app, app.AppCodec(), cfg, app.TxConfig()),
		BlockedAddresses(), cfg, app.AppCodec())
	require.NoError(t, simtestutil.CheckExportSimulation(app, cfg, params))
	require.NoError(t, err)
	t.Logf("seed %d: %d blocks of %d operations up to height %d in %s", cfg.Seed, cfg.NumBlocks, cfg.BlockSize,
		app.LastBlockHeight(), time.Since(start).Round(time.Second))
}

// TestAppSimulation: a simulation with the invariants checked after every
// block, which must have delivered every x/alliance message; then the state
// exported at its end, imported into a new app, equals the original store by
// store. Skipped prefixes are the
// ones the SDK's own simapp skips, for the same reasons: queues and indexes
// keyed by height or time that InitGenesis rebuilds differently or not at
// all (x/staking's unbonding/redelegation/validator queues, historical info,
// unbonding ids and their indexes, the pending validator updates), the
// grant and allowance expiry queues of authz and feegrant, x/slashing's
// missed-block bitmaps (genesis carries them as a list, the store as
// chunks), and wasm's per-block tx counter; in x/alliance, what is keyed by
// height or by ids and what InitGenesis derives (see below), its content
// compared through a second export.
func TestAppSimulation(t *testing.T) {
	cfg := simConfig()
	cfg.ExportStatsPath = filepath.Join(t.TempDir(), "stats.json")
	proposals := govOutcomes{}
	app := newSimApp(t, dbm.NewMemDB(), proposals.record)
	runSim(t, app, cfg)
	requireAllianceActivity(t, app, cfg.ExportStatsPath)
	for _, kind := range proposals.kinds() {
		t.Logf("x/alliance gov proposals, %s: %v", kind, proposals[kind])
	}
	// Proposals end after x/gov's random deposit and voting periods (up to
	// days; a simulated block is 5,000-10,000 s) and x/gov picks ours among
	// every module's proposal messages, so few end and fewer pass: the report
	// says how they ended. requireAllianceActivity checks that create, update
	// and delete executed, through the module's govExecute operation.
	if len(proposals) == 0 {
		t.Log("x/alliance gov proposals: none ended")
	}

	exported, err := app.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	imported := newSimApp(t, dbm.NewMemDB())
	ctxA := app.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})
	ctxB := imported.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})
	_, err = imported.InitChainer(ctxB, &abci.RequestInitChain{AppStateBytes: exported.AppState})
	require.NoError(t, err)
	require.NoError(t, imported.StoreConsensusParams(ctxB, exported.ConsensusParams))

	skip := map[string][][]byte{
		stakingtypes.StoreKey: {
			stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
			stakingtypes.HistoricalInfoKey, stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey,
			stakingtypes.UnbondingTypeKey, stakingtypes.ValidatorUpdatesKey,
		},
		authzkeeper.StoreKey:   {authzkeeper.GrantQueuePrefix},
		feegrant.StoreKey:      {feegrant.FeeAllowanceQueueKeyPrefix},
		slashingtypes.StoreKey: {slashingtypes.ValidatorMissedBlockBitmapKeyPrefix},
		wasmtypes.StoreKey:     {wasmtypes.TXCounterPrefix},
		// x/alliance: the virtual stake's history by height, for slashing
		// past infractions, is by design not exported (keeper/virtual_history.go),
		// like x/staking's historical info, nor are the delisting walk's
		// cursors (an imported chain walks a delisted asset's delegations
		// again from the start: those already undelegated are gone, so it
		// finds the same ones left) and the retry cursor of rewards a
		// delisting could not pay; nor is the rebalance-queued flag, which
		// InitGenesis always sets (the first EndBlock checks the virtual
		// stake against the imported state). Unbonding and
		// redelegation records are keyed by ids InitGenesis assigns afresh
		// (like x/staking's unbonding ids): their content is compared through
		// a second export below instead.
		alliancetypes.StoreKey: {
			alliancetypes.VirtualCheckpointKey.Bytes(), alliancetypes.LastVirtualChangeKey.Bytes(), alliancetypes.UnpaidRewardsCursorKey.Bytes(),
			alliancetypes.DelistCursorKey.Bytes(), alliancetypes.RebalanceQueueKey.Bytes(),
			alliancetypes.UnbondingKey.Bytes(), alliancetypes.UnbondingByTimeKey.Bytes(), alliancetypes.UnbondingByDelegatorKey.Bytes(),
			alliancetypes.UnbondingByValidatorKey.Bytes(), alliancetypes.UnbondingSeqKey.Bytes(),
			alliancetypes.RedelegationKey.Bytes(), alliancetypes.RedelegationByTimeKey.Bytes(), alliancetypes.RedelegationByDelegatorKey.Bytes(),
			alliancetypes.RedelegationBySrcKey.Bytes(), alliancetypes.RedelegationSeqKey.Bytes(),
		},
	}
	for _, name := range storeKeyNames {
		a, b := ctxA.KVStore(app.GetKey(name)), ctxB.KVStore(imported.GetKey(name))
		diffA, diffB := simtestutil.DiffKVStores(a, b, skip[name])
		require.Equal(t, len(diffA), len(diffB), "store %s: %d keys differ on one side, %d on the other", name, len(diffA), len(diffB))
		require.Empty(t, diffA, "store %s:\n%s", name, app.describeDiff(name, diffA, diffB))
		t.Logf("store %s: equal", name)
	}
	// The imported chain exports the very same x/alliance state.
	again, err := imported.ModuleManager.ExportGenesisForModules(ctxB, imported.AppCodec(), []string{alliancetypes.ModuleName})
	require.NoError(t, err)
	first, err := app.ModuleManager.ExportGenesisForModules(ctxA, app.AppCodec(), []string{alliancetypes.ModuleName})
	require.NoError(t, err)
	require.JSONEq(t, string(first[alliancetypes.ModuleName]), string(again[alliancetypes.ModuleName]))
}

// TestAppStateDeterminism: the same seed gives the same app hash, run after
// run: 3 seeds × 3 runs like the SDK's simapp in a long run, 1 × 2 in the
// short one.
func TestAppStateDeterminism(t *testing.T) {
	cfg := simConfig()
	seeds, runs := []int64{cfg.Seed}, 2
	if cfg.NumBlocks != shortBlocks {
		seeds, runs = []int64{cfg.Seed, cfg.Seed + 1, cfg.Seed + 2}, 3
	}
	for _, seed := range seeds {
		// One subtest per seed: the SDK's simulator skips a run whose random
		// genesis has no validator, and that must not skip the other seeds.
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			var first []byte
			for run := 0; run < runs; run++ {
				c := cfg
				c.Seed = seed
				app := newSimApp(t, dbm.NewMemDB())
				runSim(t, app, c)
				hash := app.LastCommitID().Hash
				if run == 0 {
					first = hash
					continue
				}
				require.True(t, bytes.Equal(first, hash), "seed %d run %d: app hash %X, first run %X", seed, run, hash, first)
			}
		})
	}
}

// checkInvariants: the invariants modules register (x/alliance's; the SDK's
// modules no longer register theirs) and the SDK's former ones this chain
// relies on: x/bank's supply equals the sum of the balances, x/staking's
// pools hold the tokens of their validators plus the unbonding entries
// (x/alliance mints, delegates, unbonds and burns in them).
func (app *AllianceApp) checkInvariants(ctx sdk.Context) error {
	reg := &invariantRegistry{}
	for _, m := range app.ModuleManager.Modules {
		if hi, ok := m.(module.HasInvariants); ok {
			hi.RegisterInvariants(reg)
		}
	}
	for _, inv := range reg.list {
		if msg, broken := inv.fn(ctx); broken {
			return fmt.Errorf("height %d: invariant %s broken: %s", ctx.BlockHeight(), inv.name, msg)
		}
	}
	if err := app.checkSupply(ctx); err != nil {
		return fmt.Errorf("height %d: %w", ctx.BlockHeight(), err)
	}
	if err := app.checkStakingPools(ctx); err != nil {
		return fmt.Errorf("height %d: %w", ctx.BlockHeight(), err)
	}
	return nil
}

type invariantRegistry struct {
	list []struct {
		name string
		fn   sdk.Invariant
	}
}

func (r *invariantRegistry) RegisterRoute(module, route string, fn sdk.Invariant) {
	r.list = append(r.list, struct {
		name string
		fn   sdk.Invariant
	}{module + "/" + route, fn})
}

func (app *AllianceApp) checkSupply(ctx sdk.Context) error {
	sum := sdk.NewCoins()
	app.BankKeeper.IterateAllBalances(ctx, func(_ sdk.AccAddress, c sdk.Coin) bool {
		sum = sum.Add(c)
		return false
	})
	supply := sdk.NewCoins()
	app.BankKeeper.IterateTotalSupply(ctx, func(c sdk.Coin) bool {
		supply = supply.Add(c)
		return false
	})
	if !sum.Equal(supply) {
		return fmt.Errorf("bank: balances sum to %s, supply is %s", sum, supply)
	}
	return nil
}

func (app *AllianceApp) checkStakingPools(ctx sdk.Context) error {
	vals, err := app.StakingKeeper.GetAllValidators(ctx)
	if err != nil {
		return err
	}
	bonded, notBonded := math.ZeroInt(), math.ZeroInt()
	for _, v := range vals {
		if v.IsBonded() {
			bonded = bonded.Add(v.Tokens)
		} else {
			notBonded = notBonded.Add(v.Tokens)
		}
	}
	err = app.StakingKeeper.IterateUnbondingDelegations(ctx, func(_ int64, ubd stakingtypes.UnbondingDelegation) bool {
		for _, e := range ubd.Entries {
			notBonded = notBonded.Add(e.Balance)
		}
		return false
	})
	if err != nil {
		return err
	}
	pool := func(name string) math.Int {
		return app.BankKeeper.GetBalance(ctx, app.AccountKeeper.GetModuleAddress(name), BondDenom).Amount
	}
	if got := pool(stakingtypes.BondedPoolName); !got.Equal(bonded) {
		return fmt.Errorf("staking: bonded pool holds %s, bonded validators %s", got, bonded)
	}
	if got := pool(stakingtypes.NotBondedPoolName); !got.Equal(notBonded) {
		return fmt.Errorf("staking: not-bonded pool holds %s, other validators + unbonding entries %s", got, notBonded)
	}
	return nil
}

// requireAllianceActivity: every x/alliance message was delivered at least
// once (the simulator's statistics), and some alliance stake is left.
func requireAllianceActivity(t *testing.T, app *AllianceApp, statsPath string) {
	t.Helper()
	bz, err := os.ReadFile(statsPath)
	require.NoError(t, err)
	var stats map[string]map[string]map[string]int
	require.NoError(t, json.Unmarshal(bz, &stats))
	for _, msg := range []sdk.Msg{&alliancetypes.MsgDelegate{}, &alliancetypes.MsgUndelegate{}, &alliancetypes.MsgRedelegate{},
		&alliancetypes.MsgClaimDelegationRewards{}, &alliancetypes.MsgCancelUnbonding{},
		// executed as passed gov proposals (x/alliance simulation govExecute)
		&alliancetypes.MsgCreateAlliance{}, &alliancetypes.MsgUpdateAlliance{}, &alliancetypes.MsgDeleteAlliance{}} {
		require.Positive(t, stats[alliancetypes.ModuleName][sdk.MsgTypeURL(msg)]["ok"], "%s never delivered: %v", sdk.MsgTypeURL(msg), stats[alliancetypes.ModuleName])
	}
	t.Logf("x/alliance operations: %v", stats[alliancetypes.ModuleName])
	ctx := app.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})
	staked := math.ZeroInt()
	require.NoError(t, app.AllianceKeeper.Assets.Walk(ctx, nil, func(_ string, a alliancetypes.AllianceAsset) (bool, error) {
		staked = staked.Add(a.TotalTokens)
		return false, nil
	}))
	require.True(t, staked.IsPositive(), "no alliance stake left after the simulation")
}

// describeDiff lists the keys that differ (x/alliance's named by their
// collection) with both values; the SDK's store decoders cannot print a key
// missing on one side.
func (app *AllianceApp) describeDiff(store string, a, b []kv.Pair) string {
	var out strings.Builder
	for i := range a {
		coll := ""
		if store == alliancetypes.StoreKey {
			for _, c := range app.AllianceKeeper.Schema.ListCollections() {
				if bytes.HasPrefix(a[i].Key, c.GetPrefix()) {
					coll = c.GetName()
				}
			}
		}
		fmt.Fprintf(&out, "%s %X: %X | %X\n", coll, a[i].Key, a[i].Value, b[i].Value)
	}
	return out.String()
}
