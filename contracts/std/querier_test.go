package std

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

func TestQuerierStandardQueries(t *testing.T) {
	m := NewMock()
	q := m.Deps().Querier
	addr := m.API.Addr("holder")
	m.Querier.SetBalance(addr, NewCoin(5, "ustake"), Coin{Denom: "uatom", Amount: Uint128Max})
	m.Querier.BondedDenom = "ustake"
	m.Querier.Validators = []Validator{{Address: "val1", Commission: DecimalFromAtomics(NewUint128(50_000_000_000_000_000)),
		MaxCommission: DecimalOne(), MaxChangeRate: DecimalFromAtomics(NewUint128(10_000_000_000_000_000))}}
	m.Querier.Delegations = []FullDelegation{{Delegation: Delegation{Delegator: addr, Validator: "val1", Amount: NewCoin(7, "ustake")},
		CanRedelegate: NewCoin(3, "ustake"), AccumulatedRewards: []Coin{NewCoin(1, "ustake")}}}

	c, err := q.QueryBalance(addr, "uatom")
	if err != nil || c != (Coin{Denom: "uatom", Amount: Uint128Max}) {
		t.Fatalf("balance: %+v %v", c, err)
	}
	if got := string(m.Querier.Requests[0]); got != `{"bank":{"balance":{"address":"`+addr+`","denom":"uatom"}}}` {
		t.Fatalf("request: %s", got)
	}
	if c, _ := q.QueryBalance(addr, "none"); c != (Coin{Denom: "none"}) {
		t.Fatalf("zero balance: %+v", c)
	}
	all, err := q.QueryAllBalances(addr)
	if err != nil || len(all) != 2 || all[0] != NewCoin(5, "ustake") {
		t.Fatalf("all balances: %+v %v", all, err)
	}
	if d, err := q.QueryBondedDenom(); err != nil || d != "ustake" {
		t.Fatalf("bonded denom: %q %v", d, err)
	}
	v, err := q.QueryValidator("val1")
	if err != nil || v == nil || v.Commission.String() != "0.05" || v.MaxChangeRate.String() != "0.01" || v.MaxCommission.String() != "1" {
		t.Fatalf("validator: %+v %v", v, err)
	}
	if v, err := q.QueryValidator("nope"); err != nil || v != nil {
		t.Fatalf("missing validator: %+v %v", v, err)
	}
	vs, err := q.QueryAllValidators()
	if err != nil || len(vs) != 1 || vs[0].Address != "val1" {
		t.Fatalf("validators: %+v %v", vs, err)
	}
	d, err := q.QueryDelegation(addr, "val1")
	want := &FullDelegation{Delegation: Delegation{Delegator: addr, Validator: "val1", Amount: NewCoin(7, "ustake")},
		CanRedelegate: NewCoin(3, "ustake"), AccumulatedRewards: []Coin{NewCoin(1, "ustake")}}
	if err != nil || !reflect.DeepEqual(d, want) {
		t.Fatalf("delegation: %+v %v", d, err)
	}
	if d, err := q.QueryDelegation(addr, "val2"); err != nil || d != nil {
		t.Fatalf("no delegation: %+v %v", d, err)
	}
	ds, err := q.QueryAllDelegations(addr)
	if err != nil || len(ds) != 1 || ds[0] != want.Delegation {
		t.Fatalf("all delegations: %+v %v", ds, err)
	}
}

// A custom query and response shaped like a chain binding's (standard-library-only types that
// hand-write their JSON methods).
type pingQuery struct{ N uint64 }

func (p pingQuery) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(32)
	w.ObjectStart()
	w.Key("ping")
	w.ObjectStart()
	w.Key("n")
	w.Uint64(p.N)
	w.ObjectEnd()
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (p *pingQuery) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(string) error {
		return r.Object(func(string) error {
			var err error
			p.N, err = r.Uint64()
			return err
		})
	})
	if err != nil {
		return err
	}
	return r.End()
}

type pongResponse struct{ N uint64 }

func (p pongResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(16)
	w.ObjectStart()
	w.Key("pong")
	w.Uint64(p.N)
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (p *pongResponse) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	return r.Object(func(string) error {
		var err error
		p.N, err = r.Uint64()
		return err
	})
}

func TestQuerierCustomAndWasm(t *testing.T) {
	m := NewMock()
	q := m.Deps().Querier

	// Without a handler the chain reports an unsupported request: a system error.
	_, err := QueryCustom[pongResponse](q, pingQuery{1})
	var qe *QueryError
	if !errors.As(err, &qe) || !qe.System || !strings.Contains(qe.Msg, "unsupported_request") {
		t.Fatalf("custom without handler: %v", err)
	}
	m.Querier.Custom = MockCustom(func(p pingQuery) (JSONMarshaler, error) {
		if p.N == 0 {
			return nil, errors.New("zero")
		}
		return pongResponse{p.N * 2}, nil
	})
	res, err := QueryCustom[pongResponse](q, pingQuery{21})
	if err != nil || res.N != 42 {
		t.Fatalf("custom: %+v %v", res, err)
	}
	if got := string(m.Querier.Requests[len(m.Querier.Requests)-1]); got != `{"custom":{"ping":{"n":21}}}` {
		t.Fatalf("custom request: %s", got)
	}
	_, err = QueryCustom[pongResponse](q, pingQuery{0})
	if !errors.As(err, &qe) || qe.System || qe.Msg != "zero" || err.Error() != "querier contract error: zero" {
		t.Fatalf("custom error: %v", err)
	}

	// Smart queries go to the handler with the message JSON (base64 on the wire).
	var out pongResponse
	if err := q.QueryWasmSmart("c1", pingQuery{1}, &out); err == nil || !strings.Contains(err.Error(), "no_such_contract") {
		t.Fatalf("smart without handler: %v", err)
	}
	m.Querier.Smart = func(contract string, msg []byte) ([]byte, error) {
		if contract != "c1" || string(msg) != `{"ping":{"n":5}}` {
			return nil, errors.New("unexpected " + contract + " " + string(msg))
		}
		return []byte(`{"pong":6}`), nil
	}
	if err := q.QueryWasmSmart("c1", pingQuery{5}, &out); err != nil || out.N != 6 {
		t.Fatalf("smart: %+v %v", out, err)
	}
	if raw, err := q.QueryWasmRaw("c1", []byte("k")); err != nil || len(raw) != 0 {
		t.Fatalf("raw without handler: %q %v", raw, err)
	}
	m.Querier.Raw = func(contract string, key []byte) []byte { return append([]byte(contract+":"), key...) }
	if raw, err := q.QueryWasmRaw("c1", []byte{0, 1}); err != nil || string(raw) != "c1:\x00\x01" {
		t.Fatalf("raw: %q %v", raw, err)
	}
}

func TestParseSystemResult(t *testing.T) {
	cases := []struct {
		in, out, err string
	}{
		{`{"ok":{"ok":"eyJhIjoxfQ=="}}`, `{"a":1}`, ""},
		{`{"ok":{"error":"boom"}}`, "", "querier contract error: boom"},
		{`{"error":{"no_such_contract":{"addr":"x"}}}`, "", `querier system error: {"no_such_contract":{"addr":"x"}}`},
		{`{"ok":{"ok":"eyJhIjoxfQ=="}} x`, "", "cannot parse querier response"},
		{`{"maybe":1}`, "", "cannot parse querier response"},
		{``, "", "cannot parse querier response"},
	}
	for _, c := range cases {
		out, err := parseSystemResult([]byte(c.in))
		if c.err == "" && (err != nil || string(out) != c.out) {
			t.Errorf("%s: %q %v", c.in, out, err)
		}
		if c.err != "" && (err == nil || !strings.HasPrefix(err.Error(), c.err)) {
			t.Errorf("%s: error %v, want %q", c.in, err, c.err)
		}
	}
	if _, err := (Querier{}).Raw([]byte(`{}`)); err == nil {
		t.Error("nil querier")
	}
}

func TestMockAPI(t *testing.T) {
	api := &MockAPI{Prefix: "alliance"}
	addr := api.Addr("alice")
	if addr != api.Addr("alice") || addr == api.Addr("bob") || !strings.HasPrefix(addr, "alliance1") || len(addr) != 9+52+6 {
		t.Fatalf("Addr: %s", addr)
	}
	if err := api.AddrValidate(addr); err != nil {
		t.Fatal(err)
	}
	canon, err := api.AddrCanonicalize(addr)
	if err != nil || len(canon) != 32 {
		t.Fatalf("canonicalize: %x %v", canon, err)
	}
	if h, err := api.AddrHumanize(canon); err != nil || h != addr {
		t.Fatalf("humanize: %s %v", h, err)
	}
	// A BIP-173 test vector (the 32 data characters in order = 20 bytes) decodes exactly and, with
	// its foreign prefix, is refused as the wrong chain.
	const vector = "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
	if hrp, data, err := bech32Decode(vector); err != nil || hrp != "abcdef" || fmt.Sprintf("%x", data) != "00443214c74254b635cf84653a56d7c675be77df" {
		t.Fatalf("BIP-173 vector: %s %x %v", hrp, data, err)
	}
	if got := bech32Encode("abcdef", []byte{0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf}); got != vector {
		t.Fatalf("encode vector: %s", got)
	}
	if err := api.AddrValidate(vector); err == nil || !strings.Contains(err.Error(), "wrong prefix") {
		t.Fatalf("foreign prefix: %v", err)
	}
	for _, bad := range []string{strings.ToUpper(addr), addr[:len(addr)-1] + "x", addr[:len(addr)-1], "alliance", "", "alliance1"} {
		if api.AddrValidate(bad) == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	if _, err := api.AddrHumanize(nil); err == nil {
		t.Error("humanize of empty")
	}
	api.Debug("hello")
	if len(api.Debugs) != 1 || api.Debugs[0] != "hello" {
		t.Error("debug")
	}
}
