package alliance

// Decoders of the alliance message responses, with the result types of bindings/types.
//
// Why not bindings/types' own Decode* functions: they format their errors with fmt.Errorf, and
// fmt (with the reflection and sorting it drags in) adds about 35 KB to a TinyGo contract. These
// decoders read the same protobuf fields with errors.New only; results_test.go checks that they
// agree with bindings/types on valid, boundary and malformed inputs.

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
)

var (
	errProtobuf       = errors.New("malformed protobuf message response")
	errNoCompletion   = errors.New("response has no completion_time")
	errTimeOutOfRange = errors.New("completion_time out of range")
)

// walk calls fn for each varint (wire 0) and length-delimited (wire 2) field of a protobuf
// message and skips fixed-width fields; anything else is malformed.
func walk(b []byte, fn func(num uint64, varint uint64, bytes []byte, isBytes bool) error) error {
	for len(b) > 0 {
		key, n := uvarint(b)
		if n <= 0 || key>>3 == 0 {
			return errProtobuf
		}
		b = b[n:]
		switch key & 7 {
		case 0:
			v, n := uvarint(b)
			if n <= 0 {
				return errProtobuf
			}
			b = b[n:]
			if err := fn(key>>3, v, nil, false); err != nil {
				return err
			}
		case 2:
			l, n := uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errProtobuf
			}
			v := b[n : n+int(l)]
			b = b[n+int(l):]
			if err := fn(key>>3, 0, v, true); err != nil {
				return err
			}
		case 1:
			if len(b) < 8 {
				return errProtobuf
			}
			b = b[8:]
		case 5:
			if len(b) < 4 {
				return errProtobuf
			}
			b = b[4:]
		default:
			return errProtobuf
		}
	}
	return nil
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		c := b[i]
		if i == 9 && c > 1 {
			return 0, -1
		}
		v |= uint64(c&0x7f) << (7 * uint(i))
		if c < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// decodeCompletionTime reads field 1, a google.protobuf.Timestamp, as Unix nanoseconds.
func decodeCompletionTime(value []byte) (uint64, error) {
	var seconds, nanos uint64
	found := false
	err := walk(value, func(num, _ uint64, ts []byte, isBytes bool) error {
		if num != 1 || !isBytes {
			return nil
		}
		found = true
		return walk(ts, func(n, v uint64, _ []byte, isB bool) error {
			switch {
			case n == 1 && !isB:
				seconds = v
			case n == 2 && !isB:
				nanos = v
			}
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, errNoCompletion
	}
	const maxSeconds = (1<<64 - 1) / 1_000_000_000
	if int64(seconds) < 0 || seconds > maxSeconds || nanos >= 1_000_000_000 {
		return 0, errTimeOutOfRange
	}
	return seconds*1_000_000_000 + nanos, nil
}

// DecodeUndelegateResponse decodes a MsgUndelegateResponse value.
func DecodeUndelegateResponse(value []byte) (bt.UndelegateResult, error) {
	t, err := decodeCompletionTime(value)
	return bt.UndelegateResult{CompletionTime: t}, err
}

// DecodeRedelegateResponse decodes a MsgRedelegateResponse value.
func DecodeRedelegateResponse(value []byte) (bt.RedelegateResult, error) {
	t, err := decodeCompletionTime(value)
	return bt.RedelegateResult{CompletionTime: t}, err
}

// DecodeClaimRewardsResponse decodes a MsgClaimDelegationRewardsResponse value (field 1:
// repeated Coin{denom=1, amount=2}).
func DecodeClaimRewardsResponse(value []byte) (bt.ClaimRewardsResult, error) {
	var res bt.ClaimRewardsResult
	err := walk(value, func(num, _ uint64, cb []byte, isBytes bool) error {
		if num != 1 || !isBytes {
			return nil
		}
		var c bt.Coin
		if err := walk(cb, func(n, _ uint64, b []byte, isB bool) error {
			switch {
			case n == 1 && isB:
				c.Denom = string(b)
			case n == 2 && isB:
				c.Amount = string(b)
			}
			return nil
		}); err != nil {
			return err
		}
		res.Rewards = append(res.Rewards, c)
		return nil
	})
	return res, err
}
