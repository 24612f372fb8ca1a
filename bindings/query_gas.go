package bindings

import (
	"reflect"

	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"
)

// GasPerRequestByte is what ChargeRequestBytes charges per byte of every
// query a contract sends. wasmvm decodes each request from JSON before any
// plugin sees it, and neither it nor wasmd charges for that: a contract could
// loop a large query for almost no gas. Measured here (Go's encoding/json
// into wasmvmtypes.QueryRequest, 2-core machine): 8.5 ns/byte for a long
// string, 13 ns/byte for many keys, 20 ns/byte for numbers, 190 ns/byte for
// deeply nested arrays. At 3 gas per byte (the store's price per byte read)
// even the nested worst case runs at about 63 ns/gas, below the ~76 ns/gas
// of the VM's own metered cpu_loop, and ordinary requests (a few hundred
// bytes) pay well under a thousand gas.
const GasPerRequestByte = 3

// GasPerRequest is what ChargeRequestBytes charges for every query on top of
// its bytes: the flat cost of one store read (storetypes.KVGasConfig's
// ReadCostFlat). Each query has a fixed cost in wasmvm and wasmd (the
// callback, the JSON parse, a cache context, the error redaction): a
// rejected 7-byte custom query took about 25 µs for 92 gas (~270 ns/gas,
// several times cyberpunk's cpu_loop) before this charge, about 23 ns/gas
// with it.
const GasPerRequest = 1000

// ChargeRequestBytes returns a wasm query handler decorator (for
// wasmkeeper.WithQueryHandlerDecorator) that charges every query request
// base plus gasPerByte for its size, before the request is answered. The size is the
// total length of the request's strings and byte fields (a custom or smart
// query's raw JSON, a gRPC path and data, addresses, denoms), which is the
// JSON size within its fixed field names and quotes.
func ChargeRequestBytes(base, gasPerByte storetypes.Gas) func(wasmkeeper.WasmVMQueryHandler) wasmkeeper.WasmVMQueryHandler {
	return func(next wasmkeeper.WasmVMQueryHandler) wasmkeeper.WasmVMQueryHandler {
		return wasmkeeper.WasmVMQueryHandlerFn(func(ctx sdk.Context, caller sdk.AccAddress, req wasmvmtypes.QueryRequest) ([]byte, error) {
			ctx.GasMeter().ConsumeGas(base+gasPerByte*storetypes.Gas(requestBytes(reflect.ValueOf(req))), "wasm query request")
			return next.HandleQuery(ctx, caller, req)
		})
	}
}

// requestBytes sums the lengths of the strings and byte slices in v,
// following pointers, structs and slices. The walk follows the shape of
// wasmvmtypes.QueryRequest (a tree of a few fixed types, no cycles), so its
// cost is bounded by the number of fields plus the number of list entries.
func requestBytes(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		return v.Len()
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 0
		}
		return requestBytes(v.Elem())
	case reflect.Struct:
		n := 0
		for i := 0; i < v.NumField(); i++ {
			n += requestBytes(v.Field(i))
		}
		return n
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Len()
		}
		n := 0
		for i := 0; i < v.Len(); i++ {
			n += requestBytes(v.Index(i))
		}
		return n
	case reflect.Map:
		n := 0
		it := v.MapRange()
		for it.Next() {
			n += requestBytes(it.Key()) + requestBytes(it.Value())
		}
		return n
	}
	return 0
}
