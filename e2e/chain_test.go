package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

func stake(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, n)) }

func TestChainProducesBlocksWithAllValidatorsBonded(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 3
	c := harness.NewChain(t, cfg)
	c.NextBlocks(4)
	require.Equal(t, int64(5), c.Height())
	require.Len(t, c.BondedValidators(), 3)
	for _, v := range c.BondedValidators() {
		require.Equal(t, cfg.ValidatorBond, v.Tokens)
	}
	// Every block pays the bonded validators: the inflation of x/mint reaches
	// their outstanding rewards through x/distribution.
	rewards, err := c.App.DistrKeeper.GetValidatorOutstandingRewards(c.Context(), c.Validators()[0].ValAddr)
	require.NoError(t, err)
	require.True(t, rewards.Rewards.AmountOf(app.BondDenom).IsPositive(), "validator earned nothing: %s", rewards.Rewards)
}

func TestBankSendMovesExactAmounts(t *testing.T) {
	c := harness.NewChain(t, harness.DefaultConfig())
	alice, bob := c.Account("alice"), c.Account("bob")
	c.Fund(alice.Address, stake(1_000))
	require.Equal(t, int64(1_000), c.Balance(alice.Address, app.BondDenom).Amount.Int64())

	res := c.MustDeliver(alice, banktypes.NewMsgSend(alice.Address, bob.Address, stake(400)))
	require.Positive(t, res.GasUsed)
	require.Equal(t, int64(600), c.Balance(alice.Address, app.BondDenom).Amount.Int64())
	require.Equal(t, int64(400), c.Balance(bob.Address, app.BondDenom).Amount.Int64())
}

func TestBadInputIsRejectedWithoutStateChange(t *testing.T) {
	c := harness.NewChain(t, harness.DefaultConfig())
	alice := c.Account("alice")
	c.Fund(alice.Address, stake(1_000))
	before := c.Balances(alice.Address)

	cases := []struct {
		name    string
		msg     sdk.Msg
		wantLog string
	}{
		{
			name:    "invalid recipient address",
			msg:     &banktypes.MsgSend{FromAddress: alice.Address.String(), ToAddress: "alliance1notanaddress", Amount: stake(10)},
			wantLog: "invalid",
		},
		{
			name:    "negative amount",
			msg:     &banktypes.MsgSend{FromAddress: alice.Address.String(), ToAddress: c.Account("bob").Address.String(), Amount: sdk.Coins{{Denom: app.BondDenom, Amount: math.NewInt(-5)}}},
			wantLog: "invalid coins",
		},
		{
			name:    "more than the balance",
			msg:     banktypes.NewMsgSend(alice.Address, c.Account("bob").Address, stake(5_000)),
			wantLog: "insufficient funds",
		},
		{
			name:    "delegation to a validator that does not exist",
			msg:     stakingtypes.NewMsgDelegate(alice.Address.String(), sdk.ValAddress(alice.Address).String(), sdk.NewInt64Coin(app.BondDenom, 10)),
			wantLog: "validator does not exist",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.Deliver(alice, tc.msg)
			require.False(t, res.OK(), "tx unexpectedly succeeded")
			require.Contains(t, strings.ToLower(res.Log), tc.wantLog)
			require.Equal(t, before, c.Balances(alice.Address), "balance changed by a failed tx")
			require.True(t, c.Balances(c.Account("bob").Address).IsZero())
		})
	}
}

func TestNativeDelegationEarnsAndWithdrawsRewards(t *testing.T) {
	c := harness.NewChain(t, harness.DefaultConfig())
	alice := c.Account("alice")
	c.Fund(alice.Address, stake(50_000_000))
	val := c.Validators()[0].ValAddr

	c.MustDeliver(alice, stakingtypes.NewMsgDelegate(alice.Address.String(), val.String(), sdk.NewInt64Coin(app.BondDenom, 40_000_000)))
	require.Equal(t, int64(10_000_000), c.Balance(alice.Address, app.BondDenom).Amount.Int64())
	c.NextBlocks(10)

	before := c.Balance(alice.Address, app.BondDenom).Amount
	res := c.MustDeliver(alice, distrtypes.NewMsgWithdrawDelegatorReward(alice.Address.String(), val.String()))
	paid, ok := harness.Attr(res.Events, distrtypes.EventTypeWithdrawRewards, sdk.AttributeKeyAmount)
	require.True(t, ok, "no withdraw_rewards event")
	coins, err := sdk.ParseCoinsNormalized(paid)
	require.NoError(t, err)
	require.True(t, coins.AmountOf(app.BondDenom).IsPositive(), "no rewards after 10 blocks: %q", paid)
	// The balance grows by exactly what the event reports (fees are zero).
	require.Equal(t, before.Add(coins.AmountOf(app.BondDenom)), c.Balance(alice.Address, app.BondDenom).Amount)

	// Undelegate: the tokens come back only after the unbonding time.
	c.MustDeliver(alice, stakingtypes.NewMsgUndelegate(alice.Address.String(), val.String(), sdk.NewInt64Coin(app.BondDenom, 40_000_000)))
	afterUndelegate := c.Balance(alice.Address, app.BondDenom).Amount
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime - time.Minute)
	require.Equal(t, afterUndelegate, c.Balance(alice.Address, app.BondDenom).Amount, "paid out before the unbonding time")
	c.AdvanceTime(2 * time.Minute)
	require.Equal(t, afterUndelegate.AddRaw(40_000_000), c.Balance(alice.Address, app.BondDenom).Amount)
}

func TestGovProposalExecutesAuthorityMessage(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	c := harness.NewChain(t, cfg)
	params, err := c.App.StakingKeeper.GetParams(c.Context())
	require.NoError(t, err)
	params.MaxValidators = 42
	c.PassProposal("raise max validators", &stakingtypes.MsgUpdateParams{Authority: c.GovAuthority(), Params: params})
	got, err := c.App.StakingKeeper.GetParams(c.Context())
	require.NoError(t, err)
	require.Equal(t, uint32(42), got.MaxValidators)
}
