package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// State: the configuration and the reserves with the price oracle. The LP shares are a bank
// denom (Config.LPDenom): holders' balances live in x/bank, not here.
var (
	config   = std.NewItem[Config]("config")
	reserves = std.NewItem[Reserves]("reserves")
)

// Config is the pool's configuration.
//
//cwgen:state
type Config struct {
	// Denoms are the two sides' names: a bank denom, or a cw20's contract address.
	Denoms [2]string `json:"denoms"`
	FeeBps uint32    `json:"fee_bps"`
	// Cw20 tells which sides are cw20 contracts; null for a pair of bank denoms (and for
	// pairs stored before cw20 sides existed).
	Cw20 *[2]bool `json:"cw20"`
	// LPDenom is the LP share denom, factory/{pair}/lp, created at instantiate; the pair is its
	// admin and the only one who mints or burns it.
	LPDenom string `json:"lp_denom"`
	// RewardsRecipient receives what collect_rewards brings in that is not one of the pool's
	// bank denoms (the instantiator unless it named another address).
	RewardsRecipient string `json:"rewards_recipient"`
}

// Reserves are the pool's two balances (in Config.Denoms order), the LP shares outstanding (always
// the bank supply of Config.LPDenom: the pair mints and burns every coin of it) and the price
// oracle. The pool keeps its own books rather than reading its bank balance, so tokens
// sent to the contract outside these messages never move the price.
//
//cwgen:state
type Reserves struct {
	Amounts       [2]std.Uint128 `json:"reserves"`
	TotalShare    std.Uint128    `json:"total_share"`
	Cumulative    [2]std.Uint128 `json:"cumulative"`
	LiquidSeconds uint64         `json:"liquid_seconds,string"`
	// LastTime is the Unix time (seconds) of the last accrual.
	LastTime uint64 `json:"last_time,string"`
}

const (
	// MaxFeeBps caps the swap fee at 10%.
	MaxFeeBps = 1000
	bpsDenom  = 10_000
	// MinimumLiquidity LP shares of the first provision are locked forever (minted to the pair
	// itself, which never sends them), so the share price can never be pushed so high that later
	// providers' shares round to zero.
	MinimumLiquidity = 1000
	// LPSubdenom names the LP denom: factory/{pair}/lp.
	LPSubdenom = "lp"
	// lpDisplay is the LP denom's display unit: 10^6 base units, as Astroport's LP tokens.
	lpDisplay         = "lpshare"
	lpDisplayExponent = 6
)

var (
	defaultMaxSpread = mustDecimal("0.005")
	maxAllowedSpread = mustDecimal("0.5")
	bps              = std.NewUint128(bpsDenom)
)

func mustDecimal(s string) std.Decimal {
	d, err := std.ParseDecimal(s)
	if err != nil {
		std.Abort("bad decimal constant " + s)
	}
	return d
}

// isToken tells whether side i is a cw20 contract.
func (c Config) isToken(i int) bool { return c.Cw20 != nil && c.Cw20[i] }

// hasToken tells whether a side is a cw20 contract.
func (c Config) hasToken() bool { return c.isToken(0) || c.isToken(1) }

// index returns the side named name (a bank denom, or a cw20 contract when token is set), or an
// error naming it. A name matches only a side of its kind.
func (c Config) index(name string, token bool) (int, error) {
	for i := range c.Denoms {
		if c.Denoms[i] == name && c.isToken(i) == token {
			return i, nil
		}
	}
	kind := "denom "
	if token {
		kind = "token "
	}
	return 0, std.WithDetail(kind+name+" ", ErrNotInPair, "")
}

// indexOf returns the side a names.
func (c Config) indexOf(a pairmsg.AssetInfo) (int, error) {
	name, token := assetName(a)
	return c.index(name, token)
}

// asset is amount of side i.
func (c Config) asset(i int, amount std.Uint128) pairmsg.Asset {
	return pairmsg.Asset{Info: assetInfo(c.Denoms[i], c.isToken(i)), Amount: amount}
}

// fundsExactly checks that funds hold exactly want (amount per pair index) and nothing else.
func fundsExactly(cfg Config, funds []std.Coin, want [2]std.Uint128) error {
	var got [2]std.Uint128
	for _, c := range funds {
		i, err := cfg.index(c.Denom, false)
		if err != nil {
			return std.WithDetail("funds: ", err, "")
		}
		s, err := got[i].CheckedAdd(c.Amount)
		if err != nil {
			return err
		}
		got[i] = s
	}
	for i := range want {
		if got[i] != want[i] {
			return std.WithDetail("", ErrFundsDiffer, ": sent "+got[i].String()+cfg.Denoms[i]+
				", declared "+want[i].String()+cfg.Denoms[i])
		}
	}
	return nil
}

// lockKey is present while a message the pair handed to one of its cw20s runs: a pair with a
// cw20 side refuses every execute then, so a cw20 cannot call back into the pair in the middle of
// a payout or a provision. The last cw20 message of a response carries a reply (replyUnlock),
// which removes it; a failed message reverts the whole transaction, the lock with it.
var lockKey = []byte("lock")

// Reply ids: replyUnlock ends a cw20 message's lock; replyClaimed follows a claim of
// collect_rewards other than the last; replyCollect follows the last (it unlocks the pair and
// books what arrived).
const (
	replyUnlock  = 1
	replyCollect = 2
	replyClaimed = 3
)

// withCw20Messages appends bank (messages without reply) and then the cw20 messages to resp,
// the last cw20 message with the reply that unlocks the pair, and locks it when there is one.
func withCw20Messages(deps *std.Deps, resp std.Response, bank, cw20 []std.CosmosMsg) std.Response {
	for _, m := range bank {
		resp.Messages = append(resp.Messages, std.SubMsg{Msg: m, ReplyOn: std.ReplyNever})
	}
	for i, m := range cw20 {
		sub := std.SubMsg{Msg: m, ReplyOn: std.ReplyNever}
		if i == len(cw20)-1 {
			sub.ID, sub.ReplyOn = replyUnlock, std.ReplySuccess
			deps.Storage.Set(lockKey, []byte{1})
		}
		resp.Messages = append(resp.Messages, sub)
	}
	return resp
}

// cw20Message is msg sent to the cw20 contract.
func cw20Message(contract string, msg Cw20ExecuteMsg) (std.CosmosMsg, error) {
	return std.WasmExecuteMsg(contract, cwjson.EncodeFunc(msg.encodeJSON))
}

// payouts returns the messages that pay amounts (per side) to addr: one bank send of the bank
// denoms (a pair of bank denoms pays exactly as it always did) and a cw20 transfer per cw20
// side. Zero amounts are left out.
func (c Config) payouts(to string, amounts [2]std.Uint128) (bank, cw20 []std.CosmosMsg, err error) {
	var coins []std.Coin
	for i, a := range amounts {
		if a.IsZero() {
			continue
		}
		if !c.isToken(i) {
			coins = append(coins, std.Coin{Denom: c.Denoms[i], Amount: a})
			continue
		}
		m, err := cw20Message(c.Denoms[i], Cw20ExecuteMsg{Transfer: &Cw20Transfer{Recipient: to, Amount: a}})
		if err != nil {
			return nil, nil, err
		}
		cw20 = append(cw20, m)
	}
	if len(coins) > 0 {
		bank = []std.CosmosMsg{std.BankSendMsg(to, coins...)}
	}
	return bank, cw20, nil
}
