package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"

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
	return k.QueueRebalance(ctx)
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
				DstValidatorAddress: r.DstValidatorAddress, Balance: r.Balance,
			},
		})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Unbondings.Walk(ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		gs.Undelegations = append(gs.Undelegations, types.UndelegationState{
			CompletionTime: e.CompletionTime,
			Undelegation: types.QueuedUndelegation{Entries: []*types.Undelegation{{
				DelegatorAddress: e.DelegatorAddress, ValidatorAddress: e.ValidatorAddress, Balance: e.Balance,
			}}},
		})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}
