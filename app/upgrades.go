package app

import (
	"context"

	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/types/module"
)

// UpgradeAllianceFromUpstream is the example upgrade a chain running
// terra-money/alliance v0.4 (consensus version 5) schedules to switch to
// this module in place: the store key ("alliance") is the same, so no store
// is added or removed, and the module manager's RunMigrations runs x/alliance's
// migration from version 5 (x/alliance/migrations/upstream). Other modules
// keep their versions. See x/alliance/README.md, "Migrating from upstream".
const UpgradeAllianceFromUpstream = "alliance-from-upstream"

func (app *AllianceApp) registerUpgradeHandlers() {
	app.UpgradeKeeper.SetUpgradeHandler(UpgradeAllianceFromUpstream,
		func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			return app.ModuleManager.RunMigrations(ctx, app.configurator, fromVM)
		})
}
