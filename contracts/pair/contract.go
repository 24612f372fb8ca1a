// Command pair is a minimal constant-product (x·y = k) pool of two assets, bank denoms or cw20
// contracts, with the subset of the Astroport pair interface the auto-compounder uses: `swap`
// with `offer_asset`, `belief_price`, `max_spread` and `to`, the `simulation` and `pool` queries,
// and `provide_liquidity` / `withdraw_liquidity` with LP shares as a token factory denom
// (factory/{pair}/lp: minted on provision, sent back and burned on withdrawal); a
// cw20 side comes in through its `send` (the `receive` hook) or `transfer_from` and goes out with
// `transfer` (README.md). Built with TinyGo to contracts/artifacts/pair.wasm.
//
// Swap math, all in exact integers, every rounding in favour of the pool:
//
//	gross      = floor(ask_pool · offer / (offer_pool + offer))   what the curve pays before the fee
//	commission = ceil(gross · fee_bps / 10000)                   stays in the pool (goes to LPs)
//	return     = gross − commission                              sent to the trader
//	ideal      = floor(ask_pool · offer / offer_pool)             at the spot price, no impact
//	spread     = ideal − gross                                    the price impact
//
// Slippage check (before anything moves): with belief_price, expected = floor(offer / belief_price)
// and the swap fails when return < expected and expected − return > floor(expected · max_spread);
// without it, the swap fails when spread > floor(ideal · max_spread). max_spread defaults to 0.005
// and may not exceed 0.5.
//
// Price oracle (time-weighted). Before every change of the reserves (provide, withdraw, swap) the
// pool accrues, for the seconds dt since its last accrual (block time, whole seconds):
//
//	price_i        = floor(reserve_other · 10^18 / reserve_i)   denom i priced in the other denom, in
//	                                                            10^-18 units (floor: never overstated)
//	cumulative_i  += price_i · dt      (mod 2^128: wraps on overflow; only differences are meaningful)
//	liquid_seconds += dt               (only while both reserves are positive; empty time adds nothing)
//
// price_i itself may exceed 2^128 (a reserve ratio above ~3.4e20, e.g. tokens of very different
// decimals): it is computed exactly in 192 bits and only its value mod 2^128 is added, which is
// all a wrapping accumulator needs, so no reserve ratio can make an accrual (and with it every
// execute) fail, as in Uniswap v2.
//
// Because the accrual happens before the change, a reserve change made in a block is weighted only
// by the time that passes after it: a price pushed and pulled back within one block (a sandwich)
// adds nothing, and holding a manipulated price costs real time at arbitrageable prices. A consumer
// reads `cumulative_prices` twice and takes TWAP_i = (cumulative_i' − cumulative_i) mod 2^128 /
// (liquid_seconds' − liquid_seconds), which is exact as long as a window's true increase stays
// below 2^128 (e.g. a price of 10^6 for 10^14 seconds; a price at or above 2^128/window per second
// makes the window's TWAP meaningless, but nothing fails). The query extends the stored values with the
// current reserves up to the querying block's time, so it is always current.
package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

func init() {
	std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query), std.OnReply(reply))
}

// main is never called in a contract (the VM calls the exports); it exists for `go build`.
func main() {}

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	if len(msg.AssetInfos) != 2 {
		return std.Response{}, ErrAssetCount
	}
	var cfg Config
	var cw20 [2]bool
	for i, a := range msg.AssetInfos {
		cfg.Denoms[i], cw20[i] = assetName(a)
		if cfg.Denoms[i] == "" {
			return std.Response{}, ErrEmptyDenom
		}
		if cw20[i] {
			if err := deps.API.AddrValidate(cfg.Denoms[i]); err != nil {
				return std.Response{}, std.WithCause(ErrInvalidToken, err)
			}
			if cfg.Denoms[i] == env.Contract.Address {
				return std.Response{}, ErrSameToken
			}
		}
	}
	if cfg.Denoms[0] == cfg.Denoms[1] {
		return std.Response{}, ErrSameDenoms
	}
	if msg.FeeBps > MaxFeeBps {
		return std.Response{}, ErrFeeTooHigh
	}
	cfg.FeeBps = msg.FeeBps
	if cw20[0] || cw20[1] {
		cfg.Cw20 = &cw20 // a pair of bank denoms stores none
	}
	cfg.LPDenom = tokenfactory.FullDenom(env.Contract.Address, LPSubdenom)
	cfg.RewardsRecipient = info.Sender
	if r := msg.RewardsRecipient; r != nil {
		if err := deps.API.AddrValidate(*r); err != nil {
			return std.Response{}, std.WithCause(ErrInvalidRecipient, err)
		}
		if *r == env.Contract.Address {
			return std.Response{}, ErrInvalidRecipient
		}
		cfg.RewardsRecipient = *r
	}
	msgs, err := createLPDenom(deps, info, env.Contract.Address, cfg)
	if err != nil {
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	if err := reserves.Save(deps.Storage, Reserves{LastTime: env.Block.Time.Seconds()}); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "instantiate", "pair", cfg.Denoms[0]+"-"+cfg.Denoms[1], "liquidity_token", cfg.LPDenom)
	for _, m := range msgs {
		resp.Messages = append(resp.Messages, std.SubMsg{Msg: m, ReplyOn: std.ReplyNever})
	}
	return resp, nil
}

// respond returns a response whose attributes are the pairs of kv (key, value, ...), in order:
// one call instead of a chain of Response.WithAttribute, each link of which passes the Response
// by value and costs code.
func respond(kv ...string) std.Response {
	attrs := make([]std.Attribute, len(kv)/2)
	for i := range attrs {
		attrs[i] = std.Attribute{Key: kv[2*i], Value: kv[2*i+1]}
	}
	return std.Response{Attributes: attrs}
}

// execute dispatches to the handlers (execute_*.go) after bringing the price oracle up to now.
func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if cfg.hasToken() {
		if _, locked := deps.Storage.Get(lockKey); locked {
			return std.Response{}, ErrLocked
		}
	}
	res, err := reserves.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	// Every variant may change the reserves: the oracle accrues first, at the old prices.
	if err := accrue(&res, env.Block.Time.Seconds()); err != nil {
		return std.Response{}, err
	}
	switch {
	case msg.ProvideLiquidity != nil:
		return provide(deps, env, info, cfg, res, msg.ProvideLiquidity)
	case msg.WithdrawLiquidity != nil:
		return withdraw(deps, info, cfg, res, msg.WithdrawLiquidity)
	case msg.Swap != nil:
		return executeSwap(deps, info, cfg, res, msg.Swap)
	case msg.Receive != nil:
		return executeReceive(deps, info, cfg, res, msg.Receive)
	case msg.CollectRewards != nil:
		return collectRewards(deps, env, info, cfg, res)
	}
	return std.Response{}, ErrUnknownMsg // the decoder sets exactly one variant
}

// reply unlocks the pair once the last message it handed to a cw20 has run (see lockKey), and
// books what collect_rewards's claims brought in.
func reply(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	switch r.ID {
	case replyUnlock:
		deps.Storage.Remove(lockKey)
		return std.Response{}, nil
	case replyClaimed:
		return std.Response{}, nil // a failed claim stays failed; the last reply books
	case replyCollect:
		deps.Storage.Remove(lockKey)
		return collected(deps, env)
	}
	return std.Response{}, ErrUnknownReply
}
