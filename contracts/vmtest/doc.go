// Package vmtest runs the committed contract fixtures (contracts/artifacts/*.wasm) in the real
// CosmWasm VM (wasmvm v3, the same library and static checks wasmd uses), so a fixture that the
// chain would refuse at upload, or that traps at run time, fails `go test ./contracts/...`.
// It has only tests; this file documents it.
package vmtest
