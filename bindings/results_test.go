package bindings_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The contract-side decoders read what the chain's msg server marshals: the
// completion time, the rewards paid and the amount moved, for every response
// that carries them.
func TestResultDecodersReadTheChainsResponses(t *testing.T) {
	at := time.Unix(1_767_225_600, 5).UTC()
	paid := sdk.NewCoins(sdk.NewInt64Coin("stake", 42), sdk.NewInt64Coin("uother", 7))
	want := []bt.Coin{{Denom: "stake", Amount: "42"}, {Denom: "uother", Amount: "7"}}
	const nanos = 1_767_225_600_000_000_005

	moved := sdk.NewInt64Coin("aaa", 900)
	wantMoved := bt.Coin{Denom: "aaa", Amount: "900"}

	bz, err := (&alliancetypes.MsgUndelegateResponse{CompletionTime: at, ClaimedRewards: paid, Amount: moved}).Marshal()
	require.NoError(t, err)
	und, err := bt.DecodeUndelegateResult(bz)
	require.NoError(t, err)
	require.Equal(t, bt.UndelegateResult{CompletionTime: nanos, ClaimedRewards: want, Amount: wantMoved}, und)

	bz, err = (&alliancetypes.MsgRedelegateResponse{CompletionTime: at, ClaimedRewards: paid, Amount: moved}).Marshal()
	require.NoError(t, err)
	red, err := bt.DecodeRedelegateResult(bz)
	require.NoError(t, err)
	require.Equal(t, bt.RedelegateResult{CompletionTime: nanos, ClaimedRewards: want, Amount: wantMoved}, red)

	// a closed worthless delegation: 0 moved, written as gogoproto writes it
	bz, err = (&alliancetypes.MsgUndelegateResponse{CompletionTime: at, Amount: sdk.NewInt64Coin("aaa", 0)}).Marshal()
	require.NoError(t, err)
	und, err = bt.DecodeUndelegateResult(bz)
	require.NoError(t, err)
	require.Equal(t, bt.UndelegateResult{CompletionTime: nanos, Amount: bt.Coin{Denom: "aaa", Amount: "0"}}, und)

	bz, err = (&alliancetypes.MsgCancelUnbondingResponse{ClaimedRewards: paid}).Marshal()
	require.NoError(t, err)
	cancel, err := bt.DecodeCancelUnbondingResult(bz)
	require.NoError(t, err)
	require.Equal(t, bt.CancelUnbondingResult{ClaimedRewards: want}, cancel)

	// nothing paid: no coins, and the time still reads (an unset Coin is
	// still written, with amount "0")
	bz, err = (&alliancetypes.MsgUndelegateResponse{CompletionTime: at}).Marshal()
	require.NoError(t, err)
	und, err = bt.DecodeUndelegateResult(bz)
	require.NoError(t, err)
	require.Equal(t, bt.UndelegateResult{CompletionTime: nanos, Amount: bt.Coin{Amount: "0"}}, und)
	cancel, err = bt.DecodeCancelUnbondingResult(nil)
	require.NoError(t, err)
	require.Empty(t, cancel.ClaimedRewards)
}
