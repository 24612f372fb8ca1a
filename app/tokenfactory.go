package app

import (
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
