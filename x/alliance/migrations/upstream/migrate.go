package upstream

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// FromVersion is upstream v0.4's consensus version: the module manager runs
// Migrate for a chain whose version map says alliance = 5.
const FromVersion = 5

// Migrate returns the module manager's migration from upstream v0.4's store
// to this module's. It reads every upstream record, converts the reward
// indices and weight ranges (ConvertGenesis), clears the store and writes
// the state with InitGenesis, which validates it and checks the share
// invariants.
//
// Everything happens in a branch of the store written only on success: on
// any error (an unknown or malformed record, a legacy index, a state
// InitGenesis refuses) nothing is written and the error is returned;
// RunMigrations then fails the upgrade handler and x/upgrade stops the
// chain at the upgrade height with the old state committed, as for any
// failed upgrade.
//
// A store already in this module's layout (this module's own chains pass
// through version 5 on their way up: see module.go) is left alone. The two
// are told apart by the ActiveShares item, which this module's InitGenesis
// always writes at key 0x14 alone, and upstream never writes (its 0x14
// keys are snapshots, always longer).
func Migrate(k keeper.Keeper) func(ctx sdk.Context) error {
	return func(ctx sdk.Context) error {
		ours, err := k.ModuleStore(ctx).Has(types.ActiveSharesKey.Bytes())
		if err != nil {
			return err
		}
		if ours {
			return nil
		}
		branch, write := ctx.CacheContext()
		if err := migrate(branch, k); err != nil {
			return fmt.Errorf("alliance: migration from upstream v0.4 refused, nothing written: %w", err)
		}
		write()
		return nil
	}
}

func migrate(ctx sdk.Context, k keeper.Keeper) error {
	store := k.ModuleStore(ctx)
	recs, err := readAll(store)
	if err != nil {
		return err
	}
	acc, val := k.AddressCodecs()
	gs, err := decodeStore(recs, acc, val)
	if err != nil {
		return err
	}
	if err := ConvertGenesis(gs); err != nil {
		return err
	}
	for _, r := range recs {
		if err := store.Delete(r.key); err != nil {
			return err
		}
	}
	return k.InitGenesis(ctx, gs)
}
