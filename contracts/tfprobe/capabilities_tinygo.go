//go:build tinygo.wasm

package main

// requiresTokenFactory declares that this contract needs the chain's token factory bindings: a
// chain without the "token_factory" capability refuses to store it.
//
//export requires_token_factory
func requiresTokenFactory() {}
