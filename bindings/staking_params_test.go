package bindings_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/bindings"
)

// stakingParams is what fakeQueries' GetParams answers: the SDK defaults
// unless a test sets fakeStakingParams.
var fakeStakingParams = stakingtypes.DefaultParams()

func (f *fakeQueries) GetParams(context.Context) (stakingtypes.Params, error) {
	return fakeStakingParams, nil
}

func TestStakingParamsQueryAnswersUnbondingTimeInSecondsRoundedUp(t *testing.T) {
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	defer func(p stakingtypes.Params) { fakeStakingParams = p }(fakeStakingParams)

	// SDK defaults: 21 days = 21*24*3600 = 1,814,400 s, 7 entries, "stake".
	bz, err := q.Query(ctx, []byte(`{"staking_params":{}}`))
	require.NoError(t, err)
	require.JSONEq(t, `{"unbonding_time":1814400,"max_entries":7,"bond_denom":"stake"}`, string(bz))

	// 1 s and 1 ns of unbonding time is 2 s for the contract: rounding up
	// keeps epoch*max_entries > unbonding_time safe on the chain's exact value.
	fakeStakingParams.UnbondingTime = time.Second + time.Nanosecond
	fakeStakingParams.MaxEntries = 3
	fakeStakingParams.BondDenom = "ualliance"
	bz, err = q.Query(ctx, []byte(`{"staking_params":{}}`))
	require.NoError(t, err)
	require.JSONEq(t, `{"unbonding_time":2,"max_entries":3,"bond_denom":"ualliance"}`, string(bz))

	_, err = q.Query(ctx, []byte(`{"staking_params":{"denom":"x"}}`))
	require.ErrorContains(t, err, `unknown field "denom"`)
}
