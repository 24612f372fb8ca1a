// Package alliance is the contract side of the chain's alliance bindings, for Go contracts built
// with TinyGo (and tested natively): constructors of the custom messages as std.CosmosMsg, typed
// custom queries, and helpers that find and decode the alliance message responses in a reply.
//
// The wire types are the chain's own, from bindings/types (standard library only); this package
// adds their cwjson codecs (codec.go), so contracts never link encoding/json.
//
// The delegator of every message is the sending contract. Amounts are decimal strings on the
// wire and std.Uint128 here; times are Unix nanoseconds.
//
// For native tests, Mock (mock.go, not built for TinyGo) models the chain's alliance module
// behind std.Mock's querier and executes the messages a contract returns.
package alliance

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Capability is the chain capability a contract using these bindings requires (export
// requires_alliance to have the chain refuse the upload elsewhere).
const Capability = "alliance"

func coin(c std.Coin) bt.Coin { return bt.Coin{Denom: c.Denom, Amount: c.Amount.String()} }

func custom(m bt.AllianceMsg) std.CosmosMsg {
	w := cwjson.NewWriter(192)
	EncodeCustomMsg(w, bt.CustomMsg{Alliance: &m})
	return std.CosmosMsg{Custom: w.Bytes()}
}

// DelegateMsg stakes amount (an alliance asset held by the contract) with validator.
func DelegateMsg(validator string, amount std.Coin) std.CosmosMsg {
	return custom(bt.AllianceMsg{Delegate: &bt.Delegate{Validator: validator, Amount: coin(amount)}})
}

// UndelegateMsg starts unbonding amount from validator. Send it as a sub-message with a reply to
// learn the completion time (UndelegateResult).
func UndelegateMsg(validator string, amount std.Coin) std.CosmosMsg {
	return custom(bt.AllianceMsg{Undelegate: &bt.Undelegate{Validator: validator, Amount: coin(amount)}})
}

// RedelegateMsg moves amount from src to dst.
func RedelegateMsg(src, dst string, amount std.Coin) std.CosmosMsg {
	return custom(bt.AllianceMsg{Redelegate: &bt.Redelegate{SrcValidator: src, DstValidator: dst, Amount: coin(amount)}})
}

// CancelUnbondingMsg returns amount of the contract's unbonding entries on validator made at
// creationHeight (QueryUnbondings' creation_height) to its delegation there, at the current share
// price. Send it as a sub-message with a reply to learn the rewards the delegation was paid
// before it grew (CancelUnbondingResult).
func CancelUnbondingMsg(validator string, amount std.Coin, creationHeight uint64) std.CosmosMsg {
	return custom(bt.AllianceMsg{CancelUnbonding: &bt.CancelUnbonding{Validator: validator, Amount: coin(amount), CreationHeight: creationHeight}})
}

// ClaimRewardsMsg pays the contract the rewards of its denom stake with validator.
func ClaimRewardsMsg(validator, denom string) std.CosmosMsg {
	return custom(bt.AllianceMsg{ClaimRewards: &bt.ClaimRewards{Validator: validator, Denom: denom}})
}

// ---- queries ----

// rawQuery sends {"custom": q} and returns the answer's JSON.
func rawQuery(q std.Querier, query bt.AllianceQuery) ([]byte, error) {
	w := cwjson.NewWriter(160)
	w.ObjectStart()
	w.Key("custom")
	EncodeAllianceQuery(w, query)
	w.ObjectEnd()
	return q.Raw(w.Bytes())
}

func run[T any](q std.Querier, query bt.AllianceQuery, dec func(*cwjson.Reader, *T) error) (T, error) {
	var out T
	b, err := rawQuery(q, query)
	if err != nil {
		return out, err
	}
	r := cwjson.NewReader(b)
	if err := dec(r, &out); err != nil {
		return out, errors.New("cannot decode alliance query response: " + err.Error())
	}
	return out, r.End()
}

// QueryAlliance returns the alliance asset of denom.
func QueryAlliance(q std.Querier, denom string) (bt.AllianceResponse, error) {
	return run(q, bt.AllianceQuery{Alliance: &bt.AllianceRequest{Denom: denom}}, DecodeAllianceResponse)
}

// QueryAlliances returns one page of alliance assets.
func QueryAlliances(q std.Querier, page *bt.PageRequest) (bt.AlliancesResponse, error) {
	return run(q, bt.AllianceQuery{Alliances: &bt.AlliancesRequest{Pagination: page}}, DecodeAlliancesResponse)
}

// QueryParams returns the alliance module parameters.
func QueryParams(q std.Querier) (bt.AllianceParamsResponse, error) {
	return run(q, bt.AllianceQuery{AllianceParams: &bt.AllianceParamsRequest{}}, DecodeAllianceParamsResponse)
}

// QueryDelegation returns one delegation (a zero amount when there is none).
func QueryDelegation(q std.Querier, denom, delegator, validator string) (bt.DelegationResponse, error) {
	return run(q, bt.AllianceQuery{Delegation: &bt.DelegationRequest{Denom: denom, Delegator: delegator, Validator: validator}}, DecodeDelegationResponse)
}

// QueryDelegationAmount returns the token value of one delegation as a Uint128.
func QueryDelegationAmount(q std.Querier, denom, delegator, validator string) (std.Uint128, error) {
	d, err := QueryDelegation(q, denom, delegator, validator)
	if err != nil {
		return std.Uint128{}, err
	}
	return std.ParseUint128(d.Amount)
}

// QueryDelegations returns one page of a delegator's delegations (every denom).
func QueryDelegations(q std.Querier, delegator string, page *bt.PageRequest) (bt.DelegationsResponse, error) {
	return run(q, bt.AllianceQuery{Delegations: &bt.DelegationsRequest{Delegator: delegator, Pagination: page}}, DecodeDelegationsResponse)
}

// Stake is a delegation of one denom to one validator, in tokens.
type Stake struct {
	Validator string
	Amount    std.Uint128
}

// QueryStakes returns every delegation of denom by delegator, following pagination up to
// maxPages pages (each at most bt.MaxPageLimit entries), and their total.
func QueryStakes(q std.Querier, delegator, denom string, maxPages int) ([]Stake, std.Uint128, error) {
	var out []Stake
	total := std.Uint128{}
	var page *bt.PageRequest
	for i := 0; i < maxPages; i++ {
		res, err := QueryDelegations(q, delegator, page)
		if err != nil {
			return nil, total, err
		}
		for _, d := range res.Delegations {
			if d.Denom != denom {
				continue
			}
			amt, err := std.ParseUint128(d.Amount)
			if err != nil {
				return nil, total, err
			}
			if total, err = total.CheckedAdd(amt); err != nil {
				return nil, total, err
			}
			out = append(out, Stake{Validator: d.Validator, Amount: amt})
		}
		if len(res.NextKey) == 0 {
			return out, total, nil
		}
		page = &bt.PageRequest{Key: res.NextKey, Limit: bt.MaxPageLimit}
	}
	return nil, total, errors.New("too many alliance delegations to list")
}

// QueryDelegationRewards returns what a claim of the delegation would pay now.
func QueryDelegationRewards(q std.Querier, denom, delegator, validator string) (bt.DelegationRewardsResponse, error) {
	return run(q, bt.AllianceQuery{DelegationRewards: &bt.DelegationRewardsRequest{Denom: denom, Delegator: delegator, Validator: validator}}, DecodeDelegationRewardsResponse)
}

// QueryUnbondings returns one page of a delegator's unbondings (denom and validator optional).
func QueryUnbondings(q std.Querier, req bt.UnbondingsRequest) (bt.UnbondingsResponse, error) {
	return run(q, bt.AllianceQuery{Unbondings: &req}, DecodeUnbondingsResponse)
}

// QueryRedelegations returns one page of a delegator's redelegations in progress.
func QueryRedelegations(q std.Querier, req bt.RedelegationsRequest) (bt.RedelegationsResponse, error) {
	return run(q, bt.AllianceQuery{Redelegations: &req}, DecodeRedelegationsResponse)
}

// QueryValidator returns a validator's alliance totals.
func QueryValidator(q std.Querier, validator string) (bt.AllianceValidatorResponse, error) {
	return run(q, bt.AllianceQuery{AllianceValidator: &bt.AllianceValidatorRequest{Validator: validator}}, DecodeAllianceValidatorResponse)
}

// CoinAmount returns the amount of denom in wire coins (0 when absent), or an error for an amount
// that is not a Uint128.
func CoinAmount(coins []bt.Coin, denom string) (std.Uint128, error) {
	total := std.Uint128{}
	for _, c := range coins {
		if c.Denom != denom {
			continue
		}
		a, err := std.ParseUint128(c.Amount)
		if err != nil {
			return total, err
		}
		if total, err = total.CheckedAdd(a); err != nil {
			return total, err
		}
	}
	return total, nil
}

// ---- replies ----

// ErrNoMsgResponse is returned when a reply carries no message response of the expected type.
var ErrNoMsgResponse = errors.New("reply has no alliance message response of the expected type")

// FindMsgResponse returns the value of the first message response with typeURL in a successful
// reply, or an error for a failed reply or when there is none.
func FindMsgResponse(reply std.Reply, typeURL string) ([]byte, error) {
	if reply.Result.Ok == nil {
		return nil, errors.New("sub-message failed: " + reply.Result.Err)
	}
	for _, mr := range reply.Result.Ok.MsgResponses {
		if mr.TypeURL == typeURL {
			return mr.Value, nil
		}
	}
	return nil, ErrNoMsgResponse
}

// UndelegateResult decodes the MsgUndelegateResponse of a reply to an UndelegateMsg: the
// completion time and the rewards the delegation was paid before it shrank.
func UndelegateResult(reply std.Reply) (bt.UndelegateResult, error) {
	v, err := FindMsgResponse(reply, bt.TypeURLUndelegateResponse)
	if err != nil {
		return bt.UndelegateResult{}, err
	}
	return bt.DecodeUndelegateResult(v)
}

// RedelegateResult decodes the MsgRedelegateResponse of a reply to a RedelegateMsg: the
// completion time and the rewards paid before the move (source and existing destination).
func RedelegateResult(reply std.Reply) (bt.RedelegateResult, error) {
	v, err := FindMsgResponse(reply, bt.TypeURLRedelegateResponse)
	if err != nil {
		return bt.RedelegateResult{}, err
	}
	return bt.DecodeRedelegateResult(v)
}

// DelegateResult decodes the MsgDelegateResponse of a reply to a DelegateMsg: the rewards the
// delegation was paid before it grew.
func DelegateResult(reply std.Reply) (bt.DelegateResult, error) {
	v, err := FindMsgResponse(reply, bt.TypeURLDelegateResponse)
	if err != nil {
		return bt.DelegateResult{}, err
	}
	return bt.DecodeDelegateResult(v)
}

// CancelUnbondingResult decodes the MsgCancelUnbondingResponse of a reply to a
// CancelUnbondingMsg.
func CancelUnbondingResult(reply std.Reply) (bt.CancelUnbondingResult, error) {
	v, err := FindMsgResponse(reply, bt.TypeURLCancelUnbondingResponse)
	if err != nil {
		return bt.CancelUnbondingResult{}, err
	}
	return bt.DecodeCancelUnbondingResult(v)
}

// ClaimRewardsResult decodes the MsgClaimDelegationRewardsResponse of a reply to a
// ClaimRewardsMsg.
func ClaimRewardsResult(reply std.Reply) (bt.ClaimRewardsResult, error) {
	v, err := FindMsgResponse(reply, bt.TypeURLClaimRewardsResponse)
	if err != nil {
		return bt.ClaimRewardsResult{}, err
	}
	return bt.DecodeClaimRewardsResult(v)
}
