package std

import "github.com/alliancewasm/alliancewasm/contracts/std/cwjson"

// Env is the environment of a call, built by wasmd (x/wasm/types.NewEnv) for every entry point:
//
//	{"block":{"height":123,"time":"1700000000000000000","chain_id":"testing"},
//	 "transaction":{"index":0,"hash":"..."} | null,
//	 "contract":{"address":"wasm1..."}}
type Env struct {
	Block       BlockInfo
	Transaction *TransactionInfo // nil outside a transaction (queries, some sudo calls)
	Contract    ContractInfo
}

// BlockInfo describes the block being executed.
type BlockInfo struct {
	Height  uint64
	Time    Timestamp
	ChainID string
}

// TransactionInfo identifies the transaction within the block.
type TransactionInfo struct {
	Index uint32
	Hash  []byte // sha256 of the tx bytes; empty when the chain does not provide it
}

// ContractInfo is the executing contract.
type ContractInfo struct {
	Address string
}

// Timestamp is nanoseconds since the Unix epoch; a decimal string in JSON.
type Timestamp uint64

// Seconds returns the whole seconds.
func (t Timestamp) Seconds() uint64 { return uint64(t) / 1e9 }

// PlusSeconds returns t + s seconds, saturating at the maximum instead of wrapping.
func (t Timestamp) PlusSeconds(s uint64) Timestamp {
	if s > (^uint64(0)-uint64(t))/1e9 {
		return Timestamp(^uint64(0))
	}
	return t + Timestamp(s*1e9)
}

// MessageInfo is the sender and the funds sent with instantiate and execute.
type MessageInfo struct {
	Sender string
	Funds  []Coin
}

// MigrateInfo is passed to migrate: who migrates, and the cw_migrate_version of the old code
// if it had one.
type MigrateInfo struct {
	Sender            string
	OldMigrateVersion *uint64
}

// EncodeJSON writes env in the VM's shape.
func (e Env) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("block")
	w.ObjectStart()
	w.Key("height")
	w.Uint64(e.Block.Height)
	w.Key("time")
	w.Uint64String(uint64(e.Block.Time))
	w.Key("chain_id")
	w.String(e.Block.ChainID)
	w.ObjectEnd()
	w.Key("transaction")
	if e.Transaction == nil {
		w.Null()
	} else {
		w.ObjectStart()
		w.Key("index")
		w.Uint64(uint64(e.Transaction.Index))
		if len(e.Transaction.Hash) > 0 {
			w.Key("hash")
			w.Binary(e.Transaction.Hash)
		}
		w.ObjectEnd()
	}
	w.Key("contract")
	w.ObjectStart()
	w.Key("address")
	w.String(e.Contract.Address)
	w.ObjectEnd()
	w.ObjectEnd()
}

// DecodeJSON reads env. Unknown fields are skipped: newer chains may add some.
func (e *Env) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("block transaction contract ", 0, false)
	for f.Next() {
		switch f.I {
		case 0:
			f.Err = e.Block.decodeJSON(r)
		case 1:
			e.Transaction = nil
			if !r.Null() {
				e.Transaction = &TransactionInfo{}
				f.Err = e.Transaction.decodeJSON(r)
			}
		case 2:
			f.Err = e.Contract.decodeJSON(r)
		}
	}
	return f.Err
}

func (b *BlockInfo) decodeJSON(r *cwjson.Reader) error {
	f := r.Struct("height time chain_id ", 0, false)
	for f.Next() {
		switch f.I {
		case 0:
			f.Err = r.Uint64To(&b.Height)
		case 1:
			var t uint64
			t, f.Err = r.Uint64String()
			b.Time = Timestamp(t)
		case 2:
			f.Err = r.StringTo(&b.ChainID)
		}
	}
	return f.Err
}

func (tx *TransactionInfo) decodeJSON(r *cwjson.Reader) error {
	f := r.Struct("index hash ", 0, false)
	for f.Next() {
		if f.I == 0 {
			tx.Index, f.Err = r.Uint32()
		} else {
			f.Err = decodeBinary(r, &tx.Hash)
		}
	}
	return f.Err
}

func (c *ContractInfo) decodeJSON(r *cwjson.Reader) error {
	f := r.Struct("address ", 0, false)
	for f.Next() {
		f.Err = r.StringTo(&c.Address)
	}
	return f.Err
}

// MarshalJSON lets encoding/json produce the same bytes.
func (e Env) MarshalJSON() ([]byte, error) { return cwjson.Marshal(e), nil }

// UnmarshalJSON lets encoding/json read the same bytes.
func (e *Env) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, e) }

// EncodeJSON writes {"sender":"..","funds":[..]} (funds is [] when empty, as the VM sends it).
func (m MessageInfo) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("sender")
	w.String(m.Sender)
	w.Key("funds")
	encodeCoins(w, m.Funds)
	w.ObjectEnd()
}

// DecodeJSON reads message info.
func (m *MessageInfo) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("sender funds ", 0, false)
	for f.Next() {
		if f.I == 0 {
			f.Err = r.StringTo(&m.Sender)
		} else {
			m.Funds, f.Err = decodeCoins(r)
		}
	}
	return f.Err
}

// MarshalJSON lets encoding/json produce the same bytes.
func (m MessageInfo) MarshalJSON() ([]byte, error) { return cwjson.Marshal(m), nil }

// UnmarshalJSON lets encoding/json read the same bytes.
func (m *MessageInfo) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, m) }

// EncodeJSON writes {"sender":"..","old_migrate_version":null|7}.
func (m MigrateInfo) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("sender")
	w.String(m.Sender)
	w.Key("old_migrate_version")
	if m.OldMigrateVersion == nil {
		w.Null()
	} else {
		w.Uint64(*m.OldMigrateVersion)
	}
	w.ObjectEnd()
}

// DecodeJSON reads migrate info.
func (m *MigrateInfo) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("sender old_migrate_version ", 0, false)
	for f.Next() {
		switch {
		case f.I == 0:
			f.Err = r.StringTo(&m.Sender)
		case r.Null():
			m.OldMigrateVersion = nil
		default:
			m.OldMigrateVersion = new(uint64)
			f.Err = r.Uint64To(m.OldMigrateVersion)
		}
	}
	return f.Err
}

// MarshalJSON lets encoding/json produce the same bytes.
func (m MigrateInfo) MarshalJSON() ([]byte, error) { return cwjson.Marshal(m), nil }

// UnmarshalJSON lets encoding/json read the same bytes.
func (m *MigrateInfo) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, m) }
