package main

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The hostile contract on the native mock host: its loop counts what the
// chain answered, query_once returns the answer or the error, and
// send_custom forwards the message bytes untouched.

func setup(t *testing.T) *std.Mock {
	t.Helper()
	m := std.NewMock()
	if _, err := m.Instantiate(std.Info(m.API.Addr("owner")), []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	// The mock chain answers {"custom":{"ok":…}} and refuses anything else.
	m.Querier.Custom = func(req []byte) ([]byte, error) {
		if string(req) == `{"ok":{}}` {
			return []byte(`"yes"`), nil
		}
		return nil, errors.New("refused " + string(req))
	}
	return m
}

func TestQueryLoopCountsAnswers(t *testing.T) {
	m := setup(t)
	resp, err := m.Execute(std.Info("owner"), []byte(`{"query_loop":{"request":{"custom":{"bad":{}}},"times":3}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range resp.Attributes {
		got[a.Key] = a.Value
	}
	if got["ok"] != "0" || got["err"] != "3" || got["first_error"] != `querier contract error: refused {"bad":{}}` {
		t.Fatalf("attributes %v", got)
	}

	bz, err := m.Query([]byte(`{"query_loop":{"request":{"custom":{"ok":{}}},"times":4}}`))
	if err != nil || string(bz) != `{"ok":4,"err":0}` {
		t.Fatalf("smart loop: %s %v", bz, err)
	}
}

func TestQueryOnceReturnsAnswerOrError(t *testing.T) {
	m := setup(t)
	var out struct {
		Answer []byte `json:"answer"`
		Error  string `json:"error"`
	}
	bz, err := m.Query([]byte(`{"query_once":{"request":{"custom":{"ok":{}}}}}`))
	if err != nil || json.Unmarshal(bz, &out) != nil || string(out.Answer) != `"yes"` || out.Error != "" {
		t.Fatalf("answer: %s %v", bz, err)
	}
	bz, err = m.Query([]byte(`{"query_once":{"request":{"custom":{"no":1}}}}`))
	out.Answer = nil
	if err != nil || json.Unmarshal(bz, &out) != nil || out.Answer != nil || out.Error != `querier contract error: refused {"no":1}` {
		t.Fatalf("error: %s %v", bz, err)
	}
}

func TestSendCustomForwardsTheMessage(t *testing.T) {
	m := setup(t)
	resp, err := m.Execute(std.Info("owner"), []byte(`{"send_custom":{"msg":{"alliance":{"x":"010"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Messages) != 1 || string(resp.Messages[0].Msg.Custom) != `{"alliance":{"x":"010"}}` {
		t.Fatalf("messages %+v", resp.Messages)
	}
	for _, bad := range []string{`{"send_custom":{"msg":1,"x":2}}`, `{"nope":{}}`, `{"query_loop":{"times":1}}`} {
		if _, err := m.Execute(std.Info("owner"), []byte(bad)); err == nil {
			t.Fatalf("%s accepted", bad)
		}
	}
}
