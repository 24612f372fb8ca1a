// Package ibc_test joins two alliancewasm chains with ibc-go's testing
// coordinator and relays real ICS-20 packets between them: a token of chain
// B becomes an alliance asset on chain A, earns A's native rewards and goes
// home (staked directly here, through the wrapped token in token_test.go),
// in both_directions_test.go each chain lists the other's stake with a
// take rate that flows to its own native stakers (issue 17, story 3), and
// in second_yield_test.go A's compounder share (a token factory denom) is
// staked as an alliance asset on B while it compounds on A (story 2).
package ibc_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/alliancewasm/alliancewasm/app"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// B's staking token travels to A, is listed there by a gov vote as an
// alliance asset, staked with x/alliance's MsgDelegate, earns A's native
// token, is unbonded after the unbonding time and travels back. Every packet
// is relayed for real: proofs of B's (or A's) state verified by the other
// chain's 07-tendermint client.
func TestIBCTokenOfBStakedAsAllianceOnA(t *testing.T) {
	const sent, staked = int64(10_000_000), int64(6_000_000)
	w := newWorld(t, sent)
	a, b := w.chainA, w.chainB
	addrA, voucher := w.addrA, w.voucher

	// 3. userA stakes part of the vouchers on A's first validator.
	valA := sdk.ValAddress(a.Vals.Validators[0].Address)
	a.deliver(w.userA, &alliancetypes.MsgDelegate{
		DelegatorAddress: addrA.String(), ValidatorAddress: valA.String(), Amount: sdk.NewInt64Coin(voucher, staked),
	})
	module := w.allianceModule()
	require.Equal(t, math.NewInt(sent-staked), a.balance(addrA, voucher))
	require.Equal(t, math.NewInt(staked), a.balance(module, voucher))

	// The module mirrors weight × the native stake (ibctesting bonds 10^6
	// per validator, four validators) as virtual stake on valA, and CometBFT
	// (here ibctesting's validator sets) sees valA's power go from 1 to 3.
	a.blocks(2)
	nativeBond := sdk.TokensFromConsensusPower(1, sdk.DefaultPowerReduction)
	virtual, err := a.app.StakingKeeper.GetDelegation(a.ctx(), module, valA)
	require.NoError(t, err)
	validator, err := a.app.StakingKeeper.GetValidator(a.ctx(), valA)
	require.NoError(t, err)
	require.Equal(t, nativeBond.MulRaw(4).QuoRaw(2), validator.TokensFromShares(virtual.Shares).TruncateInt())
	require.Equal(t, int64(3), votingPower(a, valA))
	require.Equal(t, int64(6), a.Vals.TotalVotingPower())

	// 4. Blocks pass; every validator signs, so x/distribution pays valA
	// and, through the module's virtual delegation, the alliance stakers.
	a.blocks(10)
	queries := alliancekeeper.NewQueryServerImpl(a.app.AllianceKeeper)
	pending, err := queries.AllianceDelegationRewards(a.ctx(), &alliancetypes.QueryAllianceDelegationRewardsRequest{
		DelegatorAddr: addrA.String(), ValidatorAddr: valA.String(), Denom: voucher,
	})
	require.NoError(t, err)
	pendingNative := sdk.Coins(pending.Rewards).AmountOf(app.BondDenom)
	require.True(t, pendingNative.IsPositive(), "no rewards after 10 signed blocks: %s", pending.Rewards)

	// 5. Claim and unbond everything in one transaction: the claim pays all
	// rewards so far, so the undelegation (which also settles rewards) pays
	// nothing more, and userA's native balance grows by exactly the claim.
	before := a.balance(addrA, app.BondDenom)
	blockTime := w.coord.CurrentTime
	res := a.deliver(w.userA,
		&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: addrA.String(), ValidatorAddress: valA.String(), Denom: voucher},
		&alliancetypes.MsgUndelegate{DelegatorAddress: addrA.String(), ValidatorAddress: valA.String(), Amount: sdk.NewInt64Coin(voucher, staked)},
	)
	var claim alliancetypes.MsgClaimDelegationRewardsResponse
	var undelegate alliancetypes.MsgUndelegateResponse
	msgResponses(t, a.Codec, res, &claim, &undelegate)
	claimed := claim.Rewards.AmountOf(app.BondDenom)
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, claimed)), claim.Rewards, "only A's native token is paid")
	require.True(t, claimed.GTE(pendingNative), "claimed %s < %s pending a block earlier", claimed, pendingNative)
	require.Equal(t, before.Add(claimed), a.balance(addrA, app.BondDenom))
	require.Equal(t, w.start.Add(claimed), a.balance(addrA, app.BondDenom))
	// Reconciliation with x/distribution: userA, the only staker of the
	// asset, got everything the module withdrew for its virtual stake on
	// valA, except what stays in the reward pool from flooring the single
	// payout (at most one coin; the pool was empty before userA staked).
	allocated := a.allocatedRewards(valA).AmountOf(app.BondDenom)
	dust := a.balance(w.rewardsPool(), app.BondDenom)
	require.True(t, dust.LTE(math.OneInt()), "reward pool keeps %s of %s", dust, allocated)
	require.Equal(t, allocated, claimed.Add(dust))
	require.Equal(t, blockTime.Add(unbondingTime), undelegate.CompletionTime)
	require.Equal(t, math.NewInt(sent-staked), a.balance(addrA, voucher), "paid before the unbonding time")

	// The virtual stake goes away with the last alliance stake.
	a.blocks(2)
	_, err = a.app.StakingKeeper.GetDelegation(a.ctx(), module, valA)
	require.ErrorIs(t, err, stakingtypes.ErrNoDelegation)
	require.Equal(t, int64(1), votingPower(a, valA))
	require.Equal(t, int64(4), a.Vals.TotalVotingPower())

	// 6. The unbonding time passes (well inside the clients' trusting period).
	w.coord.IncrementTimeBy(unbondingTime)
	a.produceBlock()
	require.Equal(t, math.NewInt(sent), a.balance(addrA, voucher))
	require.True(t, a.balance(module, voucher).IsZero())
	asset, err := a.app.AllianceKeeper.GetAsset(a.ctx(), voucher)
	require.NoError(t, err)
	require.True(t, asset.TotalTokens.IsZero(), "asset still holds %s", asset.TotalTokens)

	// 7. A -> B: the vouchers are burned on A and B releases the escrow.
	w.sendHome(math.NewInt(sent))

	// Exact end state on both chains.
	require.Equal(t, w.start, b.balance(w.addrB, app.BondDenom), "userB has every token back")
	require.True(t, b.balance(w.escrowB, app.BondDenom).IsZero())
	require.True(t, b.app.TransferKeeper.GetTotalEscrowForDenom(b.ctx(), app.BondDenom).Amount.IsZero())
	require.True(t, a.balance(addrA, voucher).IsZero())
	require.True(t, a.supply(voucher).IsZero(), "vouchers left on A")
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start), sdk.NewCoin(ibctesting.SecondaryDenom, w.start)),
		b.app.BankKeeper.GetAllBalances(b.ctx(), w.addrB), "userB holds exactly its genesis balances")
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start.Add(claimed)), sdk.NewCoin(ibctesting.SecondaryDenom, w.start)),
		a.app.BankKeeper.GetAllBalances(a.ctx(), addrA), "userA keeps exactly the claimed rewards")
}
