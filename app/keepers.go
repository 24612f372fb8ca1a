package app

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cast"

	corestore "cosmossdk.io/core/store"
	evidencekeeper "cosmossdk.io/x/evidence/keeper"
	evidencetypes "cosmossdk.io/x/evidence/types"
	"cosmossdk.io/x/feegrant"
	feegrantkeeper "cosmossdk.io/x/feegrant/keeper"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authcodec "github.com/cosmos/cosmos-sdk/x/auth/codec"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	mintkeeper "github.com/cosmos/cosmos-sdk/x/mint/keeper"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/cosmos/ibc-go/v10/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v10/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	transferv2 "github.com/cosmos/ibc-go/v10/modules/apps/transfer/v2"
	porttypes "github.com/cosmos/ibc-go/v10/modules/core/05-port/types"
	ibcapi "github.com/cosmos/ibc-go/v10/modules/core/api"
	ibcexported "github.com/cosmos/ibc-go/v10/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v10/modules/light-clients/07-tendermint"

	"github.com/CosmWasm/wasmd/x/wasm"
	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"
	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	tokenfactorykeeper "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/keeper"
	tokenfactorytypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Keepers holds every keeper of the chain. They are all built in one place,
// newKeepers, in dependency order, so that a module added later (x/alliance)
// has exactly one spot to be constructed in.
type Keepers struct {
	AccountKeeper         authkeeper.AccountKeeper
	BankKeeper            bankkeeper.BaseKeeper
	StakingKeeper         *stakingkeeper.Keeper
	SlashingKeeper        slashingkeeper.Keeper
	MintKeeper            mintkeeper.Keeper
	DistrKeeper           distrkeeper.Keeper
	GovKeeper             govkeeper.Keeper
	UpgradeKeeper         *upgradekeeper.Keeper
	EvidenceKeeper        evidencekeeper.Keeper
	ConsensusParamsKeeper consensuskeeper.Keeper
	FeeGrantKeeper        feegrantkeeper.Keeper
	AuthzKeeper           authzkeeper.Keeper

	IBCKeeper      *ibckeeper.Keeper // a pointer: its routers are set after construction
	TransferKeeper ibctransferkeeper.Keeper
	WasmKeeper     wasmkeeper.Keeper
	AllianceKeeper alliancekeeper.Keeper
	// TokenFactoryKeeper: factory/{creator}/{subdenom} denoms (app/tokenfactory.go).
	TokenFactoryKeeper tokenfactorykeeper.Keeper

	tmLightClient ibctm.LightClientModule
}

// storeKeyNames lists the KV stores of every module, mounted in this order.
var storeKeyNames = []string{
	authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, minttypes.StoreKey,
	distrtypes.StoreKey, slashingtypes.StoreKey, govtypes.StoreKey, consensustypes.StoreKey,
	upgradetypes.StoreKey, feegrant.StoreKey, evidencetypes.StoreKey, authzkeeper.StoreKey,
	ibcexported.StoreKey, ibctransfertypes.StoreKey, wasmtypes.StoreKey, alliancetypes.StoreKey,
	tokenfactorytypes.StoreKey,
}

// govAuthority is the address every module accepts parameter changes from.
func govAuthority() string {
	return authtypes.NewModuleAddress(govtypes.ModuleName).String()
}

// newKeepers constructs all keepers in dependency order and wires their hooks
// and routers.
func (app *AllianceApp) newKeepers(appOpts servertypes.AppOptions, wasmOpts []wasmkeeper.Option) error {
	cdc := app.appCodec
	keys := app.keys
	store := func(name string) corestore.KVStoreService { return runtime.NewKVStoreService(keys[name]) }
	authority := govAuthority()
	accCodec := authcodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
	valCodec := authcodec.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix())
	consCodec := authcodec.NewBech32Codec(sdk.GetConfig().GetBech32ConsensusAddrPrefix())
	k := &app.Keepers

	k.ConsensusParamsKeeper = consensuskeeper.NewKeeper(cdc, store(consensustypes.StoreKey), authority, runtime.EventService{})
	app.SetParamStore(k.ConsensusParamsKeeper.ParamsStore)

	k.AccountKeeper = authkeeper.NewAccountKeeper(cdc, store(authtypes.StoreKey),
		authtypes.ProtoBaseAccount, moduleAccountPermissions, accCodec, Bech32Prefix, authority)
	k.BankKeeper = bankkeeper.NewBaseKeeper(cdc, store(banktypes.StoreKey),
		k.AccountKeeper, BlockedAddresses(), authority, app.Logger())
	k.StakingKeeper = stakingkeeper.NewKeeper(cdc, store(stakingtypes.StoreKey),
		k.AccountKeeper, k.BankKeeper, authority, valCodec, consCodec)
	k.DistrKeeper = distrkeeper.NewKeeper(cdc, store(distrtypes.StoreKey),
		k.AccountKeeper, k.BankKeeper, k.StakingKeeper, authtypes.FeeCollectorName, authority)
	k.AllianceKeeper = alliancekeeper.NewKeeper(cdc, store(alliancetypes.StoreKey),
		k.AccountKeeper, k.BankKeeper, k.StakingKeeper, k.DistrKeeper, authtypes.FeeCollectorName, authority)
	// x/slashing (downtime, and double signs through x/evidence, which
	// slashes via x/slashing) gets a staking keeper whose Slash lets
	// x/alliance slash with the infraction height and the nominal fraction,
	// and restore the virtual stake of the infraction while x/staking slashes
	// (app/slashing_staking.go).
	slashingStaking := NewSlashingStakingKeeper(k.StakingKeeper, k.AllianceKeeper)
	k.SlashingKeeper = slashingkeeper.NewKeeper(cdc, app.legacyAmino, store(slashingtypes.StoreKey),
		slashingStaking, authority)
	k.FeeGrantKeeper = feegrantkeeper.NewKeeper(cdc, store(feegrant.StoreKey), k.AccountKeeper)
	k.TokenFactoryKeeper = app.newTokenFactoryKeeper()
	k.AuthzKeeper = authzkeeper.NewKeeper(store(authzkeeper.StoreKey), cdc, app.MsgServiceRouter(), k.AccountKeeper)
	// x/mint sees staking without x/alliance's virtual stake (app/mint_staking.go):
	// inflation and provisions follow the native stake and supply only.
	k.MintKeeper = mintkeeper.NewKeeper(cdc, store(minttypes.StoreKey),
		NewMintStakingView(k.StakingKeeper, k.AllianceKeeper), k.AccountKeeper, k.BankKeeper,
		authtypes.FeeCollectorName, authority)

	k.StakingKeeper.SetHooks(app.stakingHooks())

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	homePath := cast.ToString(appOpts.Get(flags.FlagHome))
	k.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights, store(upgradetypes.StoreKey),
		cdc, homePath, app.BaseApp, authority)

	// Gov v1 executes any message signed by its module account; the legacy
	// v1beta1 router only keeps text proposals working for old clients.
	legacyRouter := govv1beta1.NewRouter()
	legacyRouter.AddRoute(govtypes.RouterKey, govv1beta1.ProposalHandler)
	govKeeper := govkeeper.NewKeeper(cdc, store(govtypes.StoreKey), k.AccountKeeper, k.BankKeeper,
		k.StakingKeeper, k.DistrKeeper, app.MsgServiceRouter(), govtypes.DefaultConfig(), authority)
	govKeeper.SetLegacyRouter(legacyRouter)
	k.GovKeeper = *govKeeper

	k.EvidenceKeeper = *evidencekeeper.NewKeeper(cdc, store(evidencetypes.StoreKey),
		slashingStaking, k.SlashingKeeper, k.AccountKeeper.AddressCodec(), runtime.ProvideCometInfoService())

	k.IBCKeeper = ibckeeper.NewKeeper(cdc, store(ibcexported.StoreKey), nil, k.UpgradeKeeper, authority)
	k.TransferKeeper = ibctransferkeeper.NewKeeper(cdc, store(ibctransfertypes.StoreKey), nil,
		k.IBCKeeper.ChannelKeeper, k.IBCKeeper.ChannelKeeper, app.MsgServiceRouter(),
		k.AccountKeeper, k.BankKeeper, authority)

	nodeConfig, err := wasm.ReadNodeConfig(appOpts)
	if err != nil {
		return fmt.Errorf("read wasm node config: %w", err)
	}
	app.wasmNodeConfig = nodeConfig
	k.WasmKeeper = wasmkeeper.NewKeeper(cdc, store(wasmtypes.StoreKey),
		k.AccountKeeper, k.BankKeeper, k.StakingKeeper, distrkeeper.NewQuerier(k.DistrKeeper),
		k.IBCKeeper.ChannelKeeper, k.IBCKeeper.ChannelKeeper, k.IBCKeeper.ChannelKeeperV2, k.TransferKeeper,
		app.MsgServiceRouter(), app.GRPCQueryRouter(), filepath.Join(homePath, "wasm"),
		nodeConfig, wasmtypes.VMConfig{}, WasmCapabilities(), authority,
		app.wasmOptions(wasmOpts)...)

	app.setIBCRouters()
	return nil
}

// stakingHooks composes every module that must react to x/staking changes.
// The order matters: distribution settles rewards before slashing acts.
func (app *AllianceApp) stakingHooks() stakingtypes.StakingHooks {
	return stakingtypes.NewMultiStakingHooks(
		app.DistrKeeper.Hooks(),
		app.SlashingKeeper.Hooks(),
		app.AllianceKeeper.Hooks(),
	)
}

// setIBCRouters routes IBC packets (classic channels and IBC v2) to transfer
// and to contracts, and registers the Tendermint light client.
func (app *AllianceApp) setIBCRouters() {
	k := &app.Keepers
	wasmIBC := wasm.NewIBCHandler(k.WasmKeeper, k.IBCKeeper.ChannelKeeper, k.TransferKeeper, k.IBCKeeper.ChannelKeeper)
	router := porttypes.NewRouter().
		AddRoute(ibctransfertypes.ModuleName, transfer.NewIBCModule(k.TransferKeeper)).
		AddRoute(wasmtypes.ModuleName, wasmIBC)
	k.IBCKeeper.SetRouter(router)

	routerV2 := ibcapi.NewRouter().
		AddRoute(ibctransfertypes.PortID, transferv2.NewIBCModule(k.TransferKeeper)).
		AddPrefixRoute(wasmkeeper.PortIDPrefixV2, wasmkeeper.NewIBC2Handler(k.WasmKeeper))
	k.IBCKeeper.SetRouterV2(routerV2)

	k.tmLightClient = ibctm.NewLightClientModule(app.appCodec, k.IBCKeeper.ClientKeeper.GetStoreProvider())
	k.IBCKeeper.ClientKeeper.AddRoute(ibctm.ModuleName, &k.tmLightClient)
}
