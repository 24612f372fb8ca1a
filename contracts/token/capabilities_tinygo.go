//go:build tinygo.wasm

package main

// requiresAlliance declares that this contract needs the chain's alliance
// bindings: a chain without the "alliance" capability refuses to store it,
// instead of failing later at the first custom message.
//
//export requires_alliance
func requiresAlliance() {}
