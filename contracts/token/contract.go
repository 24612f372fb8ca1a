// Command token is the wrapped alliance-staking token: users deposit an alliance asset, the
// contract stakes it through the chain's alliance bindings and mints a cw20 share token at the
// exchange rate total staked / (total supply + queued shares). The staked amount is read from the chain on every
// deposit and unbond, so take-rate deductions and slashing move the rate by themselves. Native
// rewards earned by the stake are claimed through the bindings and shared by holders through a
// global reward index.
//
// Unbonding is batched by epoch: the chain allows only MaxEntries (7) immature unbonding entries
// per (delegator, validator, denom), so undelegating on every unbond would refuse the 8th user of
// an unbonding period. An unbond moves the holder's shares into the current batch (they stop
// earning rewards, but still own their part of the stake and count in the exchange rate's
// supply); once the batch's unbond_epoch has passed anyone may call process_unbonds, which
// converts the batch's shares to asset at the exchange rate of that moment (rounded down),
// burns them, undelegates that amount (one entry per validator touched) and opens the next
// batch; withdraw pays the claims of matured batches, pro rata to their shares, from what the
// chain returned. With unbond_epoch > unbonding_time / MaxEntries the cap is never hit. Take
// rate or a slash that hits the delegation while a batch waits is so shared by the batch's
// shares exactly like by the holders' shares (and so is asset-denom reward restaked meanwhile);
// queued shares earn no reward-index rewards.
//
// Rounding: every division states its direction; it always favours the remaining holders or the
// protocol over the caller, so no sequence of calls can take out more than was put in.
//
// Built with TinyGo to contracts/artifacts/token.wasm.
package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
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

func u128(v uint64) std.Uint128 { return std.NewUint128(v) }

// respond returns a response whose wasm attributes are the pairs of kv (key, value, key, value,
// ...), in order. One call instead of a chain of Response.WithAttribute: wasm passes a Response
// by value, so every link of a chain costs code (README.md, "Size").
func respond(kv ...string) std.Response {
	attrs := make([]std.Attribute, len(kv)/2)
	for i := range attrs {
		attrs[i] = std.Attribute{Key: kv[2*i], Value: kv[2*i+1]}
	}
	return std.Response{Attributes: attrs}
}

// marshalFunc adapts a MarshalJSON method value to std.JSONMarshaler: a struct converted to an
// interface makes TinyGo keep its type's reflection data (names, layout) and more code.
type marshalFunc func() ([]byte, error)

func (f marshalFunc) MarshalJSON() ([]byte, error) { return f() }

// addMessages appends msgs to r as messages without reply (what Response.WithMessage does,
// without passing the Response by value).
func addMessages(r *std.Response, msgs ...std.CosmosMsg) {
	for _, m := range msgs {
		r.Messages = append(r.Messages, std.SubMsg{Msg: m, ReplyOn: std.ReplyNever})
	}
}

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	if err := checkTokenInfo(msg); err != nil {
		return std.Response{}, err
	}
	cfg := msg.config()
	if cfg.RewardDenom == "" {
		d, err := deps.Querier.QueryBondedDenom()
		if err != nil {
			return std.Response{}, err
		}
		cfg.RewardDenom = d
	}
	if cfg.RewardDenom == cfg.AssetDenom {
		return std.Response{}, ErrRewardDenomIsAsset
	}
	if cfg.Owner == "" {
		cfg.Owner = info.Sender
	}
	if err := deps.API.AddrValidate(cfg.Owner); err != nil {
		return std.Response{}, withCause(ErrInvalidOwner, err)
	}
	if cfg.FeeAddress == "" {
		cfg.FeeAddress = cfg.Owner
	}
	if err := checkFee(deps, env, cfg.FeeBps, cfg.FeeAddress); err != nil {
		return std.Response{}, err
	}
	if cfg.MinInitialDeposit.IsZero() {
		cfg.MinInitialDeposit = u128(defaultMinInitialDeposit)
	}
	if cfg.MinInitialDeposit.Lte(u128(lockedShares)) {
		return std.Response{}, ErrMinDepositTooSmall
	}
	params, err := alliance.QueryStakingParams(deps.Querier)
	if err != nil {
		return std.Response{}, err
	}
	if cfg.UnbondEpoch == 0 {
		// 4 days, or just long enough for the chain's unbonding time (one second more than
		// unbonding_time / max_entries) where 4 days is too short.
		cfg.UnbondEpoch = defaultUnbondEpoch
		if !alliance.EpochFitsEntries(cfg.UnbondEpoch, params) && params.MaxEntries > 0 {
			cfg.UnbondEpoch = params.UnbondingTime/uint64(params.MaxEntries) + 1
		}
	}
	if err := checkUnbondEpoch(cfg.UnbondEpoch, params); err != nil {
		return std.Response{}, err
	}
	// (The chain answers the stakes query only for a listed asset.)
	if err := checkValidators(deps, env, cfg.AssetDenom, cfg.Validators); err != nil {
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	// The first batch's epoch starts now.
	if err := rewards.Save(deps.Storage, RewardState{BatchStart: uint64(env.Block.Time)}); err != nil {
		return std.Response{}, err
	}
	return respond("action", "instantiate",
		"unbond_epoch", std.NewUint128(cfg.UnbondEpoch).String(),
		"asset_denom", cfg.AssetDenom,
		"reward_denom", cfg.RewardDenom,
		"owner", cfg.Owner), nil
}

// checkTokenInfo checks the share token's name, symbol and decimals, and the asset's name.
func checkTokenInfo(msg InstantiateMsg) error {
	if n := len(msg.Name); n < 3 || n > 50 {
		return ErrInvalidName
	}
	if n := len(msg.Symbol); n < 3 || n > 12 {
		return ErrInvalidSymbolLength
	}
	for _, c := range []byte(msg.Symbol) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return ErrInvalidSymbolChar
		}
	}
	if msg.Decimals > 18 {
		return ErrInvalidDecimals
	}
	if msg.AssetDenom == "" {
		return ErrEmptyAssetDenom
	}
	return nil
}

// config is the configuration msg asks for; an option left out (or given as zero or "") stays
// zero, for instantiate to fill in its default.
func (msg InstantiateMsg) config() Config {
	cfg := Config{Name: msg.Name, Symbol: msg.Symbol, Decimals: msg.Decimals, AssetDenom: msg.AssetDenom, Validators: msg.Validators}
	if msg.Owner != nil {
		cfg.Owner = *msg.Owner
	}
	if msg.FeeBps != nil {
		cfg.FeeBps = *msg.FeeBps
	}
	if msg.FeeAddress != nil {
		cfg.FeeAddress = *msg.FeeAddress
	}
	if msg.RewardDenom != nil {
		cfg.RewardDenom = *msg.RewardDenom
	}
	if msg.MinInitialDeposit != nil {
		cfg.MinInitialDeposit = *msg.MinInitialDeposit
	}
	if msg.UnbondEpoch != nil {
		cfg.UnbondEpoch = *msg.UnbondEpoch
	}
	return cfg
}

// execute dispatches to the handlers (execute_*.go). Only a deposit takes funds.
func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	if msg.Deposit == nil && len(info.Funds) > 0 {
		return std.Response{}, ErrFundsNotAccepted
	}
	sender := info.Sender
	// Each handler is called from one place (a cw20 variant and its *_from twin are brought to one
	// shape first): a function called once is inlined, one called twice is not and costs size.
	switch {
	case msg.Deposit != nil:
		return executeDeposit(deps, env, info)
	case msg.Unbond != nil:
		return executeUnbond(deps, env, sender, sender, msg.Unbond.Amount, "unbond")
	case msg.Withdraw != nil:
		return executeWithdraw(deps, env, sender)
	case msg.ProcessUnbonds != nil:
		return executeProcessUnbonds(deps, env)
	case msg.ClaimRewards != nil:
		return executeClaimRewards(deps, env, sender)
	case msg.Harvest != nil:
		return executeHarvest(deps, env)
	case msg.Transfer != nil, msg.TransferFrom != nil:
		action, owner, m := "transfer", sender, msg.Transfer
		if f := msg.TransferFrom; f != nil {
			action, owner, m = "transfer_from", f.Owner, &TransferMsg{Recipient: f.Recipient, Amount: f.Amount}
		}
		return executeTransfer(deps, env, sender, owner, m.Recipient, m.Amount, action)
	case msg.Send != nil, msg.SendFrom != nil:
		action, owner, m := "send", sender, msg.Send
		if f := msg.SendFrom; f != nil {
			action, owner, m = "send_from", f.Owner, &SendMsg{Contract: f.Contract, Amount: f.Amount, Msg: f.Msg}
		}
		return executeSend(deps, env, sender, owner, m.Contract, m.Amount, m.Msg, action)
	case msg.Burn != nil, msg.BurnFrom != nil:
		action, owner, m := "burn", sender, msg.Burn
		if f := msg.BurnFrom; f != nil {
			action, owner, m = "burn_from", f.Owner, &AmountMsg{Amount: f.Amount}
		}
		return executeBurn(deps, env, sender, owner, m.Amount, action)
	case msg.IncreaseAllowance != nil, msg.DecreaseAllowance != nil:
		action, m := "increase_allowance", msg.IncreaseAllowance
		if m == nil {
			action, m = "decrease_allowance", msg.DecreaseAllowance
		}
		return executeAllowance(deps, env, sender, *m, msg.IncreaseAllowance != nil, action)
	case msg.UpdateValidators != nil:
		return executeUpdateValidators(deps, env, sender, msg.UpdateValidators.Validators)
	case msg.UpdateFee != nil:
		return executeUpdateFee(deps, env, sender, msg.UpdateFee.FeeBps, msg.UpdateFee.FeeAddress)
	case msg.TransferOwnership != nil:
		return executeTransferOwnership(deps, sender, msg.TransferOwnership.NewOwner)
	case msg.AcceptOwnership != nil:
		return executeAcceptOwnership(deps, sender)
	case msg.Sweep != nil:
		return executeSweep(deps, env, msg.Sweep.Denom)
	case msg.UpdateUnbondEpoch != nil:
		return executeUpdateUnbondEpoch(deps, sender, msg.UpdateUnbondEpoch.UnbondEpoch)
	case msg.Exit != nil:
		return executeExit(deps, env, sender)
	}
	return std.Response{}, ErrUnknownMessage // the decoder sets exactly one variant
}

// reply completes a deposit (its delegation's reply) or records an undelegation's completion time.
func reply(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	switch r.ID {
	case replyDeposit:
		return completeDeposit(deps, env, r)
	case replyUndelegate:
		return completeUndelegate(deps, r)
	}
	return std.Response{}, ErrUnknownReply
}
