// Command counter is the example contract of the Go contract SDK (contracts/std). It keeps a
// counter and a per-sender tally, forwards funds with a sub-message and counts the forwards in
// reply, queries the bank, and emits attributes and a custom event — every part of the SDK a
// real contract uses. Built with TinyGo to contracts/artifacts/counter.wasm.
package main

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
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

// State.
var (
	config    = std.NewItem[Config]("config")
	forwarded = std.NewItem[std.Uint128]("forwarded")
	// tally counts increments per sender address.
	tally = std.NewMap[string, std.Uint128]("tally", std.StringKey)
)

// replyForward is the sub-message id of the bank send made by Forward.
const replyForward = 1

var (
	errUnauthorized = errors.New("unauthorized: only the owner may do this")
	errNoFunds      = errors.New("no funds sent in the configured denom")
	// errNoVariant is unreachable through the entry points (the generated decoders accept exactly
	// one variant) but keeps a zero message from doing anything.
	errNoVariant = errors.New("no variant set")
)

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	if msg.Denom == "" {
		return std.Response{}, errors.New("denom must not be empty")
	}
	cfg := Config{Owner: info.Sender, Count: msg.Count, Denom: msg.Denom}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.
		WithAttribute("action", "instantiate").
		WithAttribute("owner", info.Sender).
		WithAttribute("count", msg.Count.String()), nil
}

func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	switch {
	case msg.Increment != nil:
		return executeIncrement(deps, info)
	case msg.Reset != nil:
		return executeReset(deps, info, msg.Reset.Count)
	case msg.Forward != nil:
		return executeForward(deps, info, msg.Forward.To)
	case msg.CheckBalance != nil:
		return executeCheckBalance(deps, env)
	}
	return std.Response{}, errNoVariant
}

func executeIncrement(deps *std.Deps, info std.MessageInfo) (std.Response, error) {
	one := std.NewUint128(1)
	cfg, err := config.Update(deps.Storage, func(c Config, found bool) (Config, error) {
		if !found {
			return c, errors.New("not instantiated")
		}
		n, err := c.Count.CheckedAdd(one)
		c.Count = n
		return c, err
	})
	if err != nil {
		return std.Response{}, err
	}
	mine, err := tally.Update(deps.Storage, info.Sender, func(n std.Uint128, _ bool) (std.Uint128, error) {
		return n.CheckedAdd(one)
	})
	if err != nil {
		return std.Response{}, err
	}
	return std.Response{}.
		WithAttribute("action", "increment").
		WithEvent(std.NewEvent("counter").
			WithAttribute("count", cfg.Count.String()).
			WithAttribute("sender", info.Sender).
			WithAttribute("sender_count", mine.String())), nil
}

func executeReset(deps *std.Deps, info std.MessageInfo, count std.Uint128) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if info.Sender != cfg.Owner {
		return std.Response{}, errUnauthorized
	}
	cfg.Count = count
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "reset").WithAttribute("count", count.String()), nil
}

// executeForward sends the funds received in the configured denom on to another address. The
// bank send is a sub-message with reply on success, and reply adds the amount to "forwarded".
func executeForward(deps *std.Deps, info std.MessageInfo, to string) (std.Response, error) {
	if err := deps.API.AddrValidate(to); err != nil {
		return std.Response{}, errors.New("invalid recipient: " + err.Error())
	}
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	amount := std.FindCoin(info.Funds, cfg.Denom)
	if amount.IsZero() {
		return std.Response{}, errNoFunds
	}
	sub := std.NewSubMsg(replyForward, std.BankSendMsg(to, std.Coin{Denom: cfg.Denom, Amount: amount}), std.ReplySuccess)
	sub.Payload = []byte(amount.String()) // handed back to reply, so it need not be stored
	return std.Response{}.WithAttribute("action", "forward").WithAttribute("to", to).WithSubMessage(sub), nil
}

// executeCheckBalance queries the bank for the contract's own balance and reports it.
func executeCheckBalance(deps *std.Deps, env std.Env) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, cfg.Denom)
	if err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "check_balance").
		WithAttribute("balance", bal.Amount.String()+bal.Denom).
		WithData([]byte(bal.Amount.String())), nil
}

func reply(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	if r.ID != replyForward {
		return std.Response{}, errors.New("unknown reply id")
	}
	if r.Result.Ok == nil {
		return std.Response{}, errors.New("forward failed: " + r.Result.Err)
	}
	amount, err := std.ParseUint128(string(r.Payload))
	if err != nil {
		return std.Response{}, err
	}
	total, err := forwarded.Update(deps.Storage, func(t std.Uint128, _ bool) (std.Uint128, error) {
		return t.CheckedAdd(amount)
	})
	if err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "forwarded").WithAttribute("total", total.String()), nil
}

// maxTallyLimit bounds one page of the tally query so a query's gas stays bounded.
const maxTallyLimit = 30

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	switch {
	case msg.Count != nil:
		cfg, err := config.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		total, _, err := forwarded.MayLoad(deps.Storage)
		if err != nil {
			return nil, err
		}
		return CountResponse{Count: cfg.Count, Owner: cfg.Owner, Forwarded: total}.answer(), nil
	case msg.Tally != nil:
		limit := uint32(maxTallyLimit)
		if l := msg.Tally.Limit; l != nil && *l > 0 && *l < limit {
			limit = *l
		}
		var start *std.Bound[string]
		if msg.Tally.StartAfter != nil {
			start = std.Exclusive(*msg.Tally.StartAfter)
		}
		res := TallyResponse{Entries: []TallyEntry{}}
		it := tally.Range(deps.Storage, start, nil, std.Ascending)
		for uint32(len(res.Entries)) < limit && it.Next() {
			res.Entries = append(res.Entries, TallyEntry{Address: it.Key(), Count: it.Value()})
		}
		return res.answer(), it.Err()
	}
	return nil, errNoVariant
}
