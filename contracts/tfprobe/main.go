// Command tfprobe is a test contract of the token factory bindings (contracts/tokenfactory): it
// creates a denom with metadata and learns it from the reply, mints, burns its own coins, hands a
// denom over, and answers the chain's token factory queries. e2e/tokenfactory_probe_test.go drives
// it on the real chain. Built with TinyGo to contracts/artifacts/tfprobe.wasm.
package main

import (
	"errors"
	"strings"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

func init() {
	std.Register(
		std.OnInstantiate(instantiate),
		std.OnExecute(execute),
		std.OnQuery(query),
		std.OnReply(reply),
	)
}

// main is never called in a contract (the VM calls the exports); it exists for `go build`.
func main() {}

var state = std.NewItem[State]("state")

// replyCreate is the sub-message id of create_denom.
const replyCreate = 1

var (
	errNoVariant      = errors.New("no variant set")
	errUnknownReplyID = errors.New("unknown reply id")
)

func instantiate(*std.Deps, std.Env, std.MessageInfo, InstantiateMsg) (std.Response, error) {
	return std.Response{}.WithAttribute("action", "instantiate"), nil
}

func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	switch {
	case msg.Create != nil:
		c := msg.Create
		denom := tokenfactory.FullDenom(env.Contract.Address, c.Subdenom)
		upper := strings.ToUpper(c.Display)
		md := &bt.DenomMetadata{
			DenomUnits: []bt.DenomUnit{{Denom: denom}, {Denom: c.Display, Exponent: c.Exponent}},
			Display:    c.Display, Name: upper, Symbol: upper,
		}
		sub := std.NewSubMsg(replyCreate, tokenfactory.CreateDenomMsg(c.Subdenom, md), std.ReplySuccess)
		return std.Response{}.WithAttribute("action", "create").WithSubMessage(sub), nil
	case msg.Mint != nil:
		m := msg.Mint
		return std.Response{}.WithAttribute("action", "mint").WithMessage(tokenfactory.MintMsg(m.Denom, m.Amount, m.To)), nil
	case msg.Burn != nil:
		return std.Response{}.WithAttribute("action", "burn").WithMessage(tokenfactory.BurnMsg(msg.Burn.Denom, msg.Burn.Amount)), nil
	case msg.ChangeAdmin != nil:
		c := msg.ChangeAdmin
		return std.Response{}.WithAttribute("action", "change_admin").WithMessage(tokenfactory.ChangeAdminMsg(c.Denom, c.NewAdmin)), nil
	}
	return std.Response{}, errNoVariant
}

func reply(deps *std.Deps, _ std.Env, r std.Reply) (std.Response, error) {
	if r.ID != replyCreate {
		return std.Response{}, errUnknownReplyID
	}
	denom, err := tokenfactory.CreateDenomResult(r)
	if err != nil {
		return std.Response{}, err
	}
	if err := state.Save(deps.Storage, State{LastDenom: denom}); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("new_denom", denom), nil
}

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	q := deps.Querier
	switch {
	case msg.LastDenom != nil:
		s, err := state.Load(deps.Storage)
		return DenomResponse{Denom: s.LastDenom}, err
	case msg.FullDenom != nil:
		d, err := tokenfactory.QueryFullDenom(q, env.Contract.Address, msg.FullDenom.Subdenom)
		return DenomResponse{Denom: d}, err
	case msg.Admin != nil:
		a, err := tokenfactory.QueryAdmin(q, msg.Admin.Denom)
		return AdminResponse{Admin: a}, err
	case msg.Denoms != nil:
		ds, err := tokenfactory.QueryDenomsByCreator(q, env.Contract.Address, "", bt.MaxPageLimit)
		return DenomsResponse{Denoms: ds}, err
	case msg.CreationFee != nil:
		p, err := tokenfactory.QueryParams(q)
		if err != nil {
			return nil, err
		}
		fee := make([]Coin, 0, len(p.DenomCreationFee))
		for _, c := range p.DenomCreationFee {
			a, err := std.ParseUint128(c.Amount)
			if err != nil {
				return nil, err
			}
			fee = append(fee, Coin{Denom: c.Denom, Amount: a})
		}
		return FeeResponse{Fee: fee, GasCost: p.DenomCreationGasConsume}, nil
	}
	return nil, errNoVariant
}
