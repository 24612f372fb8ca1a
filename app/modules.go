package app

import (
	"cosmossdk.io/x/evidence"
	evidencetypes "cosmossdk.io/x/evidence/types"
	"cosmossdk.io/x/feegrant"
	feegrantmodule "cosmossdk.io/x/feegrant/module"
	"cosmossdk.io/x/upgrade"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authsims "github.com/cosmos/cosmos-sdk/x/auth/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govclient "github.com/cosmos/cosmos-sdk/x/gov/client"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/cosmos-sdk/x/mint"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/cosmos/ibc-go/v10/modules/apps/transfer"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	ibc "github.com/cosmos/ibc-go/v10/modules/core"
	ibcexported "github.com/cosmos/ibc-go/v10/modules/core/exported"
	ibctm "github.com/cosmos/ibc-go/v10/modules/light-clients/07-tendermint"

	"github.com/CosmWasm/wasmd/x/wasm"
	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	"github.com/strangelove-ventures/tokenfactory/x/tokenfactory"
	tokenfactorytypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	"github.com/alliancewasm/alliancewasm/x/alliance"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// newModuleManager lists every module of the chain and fixes the order in
// which their block hooks, genesis import and export run.
func (app *AllianceApp) newModuleManager(txConfig client.TxConfig) *module.Manager {
	k := &app.Keepers
	cdc := app.appCodec
	reg := app.interfaceRegistry
	mm := module.NewManager(
		genutil.NewAppModule(k.AccountKeeper, k.StakingKeeper, app, txConfig),
		auth.NewAppModule(cdc, k.AccountKeeper, authsims.RandomGenesisAccounts, nil),
		bank.NewAppModule(cdc, k.BankKeeper, k.AccountKeeper, nil),
		feegrantmodule.NewAppModule(cdc, k.AccountKeeper, k.BankKeeper, k.FeeGrantKeeper, reg),
		gov.NewAppModule(cdc, &k.GovKeeper, k.AccountKeeper, k.BankKeeper, nil),
		mint.NewAppModule(cdc, k.MintKeeper, k.AccountKeeper, nil, nil),
		slashing.NewAppModule(cdc, k.SlashingKeeper, k.AccountKeeper, k.BankKeeper, k.StakingKeeper, nil, reg),
		distr.NewAppModule(cdc, k.DistrKeeper, k.AccountKeeper, k.BankKeeper, k.StakingKeeper, nil),
		staking.NewAppModule(cdc, k.StakingKeeper, k.AccountKeeper, k.BankKeeper, nil),
		upgrade.NewAppModule(k.UpgradeKeeper, k.AccountKeeper.AddressCodec()),
		evidence.NewAppModule(k.EvidenceKeeper),
		authzmodule.NewAppModule(cdc, k.AuthzKeeper, k.AccountKeeper, k.BankKeeper, reg),
		consensus.NewAppModule(cdc, k.ConsensusParamsKeeper),
		wasm.NewAppModule(cdc, &k.WasmKeeper, k.StakingKeeper, k.AccountKeeper, k.BankKeeper, app.MsgServiceRouter(), nil),
		ibc.NewAppModule(k.IBCKeeper),
		transfer.NewAppModule(k.TransferKeeper),
		ibctm.NewAppModule(k.tmLightClient),
		alliance.NewAppModule(cdc, k.AllianceKeeper, k.AccountKeeper, k.BankKeeper),
		// No legacy x/params subspace: the module never ran with x/params
		// here, so its 1->2 params migration never runs.
		tokenfactory.NewAppModule(k.TokenFactoryKeeper, k.AccountKeeper, k.BankKeeper, nil),
	)

	mm.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)
	// Alliance first: it only checks (and if needed repairs) where
	// x/distribution pays its rewards, which must be right before slashing
	// and evidence slash a validator (the alliance slash hook withdraws the
	// validator's rewards) and before any transaction.
	// Mint before distribution so the fees of this block include new coins;
	// slashing after distribution so nothing is left in the fee pool.
	mm.SetOrderBeginBlockers(
		alliancetypes.ModuleName, minttypes.ModuleName, distrtypes.ModuleName, slashingtypes.ModuleName,
		evidencetypes.ModuleName, stakingtypes.ModuleName, genutiltypes.ModuleName, authz.ModuleName,
		ibctransfertypes.ModuleName, ibcexported.ModuleName, wasmtypes.ModuleName,
	)
	// Alliance before staking: virtual-stake changes of this block reach the
	// validator set at this block's end, not one block later.
	mm.SetOrderEndBlockers(
		govtypes.ModuleName, alliancetypes.ModuleName, stakingtypes.ModuleName, genutiltypes.ModuleName, feegrant.ModuleName,
		ibctransfertypes.ModuleName, ibcexported.ModuleName, wasmtypes.ModuleName,
	)
	// genutil after staking and auth (it delivers gentxs); wasm last because
	// genesis contracts may call into every other module. Alliance after
	// distribution: distribution restores the withdraw addresses, then
	// alliance (re)writes the one of its own account (its rewards route).
	// The token factory before bank: its import writes default metadata for
	// every factory denom, which bank's import then replaces with the
	// exported metadata (the admin's set_metadata survives a restart).
	genesisOrder := []string{
		authtypes.ModuleName, tokenfactorytypes.ModuleName, banktypes.ModuleName, distrtypes.ModuleName, stakingtypes.ModuleName,
		slashingtypes.ModuleName, govtypes.ModuleName, minttypes.ModuleName, genutiltypes.ModuleName,
		evidencetypes.ModuleName, authz.ModuleName, feegrant.ModuleName, upgradetypes.ModuleName,
		consensustypes.ModuleName, ibctransfertypes.ModuleName, ibcexported.ModuleName,
		alliancetypes.ModuleName, wasmtypes.ModuleName,
	}
	mm.SetOrderInitGenesis(genesisOrder...)
	mm.SetOrderExportGenesis(genesisOrder...)
	return mm
}

// newBasicManager derives the basic manager (codecs, default genesis, CLI)
// from the module manager.
func newBasicManager(mm *module.Manager) module.BasicManager {
	return module.NewBasicManagerFromManager(mm, map[string]module.AppModuleBasic{
		genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
		govtypes.ModuleName:     gov.NewAppModuleBasic([]govclient.ProposalHandler{}),
	})
}
