package std

import "github.com/alliancewasm/alliancewasm/contracts/std/cwjson"

// Coin is an amount of one denomination: {"denom":"ustake","amount":"100"}.
//
// cosmwasm-std 3 widened Coin.amount to Uint256. We keep Uint128: the bank module's amounts for
// real tokens stay far below 2^128, and a larger amount arriving from the chain is rejected with a
// clean decoding error rather than silently truncated.
type Coin struct {
	Denom  string
	Amount Uint128
}

// NewCoin returns a coin of amount (a uint64) in denom.
func NewCoin(amount uint64, denom string) Coin { return Coin{Denom: denom, Amount: NewUint128(amount)} }

// EncodeJSON writes the coin.
func (c Coin) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("denom")
	w.String(c.Denom)
	w.Key("amount")
	c.Amount.EncodeJSON(w)
	w.ObjectEnd()
}

// DecodeJSON reads the coin; unknown fields are skipped (coins come from the chain).
func (c *Coin) DecodeJSON(r *cwjson.Reader) error {
	return r.Object(func(key string) error {
		switch key {
		case "denom":
			s, err := r.String()
			c.Denom = s
			return err
		case "amount":
			return c.Amount.DecodeJSON(r)
		}
		return r.Skip()
	})
}

// MarshalJSON lets encoding/json produce the same bytes.
func (c Coin) MarshalJSON() ([]byte, error) { return cwjson.Marshal(c), nil }

// UnmarshalJSON lets encoding/json read the same bytes.
func (c *Coin) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, c) }

// FindCoin returns the amount of denom in coins (0 when absent).
func FindCoin(coins []Coin, denom string) Uint128 {
	for _, c := range coins {
		if c.Denom == denom {
			return c.Amount
		}
	}
	return Uint128{}
}

func encodeCoins(w *cwjson.Writer, coins []Coin) {
	w.ArrayStart()
	for _, c := range coins {
		c.EncodeJSON(w)
	}
	w.ArrayEnd()
}

func decodeCoins(r *cwjson.Reader) ([]Coin, error) {
	var out []Coin
	if r.Null() {
		return out, nil
	}
	err := r.Array(func() error {
		var c Coin
		err := c.DecodeJSON(r)
		out = append(out, c)
		return err
	})
	return out, err
}

// Binary helpers shared by the codecs.
func decodeString(r *cwjson.Reader, dst *string) error {
	s, err := r.String()
	*dst = s
	return err
}

func decodeOptionalString(r *cwjson.Reader, dst *string) error {
	if r.Null() {
		*dst = ""
		return nil
	}
	return decodeString(r, dst)
}

func decodeBinary(r *cwjson.Reader, dst *[]byte) error {
	if r.Null() {
		*dst = nil
		return nil
	}
	b, err := r.Binary()
	*dst = b
	return err
}
