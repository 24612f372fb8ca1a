package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// InitGenesis loads a validated genesis state. Bad addresses are errors (not
// ignored). Snapshots are accepted and dropped (the indices never need
// them). A rebalance is queued so the virtual stake matches the state.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	k.accountKeeper.GetModuleAccount(ctx, types.ModuleName)
	k.accountKeeper.GetModuleAccount(ctx, types.RewardsPoolName)
	// x/distribution's genesis (which restores withdraw addresses) runs
	// before this one; the route is (re)written after it, so a genesis from
	// before the routing existed, or from a chain with the other path, gets
	// the route this keeper expects.
	if err := k.EnsureRewardsRoute(ctx); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, a := range gs.Assets {
		if err := k.checkListableDenom(ctx, a.Denom); err != nil {
			return err
		}
		if err := k.Assets.Set(ctx, a.Denom, a); err != nil {
			return err
		}
	}
	for _, v := range gs.ValidatorInfos {
		val, err := k.valAddr(v.ValidatorAddress)
		if err != nil {
			return err
		}
		if err := k.ValidatorInfos.Set(ctx, val, v.Validator); err != nil {
			return err
		}
	}
	for _, d := range gs.Delegations {
		del, err := k.accAddr(d.DelegatorAddress)
		if err != nil {
			return err
		}
		val, err := k.valAddr(d.ValidatorAddress)
		if err != nil {
			return err
		}
		if err := k.Delegations.Set(ctx, collections.Join3(del, val, d.Denom), d); err != nil {
			return err
		}
	}
	for _, r := range gs.Redelegations {
		rd := r.Redelegation
		for _, a := range []string{rd.SrcValidatorAddress, rd.DstValidatorAddress} {
			if _, err := k.valAddr(a); err != nil {
				return err
			}
		}
		if _, err := k.accAddr(rd.DelegatorAddress); err != nil {
			return err
		}
		if err := k.addRedelegation(ctx, types.RedelegationRecord{
			DelegatorAddress: rd.DelegatorAddress, SrcValidatorAddress: rd.SrcValidatorAddress,
			DstValidatorAddress: rd.DstValidatorAddress, Balance: rd.Balance, CompletionTime: r.CompletionTime,
			CreationHeight: rd.CreationHeight,
		}); err != nil {
			return err
		}
	}
	for _, u := range gs.Undelegations {
		for _, e := range u.Undelegation.Entries {
			if _, err := k.accAddr(e.DelegatorAddress); err != nil {
				return err
			}
			if _, err := k.valAddr(e.ValidatorAddress); err != nil {
				return err
			}
			if err := k.addUnbonding(ctx, types.UnbondingEntry{
				DelegatorAddress: e.DelegatorAddress, ValidatorAddress: e.ValidatorAddress, Balance: e.Balance, CompletionTime: u.CompletionTime,
				CreationHeight: e.CreationHeight,
			}); err != nil {
				return err
			}
		}
	}
	// Share bookkeeping must be consistent (balances are checked by the
	// module-balance invariant once x/bank's genesis is in).
	for _, inv := range []sdk.Invariant{ValidatorSharesInvariant(k), DelegatorSharesInvariant(k)} {
		if msg, broken := inv(unwrap(ctx)); broken {
			return fmt.Errorf("%w: %s", types.ErrInvalidGenesisState, msg)
		}
	}
	for _, u := range gs.UnpaidRewards {
		owner, err := k.accAddr(u.DelegatorAddress)
		if err != nil {
			return err
		}
		if err := k.UnpaidRewards.Set(ctx, owner, u); err != nil {
			return err
		}
	}
	if err := k.initActiveShares(ctx, gs.ActiveShares); err != nil {
		return err
	}
	return k.QueueRebalance(ctx)
}

// initActiveShares restores the reward split's denominators (rewards.go)
// as the exporting chain stored them, so the imported chain splits its next
// rewards the same way; x/staking may have changed the bonded set since the
// exporting chain's last rebalance, so recomputing them would not. A state
// without them (older exports, converted upstream exports) gets them
// computed from the validators' status (InitActiveShares).
func (k Keeper) initActiveShares(ctx context.Context, exported *types.ActiveSharesState) error {
	if exported == nil {
		return k.InitActiveShares(ctx)
	}
	active := types.NewAllianceValidatorInfo()
	for _, c := range exported.Shares {
		active.SetValidatorShares(c.Denom, c.Amount)
	}
	return k.ActiveShares.Set(ctx, active)
}

// ExportGenesis writes the state out; InitGenesis(ExportGenesis()) restores
// it (each undelegation is exported as its own UndelegationState).
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := types.DefaultGenesisState()
	p, err := k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	gs.Params = p
	err = k.Assets.Walk(ctx, nil, func(_ string, a types.AllianceAsset) (bool, error) {
		gs.Assets = append(gs.Assets, a)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		gs.ValidatorInfos = append(gs.ValidatorInfos, types.ValidatorInfoState{ValidatorAddress: k.valString(v), Validator: info})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Delegations.Walk(ctx, nil, func(_ DelegationKey, d types.Delegation) (bool, error) {
		gs.Delegations = append(gs.Delegations, d)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Redelegations.Walk(ctx, nil, func(_ uint64, r types.RedelegationRecord) (bool, error) {
		gs.Redelegations = append(gs.Redelegations, types.RedelegationState{
			CompletionTime: r.CompletionTime,
			Redelegation: types.Redelegation{
				DelegatorAddress: r.DelegatorAddress, SrcValidatorAddress: r.SrcValidatorAddress,
				DstValidatorAddress: r.DstValidatorAddress, Balance: r.Balance, CreationHeight: r.CreationHeight,
			},
		})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.UnpaidRewards.Walk(ctx, nil, func(_ sdk.AccAddress, u types.UnpaidRewards) (bool, error) {
		gs.UnpaidRewards = append(gs.UnpaidRewards, u)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	active, err := k.ActiveShares.Get(ctx)
	switch {
	case err == nil:
		gs.ActiveShares = &types.ActiveSharesState{Shares: active.ValidatorShares}
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	err = k.Unbondings.Walk(ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		gs.Undelegations = append(gs.Undelegations, types.UndelegationState{
			CompletionTime: e.CompletionTime,
			Undelegation: types.QueuedUndelegation{Entries: []*types.Undelegation{{
				DelegatorAddress: e.DelegatorAddress, ValidatorAddress: e.ValidatorAddress, Balance: e.Balance,
				CreationHeight: e.CreationHeight,
			}}},
		})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}

// ResetEntryCreationHeights sets the creation height of every pending
// undelegation and redelegation to h. A zero-height export calls it with 1:
// the new chain restarts its heights, so the old heights would make the
// entries look younger than the new chain's infractions (and slashable for
// them). x/staking resets its own entries to 0; this module keeps 0 for
// "unknown, always slashable" (upstream exports carry no heights), so the
// earliest height of the new chain is used instead, which lets only an
// infraction of that first block reach them, as x/staking's 0 does.
// Cost: O(entries).
func (k Keeper) ResetEntryCreationHeights(ctx context.Context, h int64) error {
	var ubds []uint64
	err := k.Unbondings.Walk(ctx, nil, func(id uint64, e types.UnbondingEntry) (bool, error) {
		if e.CreationHeight != h {
			ubds = append(ubds, id)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range ubds {
		e, err := k.Unbondings.Get(ctx, id)
		if err != nil {
			return err
		}
		e.CreationHeight = h
		if err := k.Unbondings.Set(ctx, id, e); err != nil {
			return err
		}
	}
	var reds []uint64
	err = k.Redelegations.Walk(ctx, nil, func(id uint64, r types.RedelegationRecord) (bool, error) {
		if r.CreationHeight != h {
			reds = append(reds, id)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range reds {
		r, err := k.Redelegations.Get(ctx, id)
		if err != nil {
			return err
		}
		r.CreationHeight = h
		if err := k.Redelegations.Set(ctx, id, r); err != nil {
			return err
		}
	}
	return nil
}

// ModuleStore opens the module's raw KV store. The in-place migration from
// upstream's store layout (x/alliance/migrations/upstream) reads and clears
// upstream's records through it before InitGenesis writes this module's own.
func (k Keeper) ModuleStore(ctx context.Context) corestore.KVStore {
	return k.storeService.OpenKVStore(ctx)
}

// AddressCodecs are the chain's account and validator address codecs
// (upstream's store keys hold address bytes, its values bech32 strings).
func (k Keeper) AddressCodecs() (acc, val address.Codec) {
	return k.accountKeeper.AddressCodec(), k.stakingKeeper.ValidatorAddressCodec()
}
