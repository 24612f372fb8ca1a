package main

import (
	"reflect"
	"testing"
)

// Fuzz targets for every decoder of the compounder: its messages, the pair's answers it reads
// (another contract's output is untrusted input) and its stored records. Any input decodes or
// returns an error, never panics (a panic is a trap without a message in the VM); decoding is
// deterministic; where the type has an encoder, what decodes re-encodes to JSON that decodes to a
// value with the same encoding.

type fzCodec interface {
	UnmarshalJSON([]byte) error
	MarshalJSON() ([]byte, error)
}

func fzRoundTrip[T any, PT interface {
	*T
	fzCodec
}](t *testing.T, data []byte) {
	t.Helper()
	var v T
	if PT(&v).UnmarshalJSON(data) != nil {
		return
	}
	enc, err := PT(&v).MarshalJSON()
	if err != nil {
		t.Fatalf("%T decoded %q but does not encode: %v", v, data, err)
	}
	var w T
	if err := PT(&w).UnmarshalJSON(enc); err != nil {
		t.Fatalf("%T: %q decoded, its encoding %q does not: %v", v, data, enc, err)
	}
	if enc2, _ := PT(&w).MarshalJSON(); string(enc2) != string(enc) {
		t.Fatalf("%T: %q decoded to %+v, encoded as %q, which decodes to %+v, encoded as %q", v, data, v, enc, w, enc2)
	}
}

func fzDecodeOnly[T any, PT interface {
	*T
	UnmarshalJSON([]byte) error
}](t *testing.T, data []byte) {
	t.Helper()
	var a, b T
	ea, eb := PT(&a).UnmarshalJSON(data), PT(&b).UnmarshalJSON(data)
	if (ea == nil) != (eb == nil) || (ea != nil && ea.Error() != eb.Error()) || (ea == nil && !reflect.DeepEqual(a, b)) {
		t.Fatalf("%T: %q decodes differently twice: %v / %v", a, data, ea, eb)
	}
}

var fzCompounderSeeds = []string{
	`{"asset_denom":"uasset","validators":["val-a","val-b"],"routes":[{"denom":"stake","pair":"p"}],"fee_bps":500,"fee_recipient":"t","harvest_interval":3600,"max_spread":"0.01","twap_window":600}`,
	`{"owner":"o","asset_denom":"u","validators":[],"routes":[],"fee_bps":0,"fee_recipient":"t","harvest_interval":0,"max_spread":"0","twap_window":1,"unbond_epoch":259201,"pending_owner":null}`,
	`{"deposit":{}}`, `{"withdraw":{"shares":"100"}}`, `{"process_withdrawals":{}}`, `{"claim":{}}`, `{"harvest":{}}`,
	`{"observe":{}}`, `{"transfer":{"recipient":"r","amount":"5"}}`, `{"transfer_ownership":{"new_owner":"n"}}`,
	`{"accept_ownership":{}}`, `{"cancel_ownership_transfer":{}}`,
	`{"update_config":{"fee_bps":1,"fee_recipient":null,"max_spread":"0.5","harvest_interval":1,"twap_window":2,"routes":[{"denom":"d","pair":"p"}],"validators":["v"],"unbond_epoch":3}}`,
	`{"config":{}}`, `{"state":{}}`, `{"apr":{}}`, `{"position":{"address":"a"}}`, `{"claims":{"address":"a"}}`, `{"balance":{"address":"a"}}`,
	`{"return_amount":"1","spread_amount":"2","commission_amount":"3"}`,
	`{"denoms":["uasset","stake"],"cumulative":["340282366920938463463374607431768211455","0"],"liquid_seconds":"10","time":"1700000000"}`,
	`{"harvests":[{"time":"1","rate":"1.5"}]}`, `{"pair":"p","cumulative":"1","liquid_seconds":"2","time":"3"}`,
	`"\u0000"`, `{"a":"\ud800"}`, `[1,2,{]`, ``, `{"withdraw":{"shares":"-1"}}`, `{"deposit":{},"claim":{}}`,
}

func fzSeeds(f *testing.F) {
	for _, s := range fzCompounderSeeds {
		f.Add([]byte(s))
	}
}

func FuzzDecodeInstantiate(f *testing.F) {
	fzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fzDecodeOnly[InstantiateMsg](t, data)
		var m InstantiateMsg
		if m.UnmarshalJSON(data) == nil {
			// An accepted instantiate message is a config: the stored encoding round-trips.
			enc, _ := m.Config.MarshalJSON()
			fzRoundTrip[Config](t, enc)
		}
		fzRoundTrip[Config](t, data) // the lenient stored-config decoder
	})
}

func FuzzDecodeExecute(f *testing.F) {
	fzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fzDecodeOnly[ExecuteMsg](t, data)
	})
}

func FuzzDecodeQuery(f *testing.F) {
	fzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fzDecodeOnly[QueryMsg](t, data)
	})
}

// FuzzDecodePairResponses: the simulation and cumulative_prices answers of a pair, which a
// hostile or broken pair contract controls entirely.
func FuzzDecodePairResponses(f *testing.F) {
	fzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fzDecodeOnly[simulationResponse](t, data)
		fzDecodeOnly[cumulativePricesResponse](t, data)
	})
}

// FuzzDecodeStored: the stored records' decoders and their round trips.
func FuzzDecodeStored(f *testing.F) {
	fzSeeds(f)
	for _, v := range []fzCodec{&History{}, &Observation{}, &Harvesting{}, &Book{}, &Batch{}} {
		if b, err := v.MarshalJSON(); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fzRoundTrip[History](t, data)
		fzRoundTrip[Observation](t, data)
		fzRoundTrip[Harvesting](t, data)
		fzRoundTrip[Book](t, data)
		fzRoundTrip[Batch](t, data)
	})
}
