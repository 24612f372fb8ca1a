package app

import (
	"maps"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	tokenfactorytypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// moduleAccountPermissions lists every module account of the chain and what it
// may do with the supply. A module that holds funds but must never mint or burn
// gets nil.
var moduleAccountPermissions = map[string][]string{
	authtypes.FeeCollectorName:     nil,
	distrtypes.ModuleName:          nil,
	minttypes.ModuleName:           {authtypes.Minter},
	stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
	stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
	govtypes.ModuleName:            {authtypes.Burner},
	ibctransfertypes.ModuleName:    {authtypes.Minter, authtypes.Burner},
	wasmtypes.ModuleName:           {authtypes.Burner},
	// x/alliance mints the virtual native stake it delegates and burns it
	// when it takes the stake back; alliance_rewards only holds rewards.
	alliancetypes.ModuleName:      {authtypes.Minter, authtypes.Burner},
	alliancetypes.RewardsPoolName: nil,
	// The token factory mints a factory denom into its account before it
	// sends it on, and burns what its admin sends back (app/tokenfactory.go).
	tokenfactorytypes.ModuleName: {authtypes.Minter, authtypes.Burner},
}

// receivingModuleAccounts are module accounts that users may send funds to.
// Every other module account is blocked in x/bank, so that funds sent there by
// mistake are refused instead of lost or silently counted as module balance.
var receivingModuleAccounts = map[string]bool{
	// Deposits to the community pool and gov deposits arrive through their
	// own messages, but the gov account must be able to receive refunds.
	govtypes.ModuleName: true,
	// x/distribution pays the rewards of the alliance virtual stake straight
	// into the reward pool (the alliance account's withdraw address), with a
	// module-to-account send, which blocked addresses refuse. Coins a user
	// sends there are a surplus over what delegators are owed (the
	// reward-pool invariant only requires pool >= owed); nobody can take
	// them out. Were the pool blocked, x/alliance would fall back to paying
	// the alliance account and moving the rewards with a second transfer
	// (~14,000 gas more per alliance message), and the alliance account would
	// have to be listed here instead.
	alliancetypes.RewardsPoolName: true,
	// The alliance account itself (staked and unbonding alliance tokens)
	// receives nothing from x/distribution any more: it stays blocked, so a
	// coin sent to it by mistake is refused, and a missing rewards route
	// would fail loudly instead of paying rewards into the wrong account.
}

// ModuleAccountPermissions returns a copy of the module account permissions.
func ModuleAccountPermissions() map[string][]string {
	return maps.Clone(moduleAccountPermissions)
}

// BlockedAddresses returns the bech32 addresses x/bank refuses to send to:
// every module account except those listed in receivingModuleAccounts.
func BlockedAddresses() map[string]bool {
	blocked := make(map[string]bool, len(moduleAccountPermissions))
	for name := range moduleAccountPermissions {
		if receivingModuleAccounts[name] {
			continue
		}
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	return blocked
}
