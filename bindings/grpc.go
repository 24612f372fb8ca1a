package bindings

import (
	"fmt"
	"reflect"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// acceptedRequests are the request types of AcceptedGrpcQueries, by path.
func acceptedRequests() map[string]func() proto.Message {
	const svc = "/alliance.alliance.Query/"
	return map[string]func() proto.Message{
		svc + "Params":                         func() proto.Message { return &alliancetypes.QueryParamsRequest{} },
		svc + "Alliance":                       func() proto.Message { return &alliancetypes.QueryAllianceRequest{} },
		svc + "Alliances":                      func() proto.Message { return &alliancetypes.QueryAlliancesRequest{} },
		svc + "AllianceDelegation":             func() proto.Message { return &alliancetypes.QueryAllianceDelegationRequest{} },
		svc + "AllianceDelegationRewards":      func() proto.Message { return &alliancetypes.QueryAllianceDelegationRewardsRequest{} },
		svc + "AlliancesDelegation":            func() proto.Message { return &alliancetypes.QueryAlliancesDelegationsRequest{} },
		svc + "AlliancesDelegationByValidator": func() proto.Message { return &alliancetypes.QueryAlliancesDelegationByValidatorRequest{} },
		svc + "AllianceValidator":              func() proto.Message { return &alliancetypes.QueryAllianceValidatorRequest{} },
		svc + "AllAllianceValidators":          func() proto.Message { return &alliancetypes.QueryAllAllianceValidatorsRequest{} },
		svc + "AllianceUnbondings":             func() proto.Message { return &alliancetypes.QueryAllianceUnbondingsRequest{} },
		tfSvc + "Params":                       func() proto.Message { return &tftypes.QueryParamsRequest{} },
		tfSvc + "DenomAuthorityMetadata":       func() proto.Message { return &tftypes.QueryDenomAuthorityMetadataRequest{} },
	}
}

// pageGuard checks the pagination of an accepted alliance gRPC request
// before it is routed, holding contracts to the custom querier's rule: a
// page has at most bt.MaxPageLimit entries, and neither an offset nor
// count_total is served (both walk the range from its start, however long
// it is); a contract pages with next_key. Paths that are not alliance
// queries are left to the accept-list, which refuses them.
type pageGuard map[string]func() proto.Message

func (g pageGuard) check(path string, data []byte) error {
	mk, ok := g[path]
	if !ok {
		return nil
	}
	req := mk()
	if err := proto.Unmarshal(data, req); err != nil {
		if data == nil {
			data = []byte{}
		}
		return wasmvmtypes.InvalidRequest{Err: fmt.Sprintf("%s: %s", path, err), Request: data}
	}
	// Most generated request types have no GetPagination getter: read the
	// field. Every request type here is a pointer to a struct.
	f := reflect.ValueOf(req).Elem().FieldByName("Pagination")
	if !f.IsValid() || f.IsNil() {
		return nil
	}
	p, ok := f.Interface().(*query.PageRequest)
	if !ok {
		return nil
	}
	return checkGrpcPage(p, data)
}

// checkGrpcPage refuses a page the custom querier would refuse. The error
// is a wasmvm system error (not redacted), carrying the request data: the
// VM requires the request field to be bytes, never null.
func checkGrpcPage(p *query.PageRequest, data []byte) error {
	if data == nil {
		data = []byte{}
	}
	switch {
	case p.Limit > bt.MaxPageLimit:
		return wasmvmtypes.InvalidRequest{Err: fmt.Sprintf("page limit %d is above the maximum %d", p.Limit, bt.MaxPageLimit), Request: data}
	case p.CountTotal:
		return wasmvmtypes.InvalidRequest{Err: "count_total is not served to contracts: it walks the whole range", Request: data}
	case p.Offset > 0:
		return wasmvmtypes.InvalidRequest{Err: "offset is not served to contracts: page with next_key", Request: data}
	}
	return nil
}

// boundedGrpc wraps the accept-list gRPC querier with the page guard.
func boundedGrpc(g pageGuard, next func(sdk.Context, *wasmvmtypes.GrpcQuery) (proto.Message, error)) func(sdk.Context, *wasmvmtypes.GrpcQuery) (proto.Message, error) {
	return func(ctx sdk.Context, req *wasmvmtypes.GrpcQuery) (proto.Message, error) {
		if err := g.check(req.Path, req.Data); err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}

// boundedStargate wraps the accept-list Stargate querier with the page guard.
func boundedStargate(g pageGuard, next func(sdk.Context, *wasmvmtypes.StargateQuery) ([]byte, error)) func(sdk.Context, *wasmvmtypes.StargateQuery) ([]byte, error) {
	return func(ctx sdk.Context, req *wasmvmtypes.StargateQuery) ([]byte, error) {
		if err := g.check(req.Path, req.Data); err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}
