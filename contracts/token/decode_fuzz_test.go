package main

import (
	"reflect"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Fuzz targets for every decoder of the token's messages (and of its stored records): any input
// decodes or returns an error, never panics (a panic is a trap without a message in the VM); a
// decoder is deterministic; and where the type has an encoder, what decodes re-encodes to JSON
// that decodes to the same value.

type fzCodec interface {
	UnmarshalJSON([]byte) error
	MarshalJSON() ([]byte, error)
}

// fzRoundTrip decodes data into a fresh *T; if that succeeds, its encoding must decode again, to
// a value with the very same encoding (the same value, up to nil versus empty lists, which encode
// alike).
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

// fzDecodeOnly checks a decoder without encoder: no panic, and the same input always decodes to the
// same value (or the same error).
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

var fzTokenSeeds = []string{
	`{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["v1","v2"]}`,
	`{"name":"x","symbol":"xyz","decimals":6,"asset_denom":"u","validators":["v"],"owner":null,"fee_bps":500,"fee_address":"f","reward_denom":"stake","min_initial_deposit":"10000","unbond_epoch":345600}`,
	`{"deposit":{}}`, `{"unbond":{"amount":"5"}}`, `{"withdraw":{}}`, `{"process_unbonds":{}}`, `{"harvest":{}}`,
	`{"transfer":{"recipient":"r","amount":"1"}}`, `{"send":{"contract":"c","amount":"1","msg":"eyJ1bmJvbmQiOnt9fQ=="}}`,
	`{"increase_allowance":{"spender":"s","amount":"1","expires":{"at_height":5}}}`,
	`{"decrease_allowance":{"spender":"s","amount":"1","expires":{"at_time":"1700000000000000000"}}}`,
	`{"transfer_from":{"owner":"o","recipient":"r","amount":"340282366920938463463374607431768211455"}}`,
	`{"send_from":{"owner":"o","contract":"c","amount":"1","msg":""}}`, `{"burn_from":{"owner":"o","amount":"1"}}`,
	`{"update_validators":{"validators":["a","b"]}}`, `{"update_fee":{"fee_bps":1,"fee_address":null}}`,
	`{"transfer_ownership":{"new_owner":"n"}}`, `{"accept_ownership":{}}`, `{"sweep":{"denom":"d"}}`,
	`{"update_unbond_epoch":{"unbond_epoch":86400}}`, `{"claim_rewards":{}}`,
	`{"balance":{"address":"a"}}`, `{"token_info":{}}`, `{"allowance":{"owner":"o","spender":"s"}}`,
	`{"all_allowances":{"owner":"o","start_after":null,"limit":10}}`, `{"all_accounts":{"limit":null}}`,
	`{"claims":{"address":"a"}}`, `{"pending_rewards":{"address":"a"}}`, `{"unbond":{}}`,
	`{"never":{}}`, `{"at_height":1}`, `"\u0000"`, `{"a":"\ud800"}`, `[1,2,{]`, ``, `{"amount":"1e3"}`,
}

func fzSeeds(f *testing.F, seeds []string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

// FuzzDecodeInstantiate: an accepted instantiate message makes a config whose stored encoding
// round-trips (the generated FuzzCwgen* targets check each message decoder against encoding/json).
func FuzzDecodeInstantiate(f *testing.F) {
	fzSeeds(f, fzTokenSeeds)
	f.Fuzz(func(t *testing.T, data []byte) {
		fzDecodeOnly[InstantiateMsg](t, data)
		var m InstantiateMsg
		if m.UnmarshalJSON(data) == nil {
			enc, _ := m.config().MarshalJSON()
			fzRoundTrip[Config](t, enc)
		}
		fzRoundTrip[Config](t, data)
	})
}

// FuzzDecodeExecute: an accepted execute message names its variant, and its expiration (if any)
// round-trips.
func FuzzDecodeExecute(f *testing.F) {
	fzSeeds(f, fzTokenSeeds)
	f.Fuzz(func(t *testing.T, data []byte) {
		fzDecodeOnly[ExecuteMsg](t, data)
		var m ExecuteMsg
		if m.UnmarshalJSON(data) == nil {
			if (ExecuteMsg{}) == m {
				t.Fatalf("%q decoded without a variant", data)
			}
			for _, a := range []*AllowanceMsg{m.IncreaseAllowance, m.DecreaseAllowance} {
				if a != nil && a.Expires != nil {
					fzRoundTrip[AllowanceResponse](t, []byte(`{"allowance":"0","expires":`+string(mustEncode(t, a.Expires))+`}`))
				}
			}
		}
	})
}

func mustEncode(t *testing.T, e *Expiration) []byte {
	w := cwjson.NewWriter(32)
	e.encodeJSON(w)
	return w.Bytes()
}

// FuzzDecodeStored: the binary records' decoders (storage is the contract's own, but a migration
// or a bug must still not make them panic) and their round trips (the JSON-stored config and
// allowances have generated fuzz targets).
func FuzzDecodeStored(f *testing.F) {
	fzSeeds(f, fzTokenSeeds)
	for _, v := range []fzCodec{&Holder{}, &RewardState{}, &Claim{}, &Batch{Settled: true},
		&RewardState{Delisted: 1, Wind: u(7), Final: true, Pot: u(9)}, &Batch{Seen: true, Listed: u(3)}} {
		if b, err := v.MarshalJSON(); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fzRoundTrip[Holder](t, data)
		fzRoundTrip[RewardState](t, data)
		fzRoundTrip[Claim](t, data)
		fzRoundTrip[Batch](t, data)
	})
}
