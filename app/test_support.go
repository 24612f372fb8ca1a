package app

import (
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
)

// The accessors below let an *AllianceApp stand in for the application of
// ibc-go's testing package (its TestingApp interface), so that tests can run
// several alliancewasm chains under one ibctesting coordinator and relay real
// IBC packets between them. The rest of that interface (ABCI, AppCodec,
// LastCommitID, LastBlockHeight) is already provided by the app and its
// embedded BaseApp. The interface assertion lives in the tests (e2e/ibc), so
// that the chain binary does not link ibc-go's testing package.

// GetBaseApp returns the embedded BaseApp.
func (app *AllianceApp) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// GetIBCKeeper returns the IBC core keeper.
func (app *AllianceApp) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeeper }

// GetTxConfig returns the transaction encoding configuration (the same as
// TxConfig).
func (app *AllianceApp) GetTxConfig() client.TxConfig { return app.txConfig }
