//go:build tinygo.wasm

package main

// requiresTokenFactory declares that the pair needs the chain's token factory bindings (its LP
// shares are a factory denom): a chain without the "token_factory" capability refuses to store it.
//
//export requires_token_factory
func requiresTokenFactory() {}
