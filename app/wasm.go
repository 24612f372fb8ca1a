package app

import (
	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"
)

// WasmCapabilities are the capabilities contracts may require from this chain
// (`requires_*` exports). The alliance bindings add their own when they land.
func WasmCapabilities() []string {
	return wasmkeeper.BuiltInCapabilities()
}

// wasmOptions builds the wasm keeper options of the chain: this is the single
// place where custom message encoders and query plugins (the alliance
// bindings) plug in. Options passed by the caller (tests, the daemon's
// telemetry) come last so they can override ours.
func (app *AllianceApp) wasmOptions(extra []wasmkeeper.Option) []wasmkeeper.Option {
	var opts []wasmkeeper.Option
	return append(opts, extra...)
}
