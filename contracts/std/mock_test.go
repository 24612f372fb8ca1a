package std

import (
	"errors"
	"testing"
)

// The mock host is transactional like the chain: a call that returns an error leaves no write
// behind, whatever entry point it was and whatever state it touched.
func TestMockFailedCallRevertsItsWrites(t *testing.T) {
	m := NewMock()
	alice := m.API.Addr("alice")
	if _, err := m.Execute(Info(alice), []byte(`{"write":{"key":"a","value":"kept"}}`)); err != nil {
		t.Fatal(err)
	}
	// The failing call writes "b" and removes "a", then errors: both are undone.
	calls := map[string]func() error{
		"instantiate": func() error {
			_, err := m.Instantiate(Info(alice), []byte(`{"write":{"key":"b","value":"then-fail"}}`))
			return err
		},
		"execute": func() error {
			_, err := m.Execute(Info(alice), []byte(`{"write":{"key":"b","value":"then-fail"}}`))
			return err
		},
		"migrate": func() error {
			_, err := m.Migrate(MigrateInfo{Sender: alice}, []byte(`{"write":{"key":"b","value":"then-fail"}}`))
			return err
		},
		"sudo": func() error {
			_, err := m.Sudo([]byte(`{"write":{"key":"b","value":"then-fail"}}`))
			return err
		},
	}
	for name, call := range calls {
		if err := call(); err == nil || err.Error() != "failed after writing" {
			t.Fatalf("%s: %v", name, err)
		}
		if v, ok := m.Storage.Get([]byte("a")); !ok || string(v) != "kept" {
			t.Fatalf("%s: the removal of a failed call was kept", name)
		}
		if _, ok := m.Storage.Get([]byte("b")); ok || m.Storage.Len() != 1 {
			t.Fatalf("%s: the write of a failed call was kept", name)
		}
	}
}

func TestMockTransactNestsAndTracks(t *testing.T) {
	m := NewMock()
	m.Querier.SetBalance("bob", NewCoin(5, "u"))
	module := 10 // state of a module model living outside the mock
	m.Track(func() func() {
		saved := module
		return func() { module = saved }
	})
	boom := errors.New("boom")
	err := m.Transact(func() error {
		m.Storage.Set([]byte("outer"), []byte("1"))
		module = 11
		// An inner failure reverts only the inner writes when it is not passed up.
		if err := m.Transact(func() error {
			m.Storage.Set([]byte("inner"), []byte("1"))
			m.Querier.SetBalance("bob", NewCoin(1, "u"))
			module = 12
			return boom
		}); err != boom {
			t.Fatalf("inner: %v", err)
		}
		if _, ok := m.Storage.Get([]byte("inner")); ok || module != 11 || FindCoin(m.Querier.Balances["bob"], "u") != NewUint128(5) {
			t.Fatalf("inner failure not reverted: module %d, bob %v", module, m.Querier.Balances["bob"])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Storage.Get([]byte("outer")); !ok || module != 11 {
		t.Fatal("a successful transaction was reverted")
	}
	// A failing outer transaction reverts everything, including tracked state and balances.
	err = m.Transact(func() error {
		m.Storage.Remove([]byte("outer"))
		m.Querier.SetBalance("carol", NewCoin(3, "u"))
		module = 20
		return boom
	})
	if _, ok := m.Storage.Get([]byte("outer")); err != boom || !ok || module != 11 || m.Querier.Balances["carol"] != nil {
		t.Fatalf("failed transaction kept writes: %v, module %d, carol %v", err, module, m.Querier.Balances["carol"])
	}
	// A panic (a contract's abort) reverts too before it propagates.
	mustPanic(t, "abort", func() {
		_ = m.Transact(func() error {
			m.Storage.Set([]byte("p"), []byte("1"))
			Abort("impossible")
			return nil
		})
	})
	if _, ok := m.Storage.Get([]byte("p")); ok {
		t.Fatal("write before a panic kept")
	}
}

// The storage journal undoes exactly the failed transaction's writes, in reverse order, also when
// an outer and an inner transaction write the same key.
func TestMockJournalUndoesNestedWritesOfOneKey(t *testing.T) {
	m := NewMock()
	m.Storage.Set([]byte("k"), []byte("0"))
	boom := errors.New("boom")
	err := m.Transact(func() error {
		m.Storage.Set([]byte("k"), []byte("1"))
		_ = m.Transact(func() error {
			m.Storage.Set([]byte("k"), []byte("2"))
			m.Storage.Remove([]byte("k"))
			m.Storage.Set([]byte("new"), []byte("x"))
			return boom
		})
		if v, _ := m.Storage.Get([]byte("k")); string(v) != "1" || m.Storage.Len() != 1 {
			t.Fatalf("inner undo: k = %q, %d keys", v, m.Storage.Len())
		}
		m.Storage.Remove([]byte("k"))
		return boom
	})
	if v, _ := m.Storage.Get([]byte("k")); err != boom || string(v) != "0" || m.Storage.Len() != 1 {
		t.Fatalf("outer undo: k = %q, %d keys", v, m.Storage.Len())
	}
	if m.Storage.depth != 0 || m.Storage.journal != nil {
		t.Fatal("journal left open")
	}
	// Outside a transaction nothing is journaled.
	m.Storage.Set([]byte("k"), []byte("3"))
	if len(m.Storage.journal) != 0 {
		t.Fatal("write outside a transaction journaled")
	}
}
