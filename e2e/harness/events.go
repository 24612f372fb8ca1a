package harness

import (
	abci "github.com/cometbft/cometbft/abci/types"
)

// Attr returns the value of the first attribute key in the first event of
// type typ, and whether it was found.
func Attr(events []abci.Event, typ, key string) (string, bool) {
	for _, e := range events {
		if e.Type != typ {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == key {
				return a.Value, true
			}
		}
	}
	return "", false
}

// EventsOfType returns every event of type typ, in emission order.
func EventsOfType(events []abci.Event, typ string) []abci.Event {
	var out []abci.Event
	for _, e := range events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}
