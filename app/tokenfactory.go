package app

import (
	"context"
	"fmt"

	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/types/module"

	tokenfactorykeeper "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/keeper"
	tokenfactorytypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"
)

// tokenFactoryCapabilities are the optional features of the token factory
// this chain enables. An empty list would enable every one of them, so the
// list is explicit and short:
//
//   - set_metadata: a denom's admin sets its bank metadata (display units,
//     symbol), which wallets and the alliance listing show.
//   - community pool fee funding: the denom creation fee goes to the
//     community pool instead of being burned.
//
// Left out on purpose: force_transfer and burn_from would let a denom's admin
// move or burn the coins of any account, including the x/alliance module
// account that holds the staked and unbonding coins of a factory denom listed
// as an alliance asset: the module's books would no longer match its balance.
// Sudo mint lets chosen addresses mint any denom; nobody needs it here.
func tokenFactoryCapabilities() []string {
	return []string{
		tokenfactorytypes.EnableSetMetadata,
		tokenfactorytypes.EnableCommunityPoolFeeFunding,
	}
}

// newTokenFactoryKeeper builds the token factory keeper: it mints and burns
// through its own module account, charges the creation fee into the
// community pool (x/distribution), and takes parameter changes from gov only.
func (app *AllianceApp) newTokenFactoryKeeper() tokenfactorykeeper.Keeper {
	k := &app.Keepers
	return tokenfactorykeeper.NewKeeper(app.appCodec, app.keys[tokenfactorytypes.StoreKey],
		moduleAccountPermissions, k.AccountKeeper, k.BankKeeper, k.DistrKeeper,
		tokenFactoryCapabilities(), tokenfactorykeeper.DefaultIsSudoAdminFunc, govAuthority())
}

// UpgradeAddTokenFactory is the upgrade a running alliancewasm chain
// schedules to gain the token factory: the store loader adds its store at the
// upgrade height and RunMigrations imports the module's default genesis (it
// is absent from the version map).
const UpgradeAddTokenFactory = "add-tokenfactory"

// registerTokenFactoryUpgrade registers the handler of UpgradeAddTokenFactory.
func (app *AllianceApp) registerTokenFactoryUpgrade() {
	app.UpgradeKeeper.SetUpgradeHandler(UpgradeAddTokenFactory,
		func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			return app.ModuleManager.RunMigrations(ctx, app.configurator, fromVM)
		})
}

// tokenFactoryStoreUpgrades: the upgrades whose chains had no token factory
// store before. UpgradeAllianceFromUpstream is one: an upstream
// terra-money/alliance chain switching to this binary gains the module too
// (a chain that already runs an x/tokenfactory of its own must not list it).
var tokenFactoryStoreUpgrades = map[string]bool{
	UpgradeAddTokenFactory:      true,
	UpgradeAllianceFromUpstream: true,
}

// setTokenFactoryStoreLoader adds the token factory store when the node
// restarts at the height of one of those upgrades. Call it before the state
// is loaded.
func (app *AllianceApp) setTokenFactoryStoreLoader() error {
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		return fmt.Errorf("read upgrade info: %w", err)
	}
	if !tokenFactoryStoreUpgrades[info.Name] || app.UpgradeKeeper.IsSkipHeight(info.Height) {
		return nil
	}
	app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, &storetypes.StoreUpgrades{
		Added: []string{tokenfactorytypes.StoreKey},
	}))
	return nil
}
