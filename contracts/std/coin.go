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
	f := r.Struct("denom amount ", 0, false)
	for f.Next() {
		if f.I == 0 {
			f.Err = r.StringTo(&c.Denom)
		} else {
			f.Err = c.Amount.DecodeJSON(r)
		}
	}
	return f.Err
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
	f := r.List(-1, "")
	for f.Next() {
		var c Coin
		f.Err = c.DecodeJSON(r)
		out = append(out, c)
	}
	return out, f.Err
}

// decodeBinary reads base64 bytes, null as nil (the VM's Option<Binary>).
func decodeBinary(r *cwjson.Reader, dst *[]byte) error {
	if r.Null() {
		*dst = nil
		return nil
	}
	b, err := r.Binary()
	*dst = b
	return err
}
