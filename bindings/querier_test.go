package bindings_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/alliancewasm/alliancewasm/bindings"
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// fakeQueries answers like the keeper would, from fixed data, and records
// what it was asked. Unbondings writes to the store to prove that the
// querier discards writes.
type fakeQueries struct {
	alliancetypes.UnimplementedQueryServer
	key        *storetypes.KVStoreKey
	unbondings []alliancetypes.UnbondingDelegation
	lastPage   *query.PageRequest
	write      bool // Unbondings writes to the store, to prove writes are discarded
}

var start = time.Date(2026, 3, 1, 12, 0, 0, 7, time.UTC)

func (f *fakeQueries) Alliance(_ context.Context, req *alliancetypes.QueryAllianceRequest) (*alliancetypes.QueryAllianceResponse, error) {
	if req.Denom != "ibc/AB" && req.Denom != "ibc/DL" {
		return nil, errors.New("alliance asset is not whitelisted")
	}
	var delistCompletion *time.Time
	if req.Denom == "ibc/DL" { // being delisted
		done := start.Add(21 * 24 * time.Hour)
		delistCompletion = &done
	}
	return &alliancetypes.QueryAllianceResponse{Alliance: &alliancetypes.AllianceAsset{
		Denom: req.Denom, DelistCompletionTime: delistCompletion, RewardWeight: math.LegacyNewDecWithPrec(5, 1), TakeRate: math.LegacyNewDecWithPrec(1, 3),
		TotalTokens: math.NewInt(1_000), TotalValidatorShares: math.LegacyNewDec(1_000),
		RewardStartTime: start, RewardChangeRate: math.LegacyOneDec(), RewardChangeInterval: time.Hour,
		LastRewardChangeTime: start, RewardWeightRange: alliancetypes.RewardWeightRange{Min: math.LegacyZeroDec(), Max: math.LegacyNewDec(5)},
		IsInitialized: true,
	}}, nil
}

func (f *fakeQueries) Alliances(_ context.Context, req *alliancetypes.QueryAlliancesRequest) (*alliancetypes.QueryAlliancesResponse, error) {
	f.lastPage = req.Pagination
	return &alliancetypes.QueryAlliancesResponse{Pagination: &query.PageResponse{NextKey: []byte("next")}}, nil
}

func (f *fakeQueries) AllianceUnbondingsByDelegator(ctx context.Context, _ *alliancetypes.QueryAllianceUnbondingsByDelegatorRequest) (*alliancetypes.QueryAllianceUnbondingsByDelegatorResponse, error) {
	if f.write {
		sdk.UnwrapSDKContext(ctx).KVStore(f.key).Set([]byte("written-by-query"), []byte{1})
	}
	return &alliancetypes.QueryAllianceUnbondingsByDelegatorResponse{Unbondings: f.unbondings}, nil
}

func newQueryContext(t *testing.T) (sdk.Context, *fakeQueries) {
	key := storetypes.NewKVStoreKey("test")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("transient"))
	f := &fakeQueries{key: key}
	for i := 0; i < 5; i++ {
		f.unbondings = append(f.unbondings, alliancetypes.UnbondingDelegation{
			CompletionTime: start.Add(time.Duration(i) * time.Hour), ValidatorAddress: valA, Amount: math.NewInt(int64(10 + i)), Denom: "ibc/AB",
		})
	}
	return ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()), f
}

func TestAllianceQueryReturnsFullUnixTimes(t *testing.T) {
	ctx, f := newQueryContext(t)
	bz, err := bindings.NewQuerier(f, f).Query(ctx, []byte(`{"alliance":{"denom":"ibc/AB"}}`))
	require.NoError(t, err)
	startNs := uint64(start.Unix())*1_000_000_000 + 7
	var got bt.AllianceResponse
	require.NoError(t, json.Unmarshal(bz, &got))
	require.Equal(t, bt.AllianceResponse{
		Denom: "ibc/AB", RewardWeight: "0.500000000000000000", TakeRate: "0.001000000000000000",
		TotalTokens: "1000", TotalValidatorShares: "1000.000000000000000000",
		RewardStartTime: startNs, RewardChangeRate: "1.000000000000000000", RewardChangeInterval: uint64(time.Hour),
		LastRewardChangeTime: startNs, RewardWeightRange: bt.RewardWeightRange{Min: "0.000000000000000000", Max: "5.000000000000000000"},
		IsInitialized: true,
	}, got)
	// Upstream returned start.Nanosecond() (here 7) for these fields.
	require.Equal(t, uint64(1_772_366_400_000_000_007), got.RewardStartTime)
}

// A listed asset's answer has no delist_completion_time key (upstream's shape); an asset being
// delisted carries the Unix nanoseconds at which its wind-down's entries complete.
func TestAllianceQueryShowsDelistCompletionOnlyWhileDelisting(t *testing.T) {
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	listed, err := q.Query(ctx, []byte(`{"alliance":{"denom":"ibc/AB"}}`))
	require.NoError(t, err)
	require.NotContains(t, string(listed), "delist_completion_time")
	bz, err := q.Query(ctx, []byte(`{"alliance":{"denom":"ibc/DL"}}`))
	require.NoError(t, err)
	var got bt.AllianceResponse
	require.NoError(t, json.Unmarshal(bz, &got))
	want := uint64(start.Add(21*24*time.Hour).Unix())*1_000_000_000 + 7
	require.NotNil(t, got.DelistCompletionTime)
	require.Equal(t, want, *got.DelistCompletionTime)
}

func TestQueryErrors(t *testing.T) {
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	cases := []struct {
		name, json, wantErr string
		unknown             bool
	}{
		{"not an object", `[1,2]`, "alliance query is not a JSON object", false},
		{"another module's query", `{"token":{"denom":"x"}}`, "unknown query", true},
		{"empty object", `{}`, "unknown query", true},
		{"ours with an unknown field", `{"alliance":{"denom":"ibc/AB","x":1}}`, `unknown field "x"`, false},
		{"ours mixed with another", `{"alliance":{"denom":"ibc/AB"},"token":{}}`, `unknown field "token"`, false},
		{"two variants", `{"alliance":{"denom":"a"},"alliances":{}}`, "more than one variant", false},
		{"unknown denom", `{"alliance":{"denom":"nope"}}`, "alliance alliance: alliance asset is not whitelisted", false},
		{"page too large", `{"alliances":{"pagination":{"limit":101}}}`, "page limit 101 is above the maximum 100", false},
		{"validator filter without denom", `{"unbondings":{"delegator":"x","validator":"y"}}`, "a validator filter needs a denom too", false},
		{"bad page key", `{"unbondings":{"delegator":"x","pagination":{"key":"AQ=="}}}`, "pagination key must be the next_key of a previous page", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bz, err := q.Query(ctx, []byte(tc.json))
			require.Error(t, err)
			require.Nil(t, bz)
			require.Contains(t, err.Error(), tc.wantErr)
			require.Equal(t, tc.unknown, errors.Is(err, bindings.ErrUnknownQuery))
		})
	}
}

func TestListQueriesArePaginatedWithACap(t *testing.T) {
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	bz, err := q.Query(ctx, []byte(`{"alliances":{}}`))
	require.NoError(t, err)
	require.Equal(t, uint64(bt.DefaultPageLimit), f.lastPage.Limit)
	require.JSONEq(t, `{"alliances":[],"next_key":"bmV4dA=="}`, string(bz))

	_, err = q.Query(ctx, []byte(`{"alliances":{"pagination":{"key":"bmV4dA==","limit":100}}}`))
	require.NoError(t, err)
	require.Equal(t, uint64(100), f.lastPage.Limit)
	require.Equal(t, []byte("next"), f.lastPage.Key)
}

func TestUnbondingsPagesAndNeverWrites(t *testing.T) {
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	var page1, page2, page3 bt.UnbondingsResponse
	bz, err := q.Query(ctx, []byte(`{"unbondings":{"delegator":"d","pagination":{"limit":2}}}`))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, &page1))
	require.Len(t, page1.Unbondings, 2)
	require.Equal(t, "10", page1.Unbondings[0].Amount)
	require.Equal(t, uint64(start.UnixNano()), page1.Unbondings[0].CompletionTime)

	next, _ := json.Marshal(page1.NextKey)
	bz, err = q.Query(ctx, []byte(`{"unbondings":{"delegator":"d","pagination":{"limit":2,"key":`+string(next)+`}}}`))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, &page2))
	require.Equal(t, []string{"12", "13"}, []string{page2.Unbondings[0].Amount, page2.Unbondings[1].Amount})

	next, _ = json.Marshal(page2.NextKey)
	bz, err = q.Query(ctx, []byte(`{"unbondings":{"delegator":"d","pagination":{"limit":2,"key":`+string(next)+`}}}`))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, &page3))
	require.Len(t, page3.Unbondings, 1)
	require.Nil(t, page3.NextKey, "last page must not have a next key")

	// Gas: each of the three queries charged per entry of the 5 it walked,
	// and per byte of its request: 57 + 2 * 78 bytes (the two with a key).
	require.Equal(t, storetypes.Gas(3*5*bindings.GasPerListItem+(57+2*78)*bindings.GasPerQueryByte), ctx.GasMeter().GasConsumed())

	f.write = true
	_, err = q.Query(ctx, []byte(`{"unbondings":{"delegator":"d"}}`))
	require.NoError(t, err)
	require.False(t, ctx.KVStore(f.key).Has([]byte("written-by-query")), "a query wrote to the store")
}

func TestChainQueriersFallsThroughOnlyOnUnknown(t *testing.T) {
	ctx, f := newQueryContext(t)
	other := func(_ sdk.Context, req json.RawMessage) ([]byte, error) {
		if string(req) == `{"token":{}}` {
			return []byte(`"tokenfactory"`), nil
		}
		return nil, bindings.ErrUnknownQuery
	}
	chained := bindings.ChainQueriers(bindings.NewQuerier(f, f).Query, other)

	bz, err := chained(ctx, []byte(`{"token":{}}`))
	require.NoError(t, err)
	require.Equal(t, `"tokenfactory"`, string(bz))

	_, err = chained(ctx, []byte(`{"alliance":{"denom":"nope"}}`))
	require.ErrorContains(t, err, "not whitelisted", "a real alliance error must not fall through")

	_, err = chained(ctx, []byte(`{"nobody":{}}`))
	require.ErrorContains(t, err, `unknown query: no custom querier of this chain accepts {"nobody":{}}`)
}

func FuzzQuery(f *testing.F) {
	f.Add([]byte(`{"alliance":{"denom":"ibc/AB"}}`))
	f.Add([]byte(`{"unbondings":{"delegator":"d","pagination":{"limit":2,"key":"AAAAAAAAAAI="}}}`))
	f.Add([]byte(`{"alliances":{"pagination":{"limit":0}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ctx, fq := newQueryContext(t)
		_, _ = bindings.NewQuerier(fq, fq).Query(ctx, raw)
	})
}
