package app

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance"
	alliancesim "github.com/alliancewasm/alliancewasm/x/alliance/simulation"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"

	tokenfactorytypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"
)

// SimulationManager returns the modules taking part in the SDK's randomized
// app simulation (app/sim_test.go), in the order their genesis is generated.
func (app *AllianceApp) SimulationManager() *module.SimulationManager { return app.sm }

// newSimulationManager: every module that implements the SDK's
// AppModuleSimulation (auth with base accounts only, authz, bank,
// distribution, evidence, feegrant, gov, ibc, mint, slashing, staking,
// transfer, wasm), in name order, then x/alliance's
// simulation module, last: its genesis funds the simulated accounts in
// x/bank's genesis, which must exist by then. The token factory is left out:
// its upstream operations sign with their own encoding config, which has no
// address codec, so every one of them fails to deliver on this chain.
func (app *AllianceApp) newSimulationManager() *module.SimulationManager {
	am, ok := app.ModuleManager.Modules[alliancetypes.ModuleName].(alliance.AppModule)
	if !ok {
		panic(fmt.Sprintf("simulation: module %s is a %T", alliancetypes.ModuleName, app.ModuleManager.Modules[alliancetypes.ModuleName]))
	}
	others := map[string]any{}
	for name, m := range app.ModuleManager.Modules {
		if name != alliancetypes.ModuleName && name != tokenfactorytypes.ModuleName {
			others[name] = m
		}
	}
	overrides := map[string]module.AppModuleSimulation{
		authtypes.ModuleName: auth.NewAppModule(app.appCodec, app.AccountKeeper, baseGenesisAccounts, nil),
	}
	sm := module.NewSimulationManagerFromAppModules(others, overrides)
	sm.Modules = append(sm.Modules, alliance.NewSimulationModule(am, app.AccountKeeper, app.BankKeeper, app.StakingKeeper))
	sm.RegisterStoreDecoders()
	return sm
}

// baseGenesisAccounts: the simulated accounts as plain base accounts. The
// SDK's default makes some of them vesting accounts, a type this chain does
// not register (it has no x/auth/vesting).
func baseGenesisAccounts(simState *module.SimulationState) authtypes.GenesisAccounts {
	accs := make(authtypes.GenesisAccounts, len(simState.Accounts))
	for i, acc := range simState.Accounts {
		accs[i] = authtypes.NewBaseAccountWithAddress(acc.Address)
	}
	return accs
}

// setSimulationAnteHandler makes the ante handler also accept fees in the
// simulation's alliance denoms. The chain prices its bond denom only; the
// SDK's simulated operations pay their fees in a random coin the sender
// holds, and every simulated account holds alliance denoms. Call it before
// the state is loaded (the handler cannot change afterwards).
func (app *AllianceApp) setSimulationAnteHandler() error {
	h, err := newAnteHandler(app.anteOptions(alliancesim.Denoms()))
	if err != nil {
		return err
	}
	app.SetAnteHandler(h)
	return nil
}
