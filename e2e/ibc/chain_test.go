package ibc_test

import (
	"encoding/json"
	"math/rand"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/alliancewasm/alliancewasm/app"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The app must satisfy ibc-go's TestingApp so the coordinator can drive it.
var _ ibctesting.TestingApp = (*app.AllianceApp)(nil)

// Chain parameters every test chain starts with (see newApp).
const (
	unbondingTime = time.Hour         // x/staking and x/alliance unbonding
	votingPeriod  = time.Minute       // gov voting period
	txGas         = uint64(5_000_000) // gas limit of the test's own transactions
)

// newApp is the coordinator's AppCreator: an alliancewasm app over an
// in-memory database with its own wasm home, and the default genesis with a
// short unbonding time (so the coordinator can wait it out well inside the
// IBC clients' trusting period), a short voting period and alliances that
// earn from the block they are listed in. ibctesting then replaces the
// accounts, balances and validators of that genesis with its own.
func newApp(t *testing.T) ibctesting.AppCreator {
	return func() (ibctesting.TestingApp, map[string]json.RawMessage) {
		a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
			simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), nil)
		require.NoError(t, err)
		cdc := a.AppCodec()
		gen := a.DefaultGenesis()

		var staking stakingtypes.GenesisState
		cdc.MustUnmarshalJSON(gen[stakingtypes.ModuleName], &staking)
		staking.Params.UnbondingTime = unbondingTime
		require.Equal(t, app.BondDenom, staking.Params.BondDenom)
		gen[stakingtypes.ModuleName] = cdc.MustMarshalJSON(&staking)

		var gov govv1.GenesisState
		cdc.MustUnmarshalJSON(gen[govtypes.ModuleName], &gov)
		voting, expedited := votingPeriod, votingPeriod/2
		gov.Params.VotingPeriod, gov.Params.ExpeditedVotingPeriod = &voting, &expedited
		gen[govtypes.ModuleName] = cdc.MustMarshalJSON(&gov)

		var alliance alliancetypes.GenesisState
		cdc.MustUnmarshalJSON(gen[alliancetypes.ModuleName], &alliance)
		alliance.Params.RewardDelayTime = 0
		gen[alliancetypes.ModuleName] = cdc.MustMarshalJSON(&alliance)
		return &genesisApp{AllianceApp: a}, gen
	}
}

// genesisApp is the app as the coordinator sees it: InitChain first gives
// every genesis validator the slashing signing info it would have had on a
// real chain. ibctesting writes its validators straight into the staking
// genesis as bonded, so x/slashing's bonding hook never ran for them, and
// the first block whose last commit carries votes (see lastCommitVotes)
// would fail with "no validator signing info found".
type genesisApp struct{ *app.AllianceApp }

func (g *genesisApp) InitChain(req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var state map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &state); err != nil {
		return nil, err
	}
	cdc := g.AppCodec()
	var staking stakingtypes.GenesisState
	if err := cdc.UnmarshalJSON(state[stakingtypes.ModuleName], &staking); err != nil {
		return nil, err
	}
	var slashing slashingtypes.GenesisState
	if err := cdc.UnmarshalJSON(state[slashingtypes.ModuleName], &slashing); err != nil {
		return nil, err
	}
	for _, v := range staking.Validators {
		consAddr, err := v.GetConsAddr()
		if err != nil {
			return nil, err
		}
		info := slashingtypes.NewValidatorSigningInfo(consAddr, 0, 0, time.Unix(0, 0).UTC(), false, 0)
		slashing.SigningInfos = append(slashing.SigningInfos, slashingtypes.SigningInfo{Address: info.Address, ValidatorSigningInfo: info})
	}
	bz, err := cdc.MarshalJSON(&slashing)
	if err != nil {
		return nil, err
	}
	state[slashingtypes.ModuleName] = bz
	if req.AppStateBytes, err = json.Marshal(state); err != nil {
		return nil, err
	}
	return g.AllianceApp.InitChain(req)
}

// chain is one alliancewasm chain of the coordinator.
type chain struct {
	*ibctesting.TestChain
	app *app.AllianceApp
	// events of every block made by produceBlock (block and tx events).
	events []abci.Event
}

func wrap(t *testing.T, c *ibctesting.TestChain) *chain {
	g, ok := c.App.(*genesisApp)
	require.True(t, ok, "the coordinator's app is %T", c.App)
	return &chain{TestChain: c, app: g.AllianceApp}
}

// ctx is a context on the chain's committed state, at the proposed header.
func (c *chain) ctx() sdk.Context { return c.GetContext() }

func (c *chain) balance(addr sdk.AccAddress, denom string) math.Int {
	return c.app.BankKeeper.GetBalance(c.ctx(), addr, denom).Amount
}

func (c *chain) supply(denom string) math.Int {
	return c.app.BankKeeper.GetSupply(c.ctx(), denom).Amount
}

// lastCommitVotes lists the validators of the previous block as having
// signed it, with their powers, as CometBFT reports in DecidedLastCommit.
// ibctesting's own NextBlock and SendMsgs report no votes, so x/distribution
// sends those blocks' rewards to the community pool and no validator (and no
// alliance staker) earns. ibctesting keeps, under TrustedValidators[h], the
// set that signs block h+1: the previous block h-1 was signed by the set kept
// under h-2.
func (c *chain) lastCommitVotes(height int64) abci.CommitInfo {
	vals := c.Vals
	if prev, ok := c.TrustedValidators[uint64(height-2)]; ok {
		vals = prev
	}
	votes := make([]abci.VoteInfo, 0, len(vals.Validators))
	for _, v := range vals.Validators {
		votes = append(votes, abci.VoteInfo{
			Validator:   abci.Validator{Address: v.Address, Power: v.VotingPower},
			BlockIdFlag: cmtproto.BlockIDFlagCommit,
		})
	}
	return abci.CommitInfo{Votes: votes}
}

// produceBlock finalizes and commits the proposed block with txs, every
// validator of the previous block voting for it, then advances the chain's
// headers and validator sets as ibctesting does after each commit (so that
// later client updates and proofs still work) and the coordinator's clock.
func (c *chain) produceBlock(txs ...[]byte) *abci.ResponseFinalizeBlock {
	t := c.TB
	c.Coordinator.UpdateTimeForChain(c.TestChain)
	proposed := c.ProposedHeader
	res, err := c.App.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height:             proposed.Height,
		Time:               proposed.Time,
		Txs:                txs,
		DecidedLastCommit:  c.lastCommitVotes(proposed.Height),
		ProposerAddress:    proposed.ProposerAddress,
		NextValidatorsHash: c.NextVals.Hash(),
	})
	require.NoError(t, err)
	c.events = append(c.events, res.Events...)
	for _, tx := range res.TxResults {
		c.events = append(c.events, tx.Events...)
	}
	_, err = c.App.Commit()
	require.NoError(t, err)

	c.LatestCommittedHeader = c.CurrentTMClientHeader()
	c.TrustedValidators[uint64(proposed.Height)] = c.NextVals
	c.Vals = c.NextVals
	c.NextVals = ibctesting.ApplyValSetChanges(t, c.Vals, res.ValidatorUpdates)
	c.Vals.IncrementProposerPriority(1)
	c.ProposedHeader = cmtproto.Header{
		ChainID:            c.ChainID,
		Height:             c.App.LastBlockHeight() + 1,
		AppHash:            c.App.LastCommitID().Hash,
		Time:               proposed.Time,
		ValidatorsHash:     c.Vals.Hash(),
		NextValidatorsHash: c.NextVals.Hash(),
		ProposerAddress:    c.Vals.Proposer.Address,
	}
	c.Coordinator.IncrementTime()
	return res
}

// blocks produces n empty blocks (with votes).
func (c *chain) blocks(n int) {
	for i := 0; i < n; i++ {
		c.produceBlock()
	}
}

// deliver signs msgs as sender (no fee), delivers them alone in a new block
// with votes and fails the test unless the transaction succeeds.
func (c *chain) deliver(sender ibctesting.SenderAccount, msgs ...sdk.Msg) *abci.ExecTxResult {
	t := c.TB
	acc := sender.SenderAccount
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), c.TxConfig, msgs,
		sdk.NewCoins(), txGas, c.ChainID,
		[]uint64{acc.GetAccountNumber()}, []uint64{acc.GetSequence()}, sender.SenderPrivKey)
	require.NoError(t, err)
	bz, err := c.TxConfig.TxEncoder()(tx)
	require.NoError(t, err)
	res := c.produceBlock(bz)
	require.Len(t, res.TxResults, 1)
	result := res.TxResults[0]
	require.Equal(t, uint32(0), result.Code, "tx failed: %s", result.Log)
	require.NoError(t, acc.SetSequence(acc.GetSequence()+1))
	return result
}

// msgResponses decodes the responses of a delivered transaction's messages
// into out, in order.
func msgResponses(t testing.TB, cdc codec.Codec, res *abci.ExecTxResult, out ...codec.ProtoMarshaler) {
	t.Helper()
	require.NoError(t, ibctesting.UnmarshalMsgResponses(cdc, res.Data, out...))
}

// allocatedRewards sums the rewards x/alliance withdrew from x/distribution
// for its virtual stake on val and booked for val's alliance stakers, in the
// blocks made by produceBlock.
func (c *chain) allocatedRewards(val sdk.ValAddress) sdk.Coins {
	total := sdk.NewCoins()
	for _, e := range c.events {
		if e.Type != "alliance.alliance.ValidatorRewardsAllocatedEvent" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(e)
		require.NoError(c.TB, err)
		ev, ok := msg.(*alliancetypes.ValidatorRewardsAllocatedEvent)
		require.True(c.TB, ok)
		if ev.Validator == val.String() {
			total = total.Add(ev.Coins...)
		}
	}
	return total
}

// paidToDelegator sums the rewards x/alliance paid to del (claims, and the
// settlements of delegation changes) in the blocks made by produceBlock.
func (c *chain) paidToDelegator(del sdk.AccAddress) sdk.Coins {
	total := sdk.NewCoins()
	for _, e := range c.events {
		if e.Type != "alliance.alliance.ClaimAllianceRewardsEvent" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(e)
		require.NoError(c.TB, err)
		ev, ok := msg.(*alliancetypes.ClaimAllianceRewardsEvent)
		require.True(c.TB, ok)
		if ev.AllianceSender == del.String() {
			total = total.Add(ev.Coins...)
		}
	}
	return total
}

// allianceStake is the token value of del's alliance delegation of denom to
// val, as x/alliance's query service reports it.
func (c *chain) allianceStake(del sdk.AccAddress, val sdk.ValAddress, denom string) math.Int {
	res, err := alliancekeeper.NewQueryServerImpl(c.app.AllianceKeeper).AllianceDelegation(c.ctx(),
		&alliancetypes.QueryAllianceDelegationRequest{DelegatorAddr: del.String(), ValidatorAddr: val.String(), Denom: denom})
	require.NoError(c.TB, err)
	return res.Delegation.Balance.Amount
}

// escrowed is ICS-20's count of c's own denom held in escrow on all its
// channels.
func (c *chain) escrowed(denom string) math.Int {
	return c.app.TransferKeeper.GetTotalEscrowForDenom(c.ctx(), denom).Amount
}
