package main

// Messages, responses and state of the counter, with hand-written JSON codecs (cwjson): this
// keeps encoding/json's reflection out of the wasm (see contracts/std/cwjson). Message decoders
// are strict — unknown fields and variants are errors, as with cosmwasm's #[cw_serde].

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// InstantiateMsg is {"count":"5","denom":"ustake"}.
type InstantiateMsg struct {
	Count std.Uint128
	Denom string
}

func (m *InstantiateMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		var err error
		switch key {
		case "count":
			err = m.Count.DecodeJSON(r)
		case "denom":
			m.Denom, err = r.String()
		default:
			err = cwjson.UnknownField(key)
		}
		return err
	})
	if err != nil {
		return err
	}
	return r.End()
}

// ExecuteMsg is one of {"increment":{}}, {"reset":{"count":"0"}}, {"forward":{"to":"addr"}},
// {"check_balance":{}}.
type ExecuteMsg struct {
	Increment    *struct{}
	Reset        *ResetMsg
	Forward      *ForwardMsg
	CheckBalance *struct{}
}

type ResetMsg struct{ Count std.Uint128 }
type ForwardMsg struct{ To string }

func (m *ExecuteMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "increment":
			m.Increment = &struct{}{}
			return r.EmptyObject()
		case "check_balance":
			m.CheckBalance = &struct{}{}
			return r.EmptyObject()
		case "reset":
			m.Reset = &ResetMsg{}
			return r.Object(func(key string) error {
				if key == "count" {
					return m.Reset.Count.DecodeJSON(r)
				}
				return cwjson.UnknownField(key)
			})
		case "forward":
			m.Forward = &ForwardMsg{}
			return r.Object(func(key string) error {
				var err error
				if key == "to" {
					m.Forward.To, err = r.String()
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

// QueryMsg is {"count":{}} or {"tally":{"start_after":"addr"|null,"limit":10|null}}.
type QueryMsg struct {
	Count *struct{}
	Tally *TallyQuery
}

type TallyQuery struct {
	StartAfter string
	Limit      uint32
}

func (m *QueryMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "count":
			m.Count = &struct{}{}
			return r.EmptyObject()
		case "tally":
			m.Tally = &TallyQuery{}
			return r.Object(func(key string) error {
				var err error
				switch key {
				case "start_after":
					if !r.Null() {
						m.Tally.StartAfter, err = r.String()
					}
				case "limit":
					if !r.Null() {
						m.Tally.Limit, err = r.Uint32()
					}
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

// CountResponse is {"count":"6","owner":"..","forwarded":"0"}.
type CountResponse struct {
	Count     std.Uint128
	Owner     string
	Forwarded std.Uint128
}

func (c CountResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(128)
	w.ObjectStart()
	w.Key("count")
	c.Count.EncodeJSON(w)
	w.Key("owner")
	w.String(c.Owner)
	w.Key("forwarded")
	c.Forwarded.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// TallyResponse is {"entries":[{"address":"..","count":"2"}]}.
type TallyResponse struct {
	Entries []TallyEntry
}

type TallyEntry struct {
	Address string
	Count   std.Uint128
}

func (t TallyResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(64 + 96*len(t.Entries))
	w.ObjectStart()
	w.Key("entries")
	w.ArrayStart()
	for _, e := range t.Entries {
		w.ObjectStart()
		w.Key("address")
		w.String(e.Address)
		w.Key("count")
		e.Count.EncodeJSON(w)
		w.ObjectEnd()
	}
	w.ArrayEnd()
	w.ObjectEnd()
	return w.Bytes(), nil
}

// Config is the stored state: {"owner":"..","count":"5","denom":"ustake"}.
type Config struct {
	Owner string
	Count std.Uint128
	Denom string
}

func (c Config) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(128)
	w.ObjectStart()
	w.Key("owner")
	w.String(c.Owner)
	w.Key("count")
	c.Count.EncodeJSON(w)
	w.Key("denom")
	w.String(c.Denom)
	w.ObjectEnd()
	return w.Bytes(), nil
}

// UnmarshalJSON skips unknown fields: stored state may gain fields in a later version.
func (c *Config) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Object(func(key string) error {
		var err error
		switch key {
		case "owner":
			c.Owner, err = r.String()
		case "count":
			err = c.Count.DecodeJSON(r)
		case "denom":
			c.Denom, err = r.String()
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
