package app

import (
	"context"
	"errors"

	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
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

	// StakingKeeper gives the bond denom, the only fee denom accepted unless
	// ExtraFeeDenoms lists more (see feeDenomDecorator).
	StakingKeeper interface {
		BondDenom(ctx context.Context) (string, error)
	}
	// ExtraFeeDenoms are fee denoms accepted besides the bond denom. A chain
	// that lists one must also price it (min gas prices / TxFeeChecker).
	ExtraFeeDenoms []string
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
	case o.StakingKeeper == nil:
		return nil, errors.New("ante: staking keeper is required (fee denoms)")
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
		newFeeDenomDecorator(o.StakingKeeper, o.ExtraFeeDenoms), // before the fee is taken
		ante.NewDeductFeeDecorator(o.AccountKeeper, o.BankKeeper, o.FeegrantKeeper, o.TxFeeChecker),
		ante.NewSetPubKeyDecorator(o.AccountKeeper), // before every signature check
		ante.NewValidateSigCountDecorator(o.AccountKeeper),
		ante.NewSigGasConsumeDecorator(o.AccountKeeper, sigGas),
		ante.NewSigVerificationDecorator(o.AccountKeeper, o.SignModeHandler),
		ante.NewIncrementSequenceDecorator(o.AccountKeeper),
		ibcante.NewRedundantRelayDecorator(o.IBCKeeper),
	), nil
}

// feeDenomDecorator refuses a fee paid in any denom the chain does not
// price: the bond denom and ExtraFeeDenoms only, in CheckTx and in blocks
// alike (a proposer could otherwise include such a tx). x/distribution
// hands fees to every validator's delegators, the alliance module's
// virtual stake included, so a fee in 100 arbitrary denoms used to put
// 100 reward denoms into the books of every validator, and every later
// reward withdrawal on the chain paid to read them (ATTACK F2). The SDK's
// default fee checker only looks at the denoms of the node's min gas
// prices and lets any other denom ride along.
type feeDenomDecorator struct {
	bondDenom func(context.Context) (string, error)
	extra     map[string]bool
}

func newFeeDenomDecorator(sk interface {
	BondDenom(ctx context.Context) (string, error)
}, extra []string,
) feeDenomDecorator {
	d := feeDenomDecorator{bondDenom: sk.BondDenom, extra: map[string]bool{}}
	for _, e := range extra {
		d.extra[e] = true
	}
	return d
}

func (d feeDenomDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	feeTx, ok := tx.(sdk.FeeTx)
	if !ok {
		return ctx, errorsmod.Wrap(sdkerrors.ErrTxDecode, "transaction is not a fee transaction")
	}
	fee := feeTx.GetFee()
	if fee.Empty() {
		return next(ctx, tx, simulate)
	}
	bond, err := d.bondDenom(ctx)
	if err != nil {
		return ctx, err
	}
	for _, c := range fee { // stops at the first refused denom
		if c.Denom != bond && !d.extra[c.Denom] {
			return ctx, errorsmod.Wrapf(sdkerrors.ErrInvalidCoins, "fee denom %s is not accepted: pay fees in %s", c.Denom, bond)
		}
	}
	return next(ctx, tx, simulate)
}
