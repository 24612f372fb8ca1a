package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	protov2 "google.golang.org/protobuf/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

type feeOnlyTx struct{ fee sdk.Coins }

func (t feeOnlyTx) GetMsgs() []sdk.Msg                    { return nil }
func (t feeOnlyTx) GetMsgsV2() ([]protov2.Message, error) { return nil, nil }
func (t feeOnlyTx) GetGas() uint64                        { return 200_000 }
func (t feeOnlyTx) GetFee() sdk.Coins                     { return t.fee }
func (t feeOnlyTx) FeePayer() []byte                      { return nil }
func (t feeOnlyTx) FeeGranter() []byte                    { return nil }

type bondDenomOnly string

func (b bondDenomOnly) BondDenom(context.Context) (string, error) { return string(b), nil }

// ATTACK F2 (fee route): a fee in arbitrary denoms reached every validator's
// rewards, and through the virtual stake the alliance books. Fees are
// accepted in the bond denom (and the denoms a chain lists) only, in
// CheckTx and in blocks alike; an empty fee passes.
func TestFeesOnlyInPricedDenoms(t *testing.T) {
	d := newFeeDenomDecorator(bondDenomOnly("stake"), []string{"uusdc"})
	reached := 0
	next := func(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) { reached++; return ctx, nil }
	for _, checkTx := range []bool{true, false} {
		ctx := sdk.Context{}.WithIsCheckTx(checkTx)
		for _, ok := range []sdk.Coins{nil, sdk.NewCoins(sdk.NewInt64Coin("stake", 5)), sdk.NewCoins(sdk.NewInt64Coin("stake", 5), sdk.NewInt64Coin("uusdc", 1))} {
			_, err := d.AnteHandle(ctx, feeOnlyTx{fee: ok}, false, next)
			require.NoError(t, err, ok.String())
		}
		junk := sdk.NewCoins(sdk.NewInt64Coin("stake", 5))
		for _, denom := range []string{"junk000", "junk001", "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"} {
			junk = junk.Add(sdk.NewInt64Coin(denom, 1))
		}
		for _, bad := range []sdk.Coins{sdk.NewCoins(sdk.NewInt64Coin("junk000", 1)), junk} {
			_, err := d.AnteHandle(ctx, feeOnlyTx{fee: bad}, false, next)
			require.ErrorIs(t, err, sdkerrors.ErrInvalidCoins, bad.String())
		}
	}
	require.Equal(t, 6, reached, "the accepted fees, and only those, reach the next decorator")
}
