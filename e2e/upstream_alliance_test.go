package e2e_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream"
	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream/upstreamtest"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The export of a live terra-money/alliance v0.4.3 chain (3 assets, 4
// delegations, 2 undelegations, 1 redelegation, rewards pending), taken with
// the cosmos prefix; the tests re-encode its addresses with this chain's.
const upstreamExportFile = "../x/alliance/testdata/upstream-alliance-v0.4.3-export.json"

// What the export holds, in this chain's addresses (same bytes).
var (
	upDelegator = upAddr("cosmos19ucee25n9mm7fdgtr5xcyz2qh8hpfza02vgh0u")
	upVal1      = upAddr("cosmosvaloper17jc9ueysdassnfp8kenxzr8arhagfccv4dxacd")
	upVal2      = upAddr("cosmosvaloper1l28uypaevfhpff7qql9ras2dnuszfwlm34zxap")
	upGenesis   = time.Date(2026, 12, 4, 3, 23, 31, 223578134, time.UTC)
	// completion times of the undelegations (and of the redelegation: the
	// same as the ibc undelegation's)
	upUnbondB   = time.Date(2026, 12, 4, 3, 26, 26, 926433650, time.UTC)
	upUnbondIBC = time.Date(2026, 12, 4, 3, 26, 32, 964551719, time.UTC)
)

const (
	upIBC          = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"
	upChainID      = "anchor-1"
	upInitialHeigh = 64 // the export's initial_height
)

// upAddr re-encodes a cosmos-prefixed bech32 string with this chain's
// prefix (cosmos1… -> alliance1…, cosmosvaloper1… -> alliancevaloper1…).
func upAddr(s string) string {
	hrp, bz, err := bech32.DecodeAndConvert(s)
	if err != nil || !strings.HasPrefix(hrp, "cosmos") {
		return s
	}
	out, err := bech32.ConvertAndEncode(app.Bech32Prefix+strings.TrimPrefix(hrp, "cosmos"), bz)
	if err != nil {
		return s
	}
	return out
}

// rewritePrefixes re-encodes every cosmos-prefixed address in a JSON value.
func rewritePrefixes(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = rewritePrefixes(e)
		}
	case []any:
		for i, e := range x {
			x[i] = rewritePrefixes(e)
		}
	case string:
		return upAddr(x)
	}
	return v
}

// upstreamAppState reads the export's app state with this chain's addresses.
func upstreamAppState(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	bz, err := os.ReadFile(upstreamExportFile)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(bz))
	dec.UseNumber() // keep every number exactly as written
	var doc map[string]any
	require.NoError(t, dec.Decode(&doc))
	state := map[string]json.RawMessage{}
	for name, v := range rewritePrefixes(doc["app_state"]).(map[string]any) {
		raw, err := json.Marshal(v)
		require.NoError(t, err)
		state[name] = raw
	}
	return state
}

// upstreamAlliance decodes the export's alliance section (upstream's meaning
// of the reward indices: not converted).
func upstreamAlliance(t *testing.T, a *app.AllianceApp) *types.GenesisState {
	t.Helper()
	var gs types.GenesisState
	a.AppCodec().MustUnmarshalJSON(upstreamAppState(t)[types.ModuleName], &gs)
	return &gs
}

// upChain is the app started from the export: its accounts, balances,
// validators, native delegations and distribution state (the modules the
// alliance state needs), at the export's initial height and genesis time.
// ibc-go v8's sections and upstream-only modules are not imported.
type upChain struct {
	t      *testing.T
	app    *app.AllianceApp
	height int64
	time   time.Time
}

// startUpstreamChain runs InitChain on the export. alliance is the
// alliance section to start with.
func startUpstreamChain(t *testing.T, alliance *types.GenesisState) *upChain {
	t.Helper()
	app.SetAddressPrefixes()
	a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil, baseapp.SetChainID(upChainID))
	require.NoError(t, err)
	state := a.DefaultGenesis()
	export := upstreamAppState(t)
	for _, m := range []string{"auth", "bank", "staking", "distribution", "slashing", "mint"} {
		state[m] = export[m]
	}
	state[types.ModuleName] = a.AppCodec().MustMarshalJSON(alliance)
	bz, err := json.Marshal(state)
	require.NoError(t, err)
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId: upChainID, Time: upGenesis, InitialHeight: upInitialHeigh,
		ConsensusParams: simtestutil.DefaultConsensusParams, AppStateBytes: bz,
	})
	require.NoError(t, err)
	return &upChain{t: t, app: a, height: upInitialHeigh - 1, time: upGenesis}
}

// genesisContext writes into the state InitChain left, which the first
// block continues and commits (an upgrade handler's view of the store).
func (c *upChain) genesisContext() sdk.Context {
	return c.app.NewContextLegacy(false, cmtproto.Header{ChainID: upChainID, Height: upInitialHeigh, Time: upGenesis})
}

// view is a throwaway branch of the last committed state (or, before the
// first block, of the genesis state).
func (c *upChain) view() sdk.Context {
	if c.height < upInitialHeigh {
		ctx, _ := c.genesisContext().CacheContext()
		return ctx
	}
	ctx, _ := c.app.NewUncachedContext(false, cmtproto.Header{ChainID: upChainID, Height: c.height, Time: c.time}).
		WithBlockHeight(c.height).WithBlockTime(c.time).CacheContext()
	return ctx
}

// block makes a block at time t in which every bonded validator signed the
// previous one, and checks the alliance invariants after it.
func (c *upChain) block(t time.Time) {
	c.t.Helper()
	var votes []abci.VoteInfo
	if c.height >= upInitialHeigh {
		ctx := c.view()
		require.NoError(c.t, c.app.StakingKeeper.IterateLastValidatorPowers(ctx, func(op sdk.ValAddress, power int64) bool {
			val, err := c.app.StakingKeeper.GetValidator(ctx, op)
			require.NoError(c.t, err)
			cons, err := val.GetConsAddr()
			require.NoError(c.t, err)
			votes = append(votes, abci.VoteInfo{Validator: abci.Validator{Address: cons, Power: power}, BlockIdFlag: cmtproto.BlockIDFlagCommit})
			return false
		}))
	}
	_, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: c.height + 1, Time: t, DecidedLastCommit: abci.CommitInfo{Votes: votes},
	})
	require.NoError(c.t, err)
	_, err = c.app.Commit()
	require.NoError(c.t, err)
	c.height, c.time = c.height+1, t
	msg, broken := keeper.AllInvariants(c.app.AllianceKeeper)(c.view())
	require.False(c.t, broken, msg)
}

func (c *upChain) balance(addr, denom string) math.Int {
	return c.app.BankKeeper.GetBalance(c.view(), sdk.MustAccAddressFromBech32(addr), denom).Amount
}

// checkAgainstExport checks every alliance query against the export.
// Balances are shares × the validator's tokens / its delegator shares;
// the asset with a take rate (ualliancea: 932,065 tokens for 1,000,000
// validator shares, all on val1) gives 932,065, the others one token per
// share. Rewards: see checkBookedRewards.
func checkAgainstExport(t *testing.T, c *upChain, want *types.GenesisState) {
	t.Helper()
	ctx := c.view()
	q := keeper.NewQueryServerImpl(c.app.AllianceKeeper)

	res, err := q.Alliances(ctx, &types.QueryAlliancesRequest{})
	require.NoError(t, err)
	require.Len(t, res.Alliances, 3)
	for _, w := range want.Assets {
		got, err := q.Alliance(ctx, &types.QueryAllianceRequest{Denom: w.Denom})
		require.NoError(t, err)
		require.Equal(t, w.String(), got.Alliance.String(), w.Denom)
	}

	balances := []struct {
		val, denom string
		shares     string
		tokens     int64
	}{
		{upVal1, "ualliancea", "1000000", 932065},
		{upVal1, "uallianceb", "1500000", 1500000},
		{upVal1, upIBC, "800000", 800000},
		{upVal2, upIBC, "100000", 100000},
	}
	for _, b := range balances {
		got, err := q.AllianceDelegation(ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: upDelegator, ValidatorAddr: b.val, Denom: b.denom})
		require.NoError(t, err, b.denom)
		require.Equal(t, math.LegacyMustNewDecFromStr(b.shares), got.Delegation.Delegation.Shares, b.denom)
		require.Equal(t, sdk.NewInt64Coin(b.denom, b.tokens), got.Delegation.Balance, b.denom)
	}
	all, err := q.AlliancesDelegation(ctx, &types.QueryAlliancesDelegationsRequest{DelegatorAddr: upDelegator})
	require.NoError(t, err)
	require.Len(t, all.Delegations, 4)

	ubds, err := q.AllianceUnbondingsByDelegator(ctx, &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: upDelegator})
	require.NoError(t, err)
	require.Len(t, ubds.Unbondings, 2)
	byDenom := map[string]types.UnbondingDelegation{}
	for _, u := range ubds.Unbondings {
		byDenom[u.Denom] = u
	}
	for denom, w := range map[string]struct {
		amount int64
		at     time.Time
	}{"uallianceb": {500000, upUnbondB}, upIBC: {100000, upUnbondIBC}} {
		u := byDenom[denom]
		require.Equal(t, upVal1, u.ValidatorAddress, denom)
		require.Equal(t, math.NewInt(w.amount), u.Amount, denom)
		require.True(t, w.at.Equal(u.CompletionTime), "%s completes at %s, want %s", denom, u.CompletionTime, w.at)
	}

	reds, err := q.AllianceRedelegationsByDelegator(ctx, &types.QueryAllianceRedelegationsByDelegatorRequest{DelegatorAddr: upDelegator})
	require.NoError(t, err)
	require.Len(t, reds.Redelegations, 1)
	r := reds.Redelegations[0]
	require.Equal(t, []string{upVal1, upVal2}, []string{r.SrcValidatorAddress, r.DstValidatorAddress})
	require.Equal(t, sdk.NewInt64Coin(upIBC, 100000), r.Balance)
	require.True(t, upUnbondIBC.Equal(r.CompletionTime))

	checkBookedRewards(t, c)
}

// checkBookedRewards checks what each delegation is owed from the indices
// the export booked: what upstream would pay, (validator index − delegation
// index) × delegation tokens, floored. Rewards x/distribution still holds
// for the module's stake are not in the export's indices (they are split at
// the next claim); they are withdrawn into the pool first, in a throwaway
// branch, so the query shows the booked part alone. By hand from the file:
//
//	ualliancea on val1, 932,065 tokens:
//	  stake      (0.582171457376452322 − 0.260160195159369613) × 932,065 = 300,135.43 -> 300,135
//	  ualliancea (0.011631583668319856 − 0.004999368599721505) × 932,065 =   6,181.65 ->   6,181
//	uallianceb on val1, 1,500,000 tokens:
//	  stake      (0.589571470588235294 − 0.459796176470588235) × 1,500,000 = 194,662.94 -> 194,662
//	  ualliancea (0.012125588235294117 − 0.008004411764705882) × 1,500,000 =   6,181.76 ->   6,181
//	ibc on val1: its indices equal the validator's (claimed at height 60): 0
//	ibc on val2: the validator has no index yet: 0
//
// Taken as indices per share (unconverted), ualliancea's would be owed
// × 1,000,000 shares: 322,011 stake, more than upstream pays, and the four
// together 516,673 stake against the pool's 499,359.
func checkBookedRewards(t *testing.T, c *upChain) {
	t.Helper()
	ctx := c.view()
	module := c.app.AccountKeeper.GetModuleAddress(types.ModuleName)
	for _, v := range []string{upVal1, upVal2} {
		val, err := sdk.ValAddressFromBech32(v)
		require.NoError(t, err)
		_, err = c.app.DistrKeeper.WithdrawDelegationRewards(ctx, module, val)
		require.NoError(t, err)
	}
	q := keeper.NewQueryServerImpl(c.app.AllianceKeeper)
	for _, w := range []struct {
		val, denom string
		want       sdk.Coins
	}{
		{upVal1, "ualliancea", sdk.NewCoins(sdk.NewInt64Coin("stake", 300135), sdk.NewInt64Coin("ualliancea", 6181))},
		{upVal1, "uallianceb", sdk.NewCoins(sdk.NewInt64Coin("stake", 194662), sdk.NewInt64Coin("ualliancea", 6181))},
		{upVal1, upIBC, sdk.NewCoins()},
		{upVal2, upIBC, sdk.NewCoins()},
	} {
		got, err := q.AllianceDelegationRewards(ctx, &types.QueryAllianceDelegationRewardsRequest{DelegatorAddr: upDelegator, ValidatorAddr: w.val, Denom: w.denom})
		require.NoError(t, err)
		require.Equal(t, w.want.String(), sdk.NewCoins(got.Rewards...).String(), "%s on %s", w.denom, w.val)
	}
}

// runUnbondingsToCompletion makes blocks up to and past both completion
// times: each payout lands in the first block at or after its time, exact.
func runUnbondingsToCompletion(t *testing.T, c *upChain) {
	t.Helper()
	b0, i0 := c.balance(upDelegator, "uallianceb"), c.balance(upDelegator, upIBC)
	require.Equal(t, math.NewInt(999998000000), b0) // the export's bank balance
	require.Equal(t, math.NewInt(999999000000), i0)
	for i := 1; i <= 3; i++ {
		c.block(upGenesis.Add(time.Duration(i) * 5 * time.Second))
	}
	c.block(upUnbondB.Add(-time.Second))
	require.Equal(t, b0, c.balance(upDelegator, "uallianceb"), "paid before its time")
	c.block(upUnbondB)
	require.Equal(t, b0.AddRaw(500000), c.balance(upDelegator, "uallianceb"))
	require.Equal(t, i0, c.balance(upDelegator, upIBC), "paid before its time")
	c.block(upUnbondIBC)
	require.Equal(t, i0.AddRaw(100000), c.balance(upDelegator, upIBC))

	q := keeper.NewQueryServerImpl(c.app.AllianceKeeper)
	ubds, err := q.AllianceUnbondingsByDelegator(c.view(), &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: upDelegator})
	require.NoError(t, err)
	require.Empty(t, ubds.Unbondings)
	reds, err := q.AllianceRedelegationsByDelegator(c.view(), &types.QueryAllianceRedelegationsByDelegatorRequest{DelegatorAddr: upDelegator})
	require.NoError(t, err)
	require.Empty(t, reds.Redelegations)
	// the stake itself is still there, and still claimable
	d, err := q.AllianceDelegation(c.view(), &types.QueryAllianceDelegationRequest{DelegatorAddr: upDelegator, ValidatorAddr: upVal1, Denom: "uallianceb"})
	require.NoError(t, err)
	require.Equal(t, sdk.NewInt64Coin("uallianceb", 1500000), d.Delegation.Balance)
}

// An upstream v0.4.3 export, its reward indices converted
// (upstream.ConvertGenesis), starts this chain: every query answers
// what the file holds, rewards are what upstream would pay, the
// unbondings pay out on time, and the invariants hold in every block.
func TestUpstreamGenesisImport(t *testing.T) {
	a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil)
	require.NoError(t, err)
	gs := upstreamAlliance(t, a)
	want := upstreamAlliance(t, a)
	require.NoError(t, upstream.ConvertGenesis(gs))

	c := startUpstreamChain(t, gs)
	msg, broken := keeper.AllInvariants(c.app.AllianceKeeper)(c.view())
	require.False(t, broken, msg)
	checkAgainstExport(t, c, want)
	c.block(upGenesis)
	checkAgainstExport(t, c, want) // the first block's rewards are still unbooked: the same
	runUnbondingsToCompletion(t, c)
}

// The export as it is (no format_version) is refused, with the command that
// converts it: imported as it is, its per-token indices would be read per
// share, and the pool could not pay what the delegators would be owed, as
// forcing the format shows.
func TestUpstreamGenesisUnconvertedOverPromises(t *testing.T) {
	a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil)
	require.NoError(t, err)
	raw := upstreamAlliance(t, a)
	require.ErrorIs(t, raw.Validate(), types.ErrUnconvertedUpstreamGenesis)
	require.ErrorContains(t, raw.Validate(), "allianced genesis convert-upstream")
	raw.FormatVersion = types.GenesisFormatVersion // forced past the refusal
	c := startUpstreamChain(t, raw)
	msg, broken := keeper.RewardPoolInvariant(c.app.AllianceKeeper)(c.view())
	require.True(t, broken)
	require.Contains(t, msg, "owes 516673stake,12813ualliancea")
}

// upgradeFromUpstream replaces the alliance store with upstream's layout
// of the export (written as upstream's keeper leaves it), records version 5
// for the module as an upstream chain's x/upgrade store does, and applies
// the example upgrade (RunMigrations).
func upgradeFromUpstream(t *testing.T, c *upChain, ctx sdk.Context, gs *types.GenesisState, extra func(store storeWriter)) error {
	t.Helper()
	k := c.app.AllianceKeeper
	store := k.ModuleStore(ctx)
	var keys [][]byte
	it, err := store.Iterator(nil, nil)
	require.NoError(t, err)
	for ; it.Valid(); it.Next() {
		keys = append(keys, it.Key())
	}
	require.NoError(t, it.Close())
	for _, key := range keys {
		require.NoError(t, store.Delete(key))
	}
	acc, val := k.AddressCodecs()
	require.NoError(t, upstreamtest.WriteStore(store, gs, acc, val))
	if extra != nil {
		extra(store)
	}
	vm, err := c.app.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	vm[types.ModuleName] = upstream.FromVersion
	require.NoError(t, c.app.UpgradeKeeper.SetModuleVersionMap(ctx, vm))
	return c.app.UpgradeKeeper.ApplyUpgrade(ctx, upgradetypes.Plan{Name: app.UpgradeAllianceFromUpstream, Height: upInitialHeigh})
}

type storeWriter interface {
	Set(key, value []byte) error
}

// A chain running upstream v0.4 upgrades in place: the store upstream's
// keeper wrote (from the export, with its queues and indexes) is migrated
// by the module manager; every query then answers what the file holds,
// the rewards are upstream's, the unbondings pay out on time.
func TestUpstreamStoreMigration(t *testing.T) {
	a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil)
	require.NoError(t, err)
	// ualliancea as upstream's v4 migration leaves an asset listed before
	// it: reward_weight_range.max = MaxInt64, lowered to this module's
	// bound (10) by the migration, the weight (0.5) unchanged.
	stored, want := upstreamAlliance(t, a), upstreamAlliance(t, a)
	require.Equal(t, "ualliancea", stored.Assets[0].Denom)
	stored.Assets[0].RewardWeightRange.Max = math.LegacyMustNewDecFromStr("9223372036854775807")
	want.Assets[0].RewardWeightRange.Max = types.MaxRewardWeight
	c := startUpstreamChain(t, types.DefaultGenesisState())
	ctx := c.genesisContext()
	require.NoError(t, upgradeFromUpstream(t, c, ctx, stored, nil))

	vm, err := c.app.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(6), vm[types.ModuleName])
	checkAgainstExport(t, c, want)
	c.block(upGenesis)
	checkAgainstExport(t, c, want)
	runUnbondingsToCompletion(t, c)
}

// A store the migration cannot read whole is refused with a clear error and
// nothing is written: the upstream records stay as they were, the version
// map still says 5 (x/upgrade would stop the chain at the upgrade height).
func TestUpstreamStoreMigrationRefusesBadRecords(t *testing.T) {
	c := startUpstreamChain(t, types.DefaultGenesisState())
	acc, val := c.app.AllianceKeeper.AddressCodecs()
	del, err := acc.StringToBytes(upDelegator)
	require.NoError(t, err)
	v1, err := val.StringToBytes(upVal1)
	require.NoError(t, err)
	delKey := upstreamtest.Key(0x21, upstreamtest.LP(del), upstreamtest.LP(v1), upstreamtest.LP(upstreamtest.Denom0("uallianceb")))

	cases := []struct {
		name  string
		gs    func(*types.GenesisState)
		store func(storeWriter)
		err   error
	}{
		{"unknown prefix", nil, func(s storeWriter) { _ = s.Set([]byte{0x7f, 1}, []byte{1}) }, types.ErrUpstreamUnknownRecord},
		{"delegation value not a Delegation", nil, func(s storeWriter) { _ = s.Set(delKey, []byte{0xff, 0xff}) }, types.ErrUpstreamBadRecord},
		{"truncated delegation key", nil, func(s storeWriter) { _ = s.Set(delKey[:len(delKey)-3], []byte{}) }, types.ErrUpstreamBadRecord},
		{"delegation under another delegator's key", nil, func(s storeWriter) {
			other := upAddr("cosmos17jc9ueysdassnfp8kenxzr8arhagfccvsejg57")
			bz, _ := (&types.Delegation{DelegatorAddress: other, ValidatorAddress: upVal1, Denom: "uallianceb", Shares: math.LegacyOneDec()}).Marshal()
			_ = s.Set(delKey, bz)
		}, types.ErrUpstreamBadRecord},
		{"legacy reward index", func(gs *types.GenesisState) {
			gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Alliance = ""
		}, nil, types.ErrUpstreamLegacyIndex},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := c.genesisContext().CacheContext()
			gs := upstreamAlliance(t, c.app)
			if tc.gs != nil {
				tc.gs(gs)
			}
			var before []string
			err := upgradeFromUpstream(t, c, ctx, gs, func(s storeWriter) {
				if tc.store != nil {
					tc.store(s)
				}
				before = dumpStore(t, c, ctx)
			})
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), "nothing written")
			require.Equal(t, before, dumpStore(t, c, ctx), "the store changed")
			vm, err := c.app.UpgradeKeeper.GetModuleVersionMap(ctx)
			require.NoError(t, err)
			require.Equal(t, uint64(upstream.FromVersion), vm[types.ModuleName])
		})
	}
}

func dumpStore(t *testing.T, c *upChain, ctx sdk.Context) []string {
	t.Helper()
	it, err := c.app.AllianceKeeper.ModuleStore(ctx).Iterator(nil, nil)
	require.NoError(t, err)
	defer it.Close()
	var out []string
	for ; it.Valid(); it.Next() {
		out = append(out, string(it.Key())+"="+string(it.Value()))
	}
	return out
}

// A chain of this module at version 1 takes the same upgrade: the steps 1
// to 5 leave its store exactly as it was, and the version becomes 6.
func TestUpstreamUpgradeLeavesThisModulesChainAlone(t *testing.T) {
	a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil)
	require.NoError(t, err)
	gs := upstreamAlliance(t, a)
	require.NoError(t, upstream.ConvertGenesis(gs))
	c := startUpstreamChain(t, gs)
	c.block(upGenesis)
	ctx, _ := c.app.NewUncachedContext(false, cmtproto.Header{ChainID: upChainID, Height: c.height + 1, Time: c.time}).CacheContext()
	vm, err := c.app.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	vm[types.ModuleName] = 1
	require.NoError(t, c.app.UpgradeKeeper.SetModuleVersionMap(ctx, vm))
	before := dumpStore(t, c, ctx)
	require.NoError(t, c.app.UpgradeKeeper.ApplyUpgrade(ctx, upgradetypes.Plan{Name: app.UpgradeAllianceFromUpstream, Height: c.height + 1}))
	require.Equal(t, before, dumpStore(t, c, ctx))
	vm, err = c.app.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(6), vm[types.ModuleName])
}
