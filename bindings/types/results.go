package types

import "errors"

// Type URLs of the message responses a contract finds in a reply's
// msg_responses after sending an alliance message (custom or Any).
const (
	TypeURLDelegateResponse     = "/alliance.alliance.MsgDelegateResponse"
	TypeURLUndelegateResponse   = "/alliance.alliance.MsgUndelegateResponse"
	TypeURLRedelegateResponse   = "/alliance.alliance.MsgRedelegateResponse"
	TypeURLClaimRewardsResponse = "/alliance.alliance.MsgClaimDelegationRewardsResponse"

	TypeURLCancelUnbondingResponse = "/alliance.alliance.MsgCancelUnbondingResponse"
)

// Static errors: these decoders are compiled into contracts, where every
// formatted message costs code size.
var (
	errCompletionOutOfRange = errors.New("completion_time out of range")
	errNoCompletionTime     = errors.New("response has no completion_time")
)

// UndelegateResult is MsgUndelegateResponse: when the tokens come back, the
// rewards the delegation was paid before it shrank, and the tokens that come
// back (less than asked when the request was at least the delegation's
// whole value: exactly that value moves; "0" for a delegation worth less
// than one token, closed). Empty Denom and Amount: a chain that does not
// report it.
type UndelegateResult struct {
	CompletionTime uint64 // Unix nanoseconds
	ClaimedRewards []Coin
	Amount         Coin
}

// RedelegateResult is MsgRedelegateResponse: when the redelegation matures,
// the rewards paid before the move (source delegation plus the destination
// delegation when it existed), and the tokens moved (less than asked when
// the request was at least the source delegation's whole value).
type RedelegateResult struct {
	CompletionTime uint64 // Unix nanoseconds
	ClaimedRewards []Coin
	Amount         Coin
}

// CancelUnbondingResult is MsgCancelUnbondingResponse: the rewards the
// delegation was paid before the cancelled tokens rejoined it.
type CancelUnbondingResult struct {
	ClaimedRewards []Coin
}

// ClaimRewardsResult is MsgClaimDelegationRewardsResponse: what was paid.
type ClaimRewardsResult struct {
	Rewards []Coin
}

// DecodeUndelegateResult decodes the protobuf value of a MsgUndelegateResponse
// (field 1: completion time, field 2: repeated Coin, field 3: Coin).
func DecodeUndelegateResult(value []byte) (UndelegateResult, error) {
	t, coins, amount, err := decodeExit(value)
	return UndelegateResult{CompletionTime: t, ClaimedRewards: coins, Amount: amount}, err
}

// DecodeRedelegateResult decodes the protobuf value of a MsgRedelegateResponse
// (field 1: completion time, field 2: repeated Coin, field 3: Coin).
func DecodeRedelegateResult(value []byte) (RedelegateResult, error) {
	t, coins, amount, err := decodeExit(value)
	return RedelegateResult{CompletionTime: t, ClaimedRewards: coins, Amount: amount}, err
}

// DecodeCancelUnbondingResult decodes the protobuf value of a
// MsgCancelUnbondingResponse (field 1: repeated Coin).
func DecodeCancelUnbondingResult(value []byte) (CancelUnbondingResult, error) {
	coins, err := decodeCoinList(value, 1)
	return CancelUnbondingResult{ClaimedRewards: coins}, err
}

// decodeExit reads the fields the undelegate and redelegate responses share.
func decodeExit(value []byte) (uint64, []Coin, Coin, error) {
	t, err := decodeCompletionTime(value)
	if err != nil {
		return 0, nil, Coin{}, err
	}
	coins, err := decodeCoinList(value, 2)
	if err != nil {
		return 0, nil, Coin{}, err
	}
	amounts, err := decodeCoinList(value, 3)
	if err != nil || len(amounts) == 0 {
		return t, coins, Coin{}, err
	}
	return t, coins, amounts[len(amounts)-1], nil // protobuf: the last one wins
}

// DelegateResult is MsgDelegateResponse: the rewards the delegation was paid
// before its shares changed (empty for a new delegation).
type DelegateResult struct {
	ClaimedRewards []Coin
}

// DecodeDelegateResult decodes the protobuf value of a MsgDelegateResponse
// (field 1: repeated Coin).
func DecodeDelegateResult(value []byte) (DelegateResult, error) {
	coins, err := decodeCoinList(value, 1)
	return DelegateResult{ClaimedRewards: coins}, err
}

// DecodeClaimRewardsResult decodes the protobuf value of a
// MsgClaimDelegationRewardsResponse (field 1: repeated Coin).
func DecodeClaimRewardsResult(value []byte) (ClaimRewardsResult, error) {
	coins, err := decodeCoinList(value, 1)
	return ClaimRewardsResult{Rewards: coins}, err
}

// decodeCoinList reads the repeated cosmos.base.v1beta1.Coin of field
// (denom=1, amount=2); other fields are skipped.
func decodeCoinList(value []byte, field int) ([]Coin, error) {
	var coins []Coin
	err := eachField(value, func(num int, wire int, varint uint64, bytes []byte) error {
		if num != field || wire != wireBytes {
			return nil
		}
		var c Coin
		if err := eachField(bytes, func(n int, w int, _ uint64, b []byte) error {
			switch {
			case n == 1 && w == wireBytes:
				c.Denom = string(b)
			case n == 2 && w == wireBytes:
				c.Amount = string(b)
			}
			return nil
		}); err != nil {
			return errors.New("reward coin: " + err.Error())
		}
		coins = append(coins, c)
		return nil
	})
	return coins, err
}

// decodeCompletionTime reads field 1 (google.protobuf.Timestamp: seconds=1,
// nanos=2) and returns it as Unix nanoseconds.
func decodeCompletionTime(value []byte) (uint64, error) {
	var seconds, nanos uint64
	found := false
	err := eachField(value, func(num int, wire int, _ uint64, bytes []byte) error {
		if num != 1 || wire != wireBytes {
			return nil
		}
		found = true
		return eachField(bytes, func(n int, w int, v uint64, _ []byte) error {
			switch {
			case n == 1 && w == wireVarint:
				seconds = v
			case n == 2 && w == wireVarint:
				nanos = v
			}
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, errNoCompletionTime
	}
	const maxSeconds = (1<<64 - 1) / 1_000_000_000
	if int64(seconds) < 0 || seconds > maxSeconds || nanos >= 1_000_000_000 {
		return 0, errCompletionOutOfRange
	}
	return seconds*1_000_000_000 + nanos, nil
}

const (
	wireVarint = 0
	wire64     = 1
	wireBytes  = 2
	wire32     = 5
)

// eachField walks a protobuf message and calls fn with each field's number,
// wire type and value (varint or bytes). Unknown wire types are an error, so a
// corrupt message never decodes into a wrong value.
func eachField(b []byte, fn func(num int, wire int, varint uint64, bytes []byte) error) error {
	for len(b) > 0 {
		key, n := uvarint(b)
		if n <= 0 {
			return errors.New("protobuf: bad field key")
		}
		b = b[n:]
		num, wire := int(key>>3), int(key&7)
		if num <= 0 {
			return errors.New("protobuf: field number 0")
		}
		switch wire {
		case wireVarint:
			v, n := uvarint(b)
			if n <= 0 {
				return errors.New("protobuf: bad varint")
			}
			b = b[n:]
			if err := fn(num, wire, v, nil); err != nil {
				return err
			}
		case wireBytes:
			l, n := uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errors.New("protobuf: bad length")
			}
			val := b[n : n+int(l)]
			b = b[n+int(l):]
			if err := fn(num, wire, 0, val); err != nil {
				return err
			}
		case wire64:
			if len(b) < 8 {
				return errors.New("protobuf: short fixed64")
			}
			b = b[8:]
		case wire32:
			if len(b) < 4 {
				return errors.New("protobuf: short fixed32")
			}
			b = b[4:]
		default:
			// wire is key&7, one digit; indexing a constant instead of strconv.Itoa
			// keeps strconv (about 1 KB of wasm) out of the contracts.
			return errors.New("protobuf: unsupported wire type " + "01234567"[wire:wire+1])
		}
	}
	return nil
}

// uvarint decodes a base-128 varint; n <= 0 means malformed or truncated.
func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		c := b[i]
		if i == 9 && c > 1 {
			return 0, -1 // overflows 64 bits
		}
		v |= uint64(c&0x7f) << (7 * uint(i))
		if c < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}
