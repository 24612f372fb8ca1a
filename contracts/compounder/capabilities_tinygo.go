//go:build tinygo.wasm

package main

// requiresAlliance and requiresTokenFactory declare that this contract needs the chain's alliance
// bindings (its stake) and token factory bindings (its share denom): a chain without the
// "alliance" and "token_factory" capabilities refuses to store it, instead of failing later at
// the first custom message.
//
//export requires_alliance
func requiresAlliance() {}

//export requires_token_factory
func requiresTokenFactory() {}
