// Package upstream migrates a store written by terra-money/alliance v0.4
// (consensus version 5) to this module's layout in place, and converts an
// upstream genesis export's reward indices to this module's meaning.
//
// Upstream's layout, as its x/alliance/types/keys.go and keeper define it
// (every "lp(x)" is one length byte followed by x; a denom inside a key
// carries one trailing zero byte):
//
//	0x02                                   Params
//	0x11 lp(denom)                         AllianceAsset
//	0x12 lp(val)                           AllianceValidatorInfo
//	0x13                                   rebalance flag (derived)
//	0x14 lp(denom0) lp(val) height(8)      RewardWeightChangeSnapshot
//	0x15 lp(time) lp(denom0)               reward-weight decay queue (unused by v0.4)
//	0x21 lp(del) lp(val) lp(denom0)        Delegation
//	0x22 lp(del) lp(denom0) lp(dst) time   Redelegation (completion time in the key)
//	0x23 time                              QueuedRedelegation (derived from 0x22)
//	0x24 lp(time) lp(del)                  QueuedUndelegation (completion time in the key)
//	0x31, 0x32                             indexes by validator (derived)
//
// Values are the protobuf messages of package alliance.alliance, which this
// module declares with the same field numbers and types (it only adds
// creation_height to Undelegation and Redelegation, absent = 0 = unknown).
package upstream

import (
	"fmt"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Key prefixes of upstream's store.
const (
	prefixParams            byte = 0x02
	prefixAsset             byte = 0x11
	prefixValidatorInfo     byte = 0x12
	prefixRebalanceFlag     byte = 0x13
	prefixSnapshot          byte = 0x14
	prefixDecayQueue        byte = 0x15
	prefixDelegation        byte = 0x21
	prefixRedelegation      byte = 0x22
	prefixRedelegationQueue byte = 0x23
	prefixUndelegationQueue byte = 0x24
	prefixRedelegationIndex byte = 0x31
	prefixUnbondingIndex    byte = 0x32
)

// keyReader walks the segments of one store key. Every read is bounds
// checked: a truncated or overlong key is an error, never a panic.
type keyReader struct {
	key []byte
	off int
}

func newKeyReader(key []byte) *keyReader { return &keyReader{key: key, off: 1} } // past the prefix byte

// segment reads one length-prefixed segment.
func (r *keyReader) segment() ([]byte, error) {
	if r.off >= len(r.key) {
		return nil, r.bad("key ends before a segment")
	}
	n := int(r.key[r.off])
	r.off++
	if n == 0 || r.off+n > len(r.key) {
		return nil, r.bad("segment length out of range")
	}
	seg := r.key[r.off : r.off+n]
	r.off += n
	return seg, nil
}

// denom reads a length-prefixed denom with its trailing zero byte.
func (r *keyReader) denom() (string, error) {
	seg, err := r.segment()
	if err != nil {
		return "", err
	}
	if len(seg) < 2 || seg[len(seg)-1] != 0 {
		return "", r.bad("denom segment without its zero terminator")
	}
	return string(seg[:len(seg)-1]), nil
}

// time reads a timestamp, length-prefixed or (lp false) the rest of the key.
func (r *keyReader) time(lp bool) (time.Time, error) {
	var bz []byte
	if lp {
		seg, err := r.segment()
		if err != nil {
			return time.Time{}, err
		}
		bz = seg
	} else {
		bz = r.rest()
	}
	t, err := sdk.ParseTimeBytes(bz)
	if err != nil {
		return time.Time{}, r.bad("bad timestamp: " + err.Error())
	}
	return t, nil
}

func (r *keyReader) rest() []byte {
	bz := r.key[r.off:]
	r.off = len(r.key)
	return bz
}

// end checks that nothing follows the last segment.
func (r *keyReader) end() error {
	if r.off != len(r.key) {
		return r.bad("trailing bytes")
	}
	return nil
}

func (r *keyReader) bad(why string) error {
	return fmt.Errorf("%w: key %X: %s", types.ErrUpstreamBadRecord, r.key, why)
}
