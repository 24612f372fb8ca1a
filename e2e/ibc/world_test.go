package ibc_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/alliancewasm/alliancewasm/app"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// world is two alliancewasm chains joined by an ICS-20 channel, a user on
// each, and B's bond denom listed on A as an alliance asset.
type world struct {
	t              *testing.T
	coord          *ibctesting.Coordinator
	chainA, chainB *chain
	path           *ibctesting.Path

	// The users: the second genesis account on each chain. The first is
	// ibctesting's relayer (and, on A, the delegator of every validator's
	// genesis bond, so the only voter gov needs).
	userA, userB ibctesting.SenderAccount
	addrA, addrB sdk.AccAddress
	start        math.Int // every genesis account's balance of each denom

	voucher string         // B's bond denom as seen on A, through A's end of the channel
	escrowB sdk.AccAddress // B's escrow for the channel
	sent    math.Int       // what userB sent to userA
}

// newWorld starts the chains and opens the channel, then (1) userB sends
// `sent` of B's bond denom to userA, relayed for real, and (2) a gov vote on
// A lists the voucher as an alliance asset with reward weight 0.5.
func newWorld(t *testing.T, sent int64) *world {
	app.SetAddressPrefixes() // before ibctesting renders its genesis addresses
	coord := ibctesting.NewCustomAppCoordinator(t, 2, newApp(t))
	w := &world{
		t:      t,
		coord:  coord,
		chainA: wrap(t, coord.GetChain(ibctesting.GetChainID(1))),
		chainB: wrap(t, coord.GetChain(ibctesting.GetChainID(2))),
		sent:   math.NewInt(sent),
	}
	w.path = ibctesting.NewTransferPath(w.chainA.TestChain, w.chainB.TestChain)
	w.path.Setup()

	w.userA, w.userB = w.chainA.SenderAccounts[1], w.chainB.SenderAccounts[1]
	w.addrA, w.addrB = w.userA.SenderAccount.GetAddress(), w.userB.SenderAccount.GetAddress()
	var ok bool
	w.start, ok = math.NewIntFromString(ibctesting.DefaultGenesisAccBalance)
	require.True(t, ok)
	require.Equal(t, w.start, w.chainA.balance(w.addrA, app.BondDenom))
	require.Equal(t, w.start, w.chainB.balance(w.addrB, app.BondDenom))
	endA, endB := w.path.EndpointA, w.path.EndpointB
	w.voucher = transfertypes.NewDenom(app.BondDenom, transfertypes.NewHop(endA.ChannelConfig.PortID, endA.ChannelID)).IBCDenom()
	w.escrowB = transfertypes.GetEscrowAddress(endB.ChannelConfig.PortID, endB.ChannelID)

	// 1. B -> A: the tokens are escrowed on B and minted as vouchers on A.
	res := w.chainB.deliver(w.userB, transfertypes.NewMsgTransfer(endB.ChannelConfig.PortID, endB.ChannelID,
		sdk.NewCoin(app.BondDenom, w.sent), w.addrB.String(), w.addrA.String(),
		clienttypes.ZeroHeight(), w.chainB.GetTimeoutTimestamp(), ""))
	w.relay(res)
	require.Equal(t, w.start.Sub(w.sent), w.chainB.balance(w.addrB, app.BondDenom))
	require.Equal(t, w.sent, w.chainB.balance(w.escrowB, app.BondDenom))
	require.Equal(t, w.sent, w.chainB.app.TransferKeeper.GetTotalEscrowForDenom(w.chainB.ctx(), app.BondDenom).Amount)
	require.Equal(t, w.sent, w.chainA.balance(w.addrA, w.voucher))
	require.Equal(t, w.sent, w.chainA.supply(w.voucher))

	// 2. Gov on A lists the voucher: userA proposes (and deposits), the
	// holder of all of A's bonded stake votes yes, the voting period ends.
	a := w.chainA
	govParams, err := a.app.GovKeeper.Params.Get(a.ctx())
	require.NoError(t, err)
	proposal, err := govv1.NewMsgSubmitProposal([]sdk.Msg{&alliancetypes.MsgCreateAlliance{
		Authority:            a.app.AccountKeeper.GetModuleAddress(govtypes.ModuleName).String(),
		Denom:                w.voucher,
		RewardWeight:         math.LegacyNewDecWithPrec(5, 1),
		TakeRate:             math.LegacyZeroDec(),
		RewardChangeRate:     math.LegacyOneDec(),
		RewardChangeInterval: 0,
		RewardWeightRange:    alliancetypes.RewardWeightRange{Min: math.LegacyZeroDec(), Max: math.LegacyOneDec()},
	}}, govParams.MinDeposit, w.addrA.String(), "", "list chain B's stake", "B's bond denom, arrived over IBC", false)
	require.NoError(t, err)
	res = a.deliver(w.userA, proposal)
	proposalID, err := ibctesting.ParseProposalIDFromEvents(res.Events)
	require.NoError(t, err)
	staker := a.SenderAccounts[0]
	a.deliver(staker, govv1.NewMsgVote(staker.SenderAccount.GetAddress(), proposalID, govv1.OptionYes, ""))
	coord.IncrementTimeBy(votingPeriod)
	a.produceBlock()
	p, err := a.app.GovKeeper.Proposals.Get(a.ctx(), proposalID)
	require.NoError(t, err)
	require.Equal(t, govv1.StatusPassed, p.Status, p.FailedReason)
	require.Equal(t, w.start, a.balance(w.addrA, app.BondDenom), "the deposit is refunded when the proposal passes")
	asset, err := a.app.AllianceKeeper.GetAsset(a.ctx(), w.voucher)
	require.NoError(t, err)
	require.Equal(t, "0.500000000000000000", asset.RewardWeight.String())
	require.True(t, asset.IsInitialized, "the asset earns from its listing (reward delay 0)")
	require.True(t, a.balance(w.rewardsPool(), app.BondDenom).IsZero())
	return w
}

// relay relays the packet a delivered transfer sent, whichever way it goes:
// the receiving chain's client of the sender is updated with a signed
// header, the packet is received with its proof of commitment, and the
// acknowledgement goes back the same way.
func (w *world) relay(res *abci.ExecTxResult) {
	w.t.Helper()
	packet, err := ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(w.t, err)
	require.NoError(w.t, w.path.RelayPacket(packet))
}

// sendHome transfers amount of the voucher from userA back to userB.
func (w *world) sendHome(amount math.Int) {
	endA := w.path.EndpointA
	res := w.chainA.deliver(w.userA, transfertypes.NewMsgTransfer(endA.ChannelConfig.PortID, endA.ChannelID,
		sdk.NewCoin(w.voucher, amount), w.addrA.String(), w.addrB.String(),
		clienttypes.ZeroHeight(), w.chainA.GetTimeoutTimestamp(), ""))
	w.relay(res)
}

func (w *world) rewardsPool() sdk.AccAddress {
	return w.chainA.app.AccountKeeper.GetModuleAddress(alliancetypes.RewardsPoolName)
}

func (w *world) allianceModule() sdk.AccAddress {
	return w.chainA.app.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName)
}

// votingPower is val's power in the chain's current (CometBFT) validator set.
func votingPower(c *chain, val sdk.ValAddress) int64 {
	_, v := c.Vals.GetByAddress(val)
	require.NotNil(c.TB, v, "validator %s not in the set", val)
	return v.VotingPower
}
