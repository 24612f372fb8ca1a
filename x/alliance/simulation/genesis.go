// Package simulation is x/alliance's part in the chain's randomized
// simulation (the SDK's app simulation): a random genesis, the users'
// messages (delegate, undelegate, redelegate, claim, cancel an unbonding) as
// weighted operations, and the governance messages (create, update, delete
// an asset even while it holds stake, update the params) that simulated
// proposals carry.
package simulation

import (
	"fmt"
	"math/rand"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// NumDenoms is how many alliance denoms every simulated account holds. The
// genesis lists a random non-empty subset of them; the rest are there for
// governance to list during the run (a listing of a denom nobody holds would
// never see a delegation).
const NumDenoms = 5

// Denom is the i-th denom of the simulation.
func Denom(i int) string { return fmt.Sprintf("alliance%d", i) }

// Denoms are every denom of the simulation, in order. The chain's ante
// handler accepts only priced fee denoms; the app's simulation adds these,
// because the SDK's operations pay their fees in a random coin the sender
// holds.
func Denoms() []string {
	ds := make([]string, NumDenoms)
	for i := range ds {
		ds[i] = Denom(i)
	}
	return ds
}

// RandomizedGenState writes a random x/alliance genesis (params and 1 to
// NumDenoms assets, no stake yet) and gives every simulated account a random
// balance of every simulation denom in x/bank's genesis. x/bank's genesis
// must be generated first: the app orders its simulation manager so.
func RandomizedGenState(simState *module.SimulationState) {
	r := simState.Rand
	params := types.NewParams(
		time.Duration(r.Intn(3600))*time.Second, // reward delay 0 .. 1 h: some assets earn from the start, some later
		time.Duration(60+r.Intn(3540))*time.Second,
		simState.GenTimestamp,
	)
	gs := types.DefaultGenesisState()
	gs.Params = params
	listed := 1 + r.Intn(NumDenoms)
	for i := 0; i < listed; i++ {
		gs.Assets = append(gs.Assets, randomAsset(r, Denom(i), simState.GenTimestamp.Add(params.RewardDelayTime)))
	}
	if err := gs.Validate(); err != nil {
		panic(fmt.Errorf("alliance simulation: random genesis is invalid: %w", err))
	}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
	fundAccounts(simState)
}

// randomAsset: weight inside a random range within [0, 5] (five assets at
// 5 would already ask for 25 times the native stake: the keeper caps it, the
// simulation need not go further), take rate below 0.5 % per interval, and
// half of the time a weight schedule of ±10 % per 1 to 60 minutes.
func randomAsset(r *rand.Rand, denom string, start time.Time) types.AllianceAsset {
	lo := math.LegacyNewDecWithPrec(int64(r.Intn(100)), 2) // 0.00 .. 0.99
	hi := lo.Add(math.LegacyNewDecWithPrec(int64(r.Intn(401)), 2))
	weight := lo.Add(hi.Sub(lo).MulInt64(int64(r.Intn(101))).QuoInt64(100)) // rounds down: stays inside [lo, hi]
	rate, interval := math.LegacyOneDec(), time.Duration(0)
	if r.Intn(2) == 0 {
		rate = math.LegacyNewDecWithPrec(int64(90+r.Intn(21)), 2)
		interval = time.Duration(1+r.Intn(60)) * time.Minute
	}
	return types.NewAllianceAsset(denom, weight, math.LegacyNewDecWithPrec(int64(r.Intn(50)), 4), rate, interval,
		types.RewardWeightRange{Min: lo, Max: hi}, start)
}

// fundAccounts adds 1e6 .. 1e9 of every simulation denom to each simulated
// account's balance and to the supply in x/bank's genesis.
func fundAccounts(simState *module.SimulationState) {
	raw, ok := simState.GenState[banktypes.ModuleName]
	if !ok {
		panic("alliance simulation: x/bank's genesis must be generated before x/alliance's")
	}
	var bank banktypes.GenesisState
	simState.Cdc.MustUnmarshalJSON(raw, &bank)
	index := map[string]int{}
	for i, b := range bank.Balances {
		index[b.Address] = i
	}
	added := sdk.NewCoins()
	for _, acc := range simState.Accounts {
		coins := sdk.NewCoins()
		for _, d := range Denoms() {
			coins = coins.Add(sdk.NewInt64Coin(d, 1_000_000+simState.Rand.Int63n(999_000_001)))
		}
		addr := acc.Address.String()
		if i, ok := index[addr]; ok {
			bank.Balances[i].Coins = bank.Balances[i].Coins.Add(coins...)
		} else {
			index[addr] = len(bank.Balances)
			bank.Balances = append(bank.Balances, banktypes.Balance{Address: addr, Coins: coins})
		}
		added = added.Add(coins...)
	}
	if !bank.Supply.Empty() { // an empty supply is computed by InitGenesis
		bank.Supply = bank.Supply.Add(added...)
	}
	simState.GenState[banktypes.ModuleName] = simState.Cdc.MustMarshalJSON(&bank)
}
