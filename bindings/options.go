package bindings

import (
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Capability is what a contract that uses the alliance bindings declares
// with a `requires_alliance` export; chains with these bindings provide it.
const Capability = "alliance"

// AcceptedGrpcQueries are the alliance gRPC queries contracts may send as
// {"grpc": …} (or the deprecated {"stargate": …}). Only queries whose cost is
// bounded by their request are listed: paginated lists and single lookups.
// The whole-chain and whole-delegator scans without pagination
// (AllAlliancesDelegations, AllianceUnbondingsByDelegator,
// AllianceRedelegationsByDelegator) stay rejected. WasmOptions also holds
// the paginated ones to the custom querier's page rule (at most
// types.MaxPageLimit entries, no offset, no count_total).
func AcceptedGrpcQueries() wasmkeeper.AcceptedQueries {
	const svc = "/alliance.alliance.Query/"
	return wasmkeeper.AcceptedQueries{
		svc + "Params":                         func() proto.Message { return &alliancetypes.QueryParamsResponse{} },
		svc + "Alliance":                       func() proto.Message { return &alliancetypes.QueryAllianceResponse{} },
		svc + "Alliances":                      func() proto.Message { return &alliancetypes.QueryAlliancesResponse{} },
		svc + "AllianceDelegation":             func() proto.Message { return &alliancetypes.QueryAllianceDelegationResponse{} },
		svc + "AllianceDelegationRewards":      func() proto.Message { return &alliancetypes.QueryAllianceDelegationRewardsResponse{} },
		svc + "AlliancesDelegation":            func() proto.Message { return &alliancetypes.QueryAlliancesDelegationsResponse{} },
		svc + "AlliancesDelegationByValidator": func() proto.Message { return &alliancetypes.QueryAlliancesDelegationsResponse{} },
		svc + "AllianceValidator":              func() proto.Message { return &alliancetypes.QueryAllianceValidatorResponse{} },
		svc + "AllAllianceValidators":          func() proto.Message { return &alliancetypes.QueryAllianceValidatorsResponse{} },
		svc + "AllianceUnbondings":             func() proto.Message { return &alliancetypes.QueryAllianceUnbondingsResponse{} },
		// Token factory: single lookups. DenomsFromCreator reads a creator's
		// whole list without pagination: contracts use the paged
		// denoms_by_creator custom query instead.
		tfSvc + "Params":                 func() proto.Message { return &tftypes.QueryParamsResponse{} },
		tfSvc + "DenomAuthorityMetadata": func() proto.Message { return &tftypes.QueryDenomAuthorityMetadataResponse{} },
	}
}

// tfSvc is the token factory's gRPC query service (Osmosis' package name).
const tfSvc = "/osmosis.tokenfactory.v1beta1.Query/"

// WasmOptions installs the bindings into the wasm keeper: the custom message
// encoder, the custom querier (after which a chain may chain its own with
// ChainQueriers), the gRPC/Stargate accept-list with its page guard, and a
// charge of GasPerRequest plus GasPerRequestByte per byte for every query a
// contract sends (ChargeRequestBytes), which wasmd does not charge by itself.
//
// The token factory bindings share the entry points: custom messages with a
// "token_factory" key go to EncodeTokenFactoryMsg, and custom queries the
// alliance querier does not know go on to the token factory querier.
func WasmOptions(queries alliancetypes.QueryServer, staking StakingParamsKeeper, tokenFactory TokenFactoryKeeper, bank DenomMetadataKeeper, router *baseapp.GRPCQueryRouter, cdc codec.Codec) []wasmkeeper.Option {
	accepted := AcceptedGrpcQueries()
	guard := pageGuard(acceptedRequests())
	return []wasmkeeper.Option{
		wasmkeeper.WithMessageEncoders(&wasmkeeper.MessageEncoders{Custom: EncodeCustomMsg}),
		wasmkeeper.WithQueryPlugins(&wasmkeeper.QueryPlugins{
			Custom:   ChainQueriers(NewQuerier(queries, staking).Query, NewTokenFactoryQuerier(tokenFactory, bank).Query),
			Grpc:     boundedGrpc(guard, wasmkeeper.AcceptListGrpcQuerier(accepted, router, cdc)),
			Stargate: boundedStargate(guard, wasmkeeper.AcceptListStargateQuerier(accepted, router, cdc)),
		}),
		// A post-option: it wraps the query plugins merged above.
		wasmkeeper.WithQueryHandlerDecorator(ChargeRequestBytes(GasPerRequest, GasPerRequestByte)),
	}
}
