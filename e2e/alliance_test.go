package e2e_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const asset = "uasset"

func assetCoins(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(asset, n)) }

// A gov proposal lists an asset; a user stakes it with MsgDelegate, the
// module mirrors weight × native stake as virtual voting power, rewards
// flow, and the user claims and finally unbonds everything.
func TestGovListsAllianceAndStakersEarnNativeRewards(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"alice": assetCoins(5_000_000).Add(sdk.NewInt64Coin(app.BondDenom, 1_000))}
	c := harness.NewChain(t, cfg)
	alice := c.Account("alice")
	val := c.Validators()[0].ValAddr

	created := c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	require.Equal(t, math.LegacyNewDecWithPrec(5, 1), created.RewardWeight)
	require.True(t, created.TotalTokens.IsZero())

	// The native bond denom can never be listed (upstream would burn deposits).
	p := c.SubmitAndVote("list the bond denom", &alliancetypes.MsgCreateAlliance{
		Authority: c.GovAuthority(), Denom: app.BondDenom, RewardWeight: math.LegacyOneDec(), TakeRate: math.LegacyZeroDec(),
		RewardChangeRate: math.LegacyOneDec(), RewardWeightRange: alliancetypes.RewardWeightRange{Min: math.LegacyZeroDec(), Max: math.LegacyOneDec()},
	})
	require.Equal(t, govv1.StatusFailed, p.Status)
	require.Contains(t, p.FailedReason, app.BondDenom)

	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(asset, 4_000_000)})
	require.Equal(t, int64(1_000_000), c.Balance(alice.Address, asset).Amount.Int64())
	require.Equal(t, math.NewInt(4_000_000), c.AllianceDelegationAmount(alice.Address, val, asset))

	// Virtual stake: the module delegates weight × the native stake it
	// mirrors (all of the validator's native bond here) to the validator.
	c.NextBlock()
	moduleAddr := c.App.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName)
	del, err := c.App.StakingKeeper.GetDelegation(c.Context(), moduleAddr, val)
	require.NoError(t, err)
	require.Equal(t, cfg.ValidatorBond.QuoRaw(2).String(), del.Shares.TruncateInt().String(),
		"virtual stake should be 0.5 × the native bond")

	c.NextBlocks(10)
	pending, err := c.AllianceQueries().AllianceDelegationRewards(c.Context(), &alliancetypes.QueryAllianceDelegationRewardsRequest{
		DelegatorAddr: alice.Address.String(), ValidatorAddr: val.String(), Denom: asset,
	})
	require.NoError(t, err)
	require.True(t, sdk.Coins(pending.Rewards).AmountOf(app.BondDenom).IsPositive(), "no rewards after 10 blocks")

	before := c.Balance(alice.Address, app.BondDenom).Amount
	res := c.MustDeliver(alice, &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: alice.Address.String(), ValidatorAddress: val.String(), Denom: asset})
	var claim alliancetypes.MsgClaimDelegationRewardsResponse
	require.NoError(t, unpackMsgResponse(c, res, &claim))
	paid := claim.Rewards.AmountOf(app.BondDenom)
	// Claiming in the next block pays at least what the query showed a block earlier.
	require.True(t, paid.GTE(sdk.Coins(pending.Rewards).AmountOf(app.BondDenom)), "paid %s < pending %s", paid, pending.Rewards)
	require.Equal(t, before.Add(paid), c.Balance(alice.Address, app.BondDenom).Amount)

	res = c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(asset, 4_000_000)})
	var und alliancetypes.MsgUndelegateResponse
	require.NoError(t, unpackMsgResponse(c, res, &und))
	require.Equal(t, c.Time().Add(cfg.UnbondingTime), und.CompletionTime)
	c.AdvanceTime(cfg.UnbondingTime - time.Second)
	require.Equal(t, int64(1_000_000), c.Balance(alice.Address, asset).Amount.Int64(), "paid before completion")
	c.AdvanceTime(time.Minute)
	require.Equal(t, int64(5_000_000), c.Balance(alice.Address, asset).Amount.Int64())
}

// Bad alliance transactions are refused with a clear error and change
// nothing, whatever their input.
func TestBadAllianceTransactionsChangeNothing(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	cfg.Funds = map[string]sdk.Coins{"alice": assetCoins(2_000_000).Add(sdk.NewInt64Coin(app.BondDenom, 1_000))}
	c := harness.NewChain(t, cfg)
	alice := c.Account("alice")
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	v0, v1 := c.Validators()[0].ValAddr.String(), c.Validators()[1].ValAddr.String()
	del := alice.Address.String()
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: v0, Amount: sdk.NewInt64Coin(asset, 1_000_000)})

	coin := func(denom string, n int64) sdk.Coin { return sdk.Coin{Denom: denom, Amount: math.NewInt(n)} }
	// An undelegation or redelegation of more than the delegation holds is
	// not refused: it moves the whole balance (x/alliance/keeper/exit_test.go).
	cases := []struct {
		name string
		msg  sdk.Msg
		want string
	}{
		{"zero delegation", &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: v0, Amount: coin(asset, 0)}, "0uasset: invalid amount"},
		{"negative delegation", &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: v0, Amount: coin(asset, -5)}, "-5uasset: invalid amount"},
		{"unlisted denom", &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: v0, Amount: coin("unlisted", 5)}, "unlisted: alliance asset is not whitelisted"},
		{"no such validator", &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: sdk.ValAddress(alice.Address).String(), Amount: coin(asset, 5)}, "validator not found"},
		{"bad validator address", &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: "alliancevaloper1xyz", Amount: coin(asset, 5)}, "invalid address"},
		{"more than the balance", &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: v0, Amount: coin(asset, 5_000_000)}, "insufficient"},
		{"undelegate zero", &alliancetypes.MsgUndelegate{DelegatorAddress: del, ValidatorAddress: v0, Amount: coin(asset, 0)}, "0uasset: invalid amount"},
		{"undelegate where nothing is held", &alliancetypes.MsgUndelegate{DelegatorAddress: del, ValidatorAddress: v1, Amount: coin(asset, 1)}, "delegation not found"},
		{"redelegate to the same validator", &alliancetypes.MsgRedelegate{DelegatorAddress: del, ValidatorSrcAddress: v0, ValidatorDstAddress: v0, Amount: coin(asset, 1)}, "source and destination validators are the same"},
		{"redelegate to no validator", &alliancetypes.MsgRedelegate{DelegatorAddress: del, ValidatorSrcAddress: v0, ValidatorDstAddress: sdk.ValAddress(alice.Address).String(), Amount: coin(asset, 1)}, "validator not found"},
		{"claim an unlisted denom", &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: del, ValidatorAddress: v0, Denom: "unlisted"}, "unlisted: alliance asset is not whitelisted"},
	}
	balances := c.Balances(alice.Address)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.Deliver(alice, tc.msg)
			require.False(t, res.OK(), "accepted")
			require.NotContains(t, res.Log, "panic")
			require.Contains(t, res.Log, tc.want)
			require.Equal(t, balances, c.Balances(alice.Address), "balance changed")
			require.Equal(t, math.NewInt(1_000_000), c.AllianceDelegationAmount(alice.Address, c.Validators()[0].ValAddr, asset))
			require.True(t, c.AllianceDelegationAmount(alice.Address, c.Validators()[1].ValAddr, asset).IsZero())
		})
	}
}
