package main

// collect_rewards: the rewards a cw20 side pays its holders (our wrapped token's reward index
// treats the pair as any holder) are claimed by the pair and shared by the LPs when they are one
// of the pool's bank denoms (README.md, "Rewards of a cw20 side").

import (
	"strings"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// collectKey holds the pair's bank balances taken before collect_rewards's claims ran, for the
// reply that compares them with the balances after: what arrived is exactly the difference,
// whatever the cw20 pays and however it computes it.
var collectKey = []byte("collect")

// collectRewards sends claim_rewards to each cw20 side; the last one's reply (collected) books
// what arrived. The pair is locked meanwhile, as for any message it hands a cw20.
func collectRewards(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config, res Reserves) (std.Response, error) {
	if !cfg.hasToken() {
		return std.Response{}, ErrNoCw20Side
	}
	if len(info.Funds) > 0 {
		return std.Response{}, ErrCollectFunds
	}
	// The oracle accrued (execute) at the reserves before the rewards: they join the pool at
	// this block's price, like any reserve change.
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	before, err := deps.Querier.QueryAllBalances(env.Contract.Address)
	if err != nil {
		return std.Response{}, err
	}
	deps.Storage.Set(collectKey, encodeCoins(before))
	// Each claim is a sub-message whose failure is its own (ReplyAlways: the chain reverts that
	// claim alone and the reply carries on): a cw20 with nothing to pay (our token refuses a claim
	// of zero) neither blocks the other side's claim nor makes the collection fail. The last
	// claim's reply books what arrived and unlocks the pair.
	resp := respond("action", "collect_rewards")
	for i := range cfg.Denoms {
		if !cfg.isToken(i) {
			continue
		}
		m, err := cw20Message(cfg.Denoms[i], Cw20ExecuteMsg{ClaimRewards: &struct{}{}})
		if err != nil {
			return std.Response{}, err
		}
		resp.Messages = append(resp.Messages, std.SubMsg{Msg: m, ID: replyClaimed, ReplyOn: std.ReplyAlways})
	}
	resp.Messages[len(resp.Messages)-1].ID = replyCollect // hasToken: at least one
	deps.Storage.Set(lockKey, []byte{1})
	return resp, nil
}

// collected books what the claims brought in: an increase of one of the pool's bank denoms
// joins that reserve (the LPs own it pro rata through their shares), any other denom is sent to
// the rewards recipient, so nothing is ever left in the pair unaccounted for.
func collected(deps *std.Deps, env std.Env) (std.Response, error) {
	raw, ok := deps.Storage.Get(collectKey)
	if !ok {
		return std.Response{}, ErrCollectState
	}
	deps.Storage.Remove(collectKey)
	before, err := decodeCoins(raw)
	if err != nil {
		return std.Response{}, err
	}
	after, err := deps.Querier.QueryAllBalances(env.Contract.Address)
	if err != nil {
		return std.Response{}, err
	}
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	res, err := reserves.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	var toPool [2]std.Uint128
	var other []std.Coin
	// Bounded by the number of denoms the pair holds (the chain's answer to one query).
	for _, c := range after {
		gain := c.Amount.SaturatingSub(std.FindCoin(before, c.Denom))
		if gain.IsZero() {
			continue
		}
		if i, err := cfg.index(c.Denom, false); err == nil {
			toPool[i] = gain
			if res.Amounts[i], err = res.Amounts[i].CheckedAdd(gain); err != nil {
				return std.Response{}, err
			}
			continue
		}
		other = append(other, std.Coin{Denom: c.Denom, Amount: gain})
	}
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "rewards_collected",
		"to_pool", toPool[0].String()+cfg.Denoms[0]+", "+toPool[1].String()+cfg.Denoms[1],
		"to_recipient", coinsString(other))
	if len(other) > 0 {
		resp.Messages = append(resp.Messages, std.SubMsg{Msg: std.BankSendMsg(cfg.RewardsRecipient, other...), ReplyOn: std.ReplyNever})
	}
	return resp, nil
}

func coinsString(cs []std.Coin) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Amount.String() + c.Denom
	}
	return strings.Join(parts, ", ")
}

// encodeCoins writes coins as "denom amount" lines after a header line (transient state of one
// transaction; an SDK denom holds no space or newline; the header keeps the value non-empty,
// which the VM requires, when the pair holds nothing).
func encodeCoins(cs []std.Coin) []byte {
	var b strings.Builder
	b.WriteString(coinsHeader)
	for _, c := range cs {
		b.WriteString(c.Denom + " " + c.Amount.String() + "\n")
	}
	return []byte(b.String())
}

const coinsHeader = "balances\n"

// decodeCoins reads what encodeCoins wrote.
func decodeCoins(raw []byte) ([]std.Coin, error) {
	body, ok := strings.CutPrefix(string(raw), coinsHeader)
	if !ok {
		return nil, ErrCollectState
	}
	var cs []std.Coin
	for _, line := range strings.Split(body, "\n") {
		if line == "" {
			continue
		}
		denom, amount, ok := strings.Cut(line, " ")
		a, err := std.ParseUint128(amount)
		if !ok || err != nil {
			return nil, ErrCollectState
		}
		cs = append(cs, std.Coin{Denom: denom, Amount: a})
	}
	return cs, nil
}
