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

// world is two alliancewasm chains joined by an ICS-20 channel and a user on
// each; newWorld also sends B's bond denom to A and lists it there.
type world struct {
	t              *testing.T
	coord          *ibctesting.Coordinator
	chainA, chainB *chain
	path           *ibctesting.Path

	// The users: the second genesis account on each chain. The first is
	// ibctesting's relayer and the delegator of every validator's genesis
	// bond (so the only voter gov needs): see staker.
	userA, userB ibctesting.SenderAccount
	addrA, addrB sdk.AccAddress
	start        math.Int // every genesis account's balance of each denom

	voucher string         // B's bond denom as seen on A, through A's end of the channel
	escrowB sdk.AccAddress // B's escrow for the channel
	sent    math.Int       // what userB sent to userA
}

// newChains starts the two chains and opens the transfer channel; nothing
// has moved yet.
func newChains(t *testing.T) *world {
	app.SetAddressPrefixes() // before ibctesting renders its genesis addresses
	coord := ibctesting.NewCustomAppCoordinator(t, 2, newApp(t))
	w := &world{
		t:      t,
		coord:  coord,
		chainA: wrap(t, coord.GetChain(ibctesting.GetChainID(1))),
		chainB: wrap(t, coord.GetChain(ibctesting.GetChainID(2))),
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
	w.voucher = w.voucherOn(w.chainA)
	w.escrowB = w.escrow(w.chainB)
	return w
}

// newWorld starts the chains and opens the channel, then (1) userB sends
// `sent` of B's bond denom to userA, relayed for real, and (2) a gov vote on
// A lists the voucher as an alliance asset with reward weight 0.5 and no
// take rate.
func newWorld(t *testing.T, sent int64) *world {
	w := newChains(t)
	w.sent = math.NewInt(sent)

	// 1. B -> A: the tokens are escrowed on B and minted as vouchers on A.
	w.transfer(w.chainB, w.userB, w.addrA, sdk.NewCoin(app.BondDenom, w.sent))
	require.Equal(t, w.start.Sub(w.sent), w.chainB.balance(w.addrB, app.BondDenom))
	require.Equal(t, w.sent, w.chainB.balance(w.escrowB, app.BondDenom))
	require.Equal(t, w.sent, w.chainB.escrowed(app.BondDenom))
	require.Equal(t, w.sent, w.chainA.balance(w.addrA, w.voucher))
	require.Equal(t, w.sent, w.chainA.supply(w.voucher))

	// 2. Gov on A lists the voucher.
	w.list(w.chainA, w.userA, w.voucher, math.LegacyNewDecWithPrec(5, 1), math.LegacyZeroDec())
	require.True(t, w.chainA.balance(w.rewardsPool(), app.BondDenom).IsZero())
	return w
}

// end is c's end of the channel.
func (w *world) end(c *chain) *ibctesting.Endpoint {
	if c == w.chainA {
		return w.path.EndpointA
	}
	require.Same(w.t, w.chainB, c)
	return w.path.EndpointB
}

// voucherOn is the other chain's bond denom as it arrives on c: one hop
// through c's end of the channel.
func (w *world) voucherOn(c *chain) string {
	end := w.end(c)
	return transfertypes.NewDenom(app.BondDenom, transfertypes.NewHop(end.ChannelConfig.PortID, end.ChannelID)).IBCDenom()
}

// escrow is the account where c keeps its own tokens sent over the channel.
func (w *world) escrow(c *chain) sdk.AccAddress {
	end := w.end(c)
	return transfertypes.GetEscrowAddress(end.ChannelConfig.PortID, end.ChannelID)
}

// transfer sends coin from sender on c to receiver on the other chain and
// relays the packet and its acknowledgement.
func (w *world) transfer(c *chain, sender ibctesting.SenderAccount, receiver sdk.AccAddress, coin sdk.Coin) {
	end := w.end(c)
	res := c.deliver(sender, transfertypes.NewMsgTransfer(end.ChannelConfig.PortID, end.ChannelID,
		coin, sender.SenderAccount.GetAddress().String(), receiver.String(),
		clienttypes.ZeroHeight(), c.GetTimeoutTimestamp(), ""))
	w.relay(res)
}

// list makes gov on c list denom as an alliance asset (see propose); the
// proposal passes, the deposit comes back, and the asset earns from its
// listing (reward delay 0 in newApp).
func (w *world) list(c *chain, proposer ibctesting.SenderAccount, denom string, weight, takeRate math.LegacyDec) {
	t := w.t
	from := proposer.SenderAccount.GetAddress()
	before := c.balance(from, app.BondDenom)
	p := w.propose(c, proposer, createAlliance(c, denom, weight, takeRate))
	require.Equal(t, govv1.StatusPassed, p.Status, p.FailedReason)
	require.Equal(t, before, c.balance(from, app.BondDenom), "the deposit is refunded when the proposal passes")
	asset, err := c.app.AllianceKeeper.GetAsset(c.ctx(), denom)
	require.NoError(t, err)
	require.Equal(t, weight.String(), asset.RewardWeight.String())
	require.Equal(t, takeRate.String(), asset.TakeRate.String())
	require.True(t, asset.IsInitialized, "the asset earns from its listing (reward delay 0)")
}

// createAlliance is gov's message listing denom on c.
func createAlliance(c *chain, denom string, weight, takeRate math.LegacyDec) *alliancetypes.MsgCreateAlliance {
	return &alliancetypes.MsgCreateAlliance{
		Authority:            c.app.AccountKeeper.GetModuleAddress(govtypes.ModuleName).String(),
		Denom:                denom,
		RewardWeight:         weight,
		TakeRate:             takeRate,
		RewardChangeRate:     math.LegacyOneDec(),
		RewardChangeInterval: 0,
		RewardWeightRange:    alliancetypes.RewardWeightRange{Min: math.LegacyZeroDec(), Max: math.LegacyOneDec()},
	}
}

// propose submits msg to gov on c: proposer proposes (and deposits), the
// holder of all of c's native bonded stake votes yes, the voting period
// ends; it returns the proposal as it ended.
func (w *world) propose(c *chain, proposer ibctesting.SenderAccount, msg sdk.Msg) govv1.Proposal {
	t := w.t
	govParams, err := c.app.GovKeeper.Params.Get(c.ctx())
	require.NoError(t, err)
	proposal, err := govv1.NewMsgSubmitProposal([]sdk.Msg{msg}, govParams.MinDeposit, proposer.SenderAccount.GetAddress().String(),
		"", "alliance listing", "a token of the allied chain as an alliance asset", false)
	require.NoError(t, err)
	res := c.deliver(proposer, proposal)
	proposalID, err := ibctesting.ParseProposalIDFromEvents(res.Events)
	require.NoError(t, err)
	staker := c.SenderAccounts[0]
	c.deliver(staker, govv1.NewMsgVote(staker.SenderAccount.GetAddress(), proposalID, govv1.OptionYes, ""))
	w.coord.IncrementTimeBy(votingPeriod)
	c.produceBlock()
	p, err := c.app.GovKeeper.Proposals.Get(c.ctx(), proposalID)
	require.NoError(t, err)
	return p
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
	w.transfer(w.chainA, w.userA, w.addrB, sdk.NewCoin(w.voucher, amount))
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
