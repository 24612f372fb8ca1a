package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The same-chain guard. A token factory denom factory/{creator}/{sub} whose
// creator stakes on this chain (an auto-compounder's or a liquid-staking
// contract's share) is backed by stake that already earns this chain's
// rewards; listed here as an alliance asset, the share would earn them a
// second time, out of the other stakers' part. Two checks keep the creator
// and the listing apart, whichever comes first:
//
//   - listing (checkFactoryCreatorStake): refused while the creator holds
//     an alliance delegation (any denom) or an x/staking delegation;
//   - staking (refuseListedFactoryCreator): while one of its factory denoms
//     is listed, the creator cannot delegate (alliance or x/staking, the
//     latter through the staking hook) nor cancel an alliance unbonding.
//
// A denom of another chain (ibc/...) is never a factory denom here, and a
// creator that never stakes (a pair's LP denom) is listed as any denom.
// The creator is read from the denom; an admin handed over later is not
// followed (see x/alliance/README.md, "Factory denoms of this chain").

// checkFactoryCreatorStake refuses to list denom when it is a factory denom
// whose creator holds stake on this chain. Two reads, each stopping at the
// first delegation found.
func (k Keeper) checkFactoryCreatorStake(ctx context.Context, denom string) error {
	creator, ok := types.FactoryDenomCreator(denom, k.accountKeeper.AddressCodec())
	if !ok {
		return nil
	}
	held, err := k.firstAllianceDelegation(ctx, creator)
	if err != nil {
		return err
	}
	if held != nil {
		return errorsmod.Wrapf(types.ErrFactoryCreatorStakes, "%s: creator %s holds alliance stake (%s on %s)",
			denom, k.accString(creator), held.Denom, held.ValidatorAddress)
	}
	native, err := k.stakingKeeper.GetDelegatorDelegations(ctx, creator, 1)
	if err != nil {
		return err
	}
	if len(native) > 0 {
		return errorsmod.Wrapf(types.ErrFactoryCreatorStakes, "%s: creator %s holds native stake (x/staking delegation to %s)",
			denom, k.accString(creator), native[0].ValidatorAddress)
	}
	return nil
}

// firstAllianceDelegation is one alliance delegation of del (nil if none).
func (k Keeper) firstAllianceDelegation(ctx context.Context, del sdk.AccAddress) (*types.Delegation, error) {
	var first *types.Delegation
	err := k.Delegations.Walk(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, string](del),
		func(_ DelegationKey, d types.Delegation) (bool, error) {
			first = &d
			return true, nil
		})
	return first, err
}

// refuseListedFactoryCreator refuses new stake from addr while a factory
// denom it created is listed (being delisted included: the record still
// stands). At most two reads of the asset map: its keys are the denoms, in
// order, so the denoms of one creator sit under one prefix per spelling of
// its address.
func (k Keeper) refuseListedFactoryCreator(ctx context.Context, addr sdk.AccAddress) error {
	denom, err := k.listedFactoryDenomOf(ctx, addr)
	if err != nil || denom == "" {
		return err
	}
	return errorsmod.Wrapf(types.ErrListedFactoryCreator, "%s created %s", k.accString(addr), denom)
}

// listedFactoryDenomOf is one listed factory denom created by addr ("" if
// none).
func (k Keeper) listedFactoryDenomOf(ctx context.Context, addr sdk.AccAddress) (string, error) {
	prefixes, err := types.FactoryDenomPrefixes(addr, k.accountKeeper.AddressCodec())
	if err != nil {
		return "", err
	}
	for _, p := range prefixes {
		var found string
		err := k.Assets.Walk(ctx, new(collections.Range[string]).Prefix(p), func(denom string, _ types.AllianceAsset) (bool, error) {
			found = denom
			return true, nil
		})
		if err != nil || found != "" {
			return found, err
		}
	}
	return "", nil
}
