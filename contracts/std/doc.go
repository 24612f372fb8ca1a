// Package std is the SDK for CosmWasm contracts written in Go and compiled with TinyGo
// (contracts/target.json, `make contracts`). It plays the part cosmwasm-std and
// cw-storage-plus play for Rust contracts:
//
//   - the VM ABI (abi_tinygo.go): regions, allocate/deallocate, interface_version_8, lazy
//     runtime initialisation, and exports for instantiate, execute, query, migrate, sudo and
//     reply that decode their JSON arguments and encode {"ok":…} or {"error":…};
//   - the host imports (host_tinygo.go): storage with range scans, address
//     validate/canonicalize/humanize, query_chain (Querier, with typed bank, staking, wasm and
//     custom helpers), debug and abort;
//   - the types: Env, MessageInfo, Response, Event, SubMsg, Reply, CosmosMsg, Coin;
//   - Uint128 and Decimal math with checked overflow and explicit rounding;
//   - Item and Map storage helpers in the cw-storage-plus key layout;
//   - a native mock host (mock.go, built when not targeting TinyGo) so contracts are tested with
//     plain `go test`: NewMock gives storage, a bech32 address API, a programmable querier and
//     Instantiate/Execute/Query/Reply helpers that go through the same JSON path as the VM, each a
//     transaction like on chain (a call that fails leaves no write behind; Transact and Track
//     extend this to a whole tx and to module state, see contracts/alliance's Mock).
//
// A contract is a main package whose init function registers typed handlers:
//
//	func init() {
//		std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query))
//	}
//
//	func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error)
//
// Message types implement UnmarshalJSON (and responses MarshalJSON); the SDK's own types do it
// with package cwjson rather than encoding/json, whose reflection alone would make a contract
// about 175 KB (see cwjson's package comment). contracts/counter is a complete example.
//
// Rules that keep contracts safe on the VM: never panic (TinyGo cannot recover on wasm, a panic
// is a trap without a message) — return errors, which become {"error":…} results; call Abort
// only for states that cannot happen. Every entry point runs in a fresh instance with a leaking
// heap, so nothing survives between calls except what is written to storage.
package std
