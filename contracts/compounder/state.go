package main

// Stored state of the withdrawal batches, with hand-written cwjson codecs (stored state is read
// leniently: unknown fields are skipped).

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// Book is the withdrawal queue and the asset the contract holds for claims:
//
//	{"batch":3,"queued":"..","batch_claims":2,"batch_start":"<ns>","unsettled":"..","owed":"..",
//	 "surplus":".."}
//
// batch is the open batch's id, queued its shares (out of the holders' balances and the share
// supply, still owning their part of the stake), batch_claims how many owners queued in it,
// batch_start when it opened. unsettled is Σ undelegated of the processed batches not yet
// settled; owed Σ payouts of settled batches not yet claimed; surplus asset held but owed to
// nobody (settlement dust, anything beyond a batch's recorded amount), restaked by the next harvest.
type Book struct {
	Batch       uint64
	Queued      std.Uint128
	BatchClaims uint32
	BatchStart  uint64
	Unsettled   std.Uint128
	Owed        std.Uint128
	Surplus     std.Uint128
}

func (b Book) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256)
	w.ObjectStart()
	w.Key("batch")
	w.Uint64(b.Batch)
	w.Key("queued")
	b.Queued.EncodeJSON(w)
	w.Key("batch_claims")
	w.Uint64(uint64(b.BatchClaims))
	w.Key("batch_start")
	w.String(uintString(b.BatchStart))
	w.Key("unsettled")
	b.Unsettled.EncodeJSON(w)
	w.Key("owed")
	b.Owed.EncodeJSON(w)
	w.Key("surplus")
	b.Surplus.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (b *Book) UnmarshalJSON(data []byte) error {
	r := cwjson.NewReader(data)
	err := r.Object(func(key string) error {
		var err error
		switch key {
		case "batch":
			b.Batch, err = r.Uint64()
		case "queued":
			err = b.Queued.DecodeJSON(r)
		case "batch_claims":
			b.BatchClaims, err = r.Uint32()
		case "batch_start":
			b.BatchStart, err = r.Uint64String()
		case "unsettled":
			err = b.Unsettled.DecodeJSON(r)
		case "owed":
			err = b.Owed.DecodeJSON(r)
		case "surplus":
			err = b.Surplus.DecodeJSON(r)
		default:
			err = r.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	return r.End()
}

// Batch is a processed withdrawal batch:
//
//	{"shares":"..","claims":2,"undelegated":"..","completion":"<ns>","settled":false,
//	 "payout":"..","paid":".."}
//
// shares were burned at processing for undelegated tokens; completion is the latest completion
// time the chain gave its undelegations (0 until the replies arrive); once settled, payout is what
// the chain returned for it (at most undelegated) and paid what its claims have collected so far.
// A batch is removed when its last claim is paid.
type Batch struct {
	Shares      std.Uint128
	Claims      uint32
	Undelegated std.Uint128
	Completion  uint64
	Settled     bool
	Payout      std.Uint128
	Paid        std.Uint128
}

func (b Batch) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(192)
	w.ObjectStart()
	w.Key("shares")
	b.Shares.EncodeJSON(w)
	w.Key("claims")
	w.Uint64(uint64(b.Claims))
	w.Key("undelegated")
	b.Undelegated.EncodeJSON(w)
	w.Key("completion")
	w.String(uintString(b.Completion))
	w.Key("settled")
	w.Bool(b.Settled)
	w.Key("payout")
	b.Payout.EncodeJSON(w)
	w.Key("paid")
	b.Paid.EncodeJSON(w)
	w.ObjectEnd()
	return w.Bytes(), nil
}

func (b *Batch) UnmarshalJSON(data []byte) error {
	r := cwjson.NewReader(data)
	err := r.Object(func(key string) error {
		var err error
		switch key {
		case "shares":
			err = b.Shares.DecodeJSON(r)
		case "claims":
			b.Claims, err = r.Uint32()
		case "undelegated":
			err = b.Undelegated.DecodeJSON(r)
		case "completion":
			b.Completion, err = r.Uint64String()
		case "settled":
			b.Settled, err = r.Bool()
		case "payout":
			err = b.Payout.DecodeJSON(r)
		case "paid":
			err = b.Paid.DecodeJSON(r)
		default:
			err = r.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	return r.End()
}

// ClaimInfo is one claim in the claims and position queries:
//
//	{"batch_id":3,"shares":"..","amount":".."|null,"release_at":"<ns>"|null,"payout":".."|null}
//
// amount (what the claim's shares were unbonded for, floor(shares · undelegated / batch shares))
// is null while the batch is open; release_at is null until the chain answered the undelegation;
// payout is null until the batch is settled against what the chain returned, then what claim pays.
type ClaimInfo struct {
	BatchID   uint64
	Shares    std.Uint128
	Processed bool
	Amount    std.Uint128
	ReleaseAt uint64
	Settled   bool
	Payout    std.Uint128
}

func (c ClaimInfo) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("batch_id")
	w.Uint64(c.BatchID)
	w.Key("shares")
	c.Shares.EncodeJSON(w)
	w.Key("amount")
	if c.Processed {
		c.Amount.EncodeJSON(w)
	} else {
		w.Null()
	}
	w.Key("release_at")
	if c.ReleaseAt != 0 {
		w.String(uintString(c.ReleaseAt))
	} else {
		w.Null()
	}
	w.Key("payout")
	if c.Settled {
		c.Payout.EncodeJSON(w)
	} else {
		w.Null()
	}
	w.ObjectEnd()
}
