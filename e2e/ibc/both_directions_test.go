package ibc_test

import (
	"slices"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/alliancewasm/alliancewasm/app"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// side is one chain of a two-way alliance: its user stakes there the
// other chain's stake, which the other chain's user (the peer) sent over
// the channel, and gets the vouchers home to the peer at the end.
type side struct {
	c, other   *chain
	user, peer ibctesting.SenderAccount
	voucher    string         // the other chain's bond denom as it arrives on c
	escrow     sdk.AccAddress // the other chain's escrow that backs the vouchers
	val        sdk.ValAddress // c's validator the user stakes with
	takeRate   math.LegacyDec // c's take rate on the voucher, per take_rate_claim_interval

	// Amounts of the voucher, worked out by hand in the test.
	sent, staked int64 // what the peer sends; what the user stakes of it
	take         int64 // what one interval of take rate moves to c's fee collector
	community    int64 // the community tax's part of take
	perPower     int64 // take's part per unit of validator power (validators get take - community)

	claimed math.Int // the bond-denom rewards the user claimed on c
}

func (s *side) addr() sdk.AccAddress     { return s.user.SenderAccount.GetAddress() }
func (s *side) peerAddr() sdk.AccAddress { return s.peer.SenderAccount.GetAddress() }

// The alliance of the seed between two chains: each lists the other's
// staking token (sent over IBC) as an alliance asset with a take rate, a
// user on each side stakes the voucher and earns the host chain's native
// token, and the take rate taken on each side goes, through the fee
// collector and x/distribution, to that side's native stakers (and, through
// the virtual stake, partly back to the alliance stakers). Then both unstake
// and send the vouchers home: each escrow keeps exactly what the other
// chain's native stakers were paid, nothing else is created or lost.
func TestIBCAllianceBothDirections(t *testing.T) {
	w := newChains(t)
	a, b := w.chainA, w.chainB
	weight := math.LegacyNewDecWithPrec(25, 2)
	// Amounts: with weight 0.25 the virtual stake is 0.25 × the native bond
	// (4 validators × 10^6) = 10^6 on the user's validator, so its power goes
	// from 1 to 2 and the set's from 4 to 5: power fractions 1/5 and 2/5 are
	// exact, and so is every amount below. The community tax is 2 %.
	sa := &side{
		c: a, other: b, user: w.userA, peer: w.userB, val: sdk.ValAddress(a.Vals.Validators[0].Address),
		takeRate: math.LegacyNewDecWithPrec(1, 1), sent: 10_000_000, staked: 6_000_000,
		take:      600_000, // floor(6,000,000 × (1 − (1 − 0.1)^1))
		community: 12_000,  // 600,000 × 0.02
		perPower:  117_600, // (600,000 − 12,000) × 1/5
	}
	sb := &side{
		c: b, other: a, user: w.userB, peer: w.userA, val: sdk.ValAddress(b.Vals.Validators[0].Address),
		takeRate: math.LegacyNewDecWithPrec(2, 1), sent: 8_000_000, staked: 5_000_000,
		take:      1_000_000, // floor(5,000,000 × (1 − (1 − 0.2)^1))
		community: 20_000,    // 1,000,000 × 0.02
		perPower:  196_000,   // (1,000,000 − 20,000) × 1/5
	}
	sides := []*side{sa, sb}
	for _, s := range sides {
		s.voucher, s.escrow = w.voucherOn(s.c), w.escrow(s.other)
		tax, err := s.c.app.DistrKeeper.GetCommunityTax(s.c.ctx())
		require.NoError(t, err)
		require.Equal(t, "0.020000000000000000", tax.String())
	}

	// 1. Each user sends the other user its chain's stake: escrowed at
	// home, minted as vouchers on the other side.
	for _, s := range sides {
		w.transfer(s.other, s.peer, s.addr(), sdk.NewInt64Coin(app.BondDenom, s.sent))
		require.Equal(t, math.NewInt(s.sent), s.other.balance(s.escrow, app.BondDenom))
		require.Equal(t, math.NewInt(s.sent), s.other.escrowed(app.BondDenom))
		require.Equal(t, math.NewInt(s.sent), s.c.balance(s.addr(), s.voucher))
		require.Equal(t, math.NewInt(s.sent), s.c.supply(s.voucher))
	}

	// 2. Gov on each chain lists the other's stake with its own take rate.
	for _, s := range sides {
		w.list(s.c, s.user, s.voucher, weight, s.takeRate)
	}

	// 3. A take-rate interval starts on both chains (nothing is staked, so
	// nothing is taken), then each user stakes part of the vouchers with its
	// chain's first validator; the virtual stake arrives there (power 1 -> 2
	// of 5).
	w.crossTakeRateInterval(false, a, b)
	for _, s := range sides {
		s.c.deliver(s.user, &alliancetypes.MsgDelegate{
			DelegatorAddress: s.addr().String(), ValidatorAddress: s.val.String(), Amount: sdk.NewInt64Coin(s.voucher, s.staked),
		})
	}
	for _, s := range sides {
		s.c.blocks(3)
		require.Equal(t, int64(2), votingPower(s.c, s.val))
		require.Equal(t, int64(5), s.c.Vals.TotalVotingPower())
		require.Equal(t, math.NewInt(s.staked), s.c.allianceStake(s.addr(), s.val, s.voucher))
	}

	// 4. One take-rate interval ends on both chains: x/alliance's EndBlocker
	// moves take of the staked vouchers to the fee collector, and the
	// user's stake is worth that much less.
	w.crossTakeRateInterval(true, a, b)
	for _, s := range sides {
		require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(s.voucher, s.take)), s.c.deducted(), "the only take-rate deduction so far")
		require.Equal(t, math.NewInt(s.take), s.c.balance(s.c.feeCollector(), s.voucher))
		require.Equal(t, math.NewInt(s.staked-s.take), s.c.allianceStake(s.addr(), s.val, s.voucher))
	}

	// 5. The next block's x/distribution BeginBlocker pays the fee
	// collector out by the power that signed the previous block: the
	// community tax to the community pool, perPower per unit of power to
	// each validator (2 units on the user's validator). No commission
	// (ibctesting's validators have none), so each validator's part goes to
	// its delegators by stake: on the three others all to the native staker
	// (ibctesting's first account, the genesis delegator of every validator,
	// 10^6 each); on the user's validator half to the native staker and half
	// to x/alliance's virtual stake (10^6 each).
	for _, s := range sides {
		s.c.produceBlock()
		c := s.c
		require.True(t, c.balance(c.feeCollector(), s.voucher).IsZero())
		require.Equal(t, math.LegacyNewDec(s.community), c.communityPool().AmountOf(s.voucher))
		for _, v := range c.Vals.Validators {
			val, want := sdk.ValAddress(v.Address), s.perPower
			if val.Equals(s.val) {
				want = 2 * s.perPower
			}
			require.Equal(t, math.LegacyNewDec(want), c.outstandingRewards(val).AmountOf(s.voucher), "validator %s", val)
		}
		// The native staker's rewards include the voucher: perPower on each
		// of the four validators. It withdraws them into its balance.
		staker := c.SenderAccounts[0]
		stakerAddr := staker.SenderAccount.GetAddress()
		require.Equal(t, math.LegacyNewDec(4*s.perPower), c.delegatorRewards(stakerAddr).AmountOf(s.voucher))
		withdraw := make([]sdk.Msg, 0, len(c.Vals.Validators))
		for _, v := range c.Vals.Validators {
			withdraw = append(withdraw, distrtypes.NewMsgWithdrawDelegatorReward(stakerAddr.String(), sdk.ValAddress(v.Address).String()))
		}
		c.deliver(staker, withdraw...)
		require.Equal(t, math.NewInt(4*s.perPower), c.balance(stakerAddr, s.voucher))
	}

	// 6. Each user claims and unbonds in one transaction. The claim pays
	// the native token and, from the virtual stake's half of the user's
	// validator, perPower of the voucher (the user is the asset's only
	// staker). The undelegation asks for what was staked and moves what the
	// stake is worth after the take rate (the whole-balance rule).
	for _, s := range sides {
		c := s.c
		before := c.balance(s.addr(), app.BondDenom)
		res := c.deliver(s.user,
			&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: s.addr().String(), ValidatorAddress: s.val.String(), Denom: s.voucher},
			&alliancetypes.MsgUndelegate{DelegatorAddress: s.addr().String(), ValidatorAddress: s.val.String(), Amount: sdk.NewInt64Coin(s.voucher, s.staked)},
		)
		var claim alliancetypes.MsgClaimDelegationRewardsResponse
		var undelegate alliancetypes.MsgUndelegateResponse
		msgResponses(t, c.Codec, res, &claim, &undelegate)
		s.claimed = claim.Rewards.AmountOf(app.BondDenom)
		require.True(t, s.claimed.IsPositive(), "no native rewards: %s", claim.Rewards)
		require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, s.claimed), sdk.NewInt64Coin(s.voucher, s.perPower)), claim.Rewards)
		require.Equal(t, sdk.NewInt64Coin(s.voucher, s.staked-s.take), undelegate.Amount)
		require.Equal(t, before.Add(s.claimed), c.balance(s.addr(), app.BondDenom))
		require.Equal(t, math.NewInt(s.sent-s.staked+s.perPower), c.balance(s.addr(), s.voucher))
		// Nothing of the voucher is left in x/distribution's outstanding
		// rewards: the take went to the community pool, the native staker
		// and the user, exactly.
		for _, v := range c.Vals.Validators {
			require.True(t, c.outstandingRewards(sdk.ValAddress(v.Address)).AmountOf(s.voucher).IsZero())
		}
		require.True(t, c.balance(c.app.AccountKeeper.GetModuleAddress(alliancetypes.RewardsPoolName), s.voucher).IsZero())
	}

	// 7. The unbonding time passes (well inside the clients' trusting
	// period): the undelegated vouchers are paid out.
	w.coord.IncrementTimeBy(unbondingTime)
	for _, s := range sides {
		s.c.produceBlock()
		asset, err := s.c.app.AllianceKeeper.GetAsset(s.c.ctx(), s.voucher)
		require.NoError(t, err)
		require.True(t, asset.TotalTokens.IsZero(), "asset still holds %s", asset.TotalTokens)
		require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(s.voucher, s.take)), s.c.deducted(), "no take rate on unbonding tokens")
		require.Equal(t, math.NewInt(s.sent-s.take+s.perPower), s.c.balance(s.addr(), s.voucher))
	}

	// 8. Each user sends every voucher it holds home to the peer.
	for _, s := range sides {
		w.transfer(s.c, s.user, s.peerAddr(), sdk.NewInt64Coin(s.voucher, s.sent-s.take+s.perPower))
	}

	// Exact end state. Each escrow keeps what stays on the other chain as
	// vouchers: the take minus the user's perPower, i.e. the native
	// staker's 4 × perPower plus the community pool's part (held by
	// x/distribution's account).
	for i, s := range sides {
		kept := math.NewInt(s.take - s.perPower)
		require.Equal(t, kept, s.other.balance(s.escrow, app.BondDenom))
		require.Equal(t, kept, s.other.escrowed(app.BondDenom))
		require.Equal(t, kept, s.c.supply(s.voucher))
		distrModule := s.c.app.AccountKeeper.GetModuleAddress(distrtypes.ModuleName)
		require.Equal(t, math.NewInt(s.community), s.c.balance(distrModule, s.voucher))
		require.Equal(t, kept, s.c.balance(s.c.SenderAccounts[0].SenderAccount.GetAddress(), s.voucher).AddRaw(s.community))
		require.True(t, s.c.balance(s.addr(), s.voucher).IsZero())
		// The peer has its stake back but what paid the take rate on the
		// other side, plus what it claimed staking there on its own chain.
		own := sides[1-i]
		require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start.Sub(kept).Add(own.claimed)), sdk.NewCoin(ibctesting.SecondaryDenom, w.start)),
			s.other.app.BankKeeper.GetAllBalances(s.other.ctx(), s.peerAddr()))
	}
}

// crossTakeRateInterval ends the current take-rate interval of every chain
// given: it moves the coordinator's clock to the first moment at which all
// of them have ended and produces a block on each, in order. With exact,
// it first checks that no chain's next interval ends too, so that each
// block charges exactly one interval; without, a chain whose clock lagged
// catches up by several (and charges nothing if nothing is staked).
func (w *world) crossTakeRateInterval(exact bool, chains ...*chain) {
	params := make([]alliancetypes.Params, len(chains))
	var target time.Time
	for i, c := range chains {
		p, err := c.app.AllianceKeeper.GetParams(c.ctx())
		require.NoError(w.t, err)
		require.False(w.t, p.LastTakeRateClaimTime.IsZero())
		if next := p.LastTakeRateClaimTime.Add(p.TakeRateClaimInterval); next.After(target) {
			target = next
		}
		params[i] = p
	}
	if now := w.coord.CurrentTime; now.Before(target) {
		w.coord.IncrementTimeBy(target.Sub(now))
	}
	for i, c := range chains {
		p := params[i]
		if exact {
			require.True(w.t, w.coord.CurrentTime.Before(p.LastTakeRateClaimTime.Add(2*p.TakeRateClaimInterval)),
				"chain %s would be charged more than one interval", c.ChainID)
		}
		c.produceBlock()
	}
}

// deducted sums the take-rate deductions (DeductAllianceAssetsEvent) of
// the blocks made by produceBlock.
func (c *chain) deducted() sdk.Coins {
	total := sdk.NewCoins()
	for _, e := range c.events {
		if e.Type != "alliance.alliance.DeductAllianceAssetsEvent" {
			continue
		}
		// Block events carry baseapp's "mode" attribute (EndBlock), which
		// is not a field of the typed event.
		e.Attributes = slices.DeleteFunc(slices.Clone(e.Attributes), func(a abci.EventAttribute) bool { return a.Key == "mode" })
		msg, err := sdk.ParseTypedEvent(e)
		require.NoError(c.TB, err)
		ev, ok := msg.(*alliancetypes.DeductAllianceAssetsEvent)
		require.True(c.TB, ok)
		total = total.Add(ev.Coins...)
	}
	return total
}

func (c *chain) feeCollector() sdk.AccAddress {
	return c.app.AccountKeeper.GetModuleAddress(authtypes.FeeCollectorName)
}

func (c *chain) communityPool() sdk.DecCoins {
	pool, err := c.app.DistrKeeper.FeePool.Get(c.ctx())
	require.NoError(c.TB, err)
	return pool.CommunityPool
}

func (c *chain) outstandingRewards(val sdk.ValAddress) sdk.DecCoins {
	out, err := c.app.DistrKeeper.GetValidatorOutstandingRewards(c.ctx(), val)
	require.NoError(c.TB, err)
	return out.Rewards
}

// delegatorRewards is what x/distribution's query reports del has earned
// on all its delegations.
func (c *chain) delegatorRewards(del sdk.AccAddress) sdk.DecCoins {
	res, err := distrkeeper.NewQuerier(c.app.DistrKeeper).DelegationTotalRewards(c.ctx(),
		&distrtypes.QueryDelegationTotalRewardsRequest{DelegatorAddress: del.String()})
	require.NoError(c.TB, err)
	return res.Total
}
