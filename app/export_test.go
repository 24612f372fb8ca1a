package app_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const zhAsset = "uzh"

// zeroHeightChain is a chain with two validators, an alliance asset, native
// and alliance delegations, a native and an alliance unbonding and
// redelegation in flight, and some blocks of rewards pending.
func zeroHeightChain(t *testing.T) *harness.Chain {
	t.Helper()
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	fund := sdk.NewCoins(sdk.NewInt64Coin(zhAsset, 10_000_000), sdk.NewInt64Coin(app.BondDenom, 50_000_000))
	cfg.Funds = map[string]sdk.Coins{"alice": fund, "bob": fund, "carol": fund}
	c := harness.NewChain(t, cfg)
	v0, v1 := c.Validators()[0].ValAddr.String(), c.Validators()[1].ValAddr.String()
	alice, bob, carol := c.Account("alice"), c.Account("bob"), c.Account("carol")
	c.CreateAlliance(harness.AllianceSpec{Denom: zhAsset, RewardWeight: "0.5"})

	bond := func(n int64) sdk.Coin { return sdk.NewInt64Coin(app.BondDenom, n) }
	asset := func(n int64) sdk.Coin { return sdk.NewInt64Coin(zhAsset, n) }
	c.MustDeliver(bob, &stakingtypes.MsgDelegate{DelegatorAddress: bob.Address.String(), ValidatorAddress: v0, Amount: bond(20_000_000)})
	c.MustDeliver(carol, &stakingtypes.MsgDelegate{DelegatorAddress: carol.Address.String(), ValidatorAddress: v1, Amount: bond(7_000_000)})
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v0, Amount: asset(6_000_000)})
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v1, Amount: asset(2_000_000)})
	c.MustDeliver(carol, &alliancetypes.MsgDelegate{DelegatorAddress: carol.Address.String(), ValidatorAddress: v1, Amount: asset(3_000_000)})
	c.NextBlocks(4)
	c.MustDeliver(bob, &stakingtypes.MsgUndelegate{DelegatorAddress: bob.Address.String(), ValidatorAddress: v0, Amount: bond(3_000_000)})
	c.MustDeliver(bob, &stakingtypes.MsgBeginRedelegate{DelegatorAddress: bob.Address.String(), ValidatorSrcAddress: v0, ValidatorDstAddress: v1, Amount: bond(4_000_000)})
	c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v0, Amount: asset(1_000_000)})
	c.MustDeliver(alice, &alliancetypes.MsgRedelegate{DelegatorAddress: alice.Address.String(), ValidatorSrcAddress: v0, ValidatorDstAddress: v1, Amount: asset(1_500_000)})
	c.NextBlocks(6)
	return c
}

// owed is what every account is owed right now, by the chain's own rewards
// queries: native delegation rewards and validator commission (both as
// x/distribution pays them: truncated) and alliance delegation rewards.
func owed(t *testing.T, a *app.AllianceApp, ctx sdk.Context) map[string]sdk.Coins {
	t.Helper()
	out := map[string]sdk.Coins{}
	add := func(addr string, coins sdk.Coins) {
		if !coins.IsZero() {
			out[addr] = out[addr].Add(coins...)
		}
	}
	q := distrkeeper.NewQuerier(a.DistrKeeper)
	dels, err := a.StakingKeeper.GetAllDelegations(ctx)
	require.NoError(t, err)
	for _, d := range dels {
		if d.DelegatorAddress == allianceAcc.String() {
			continue // the virtual stake: its rewards belong to the alliance delegators
		}
		res, err := q.DelegationRewards(ctx, &distrtypes.QueryDelegationRewardsRequest{DelegatorAddress: d.DelegatorAddress, ValidatorAddress: d.ValidatorAddress})
		require.NoError(t, err)
		coins, _ := res.Rewards.TruncateDecimal()
		add(d.DelegatorAddress, coins)
	}
	vals, err := a.StakingKeeper.GetAllValidators(ctx)
	require.NoError(t, err)
	for _, v := range vals {
		res, err := q.ValidatorCommission(ctx, &distrtypes.QueryValidatorCommissionRequest{ValidatorAddress: v.OperatorAddress})
		require.NoError(t, err)
		coins, _ := res.Commission.Commission.TruncateDecimal()
		valAddr, err := sdk.ValAddressFromBech32(v.OperatorAddress)
		require.NoError(t, err)
		add(sdk.AccAddress(valAddr).String(), coins)
	}
	aq := alliancekeeper.NewQueryServerImpl(a.AllianceKeeper)
	err = a.AllianceKeeper.Delegations.Walk(ctx, nil, func(_ alliancekeeper.DelegationKey, d alliancetypes.Delegation) (bool, error) {
		res, err := aq.AllianceDelegationRewards(ctx, &alliancetypes.QueryAllianceDelegationRewardsRequest{
			DelegatorAddr: d.DelegatorAddress, ValidatorAddr: d.ValidatorAddress, Denom: d.Denom,
		})
		require.NoError(t, err)
		add(d.DelegatorAddress, sdk.NewCoins(res.Rewards...))
		return false, nil
	})
	require.NoError(t, err)
	return out
}

// stakes lists every account's stake (the alliance account's virtual stake
// aside: the new chain rebalances it): native delegations in tokens,
// unbonding and redelegation entries, alliance delegations in tokens and
// alliance unbondings and redelegations.
func stakes(t *testing.T, a *app.AllianceApp, ctx sdk.Context) []string {
	t.Helper()
	var out []string
	dels, err := a.StakingKeeper.GetAllDelegations(ctx)
	require.NoError(t, err)
	for _, d := range dels {
		if d.DelegatorAddress == allianceAcc.String() {
			continue
		}
		valAddr, err := sdk.ValAddressFromBech32(d.ValidatorAddress)
		require.NoError(t, err)
		v, err := a.StakingKeeper.GetValidator(ctx, valAddr)
		require.NoError(t, err)
		out = append(out, fmt.Sprintf("native %s %s %s", d.DelegatorAddress, d.ValidatorAddress, v.TokensFromShares(d.Shares).TruncateInt()))
	}
	require.NoError(t, a.StakingKeeper.IterateUnbondingDelegations(ctx, func(_ int64, u stakingtypes.UnbondingDelegation) bool {
		for _, e := range u.Entries {
			out = append(out, fmt.Sprintf("unbonding %s %s %s %s", u.DelegatorAddress, u.ValidatorAddress, e.Balance, e.CompletionTime.UTC()))
		}
		return false
	}))
	require.NoError(t, a.StakingKeeper.IterateRedelegations(ctx, func(_ int64, r stakingtypes.Redelegation) bool {
		for _, e := range r.Entries {
			out = append(out, fmt.Sprintf("redelegation %s %s %s %s %s", r.DelegatorAddress, r.ValidatorSrcAddress, r.ValidatorDstAddress, e.InitialBalance, e.CompletionTime.UTC()))
		}
		return false
	}))
	aq := alliancekeeper.NewQueryServerImpl(a.AllianceKeeper)
	require.NoError(t, a.AllianceKeeper.Delegations.Walk(ctx, nil, func(_ alliancekeeper.DelegationKey, d alliancetypes.Delegation) (bool, error) {
		res, err := aq.AllianceDelegation(ctx, &alliancetypes.QueryAllianceDelegationRequest{DelegatorAddr: d.DelegatorAddress, ValidatorAddr: d.ValidatorAddress, Denom: d.Denom})
		require.NoError(t, err)
		out = append(out, fmt.Sprintf("alliance %s %s %s", d.DelegatorAddress, d.ValidatorAddress, res.Delegation.Balance))
		return false, nil
	}))
	require.NoError(t, a.AllianceKeeper.Unbondings.Walk(ctx, nil, func(_ uint64, e alliancetypes.UnbondingEntry) (bool, error) {
		out = append(out, fmt.Sprintf("alliance-unbonding %s %s %s %s", e.DelegatorAddress, e.ValidatorAddress, e.Balance, e.CompletionTime.UTC()))
		return false, nil
	}))
	require.NoError(t, a.AllianceKeeper.Redelegations.Walk(ctx, nil, func(_ uint64, r alliancetypes.RedelegationRecord) (bool, error) {
		out = append(out, fmt.Sprintf("alliance-redelegation %s %s %s %s %s", r.DelegatorAddress, r.SrcValidatorAddress, r.DstValidatorAddress, r.Balance, r.CompletionTime.UTC()))
		return false, nil
	}))
	sort.Strings(out)
	return out
}

// checkSupply: x/bank's supply of every denom is the sum of all balances.
func checkSupply(t *testing.T, a *app.AllianceApp, ctx sdk.Context) {
	t.Helper()
	sum := sdk.NewCoins()
	a.BankKeeper.IterateAllBalances(ctx, func(_ sdk.AccAddress, c sdk.Coin) bool {
		sum = sum.Add(c)
		return false
	})
	supply, _, err := a.BankKeeper.GetPaginatedTotalSupply(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, supply.String(), sum.String(), "supply vs sum of balances")
}

func checkAllianceInvariants(t *testing.T, a *app.AllianceApp, ctx sdk.Context) {
	t.Helper()
	msg, broken := alliancekeeper.AllInvariants(a.AllianceKeeper)(ctx)
	require.False(t, broken, msg)
}

// importedChain is a chain started from a zero-height export.
type importedChain struct {
	App    *app.AllianceApp
	height int64
	time   time.Time
	vals   []abci.Validator
}

const zhChainID = "alliance-zero-1"

// zeroHeightImport validates an exported genesis with every module's
// ValidateGenesis, starts a fresh app from it (height 1, as CometBFT starts
// a genesis whose initial height is 0) at genesisTime and commits its first
// block.

func zeroHeightImport(t *testing.T, exported servertypes.ExportedApp, genesisTime time.Time) *importedChain {
	t.Helper()
	require.Equal(t, int64(0), exported.Height)
	b, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil, baseapp.SetChainID(zhChainID))
	require.NoError(t, err)

	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	require.NoError(t, b.BasicModuleManager.ValidateGenesis(b.AppCodec(), b.TxConfig(), state))

	res, err := b.InitChain(&abci.RequestInitChain{
		ChainId: zhChainID, Time: genesisTime, InitialHeight: 1, AppStateBytes: exported.AppState,
		ConsensusParams: simtestutil.DefaultConsensusParams,
	})
	require.NoError(t, err)
	ic := &importedChain{App: b, time: genesisTime}
	require.Len(t, res.Validators, len(exported.Validators))
	for _, v := range exported.Validators {
		ic.vals = append(ic.vals, abci.Validator{Address: v.Address, Power: v.Power})
	}
	ic.next(t, abci.CommitInfo{})
	return ic
}

// next makes one block with the given last commit.
func (ic *importedChain) next(t *testing.T, last abci.CommitInfo) {
	t.Helper()
	ic.height++
	ic.time = ic.time.Add(5 * time.Second)
	_, err := ic.App.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: ic.height, Time: ic.time, DecidedLastCommit: last, ProposerAddress: ic.vals[0].Address,
	})
	require.NoError(t, err)
	_, err = ic.App.Commit()
	require.NoError(t, err)
}

// nextSigned makes a block whose last commit is signed by every exported
// validator.
func (ic *importedChain) nextSigned(t *testing.T) {
	t.Helper()
	var votes []abci.VoteInfo
	for _, v := range ic.vals {
		votes = append(votes, abci.VoteInfo{Validator: v, BlockIdFlag: cmtproto.BlockIDFlagCommit})
	}
	ic.next(t, abci.CommitInfo{Votes: votes})
}

func (ic *importedChain) ctx() sdk.Context {
	ctx, _ := ic.App.NewUncachedContext(false, cmtproto.Header{ChainID: zhChainID, Height: ic.height, Time: ic.time}).CacheContext()
	return ctx
}

func TestExportForZeroHeight(t *testing.T) {
	c := zeroHeightChain(t)
	a := c.App
	ctx := c.Context()

	// The chain has what the export must settle.
	owedBefore := owed(t, a, ctx)
	alice, bob, carol := c.Account("alice").Address.String(), c.Account("bob").Address.String(), c.Account("carol").Address.String()
	for _, who := range []string{alice, bob, carol, sdk.AccAddress(c.Validators()[0].ValAddr).String()} {
		require.True(t, owedBefore[who].AmountOf(app.BondDenom).IsPositive(), "nothing owed to %s", who)
	}
	stakesBefore := stakes(t, a, ctx)
	for _, kind := range []string{"unbonding ", "redelegation ", "alliance-unbonding ", "alliance-redelegation "} {
		found := false
		for _, s := range stakesBefore {
			found = found || len(s) > len(kind) && s[:len(kind)] == kind
		}
		require.True(t, found, "no %s in flight", kind)
	}
	balancesBefore := map[string]sdk.Coins{}
	a.BankKeeper.IterateAllBalances(ctx, func(addr sdk.AccAddress, coin sdk.Coin) bool {
		balancesBefore[addr.String()] = balancesBefore[addr.String()].Add(coin)
		return false
	})
	commitBefore := a.LastCommitID()

	exported, err := a.ExportAppStateAndValidators(true, nil, nil)
	require.NoError(t, err)

	t.Run("the live chain is unchanged", func(t *testing.T) {
		require.Equal(t, commitBefore, a.LastCommitID())
		ctx := c.Context()
		require.Equal(t, owedBefore, owed(t, a, ctx))
		require.Equal(t, stakesBefore, stakes(t, a, ctx))
		// nor the state CheckTx and simulations see until the next commit
		checkCtx := a.NewContextLegacy(true, cmtproto.Header{ChainID: c.Context().ChainID(), Height: c.Height(), Time: c.Time()})
		require.Equal(t, owedBefore, owed(t, a, checkCtx))
		require.Equal(t, stakesBefore, stakes(t, a, checkCtx))
		again, err := a.ExportAppStateAndValidators(true, nil, nil)
		require.NoError(t, err)
		require.Equal(t, string(exported.AppState), string(again.AppState), "a second export differs")
		c.NextBlock()
	})

	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	cdc := a.AppCodec()
	t.Run("heights are reset", func(t *testing.T) {
		var st stakingtypes.GenesisState
		cdc.MustUnmarshalJSON(state[stakingtypes.ModuleName], &st)
		require.NotEmpty(t, st.UnbondingDelegations)
		require.NotEmpty(t, st.Redelegations)
		for _, u := range st.UnbondingDelegations {
			for _, e := range u.Entries {
				require.Zero(t, e.CreationHeight)
			}
		}
		for _, r := range st.Redelegations {
			for _, e := range r.Entries {
				require.Zero(t, e.CreationHeight)
			}
		}
		for _, v := range st.Validators {
			require.Zero(t, v.UnbondingHeight)
			require.False(t, v.Jailed)
		}
		// alliance entries: 1, the new chain's first height (0 means
		// "unknown, always slashable" in x/alliance)
		var at alliancetypes.GenesisState
		cdc.MustUnmarshalJSON(state[alliancetypes.ModuleName], &at)
		require.NotEmpty(t, at.Undelegations)
		require.NotEmpty(t, at.Redelegations)
		for _, u := range at.Undelegations {
			for _, e := range u.Undelegation.Entries {
				require.Equal(t, int64(1), e.CreationHeight)
			}
		}
		for _, r := range at.Redelegations {
			require.Equal(t, int64(1), r.Redelegation.CreationHeight)
		}
		var dt distrtypes.GenesisState
		cdc.MustUnmarshalJSON(state[distrtypes.ModuleName], &dt)
		require.NotEmpty(t, dt.DelegatorStartingInfos)
		for _, s := range dt.DelegatorStartingInfos {
			require.Zero(t, s.StartingInfo.Height)
		}
		require.Empty(t, dt.ValidatorSlashEvents)
		for _, o := range dt.OutstandingRewards {
			require.True(t, o.OutstandingRewards.IsZero(), "outstanding rewards left: %s", o.OutstandingRewards)
		}
		for _, ac := range dt.ValidatorAccumulatedCommissions {
			require.True(t, ac.Accumulated.Commission.IsZero())
		}
		var sl slashingtypes.GenesisState
		cdc.MustUnmarshalJSON(state[slashingtypes.ModuleName], &sl)
		for _, s := range sl.SigningInfos {
			require.Zero(t, s.ValidatorSigningInfo.StartHeight)
		}
		var al alliancetypes.GenesisState
		cdc.MustUnmarshalJSON(state[alliancetypes.ModuleName], &al)
		require.NotEmpty(t, al.Delegations)
		for _, d := range al.Delegations {
			require.Zero(t, d.LastRewardClaimHeight)
		}
	})

	ic := zeroHeightImport(t, exported, c.Time().Add(time.Minute))
	b := ic.App
	bctx := ic.ctx()

	t.Run("invariants and supply", func(t *testing.T) {
		checkAllianceInvariants(t, b, bctx)
		checkSupply(t, b, bctx)
	})
	t.Run("stake is kept", func(t *testing.T) {
		require.Equal(t, stakesBefore, stakes(t, b, bctx))
	})
	t.Run("pending rewards were paid", func(t *testing.T) {
		for addr, due := range owedBefore {
			want := balancesBefore[addr].Add(due...)
			got := b.BankKeeper.GetAllBalances(bctx, sdk.MustAccAddressFromBech32(addr))
			require.Equal(t, want.String(), got.String(), "balance of %s (owed %s)", addr, due)
		}
		// and nothing stays owed that could be paid a second time.
		require.Empty(t, owed(t, b, bctx))
	})
	t.Run("the chain goes on", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			ic.nextSigned(t)
		}
		ctx := ic.ctx()
		checkAllianceInvariants(t, b, ctx)
		checkSupply(t, b, ctx)
		require.Equal(t, int64(4), b.LastBlockHeight())
		// rewards accrue again, for alliance delegators too
		o := owed(t, b, ctx)
		require.True(t, o[alice].AmountOf(app.BondDenom).IsPositive(), "alice earns nothing after the restart: %v", o)
		require.True(t, o[bob].AmountOf(app.BondDenom).IsPositive())
	})
}

// jailAllowedAddrs: the validators listed stay, every other one is jailed
// and leaves the validator set; an invalid address is an error.
func TestExportForZeroHeightJailsTheOthers(t *testing.T) {
	c := zeroHeightChain(t)
	a := c.App
	v0, v1 := c.Validators()[0], c.Validators()[1]

	_, err := a.ExportAppStateAndValidators(true, []string{"not-an-address"}, nil)
	require.Error(t, err)
	_, err = a.ExportAppStateAndValidators(false, []string{v0.ValAddr.String()}, nil)
	require.Error(t, err)

	exported, err := a.ExportAppStateAndValidators(true, []string{v0.ValAddr.String()}, nil)
	require.NoError(t, err)
	require.Len(t, exported.Validators, 1)
	require.Equal(t, v0.ConsKey.PubKey().Address(), exported.Validators[0].Address)

	ic := zeroHeightImport(t, exported, c.Time().Add(time.Minute))
	ic.nextSigned(t)
	ctx := ic.ctx()
	b := ic.App
	val1, err := b.StakingKeeper.GetValidator(ctx, v1.ValAddr)
	require.NoError(t, err)
	require.True(t, val1.Jailed)
	require.False(t, val1.IsBonded())
	require.Zero(t, val1.UnbondingHeight)
	// its unbonding runs from the last block of the exported chain
	unbondingTime, err := a.StakingKeeper.UnbondingTime(c.Context())
	require.NoError(t, err)
	require.Equal(t, c.Time().Add(unbondingTime).UTC(), val1.UnbondingTime.UTC())
	val0, err := b.StakingKeeper.GetValidator(ctx, v0.ValAddr)
	require.NoError(t, err)
	require.True(t, val0.IsBonded())
	require.False(t, val0.Jailed)
	checkAllianceInvariants(t, b, ctx)
	checkSupply(t, b, ctx)

	// The live chain still has both validators bonded.
	live, err := a.StakingKeeper.GetValidator(c.Context(), v1.ValAddr)
	require.NoError(t, err)
	require.True(t, live.IsBonded())
	require.False(t, live.Jailed)
}
