// Command hostile is a test contract that abuses the chain's query and custom
// message interfaces the way an attacker's contract would, so that the e2e
// suite can show each abuse costs gas in proportion to its work and is
// refused cleanly. It sends whatever raw query request or custom message it
// is given, once or in a loop, and reports what the chain answered. It is a
// fixture for tests only (contracts/artifacts/hostile.wasm), never deployed.
//
// Execute:
//
//	{"query_loop":{"request":<QueryRequest JSON>,"times":<u32>}}
//	    sends request `times` times; attributes ok, err (counts) and last_error
//	{"send_custom":{"msg":<custom message JSON>}}
//	    returns the message as a plain CosmosMsg::Custom: the tx fails when the chain refuses it
//
// Query:
//
//	{"query_loop":{…}}         the same loop inside a (free) smart query: {"ok":n,"err":n}
//	{"query_once":{"request":…}} {"answer":"<base64>"} or {"error":"…"}
package main

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

func init() {
	std.Register(
		std.OnInstantiate(instantiate),
		std.OnExecute(execute),
		std.OnQuery(query),
	)
}

func main() {}

var (
	errNoVariant = errors.New("expected query_loop, send_custom or query_once")
	errNoRequest = errors.New("request is required")
)

// Empty is the instantiate message: {}.
type Empty struct{}

func (e *Empty) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	if err := r.EmptyObject(); err != nil {
		return err
	}
	return r.End()
}

// Msg is every message of the contract (execute and query share the decoder;
// each entry point refuses the variants it does not serve).
type Msg struct {
	Request    []byte // raw QueryRequest JSON (query_loop, query_once)
	Times      uint32
	Loop       bool
	Once       bool
	SendCustom []byte // raw custom message JSON
}

func (m *Msg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	v := r.Enum("query_loop query_once send_custom ")
	for v.Next() {
		m.Loop, m.Once = v.I == 0, v.I == 1
		fields := "request times "
		if v.I == 2 {
			fields = "msg "
		}
		f := r.Struct(fields, 0, true)
		for f.Next() {
			switch {
			case v.I == 2:
				m.SendCustom, f.Err = r.Raw()
			case f.I == 0:
				m.Request, f.Err = r.Raw()
			default:
				m.Times, f.Err = r.Uint32()
			}
		}
		v.Err = f.Err
	}
	if v.Err != nil {
		return v.Err
	}
	return r.End()
}

func instantiate(_ *std.Deps, _ std.Env, _ std.MessageInfo, _ Empty) (std.Response, error) {
	return std.Response{}, nil
}

// loop sends request times times and counts the answers. The request bytes
// are handed to the host as they are on every call: nothing is copied, so
// the contract's own cost per call is a few hundred VM instructions and the
// chain's handling of the request is what the loop measures.
func loop(q std.Querier, request []byte, times uint32) (ok, failed uint32, last string) {
	for i := uint32(0); i < times; i++ {
		if _, err := q.Raw(request); err != nil {
			failed++
			if failed == 1 {
				last = err.Error()
			}
			continue
		}
		ok++
	}
	return ok, failed, last
}

func execute(deps *std.Deps, _ std.Env, _ std.MessageInfo, msg Msg) (std.Response, error) {
	switch {
	case msg.Loop:
		if len(msg.Request) == 0 {
			return std.Response{}, errNoRequest
		}
		ok, failed, last := loop(deps.Querier, msg.Request, msg.Times)
		return std.Response{}.
			WithAttribute("ok", std.NewUint128(uint64(ok)).String()).
			WithAttribute("err", std.NewUint128(uint64(failed)).String()).
			WithAttribute("first_error", last), nil
	case msg.SendCustom != nil:
		return std.Response{}.WithMessage(std.CosmosMsg{Custom: msg.SendCustom}), nil
	}
	return std.Response{}, errNoVariant
}

// rawJSON is an answer that is already JSON.
type rawJSON []byte

func (j rawJSON) MarshalJSON() ([]byte, error) { return j, nil }

func query(deps *std.Deps, _ std.Env, msg Msg) (std.JSONMarshaler, error) {
	if len(msg.Request) == 0 {
		return nil, errNoRequest
	}
	w := cwjson.NewWriter(64)
	w.ObjectStart()
	switch {
	case msg.Loop:
		ok, failed, _ := loop(deps.Querier, msg.Request, msg.Times)
		w.Key("ok")
		w.Uint64(uint64(ok))
		w.Key("err")
		w.Uint64(uint64(failed))
	case msg.Once:
		answer, err := deps.Querier.Raw(msg.Request)
		if err != nil {
			w.Key("error")
			w.String(err.Error())
		} else {
			w.Key("answer")
			w.Binary(answer)
		}
	default:
		return nil, errNoVariant
	}
	w.ObjectEnd()
	return rawJSON(w.Bytes()), nil
}
