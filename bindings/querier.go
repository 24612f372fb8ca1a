package bindings

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	gomath "math"
	"reflect"
	"time"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"
	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// ErrUnknownQuery is returned for a custom query that is not an alliance
// query at all, so that ChainQueriers can offer it to the next querier.
var ErrUnknownQuery = errors.New("unknown query")

// GasPerListItem is charged for every entry a list query returns, on top of
// the store reads, so the cost of a query follows the size of its answer.
const GasPerListItem = 100

// StakingParamsKeeper reads the x/staking parameters and validators
// (satisfied by *x/staking/keeper.Keeper).
type StakingParamsKeeper interface {
	GetParams(ctx context.Context) (stakingtypes.Params, error)
	GetValidator(ctx context.Context, addr sdk.ValAddress) (stakingtypes.Validator, error)
}

// Querier answers the alliance custom queries of contracts from the keeper's
// query service (and staking_params from x/staking).
type Querier struct {
	queries alliancetypes.QueryServer
	staking StakingParamsKeeper
}

// NewQuerier returns the custom querier over an x/alliance query server and
// the x/staking parameters.
func NewQuerier(queries alliancetypes.QueryServer, staking StakingParamsKeeper) *Querier {
	return &Querier{queries: queries, staking: staking}
}

// GasPerQueryByte is charged for every byte of a custom request before it
// is read, on top of wasmd's own charges: the querier's work on a request it
// refuses is proportional to its size, and must be paid for like store reads
// are (storetypes.KVGasConfig charges 3 gas per byte read).
const GasPerQueryByte = 3

// queryVariants are the JSON names of the alliance query variants.
var queryVariants = fieldsOf(reflect.TypeOf(bt.AllianceQuery{}))

// Query is a wasmkeeper.CustomQuerier. It runs on a branch of the state that
// is always discarded, so no query can write, whatever the keeper does.
//
// A request costs GasPerQueryByte per byte before anything else; above
// MaxQueryBytes it is not read at all. Its top-level keys are then scanned
// once without decoding the values: a request with no alliance variant is
// left to the chain's next custom querier (ErrUnknownQuery) without a
// per-key error; an alliance request is decoded strictly, once.
func (q *Querier) Query(ctx sdk.Context, raw json.RawMessage) ([]byte, error) {
	ctx.GasMeter().ConsumeGas(storetypes.Gas(len(raw))*GasPerQueryByte, "alliance binding query request bytes")
	if len(raw) > MaxQueryBytes {
		return nil, fmt.Errorf("%w: a custom query of %d bytes is above the %d bytes of any alliance query", ErrUnknownQuery, len(raw), MaxQueryBytes)
	}
	known, first, unknown, err := topLevelKeys(raw, queryVariants)
	switch {
	case err != nil:
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "alliance query is not a JSON object: %s", err)
	case known == 0:
		return nil, fmt.Errorf("%w: no alliance variant", ErrUnknownQuery)
	case unknown != "":
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "alliance query %s: unknown field %q", first, unknown)
	}
	var req bt.AllianceQuery
	if err := decodeStrict(raw, &req); err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "alliance query: %s", err)
	}
	variant, err := req.Variant()
	if err != nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalid, err.Error())
	}
	if err := validDenoms(&req); err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "alliance %s: %s", variant, err)
	}
	cache, _ := ctx.CacheContext() // never written back
	res, err := q.answer(cache, variant, &req)
	if err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrQueryFailed, "alliance %s: %s", variant, err)
	}
	return json.Marshal(res)
}

// validDenoms refuses a denom that is not a valid coin denom before the
// keeper sees it: the gRPC query server URL-unescapes denoms (for REST
// paths), which must not make "u%61sset" name "uasset" for a contract.
func validDenoms(req *bt.AllianceQuery) error {
	var denom string
	optional := false
	switch {
	case req.Alliance != nil:
		denom = req.Alliance.Denom
	case req.Delegation != nil:
		denom = req.Delegation.Denom
	case req.DelegationRewards != nil:
		denom = req.DelegationRewards.Denom
	case req.Unbondings != nil:
		denom, optional = req.Unbondings.Denom, true
	case req.Redelegations != nil:
		denom, optional = req.Redelegations.Denom, true
	case req.Stakes != nil:
		denom = req.Stakes.Denom
	default:
		return nil
	}
	if optional && denom == "" {
		return nil
	}
	return sdk.ValidateDenom(denom)
}

func (q *Querier) answer(ctx sdk.Context, variant string, req *bt.AllianceQuery) (any, error) {
	switch variant {
	case "alliance":
		res, err := q.queries.Alliance(ctx, &alliancetypes.QueryAllianceRequest{Denom: req.Alliance.Denom})
		if err != nil {
			return nil, err
		}
		if res.Alliance == nil {
			return nil, fmt.Errorf("no alliance for denom %q", req.Alliance.Denom)
		}
		return toAllianceResponse(*res.Alliance), nil
	case "alliances":
		page, err := pageRequest(req.Alliances.Pagination)
		if err != nil {
			return nil, err
		}
		res, err := q.queries.Alliances(ctx, &alliancetypes.QueryAlliancesRequest{Pagination: page})
		if err != nil {
			return nil, err
		}
		out := bt.AlliancesResponse{Alliances: make([]bt.AllianceResponse, 0, len(res.Alliances)), NextKey: nextKey(res.Pagination)}
		for _, a := range res.Alliances {
			out.Alliances = append(out.Alliances, toAllianceResponse(a))
		}
		chargeItems(ctx, len(out.Alliances))
		return out, nil
	case "alliance_params":
		res, err := q.queries.Params(ctx, &alliancetypes.QueryParamsRequest{})
		if err != nil {
			return nil, err
		}
		p := res.Params
		return bt.AllianceParamsResponse{
			RewardDelayTime:       durationNanos(p.RewardDelayTime),
			TakeRateClaimInterval: durationNanos(p.TakeRateClaimInterval),
			LastTakeRateClaimTime: unixNanos(p.LastTakeRateClaimTime),
		}, nil
	case "delegation":
		d := req.Delegation
		res, err := q.queries.AllianceDelegation(ctx, &alliancetypes.QueryAllianceDelegationRequest{
			DelegatorAddr: d.Delegator, ValidatorAddr: d.Validator, Denom: d.Denom,
		})
		if err != nil {
			return nil, err
		}
		return bt.DelegationResponse{Delegator: d.Delegator, Validator: d.Validator, Denom: d.Denom, Amount: res.Delegation.Balance.Amount.String()}, nil
	case "delegations":
		page, err := pageRequest(req.Delegations.Pagination)
		if err != nil {
			return nil, err
		}
		res, err := q.queries.AlliancesDelegation(ctx, &alliancetypes.QueryAlliancesDelegationsRequest{
			DelegatorAddr: req.Delegations.Delegator, Pagination: page,
		})
		if err != nil {
			return nil, err
		}
		out := bt.DelegationsResponse{Delegations: make([]bt.DelegationResponse, 0, len(res.Delegations)), NextKey: nextKey(res.Pagination)}
		for _, d := range res.Delegations {
			out.Delegations = append(out.Delegations, bt.DelegationResponse{
				Delegator: d.Delegation.DelegatorAddress, Validator: d.Delegation.ValidatorAddress,
				Denom: d.Delegation.Denom, Amount: d.Balance.Amount.String(),
			})
		}
		chargeItems(ctx, len(out.Delegations))
		return out, nil
	case "delegation_rewards":
		d := req.DelegationRewards
		res, err := q.queries.AllianceDelegationRewards(ctx, &alliancetypes.QueryAllianceDelegationRewardsRequest{
			DelegatorAddr: d.Delegator, ValidatorAddr: d.Validator, Denom: d.Denom,
		})
		if err != nil {
			return nil, err
		}
		out := bt.DelegationRewardsResponse{Rewards: make([]bt.Coin, 0, len(res.Rewards))}
		for _, c := range res.Rewards {
			out.Rewards = append(out.Rewards, bt.Coin{Denom: c.Denom, Amount: c.Amount.String()})
		}
		return out, nil
	case "unbondings":
		return q.unbondings(ctx, req.Unbondings)
	case "redelegations":
		return q.redelegations(ctx, req.Redelegations)
	case "alliance_validator":
		res, err := q.queries.AllianceValidator(ctx, &alliancetypes.QueryAllianceValidatorRequest{ValidatorAddr: req.AllianceValidator.Validator})
		if err != nil {
			return nil, err
		}
		return bt.AllianceValidatorResponse{
			Validator:             res.ValidatorAddr,
			TotalDelegationShares: toDecCoins(res.TotalDelegationShares),
			ValidatorShares:       toDecCoins(res.ValidatorShares),
			TotalStaked:           toDecCoins(res.TotalStaked),
		}, nil
	case "staking_params":
		return q.stakingParams(ctx)
	case "stakes":
		return q.stakes(ctx, req.Stakes)
	}
	return nil, fmt.Errorf("variant %q is not implemented", variant)
}

// stakingParams answers staking_params. The unbonding time is rounded up to
// whole seconds, so that a contract checking epoch * max_entries >
// unbonding_time with it is never less strict than the chain.
func (q *Querier) stakingParams(ctx sdk.Context) (bt.StakingParamsResponse, error) {
	p, err := q.staking.GetParams(ctx)
	if err != nil {
		return bt.StakingParamsResponse{}, err
	}
	return bt.StakingParamsResponse{
		UnbondingTime: ceilSeconds(p.UnbondingTime),
		MaxEntries:    p.MaxEntries,
		BondDenom:     p.BondDenom,
	}, nil
}

// ceilSeconds is d in whole seconds rounded up; negative durations are 0.
func ceilSeconds(d time.Duration) uint64 {
	if d <= 0 {
		return 0
	}
	s := uint64(d / time.Second)
	if d%time.Second != 0 {
		s++
	}
	return s
}

func (q *Querier) unbondings(ctx sdk.Context, r *bt.UnbondingsRequest) (any, error) {
	var entries []alliancetypes.UnbondingDelegation
	switch {
	case r.Validator != "" && r.Denom == "":
		return nil, errors.New("a validator filter needs a denom too")
	case r.Validator != "":
		res, err := q.queries.AllianceUnbondings(ctx, &alliancetypes.QueryAllianceUnbondingsRequest{DelegatorAddr: r.Delegator, Denom: r.Denom, ValidatorAddr: r.Validator})
		if err != nil {
			return nil, err
		}
		entries = res.Unbondings
	case r.Denom != "":
		res, err := q.queries.AllianceUnbondingsByDenomAndDelegator(ctx, &alliancetypes.QueryAllianceUnbondingsByDenomAndDelegatorRequest{DelegatorAddr: r.Delegator, Denom: r.Denom})
		if err != nil {
			return nil, err
		}
		entries = res.Unbondings
	default:
		res, err := q.queries.AllianceUnbondingsByDelegator(ctx, &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: r.Delegator})
		if err != nil {
			return nil, err
		}
		entries = res.Unbondings
	}
	from, to, next, err := offsetPage(r.Pagination, len(entries))
	if err != nil {
		return nil, err
	}
	out := bt.UnbondingsResponse{Unbondings: make([]bt.Unbonding, 0, to-from), NextKey: next}
	for _, u := range entries[from:to] {
		out.Unbondings = append(out.Unbondings, bt.Unbonding{
			Validator: u.ValidatorAddress, Denom: u.Denom, Amount: u.Amount.String(), CompletionTime: unixNanos(u.CompletionTime),
			CreationHeight: uint64(max(u.CreationHeight, 0)), // never negative: a block height
		})
	}
	chargeItems(ctx, len(entries))
	return out, nil
}

func (q *Querier) redelegations(ctx sdk.Context, r *bt.RedelegationsRequest) (any, error) {
	var entries []alliancetypes.RedelegationEntry
	if r.Denom != "" {
		res, err := q.queries.AllianceRedelegations(ctx, &alliancetypes.QueryAllianceRedelegationsRequest{DelegatorAddr: r.Delegator, Denom: r.Denom})
		if err != nil {
			return nil, err
		}
		entries = res.Redelegations
	} else {
		res, err := q.queries.AllianceRedelegationsByDelegator(ctx, &alliancetypes.QueryAllianceRedelegationsByDelegatorRequest{DelegatorAddr: r.Delegator})
		if err != nil {
			return nil, err
		}
		entries = res.Redelegations
	}
	from, to, next, err := offsetPage(r.Pagination, len(entries))
	if err != nil {
		return nil, err
	}
	out := bt.RedelegationsResponse{Redelegations: make([]bt.Redelegation, 0, to-from), NextKey: next}
	for _, e := range entries[from:to] {
		out.Redelegations = append(out.Redelegations, bt.Redelegation{
			SrcValidator: e.SrcValidatorAddress, DstValidator: e.DstValidatorAddress,
			Denom: e.Balance.Denom, Amount: e.Balance.Amount.String(), CompletionTime: unixNanos(e.CompletionTime),
		})
	}
	chargeItems(ctx, len(entries))
	return out, nil
}

// ChainQueriers returns one custom querier that offers each request to the
// given queriers in turn, moving on only when a querier answers
// ErrUnknownQuery, so a chain can serve alliance and its own custom queries.
func ChainQueriers(queriers ...wasmkeeper.CustomQuerier) wasmkeeper.CustomQuerier {
	return func(ctx sdk.Context, request json.RawMessage) ([]byte, error) {
		for _, q := range queriers {
			res, err := q(ctx, request)
			if errors.Is(err, ErrUnknownQuery) {
				continue
			}
			return res, err
		}
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "%s: no custom querier of this chain accepts %s", ErrUnknownQuery, truncate(request, 120))
	}
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "…"
}

func chargeItems(ctx sdk.Context, n int) {
	ctx.GasMeter().ConsumeGas(storetypes.Gas(n)*GasPerListItem, "alliance binding query items")
}

// pageRequest caps the page size: 0 means the default, more than the
// maximum is refused so a contract learns its request was not honoured.
func pageRequest(p *bt.PageRequest) (*query.PageRequest, error) {
	limit := uint64(bt.DefaultPageLimit)
	var key []byte
	if p != nil {
		if p.Limit > bt.MaxPageLimit {
			return nil, fmt.Errorf("page limit %d is above the maximum %d", p.Limit, bt.MaxPageLimit)
		}
		if p.Limit > 0 {
			limit = uint64(p.Limit)
		}
		key = p.Key
	}
	return &query.PageRequest{Key: key, Limit: limit}, nil
}

func nextKey(p *query.PageResponse) []byte {
	if p == nil || len(p.NextKey) == 0 {
		return nil
	}
	return p.NextKey
}

// offsetPage pages a list the keeper returns whole: the key is the offset of
// the next entry as 8 big-endian bytes.
func offsetPage(p *bt.PageRequest, total int) (from, to int, next []byte, err error) {
	page, err := pageRequest(p)
	if err != nil {
		return 0, 0, nil, err
	}
	if len(page.Key) > 0 {
		if len(page.Key) != 8 {
			return 0, 0, nil, fmt.Errorf("pagination key must be the next_key of a previous page")
		}
		off := binary.BigEndian.Uint64(page.Key)
		if off > uint64(total) {
			return 0, 0, nil, fmt.Errorf("pagination key is past the end of the list")
		}
		from = int(off)
	}
	to = from + int(page.Limit)
	if to >= total {
		return from, total, nil, nil
	}
	next = binary.BigEndian.AppendUint64(nil, uint64(to))
	return from, to, next, nil
}

func toAllianceResponse(a alliancetypes.AllianceAsset) bt.AllianceResponse {
	var delistCompletion *uint64
	if a.DelistCompletionTime != nil {
		t := unixNanos(*a.DelistCompletionTime)
		delistCompletion = &t
	}
	return bt.AllianceResponse{
		Denom:                a.Denom,
		RewardWeight:         a.RewardWeight.String(),
		TakeRate:             a.TakeRate.String(),
		TotalTokens:          a.TotalTokens.String(),
		TotalValidatorShares: a.TotalValidatorShares.String(),
		RewardStartTime:      unixNanos(a.RewardStartTime),
		RewardChangeRate:     a.RewardChangeRate.String(),
		RewardChangeInterval: durationNanos(a.RewardChangeInterval),
		LastRewardChangeTime: unixNanos(a.LastRewardChangeTime),
		RewardWeightRange:    bt.RewardWeightRange{Min: a.RewardWeightRange.Min.String(), Max: a.RewardWeightRange.Max.String()},
		IsInitialized:        a.IsInitialized,
		DelistCompletionTime: delistCompletion,
	}
}

func toDecCoins(coins sdk.DecCoins) []bt.DecCoin {
	out := make([]bt.DecCoin, 0, len(coins))
	for _, c := range coins {
		out = append(out, bt.DecCoin{Denom: c.Denom, Amount: c.Amount.String()})
	}
	return out
}

// unixNanos is t as Unix nanoseconds; times before 1970 (the zero time means
// "never") are 0, and times past what int64 nanoseconds hold (year 2262)
// saturate instead of wrapping.
func unixNanos(t time.Time) uint64 {
	if t.Before(time.Unix(0, 0)) {
		return 0
	}
	if t.After(time.Unix(0, gomath.MaxInt64)) {
		return gomath.MaxInt64
	}
	return uint64(t.UnixNano())
}

func durationNanos(d time.Duration) uint64 {
	if d < 0 {
		return 0
	}
	return uint64(d)
}
