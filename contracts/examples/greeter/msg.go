package main

// The greeter's messages, answers and state: plain structs; `go generate` writes their codecs
// (msgs_cwgen.go) and the schema (schema/).

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name greeter -version 0.1.0

import "github.com/alliancewasm/alliancewasm/contracts/std"

// InstantiateMsg sets the greeting.
//
//cwgen:message instantiate
type InstantiateMsg struct {
	Greeting string `json:"greeting"`
}

// ExecuteMsg is one of the greeter's actions.
//
//cwgen:message execute
//cwgen:enum
type ExecuteMsg struct {
	// Greet counts one greeting.
	Greet *struct{} `json:"greet,omitempty"`
	// Tip sends the funds attached on to another address.
	Tip *TipMsg `json:"tip,omitempty"`
}

type TipMsg struct {
	To string `json:"to"`
}

// QueryMsg is the greeter's one query.
//
//cwgen:message query
//cwgen:enum
type QueryMsg struct {
	Greeting *struct{} `json:"greeting,omitempty" returns:"State"`
}

// State is what the greeter stores, and the answer to the greeting query.
//
//cwgen:state
type State struct {
	Greeting string      `json:"greeting"`
	Greets   uint64      `json:"greets"`
	Tipped   std.Uint128 `json:"tipped"`
}
