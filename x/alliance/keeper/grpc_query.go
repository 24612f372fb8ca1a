package keeper

import (
	"bytes"
	"context"
	"errors"
	"net/url"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

type queryServer struct{ k Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service implementation. No query
// writes state (the rewards query included).
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

func unescape(denom string) (string, error) {
	d, err := url.QueryUnescape(denom)
	if err != nil {
		return "", status.Errorf(codes.InvalidArgument, "denom %q: %v", denom, err)
	}
	return d, nil
}

func nonTerminal[K any](kc collcodec.KeyCodec[K], key K) []byte {
	buf := make([]byte, kc.SizeNonTerminal(key))
	n, _ := kc.EncodeNonTerminal(buf, key)
	return buf[:n]
}

// paginateDelegations pages through the delegations whose raw key starts
// with prefix (key- or offset-based, like the SDK's pagination).
func (q queryServer) paginateDelegations(ctx context.Context, prefix []byte, page *query.PageRequest) ([]types.DelegationResponse, *query.PageResponse, error) {
	if page == nil {
		page = &query.PageRequest{}
	}
	limit := page.Limit
	if limit == 0 {
		limit = query.DefaultLimit
	}
	start := prefix
	if len(page.Key) > 0 {
		if !bytes.HasPrefix(page.Key, prefix) {
			return nil, nil, status.Error(codes.InvalidArgument, "pagination key outside the queried range")
		}
		start = page.Key
	}
	var end []byte
	if len(prefix) > 0 {
		end = storetypes.PrefixEndBytes(prefix)
	}
	it, err := q.k.Delegations.IterateRaw(ctx, start, end, collections.OrderAscending)
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	out := []types.DelegationResponse{}
	resp := &query.PageResponse{}
	var skipped, count uint64
	for ; it.Valid(); it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			return nil, nil, err
		}
		if len(page.Key) == 0 && skipped < page.Offset {
			skipped++
			count++
			continue
		}
		if uint64(len(out)) == limit {
			if resp.NextKey == nil {
				resp.NextKey, err = collections.EncodeKeyWithPrefix(nil, q.k.Delegations.KeyCodec(), kv.Key)
				if err != nil {
					return nil, nil, err
				}
			}
			if !page.CountTotal || len(page.Key) > 0 {
				break
			}
			count++
			continue
		}
		bal, err := q.k.DelegationBalance(ctx, kv.Value)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, types.DelegationResponse{Delegation: kv.Value, Balance: bal})
		count++
	}
	if page.CountTotal && len(page.Key) == 0 {
		resp.Total = count
	}
	return out, resp, nil
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

func (q queryServer) Alliances(ctx context.Context, req *types.QueryAlliancesRequest) (*types.QueryAlliancesResponse, error) {
	if req == nil {
		req = &types.QueryAlliancesRequest{}
	}
	assets, page, err := query.CollectionPaginate(ctx, q.k.Assets, req.Pagination,
		func(_ string, a types.AllianceAsset) (types.AllianceAsset, error) { return a, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryAlliancesResponse{Alliances: assets, Pagination: page}, nil
}

func (q queryServer) Alliance(ctx context.Context, req *types.QueryAllianceRequest) (*types.QueryAllianceResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	denom, err := unescape(req.Denom)
	if err != nil {
		return nil, err
	}
	a, err := q.k.Assets.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "alliance asset %s not found", denom)
	} else if err != nil {
		return nil, err
	}
	return &types.QueryAllianceResponse{Alliance: &a}, nil
}

func (q queryServer) validatorResponse(ctx context.Context, val sdk.ValAddress, info types.AllianceValidatorInfo) (types.QueryAllianceValidatorResponse, error) {
	staked := sdk.DecCoins{}
	for _, vs := range info.ValidatorShares {
		a, err := q.k.Assets.Get(ctx, vs.Denom)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return types.QueryAllianceValidatorResponse{}, err
		}
		if t := types.ValidatorTokens(a, vs.Amount); t.IsPositive() {
			staked = append(staked, sdk.NewDecCoinFromDec(vs.Denom, t))
		}
	}
	return types.QueryAllianceValidatorResponse{
		ValidatorAddr:         q.k.valString(val),
		TotalDelegationShares: info.TotalDelegatorShares,
		ValidatorShares:       info.ValidatorShares,
		TotalStaked:           staked,
	}, nil
}

func (q queryServer) AllianceValidator(ctx context.Context, req *types.QueryAllianceValidatorRequest) (*types.QueryAllianceValidatorResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	val, err := q.k.valAddr(req.ValidatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	if _, err := q.k.stakingKeeper.GetValidator(ctx, val); err != nil {
		return nil, status.Errorf(codes.NotFound, "validator %s not found", req.ValidatorAddr)
	}
	info, err := q.k.GetValidatorInfo(ctx, val)
	if err != nil {
		return nil, err
	}
	resp, err := q.validatorResponse(ctx, val, info)
	if err != nil {
		return nil, err
	}
	return &resp, nil
}

func (q queryServer) AllAllianceValidators(ctx context.Context, req *types.QueryAllAllianceValidatorsRequest) (*types.QueryAllianceValidatorsResponse, error) {
	if req == nil {
		req = &types.QueryAllAllianceValidatorsRequest{}
	}
	vals, page, err := query.CollectionPaginate(ctx, q.k.ValidatorInfos, req.Pagination,
		func(v sdk.ValAddress, info types.AllianceValidatorInfo) (types.QueryAllianceValidatorResponse, error) {
			return q.validatorResponse(ctx, v, info)
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceValidatorsResponse{Validators: vals, Pagination: page}, nil
}

func (q queryServer) AllAlliancesDelegations(ctx context.Context, req *types.QueryAllAlliancesDelegationsRequest) (*types.QueryAlliancesDelegationsResponse, error) {
	if req == nil {
		req = &types.QueryAllAlliancesDelegationsRequest{}
	}
	dels, page, err := q.paginateDelegations(ctx, nil, req.Pagination)
	if err != nil {
		return nil, err
	}
	return &types.QueryAlliancesDelegationsResponse{Delegations: dels, Pagination: page}, nil
}

func (q queryServer) AlliancesDelegation(ctx context.Context, req *types.QueryAlliancesDelegationsRequest) (*types.QueryAlliancesDelegationsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	del, err := q.k.accAddr(req.DelegatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	dels, page, err := q.paginateDelegations(ctx, nonTerminal(sdk.AccAddressKey, del), req.Pagination)
	if err != nil {
		return nil, err
	}
	return &types.QueryAlliancesDelegationsResponse{Delegations: dels, Pagination: page}, nil
}

// knownValidator: x/staking knows val, or the module still books alliance
// stake on it. A validator removed from x/staking keeps its alliance
// delegations (they can still be undelegated), so the delegation queries
// must answer for it rather than NotFound (issue 18 I1).
func (q queryServer) knownValidator(ctx context.Context, val sdk.ValAddress) bool {
	if _, err := q.k.stakingKeeper.GetValidator(ctx, val); err == nil {
		return true
	}
	has, err := q.k.ValidatorInfos.Has(ctx, val)
	return err == nil && has
}

func (q queryServer) AlliancesDelegationByValidator(ctx context.Context, req *types.QueryAlliancesDelegationByValidatorRequest) (*types.QueryAlliancesDelegationsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	del, err := q.k.accAddr(req.DelegatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	val, err := q.k.valAddr(req.ValidatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	if !q.knownValidator(ctx, val) {
		return nil, status.Errorf(codes.NotFound, "validator %s not found", req.ValidatorAddr)
	}
	prefix := append(nonTerminal(sdk.AccAddressKey, del), nonTerminal(sdk.ValAddressKey, val)...)
	dels, page, err := q.paginateDelegations(ctx, prefix, req.Pagination)
	if err != nil {
		return nil, err
	}
	return &types.QueryAlliancesDelegationsResponse{Delegations: dels, Pagination: page}, nil
}

func (q queryServer) AllianceDelegation(ctx context.Context, req *types.QueryAllianceDelegationRequest) (*types.QueryAllianceDelegationResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	denom, err := unescape(req.Denom)
	if err != nil {
		return nil, err
	}
	del, err := q.k.accAddr(req.DelegatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	val, err := q.k.valAddr(req.ValidatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	if _, err := q.k.GetAsset(ctx, denom); err != nil {
		return nil, status.Errorf(codes.NotFound, "alliance asset %s not found", denom)
	}
	if !q.knownValidator(ctx, val) {
		return nil, status.Errorf(codes.NotFound, "validator %s not found", req.ValidatorAddr)
	}
	d, err := q.k.Delegations.Get(ctx, collections.Join3(del, val, denom))
	if errors.Is(err, collections.ErrNotFound) {
		// upstream answers a zero delegation rather than an error
		return &types.QueryAllianceDelegationResponse{Delegation: types.DelegationResponse{
			Delegation: types.Delegation{
				DelegatorAddress: req.DelegatorAddr, ValidatorAddress: req.ValidatorAddr, Denom: denom,
				Shares: math.LegacyZeroDec(), RewardHistory: []types.RewardHistory{},
			},
			Balance: sdk.NewCoin(denom, math.ZeroInt()),
		}}, nil
	} else if err != nil {
		return nil, err
	}
	bal, err := q.k.DelegationBalance(ctx, d)
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceDelegationResponse{Delegation: types.DelegationResponse{Delegation: d, Balance: bal}}, nil
}

func (q queryServer) AllianceDelegationRewards(ctx context.Context, req *types.QueryAllianceDelegationRewardsRequest) (*types.QueryAllianceDelegationRewardsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	denom, err := unescape(req.Denom)
	if err != nil {
		return nil, err
	}
	del, err := q.k.accAddr(req.DelegatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	val, err := q.k.valAddr(req.ValidatorAddr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	coins, err := q.k.PendingDelegationRewards(ctx, del, val, denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceDelegationRewardsResponse{Rewards: coins}, nil
}

func (q queryServer) unbondings(ctx context.Context, delStr, denom, valStr string) ([]types.UnbondingDelegation, error) {
	del, err := q.k.accAddr(delStr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	// Entries store the canonical (lower-case) bech32 of their validator;
	// the filter is compared in that form, so an upper-case address, valid
	// bech32 that acts on the same delegation, finds the same entries.
	canonVal := ""
	if valStr != "" {
		val, err := q.k.valAddr(valStr)
		if err != nil {
			return nil, status.Error(codes.InvalidArgument, err.Error())
		}
		canonVal = q.k.valString(val)
	}
	out := []types.UnbondingDelegation{}
	err = q.k.walkUnbondingsOf(ctx, del, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		if (denom == "" || e.Balance.Denom == denom) && (canonVal == "" || e.ValidatorAddress == canonVal) {
			out = append(out, types.UnbondingDelegation{
				CompletionTime: e.CompletionTime, ValidatorAddress: e.ValidatorAddress, Amount: e.Balance.Amount, Denom: e.Balance.Denom,
				CreationHeight: e.CreationHeight,
			})
		}
		return false, nil
	})
	return out, err
}

func (q queryServer) AllianceUnbondingsByDelegator(ctx context.Context, req *types.QueryAllianceUnbondingsByDelegatorRequest) (*types.QueryAllianceUnbondingsByDelegatorResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	u, err := q.unbondings(ctx, req.DelegatorAddr, "", "")
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceUnbondingsByDelegatorResponse{Unbondings: u}, nil
}

func (q queryServer) AllianceUnbondingsByDenomAndDelegator(ctx context.Context, req *types.QueryAllianceUnbondingsByDenomAndDelegatorRequest) (*types.QueryAllianceUnbondingsByDenomAndDelegatorResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	denom, err := unescape(req.Denom)
	if err != nil {
		return nil, err
	}
	u, err := q.unbondings(ctx, req.DelegatorAddr, denom, "")
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceUnbondingsByDenomAndDelegatorResponse{Unbondings: u, Pagination: &query.PageResponse{Total: uint64(len(u))}}, nil
}

func (q queryServer) AllianceUnbondings(ctx context.Context, req *types.QueryAllianceUnbondingsRequest) (*types.QueryAllianceUnbondingsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	denom, err := unescape(req.Denom)
	if err != nil {
		return nil, err
	}
	if req.ValidatorAddr == "" {
		return nil, status.Error(codes.InvalidArgument, "empty validator address")
	}
	u, err := q.unbondings(ctx, req.DelegatorAddr, denom, req.ValidatorAddr)
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceUnbondingsResponse{Unbondings: u, Pagination: &query.PageResponse{Total: uint64(len(u))}}, nil
}

func (q queryServer) redelegations(ctx context.Context, delStr, denom string) ([]types.RedelegationEntry, error) {
	del, err := q.k.accAddr(delStr)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	out := []types.RedelegationEntry{}
	err = q.k.walkRedelegationsOf(ctx, del, func(_ uint64, r types.RedelegationRecord) (bool, error) {
		if denom == "" || r.Balance.Denom == denom {
			out = append(out, types.RedelegationEntry{
				DelegatorAddress: r.DelegatorAddress, SrcValidatorAddress: r.SrcValidatorAddress,
				DstValidatorAddress: r.DstValidatorAddress, Balance: r.Balance, CompletionTime: r.CompletionTime,
			})
		}
		return false, nil
	})
	return out, err
}

func (q queryServer) AllianceRedelegationsByDelegator(ctx context.Context, req *types.QueryAllianceRedelegationsByDelegatorRequest) (*types.QueryAllianceRedelegationsByDelegatorResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	r, err := q.redelegations(ctx, req.DelegatorAddr, "")
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceRedelegationsByDelegatorResponse{Redelegations: r, Pagination: &query.PageResponse{Total: uint64(len(r))}}, nil
}

func (q queryServer) AllianceRedelegations(ctx context.Context, req *types.QueryAllianceRedelegationsRequest) (*types.QueryAllianceRedelegationsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	denom, err := unescape(req.Denom)
	if err != nil {
		return nil, err
	}
	r, err := q.redelegations(ctx, req.DelegatorAddr, denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryAllianceRedelegationsResponse{Redelegations: r, Pagination: &query.PageResponse{Total: uint64(len(r))}}, nil
}
