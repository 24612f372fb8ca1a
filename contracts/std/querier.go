package std

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// ChainQuerier sends a raw QueryRequest JSON to the chain and returns the raw SystemResult JSON
// ({"ok":{"ok":"<b64>"}} etc.). The VM's query_chain import and the mock querier implement it.
type ChainQuerier interface {
	QueryChain(request []byte) []byte
}

// Querier wraps a ChainQuerier with typed helpers for the standard queries.
type Querier struct {
	Chain ChainQuerier
}

// QueryError is a query that the chain or the queried contract refused.
type QueryError struct {
	// System is true when the chain itself could not run the query (unknown contract,
	// unsupported request, ...); false when the query ran and returned an error.
	System bool
	Msg    string
}

func (e *QueryError) Error() string {
	if e.System {
		return "querier system error: " + e.Msg
	}
	return "querier contract error: " + e.Msg
}

// Raw sends request JSON and returns the response bytes (JSON for all but raw and gRPC queries).
func (q Querier) Raw(request []byte) ([]byte, error) {
	if q.Chain == nil {
		return nil, errors.New("no querier")
	}
	return parseSystemResult(q.Chain.QueryChain(request))
}

// parseSystemResult unwraps SystemResult<ContractResult<Binary>>.
func parseSystemResult(b []byte) ([]byte, error) {
	var out []byte
	var qerr *QueryError
	r := cwjson.NewReader(b)
	f := r.Enum("ok error ")
	for f.Next() {
		if f.I == 1 {
			// SystemError is itself an enum ({"no_such_contract":{"addr":".."}}, ...): keep its JSON
			// as the message, it is what a developer needs to see.
			raw, err := r.Raw()
			qerr, f.Err = &QueryError{System: true, Msg: string(raw)}, err
			continue
		}
		g := r.Enum("ok error ")
		for g.Next() {
			if g.I == 0 {
				out, g.Err = r.Binary()
			} else {
				qerr = &QueryError{}
				g.Err = r.StringTo(&qerr.Msg)
			}
		}
		f.Err = g.Err
	}
	err := f.Err
	if err == nil {
		err = r.End()
	}
	if err != nil {
		return nil, errors.New("cannot parse querier response: " + err.Error())
	}
	if qerr != nil {
		return nil, qerr
	}
	return out, nil
}

func (q Querier) run(build func(w *cwjson.Writer), out cwjson.Decodable) error {
	w := cwjson.NewWriter(128)
	build(w)
	res, err := q.Raw(w.Bytes())
	if err != nil {
		return err
	}
	return cwjson.Unmarshal(res, out)
}

// request writes {"<module>":{"<query>":{<fields>}}}.
func request(w *cwjson.Writer, module, query string, fields ...string) {
	w.ObjectStart()
	w.Key(module)
	w.ObjectStart()
	w.Key(query)
	w.ObjectStart()
	for i := 0; i+1 < len(fields); i += 2 {
		w.Key(fields[i])
		w.String(fields[i+1])
	}
	w.ObjectEnd()
	w.ObjectEnd()
	w.ObjectEnd()
}

// decodeFunc adapts a function to cwjson.Decodable.
type decodeFunc func(r *cwjson.Reader) error

func (f decodeFunc) DecodeJSON(r *cwjson.Reader) error { return f(r) }

// fieldDecoder reads an object, handing the value of one key to read and skipping the others;
// field is a cwjson.Lookup list of that one name ("amount ").
func fieldDecoder(field string, read func(r *cwjson.Reader) error) decodeFunc {
	return func(r *cwjson.Reader) error {
		f := r.Struct(field, 0, false)
		for f.Next() {
			f.Err = read(r)
		}
		return f.Err
	}
}

// QueryBalance returns the balance of one denom ({"bank":{"balance":..}}).
func (q Querier) QueryBalance(address, denom string) (Coin, error) {
	var c Coin
	err := q.run(func(w *cwjson.Writer) { request(w, "bank", "balance", "address", address, "denom", denom) },
		fieldDecoder("amount ", c.DecodeJSON))
	return c, err
}

// QueryAllBalances returns every balance of an address.
func (q Querier) QueryAllBalances(address string) ([]Coin, error) {
	var cs []Coin
	err := q.run(func(w *cwjson.Writer) { request(w, "bank", "all_balances", "address", address) },
		fieldDecoder("amount ", func(r *cwjson.Reader) (err error) { cs, err = decodeCoins(r); return }))
	return cs, err
}

// QueryBondedDenom returns the staking denom.
func (q Querier) QueryBondedDenom() (string, error) {
	var d string
	err := q.run(func(w *cwjson.Writer) { request(w, "staking", "bonded_denom") },
		fieldDecoder("denom ", func(r *cwjson.Reader) error { return r.StringTo(&d) }))
	return d, err
}

// Validator is a bonded validator as the staking query reports it.
type Validator struct {
	Address       string
	Commission    Decimal
	MaxCommission Decimal
	MaxChangeRate Decimal
}

func (v *Validator) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("address commission max_commission max_change_rate ", 0, false)
	for f.Next() {
		switch f.I {
		case 0:
			f.Err = r.StringTo(&v.Address)
		case 1:
			f.Err = v.Commission.DecodeJSON(r)
		case 2:
			f.Err = v.MaxCommission.DecodeJSON(r)
		case 3:
			f.Err = v.MaxChangeRate.DecodeJSON(r)
		}
	}
	return f.Err
}

// QueryValidator returns a validator, or nil if it is not bonded.
func (q Querier) QueryValidator(address string) (*Validator, error) {
	var v *Validator
	err := q.run(func(w *cwjson.Writer) { request(w, "staking", "validator", "address", address) },
		fieldDecoder("validator ", func(r *cwjson.Reader) error {
			if r.Null() {
				return nil
			}
			v = &Validator{}
			return v.DecodeJSON(r)
		}))
	return v, err
}

// QueryAllValidators returns the bonded validators.
func (q Querier) QueryAllValidators() ([]Validator, error) {
	var vs []Validator
	err := q.run(func(w *cwjson.Writer) { request(w, "staking", "all_validators") },
		fieldDecoder("validators ", func(r *cwjson.Reader) error {
			f := r.List(-1, "")
			for f.Next() {
				var v Validator
				f.Err = v.DecodeJSON(r)
				vs = append(vs, v)
			}
			return f.Err
		}))
	return vs, err
}

// Delegation is a delegator's stake with one validator.
type Delegation struct {
	Delegator string
	Validator string
	Amount    Coin
}

// FullDelegation adds what is redelegatable and the pending rewards.
type FullDelegation struct {
	Delegation
	CanRedelegate      Coin
	AccumulatedRewards []Coin
}

func (d *FullDelegation) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("delegator validator amount can_redelegate accumulated_rewards ", 0, false)
	for f.Next() {
		switch f.I {
		case 0:
			f.Err = r.StringTo(&d.Delegator)
		case 1:
			f.Err = r.StringTo(&d.Validator)
		case 2:
			f.Err = d.Amount.DecodeJSON(r)
		case 3:
			f.Err = d.CanRedelegate.DecodeJSON(r)
		case 4:
			d.AccumulatedRewards, f.Err = decodeCoins(r)
		}
	}
	return f.Err
}

// QueryDelegation returns one delegation, or nil if there is none.
func (q Querier) QueryDelegation(delegator, validator string) (*FullDelegation, error) {
	var d *FullDelegation
	err := q.run(func(w *cwjson.Writer) {
		request(w, "staking", "delegation", "delegator", delegator, "validator", validator)
	}, fieldDecoder("delegation ", func(r *cwjson.Reader) error {
		if r.Null() {
			return nil
		}
		d = &FullDelegation{}
		return d.DecodeJSON(r)
	}))
	return d, err
}

// QueryAllDelegations returns all delegations of a delegator.
func (q Querier) QueryAllDelegations(delegator string) ([]Delegation, error) {
	var ds []Delegation
	err := q.run(func(w *cwjson.Writer) { request(w, "staking", "all_delegations", "delegator", delegator) },
		fieldDecoder("delegations ", func(r *cwjson.Reader) error {
			f := r.List(-1, "")
			for f.Next() {
				var d FullDelegation
				f.Err = d.DecodeJSON(r)
				ds = append(ds, d.Delegation)
			}
			return f.Err
		}))
	return ds, err
}

// QueryWasmSmart runs a smart query on another contract and decodes its JSON answer into out.
func (q Querier) QueryWasmSmart(contract string, msg JSONMarshaler, out JSONUnmarshaler) error {
	m, err := msg.MarshalJSON()
	if err != nil {
		return err
	}
	w := cwjson.NewWriter(64 + len(m)*4/3)
	w.ObjectStart()
	w.Key("wasm")
	w.ObjectStart()
	w.Key("smart")
	w.ObjectStart()
	w.Key("contract_addr")
	w.String(contract)
	w.Key("msg")
	w.Binary(m)
	w.ObjectEnd()
	w.ObjectEnd()
	w.ObjectEnd()
	res, err := q.Raw(w.Bytes())
	if err != nil {
		return err
	}
	return out.UnmarshalJSON(res)
}

// QueryWasmRaw reads a key of another contract's storage; absent keys give an empty value.
func (q Querier) QueryWasmRaw(contract string, key []byte) ([]byte, error) {
	w := cwjson.NewWriter(64)
	w.ObjectStart()
	w.Key("wasm")
	w.ObjectStart()
	w.Key("raw")
	w.ObjectStart()
	w.Key("contract_addr")
	w.String(contract)
	w.Key("key")
	w.Binary(key)
	w.ObjectEnd()
	w.ObjectEnd()
	w.ObjectEnd()
	return q.Raw(w.Bytes())
}

// QueryCustom sends {"custom": request} (a chain-specific query such as the alliance bindings')
// and decodes the answer into R.
//
//	res, err := std.QueryCustom[bindings.AllianceResponse](deps.Querier, bindings.AllianceQuery{...})
func QueryCustom[R any, PR interface {
	*R
	JSONUnmarshaler
}](q Querier, request JSONMarshaler) (R, error) {
	var out R
	m, err := request.MarshalJSON()
	if err != nil {
		return out, err
	}
	w := cwjson.NewWriter(16 + len(m))
	w.ObjectStart()
	w.Key("custom")
	w.Raw(m)
	w.ObjectEnd()
	res, err := q.Raw(w.Bytes())
	if err != nil {
		return out, err
	}
	err = PR(&out).UnmarshalJSON(res)
	return out, err
}
