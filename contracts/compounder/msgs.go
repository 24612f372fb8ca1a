package main

// Messages, responses and state of the compounder with hand-written cwjson codecs. Message
// decoders are strict (unknown fields and variants are errors); stored state skips unknown fields.

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Route says through which pair a reward denom is swapped into the staked asset:
// {"denom":"stake","pair":"addr"}.
type Route struct {
	Denom string
	Pair  string
}

func (rt *Route) decode(r *cwjson.Reader, strict bool) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "denom":
			rt.Denom, err = r.String()
		case "pair":
			rt.Pair, err = r.String()
		default:
			err = skipOrFail(r, key, strict)
		}
		return err
	})
}

func (rt Route) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("denom")
	w.String(rt.Denom)
	w.Key("pair")
	w.String(rt.Pair)
	w.ObjectEnd()
}

func skipOrFail(r *cwjson.Reader, key string, strict bool) error {
	if strict {
		return cwjson.UnknownField(key)
	}
	return r.Skip()
}

func decodeStrings(r *cwjson.Reader, out *[]string) error {
	*out = []string{}
	return r.Array(func() error {
		s, err := r.String()
		*out = append(*out, s)
		return err
	})
}

func decodeRoutes(r *cwjson.Reader, out *[]Route, strict bool) error {
	*out = []Route{}
	return r.Array(func() error {
		var rt Route
		err := rt.decode(r, strict)
		*out = append(*out, rt)
		return err
	})
}

func optString(r *cwjson.Reader, s **string) error {
	if r.Null() {
		return nil
	}
	v, err := r.String()
	*s = &v
	return err
}

// Config is the stored configuration, the instantiate message and the config query's answer:
//
//	{"owner":"addr","asset_denom":"uasset","validators":["valoper…"],
//	 "routes":[{"denom":"stake","pair":"addr"}],"fee_bps":500,"fee_recipient":"addr",
//	 "harvest_interval":3600,"max_spread":"0.01","twap_window":600,"unbond_epoch":259201,
//	 "pending_owner":null}
//
// harvest_interval, twap_window and unbond_epoch are in seconds; twap_window is the minimum number
// of seconds of pool liquidity the reference price of a harvest averages over (package comment);
// unbond_epoch is the shortest time between two withdrawal batches. In the instantiate message
// owner may be omitted (the sender), unbond_epoch may be omitted or 0 (the shortest epoch the
// chain's entry cap allows: floor(unbonding_time / max_entries) + 1), and pending_owner is refused
// (it is set by transfer_ownership only).
type Config struct {
	Owner           string
	PendingOwner    string
	AssetDenom      string
	Validators      []string
	Routes          []Route
	FeeBps          uint32
	FeeRecipient    string
	HarvestInterval uint64
	MaxSpread       std.Decimal
	TwapWindow      uint64
	UnbondEpoch     uint64
}

func (c Config) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256 + 64*len(c.Validators) + 128*len(c.Routes))
	w.ObjectStart()
	w.Key("owner")
	w.String(c.Owner)
	w.Key("asset_denom")
	w.String(c.AssetDenom)
	w.Key("validators")
	w.ArrayStart()
	for _, v := range c.Validators {
		w.String(v)
	}
	w.ArrayEnd()
	w.Key("routes")
	w.ArrayStart()
	for _, rt := range c.Routes {
		rt.encode(w)
	}
	w.ArrayEnd()
	w.Key("fee_bps")
	w.Uint64(uint64(c.FeeBps))
	w.Key("fee_recipient")
	w.String(c.FeeRecipient)
	w.Key("harvest_interval")
	w.Uint64(c.HarvestInterval)
	w.Key("max_spread")
	c.MaxSpread.EncodeJSON(w)
	w.Key("twap_window")
	w.Uint64(c.TwapWindow)
	w.Key("unbond_epoch")
	w.Uint64(c.UnbondEpoch)
	w.Key("pending_owner")
	if c.PendingOwner == "" {
		w.Null()
	} else {
		w.String(c.PendingOwner)
	}
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (c *Config) decode(b []byte, strict bool) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		var err error
		switch key {
		case "owner":
			if !r.Null() {
				c.Owner, err = r.String()
			}
		case "asset_denom":
			c.AssetDenom, err = r.String()
		case "validators":
			err = decodeStrings(r, &c.Validators)
		case "routes":
			err = decodeRoutes(r, &c.Routes, strict)
		case "fee_bps":
			c.FeeBps, err = r.Uint32()
		case "fee_recipient":
			c.FeeRecipient, err = r.String()
		case "harvest_interval":
			c.HarvestInterval, err = r.Uint64()
		case "max_spread":
			err = c.MaxSpread.DecodeJSON(r)
		case "twap_window":
			c.TwapWindow, err = r.Uint64()
		case "unbond_epoch":
			c.UnbondEpoch, err = r.Uint64()
		case "pending_owner":
			if strict {
				return cwjson.UnknownField(key)
			}
			if !r.Null() {
				c.PendingOwner, err = r.String()
			}
		default:
			err = skipOrFail(r, key, strict)
		}
		return err
	})
	if err != nil {
		return err
	}
	return r.End()
}

// UnmarshalJSON reads stored state leniently.
func (c *Config) UnmarshalJSON(b []byte) error { return c.decode(b, false) }

// InstantiateMsg is a Config decoded strictly.
type InstantiateMsg struct{ Config }

func (m *InstantiateMsg) UnmarshalJSON(b []byte) error { return m.Config.decode(b, true) }

// ExecuteMsg is one of
//
//	{"deposit":{}}                                  with the asset as funds
//	{"withdraw":{"shares":"100"}}                   queue shares in the current withdrawal batch
//	{"process_withdrawals":{}}                      anyone, once per unbond_epoch: unbond the batch
//	{"claim":{}}                                    collect unbonded withdrawals
//	{"harvest":{}}                                  anyone, at most once per harvest_interval
//	{"observe":{}}                                  anyone: price observations for routes lacking a fresh one
//	{"transfer":{"recipient":"addr","amount":"5"}}  move vault shares
//	{"update_config":{"fee_bps":..,"fee_recipient":..,"max_spread":..,"harvest_interval":..,"twap_window":..,"routes":..,"validators":..,"unbond_epoch":..}}
//	{"transfer_ownership":{"new_owner":"addr"}}     owner: propose a new owner
//	{"accept_ownership":{}}                         the proposed owner takes over
//	{"cancel_ownership_transfer":{}}                owner: withdraw the proposal
type ExecuteMsg struct {
	Observe            *struct{}
	Deposit            *struct{}
	Withdraw           *std.Uint128
	ProcessWithdrawals *struct{}
	Claim              *struct{}
	Harvest            *struct{}
	Transfer           *TransferMsg
	UpdateConfig       *UpdateConfigMsg
	TransferOwnership  *string
	AcceptOwnership    *struct{}
	CancelOwnership    *struct{}
}

type TransferMsg struct {
	Recipient string
	Amount    std.Uint128
}

// UpdateConfigMsg changes the fields that are set (the owner only). The owner changes with
// transfer_ownership and accept_ownership instead (two steps: a typo cannot lose the vault).
type UpdateConfigMsg struct {
	Validators      *[]string
	UnbondEpoch     *uint64
	FeeBps          *uint32
	FeeRecipient    *string
	HarvestInterval *uint64
	MaxSpread       *std.Decimal
	TwapWindow      *uint64
	Routes          *[]Route
}

func (m *ExecuteMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "deposit":
			m.Deposit = &struct{}{}
			return r.EmptyObject()
		case "claim":
			m.Claim = &struct{}{}
			return r.EmptyObject()
		case "harvest":
			m.Harvest = &struct{}{}
			return r.EmptyObject()
		case "observe":
			m.Observe = &struct{}{}
			return r.EmptyObject()
		case "process_withdrawals":
			m.ProcessWithdrawals = &struct{}{}
			return r.EmptyObject()
		case "accept_ownership":
			m.AcceptOwnership = &struct{}{}
			return r.EmptyObject()
		case "cancel_ownership_transfer":
			m.CancelOwnership = &struct{}{}
			return r.EmptyObject()
		case "transfer_ownership":
			var owner string
			seen := false
			err := r.Object(func(key string) error {
				if key == "new_owner" {
					seen = true
					var err error
					owner, err = r.String()
					return err
				}
				return cwjson.UnknownField(key)
			})
			if err == nil && !seen {
				err = errors.New("transfer_ownership needs new_owner")
			}
			m.TransferOwnership = &owner
			return err
		case "withdraw":
			m.Withdraw = &std.Uint128{}
			seen := false
			err := r.Object(func(key string) error {
				if key == "shares" {
					seen = true
					return m.Withdraw.DecodeJSON(r)
				}
				return cwjson.UnknownField(key)
			})
			if err == nil && !seen {
				err = errors.New("withdraw needs shares")
			}
			return err
		case "transfer":
			m.Transfer = &TransferMsg{}
			return r.Object(func(key string) error {
				var err error
				switch key {
				case "recipient":
					m.Transfer.Recipient, err = r.String()
				case "amount":
					err = m.Transfer.Amount.DecodeJSON(r)
				default:
					err = cwjson.UnknownField(key)
				}
				return err
			})
		case "update_config":
			u := &UpdateConfigMsg{}
			m.UpdateConfig = u
			return r.Object(func(key string) error {
				if r.Null() {
					return nil
				}
				var err error
				switch key {
				case "validators":
					var v []string
					err = decodeStrings(r, &v)
					u.Validators = &v
				case "unbond_epoch":
					var v uint64
					v, err = r.Uint64()
					u.UnbondEpoch = &v
				case "fee_recipient":
					err = optString(r, &u.FeeRecipient)
				case "fee_bps":
					var v uint32
					v, err = r.Uint32()
					u.FeeBps = &v
				case "harvest_interval":
					var v uint64
					v, err = r.Uint64()
					u.HarvestInterval = &v
				case "twap_window":
					var v uint64
					v, err = r.Uint64()
					u.TwapWindow = &v
				case "max_spread":
					var v std.Decimal
					err = v.DecodeJSON(r)
					u.MaxSpread = &v
				case "routes":
					var v []Route
					err = decodeRoutes(r, &v, true)
					u.Routes = &v
				default:
					err = cwjson.UnknownField(key)
				}
				return err
			})
		}
		return cwjson.UnknownVariant(name)
	})
	if err != nil {
		return err
	}
	return r.End()
}

// QueryMsg is {"config":{}}, {"state":{}}, {"position":{"address":".."}},
// {"claims":{"address":".."}}, {"balance":{"address":".."}} (cw20) or {"apr":{}}.
type QueryMsg struct {
	Config   *struct{}
	State    *struct{}
	Apr      *struct{}
	Position *string
	Claims   *string
	Balance  *string
}

func (m *QueryMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		addr := func(dst **string) error {
			var s string
			seen := false
			err := r.Object(func(key string) error {
				if key == "address" {
					seen = true
					var err error
					s, err = r.String()
					return err
				}
				return cwjson.UnknownField(key)
			})
			if err == nil && !seen {
				err = errors.New(name + " needs address")
			}
			*dst = &s
			return err
		}
		switch name {
		case "config":
			m.Config = &struct{}{}
			return r.EmptyObject()
		case "state":
			m.State = &struct{}{}
			return r.EmptyObject()
		case "apr":
			m.Apr = &struct{}{}
			return r.EmptyObject()
		case "position":
			return addr(&m.Position)
		case "claims":
			return addr(&m.Claims)
		case "balance":
			return addr(&m.Balance)
		}
		return cwjson.UnknownVariant(name)
	})
	if err != nil {
		return err
	}
	return r.End()
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

// HarvestRecord is one completed harvest: its time (ns) and the exchange rate after it.
type HarvestRecord struct {
	Time std.Timestamp
	Rate std.Decimal
}

// History keeps the last maxHistory harvests: {"harvests":[{"time":"..","rate":".."}]}.
type History struct{ Harvests []HarvestRecord }

func (h History) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(32 + 80*len(h.Harvests))
	w.ObjectStart()
	w.Key("harvests")
	w.ArrayStart()
	for _, e := range h.Harvests {
		w.ObjectStart()
		w.Key("time")
		w.String(uintString(uint64(e.Time)))
		w.Key("rate")
		e.Rate.EncodeJSON(w)
		w.ObjectEnd()
	}
	w.ArrayEnd()
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (h *History) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		if key != "harvests" {
			return r.Skip()
		}
		return r.Array(func() error {
			var e HarvestRecord
			err := r.Object(func(k string) error {
				switch k {
				case "time":
					v, err := r.Uint64String()
					e.Time = std.Timestamp(v)
					return err
				case "rate":
					return e.Rate.DecodeJSON(r)
				}
				return r.Skip()
			})
			h.Harvests = append(h.Harvests, e)
			return err
		})
	})
	if err != nil {
		return err
	}
	return r.End()
}

// PendingSwap is one swap of a harvest in flight, with the pair's oracle reading that becomes the
// route's observation when the harvest completes.
type PendingSwap struct {
	Denom      string
	Offer      std.Uint128
	MinReceive std.Uint128
	Oracle     Observation
}

// Observation is a route's pair oracle reading: {"pair":"addr","cumulative":"..",
// "liquid_seconds":"..","time":"<Unix s>","price":".."} — the cumulative price of the reward
// denom in the asset (10^-18 units × seconds, mod 2^128) and the pair's seconds with liquidity, at
// time; price is the TWAP (10^-18 units) of the window that ended at this reading when a harvest
// or observe measured one, else 0. Deposits price rewards with it while the window since the
// reading is shorter than twap_window (main.go, routeWorth).
type Observation struct {
	Pair          string
	Cumulative    std.Uint128
	LiquidSeconds uint64
	Time          uint64
	Price         std.Uint128
}

func (o Observation) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("pair")
	w.String(o.Pair)
	w.Key("cumulative")
	o.Cumulative.EncodeJSON(w)
	w.Key("liquid_seconds")
	w.String(uintString(o.LiquidSeconds))
	w.Key("time")
	w.String(uintString(o.Time))
	w.Key("price")
	o.Price.EncodeJSON(w)
	w.ObjectEnd()
}

func (o Observation) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(200)
	o.encode(w)
	return w.Bytes(), nil
}

func (o *Observation) decode(r *cwjson.Reader) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "pair":
			o.Pair, err = r.String()
		case "cumulative":
			err = o.Cumulative.DecodeJSON(r)
		case "liquid_seconds":
			o.LiquidSeconds, err = r.Uint64String()
		case "time":
			o.Time, err = r.Uint64String()
		case "price":
			err = o.Price.DecodeJSON(r)
		default:
			err = r.Skip()
		}
		return err
	})
}

func (o *Observation) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	if err := o.decode(r); err != nil {
		return err
	}
	return r.End()
}

// Harvesting is the state of a harvest between its sub-messages (removed when it completes; the
// whole harvest is one transaction, so it never outlives it):
// {"claims_left":2,"staked":"..","claimed":[coins],"swaps":[..],"next_swap":0,"asset_mark":"..",
// "received":"..","fees":[coins]}.
type Harvesting struct {
	ClaimsLeft uint32
	Staked     std.Uint128
	Claimed    []std.Coin
	Fees       []std.Coin
	Swaps      []PendingSwap
	NextSwap   uint32
	AssetMark  std.Uint128
	Received   std.Uint128
}

func encodeCoins(w *cwjson.Writer, cs []std.Coin) {
	w.ArrayStart()
	for _, c := range cs {
		c.EncodeJSON(w)
	}
	w.ArrayEnd()
}

func decodeCoins(r *cwjson.Reader, out *[]std.Coin) error {
	return r.Array(func() error {
		var c std.Coin
		err := c.DecodeJSON(r)
		*out = append(*out, c)
		return err
	})
}

func (h Harvesting) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256)
	w.ObjectStart()
	w.Key("claims_left")
	w.Uint64(uint64(h.ClaimsLeft))
	w.Key("staked")
	h.Staked.EncodeJSON(w)
	w.Key("claimed")
	encodeCoins(w, h.Claimed)
	w.Key("fees")
	encodeCoins(w, h.Fees)
	w.Key("swaps")
	w.ArrayStart()
	for _, s := range h.Swaps {
		w.ObjectStart()
		w.Key("denom")
		w.String(s.Denom)
		w.Key("offer")
		s.Offer.EncodeJSON(w)
		w.Key("min_receive")
		s.MinReceive.EncodeJSON(w)
		w.Key("oracle")
		s.Oracle.encode(w)
		w.ObjectEnd()
	}
	w.ArrayEnd()
	w.Key("next_swap")
	w.Uint64(uint64(h.NextSwap))
	w.Key("asset_mark")
	h.AssetMark.EncodeJSON(w)
	w.Key("received")
	h.Received.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (h *Harvesting) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		var err error
		switch key {
		case "claims_left":
			h.ClaimsLeft, err = r.Uint32()
		case "staked":
			err = h.Staked.DecodeJSON(r)
		case "claimed":
			err = decodeCoins(r, &h.Claimed)
		case "fees":
			err = decodeCoins(r, &h.Fees)
		case "swaps":
			err = r.Array(func() error {
				var s PendingSwap
				err := r.Object(func(k string) error {
					var err error
					switch k {
					case "denom":
						s.Denom, err = r.String()
					case "offer":
						err = s.Offer.DecodeJSON(r)
					case "min_receive":
						err = s.MinReceive.DecodeJSON(r)
					case "oracle":
						err = s.Oracle.decode(r)
					default:
						err = r.Skip()
					}
					return err
				})
				h.Swaps = append(h.Swaps, s)
				return err
			})
		case "next_swap":
			h.NextSwap, err = r.Uint32()
		case "asset_mark":
			err = h.AssetMark.DecodeJSON(r)
		case "received":
			err = h.Received.DecodeJSON(r)
		default:
			err = r.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	return r.End()
}

// ---- pair messages (the Astroport subset) ----

func encodeOfferAsset(w *cwjson.Writer, denom string, amount std.Uint128) {
	w.ObjectStart()
	w.Key("info")
	w.ObjectStart()
	w.Key("native_token")
	w.ObjectStart()
	w.Key("denom")
	w.String(denom)
	w.ObjectEnd()
	w.ObjectEnd()
	w.Key("amount")
	amount.EncodeJSON(w)
	w.ObjectEnd()
}

// simulationQuery is {"simulation":{"offer_asset":{..}}}.
type simulationQuery struct {
	Denom  string
	Amount std.Uint128
}

func (q simulationQuery) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(128)
	w.ObjectStart()
	w.Key("simulation")
	w.ObjectStart()
	w.Key("offer_asset")
	encodeOfferAsset(w, q.Denom, q.Amount)
	w.ObjectEnd()
	w.ObjectEnd()
	return w.Bytes(), nil
}

// simulationResponse reads {"return_amount","spread_amount","commission_amount"} (other fields
// skipped: real pairs add some).
type simulationResponse struct {
	ReturnAmount, SpreadAmount, CommissionAmount std.Uint128
}

func (s *simulationResponse) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	var seen int
	err := r.Object(func(key string) error {
		switch key {
		case "return_amount":
			seen++
			return s.ReturnAmount.DecodeJSON(r)
		case "spread_amount":
			seen++
			return s.SpreadAmount.DecodeJSON(r)
		case "commission_amount":
			seen++
			return s.CommissionAmount.DecodeJSON(r)
		}
		return r.Skip()
	})
	if err == nil && seen != 3 {
		err = errors.New("simulation answer lacks return_amount, spread_amount or commission_amount")
	}
	if err != nil {
		return err
	}
	return r.End()
}

// cumulativePricesQuery is {"cumulative_prices":{}}.
type cumulativePricesQuery struct{}

func (cumulativePricesQuery) MarshalJSON() ([]byte, error) {
	return []byte(`{"cumulative_prices":{}}`), nil
}

// cumulativePricesResponse reads the pair's {"denoms":[a,b],"cumulative":[c0,c1],
// "liquid_seconds":"n","time":"t"} (other fields skipped).
type cumulativePricesResponse struct {
	Denoms        []string
	Cumulative    []std.Uint128
	LiquidSeconds uint64
	seen          bool
}

func (c *cumulativePricesResponse) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		switch key {
		case "denoms":
			return decodeStrings(r, &c.Denoms)
		case "cumulative":
			return r.Array(func() error {
				var v std.Uint128
				err := v.DecodeJSON(r)
				c.Cumulative = append(c.Cumulative, v)
				return err
			})
		case "liquid_seconds":
			c.seen = true
			var err error
			c.LiquidSeconds, err = r.Uint64String()
			return err
		}
		return r.Skip()
	})
	if err == nil && (len(c.Denoms) != 2 || len(c.Cumulative) != 2 || !c.seen) {
		err = errors.New("cumulative prices answer lacks two denoms, two cumulative prices or liquid_seconds")
	}
	if err != nil {
		return err
	}
	return r.End()
}

// swapMsg is {"swap":{"offer_asset":{..},"belief_price":"..","max_spread":"..","to":null}}.
type swapMsg struct {
	Denom       string
	Amount      std.Uint128
	BeliefPrice std.Decimal
	MaxSpread   std.Decimal
}

func (s swapMsg) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(192)
	w.ObjectStart()
	w.Key("swap")
	w.ObjectStart()
	w.Key("offer_asset")
	encodeOfferAsset(w, s.Denom, s.Amount)
	w.Key("belief_price")
	s.BeliefPrice.EncodeJSON(w)
	w.Key("max_spread")
	s.MaxSpread.EncodeJSON(w)
	w.Key("to")
	w.Null()
	w.ObjectEnd()
	w.ObjectEnd()
	return w.Bytes(), nil
}

// ---- query responses ----

// StateResponse is {"total_staked":"..","total_shares":"..","queued_shares":"..",
// "exchange_rate":"..","last_harvest":"<ns>"|null,"batch":N,"processable_from":"<ns>"}:
// exchange_rate is total_staked / (total_shares + queued_shares) (queued shares still own their
// part of the stake until their batch is processed); batch is the open withdrawal batch and
// processable_from the earliest time process_withdrawals may unbond it.
type StateResponse struct {
	TotalStaked     std.Uint128
	TotalShares     std.Uint128
	QueuedShares    std.Uint128
	ExchangeRate    std.Decimal
	LastHarvest     std.Timestamp // 0: never
	Batch           uint64
	ProcessableFrom uint64
}

func (s StateResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256)
	w.ObjectStart()
	w.Key("total_staked")
	s.TotalStaked.EncodeJSON(w)
	w.Key("total_shares")
	s.TotalShares.EncodeJSON(w)
	w.Key("queued_shares")
	s.QueuedShares.EncodeJSON(w)
	w.Key("exchange_rate")
	s.ExchangeRate.EncodeJSON(w)
	w.Key("last_harvest")
	if s.LastHarvest == 0 {
		w.Null()
	} else {
		w.String(uintString(uint64(s.LastHarvest)))
	}
	w.Key("batch")
	w.Uint64(s.Batch)
	w.Key("processable_from")
	w.String(uintString(s.ProcessableFrom))
	w.ObjectEnd()
	return w.Bytes(), nil
}

// PositionResponse is {"shares":"..","value":"..","claims":[..]}: value is what the shares are
// worth now (floor(shares · total_staked / (total_shares + queued_shares))).
type PositionResponse struct {
	Shares std.Uint128
	Value  std.Uint128
	Claims []ClaimInfo
}

func (p PositionResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(128 + 160*len(p.Claims))
	w.ObjectStart()
	w.Key("shares")
	p.Shares.EncodeJSON(w)
	w.Key("value")
	p.Value.EncodeJSON(w)
	w.Key("claims")
	encodeClaims(w, p.Claims)
	w.ObjectEnd()
	return w.Bytes(), nil
}

func encodeClaims(w *cwjson.Writer, cs []ClaimInfo) {
	w.ArrayStart()
	for _, c := range cs {
		c.encode(w)
	}
	w.ArrayEnd()
}

// ClaimsResponse is {"claims":[..]}.
type ClaimsResponse struct{ Claims []ClaimInfo }

func (c ClaimsResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(32 + 160*len(c.Claims))
	w.ObjectStart()
	w.Key("claims")
	encodeClaims(w, c.Claims)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// BalanceResponse is cw20's {"balance":".."}.
type BalanceResponse struct{ Balance std.Uint128 }

func (b BalanceResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(48)
	w.ObjectStart()
	w.Key("balance")
	b.Balance.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// AprResponse is {"apr":"0.12"|null,"from":"<ns>"|null,"to":"<ns>"|null}.
type AprResponse struct {
	Apr      *std.Decimal
	From, To std.Timestamp
}

func (a AprResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(96)
	w.ObjectStart()
	w.Key("apr")
	if a.Apr == nil {
		w.Null()
	} else {
		a.Apr.EncodeJSON(w)
	}
	for _, kv := range []struct {
		k string
		v std.Timestamp
	}{{"from", a.From}, {"to", a.To}} {
		w.Key(kv.k)
		if kv.v == 0 {
			w.Null()
		} else {
			w.String(uintString(uint64(kv.v)))
		}
	}
	w.ObjectEnd()
	return w.Bytes(), nil
}
