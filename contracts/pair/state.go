package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// State: the configuration, the reserves with the price oracle, and each holder's LP shares.
var (
	config   = std.NewItem[Config]("config")
	reserves = std.NewItem[Reserves]("reserves")
	shares   = std.NewMap[string, std.Uint128]("shares", std.StringKey)
)

// Config is the pool's configuration, stored and answered by the config query.
//
//cwgen:state
type Config struct {
	Denoms [2]string `json:"denoms"`
	FeeBps uint32    `json:"fee_bps"`
}

// Reserves are the pool's two balances (in Config.Denoms order), the LP shares outstanding and
// the price oracle. The pool keeps its own books rather than reading its bank balance, so tokens
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
	// MinimumLiquidity LP shares of the first provision are locked forever (owned by nobody), so
	// the share price can never be pushed so high that later providers' shares round to zero.
	MinimumLiquidity = 1000
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

// index returns the position of denom in the pair, or an error naming it.
func (c Config) index(denom string) (int, error) {
	switch denom {
	case c.Denoms[0]:
		return 0, nil
	case c.Denoms[1]:
		return 1, nil
	}
	return 0, std.WithDetail("denom "+denom+" ", ErrNotInPair, "")
}

// fundsExactly checks that funds hold exactly want (amount per pair index) and nothing else.
func fundsExactly(cfg Config, funds []std.Coin, want [2]std.Uint128) error {
	var got [2]std.Uint128
	for _, c := range funds {
		i, err := cfg.index(c.Denom)
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
