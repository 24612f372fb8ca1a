package app_test

import (
	"encoding/json"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const routeAsset = "uroute"

var (
	allianceAcc = authtypes.NewModuleAddress(alliancetypes.ModuleName)
	rewardsPool = authtypes.NewModuleAddress(alliancetypes.RewardsPoolName)
)

func withdrawAddrIn(t *testing.T, a *app.AllianceApp, ctx sdk.Context) sdk.AccAddress {
	t.Helper()
	addr, err := a.DistrKeeper.GetDelegatorWithdrawAddr(ctx, allianceAcc)
	require.NoError(t, err)
	return addr
}

// The app pays the alliance virtual stake's rewards straight into the
// reward pool: the pool may receive, the alliance account may not, and the
// route is in x/distribution's state from genesis on. A claim pays, and no
// reward coin ever passes through the alliance account.
func TestAppPaysAllianceRewardsIntoThePool(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin(routeAsset, 5_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000))}
	c := harness.NewChain(t, cfg)
	a := c.App
	require.True(t, a.AllianceKeeper.RewardsToPool())
	require.False(t, a.BankKeeper.BlockedAddr(rewardsPool))
	require.True(t, a.BankKeeper.BlockedAddr(allianceAcc))
	require.Equal(t, rewardsPool, withdrawAddrIn(t, a, c.Context()))

	alice := c.Account("alice")
	val := c.Validators()[0].ValAddr
	c.CreateAlliance(harness.AllianceSpec{Denom: routeAsset, RewardWeight: "0.5"})
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(routeAsset, 4_000_000)})
	c.NextBlocks(5)
	res := c.MustDeliver(alice, &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: alice.Address.String(), ValidatorAddress: val.String(), Denom: routeAsset})
	var claimed alliancetypes.MsgClaimDelegationRewardsResponse
	c.MsgResponse(res, 0, &claimed)
	require.True(t, claimed.Rewards.AmountOf(app.BondDenom).IsPositive())
	for _, ev := range harness.EventsOfType(res.Events, "transfer") {
		for _, attr := range ev.Attributes {
			if attr.Key == "sender" {
				require.NotEqual(t, allianceAcc.String(), attr.Value, "a transfer out of the alliance account")
			}
		}
	}
	require.True(t, c.Balance(allianceAcc, app.BondDenom).IsZero())

	// Export: x/distribution exports the route with its withdraw infos.
	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	var distrGen distrtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(state[distrtypes.ModuleName], &distrGen)
	require.Contains(t, distrGen.DelegatorWithdrawInfos,
		distrtypes.DelegatorWithdrawInfo{DelegatorAddress: allianceAcc.String(), WithdrawAddress: rewardsPool.String()})

	proposer := c.Validators()[0].ConsAddr
	t.Run("import keeps the route", func(t *testing.T) {
		b, ctx := importChain(t, exported.AppState, exported.Height, proposer)
		require.Equal(t, rewardsPool, withdrawAddrIn(t, b, ctx))
		b2, err := b.ExportAppStateAndValidators(false, nil, nil)
		require.NoError(t, err)
		require.Contains(t, string(b2.AppState), rewardsPool.String())
	})

	// A genesis from before the routing (no withdraw info for the alliance
	// account), on a chain where users may not change withdraw addresses:
	// alliance's InitGenesis, after distribution's, writes the route anyway.
	t.Run("import of a genesis without the route", func(t *testing.T) {
		var infos []distrtypes.DelegatorWithdrawInfo
		for _, w := range distrGen.DelegatorWithdrawInfos {
			if w.DelegatorAddress != allianceAcc.String() {
				infos = append(infos, w)
			}
		}
		old := distrGen
		old.DelegatorWithdrawInfos = infos
		old.Params.WithdrawAddrEnabled = false
		st := map[string]json.RawMessage{}
		for k, v := range state {
			st[k] = v
		}
		st[distrtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&old)
		bz, err := json.Marshal(st)
		require.NoError(t, err)
		require.NotContains(t, string(st[distrtypes.ModuleName]), rewardsPool.String())
		b, ctx := importChain(t, bz, exported.Height, proposer)
		require.Equal(t, rewardsPool, withdrawAddrIn(t, b, ctx))
	})
}

// importChain starts a fresh app from an exported genesis and commits its
// first block; ctx reads the committed state.
func importChain(t *testing.T, appState []byte, height int64, proposer sdk.ConsAddress) (*app.AllianceApp, sdk.Context) {
	t.Helper()
	const chainID = "alliance-import-1"
	b, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil, baseapp.SetChainID(chainID))
	require.NoError(t, err)
	_, err = b.InitChain(&abci.RequestInitChain{
		ChainId: chainID, InitialHeight: height, AppStateBytes: appState,
		ConsensusParams: simtestutil.DefaultConsensusParams,
	})
	require.NoError(t, err)
	_, err = b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: height, ProposerAddress: proposer})
	require.NoError(t, err)
	_, err = b.Commit()
	require.NoError(t, err)
	return b, b.NewUncachedContext(false, cmtproto.Header{ChainID: chainID, Height: height})
}
