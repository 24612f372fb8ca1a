package main

import (
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// State. A holder's balance and reward checkpoint share one record, and the supply shares one
// with the reward index: a transfer reads three values and writes two, as few as a plain cw20
// (this departs from cw20-base's raw storage layout, which no query needs).
var (
	config     = std.NewItem[Config]("config")
	allowances = std.NewMap[std.Pair[string, string], AllowanceResponse]("allowance", std.PairKey(std.StringKey, std.StringKey))
	rewards    = std.NewItem[RewardState]("pool")
	// Accounts are keyed by canonical address under a one-letter namespace: keys are paid per
	// byte on every read and write.
	holders = std.NewMap[[]byte, Holder]("a", std.BytesKey)
	// claims are keyed by (holder, batch id); batches holds the processed batches until their
	// claims are all paid.
	claims  = std.NewMap[std.Pair[string, uint64], Claim]("claims", std.PairKey(std.StringKey, std.Uint64Key))
	batches = std.NewMap[uint64, Batch]("batch", std.Uint64Key)
)

const (
	// lockedShares are minted to the contract itself on the first deposit and never move: the
	// supply can never return to zero, so the exchange rate can never be reset and a first
	// depositor cannot own 100 % of a tiny supply (the share-inflation attack).
	lockedShares = 1000
	// defaultMinInitialDeposit is the smallest first deposit (it must exceed lockedShares).
	defaultMinInitialDeposit = 10_000
	// maxFeeBps caps the protocol fee on rewards at 10 %.
	maxFeeBps      = 1000
	bpsDenominator = 10_000
	// maxValidators bounds the loops and queries of every call.
	maxValidators = 20
	// unbondingPages bounds the pages of the unbondings query (100 entries each).
	unbondingPages = 16

	replyUndelegate = 1
	replyDeposit    = 2

	// defaultUnbondEpoch (4 days, in seconds) is the shortest time between two process_unbonds
	// unless instantiate sets unbond_epoch. Every processing creates at most one unbonding entry
	// per validator, and an entry counts against the chain's cap (x/staking's MaxEntries, 7) until
	// the end of the block it completes in, so the cap can never be hit when
	// unbond_epoch > unbonding_time / MaxEntries: 4 days serves unbonding times below 28 days
	// (the usual 21 days needs more than 3).
	defaultUnbondEpoch = 4 * 24 * 3600
	// maxUnbondEpoch (60 days) bounds how long an unbond can wait to be undelegated.
	maxUnbondEpoch = 60 * 24 * 3600
	nsPerSecond    = 1_000_000_000

	defaultPageLimit = 10
	maxPageLimit     = 30
)

// loadHolder returns addr's account (zero when it has none).
func loadHolder(deps *std.Deps, addr string) (Holder, error) {
	key, err := deps.API.AddrCanonicalize(addr)
	if err != nil {
		return Holder{}, err
	}
	h, _, err := holders.MayLoad(deps.Storage, key)
	return h, err
}

func saveHolder(deps *std.Deps, addr string, h Holder) error {
	key, err := deps.API.AddrCanonicalize(addr)
	if err != nil {
		return err
	}
	if h.Balance.IsZero() && h.Pending.IsZero() {
		holders.Remove(deps.Storage, key)
		return nil
	}
	return holders.Save(deps.Storage, key, h)
}

// The records below are stored in a compact binary form (appendCompact), not JSON: storage is paid
// per byte on every read and write, and every transfer, deposit and unbond writes some of them
// (README.md, "Storage", has the sizes). Their MarshalJSON/UnmarshalJSON are what std's Item and
// Map call to store them. Nothing reads them raw: the queries answer from them.

// RewardState is the token supply, the global reward index (reward tokens per reward-bearing
// share, 18 places), the reward tokens the contract holds on behalf of holders (paid or payable by
// claims already booked into the index, plus fees), the claim book (below) and the current unbond
// batch. One record, so a deposit or an unbond reads and writes the pool once.
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

	// The delisting (README.md, "Delisting"). Delisted is the asset's delist_completion_time
	// (Unix ns) once the contract has seen governance delist it, 0 while it is listed. Wind is
	// what the chain's wind-down entries were seen to return for the holders' stake (0 when the
	// contract first saw the delisting after they completed). Final is set once that came back and
	// was settled: from then on Pot is the asset the holders' shares (and the current batch's
	// queued shares) own, paid out by exit.
	Delisted uint64
	Wind     std.Uint128
	Final    bool
	Pot      std.Uint128
}

// delisted says whether the contract has seen its asset delisted.
func (s RewardState) delisted() bool { return s.Delisted != 0 }

// Holder is an account: its token balance, the reward index at its last settlement and the
// rewards settled but not yet claimed.
//
// Stored compactly (appendCompact): balance, index atomics, pending. Nothing reads holder records
// raw: the cw20 queries answer from them.
type Holder struct {
	Balance std.Uint128
	Index   std.Decimal
	Pending std.Uint128
}

func (h Holder) MarshalJSON() ([]byte, error) {
	return appendCompact(make([]byte, 0, 51), h.Balance, h.Index.Atomics(), h.Pending), nil
}

func (h *Holder) UnmarshalJSON(b []byte) error {
	var index std.Uint128
	err := readAll(b, &h.Balance, &index, &h.Pending)
	h.Index = std.DecimalFromAtomics(index)
	return err
}

// appendCompact appends each value as a length byte and its big-endian bytes without leading
// zeros (zero is the single byte 0): the stored form of every record but the config.
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

// readAll reads values written by appendCompact into vals, in order; b must hold exactly them.
func readAll(b []byte, vals ...*std.Uint128) error {
	for _, v := range vals {
		if len(b) == 0 || b[0] > 16 || len(b) <= int(b[0]) {
			return ErrBadRecord
		}
		n := int(b[0])
		var hi, lo uint64
		for _, c := range b[1 : 1+n] {
			hi, lo = hi<<8|lo>>56, lo<<8|uint64(c)
		}
		*v = std.Uint128FromParts(hi, lo)
		b = b[1+n:]
	}
	if len(b) != 0 {
		return ErrBadRecord
	}
	return nil
}

// narrow stores each of vals into the uint64 at the same position of dst; a value above 2^64-1
// is a malformed record.
func narrow(dst []*uint64, vals []std.Uint128) error {
	for i, v := range vals {
		x, ok := v.Uint64()
		if !ok {
			return ErrBadRecord
		}
		*dst[i] = x
	}
	return nil
}

// RewardState is stored with appendCompact, each field in declaration order, uint64s widened
// (Final as 0 or 1). The delisting's four fields are written only once Delisted is set: the
// record of a listed asset keeps its size and a contract stored before they existed reads as
// listed.
func (s RewardState) MarshalJSON() ([]byte, error) {
	b := appendCompact(make([]byte, 0, 96), s.Supply, s.Index.Atomics(), s.Reserved, s.Unsettled, s.Owed, s.Surplus,
		u128(s.Batch), s.Queued, u128(s.BatchClaims), u128(s.BatchStart), u128(s.FirstUnsettled), s.Own)
	if !s.delisted() {
		return b, nil
	}
	final := uint64(0)
	if s.Final {
		final = 1
	}
	return appendCompact(b, u128(s.Delisted), s.Wind, u128(final), s.Pot), nil
}

// rewardStateFields is the number of values of a listed asset's record.
const rewardStateFields = 12

func (s *RewardState) UnmarshalJSON(b []byte) error {
	var index, batch, claims, start, first, delisted, final std.Uint128
	vals := []*std.Uint128{&s.Supply, &index, &s.Reserved, &s.Unsettled, &s.Owed, &s.Surplus,
		&batch, &s.Queued, &claims, &start, &first, &s.Own, &delisted, &s.Wind, &final, &s.Pot}
	listed := countCompact(b) == rewardStateFields
	if listed {
		vals = vals[:rewardStateFields]
	}
	err := readAll(b, vals...)
	s.Index = std.DecimalFromAtomics(index)
	if err != nil {
		return err
	}
	if final.Gt(u128(1)) || (!listed && delisted.IsZero()) { // the long form is a delisting's
		return ErrBadRecord
	}
	s.Final = !final.IsZero()
	return narrow([]*uint64{&s.Batch, &s.BatchClaims, &s.BatchStart, &s.FirstUnsettled, &s.Delisted},
		[]std.Uint128{batch, claims, start, first, delisted})
}

// countCompact counts the values appendCompact wrote into b (-1 when b is malformed).
func countCompact(b []byte) int {
	n := 0
	for len(b) > 0 {
		if b[0] > 16 || len(b) <= int(b[0]) {
			return -1
		}
		b = b[1+int(b[0]):]
		n++
	}
	return n
}

// Claim is one holder's part of one unbond batch (every unbond of the holder into the same batch
// adds up): Shares queued, worth their pro-rata part of what the batch undelegated.
type Claim struct {
	Shares std.Uint128
}

func (c Claim) MarshalJSON() ([]byte, error) {
	return appendCompact(make([]byte, 0, 17), c.Shares), nil
}

func (c *Claim) UnmarshalJSON(b []byte) error { return readAll(b, &c.Shares) }

// Batch is a processed unbond batch: Shares (the sum of its claims' shares, Claims of them not yet
// paid) were burned; Undelegated is what process_unbonds undelegated for them (their value at the
// exchange rate of then, rounded down), due back from Completion (Unix ns, from the undelegations'
// replies). Once settled against what the chain returned, Payout is what its claims share and Paid
// what they have been paid so far. Seen is set when the contract saw the asset delisted while
// the batch was unbonding, with Listed what its entries held then (after any slash): settled
// together with the wind-down it counts for that, not for what it undelegated. Stored with
// appendCompact in declaration order (Settled as 0 or 1); Seen and Listed only when Seen.
type Batch struct {
	Shares      std.Uint128
	Claims      uint64
	Undelegated std.Uint128
	Completion  uint64
	Settled     bool
	Payout      std.Uint128
	Paid        std.Uint128
	Seen        bool
	Listed      std.Uint128
}

// batchFields is the number of values of a batch not seen by a delisting.
const batchFields = 7

func (b Batch) MarshalJSON() ([]byte, error) {
	settled := uint64(0)
	if b.Settled {
		settled = 1
	}
	out := appendCompact(make([]byte, 0, 64), b.Shares, u128(b.Claims), b.Undelegated, u128(b.Completion), u128(settled), b.Payout, b.Paid)
	if !b.Seen {
		return out, nil
	}
	return appendCompact(out, u128(1), b.Listed), nil
}

func (b *Batch) UnmarshalJSON(data []byte) error {
	var claims, completion, settled, seen std.Uint128
	vals := []*std.Uint128{&b.Shares, &claims, &b.Undelegated, &completion, &settled, &b.Payout, &b.Paid, &seen, &b.Listed}
	short := countCompact(data) == batchFields
	if short {
		vals = vals[:batchFields]
	}
	if err := readAll(data, vals...); err != nil {
		return err
	}
	if seen.Gt(u128(1)) || (!short && seen.IsZero()) { // the long form is a seen batch's
		return ErrBadRecord
	}
	b.Seen = !seen.IsZero()
	var s uint64
	if err := narrow([]*uint64{&b.Claims, &b.Completion, &s}, []std.Uint128{claims, completion, settled}); err != nil {
		return err
	}
	if s > 1 {
		return ErrBadRecord
	}
	b.Settled = s == 1
	return nil
}
