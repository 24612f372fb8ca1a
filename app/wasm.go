package app

import (
	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	"github.com/alliancewasm/alliancewasm/bindings"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
)

// WasmCapabilities are the capabilities contracts may require from this chain
// (`requires_*` exports): wasmd's built-in ones plus "alliance" and
// "token_factory" for contracts that use those custom bindings.
func WasmCapabilities() []string {
	return append(wasmkeeper.BuiltInCapabilities(), bindings.Capability, bindings.TokenFactoryCapability)
}

// wasmOptions builds the wasm keeper options of the chain: this is the single
// place where custom message encoders and query plugins (the alliance
// bindings) plug in. Options passed by the caller (tests, the daemon's
// telemetry) come last so they can override ours.
func (app *AllianceApp) wasmOptions(extra []wasmkeeper.Option) []wasmkeeper.Option {
	opts := bindings.WasmOptions(alliancekeeper.NewQueryServerImpl(app.AllianceKeeper), app.StakingKeeper,
		app.TokenFactoryKeeper, app.BankKeeper, app.GRPCQueryRouter(), app.appCodec)
	return append(opts, extra...)
}
