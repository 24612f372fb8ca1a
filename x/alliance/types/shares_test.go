package types_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func d(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func asset(tokens int64, shares string) types.AllianceAsset {
	a := types.NewAllianceAsset("aaa", d("1"), d("0"), d("1"), 0, types.RewardWeightRange{Min: d("0"), Max: d("1")}, time.Time{})
	a.TotalTokens = math.NewInt(tokens)
	a.TotalValidatorShares = d(shares)
	return a
}

func TestSharesForDepositRoundsDown(t *testing.T) {
	// empty asset: 1:1
	dVS, dDS, err := types.SharesForDeposit(asset(0, "0"), d("0"), d("0"), math.NewInt(100))
	require.NoError(t, err)
	require.Equal(t, d("100"), dVS)
	require.Equal(t, d("100"), dDS)
	// after a take rate: 300 tokens for 100 shares → 100 tokens mint 33.333…3 (floor)
	dVS, dDS, err = types.SharesForDeposit(asset(300, "100"), d("100"), d("50"), math.NewInt(100))
	require.NoError(t, err)
	require.Equal(t, d("33.333333333333333333"), dVS)
	require.Equal(t, d("16.666666666666666666"), dDS) // 33.33…3 × 50/100, floored
	// worthless existing shares are refused instead of diluting the depositor
	_, _, err = types.SharesForDeposit(asset(300, "100"), d("0"), d("5"), math.NewInt(1))
	require.ErrorIs(t, err, types.ErrWorthlessShares)
	_, _, err = types.SharesForDeposit(asset(300, "100"), d("1"), d("1"), math.NewInt(0))
	require.ErrorIs(t, err, types.ErrInvalidAmount)
}

// A deposit of 100 into an asset at 3 tokens/share is worth 99.99…9 exactly
// after the floors; the tolerance shows (and lets withdraw) 100.
func TestWholeTokensTolerance(t *testing.T) {
	a := asset(300, "100")
	dVS, dDS, err := types.SharesForDeposit(a, d("100"), d("100"), math.NewInt(100))
	require.NoError(t, err)
	a.TotalTokens = a.TotalTokens.AddRaw(100)
	a.TotalValidatorShares = a.TotalValidatorShares.Add(dVS)
	vs, tds := d("100").Add(dVS), d("100").Add(dDS)
	v := types.DelegationTokens(a, vs, tds, dDS)
	require.True(t, v.LT(d("100")), v.String())
	require.Equal(t, math.NewInt(100), types.WholeTokens(v))
	// and the old holder still has 300
	require.Equal(t, math.NewInt(300), types.WholeTokens(types.DelegationTokens(a, vs, tds, d("100"))))
	// full withdrawal of the new holder burns exactly its shares
	wVS, wDS, full, err := types.SharesForWithdrawal(a, vs, tds, dDS, math.NewInt(100))
	require.NoError(t, err)
	require.True(t, full)
	require.Equal(t, dDS, wDS)
	require.Equal(t, dVS, wVS) // ceil(vs × dDS / tds) gives back exactly the minted dVS
	_, _, _, err = types.SharesForWithdrawal(a, vs, tds, dDS, math.NewInt(101))
	require.ErrorIs(t, err, types.ErrInsufficientTokens)
}

func TestSharesForWithdrawalRoundsUp(t *testing.T) {
	// 1000 tokens backed by 3 validator-level shares, all on one validator,
	// whose 3 delegator shares are split 1 (this delegator) / 2.
	a := asset(1000, "3")
	vVS, vDS, full, err := types.SharesForWithdrawal(a, d("3"), d("3"), d("1"), math.NewInt(100))
	require.NoError(t, err)
	require.False(t, full)
	// dDS = ceil(100 × 3 × 3 / (3 × 1000)) = 0.3 exactly; dVS = 3 × 0.3 / 3 = 0.3
	require.Equal(t, d("0.3"), vDS)
	require.Equal(t, d("0.3"), vVS)
	// 1 token out of 3 shares for 1000 tokens: 0.003 shares exactly
	_, vDS, _, err = types.SharesForWithdrawal(a, d("3"), d("3"), d("1"), math.NewInt(1))
	require.NoError(t, err)
	require.Equal(t, d("0.003"), vDS)
	// with 1001 tokens the exact share count is not representable: rounded up
	a = asset(1001, "3")
	_, vDS, _, err = types.SharesForWithdrawal(a, d("3"), d("3"), d("1"), math.NewInt(1))
	require.NoError(t, err)
	require.Equal(t, d("0.002997002997002998"), vDS) // 3/1001 = 0.002997002997002997002… rounded up
}

func TestValidateAllianceParams(t *testing.T) {
	rng := types.RewardWeightRange{Min: d("0.1"), Max: d("2")}
	require.NoError(t, types.ValidateAllianceParams("ibc/ABC", d("1"), d("0.5"), d("0.9"), time.Hour, rng))
	require.Error(t, types.ValidateAllianceParams("", d("1"), d("0"), d("1"), 0, rng))
	require.ErrorIs(t, types.ValidateAllianceParams("aaa", d("0.05"), d("0"), d("1"), 0, rng), types.ErrRewardWeightOutOfBnd)
	require.Error(t, types.ValidateAllianceParams("aaa", d("1"), d("-0.1"), d("1"), 0, rng))
	require.Error(t, types.ValidateAllianceParams("aaa", d("1"), d("0"), d("1"), -time.Second, rng))
	require.Error(t, types.ValidateAllianceParams("aaa", d("1"), d("0"), d("1"), 0, types.RewardWeightRange{Min: d("-1"), Max: d("2")}))
}

func TestParamsValidate(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	p := types.DefaultParams()
	p.TakeRateClaimInterval = 0
	require.Error(t, p.Validate())
	p = types.DefaultParams()
	p.RewardDelayTime = -1
	require.Error(t, p.Validate())
}
