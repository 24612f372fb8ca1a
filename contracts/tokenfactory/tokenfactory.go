// Package tokenfactory is the contract side of the chain's token factory bindings, for Go contracts
// built with TinyGo (and tested natively): constructors of the custom messages as std.CosmosMsg,
// typed custom queries, and the decoder of create_denom's reply.
//
// A contract creates factory/{contract}/{subdenom} denoms and administers them: it mints to any
// address, burns from its own balance (never from others'), sets their bank metadata and may hand
// them to another admin. Creating a denom costs the chain's denom creation fee (QueryParams), paid
// from the contract's balance.
//
// The wire types are the chain's own, from bindings/types/tokenfactory.go; this package adds their
// cwjson codecs (codec.go), so contracts never link encoding/json. For native tests, Mock
// (mock.go, not built for TinyGo) models the module on std.Mock's bank.
package tokenfactory

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Capability is the chain capability a contract using these bindings requires (export
// requires_token_factory to have the chain refuse the upload elsewhere).
const Capability = "token_factory"

// FullDenom is the denom creator gets for subdenom: factory/{creator}/{subdenom}. The chain checks
// it when the denom is created (subdenom at most 44 bytes, denom characters only).
func FullDenom(creator, subdenom string) string { return "factory/" + creator + "/" + subdenom }

func custom(m bt.TokenFactoryMsg) std.CosmosMsg {
	w := cwjson.NewWriter(192)
	EncodeTokenFactoryCustomMsg(w, bt.TokenFactoryCustomMsg{TokenFactory: &m})
	return std.CosmosMsg{Custom: w.Bytes()}
}

// CreateDenomMsg creates FullDenom(contract, subdenom) with the contract as admin; with metadata,
// its bank metadata is set in the same message. Send it as a sub-message with a reply to learn the
// denom from the chain (CreateDenomResult).
func CreateDenomMsg(subdenom string, metadata *bt.DenomMetadata) std.CosmosMsg {
	return custom(bt.TokenFactoryMsg{CreateDenom: &bt.CreateDenom{Subdenom: subdenom, Metadata: metadata}})
}

// MintMsg mints amount of denom (administered by the contract) to the address to.
func MintMsg(denom string, amount std.Uint128, to string) std.CosmosMsg {
	return custom(bt.TokenFactoryMsg{Mint: &bt.MintTokens{Denom: denom, Amount: amount.String(), MintToAddress: to}})
}

// BurnMsg burns amount of denom (administered by the contract) from the contract's own balance.
func BurnMsg(denom string, amount std.Uint128) std.CosmosMsg {
	return custom(bt.TokenFactoryMsg{Burn: &bt.BurnTokens{Denom: denom, Amount: amount.String()}})
}

// SetMetadataMsg sets the bank metadata of denom (administered by the contract).
func SetMetadataMsg(denom string, metadata bt.DenomMetadata) std.CosmosMsg {
	return custom(bt.TokenFactoryMsg{SetMetadata: &bt.SetMetadata{Denom: denom, Metadata: metadata}})
}

// ChangeAdminMsg hands denom (administered by the contract) to newAdmin.
func ChangeAdminMsg(denom, newAdmin string) std.CosmosMsg {
	return custom(bt.TokenFactoryMsg{ChangeAdmin: &bt.ChangeAdmin{Denom: denom, NewAdminAddress: newAdmin}})
}

// ---- queries ----

// run sends {"custom":{"token_factory": req}} and decodes the answer.
func run[T any](q std.Querier, req bt.TokenFactoryRequest, dec func(*cwjson.Reader, *T) error) (T, error) {
	var out T
	w := cwjson.NewWriter(160)
	w.ObjectStart()
	w.Key("custom")
	w.ObjectStart()
	w.Key("token_factory")
	EncodeTokenFactoryRequest(w, req)
	w.ObjectEnd()
	w.ObjectEnd()
	b, err := q.Raw(w.Bytes())
	if err != nil {
		return out, err
	}
	r := cwjson.NewReader(b)
	if err := dec(r, &out); err != nil {
		return out, errors.New("cannot decode token_factory query response: " + err.Error())
	}
	return out, r.End()
}

// QueryFullDenom asks the chain for FullDenom(creator, subdenom), checked as creation checks it.
func QueryFullDenom(q std.Querier, creator, subdenom string) (string, error) {
	res, err := run(q, bt.TokenFactoryRequest{FullDenom: &bt.FullDenomRequest{CreatorAddr: creator, Subdenom: subdenom}}, DecodeFullDenomResponse)
	return res.Denom, err
}

// QueryAdmin returns the admin of an existing factory denom (an error if it does not exist).
func QueryAdmin(q std.Querier, denom string) (string, error) {
	res, err := run(q, bt.TokenFactoryRequest{Admin: &bt.DenomAdminRequest{Denom: denom}}, DecodeDenomAdminResponse)
	return res.Admin, err
}

// QueryDenomsByCreator returns one page of creator's denoms in denom order: those after
// startAfter ("" for the first page), at most limit (0: bt.DefaultPageLimit; at most
// bt.MaxPageLimit). A page shorter than the limit is the last.
func QueryDenomsByCreator(q std.Querier, creator, startAfter string, limit uint32) ([]string, error) {
	res, err := run(q, bt.TokenFactoryRequest{DenomsByCreator: &bt.DenomsByCreatorRequest{Creator: creator, StartAfter: startAfter, Limit: limit}}, DecodeDenomsByCreatorResponse)
	return res.Denoms, err
}

// QueryParams returns what creating a denom costs.
func QueryParams(q std.Querier) (bt.TokenFactoryParamsResponse, error) {
	return run(q, bt.TokenFactoryRequest{Params: &bt.TokenFactoryParamsRequest{}}, DecodeTokenFactoryParamsResponse)
}

// ---- replies ----

// ErrNoCreateDenomResponse is returned when a successful reply carries no MsgCreateDenomResponse.
var ErrNoCreateDenomResponse = errors.New("reply has no token factory create_denom response")

// CreateDenomResult returns the denom a create_denom sub-message created, from its reply.
func CreateDenomResult(reply std.Reply) (string, error) {
	if reply.Result.Ok == nil {
		return "", errors.New("sub-message failed: " + reply.Result.Err)
	}
	for _, mr := range reply.Result.Ok.MsgResponses {
		if mr.TypeURL == bt.TypeURLCreateDenomResponse {
			return bt.DecodeCreateDenomResult(mr.Value)
		}
	}
	return "", ErrNoCreateDenomResponse
}

// Shortfall says which coin of the creation fee the funds did not cover: the fee's amount of
// Denom, and what was sent of it.
type Shortfall struct {
	Denom     string
	Fee, Sent std.Uint128
}

// SplitCreationFee takes the chain's creation fee (QueryParams' DenomCreationFee) out of the funds
// sent with a message, for a contract that pays the fee on the sender's behalf, and returns the
// rest to refund (no zero coins). When the funds hold less than the fee in some denom it returns
// that shortfall instead, and the contract refuses before anything is created. err is set only
// for a fee amount the chain sent that is not a number. Loops are bounded by the two lists, both
// a handful of coins.
func SplitCreationFee(funds []std.Coin, fee []bt.Coin) (refund []std.Coin, short *Shortfall, err error) {
	rest := append([]std.Coin(nil), funds...)
	for _, f := range fee {
		due, err := std.ParseUint128(f.Amount)
		if err != nil {
			return nil, nil, err
		}
		sent := std.FindCoin(rest, f.Denom)
		if sent.Lt(due) {
			return nil, &Shortfall{Denom: f.Denom, Fee: due, Sent: sent}, nil
		}
		for i := range rest {
			if rest[i].Denom == f.Denom { // funds hold each denom once (the chain sorts and merges them)
				rest[i].Amount, _ = rest[i].Amount.CheckedSub(due)
				break
			}
		}
	}
	for _, c := range rest {
		if !c.Amount.IsZero() {
			refund = append(refund, c)
		}
	}
	return refund, nil, nil
}
