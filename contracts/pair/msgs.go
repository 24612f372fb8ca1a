package main

// Messages, responses and state of the pair, with hand-written cwjson codecs (no encoding/json in
// the wasm). Message decoders are strict: unknown fields and variants are errors.

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Asset is {"info":{"native_token":{"denom":"x"}},"amount":"1"} — the Astroport asset shape,
// restricted to native denoms.
type Asset struct {
	Denom  string
	Amount std.Uint128
}

var errCW20 = errors.New("only native tokens are supported (asset info must be native_token)")

// decodeAssetInfo reads {"native_token":{"denom":"x"}}; {"token":{..}} is refused with a clear error.
func decodeAssetInfo(r *cwjson.Reader, denom *string) error {
	return r.Variant(func(name string) error {
		switch name {
		case "native_token":
			return r.Object(func(key string) error {
				if key == "denom" {
					var err error
					*denom, err = r.String()
					return err
				}
				return cwjson.UnknownField(key)
			})
		case "token":
			return errCW20
		}
		return cwjson.UnknownVariant(name)
	})
}

func encodeAssetInfo(w *cwjson.Writer, denom string) {
	w.ObjectStart()
	w.Key("native_token")
	w.ObjectStart()
	w.Key("denom")
	w.String(denom)
	w.ObjectEnd()
	w.ObjectEnd()
}

func (a *Asset) decode(r *cwjson.Reader) error {
	seenInfo, seenAmount := false, false
	err := r.Object(func(key string) error {
		switch key {
		case "info":
			seenInfo = true
			return decodeAssetInfo(r, &a.Denom)
		case "amount":
			seenAmount = true
			return a.Amount.DecodeJSON(r)
		}
		return cwjson.UnknownField(key)
	})
	if err == nil && (!seenInfo || !seenAmount) {
		err = errors.New("asset needs info and amount")
	}
	return err
}

func (a Asset) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("info")
	encodeAssetInfo(w, a.Denom)
	w.Key("amount")
	a.Amount.EncodeJSON(w)
	w.ObjectEnd()
}

func decodeOptDecimal(r *cwjson.Reader, d **std.Decimal) error {
	if r.Null() {
		*d = nil
		return nil
	}
	var v std.Decimal
	if err := v.DecodeJSON(r); err != nil {
		return err
	}
	*d = &v
	return nil
}

func decodeOptString(r *cwjson.Reader, s *string) error {
	if r.Null() {
		return nil
	}
	var err error
	*s, err = r.String()
	return err
}

// InstantiateMsg is {"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":30}.
type InstantiateMsg struct {
	Denoms []string
	FeeBps uint32
}

func (m *InstantiateMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		switch key {
		case "asset_infos":
			return r.Array(func() error {
				var d string
				if err := decodeAssetInfo(r, &d); err != nil {
					return err
				}
				m.Denoms = append(m.Denoms, d)
				return nil
			})
		case "fee_bps":
			var err error
			m.FeeBps, err = r.Uint32()
			return err
		}
		return cwjson.UnknownField(key)
	})
	if err != nil {
		return err
	}
	return r.End()
}

// ExecuteMsg is one of
//
//	{"provide_liquidity":{"assets":[Asset,Asset],"receiver":"addr"|null}}
//	{"withdraw_liquidity":{"amount":"100"}}
//	{"swap":{"offer_asset":Asset,"ask_asset_info":AssetInfo|null,"belief_price":"1.5"|null,
//	         "max_spread":"0.01"|null,"to":"addr"|null}}
type ExecuteMsg struct {
	ProvideLiquidity  *ProvideLiquidityMsg
	WithdrawLiquidity *WithdrawLiquidityMsg
	Swap              *SwapMsg
}

type ProvideLiquidityMsg struct {
	Assets   []Asset
	Receiver string
}

type WithdrawLiquidityMsg struct {
	Amount std.Uint128
}

type SwapMsg struct {
	OfferAsset   Asset
	AskDenom     string // "" when ask_asset_info is absent
	BeliefPrice  *std.Decimal
	MaxSpread    *std.Decimal
	To           string
	hasOfferPart bool
}

func (m *ExecuteMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "provide_liquidity":
			m.ProvideLiquidity = &ProvideLiquidityMsg{}
			p := m.ProvideLiquidity
			return r.Object(func(key string) error {
				switch key {
				case "assets":
					return r.Array(func() error {
						var a Asset
						if err := a.decode(r); err != nil {
							return err
						}
						p.Assets = append(p.Assets, a)
						return nil
					})
				case "receiver":
					return decodeOptString(r, &p.Receiver)
				}
				return cwjson.UnknownField(key)
			})
		case "withdraw_liquidity":
			m.WithdrawLiquidity = &WithdrawLiquidityMsg{}
			return r.Object(func(key string) error {
				if key == "amount" {
					return m.WithdrawLiquidity.Amount.DecodeJSON(r)
				}
				return cwjson.UnknownField(key)
			})
		case "swap":
			m.Swap = &SwapMsg{}
			s := m.Swap
			err := r.Object(func(key string) error {
				switch key {
				case "offer_asset":
					s.hasOfferPart = true
					return s.OfferAsset.decode(r)
				case "ask_asset_info":
					if r.Null() {
						return nil
					}
					return decodeAssetInfo(r, &s.AskDenom)
				case "belief_price":
					return decodeOptDecimal(r, &s.BeliefPrice)
				case "max_spread":
					return decodeOptDecimal(r, &s.MaxSpread)
				case "to":
					return decodeOptString(r, &s.To)
				}
				return cwjson.UnknownField(key)
			})
			if err == nil && !s.hasOfferPart {
				err = errors.New("swap needs offer_asset")
			}
			return err
		}
		return cwjson.UnknownVariant(name)
	})
	if err != nil {
		return err
	}
	return r.End()
}

// QueryMsg is {"pool":{}}, {"simulation":{"offer_asset":Asset,"ask_asset_info":..|null}},
// {"share":{"address":"addr"}}, {"config":{}} or {"cumulative_prices":{}}.
type QueryMsg struct {
	Pool             *struct{}
	CumulativePrices *struct{}
	Config           *struct{}
	Simulation       *SimulationQuery
	Share            *ShareQuery
}

type SimulationQuery struct {
	OfferAsset Asset
	AskDenom   string
}

type ShareQuery struct{ Address string }

func (m *QueryMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "pool":
			m.Pool = &struct{}{}
			return r.EmptyObject()
		case "config":
			m.Config = &struct{}{}
			return r.EmptyObject()
		case "cumulative_prices":
			m.CumulativePrices = &struct{}{}
			return r.EmptyObject()
		case "simulation":
			m.Simulation = &SimulationQuery{}
			seen := false
			err := r.Object(func(key string) error {
				switch key {
				case "offer_asset":
					seen = true
					return m.Simulation.OfferAsset.decode(r)
				case "ask_asset_info":
					if r.Null() {
						return nil
					}
					return decodeAssetInfo(r, &m.Simulation.AskDenom)
				}
				return cwjson.UnknownField(key)
			})
			if err == nil && !seen {
				err = errors.New("simulation needs offer_asset")
			}
			return err
		case "share":
			m.Share = &ShareQuery{}
			return r.Object(func(key string) error {
				if key == "address" {
					var err error
					m.Share.Address, err = r.String()
					return err
				}
				return cwjson.UnknownField(key)
			})
		}
		return cwjson.UnknownVariant(name)
	})
	if err != nil {
		return err
	}
	return r.End()
}

// PoolResponse is {"assets":[Asset,Asset],"total_share":"N"}.
type PoolResponse struct {
	Assets     [2]Asset
	TotalShare std.Uint128
}

func (p PoolResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256)
	w.ObjectStart()
	w.Key("assets")
	w.ArrayStart()
	p.Assets[0].encode(w)
	p.Assets[1].encode(w)
	w.ArrayEnd()
	w.Key("total_share")
	p.TotalShare.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// SimulationResponse is {"return_amount":"..","spread_amount":"..","commission_amount":".."}.
type SimulationResponse struct {
	ReturnAmount     std.Uint128
	SpreadAmount     std.Uint128
	CommissionAmount std.Uint128
}

func (s SimulationResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(128)
	w.ObjectStart()
	w.Key("return_amount")
	s.ReturnAmount.EncodeJSON(w)
	w.Key("spread_amount")
	s.SpreadAmount.EncodeJSON(w)
	w.Key("commission_amount")
	s.CommissionAmount.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// CumulativePricesResponse is the oracle of the package comment as of the query's block:
// {"denoms":["a","b"],"cumulative":["c0","c1"],"liquid_seconds":"n","time":"t"} where c_i is the
// cumulative price of denoms[i] in the other denom (10^-18 units × seconds, mod 2^128), n the seconds
// with liquidity so far and t the block time in Unix seconds.
type CumulativePricesResponse struct {
	Denoms        [2]string
	Cumulative    [2]std.Uint128
	LiquidSeconds uint64
	Time          uint64
}

func (c CumulativePricesResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(192)
	w.ObjectStart()
	w.Key("denoms")
	w.ArrayStart()
	w.String(c.Denoms[0])
	w.String(c.Denoms[1])
	w.ArrayEnd()
	w.Key("cumulative")
	w.ArrayStart()
	c.Cumulative[0].EncodeJSON(w)
	c.Cumulative[1].EncodeJSON(w)
	w.ArrayEnd()
	w.Key("liquid_seconds")
	w.String(uintString(c.LiquidSeconds))
	w.Key("time")
	w.String(uintString(c.Time))
	w.ObjectEnd()
	return w.Bytes(), nil
}

func uintString(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}

// ShareResponse is {"shares":"N"}.
type ShareResponse struct{ Shares std.Uint128 }

func (s ShareResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(48)
	w.ObjectStart()
	w.Key("shares")
	s.Shares.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// Config is the stored configuration and the query answer: {"denoms":["a","b"],"fee_bps":30}.
type Config struct {
	Denoms [2]string
	FeeBps uint32
}

func (c Config) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(96)
	w.ObjectStart()
	w.Key("denoms")
	w.ArrayStart()
	w.String(c.Denoms[0])
	w.String(c.Denoms[1])
	w.ArrayEnd()
	w.Key("fee_bps")
	w.Uint64(uint64(c.FeeBps))
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (c *Config) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		switch key {
		case "denoms":
			i := 0
			return r.Array(func() error {
				if i >= 2 {
					return errors.New("config: more than two denoms")
				}
				var err error
				c.Denoms[i], err = r.String()
				i++
				return err
			})
		case "fee_bps":
			var err error
			c.FeeBps, err = r.Uint32()
			return err
		}
		return r.Skip()
	})
	if err != nil {
		return err
	}
	return r.End()
}

// Reserves are the pool's two balances (in Config.Denoms order), the LP shares outstanding and the
// price oracle (package comment): {"reserves":["1","2"],"total_share":"3","cumulative":["c0","c1"],
// "liquid_seconds":"n","last_time":"t"}. The pool keeps its own books rather than reading its bank
// balance, so tokens sent to the contract outside these messages never move the price.
type Reserves struct {
	Amounts       [2]std.Uint128
	TotalShare    std.Uint128
	Cumulative    [2]std.Uint128
	LiquidSeconds uint64
	LastTime      uint64 // Unix seconds of the last accrual
}

func (s Reserves) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256)
	w.ObjectStart()
	w.Key("reserves")
	w.ArrayStart()
	s.Amounts[0].EncodeJSON(w)
	s.Amounts[1].EncodeJSON(w)
	w.ArrayEnd()
	w.Key("total_share")
	s.TotalShare.EncodeJSON(w)
	w.Key("cumulative")
	w.ArrayStart()
	s.Cumulative[0].EncodeJSON(w)
	s.Cumulative[1].EncodeJSON(w)
	w.ArrayEnd()
	w.Key("liquid_seconds")
	w.String(uintString(s.LiquidSeconds))
	w.Key("last_time")
	w.String(uintString(s.LastTime))
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (s *Reserves) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		switch key {
		case "reserves":
			i := 0
			return r.Array(func() error {
				if i >= 2 {
					return errors.New("reserves: more than two amounts")
				}
				err := s.Amounts[i].DecodeJSON(r)
				i++
				return err
			})
		case "total_share":
			return s.TotalShare.DecodeJSON(r)
		case "cumulative":
			i := 0
			return r.Array(func() error {
				if i >= 2 {
					return errors.New("cumulative: more than two amounts")
				}
				err := s.Cumulative[i].DecodeJSON(r)
				i++
				return err
			})
		case "liquid_seconds":
			var err error
			s.LiquidSeconds, err = r.Uint64String()
			return err
		case "last_time":
			var err error
			s.LastTime, err = r.Uint64String()
			return err
		}
		return r.Skip()
	})
	if err != nil {
		return err
	}
	return r.End()
}
