package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Which denoms name a creator of this chain's token factory, and which
// creator: exactly the denoms factory/{address of this chain}/{subdenom}.
func TestFactoryDenomCreator(t *testing.T) {
	codec := address.NewBech32Codec("cosmos")
	creator := sdk.AccAddress([]byte("creator-address-20by"))
	c, err := codec.BytesToString(creator)
	require.NoError(t, err)
	other, err := address.NewBech32Codec("osmo").BytesToString(creator)
	require.NoError(t, err)
	mixed := c[:10] + strings.ToUpper(c[10:])

	for denom, want := range map[string]bool{
		"factory/" + c + "/ushare":                 true,
		"factory/" + c + "/":                       true,  // empty subdenom: the token factory allows it
		"factory/" + c + "/lp/atom-stake":          true,  // slashes in the subdenom
		"factory/" + strings.ToUpper(c) + "/share": true,  // bech32's other spelling
		"factory/" + mixed + "/share":              false, // mixed case is not bech32
		"factory/" + c:                             false, // no subdenom separator
		"factory//ushare":                          false,
		"factory/notanaddress/ushare":              false,
		"factory/" + other + "/ushare":             false, // another chain's prefix: not minted here
		"Factory/" + c + "/ushare":                 false,
		"ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2": false,
		"ulp": false,
	} {
		got, ok := types.FactoryDenomCreator(denom, codec)
		require.Equal(t, want, ok, denom)
		if want {
			require.Equal(t, creator, got, denom)
		} else {
			require.Nil(t, got, denom)
		}
	}

	prefixes, err := types.FactoryDenomPrefixes(creator, codec)
	require.NoError(t, err)
	require.Equal(t, []string{"factory/" + c + "/", "factory/" + strings.ToUpper(c) + "/"}, prefixes)
}
