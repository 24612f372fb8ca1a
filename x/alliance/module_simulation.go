package alliance

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/alliancewasm/alliancewasm/x/alliance/simulation"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

var (
	_ module.AppModuleSimulation = SimulationModule{}
	_ module.HasProposalMsgs     = SimulationModule{}
)

// SimulationModule is x/alliance in the chain's simulation: the module plus
// the keepers its operations read (an account to sign with, its spendable
// coins, x/staking's validators), which the module itself does not hold. The
// app passes it to its SimulationManager in place of the AppModule.
type SimulationModule struct {
	AppModule
	ak simulation.AccountKeeper
	bk simulation.BankKeeper
	sk simulation.StakingKeeper
}

// NewSimulationModule wraps the module for the simulation.
func NewSimulationModule(am AppModule, ak simulation.AccountKeeper, bk simulation.BankKeeper, sk simulation.StakingKeeper) SimulationModule {
	return SimulationModule{AppModule: am, ak: ak, bk: bk, sk: sk}
}

// GenerateGenesisState writes a random genesis and funds the simulated
// accounts with the simulation's alliance denoms (after x/bank's genesis).
func (SimulationModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// RegisterStoreDecoder decodes the module's store by its collections.
func (m SimulationModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[types.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(m.keeper.Schema)
}

// WeightedOperations are the users' messages: delegate, undelegate,
// redelegate, claim, cancel an unbonding.
func (m SimulationModule) WeightedOperations(simState module.SimulationState) []simtypes.WeightedOperation {
	cdc, ok := simState.Cdc.(*codec.ProtoCodec)
	if !ok {
		panic(fmt.Sprintf("alliance simulation: the app codec is a %T, not a *codec.ProtoCodec", simState.Cdc))
	}
	return simulation.WeightedOperations(simState.AppParams, simState.TxConfig, cdc, m.ak, m.bk, m.sk, m.keeper)
}

// ProposalMsgs are the governance messages: create, update and delete an
// asset, update the params.
func (m SimulationModule) ProposalMsgs(module.SimulationState) []simtypes.WeightedProposalMsg {
	return simulation.ProposalMsgs(m.keeper)
}
