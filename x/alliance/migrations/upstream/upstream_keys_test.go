package upstream

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Every malformed key is an error naming the record, never a panic.
func TestUpstreamKeyReaderRefusesMalformedKeys(t *testing.T) {
	for name, key := range map[string][]byte{
		"no segment":            {0x21},
		"length past the end":   {0x21, 5, 1, 2},
		"zero length":           {0x21, 0},
		"denom without its 0":   {0x21, 1, 7, 1, 8, 2, 'a', 'b'},
		"denom only its 0":      {0x21, 1, 7, 1, 8, 1, 0},
		"bytes after the denom": {0x21, 1, 7, 1, 8, 2, 'a', 0, 9},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := decode(record{key: key, value: nil})
			require.ErrorIs(t, err, types.ErrUpstreamBadRecord)
			require.Contains(t, err.Error(), "key 21")
		})
	}
}

// decode runs decodeStore with cosmos-prefixed codecs.
func decode(recs ...record) (*types.GenesisState, error) {
	return decodeStore(recs, addresscodec.NewBech32Codec("cosmos"), addresscodec.NewBech32Codec("cosmosvaloper"))
}

func TestUpstreamKeyReaderTimes(t *testing.T) {
	at := time.Date(2026, 12, 4, 3, 26, 26, 926433650, time.UTC)
	tb := sdk.FormatTimeBytes(at)
	r := newKeyReader(append(append([]byte{0x24, byte(len(tb))}, tb...), 1, 9))
	got, err := r.time(true)
	require.NoError(t, err)
	require.True(t, at.Equal(got))
	seg, err := r.segment()
	require.NoError(t, err)
	require.Equal(t, []byte{9}, seg)
	require.NoError(t, r.end())

	_, err = newKeyReader([]byte{0x23, 'x', 'y'}).time(false)
	require.ErrorIs(t, err, types.ErrUpstreamBadRecord)
}

// Unknown prefixes, an empty key and a params record under a longer key
// are refused; derived records are dropped without being read.
func TestUpstreamDecodeStoreRecordKinds(t *testing.T) {
	for _, key := range [][]byte{{}, {0x01}, {0x7f, 1}, {0x02, 0}} {
		_, err := decode(record{key: key})
		require.ErrorIs(t, err, types.ErrUpstreamUnknownRecord, "%X", key)
	}
	for _, p := range []byte{0x13, 0x14, 0x15, 0x23, 0x31, 0x32} {
		gs, err := decode(record{key: []byte{p, 0xff}, value: []byte{0xff}})
		require.NoError(t, err, "%X", p)
		require.Empty(t, gs.Assets)
	}
	// an asset stored under another denom's key
	a := types.AllianceAsset{Denom: "aaa"}
	bz, err := a.Marshal()
	require.NoError(t, err)
	_, err = decode(record{key: []byte{0x11, 3, 'b', 'b', 'b'}, value: bz})
	require.ErrorIs(t, err, types.ErrUpstreamBadRecord)
	gs, err := decode(record{key: []byte{0x11, 3, 'a', 'a', 'a'}, value: bz})
	require.NoError(t, err)
	require.Equal(t, "aaa", gs.Assets[0].Denom)
}
