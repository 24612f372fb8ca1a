// Package ibc_test joins two alliancewasm chains with ibc-go's testing
// coordinator and relays real ICS-20 packets between them: a token of chain
// B becomes an alliance asset on chain A, earns A's native rewards and goes
// home.
package ibc_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/alliancewasm/alliancewasm/app"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// genesisBalance is what ibctesting gives every sender account, in the bond
// denom (and in ibctesting.SecondaryDenom).
func genesisBalance(t *testing.T) math.Int {
	n, ok := math.NewIntFromString(ibctesting.DefaultGenesisAccBalance)
	require.True(t, ok)
	return n
}

// B's staking token travels to A, is listed there by a gov vote as an
// alliance asset, staked with x/alliance's MsgDelegate, earns A's native
// token, is unbonded after the unbonding time and travels back. Every packet
// is relayed for real: proofs of B's (or A's) state verified by the other
// chain's 07-tendermint client.
func TestIBCTokenOfBStakedAsAllianceOnA(t *testing.T) {
	app.SetAddressPrefixes() // before ibctesting renders its genesis addresses
	coord := ibctesting.NewCustomAppCoordinator(t, 2, newApp(t))
	chainA := wrap(t, coord.GetChain(ibctesting.GetChainID(1)))
	chainB := wrap(t, coord.GetChain(ibctesting.GetChainID(2)))
	path := ibctesting.NewTransferPath(chainA.TestChain, chainB.TestChain)
	path.Setup()

	// The users: the second genesis account on each chain. The first is
	// ibctesting's relayer (and, on A, the delegator of every validator's
	// genesis bond).
	userA, userB := chainA.SenderAccounts[1], chainB.SenderAccounts[1]
	addrA, addrB := userA.SenderAccount.GetAddress(), userB.SenderAccount.GetAddress()
	staker := chainA.SenderAccounts[0]
	start := genesisBalance(t)
	require.Equal(t, start, chainA.balance(addrA, app.BondDenom))
	require.Equal(t, start, chainB.balance(addrB, app.BondDenom))

	const sent, staked = int64(10_000_000), int64(6_000_000)
	// B's bond denom as seen on A, through A's end of the channel.
	voucher := transfertypes.NewDenom(app.BondDenom,
		transfertypes.NewHop(path.EndpointA.ChannelConfig.PortID, path.EndpointA.ChannelID)).IBCDenom()
	escrowB := transfertypes.GetEscrowAddress(path.EndpointB.ChannelConfig.PortID, path.EndpointB.ChannelID)

	// 1. B -> A: the tokens are escrowed on B and minted as vouchers on A.
	res := chainB.deliver(userB, transfertypes.NewMsgTransfer(
		path.EndpointB.ChannelConfig.PortID, path.EndpointB.ChannelID,
		sdk.NewInt64Coin(app.BondDenom, sent), addrB.String(), addrA.String(),
		clienttypes.ZeroHeight(), chainB.GetTimeoutTimestamp(), ""))
	packet, err := ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(t, err)
	require.NoError(t, path.RelayPacket(packet))
	require.Equal(t, start.SubRaw(sent), chainB.balance(addrB, app.BondDenom))
	require.Equal(t, math.NewInt(sent), chainB.balance(escrowB, app.BondDenom))
	require.Equal(t, math.NewInt(sent), chainB.app.TransferKeeper.GetTotalEscrowForDenom(chainB.ctx(), app.BondDenom).Amount)
	require.Equal(t, math.NewInt(sent), chainA.balance(addrA, voucher))
	require.Equal(t, math.NewInt(sent), chainA.supply(voucher))

	// 2. Gov on A lists the voucher: userA proposes (and deposits), the
	// holder of all of A's bonded stake votes yes, the voting period ends.
	govParams, err := chainA.app.GovKeeper.Params.Get(chainA.ctx())
	require.NoError(t, err)
	proposal, err := govv1.NewMsgSubmitProposal([]sdk.Msg{&alliancetypes.MsgCreateAlliance{
		Authority:            chainA.app.AccountKeeper.GetModuleAddress(govtypes.ModuleName).String(),
		Denom:                voucher,
		RewardWeight:         math.LegacyNewDecWithPrec(5, 1),
		TakeRate:             math.LegacyZeroDec(),
		RewardChangeRate:     math.LegacyOneDec(),
		RewardChangeInterval: 0,
		RewardWeightRange:    alliancetypes.RewardWeightRange{Min: math.LegacyZeroDec(), Max: math.LegacyOneDec()},
	}}, govParams.MinDeposit, addrA.String(), "", "list chain B's stake", "B's bond denom, arrived over IBC", false)
	require.NoError(t, err)
	res = chainA.deliver(userA, proposal)
	proposalID, err := ibctesting.ParseProposalIDFromEvents(res.Events)
	require.NoError(t, err)
	chainA.deliver(staker, govv1.NewMsgVote(staker.SenderAccount.GetAddress(), proposalID, govv1.OptionYes, ""))
	coord.IncrementTimeBy(votingPeriod)
	chainA.produceBlock()
	p, err := chainA.app.GovKeeper.Proposals.Get(chainA.ctx(), proposalID)
	require.NoError(t, err)
	require.Equal(t, govv1.StatusPassed, p.Status, p.FailedReason)
	require.Equal(t, start, chainA.balance(addrA, app.BondDenom), "the deposit is refunded when the proposal passes")
	asset, err := chainA.app.AllianceKeeper.GetAsset(chainA.ctx(), voucher)
	require.NoError(t, err)
	require.Equal(t, "0.500000000000000000", asset.RewardWeight.String())

	rewardsPool := chainA.app.AccountKeeper.GetModuleAddress(alliancetypes.RewardsPoolName)
	require.True(t, chainA.balance(rewardsPool, app.BondDenom).IsZero())

	// 3. userA stakes part of the vouchers on A's first validator.
	valA := sdk.ValAddress(chainA.Vals.Validators[0].Address)
	chainA.deliver(userA, &alliancetypes.MsgDelegate{
		DelegatorAddress: addrA.String(), ValidatorAddress: valA.String(), Amount: sdk.NewInt64Coin(voucher, staked),
	})
	moduleAddr := chainA.app.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName)
	require.Equal(t, math.NewInt(sent-staked), chainA.balance(addrA, voucher))
	require.Equal(t, math.NewInt(staked), chainA.balance(moduleAddr, voucher))

	// The module mirrors weight × the native stake (ibctesting bonds 10^6
	// per validator, four validators) as virtual stake on valA, and CometBFT
	// (here ibctesting's validator sets) sees valA's power go from 1 to 3.
	chainA.blocks(2)
	nativeBond := sdk.TokensFromConsensusPower(1, sdk.DefaultPowerReduction)
	virtual, err := chainA.app.StakingKeeper.GetDelegation(chainA.ctx(), moduleAddr, valA)
	require.NoError(t, err)
	validator, err := chainA.app.StakingKeeper.GetValidator(chainA.ctx(), valA)
	require.NoError(t, err)
	require.Equal(t, nativeBond.MulRaw(4).QuoRaw(2), validator.TokensFromShares(virtual.Shares).TruncateInt())
	require.Equal(t, int64(3), votingPower(chainA, valA))
	require.Equal(t, int64(6), chainA.Vals.TotalVotingPower())

	// 4. Blocks pass; every validator signs, so x/distribution pays valA
	// and, through the module's virtual delegation, the alliance stakers.
	chainA.blocks(10)
	queries := alliancekeeper.NewQueryServerImpl(chainA.app.AllianceKeeper)
	pending, err := queries.AllianceDelegationRewards(chainA.ctx(), &alliancetypes.QueryAllianceDelegationRewardsRequest{
		DelegatorAddr: addrA.String(), ValidatorAddr: valA.String(), Denom: voucher,
	})
	require.NoError(t, err)
	pendingNative := sdk.Coins(pending.Rewards).AmountOf(app.BondDenom)
	require.True(t, pendingNative.IsPositive(), "no rewards after 10 signed blocks: %s", pending.Rewards)

	// 5. Claim and unbond everything in one transaction: the claim pays all
	// rewards so far, so the undelegation (which also settles rewards) pays
	// nothing more, and userA's native balance grows by exactly the claim.
	before := chainA.balance(addrA, app.BondDenom)
	blockTime := coord.CurrentTime
	res = chainA.deliver(userA,
		&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: addrA.String(), ValidatorAddress: valA.String(), Denom: voucher},
		&alliancetypes.MsgUndelegate{DelegatorAddress: addrA.String(), ValidatorAddress: valA.String(), Amount: sdk.NewInt64Coin(voucher, staked)},
	)
	var claim alliancetypes.MsgClaimDelegationRewardsResponse
	var undelegate alliancetypes.MsgUndelegateResponse
	msgResponses(t, chainA.Codec, res, &claim, &undelegate)
	claimed := claim.Rewards.AmountOf(app.BondDenom)
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, claimed)), claim.Rewards, "only A's native token is paid")
	require.True(t, claimed.GTE(pendingNative), "claimed %s < %s pending a block earlier", claimed, pendingNative)
	require.Equal(t, before.Add(claimed), chainA.balance(addrA, app.BondDenom))
	require.Equal(t, start.Add(claimed), chainA.balance(addrA, app.BondDenom))
	// Reconciliation with x/distribution: userA, the only staker of the
	// asset, got everything the module withdrew for its virtual stake on
	// valA, except what stays in the reward pool from flooring the single
	// payout (at most one coin; the pool was empty before userA staked).
	allocated := chainA.allocatedRewards(valA).AmountOf(app.BondDenom)
	dust := chainA.balance(rewardsPool, app.BondDenom)
	require.True(t, dust.LTE(math.OneInt()), "reward pool keeps %s of %s", dust, allocated)
	require.Equal(t, allocated, claimed.Add(dust))
	require.Equal(t, before.Add(claimed), chainA.balance(addrA, app.BondDenom))
	require.Equal(t, blockTime.Add(unbondingTime), undelegate.CompletionTime)
	require.Equal(t, math.NewInt(sent-staked), chainA.balance(addrA, voucher), "paid before the unbonding time")

	// The virtual stake goes away with the last alliance stake.
	chainA.blocks(2)
	_, err = chainA.app.StakingKeeper.GetDelegation(chainA.ctx(), moduleAddr, valA)
	require.ErrorIs(t, err, stakingtypes.ErrNoDelegation)
	require.Equal(t, int64(1), votingPower(chainA, valA))
	require.Equal(t, int64(4), chainA.Vals.TotalVotingPower())

	// 6. The unbonding time passes (well inside the clients' trusting period).
	coord.IncrementTimeBy(unbondingTime)
	chainA.produceBlock()
	require.Equal(t, math.NewInt(sent), chainA.balance(addrA, voucher))
	require.True(t, chainA.balance(moduleAddr, voucher).IsZero())
	asset, err = chainA.app.AllianceKeeper.GetAsset(chainA.ctx(), voucher)
	require.NoError(t, err)
	require.True(t, asset.TotalTokens.IsZero(), "asset still holds %s", asset.TotalTokens)

	// 7. A -> B: the vouchers are burned on A and B releases the escrow.
	res = chainA.deliver(userA, transfertypes.NewMsgTransfer(
		path.EndpointA.ChannelConfig.PortID, path.EndpointA.ChannelID,
		sdk.NewInt64Coin(voucher, sent), addrA.String(), addrB.String(),
		clienttypes.ZeroHeight(), chainA.GetTimeoutTimestamp(), ""))
	packet, err = ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(t, err)
	require.NoError(t, path.RelayPacket(packet))

	// Exact end state on both chains.
	require.Equal(t, start, chainB.balance(addrB, app.BondDenom), "userB has every token back")
	require.True(t, chainB.balance(escrowB, app.BondDenom).IsZero())
	require.True(t, chainB.app.TransferKeeper.GetTotalEscrowForDenom(chainB.ctx(), app.BondDenom).Amount.IsZero())
	require.True(t, chainA.balance(addrA, voucher).IsZero())
	require.True(t, chainA.supply(voucher).IsZero(), "vouchers left on A")
	require.Equal(t, start.Add(claimed), chainA.balance(addrA, app.BondDenom), "userA keeps exactly the claimed rewards")
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, start), sdk.NewCoin(ibctesting.SecondaryDenom, start)),
		chainB.app.BankKeeper.GetAllBalances(chainB.ctx(), addrB), "userB holds nothing else")
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, start.Add(claimed)), sdk.NewCoin(ibctesting.SecondaryDenom, start)),
		chainA.app.BankKeeper.GetAllBalances(chainA.ctx(), addrA), "userA holds nothing else")
}

// votingPower is val's power in the chain's current (CometBFT) validator set.
func votingPower(c *chain, val sdk.ValAddress) int64 {
	_, v := c.Vals.GetByAddress(val)
	require.NotNil(c.TB, v, "validator %s not in the set", val)
	return v.VotingPower
}
