package std

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// A test contract registered for this package's tests: it echoes, fails, and writes storage.

type testMsg struct {
	Echo  string
	Fail  bool
	Write *[2]string
}

func (m *testMsg) UnmarshalJSON(b []byte) error {
	r := cwjson.NewReader(b)
	err := r.Variant(func(name string) error {
		switch name {
		case "echo":
			return r.Object(func(key string) error {
				if key != "text" {
					return cwjson.UnknownField(key)
				}
				var err error
				m.Echo, err = r.String()
				return err
			})
		case "fail":
			m.Fail = true
			return r.EmptyObject()
		case "write":
			m.Write = &[2]string{}
			return r.Object(func(key string) error {
				var err error
				switch key {
				case "key":
					m.Write[0], err = r.String()
				case "value":
					m.Write[1], err = r.String()
				default:
					err = cwjson.UnknownField(key)
				}
				return err
			})
		}
		return cwjson.UnknownVariant(name)
	})
	if err != nil {
		return err
	}
	return r.End()
}

type textResponse string

func (t textResponse) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(32)
	w.ObjectStart()
	w.Key("text")
	w.String(string(t))
	w.ObjectEnd()
	return w.Bytes(), nil
}

func handle(deps *Deps, who string, msg testMsg) (Response, error) {
	switch {
	case msg.Fail:
		return Response{}, errors.New("failed on purpose")
	case msg.Write != nil:
		if msg.Write[1] == "" {
			return Response{}, errors.New("empty value")
		}
		deps.Storage.Set([]byte(msg.Write[0]), []byte(msg.Write[1]))
		if msg.Write[1] == "then-fail" { // a write followed by an error: the mock must revert it
			deps.Storage.Remove([]byte("a"))
			return Response{}, errors.New("failed after writing")
		}
		return Response{}.WithAttribute("written", msg.Write[0]), nil
	}
	return Response{}.WithAttribute("echo", msg.Echo).WithAttribute("who", who), nil
}

func init() {
	Register(
		OnInstantiate(func(deps *Deps, env Env, info MessageInfo, msg testMsg) (Response, error) {
			return handle(deps, "instantiate:"+info.Sender, msg)
		}),
		OnExecute(func(deps *Deps, env Env, info MessageInfo, msg testMsg) (Response, error) {
			return handle(deps, "execute:"+info.Sender+":"+FindCoin(info.Funds, "ustake").String(), msg)
		}),
		OnQuery(func(deps *Deps, env Env, msg testMsg) (JSONMarshaler, error) {
			if msg.Fail {
				return nil, errors.New("query failed")
			}
			if msg.Write != nil {
				deps.Storage.Set([]byte("k"), []byte("v"))
			}
			return textResponse(msg.Echo + "@" + env.Block.ChainID), nil
		}),
		OnMigrate(func(deps *Deps, env Env, info MigrateInfo, msg testMsg) (Response, error) {
			v := "none"
			if info.OldMigrateVersion != nil {
				v = Uint128{lo: *info.OldMigrateVersion}.String()
			}
			return handle(deps, "migrate:"+info.Sender+":"+v, msg)
		}),
		OnSudo(func(deps *Deps, env Env, msg testMsg) (Response, error) { return handle(deps, "sudo", msg) }),
		OnReply(func(deps *Deps, env Env, r Reply) (Response, error) {
			if r.Result.Ok == nil {
				return Response{}.WithAttribute("reply_error", r.Result.Err), nil
			}
			return Response{}.WithAttribute("reply_id", Uint128{lo: r.ID}.String()).WithAttribute("payload", string(r.Payload)), nil
		}),
	)
}

func TestEntryPointsThroughJSON(t *testing.T) {
	m := NewMock()
	alice := m.API.Addr("alice")
	res, err := m.Instantiate(Info(alice), []byte(`{"echo":{"text":"hi"}}`))
	if err != nil || len(res.Attributes) != 2 || res.Attributes[0].Value != "hi" || res.Attributes[1].Value != "instantiate:"+alice {
		t.Fatalf("instantiate: %+v %v", res, err)
	}
	res, err = m.Execute(Info(alice, NewCoin(9, "ustake")), []byte(`{"echo":{"text":"x"}}`))
	if err != nil || res.Attributes[1].Value != "execute:"+alice+":9" {
		t.Fatalf("execute: %+v %v", res, err)
	}
	if _, err = m.Execute(Info(alice), []byte(`{"fail":{}}`)); err == nil || err.Error() != "failed on purpose" {
		t.Fatalf("handler error: %v", err)
	}
	_, err = m.Execute(Info(alice), []byte(`{"echo":{"text":"x","more":1}}`))
	if err == nil || err.Error() != `Error parsing into type message: unknown field "more"` {
		t.Fatalf("strict decoding: %v", err)
	}
	if _, err = m.Execute(Info(alice), []byte(`{"write":{"key":"a","value":"b"}}`)); err != nil {
		t.Fatal(err)
	}
	if v, ok := m.Storage.Get([]byte("a")); !ok || string(v) != "b" {
		t.Fatal("write through execute")
	}

	out, err := m.Query([]byte(`{"echo":{"text":"q"}}`))
	if err != nil || string(out) != `{"text":"q@`+MockChainID+`"}` {
		t.Fatalf("query: %s %v", out, err)
	}
	if _, err = m.Query([]byte(`{"fail":{}}`)); err == nil || err.Error() != "query failed" {
		t.Fatalf("query error: %v", err)
	}
	mustPanic(t, "write in query", func() { _, _ = m.Query([]byte(`{"write":{"key":"a","value":"b"}}`)) })
	if m.Storage.readOnly {
		t.Fatal("storage left read-only after a query")
	}

	v := uint64(3)
	res, err = m.Migrate(MigrateInfo{Sender: alice, OldMigrateVersion: &v}, []byte(`{"echo":{"text":"m"}}`))
	if err != nil || res.Attributes[1].Value != "migrate:"+alice+":3" {
		t.Fatalf("migrate: %+v %v", res, err)
	}
	res, err = m.Sudo([]byte(`{"echo":{"text":"s"}}`))
	if err != nil || res.Attributes[1].Value != "sudo" {
		t.Fatalf("sudo: %+v %v", res, err)
	}
	res, err = m.Reply(Reply{ID: 5, Payload: []byte("p"), Result: SubMsgResult{Ok: &SubMsgResponse{}}})
	if err != nil || res.Attributes[0].Value != "5" || res.Attributes[1].Value != "p" {
		t.Fatalf("reply: %+v %v", res, err)
	}
	res, err = m.Reply(Reply{ID: 5, Result: SubMsgResult{Err: "out of gas"}})
	if err != nil || res.Attributes[0].Value != "out of gas" {
		t.Fatalf("reply error: %+v %v", res, err)
	}
}

func TestDispatchErrorsAreCleanJSON(t *testing.T) {
	deps := NewMock().Deps()
	env := cwjson.Marshal(NewMock().Env)
	info := cwjson.Marshal(Info("a"))
	cases := []struct {
		ep         EntryPoint
		env, a, b  []byte
		wantResult string
	}{
		{EntryExecute, []byte(`{`), info, []byte(`{"fail":{}}`), `{"error":"Error parsing into type Env: invalid JSON at offset 1: expected an object key"}`},
		{EntryExecute, env, []byte(`[]`), []byte(`{"fail":{}}`), `{"error":"Error parsing into type MessageInfo: invalid JSON at offset 0: expected an object"}`},
		{EntryExecute, env, info, []byte(`{"nope":{}}`), `{"error":"Error parsing into type message: unknown variant \"nope\""}`},
		{EntryQuery, env, nil, nil, `{"error":"Error parsing into type message: invalid JSON at offset 0: expected an object"}`},
		{EntryReply, env, []byte(`{"id":"1"}`), nil, `{"error":"Error parsing into type Reply: invalid JSON at offset 6: expected a number, found a string"}`},
		{EntryMigrate, env, []byte(`{"fail":{}}`), []byte(`{"sender":1}`), `{"error":"Error parsing into type MigrateInfo: invalid JSON at offset 10: expected a string"}`},
		{EntryPoint(9), env, nil, nil, `{"error":"entry point unknown is not implemented by this contract"}`},
		{EntryQuery, env, []byte(`{"echo":{"text":"\u0000"}}`), nil, `{"ok":"eyJ0ZXh0IjoiXHUwMDAwQGFsbGlhbmNlLXRlc3RuZXQtMSJ9"}`},
	}
	for _, c := range cases {
		if got := string(Dispatch(c.ep, deps, c.env, c.a, c.b)); got != c.wantResult {
			t.Errorf("%s:\n got %s\nwant %s", c.ep, got, c.wantResult)
		}
	}
	// An entry point without a handler.
	saved := entries[EntrySudo]
	entries[EntrySudo] = nil
	defer func() { entries[EntrySudo] = saved }()
	if got := string(Dispatch(EntrySudo, deps, env, nil, nil)); got != `{"error":"entry point sudo is not implemented by this contract"}` {
		t.Errorf("unregistered: %s", got)
	}
}

// FuzzDispatch feeds arbitrary bytes as env, info/msg and the third argument to every entry
// point. Whatever the input, the result must be one JSON object with exactly one key, "ok" or
// "error" — never a panic (a trap without message on chain).
func FuzzDispatch(f *testing.F) {
	m := NewMock()
	env := cwjson.Marshal(m.Env)
	info := cwjson.Marshal(Info("alice", NewCoin(1, "ustake")))
	reply := cwjson.Marshal(Reply{ID: 1, Result: SubMsgResult{Ok: &SubMsgResponse{Events: []Event{{Type: "t"}}}}})
	for ep := uint8(0); ep < uint8(numEntryPoints); ep++ {
		f.Add(ep, env, info, []byte(`{"echo":{"text":"hi"}}`))
		f.Add(ep, env, []byte(`{"write":{"key":"k","value":"v"}}`), []byte(`{"sender":"s","old_migrate_version":1}`))
		f.Add(ep, env, reply, []byte{})
	}
	f.Add(uint8(1), []byte(`{"block":{"height":1e9}}`), []byte(`{"funds":[{"amount":"1"}]}`), []byte(`{"echo":{"text":"\ud800"}}`))
	f.Fuzz(func(t *testing.T, ep uint8, env, a, b []byte) {
		m := NewMock()
		e := EntryPoint(ep % uint8(numEntryPoints))
		out := Dispatch(e, m.Deps(), env, a, b)
		var res map[string]json.RawMessage
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("%s returned invalid JSON %q: %v", e, out, err)
		}
		if len(res) != 1 || (res["ok"] == nil && res["error"] == nil) {
			t.Fatalf("%s returned %s", e, out)
		}
		if msg, isErr := res["error"]; isErr && !strings.HasPrefix(string(msg), `"`) {
			t.Fatalf("error is not a string: %s", out)
		}
	})
}
