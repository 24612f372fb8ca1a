package upstream_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

// oneValidator: asset "aaa" with totalTokens tokens for tvs validator shares,
// all on validator "v" (vS = TvS) with tds delegator shares, held by one
// delegation; stake indices: the validator's g, the delegation's d.
func oneValidator(totalTokens int64, tvs, tds, g, d string) *types.GenesisState {
	return &types.GenesisState{
		Assets: []types.AllianceAsset{{Denom: "aaa", TotalTokens: math.NewInt(totalTokens), TotalValidatorShares: dec(tvs)}},
		ValidatorInfos: []types.ValidatorInfoState{{ValidatorAddress: "v", Validator: types.AllianceValidatorInfo{
			GlobalRewardHistory:  []types.RewardHistory{{Denom: "stake", Index: dec(g), Alliance: "aaa"}},
			TotalDelegatorShares: sdk.DecCoins{sdk.NewDecCoinFromDec("aaa", dec(tds))},
			ValidatorShares:      sdk.DecCoins{sdk.NewDecCoinFromDec("aaa", dec(tvs))},
		}}},
		Delegations: []types.Delegation{{DelegatorAddress: "d", ValidatorAddress: "v", Denom: "aaa", Shares: dec(tds),
			RewardHistory: []types.RewardHistory{{Denom: "stake", Index: dec(d), Alliance: "aaa"}}}},
	}
}

// 100 tokens for 200 validator shares and 400 delegator shares: 0.25 tokens
// per delegator share. Upstream owes (2 − 1) × 100 tokens = 100 stake;
// converted, (0.5 − 0.25) × 400 shares = 100.
func TestUpstreamConvertRewardIndicesPerShare(t *testing.T) {
	gs := oneValidator(100, "200", "400", "2", "1")
	require.NoError(t, upstream.ConvertRewardIndices(gs))
	require.Equal(t, dec("0.5"), gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Index)
	require.Equal(t, dec("0.25"), gs.Delegations[0].RewardHistory[0].Index)
}

// 1 token for 3 shares (1/3 per share): the validator's index rounds down,
// the delegation's up, so it is owed (0.333333333333333333 −
// 0.166666666666666667) × 3 = 0.499999999999999998 -> 0, never more than
// upstream's 0.5 × 1 token -> 0.
func TestUpstreamConvertRewardIndicesRoundInFavourOfThePool(t *testing.T) {
	gs := oneValidator(1, "3", "3", "1", "0.5")
	require.NoError(t, upstream.ConvertRewardIndices(gs))
	require.Equal(t, dec("0.333333333333333333"), gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Index)
	require.Equal(t, dec("0.166666666666666667"), gs.Delegations[0].RewardHistory[0].Index)
}

// A validator without delegator shares of an asset keeps its index (no
// delegation reads it); one token per share changes nothing.
func TestUpstreamConvertRewardIndicesUnchanged(t *testing.T) {
	gs := oneValidator(100, "100", "100", "2", "1")
	require.NoError(t, upstream.ConvertRewardIndices(gs))
	require.Equal(t, dec("2"), gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Index)
	require.Equal(t, dec("1"), gs.Delegations[0].RewardHistory[0].Index)

	gs = oneValidator(100, "200", "400", "2", "1")
	gs.ValidatorInfos[0].Validator.TotalDelegatorShares = nil
	gs.Delegations = nil
	require.NoError(t, upstream.ConvertRewardIndices(gs))
	require.Equal(t, dec("2"), gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Index)
}

func TestUpstreamConvertRewardIndicesRefusals(t *testing.T) {
	legacy := oneValidator(100, "200", "400", "2", "1")
	legacy.Delegations[0].RewardHistory[0].Alliance = ""
	require.ErrorIs(t, upstream.ConvertRewardIndices(legacy), types.ErrUpstreamLegacyIndex)

	unlisted := oneValidator(100, "200", "400", "2", "1")
	unlisted.Assets = nil
	require.ErrorIs(t, upstream.ConvertRewardIndices(unlisted), types.ErrUpstreamBadRecord)

	noShares := oneValidator(100, "0", "400", "2", "1")
	require.ErrorIs(t, upstream.ConvertRewardIndices(noShares), types.ErrUpstreamBadRecord)

	orphan := oneValidator(100, "200", "400", "2", "1")
	orphan.ValidatorInfos[0].Validator.TotalDelegatorShares = nil
	require.ErrorIs(t, upstream.ConvertRewardIndices(orphan), types.ErrUpstreamBadRecord)
}

// Upstream's v4 migration left reward_weight_range.max = MaxInt64 on every
// asset listed before it; this module bounds it at MaxRewardWeight (10).
// The max comes down to 10 and the state validates; an asset already
// weighted above 10 is left as it is and refused.
func TestUpstreamConvertGenesisClampsWeightRanges(t *testing.T) {
	withRange := func(weight string) *types.GenesisState {
		gs := oneValidator(100, "100", "100", "2", "1")
		gs.Params = types.DefaultParams()
		a := &gs.Assets[0]
		a.RewardWeight, a.TakeRate, a.RewardChangeRate = dec(weight), dec("0"), dec("1")
		a.RewardWeightRange = types.RewardWeightRange{Min: dec("0"), Max: dec("9223372036854775807")}
		gs.ValidatorInfos, gs.Delegations = nil, nil
		return gs
	}
	gs := withRange("0.5")
	require.ErrorIs(t, gs.Validate(), types.ErrUnconvertedUpstreamGenesis) // as upstream left it
	stamped := *gs
	stamped.FormatVersion = types.GenesisFormatVersion // past the format check: the range is refused too
	require.ErrorContains(t, stamped.Validate(), "reward_weight_range max 9223372036854775807")
	require.NoError(t, upstream.ConvertGenesis(gs))
	require.Equal(t, dec("10"), gs.Assets[0].RewardWeightRange.Max)
	require.Equal(t, dec("0.5"), gs.Assets[0].RewardWeight)
	require.NoError(t, gs.Validate())

	gs = withRange("20")
	require.NoError(t, upstream.ConvertGenesis(gs))
	require.Equal(t, dec("9223372036854775807"), gs.Assets[0].RewardWeightRange.Max)
	require.ErrorContains(t, gs.Validate(), types.ErrRewardWeightTooLarge.Error())
}

// An upstream asset with reward_change_rate 0 (or none stored) has no
// schedule there; here it gets rate 1 and interval 0 (no schedule either),
// which validates. A running schedule is kept as it is.
func TestUpstreamConvertGenesisTurnsOffSchedulesUpstreamNeverRan(t *testing.T) {
	gs := oneValidator(100, "100", "100", "2", "1")
	gs.Params = types.DefaultParams()
	gs.ValidatorInfos, gs.Delegations = nil, nil
	a := &gs.Assets[0]
	a.RewardWeight, a.TakeRate = dec("1"), dec("0")
	a.RewardWeightRange = types.RewardWeightRange{Min: dec("0"), Max: dec("5")}
	a.RewardChangeInterval = time.Hour // rate left unset, as stored before the field existed
	require.Error(t, gs.Validate())
	require.NoError(t, upstream.ConvertGenesis(gs))
	require.Equal(t, dec("1"), gs.Assets[0].RewardChangeRate)
	require.Zero(t, gs.Assets[0].RewardChangeInterval)
	require.NoError(t, gs.Validate())

	a = &gs.Assets[0]
	a.RewardChangeRate, a.RewardChangeInterval = dec("0.9"), time.Hour
	gs.FormatVersion = 0 // as an upstream export with a running schedule
	require.NoError(t, upstream.ConvertGenesis(gs))
	require.Equal(t, dec("0.9"), gs.Assets[0].RewardChangeRate)
	require.Equal(t, time.Hour, gs.Assets[0].RewardChangeInterval)
}

// The conversion stamps format_version 1 and runs once: a second run (or a
// run on this module's own export) is refused and changes nothing, since
// it would rescale the indices again (0.5 -> 0.125 here) and shrink what
// the delegation is owed from 100 to 25.
func TestUpstreamConvertGenesisRunsOnce(t *testing.T) {
	gs := oneValidator(100, "200", "400", "2", "1")
	require.Zero(t, gs.FormatVersion)
	require.NoError(t, upstream.ConvertGenesis(gs))
	require.Equal(t, types.GenesisFormatVersion, gs.FormatVersion)
	require.Equal(t, dec("0.5"), gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Index)
	err := upstream.ConvertGenesis(gs)
	require.ErrorIs(t, err, types.ErrGenesisAlreadyConverted)
	require.Equal(t, dec("0.5"), gs.ValidatorInfos[0].Validator.GlobalRewardHistory[0].Index)
	require.Equal(t, dec("0.25"), gs.Delegations[0].RewardHistory[0].Index)
	require.ErrorIs(t, upstream.ConvertGenesis(types.DefaultGenesisState()), types.ErrGenesisAlreadyConverted)
}
