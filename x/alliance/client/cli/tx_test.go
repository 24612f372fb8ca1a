package cli

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// cancel-unbonding reads its three arguments into the message, and refuses a
// height the chain could never match before anything is signed.
func TestCancelUnbondingArgs(t *testing.T) {
	msg, err := cancelUnbondingMsg("alliance1del", []string{"alliancevaloper1val", "1500uasset", "42"})
	require.NoError(t, err)
	require.Equal(t, &types.MsgCancelUnbonding{
		DelegatorAddress: "alliance1del", ValidatorAddress: "alliancevaloper1val",
		Amount: sdk.NewInt64Coin("uasset", 1500), CreationHeight: 42,
	}, msg)

	for _, h := range []string{"0", "-3", "x", "9223372036854775808"} {
		_, err := cancelUnbondingMsg("alliance1del", []string{"alliancevaloper1val", "1uasset", h})
		require.ErrorContains(t, err, "want a positive block height", h)
	}
	_, err = cancelUnbondingMsg("alliance1del", []string{"alliancevaloper1val", "1.5", "42"})
	require.Error(t, err)

	var found bool
	for _, c := range GetTxCmd().Commands() {
		found = found || c.Name() == "cancel-unbonding"
	}
	require.True(t, found, "tx alliance cancel-unbonding is registered")
}
