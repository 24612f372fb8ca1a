// Command greeter is the contract of contracts/README.md ("Write your first contract"): storage,
// a message with funds, a sub-message whose reply reads its payload, a query, named errors.
package main

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func init() {
	std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query), std.OnReply(reply))
}

// main is never called: the VM calls the exports std registers.
func main() {}

var state = std.NewItem[State]("state")

// replyTip is the id of the bank send of a tip.
const replyTip = 1

var (
	ErrEmptyGreeting = errors.New("greeting must not be empty")
	ErrNoTip         = errors.New("tip: send some funds")
	ErrInvalidTo     = errors.New("tip: invalid recipient")
	ErrUnknownReply  = errors.New("unknown reply id")
)

func instantiate(deps *std.Deps, _ std.Env, _ std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	if msg.Greeting == "" {
		return std.Response{}, ErrEmptyGreeting
	}
	return std.Response{}, state.Save(deps.Storage, State{Greeting: msg.Greeting})
}

func execute(deps *std.Deps, _ std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	switch {
	case msg.Greet != nil:
		_, err := state.Update(deps.Storage, func(s State, _ bool) (State, error) {
			s.Greets++
			return s, nil
		})
		return std.Response{}.WithAttribute("action", "greet"), err
	case msg.Tip != nil:
		return tip(deps, info, msg.Tip.To)
	}
	return std.Response{}, errors.New("no variant set")
}

// tip forwards the funds in a sub-message; the amount travels in its payload, which the VM hands
// back to reply, so nothing is stored between the two calls.
func tip(deps *std.Deps, info std.MessageInfo, to string) (std.Response, error) {
	if err := deps.API.AddrValidate(to); err != nil {
		return std.Response{}, std.WithCause(ErrInvalidTo, err)
	}
	if len(info.Funds) != 1 || info.Funds[0].Amount.IsZero() {
		return std.Response{}, ErrNoTip
	}
	sub := std.NewSubMsg(replyTip, std.BankSendMsg(to, info.Funds[0]), std.ReplySuccess)
	sub.Payload = []byte(info.Funds[0].Amount.String())
	return std.Response{}.WithSubMessage(sub), nil
}

func reply(deps *std.Deps, _ std.Env, r std.Reply) (std.Response, error) {
	if r.ID != replyTip {
		return std.Response{}, ErrUnknownReply
	}
	amount, err := std.ParseUint128(string(r.Payload))
	if err != nil {
		return std.Response{}, err
	}
	_, err = state.Update(deps.Storage, func(s State, _ bool) (State, error) {
		s.Tipped, err = s.Tipped.CheckedAdd(amount)
		return s, err
	})
	return std.Response{}.WithAttribute("tipped", amount.String()), err
}

func query(deps *std.Deps, _ std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	s, err := state.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	return s.answer(), nil
}
