package main

// Messages, responses and stored state of the token, with hand-written cwjson codecs (no
// encoding/json in the wasm). Message decoders are strict: unknown fields and variants are errors.
// Stored state skips unknown fields so a later version may add some, except the two hot records
// (Holder, RewardState), which are binary and exact: a version that adds a field migrates them.

import (
	"errors"
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// ---- small codec helpers ----

// fields reads an object, handing each key to fn; fn returns false for a key it does not know,
// which is an error when strict and skipped otherwise.
func fields(r *cwjson.Reader, strict bool, fn func(key string) (bool, error)) error {
	return r.Object(func(key string) error {
		ok, err := fn(key)
		if err != nil || ok {
			return err
		}
		if strict {
			return cwjson.UnknownField(key)
		}
		return r.Skip()
	})
}

func unmarshal(b []byte, fn func(r *cwjson.Reader) error) error {
	r := cwjson.NewReader(b)
	if err := fn(r); err != nil {
		return err
	}
	return r.End()
}

func optString(r *cwjson.Reader) (string, error) {
	if r.Null() {
		return "", nil
	}
	return r.String()
}

func optUint32(r *cwjson.Reader) (uint32, error) {
	if r.Null() {
		return 0, nil
	}
	return r.Uint32()
}

func stringList(r *cwjson.Reader) ([]string, error) {
	out := []string{}
	err := r.Array(func() error {
		s, err := r.String()
		out = append(out, s)
		return err
	})
	return out, err
}

func writeStringList(w *cwjson.Writer, l []string) {
	w.ArrayStart()
	for _, s := range l {
		w.String(s)
	}
	w.ArrayEnd()
}

// ---- expiration (cw20's Expiration) ----

// Expiration is {"never":{}}, {"at_height":123} or {"at_time":"<unix ns>"}.
type Expiration struct {
	Kind  uint8 // expNever, expHeight, expTime
	Value uint64
}

const (
	expNever uint8 = iota
	expHeight
	expTime
)

func (e Expiration) expired(b std.BlockInfo) bool {
	switch e.Kind {
	case expHeight:
		return b.Height >= e.Value
	case expTime:
		return uint64(b.Time) >= e.Value
	}
	return false
}

func (e Expiration) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	switch e.Kind {
	case expHeight:
		w.Key("at_height")
		w.Uint64(e.Value)
	case expTime:
		w.Key("at_time")
		w.Uint64String(e.Value)
	default:
		w.Key("never")
		w.EmptyObject()
	}
	w.ObjectEnd()
}

func (e *Expiration) DecodeJSON(r *cwjson.Reader) error {
	return r.Variant(func(name string) error {
		var err error
		switch name {
		case "never":
			*e = Expiration{}
			return r.EmptyObject()
		case "at_height":
			e.Kind = expHeight
			e.Value, err = r.Uint64()
		case "at_time":
			e.Kind = expTime
			e.Value, err = r.Uint64String()
		default:
			err = cwjson.UnknownVariant(name)
		}
		return err
	})
}

// ---- instantiate ----

// InstantiateMsg configures one token for one alliance asset:
//
//	{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset",
//	 "validators":["alliancevaloper1.."],"owner":"..","fee_bps":500,"fee_address":"..",
//	 "reward_denom":"stake","min_initial_deposit":"10000"}
//
// owner defaults to the sender, fee_address to the owner, reward_denom to the chain's bonded
// denom, min_initial_deposit to defaultMinInitialDeposit. It has the fields of Config (and the
// same decoder, strict here) except pending_owner.
type InstantiateMsg struct{ Config }

func (m *InstantiateMsg) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error { return m.Config.decode(r, true) })
}

// ---- execute ----

// ExecuteMsg holds exactly one action. Amounts are token (share) amounts except in deposit,
// whose amount is the funds sent.
type ExecuteMsg struct {
	Kind string // the variant name
	op   uint8  // Kind as one of the op* constants, for execute's dispatch

	Amount    std.Uint128
	Recipient string // transfer, transfer_from
	Contract  string // send, send_from
	Owner     string // *_from
	Spender   string // allowances
	Msg       []byte // send, send_from
	Expires   *Expiration

	Validators []string // update_validators
	FeeBps     uint32   // update_fee
	FeeAddress string   // update_fee (optional)
	NewOwner   string   // transfer_ownership
	Denom      string   // sweep
	// UnbondEpoch is update_unbond_epoch's new epoch (seconds).
	UnbondEpoch uint64
}

// The execute variants, as ExecuteMsg.op: execute dispatches on this number (a jump table)
// rather than comparing the variant name against every case again.
const (
	opUnknown uint8 = iota
	opDeposit
	opUnbond
	opWithdraw
	opProcessUnbonds
	opClaimRewards
	opHarvest
	opTransfer
	opSend
	opBurn
	opIncreaseAllowance
	opDecreaseAllowance
	opTransferFrom
	opSendFrom
	opBurnFrom
	opUpdateValidators
	opUpdateFee
	opTransferOwnership
	opAcceptOwnership
	opSweep
	opUpdateUnbondEpoch
)

// executeKeys lists the fields of all execute variants, each followed by a space; a variant
// accepts a set of them, a bit mask over this list (bit i: the i-th name).
const executeKeys = "amount recipient contract owner spender msg expires validators fee_bps fee_address new_owner denom unbond_epoch "

const (
	kAmount = 1 << iota
	kRecipient
	kContract
	kOwner
	kSpender
	kMsg
	kExpires
	kValidators
	kFeeBps
	kFeeAddress
	kNewOwner
	kDenom
	kUnbondEpoch
)

// executeFields returns a variant's op and the fields it accepts (opUnknown for an unknown
// variant). (A switch over string constants rather than a map or slices: both would cost wasm
// size.)
func executeFields(name string) (uint16, uint8) {
	switch name {
	case "deposit":
		return 0, opDeposit
	case "harvest":
		return 0, opHarvest
	case "claim_rewards":
		return 0, opClaimRewards
	case "withdraw":
		return 0, opWithdraw
	case "accept_ownership":
		return 0, opAcceptOwnership
	case "process_unbonds":
		return 0, opProcessUnbonds
	case "unbond":
		return kAmount, opUnbond
	case "burn":
		return kAmount, opBurn
	case "transfer":
		return kRecipient | kAmount, opTransfer
	case "send":
		return kContract | kAmount | kMsg, opSend
	case "increase_allowance":
		return kSpender | kAmount | kExpires, opIncreaseAllowance
	case "decrease_allowance":
		return kSpender | kAmount | kExpires, opDecreaseAllowance
	case "transfer_from":
		return kOwner | kRecipient | kAmount, opTransferFrom
	case "send_from":
		return kOwner | kContract | kAmount | kMsg, opSendFrom
	case "burn_from":
		return kOwner | kAmount, opBurnFrom
	case "update_validators":
		return kValidators, opUpdateValidators
	case "update_fee":
		return kFeeBps | kFeeAddress, opUpdateFee
	case "transfer_ownership":
		return kNewOwner, opTransferOwnership
	case "sweep":
		return kDenom, opSweep
	case "update_unbond_epoch":
		return kUnbondEpoch, opUpdateUnbondEpoch
	}
	return 0, opUnknown
}

// keyBit returns the bit of key in list (space-terminated names; bit i is the i-th), 0 when
// key is not in it. The decoders switch on the bit (a jump table) instead of comparing the key
// against every field name.
func keyBit(list, key string) uint16 {
	bit := uint16(1)
	for start := 0; start < len(list); bit <<= 1 {
		end := start
		for list[end] != ' ' {
			end++
		}
		if list[start:end] == key {
			return bit
		}
		start = end + 1
	}
	return 0
}

func (m *ExecuteMsg) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error {
		return r.Variant(func(name string) error {
			allowed, op := executeFields(name)
			if op == opUnknown {
				return cwjson.UnknownVariant(name)
			}
			m.Kind, m.op = name, op
			return fields(r, true, func(key string) (bool, error) {
				k := keyBit(executeKeys, key) & allowed
				var err error
				switch k {
				case kAmount:
					err = m.Amount.DecodeJSON(r)
				case kRecipient:
					m.Recipient, err = r.String()
				case kContract:
					m.Contract, err = r.String()
				case kOwner:
					m.Owner, err = r.String()
				case kSpender:
					m.Spender, err = r.String()
				case kMsg:
					m.Msg, err = r.Binary()
				case kExpires:
					if !r.Null() {
						m.Expires = &Expiration{}
						err = m.Expires.DecodeJSON(r)
					}
				case kValidators:
					m.Validators, err = stringList(r)
				case kFeeBps:
					m.FeeBps, err = r.Uint32()
				case kFeeAddress:
					m.FeeAddress, err = optString(r)
				case kNewOwner:
					m.NewOwner, err = r.String()
				case kDenom:
					m.Denom, err = r.String()
				case kUnbondEpoch:
					m.UnbondEpoch, err = r.Uint64()
				default:
					return false, nil // unknown, or not a field of this variant
				}
				return true, err
			})
		})
	})
}

// HookMsg is the msg of a cw20 send to the token contract itself: {"unbond":{}}.
type HookMsg struct{ Unbond bool }

func (h *HookMsg) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error {
		return r.Variant(func(name string) error {
			if name != "unbond" {
				return cwjson.UnknownVariant(name)
			}
			h.Unbond = true
			return r.EmptyObject()
		})
	})
}

// ReceiveMsg is the cw20 hook sent to the receiving contract of send/send_from:
// {"receive":{"sender":"..","amount":"..","msg":"<base64>"}}.
type ReceiveMsg struct {
	Sender string
	Amount std.Uint128
	Msg    []byte
}

func (m ReceiveMsg) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(128 + len(m.Msg)*4/3)
	w.ObjectStart()
	w.Key("receive")
	w.ObjectStart()
	w.Key("sender")
	w.String(m.Sender)
	w.Key("amount")
	m.Amount.EncodeJSON(w)
	w.Key("msg")
	w.Binary(m.Msg)
	w.ObjectEnd()
	w.ObjectEnd()
	return w.Bytes(), nil
}

// ---- query ----

// QueryMsg holds exactly one query.
type QueryMsg struct {
	Kind       string
	Address    string // balance, pending_rewards, claims
	Owner      string // allowance, all_allowances
	Spender    string // allowance
	StartAfter string
	Limit      uint32
}

// queryKeys lists the fields of all query variants (see executeKeys).
const queryKeys = "address owner spender start_after limit "

const (
	qAddress = 1 << iota
	qOwner
	qSpender
	qStartAfter
	qLimit
)

func queryFields(name string) (uint16, bool) {
	switch name {
	case "token_info", "config", "state", "current_batch":
		return 0, true
	case "balance", "pending_rewards", "claims":
		return qAddress, true
	case "allowance":
		return qOwner | qSpender, true
	case "all_allowances":
		return qOwner | qStartAfter | qLimit, true
	case "all_accounts":
		return qStartAfter | qLimit, true
	}
	return 0, false
}

func (m *QueryMsg) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error {
		return r.Variant(func(name string) error {
			allowed, ok := queryFields(name)
			if !ok {
				return cwjson.UnknownVariant(name)
			}
			m.Kind = name
			return fields(r, true, func(key string) (bool, error) {
				var err error
				switch keyBit(queryKeys, key) & allowed {
				case qAddress:
					m.Address, err = r.String()
				case qOwner:
					m.Owner, err = r.String()
				case qSpender:
					m.Spender, err = r.String()
				case qStartAfter:
					m.StartAfter, err = optString(r)
				case qLimit:
					m.Limit, err = optUint32(r)
				default:
					return false, nil // unknown, or not a field of this variant
				}
				return true, err
			})
		})
	})
}

// jsonFunc adapts a writer function to std.JSONMarshaler (query responses).
//
// Values are handed to std as a jsonFunc (or marshalFunc) and never as the struct itself: a struct
// converted to an interface makes TinyGo keep its type's reflection data (type and field names,
// layout) and more code; for Config, Allowance and ReceiveMsg that was about 1.4 KB of wasm.
type jsonFunc func(w *cwjson.Writer)

func (f jsonFunc) MarshalJSON() ([]byte, error) {
	w := cwjson.NewWriter(256)
	f(w)
	return w.Bytes(), nil
}

// marshalFunc adapts a MarshalJSON method value to std.JSONMarshaler (see jsonFunc), keeping that
// method's own buffer size.
type marshalFunc func() ([]byte, error)

func (f marshalFunc) MarshalJSON() ([]byte, error) { return f() }

// ---- stored state ----

// Config is the contract's configuration.
type Config struct {
	Name, Symbol      string
	Decimals          uint32
	AssetDenom        string
	RewardDenom       string
	Validators        []string
	Owner             string
	PendingOwner      string
	FeeBps            uint32
	FeeAddress        string
	MinInitialDeposit std.Uint128
	// UnbondEpoch is the shortest time (seconds) between two process_unbonds: each one creates at
	// most one unbonding entry per validator, so epoch > unbonding_time / MaxEntries keeps the
	// chain's cap (MaxEntries immature entries per validator) from ever being hit.
	UnbondEpoch uint64
}

func (c Config) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("name")
	w.String(c.Name)
	w.Key("symbol")
	w.String(c.Symbol)
	w.Key("decimals")
	w.Uint64(uint64(c.Decimals))
	w.Key("asset_denom")
	w.String(c.AssetDenom)
	w.Key("reward_denom")
	w.String(c.RewardDenom)
	w.Key("validators")
	writeStringList(w, c.Validators)
	w.Key("owner")
	w.String(c.Owner)
	w.Key("pending_owner")
	if c.PendingOwner == "" {
		w.Null()
	} else {
		w.String(c.PendingOwner)
	}
	w.Key("fee_bps")
	w.Uint64(uint64(c.FeeBps))
	w.Key("fee_address")
	w.String(c.FeeAddress)
	w.Key("min_initial_deposit")
	c.MinInitialDeposit.EncodeJSON(w)
	w.Key("unbond_epoch")
	w.Uint64(c.UnbondEpoch)
	w.ObjectEnd()
}

func (c Config) MarshalJSON() ([]byte, error) { return jsonFunc(c.encode).MarshalJSON() }

func (c *Config) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error { return c.decode(r, false) })
}

// decode reads a config (stored: lenient, unknown fields skipped) or an instantiate message
// (strict: unknown fields and pending_owner refused; optional fields may be null).
func (c *Config) decode(r *cwjson.Reader, strict bool) error {
	return fields(r, strict, func(key string) (bool, error) {
		var err error
		switch key {
		case "name":
			c.Name, err = r.String()
		case "symbol":
			c.Symbol, err = r.String()
		case "decimals":
			c.Decimals, err = r.Uint32()
		case "asset_denom":
			c.AssetDenom, err = r.String()
		case "reward_denom":
			c.RewardDenom, err = optString(r)
		case "validators":
			c.Validators, err = stringList(r)
		case "owner":
			c.Owner, err = optString(r)
		case "pending_owner":
			if strict {
				return false, nil
			}
			c.PendingOwner, err = optString(r)
		case "fee_bps":
			c.FeeBps, err = optUint32(r)
		case "fee_address":
			c.FeeAddress, err = optString(r)
		case "min_initial_deposit":
			if !r.Null() {
				err = c.MinInitialDeposit.DecodeJSON(r)
			}
		case "unbond_epoch":
			if !r.Null() {
				c.UnbondEpoch, err = r.Uint64()
			}
		default:
			return false, nil
		}
		return true, err
	})
}

// Stored records are written compactly because storage is paid per byte on every read and write:
// one-letter keys, and zero fields left out (they decode as zero).

// RewardState is the token supply, the global reward index (reward tokens per reward-bearing
// share, 18 places), the reward tokens the contract holds on behalf of holders (paid or payable by
// claims already booked into the index, plus fees), the claim book (below) and the current unbond
// batch: {"s":"..","i":"..","r":"..","o":"..","w":"..","x":"..","b":7,"q":"..","k":3,"t":..,"f":5}.
// One record, so a deposit or an unbond reads and writes the pool once.
//
// The current batch (Batch) collects unbonds until process_unbonds undelegates it: Queued shares
// of its BatchClaims claimants, out of Supply (the circulating supply) but still owning their part
// of the stake (the exchange rate's supply is Supply + Queued), opened at BatchStart (Unix ns). FirstUnsettled is the oldest processed batch not yet settled.
//
// The claim book: Unsettled is the sum of the amounts undelegated by processed batches not yet
// settled (still unbonding, or arrived but not yet settled); Owed is the sum of settled payouts not yet
// withdrawn; Surplus is asset the contract holds that belongs to the holders, not to claims
// (settlement dust and excess, asset-denom rewards claimed): harvest restakes it.
type RewardState struct {
	Supply    std.Uint128
	Index     std.Decimal
	Reserved  std.Uint128
	Unsettled std.Uint128
	Owed      std.Uint128
	Surplus   std.Uint128

	Batch          uint64
	Queued         std.Uint128
	BatchClaims    uint64
	BatchStart     uint64
	FirstUnsettled uint64

	// Own is the contract's own share balance (the locked shares and anything transferred to its
	// address), kept with the supply so booking knows the reward-bearing supply without reading
	// the contract's account.
	Own std.Uint128
}

// Holder is an account: its token balance, the reward index at its last settlement and the
// rewards settled but not yet claimed.
//
// It is the one record stored in binary rather than JSON: every transfer writes two of them at 30
// gas per byte, and {"b":"2900000","i":"0.045555555555555555","p":"136669"} (55 bytes) takes 16
// as three numbers, each a length byte and its big-endian bytes without leading zeros (balance,
// index atomics, pending). Nothing reads holder records raw: the cw20 queries answer from them.
type Holder struct {
	Balance std.Uint128
	Index   std.Decimal
	Pending std.Uint128
}

func (h Holder) MarshalJSON() ([]byte, error) {
	return appendCompact(make([]byte, 0, 51), h.Balance, h.Index.Atomics(), h.Pending), nil
}

var errBadRecord = errors.New("malformed record")

func (h *Holder) UnmarshalJSON(b []byte) error {
	var index std.Uint128
	rest, err := readCompact(b, &h.Balance, &index, &h.Pending)
	if err == nil && len(rest) != 0 {
		err = errBadRecord
	}
	h.Index = std.DecimalFromAtomics(index)
	return err
}

// appendCompact appends each value as a length byte and its big-endian bytes without leading
// zeros (zero is the single byte 0): the stored form of the hot records (Holder, RewardState).
func appendCompact(b []byte, vals ...std.Uint128) []byte {
	for _, v := range vals {
		hi, lo := v.Parts()
		n := (bits.Len64(lo) + 7) / 8 // significant bytes
		if hi != 0 {
			n = 8 + (bits.Len64(hi)+7)/8
		}
		b = append(b, byte(n))
		for i := n - 1; i >= 0; i-- {
			if i >= 8 {
				b = append(b, byte(hi>>(8*(i-8))))
			} else {
				b = append(b, byte(lo>>(8*i)))
			}
		}
	}
	return b
}

// readCompact reads values written by appendCompact into vals, in order, and returns the bytes
// after them.
func readCompact(b []byte, vals ...*std.Uint128) ([]byte, error) {
	for _, v := range vals {
		if len(b) == 0 || b[0] > 16 || len(b) <= int(b[0]) {
			return b, errBadRecord
		}
		n := int(b[0])
		var hi, lo uint64
		for _, c := range b[1 : 1+n] {
			hi, lo = hi<<8|lo>>56, lo<<8|uint64(c)
		}
		*v = std.Uint128FromParts(hi, lo)
		b = b[1+n:]
	}
	return b, nil
}

// RewardState is stored like Holder (appendCompact), each field in declaration order, uint64s
// widened: it is written by every deposit, unbond, claim and batch, and read by every transfer;
// as JSON it took 76 to 150 bytes, compact 25 to 50.
func (s RewardState) MarshalJSON() ([]byte, error) {
	return appendCompact(make([]byte, 0, 96), s.Supply, s.Index.Atomics(), s.Reserved, s.Unsettled, s.Owed, s.Surplus,
		u128(s.Batch), s.Queued, u128(s.BatchClaims), u128(s.BatchStart), u128(s.FirstUnsettled), s.Own), nil
}

func (s *RewardState) UnmarshalJSON(b []byte) error {
	var index, batch, claims, start, first std.Uint128
	rest, err := readCompact(b, &s.Supply, &index, &s.Reserved, &s.Unsettled, &s.Owed, &s.Surplus,
		&batch, &s.Queued, &claims, &start, &first, &s.Own)
	if err == nil && len(rest) != 0 {
		err = errBadRecord
	}
	s.Index = std.DecimalFromAtomics(index)
	var ok [4]bool
	s.Batch, ok[0] = batch.Uint64()
	s.BatchClaims, ok[1] = claims.Uint64()
	s.BatchStart, ok[2] = start.Uint64()
	s.FirstUnsettled, ok[3] = first.Uint64()
	if err == nil && !(ok[0] && ok[1] && ok[2] && ok[3]) {
		err = errBadRecord
	}
	return err
}

// optUint64 writes "key":v unless v is zero.
func optUint64(w *cwjson.Writer, key string, v uint64) {
	if v != 0 {
		w.Key(key)
		w.Uint64(v)
	}
}

// optUint128 writes "key":v unless v is zero.
func optUint128(w *cwjson.Writer, key string, v std.Uint128) {
	if !v.IsZero() {
		w.Key(key)
		v.EncodeJSON(w)
	}
}

// Allowance is what a spender may still move from an owner's balance, until Expires.
type Allowance struct {
	Amount  std.Uint128
	Expires Expiration
}

func (a Allowance) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("allowance")
	a.Amount.EncodeJSON(w)
	w.Key("expires")
	a.Expires.EncodeJSON(w)
	w.ObjectEnd()
}

func (a Allowance) MarshalJSON() ([]byte, error) { return jsonFunc(a.encode).MarshalJSON() }

func (a *Allowance) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error {
		return fields(r, false, func(key string) (bool, error) {
			switch key {
			case "allowance":
				return true, a.Amount.DecodeJSON(r)
			case "expires":
				return true, a.Expires.DecodeJSON(r)
			}
			return false, nil
		})
	})
}

// Claim is one holder's part of one unbond batch (every unbond of the holder into the same batch
// adds up): Shares queued, worth their pro-rata part of what the batch undelegated: {"a":".."}.
type Claim struct {
	Shares std.Uint128
}

func (c Claim) MarshalJSON() ([]byte, error) {
	return jsonFunc(func(w *cwjson.Writer) {
		w.ObjectStart()
		w.Key("a")
		c.Shares.EncodeJSON(w)
		w.ObjectEnd()
	}).MarshalJSON()
}

func (c *Claim) UnmarshalJSON(b []byte) error {
	return unmarshal(b, func(r *cwjson.Reader) error {
		return fields(r, false, func(key string) (bool, error) {
			if key != "a" {
				return false, nil
			}
			return true, c.Shares.DecodeJSON(r)
		})
	})
}

// Batch is a processed unbond batch: Shares (Σ its claims' shares, Claims of them not yet paid)
// were burned; Undelegated is what process_unbonds undelegated for them (their value at the
// exchange rate of then, rounded down), due back from Completion (Unix ns, from the undelegations' replies). Once
// settled against what the chain returned, Payout is what its claims share and Paid what they
// have been paid so far: {"a":"..","k":3,"u":"..","c":..,"s":true,"p":"..","d":".."}.
type Batch struct {
	Shares      std.Uint128
	Claims      uint64
	Undelegated std.Uint128
	Completion  uint64
	Settled     bool
	Payout      std.Uint128
	Paid        std.Uint128
}

func (b Batch) MarshalJSON() ([]byte, error) {
	return jsonFunc(func(w *cwjson.Writer) {
		w.ObjectStart()
		optUint128(w, "a", b.Shares)
		optUint64(w, "k", b.Claims)
		optUint128(w, "u", b.Undelegated)
		optUint64(w, "c", b.Completion)
		if b.Settled {
			w.Key("s")
			w.Bool(true)
		}
		optUint128(w, "p", b.Payout)
		optUint128(w, "d", b.Paid)
		w.ObjectEnd()
	}).MarshalJSON()
}

func (b *Batch) UnmarshalJSON(data []byte) error {
	return unmarshal(data, func(r *cwjson.Reader) error {
		return fields(r, false, func(key string) (bool, error) {
			var err error
			switch key {
			case "a":
				err = b.Shares.DecodeJSON(r)
			case "k":
				b.Claims, err = r.Uint64()
			case "u":
				err = b.Undelegated.DecodeJSON(r)
			case "c":
				b.Completion, err = r.Uint64()
			case "s":
				b.Settled, err = r.Bool()
			case "p":
				err = b.Payout.DecodeJSON(r)
			case "d":
				err = b.Paid.DecodeJSON(r)
			default:
				return false, nil
			}
			return true, err
		})
	})
}
