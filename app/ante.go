package app

import (
	"errors"

	corestore "cosmossdk.io/core/store"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	ibcante "github.com/cosmos/ibc-go/v10/modules/core/ante"
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"
	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
)

// anteOptions are the SDK's ante options plus what wasm and IBC need.
type anteOptions struct {
	ante.HandlerOptions

	IBCKeeper      *ibckeeper.Keeper
	WasmKeeper     *wasmkeeper.Keeper
	WasmNodeConfig wasmtypes.NodeConfig
	TxCounterStore corestore.KVStoreService
}

// newAnteHandler returns the chain's ante handler: the SDK's standard checks
// (fees, signatures, sequence, memo, size gas) with wasm's simulation gas
// limit, tx counter and gas register, and IBC's redundant-relay filter.
func newAnteHandler(o anteOptions) (sdk.AnteHandler, error) {
	switch {
	case o.AccountKeeper == nil:
		return nil, errors.New("ante: account keeper is required")
	case o.BankKeeper == nil:
		return nil, errors.New("ante: bank keeper is required")
	case o.SignModeHandler == nil:
		return nil, errors.New("ante: sign mode handler is required")
	case o.IBCKeeper == nil || o.WasmKeeper == nil || o.TxCounterStore == nil:
		return nil, errors.New("ante: ibc keeper, wasm keeper and the wasm tx counter store are required")
	}
	sigGas := o.SigGasConsumer
	if sigGas == nil {
		sigGas = ante.DefaultSigVerificationGasConsumer
	}
	return sdk.ChainAnteDecorators(
		ante.NewSetUpContextDecorator(), // must be first: sets the gas meter
		wasmkeeper.NewLimitSimulationGasDecorator(o.WasmNodeConfig.SimulationGasLimit),
		wasmkeeper.NewCountTXDecorator(o.TxCounterStore),
		wasmkeeper.NewGasRegisterDecorator(o.WasmKeeper.GetGasRegister()),
		wasmkeeper.NewTxContractsDecorator(),
		ante.NewExtensionOptionsDecorator(o.ExtensionOptionChecker),
		ante.NewValidateBasicDecorator(),
		ante.NewTxTimeoutHeightDecorator(),
		ante.NewValidateMemoDecorator(o.AccountKeeper),
		ante.NewConsumeGasForTxSizeDecorator(o.AccountKeeper),
		ante.NewDeductFeeDecorator(o.AccountKeeper, o.BankKeeper, o.FeegrantKeeper, o.TxFeeChecker),
		ante.NewSetPubKeyDecorator(o.AccountKeeper), // before every signature check
		ante.NewValidateSigCountDecorator(o.AccountKeeper),
		ante.NewSigGasConsumeDecorator(o.AccountKeeper, sigGas),
		ante.NewSigVerificationDecorator(o.AccountKeeper, o.SignModeHandler),
		ante.NewIncrementSequenceDecorator(o.AccountKeeper),
		ibcante.NewRedundantRelayDecorator(o.IBCKeeper),
	), nil
}
