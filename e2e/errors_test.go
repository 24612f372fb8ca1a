package e2e_test

import (
	"net/http"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// A refused alliance tx, delivered through FinalizeBlock of the real app,
// carries what feather.js reads from a tx result: codespace "alliance", the
// registered code of the cause and the error text in the log. Bob's tokens
// and sequence-independent state are untouched (his balance is checked).
func TestRefusedAllianceTxCarriesCodespaceAndCode(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"bob": assetCoins(1_000)}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "0.5"})
	bob := c.Account("bob")
	val := c.Validators()[0].ValAddr.String()

	for _, tc := range []struct {
		msg  sdk.Msg
		code uint32
		log  string
	}{
		{&alliancetypes.MsgDelegate{DelegatorAddress: bob.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin("zzz", 1)},
			30, "failed to execute message; message index: 0: zzz: alliance asset is not whitelisted"},
		{&alliancetypes.MsgUndelegate{DelegatorAddress: bob.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(asset, 1)},
			12, "failed to execute message; message index: 0: delegation not found"},
		{&alliancetypes.MsgDelegate{DelegatorAddress: bob.Address.String(), ValidatorAddress: val, Amount: sdk.NewInt64Coin(asset, 0)},
			53, "failed to execute message; message index: 0: 0uasset: invalid amount"},
	} {
		res := c.Deliver(bob, tc.msg)
		require.Equal(t, alliancetypes.ModuleName, res.Codespace, res.Log)
		require.Equal(t, tc.code, res.Code, res.Log)
		require.Equal(t, tc.log, res.Log)
	}
	require.Equal(t, int64(1_000), c.Balance(bob.Address, asset).Amount.Int64(), "refused txs move no token")
}

// An unknown asset is a gRPC NotFound through the app's query router (what
// the node's gRPC server serves), which the REST gateway answers with 404.
func TestUnknownAssetQueryIsNotFound(t *testing.T) {
	c := harness.NewChain(t, harness.DefaultConfig())
	req, err := (&alliancetypes.QueryAllianceRequest{Denom: "zzz"}).Marshal()
	require.NoError(t, err)
	handler := c.App.GRPCQueryRouter().Route("/alliance.alliance.Query/Alliance")
	require.NotNil(t, handler)
	_, err = handler(c.Context(), &abci.RequestQuery{Data: req})
	require.Equal(t, codes.NotFound, status.Code(err), err)
	require.Equal(t, "alliance asset zzz not found", status.Convert(err).Message())
	require.Equal(t, http.StatusNotFound, runtime.HTTPStatusFromCode(status.Code(err)))
}
