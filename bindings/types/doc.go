// Package types holds the JSON wire types of the alliance bindings: the custom
// messages a contract sends as {"custom": …}, the custom queries it sends as
// {"custom": …} in a query request, and their answers.
//
// It imports only the standard library, so the very same package compiles
// into the chain (Go) and into contracts (TinyGo): both sides share one
// definition of every field. A test fails if that ever stops being true.
//
// Amounts are decimal strings (Uint128-style, as in cosmwasm-std: base-10
// digits, no sign, no leading zero), times are Unix nanoseconds as u64
// (cosmwasm-std's Timestamp unit) and durations are nanoseconds as u64,
// except staking_params' unbonding_time, whole seconds (rounded up) to
// compare with epochs counted in seconds.
package types
