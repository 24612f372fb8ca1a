package bindings_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/bindings"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The fake chain of the stakes tests: valBonded (1,000 staked, 7 stake + 2 ibc/AB pending),
// valJailed (shares worth nothing, nothing pending), valInactive (no delegation) and valRemoved (gone
// from x/staking, 300 staked and still booked by the module). stakesRewardsAsked counts the
// rewards queries the querier made.
var (
	valBonded, valJailed, valInactive, valRemoved, valGone string
	stakesRewardsAsked                                     int
)

// setStakesValidators makes the bech32 strings (the chain's prefixes are set in TestMain).
func setStakesValidators() {
	valBonded = sdk.ValAddress([]byte("validator-bonded-20b")).String()
	valJailed = sdk.ValAddress([]byte("validator-jailed-20b")).String()
	valInactive = sdk.ValAddress([]byte("validator-inactiv-20")).String()
	valRemoved = sdk.ValAddress([]byte("validator-removed-20")).String()
	valGone = sdk.ValAddress([]byte("validator-gone-20byt")).String()
}

func (f *fakeQueries) GetValidator(_ context.Context, addr sdk.ValAddress) (stakingtypes.Validator, error) {
	switch addr.String() {
	case valBonded:
		return stakingtypes.Validator{Status: stakingtypes.Bonded}, nil
	case valJailed:
		return stakingtypes.Validator{Status: stakingtypes.Bonded, Jailed: true}, nil
	case valInactive:
		return stakingtypes.Validator{Status: stakingtypes.Unbonding}, nil
	}
	return stakingtypes.Validator{}, stakingtypes.ErrNoValidatorFound
}

// AlliancesDelegation lists the contract's delegations: the ones of the stakes tests (valJailed's
// shares are worth nothing) and one of another listed denom on valBonded.
func (f *fakeQueries) AlliancesDelegation(_ context.Context, req *alliancetypes.QueryAlliancesDelegationsRequest) (*alliancetypes.QueryAlliancesDelegationsResponse, error) {
	del := func(val, denom string, shares, tokens int64) alliancetypes.DelegationResponse {
		return alliancetypes.DelegationResponse{
			Delegation: alliancetypes.Delegation{DelegatorAddress: req.DelegatorAddr, ValidatorAddress: val, Denom: denom, Shares: math.LegacyNewDec(shares)},
			Balance:    sdk.NewInt64Coin(denom, tokens),
		}
	}
	return &alliancetypes.QueryAlliancesDelegationsResponse{Delegations: []alliancetypes.DelegationResponse{
		del(valBonded, "ibc/AB", 1_000, 1_000), del(valBonded, "ibc/CD", 9, 9), del(valJailed, "ibc/AB", 500, 0), del(valRemoved, "ibc/AB", 300, 300),
	}}, nil
}

func (f *fakeQueries) AllianceDelegationRewards(_ context.Context, req *alliancetypes.QueryAllianceDelegationRewardsRequest) (*alliancetypes.QueryAllianceDelegationRewardsResponse, error) {
	stakesRewardsAsked++
	if req.Denom != "ibc/AB" {
		return nil, errors.New("alliance asset is not whitelisted")
	}
	if req.ValidatorAddr == valInactive || req.ValidatorAddr == valGone {
		return nil, alliancetypes.ErrNoDelegation
	}
	if req.ValidatorAddr == valBonded {
		return &alliancetypes.QueryAllianceDelegationRewardsResponse{Rewards: sdk.NewCoins(sdk.NewInt64Coin("stake", 7), sdk.NewInt64Coin("ibc/AB", 2))}, nil
	}
	return &alliancetypes.QueryAllianceDelegationRewardsResponse{Rewards: sdk.NewCoins()}, nil
}

func stakesQuery(parts string, vals ...string) string {
	r := ""
	for _, p := range strings.Fields(parts) {
		r += `,"` + p + `":true`
	}
	return `{"stakes":{"delegator":"` + sdk.AccAddress([]byte("contract-20-bytes-ab")).String() + `","denom":"ibc/AB","validators":["` + strings.Join(vals, `","`) + `"]` + r + `}}`
}

// One stakes query answers, in the order asked, what it is asked of each validator: the stake
// (worthless shares flagged), its status, what a claim would pay. Rewards are only asked of the
// keeper for delegations that exist when the amounts are known, else for every validator.
func TestStakesQueryAnswersStakeStatusAndRewardsInOneCall(t *testing.T) {
	setStakesValidators()
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	stakesRewardsAsked = 0
	bz, err := q.Query(ctx, []byte(stakesQuery("amount status rewards", valJailed, valBonded, valInactive, valRemoved, valGone)))
	require.NoError(t, err)
	require.JSONEq(t, `{"stakes":[
		{"validator":"`+valJailed+`","amount":"0","worthless":true,"status":"jailed"},
		{"validator":"`+valBonded+`","amount":"1000","status":"bonded","rewards":[{"denom":"ibc/AB","amount":"2"},{"denom":"stake","amount":"7"}]},
		{"validator":"`+valInactive+`","amount":"0","status":"inactive"},
		{"validator":"`+valRemoved+`","amount":"300","status":"removed"},
		{"validator":"`+valGone+`","amount":"0","status":"removed"}]}`, string(bz))
	require.Equal(t, 3, stakesRewardsAsked) // jailed, bonded, removed: the three with a delegation

	// Rewards alone (what booking needs): every validator asked, no amount, no status.
	stakesRewardsAsked = 0
	bz, err = q.Query(ctx, []byte(stakesQuery("rewards", valBonded, valGone)))
	require.NoError(t, err)
	require.JSONEq(t, `{"stakes":[{"validator":"`+valBonded+`","rewards":[{"denom":"ibc/AB","amount":"2"},{"denom":"stake","amount":"7"}]},{"validator":"`+valGone+`"}]}`, string(bz))
	require.Equal(t, 2, stakesRewardsAsked)

	// Amount and status only: no rewards query at all.
	stakesRewardsAsked = 0
	bz, err = q.Query(ctx, []byte(stakesQuery("amount status", valBonded)))
	require.NoError(t, err)
	require.JSONEq(t, `{"stakes":[{"validator":"`+valBonded+`","amount":"1000","status":"bonded"}]}`, string(bz))
	require.Zero(t, stakesRewardsAsked)
}

func TestStakesQueryRefusesBadRequests(t *testing.T) {
	setStakesValidators()
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	many := make([]string, 41)
	for i := range many {
		many[i] = sdk.ValAddress([]byte{byte(i), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}).String()
	}
	for name, tc := range map[string]struct{ json, want string }{
		"no validator":  {`{"stakes":{"delegator":"x","denom":"ibc/AB","validators":[]}}`, "give 1 to 40 validators"},
		"41 validators": {stakesQuery("", many...), "give 1 to 40 validators"},
		"twice":         {stakesQuery("", valBonded, valBonded), "is listed twice"},
		"bad address":   {stakesQuery("", "alliancevaloper1nope"), `validator "alliancevaloper1nope"`},
		"unknown field": {`{"stakes":{"delegator":"x","denom":"ibc/AB","validators":["` + valBonded + `"],"x":1}}`, `unknown field "x"`},
		"escaped denom": {`{"stakes":{"delegator":"x","denom":"ibc%2FAB","validators":["` + valBonded + `"]}}`, "invalid denom"},
		// An unlisted asset is refused whatever is asked.
		"unlisted asset, status":  {strings.Replace(stakesQuery("status", valGone), "ibc/AB", "uother", 1), "alliance asset is not whitelisted"},
		"unlisted asset, amount":  {strings.Replace(stakesQuery("amount", valBonded), "ibc/AB", "uother", 1), "alliance asset is not whitelisted"},
		"unlisted asset, rewards": {strings.Replace(stakesQuery("rewards", valGone), "ibc/AB", "uother", 1), "alliance asset is not whitelisted"},
	} {
		_, err := q.Query(ctx, []byte(tc.json))
		require.ErrorContains(t, err, tc.want, name)
	}
}
