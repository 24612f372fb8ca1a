package std

import (
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// EntryPoint names one of the exports the VM calls.
type EntryPoint uint8

const (
	EntryInstantiate EntryPoint = iota
	EntryExecute
	EntryQuery
	EntryMigrate
	EntrySudo
	EntryReply
	numEntryPoints
)

var entryNames = [numEntryPoints]string{"instantiate", "execute", "query", "migrate", "sudo", "reply"}

func (e EntryPoint) String() string {
	if e < numEntryPoints {
		return entryNames[e]
	}
	return "unknown"
}

// rawEntry takes the JSON arguments as the VM passes them and returns the JSON result.
// env is always first; a and b are the remaining arguments (nil when the entry point has fewer):
// instantiate/execute (info, msg), query/sudo (msg, nil), migrate (msg, migrate_info), reply (reply, nil).
type rawEntry func(deps *Deps, env, a, b []byte) []byte

var entries [numEntryPoints]rawEntry

// Handler registers one entry point; see OnInstantiate and friends.
type Handler struct {
	ep EntryPoint
	fn rawEntry
}

// Register installs the contract's entry points. Call it from an init function of the
// contract's main package: the runtime runs package initialisers before the first entry point.
//
//	func init() {
//		std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query))
//	}
//
// The exports for all six entry points always exist; one that is not registered answers with an
// error result, exactly as a call to a missing export would fail.
func Register(hs ...Handler) {
	for _, h := range hs {
		if h.ep < numEntryPoints {
			entries[h.ep] = h.fn
		}
	}
}

// Dispatch runs an entry point on JSON arguments and returns the JSON result, {"ok":..} or
// {"error":".."}. The wasm exports and the native test harness both go through it, so the
// decoding that a contract sees in tests is the one it sees on chain. It never panics on any
// input (see FuzzDispatch).
func Dispatch(ep EntryPoint, deps *Deps, env, a, b []byte) []byte {
	if ep >= numEntryPoints || entries[ep] == nil {
		return errorResult("entry point " + ep.String() + " is not implemented by this contract")
	}
	return entries[ep](deps, env, a, b)
}

// Msg is the constraint on message types: a pointer with an UnmarshalJSON method (written with
// cwjson for small contracts, or delegating to encoding/json where size does not matter).
type Msg[T any] interface {
	*T
	JSONUnmarshaler
}

// OnInstantiate registers fn as the instantiate entry point.
func OnInstantiate[T any, PT Msg[T]](fn func(deps *Deps, env Env, info MessageInfo, msg T) (Response, error)) Handler {
	return Handler{EntryInstantiate, withInfo[T, PT](fn)}
}

// OnExecute registers fn as the execute entry point.
func OnExecute[T any, PT Msg[T]](fn func(deps *Deps, env Env, info MessageInfo, msg T) (Response, error)) Handler {
	return Handler{EntryExecute, withInfo[T, PT](fn)}
}

func withInfo[T any, PT Msg[T]](fn func(*Deps, Env, MessageInfo, T) (Response, error)) rawEntry {
	return func(deps *Deps, envJSON, infoJSON, msgJSON []byte) []byte {
		var env Env
		if err := cwjson.Unmarshal(envJSON, &env); err != nil {
			return parseError("Env", err)
		}
		var info MessageInfo
		if err := cwjson.Unmarshal(infoJSON, &info); err != nil {
			return parseError("MessageInfo", err)
		}
		var msg T
		if err := PT(&msg).UnmarshalJSON(msgJSON); err != nil {
			return parseError("message", err)
		}
		return responseResult(fn(deps, env, info, msg))
	}
}

// OnQuery registers fn as the query entry point. The returned value is JSON-encoded with its
// MarshalJSON and handed back base64-wrapped, as the VM expects.
func OnQuery[T any, PT Msg[T]](fn func(deps *Deps, env Env, msg T) (JSONMarshaler, error)) Handler {
	return Handler{EntryQuery, func(deps *Deps, envJSON, msgJSON, _ []byte) []byte {
		var env Env
		if err := cwjson.Unmarshal(envJSON, &env); err != nil {
			return parseError("Env", err)
		}
		var msg T
		if err := PT(&msg).UnmarshalJSON(msgJSON); err != nil {
			return parseError("message", err)
		}
		res, err := fn(deps, env, msg)
		if err != nil {
			return errorResult(err.Error())
		}
		if res == nil {
			return errorResult("query returned no value")
		}
		out, err := res.MarshalJSON()
		if err != nil {
			return errorResult("cannot encode query response: " + err.Error())
		}
		w := cwjson.NewWriter(12 + len(out)*4/3)
		w.ObjectStart()
		w.Key("ok")
		w.Binary(out)
		w.ObjectEnd()
		return w.Bytes()
	}}
}

// OnMigrate registers fn as the migrate entry point (the three-argument form, with MigrateInfo).
func OnMigrate[T any, PT Msg[T]](fn func(deps *Deps, env Env, info MigrateInfo, msg T) (Response, error)) Handler {
	return Handler{EntryMigrate, func(deps *Deps, envJSON, msgJSON, infoJSON []byte) []byte {
		var env Env
		if err := cwjson.Unmarshal(envJSON, &env); err != nil {
			return parseError("Env", err)
		}
		var info MigrateInfo
		if infoJSON != nil {
			if err := cwjson.Unmarshal(infoJSON, &info); err != nil {
				return parseError("MigrateInfo", err)
			}
		}
		var msg T
		if err := PT(&msg).UnmarshalJSON(msgJSON); err != nil {
			return parseError("message", err)
		}
		return responseResult(fn(deps, env, info, msg))
	}}
}

// OnSudo registers fn as the sudo entry point (called by chain modules, never by users).
func OnSudo[T any, PT Msg[T]](fn func(deps *Deps, env Env, msg T) (Response, error)) Handler {
	return Handler{EntrySudo, func(deps *Deps, envJSON, msgJSON, _ []byte) []byte {
		var env Env
		if err := cwjson.Unmarshal(envJSON, &env); err != nil {
			return parseError("Env", err)
		}
		var msg T
		if err := PT(&msg).UnmarshalJSON(msgJSON); err != nil {
			return parseError("message", err)
		}
		return responseResult(fn(deps, env, msg))
	}}
}

// OnReply registers fn as the reply entry point (results of sub-messages that asked for one).
func OnReply(fn func(deps *Deps, env Env, reply Reply) (Response, error)) Handler {
	return Handler{EntryReply, func(deps *Deps, envJSON, replyJSON, _ []byte) []byte {
		var env Env
		if err := cwjson.Unmarshal(envJSON, &env); err != nil {
			return parseError("Env", err)
		}
		var reply Reply
		if err := cwjson.Unmarshal(replyJSON, &reply); err != nil {
			return parseError("Reply", err)
		}
		return responseResult(fn(deps, env, reply))
	}}
}

func parseError(what string, err error) []byte {
	return errorResult("Error parsing into type " + what + ": " + err.Error())
}

func errorResult(msg string) []byte {
	w := cwjson.NewWriter(16 + len(msg))
	w.ObjectStart()
	w.Key("error")
	w.String(msg)
	w.ObjectEnd()
	return w.Bytes()
}

func responseResult(resp Response, err error) []byte {
	if err != nil {
		return errorResult(err.Error())
	}
	w := cwjson.NewWriter(256)
	w.ObjectStart()
	w.Key("ok")
	resp.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes()
}
