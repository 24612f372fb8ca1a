// Command allianceprobe is a test contract for the chain's alliance bindings:
// it sends every alliance custom message as a sub-message and records what
// the reply carried, and it forwards every alliance custom query to the chain
// and returns the decoded answer re-encoded, so a test on the real chain can
// compare each answer with the keeper's state. It uses only contracts/std and
// contracts/alliance, as any Go contract would. Built to
// contracts/artifacts/allianceprobe.wasm.
package main

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

func init() {
	std.Register(
		std.OnInstantiate(instantiate),
		std.OnExecute(execute),
		std.OnQuery(query),
		std.OnReply(reply),
	)
}

func main() {}

// Reply ids: one per message kind, so reply knows how to decode the result.
const (
	replyDelegate uint64 = iota + 1
	replyUndelegate
	replyRedelegate
	replyClaim
	replyCancel
)

// lastResultKey holds the JSON of the last reply's decoded result.
var lastResultKey = []byte("last_result")

// Empty is the instantiate message: {}.
type Empty struct{}

func (e *Empty) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	if err := r.EmptyObject(); err != nil {
		return err
	}
	return r.End()
}

// ExecuteMsg is exactly the chain's custom message body: {"alliance":{…}}.
type ExecuteMsg struct{ bt.CustomMsg }

func (m *ExecuteMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	if err := alliance.DecodeCustomMsg(r, &m.CustomMsg); err != nil {
		return err
	}
	return r.End()
}

// QueryMsg is {"probe": <alliance query>} or {"last_result": {}}.
type QueryMsg struct {
	Probe      *bt.AllianceQuery
	LastResult bool
}

func (m *QueryMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "probe":
			m.Probe = &bt.AllianceQuery{}
			return alliance.DecodeAllianceQuery(r, m.Probe)
		case "last_result":
			m.LastResult = true
			return r.EmptyObject()
		}
		return cwjson.UnknownVariant(name)
	})
	if err != nil {
		return err
	}
	return r.End()
}

// rawJSON is an answer that is already JSON.
type rawJSON []byte

func (j rawJSON) MarshalJSON() ([]byte, error) { return j, nil }

func instantiate(_ *std.Deps, _ std.Env, _ std.MessageInfo, _ Empty) (std.Response, error) {
	return std.Response{}, nil
}

func execute(_ *std.Deps, _ std.Env, _ std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	m := msg.Alliance
	if m == nil {
		return std.Response{}, errors.New(`expected {"alliance": …}`)
	}
	var sub std.SubMsg
	switch {
	case m.Delegate != nil:
		amount, err := coin(m.Delegate.Amount)
		if err != nil {
			return std.Response{}, err
		}
		sub = std.NewSubMsg(replyDelegate, alliance.DelegateMsg(m.Delegate.Validator, amount), std.ReplySuccess)
	case m.Undelegate != nil:
		amount, err := coin(m.Undelegate.Amount)
		if err != nil {
			return std.Response{}, err
		}
		sub = std.NewSubMsg(replyUndelegate, alliance.UndelegateMsg(m.Undelegate.Validator, amount), std.ReplySuccess)
	case m.Redelegate != nil:
		amount, err := coin(m.Redelegate.Amount)
		if err != nil {
			return std.Response{}, err
		}
		sub = std.NewSubMsg(replyRedelegate, alliance.RedelegateMsg(m.Redelegate.SrcValidator, m.Redelegate.DstValidator, amount), std.ReplySuccess)
	case m.ClaimRewards != nil:
		sub = std.NewSubMsg(replyClaim, alliance.ClaimRewardsMsg(m.ClaimRewards.Validator, m.ClaimRewards.Denom), std.ReplySuccess)
	case m.CancelUnbonding != nil:
		c := m.CancelUnbonding
		amount, err := coin(c.Amount)
		if err != nil {
			return std.Response{}, err
		}
		sub = std.NewSubMsg(replyCancel, alliance.CancelUnbondingMsg(c.Validator, amount, c.CreationHeight), std.ReplySuccess)
	default:
		return std.Response{}, errors.New("no alliance message variant set")
	}
	return std.Response{}.WithAttribute("action", "probe_execute").WithSubMessage(sub), nil
}

func coin(c bt.Coin) (std.Coin, error) {
	amount, err := std.ParseUint128(c.Amount)
	if err != nil {
		return std.Coin{}, errors.New("amount: " + err.Error())
	}
	return std.Coin{Denom: c.Denom, Amount: amount}, nil
}

// reply decodes the alliance message response and stores it as JSON:
// {"kind":…,"completion_time":…,"claimed":{"rewards":[…]}} (rewards paid
// before the change: undelegate, redelegate, cancel; a claim's payout).
func reply(deps *std.Deps, _ std.Env, r std.Reply) (std.Response, error) {
	w := cwjson.NewWriter(128)
	w.ObjectStart()
	w.Key("kind")
	switch r.ID {
	case replyDelegate:
		if _, err := alliance.FindMsgResponse(r, bt.TypeURLDelegateResponse); err != nil {
			return std.Response{}, err
		}
		w.String("delegate")
	case replyUndelegate:
		res, err := alliance.UndelegateResult(r)
		if err != nil {
			return std.Response{}, err
		}
		w.String("undelegate")
		w.Key("completion_time")
		w.Uint64(res.CompletionTime)
		writeClaimed(w, res.ClaimedRewards)
	case replyRedelegate:
		res, err := alliance.RedelegateResult(r)
		if err != nil {
			return std.Response{}, err
		}
		w.String("redelegate")
		w.Key("completion_time")
		w.Uint64(res.CompletionTime)
		writeClaimed(w, res.ClaimedRewards)
	case replyClaim:
		res, err := alliance.ClaimRewardsResult(r)
		if err != nil {
			return std.Response{}, err
		}
		w.String("claim")
		writeClaimed(w, res.Rewards)
	case replyCancel:
		res, err := alliance.CancelUnbondingResult(r)
		if err != nil {
			return std.Response{}, err
		}
		w.String("cancel_unbonding")
		writeClaimed(w, res.ClaimedRewards)
	default:
		return std.Response{}, errors.New("unknown reply id")
	}
	w.ObjectEnd()
	deps.Storage.Set(lastResultKey, w.Bytes())
	return std.Response{}, nil
}

// writeClaimed adds "claimed":{"rewards":[…]} to the reply's record.
func writeClaimed(w *cwjson.Writer, coins []bt.Coin) {
	w.Key("claimed")
	alliance.EncodeDelegationRewardsResponse(w, bt.DelegationRewardsResponse{Rewards: coins})
}

func query(deps *std.Deps, _ std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	if msg.LastResult {
		b, ok := deps.Storage.Get(lastResultKey)
		if !ok {
			return rawJSON("null"), nil
		}
		return rawJSON(b), nil
	}
	if msg.Probe == nil {
		return nil, errors.New("no query variant set")
	}
	return probe(deps.Querier, *msg.Probe)
}

// probe asks the chain through the typed helper of the query's variant and
// re-encodes the decoded answer.
func probe(q std.Querier, p bt.AllianceQuery) (rawJSON, error) {
	w := cwjson.NewWriter(256)
	var err error
	switch {
	case p.Alliance != nil:
		var a bt.AllianceResponse
		if a, err = alliance.QueryAlliance(q, p.Alliance.Denom); err == nil {
			alliance.EncodeAllianceResponse(w, a)
		}
	case p.Alliances != nil:
		var a bt.AlliancesResponse
		if a, err = alliance.QueryAlliances(q, p.Alliances.Pagination); err == nil {
			alliance.EncodeAlliancesResponse(w, a)
		}
	case p.AllianceParams != nil:
		var a bt.AllianceParamsResponse
		if a, err = alliance.QueryParams(q); err == nil {
			alliance.EncodeAllianceParamsResponse(w, a)
		}
	case p.Delegation != nil:
		d := p.Delegation
		var a bt.DelegationResponse
		if a, err = alliance.QueryDelegation(q, d.Denom, d.Delegator, d.Validator); err == nil {
			alliance.EncodeDelegationResponse(w, a)
		}
	case p.Delegations != nil:
		var a bt.DelegationsResponse
		if a, err = alliance.QueryDelegations(q, p.Delegations.Delegator, p.Delegations.Pagination); err == nil {
			alliance.EncodeDelegationsResponse(w, a)
		}
	case p.DelegationRewards != nil:
		d := p.DelegationRewards
		var a bt.DelegationRewardsResponse
		if a, err = alliance.QueryDelegationRewards(q, d.Denom, d.Delegator, d.Validator); err == nil {
			alliance.EncodeDelegationRewardsResponse(w, a)
		}
	case p.Unbondings != nil:
		var a bt.UnbondingsResponse
		if a, err = alliance.QueryUnbondings(q, *p.Unbondings); err == nil {
			alliance.EncodeUnbondingsResponse(w, a)
		}
	case p.Redelegations != nil:
		var a bt.RedelegationsResponse
		if a, err = alliance.QueryRedelegations(q, *p.Redelegations); err == nil {
			alliance.EncodeRedelegationsResponse(w, a)
		}
	case p.AllianceValidator != nil:
		var a bt.AllianceValidatorResponse
		if a, err = alliance.QueryValidator(q, p.AllianceValidator.Validator); err == nil {
			alliance.EncodeAllianceValidatorResponse(w, a)
		}
	default:
		return nil, errors.New("no alliance query variant set")
	}
	if err != nil {
		return nil, err
	}
	return rawJSON(w.Bytes()), nil
}
