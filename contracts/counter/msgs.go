package main

// Messages, answers and stored state of the counter. Their JSON codecs (msgs_cwgen.go) and the
// contract's schema (schema/) are generated from these declarations by tools/cwgen: run
// `go generate ./contracts/counter` after changing them.

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name counter -version 0.1.0

import "github.com/alliancewasm/alliancewasm/contracts/std"

// InstantiateMsg sets the starting count and the denom that forward accepts.
//
//cwgen:message instantiate
type InstantiateMsg struct {
	Count std.Uint128 `json:"count"`
	// Denom is the only denom forward sends on.
	Denom string `json:"denom"`
}

// ExecuteMsg is one of the counter's actions.
//
//cwgen:message execute
//cwgen:enum
type ExecuteMsg struct {
	// Increment adds one to the count and to the sender's tally.
	Increment *struct{} `json:"increment,omitempty"`
	// Reset sets the count (owner only).
	Reset *ResetMsg `json:"reset,omitempty"`
	// Forward sends the funds received in the configured denom on to another address.
	Forward *ForwardMsg `json:"forward,omitempty"`
	// CheckBalance reports the contract's balance in the configured denom.
	CheckBalance *struct{} `json:"check_balance,omitempty"`
}

type ResetMsg struct {
	Count std.Uint128 `json:"count"`
}

type ForwardMsg struct {
	To string `json:"to"`
}

// QueryMsg is one of the counter's queries.
//
//cwgen:message query
//cwgen:enum
type QueryMsg struct {
	// Count answers the count, the owner and the total forwarded.
	Count *struct{} `json:"count,omitempty" returns:"CountResponse"`
	// Tally lists the increments per sender, by address, one page at a time.
	Tally *TallyQuery `json:"tally,omitempty" returns:"TallyResponse"`
}

type TallyQuery struct {
	// StartAfter is the last address of the previous page.
	StartAfter *string `json:"start_after"`
	// Limit is the page size (default and maximum 30).
	Limit *uint32 `json:"limit"`
}

type CountResponse struct {
	Count     std.Uint128 `json:"count"`
	Owner     string      `json:"owner"`
	Forwarded std.Uint128 `json:"forwarded"`
}

type TallyResponse struct {
	Entries []TallyEntry `json:"entries"`
}

type TallyEntry struct {
	Address string      `json:"address"`
	Count   std.Uint128 `json:"count"`
}

// Config is the stored state.
//
//cwgen:state
type Config struct {
	Owner string      `json:"owner"`
	Count std.Uint128 `json:"count"`
	Denom string      `json:"denom"`
}
