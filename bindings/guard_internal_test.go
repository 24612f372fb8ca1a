package bindings

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Audit F6: the accepted gRPC paths took any limit, offset and count_total.
func TestGrpcAcceptListHoldsTheCustomPageRule(t *testing.T) {
	g := pageGuard(acceptedRequests())
	require.Len(t, g, len(AcceptedGrpcQueries()), "every accepted path has its request type")
	for path := range AcceptedGrpcQueries() {
		require.Contains(t, g, path)
	}
	const path = "/alliance.alliance.Query/AlliancesDelegation"
	req := func(p *query.PageRequest) []byte {
		bz, err := (&alliancetypes.QueryAlliancesDelegationsRequest{DelegatorAddr: "x", Pagination: p}).Marshal()
		require.NoError(t, err)
		return bz
	}
	require.NoError(t, g.check(path, req(nil)))
	require.NoError(t, g.check(path, req(&query.PageRequest{Limit: 100, Key: []byte("k")})))
	// The audit's request: limit 10^12 with count_total.
	require.ErrorContains(t, g.check(path, req(&query.PageRequest{Limit: 1_000_000_000_000, CountTotal: true})), "page limit 1000000000000 is above the maximum 100")
	require.ErrorContains(t, g.check(path, req(&query.PageRequest{Limit: 101})), "page limit 101 is above the maximum 100")
	require.ErrorContains(t, g.check(path, req(&query.PageRequest{CountTotal: true})), "count_total is not served")
	require.ErrorContains(t, g.check(path, req(&query.PageRequest{Offset: 1})), "offset is not served")
	require.ErrorContains(t, g.check(path, []byte{0xff}), path)
	// Every accepted request with a pagination field is checked: Alliances,
	// AlliancesDelegation(ByValidator), AllAllianceValidators,
	// AllianceUnbondings, AllianceDelegation(Rewards) (the last two ignore it).
	paged := 0
	for p, mk := range g {
		r := mk()
		f := reflect.ValueOf(r).Elem().FieldByName("Pagination")
		if !f.IsValid() {
			continue
		}
		paged++
		f.Set(reflect.ValueOf(&query.PageRequest{Limit: 101}))
		bz, err := proto.Marshal(r)
		require.NoError(t, err)
		require.ErrorContains(t, g.check(p, bz), "page limit 101", p)
	}
	require.Equal(t, 7, paged)
	// A path that is not ours is left to the accept-list (which refuses it).
	require.NoError(t, g.check("/cosmos.bank.v1beta1.Query/AllBalances", []byte{0xff}))
}

func TestChargeRequestBytesChargesEveryQueryBySize(t *testing.T) {
	ctx := testutil.DefaultContext(storetypes.NewKVStoreKey("t"), storetypes.NewTransientStoreKey("tt")).WithGasMeter(storetypes.NewInfiniteGasMeter())
	var seen bool
	next := wasmkeeper.WasmVMQueryHandlerFn(func(sdk.Context, sdk.AccAddress, wasmvmtypes.QueryRequest) ([]byte, error) {
		seen = true
		return nil, nil
	})
	h := ChargeRequestBytes(GasPerRequest, GasPerRequestByte)(next)
	pad := strings.Repeat("A", 60_000)
	for name, tc := range map[string]struct {
		req   wasmvmtypes.QueryRequest
		bytes int
	}{
		// 60,000 + `{"x":""}` (8 bytes)
		"custom":      {wasmvmtypes.QueryRequest{Custom: []byte(`{"x":"` + pad + `"}`)}, 60_008},
		"bank denom":  {wasmvmtypes.QueryRequest{Bank: &wasmvmtypes.BankQuery{Balance: &wasmvmtypes.BalanceQuery{Address: "addr", Denom: pad}}}, 60_004},
		"smart query": {wasmvmtypes.QueryRequest{Wasm: &wasmvmtypes.WasmQuery{Smart: &wasmvmtypes.SmartQuery{ContractAddr: "c", Msg: []byte(`{}`)}}}, 3},
		"grpc":        {wasmvmtypes.QueryRequest{Grpc: &wasmvmtypes.GrpcQuery{Path: "/p", Data: []byte{1, 2, 3}}}, 5},
		"empty":       {wasmvmtypes.QueryRequest{}, 0},
	} {
		seen = false
		before := ctx.GasMeter().GasConsumed()
		_, err := h.HandleQuery(ctx, nil, tc.req)
		require.NoError(t, err)
		require.True(t, seen, name)
		require.Equal(t, storetypes.Gas(1000+3*tc.bytes), ctx.GasMeter().GasConsumed()-before, name)
		require.Equal(t, tc.bytes, requestBytes(reflect.ValueOf(tc.req)), name)
	}
}
