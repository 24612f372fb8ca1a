package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// sdkValidateDenom is x/bank's denom syntax check.
var sdkValidateDenom = sdk.ValidateDenom

// GenesisFormatVersion is the format_version every genesis state of this
// module carries (default, export, conversion of an upstream export): its
// reward indices count rewards per delegation share. Upstream v0.4 exports
// have no format_version (0) and count per token.
const GenesisFormatVersion uint32 = 1

// DefaultGenesisState is the genesis of a new chain: default params, no assets.
func DefaultGenesisState() *GenesisState {
	return &GenesisState{
		FormatVersion:              GenesisFormatVersion,
		Params:                     DefaultParams(),
		Assets:                     []AllianceAsset{},
		ValidatorInfos:             []ValidatorInfoState{},
		RewardWeightChangeSnaphots: []RewardWeightChangeSnapshotState{},
		Delegations:                []Delegation{},
		Redelegations:              []RedelegationState{},
		Undelegations:              []UndelegationState{},
		UnpaidRewards:              []UnpaidRewards{},
	}
}

// Validate checks a genesis state without access to other modules: params,
// assets, and that every delegation, redelegation and undelegation refers to
// a listed asset with consistent shares. Address formats are checked by
// InitGenesis, which has the address codecs.
func (gs GenesisState) Validate() error {
	if err := gs.checkFormat(); err != nil {
		return err
	}
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesisState, err.Error())
	}
	assets := map[string]AllianceAsset{}
	for _, a := range gs.Assets {
		if err := a.Validate(); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesisState, err.Error())
		}
		if _, dup := assets[a.Denom]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "duplicate asset %s", a.Denom)
		}
		assets[a.Denom] = a
	}
	vals := map[string]AllianceValidatorInfo{}
	for _, v := range gs.ValidatorInfos {
		if v.ValidatorAddress == "" {
			return errorsmod.Wrap(ErrInvalidGenesisState, "validator info without address")
		}
		if _, dup := vals[v.ValidatorAddress]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "duplicate validator info %s", v.ValidatorAddress)
		}
		for _, c := range append(append([]DecCoinLike{}, decCoins(v.Validator.ValidatorShares)...), decCoins(v.Validator.TotalDelegatorShares)...) {
			if _, ok := assets[c.denom]; !ok {
				return errorsmod.Wrapf(ErrInvalidGenesisState, "validator %s has shares of unknown asset %s", v.ValidatorAddress, c.denom)
			}
			if c.negative {
				return errorsmod.Wrapf(ErrInvalidGenesisState, "validator %s has negative shares", v.ValidatorAddress)
			}
		}
		vals[v.ValidatorAddress] = v.Validator
	}
	type dk struct{ del, val, denom string }
	seen := map[dk]bool{}
	for _, d := range gs.Delegations {
		if _, ok := assets[d.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "delegation of unknown asset %s", d.Denom)
		}
		if _, ok := vals[d.ValidatorAddress]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "delegation to validator %s without validator info", d.ValidatorAddress)
		}
		if d.Shares.IsNil() || !d.Shares.IsPositive() {
			return errorsmod.Wrap(ErrInvalidGenesisState, "delegation with non-positive shares")
		}
		k := dk{d.DelegatorAddress, d.ValidatorAddress, d.Denom}
		if seen[k] {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "duplicate delegation %v", k)
		}
		seen[k] = true
	}
	if err := gs.validateActiveShares(assets); err != nil {
		return err
	}
	if err := gs.validateUnpaidRewards(); err != nil {
		return err
	}
	// Redelegations and undelegations are checked on their own, not against
	// the assets and delegations: both are normal states of a live chain
	// that ExportGenesis must be able to write out and import again:
	//   - a redelegation record outlives its destination delegation when the
	//     delegator undelegates or redelegates onward from it (the record
	//     still makes the source's slashes reach the destination's unbonding
	//     entries);
	//   - DeleteAlliance keeps the pending undelegations (and redelegation
	//     records) of the delisted denom: they still pay out / mature.
	for _, r := range gs.Redelegations {
		rd := r.Redelegation
		if err := sdkValidateDenom(rd.Balance.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "redelegation: %v", err)
		}
		if rd.Balance.Amount.IsNil() || rd.Balance.Amount.IsNegative() {
			return errorsmod.Wrap(ErrInvalidGenesisState, "negative redelegation balance")
		}
		if rd.CreationHeight < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "redelegation with negative creation height %d", rd.CreationHeight)
		}
	}
	for _, u := range gs.Undelegations {
		for _, e := range u.Undelegation.Entries {
			if e == nil {
				return errorsmod.Wrap(ErrInvalidGenesisState, "nil undelegation entry")
			}
			if err := sdkValidateDenom(e.Balance.Denom); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesisState, "undelegation: %v", err)
			}
			if e.Balance.Amount.IsNil() || e.Balance.Amount.IsNegative() {
				return errorsmod.Wrap(ErrInvalidGenesisState, "negative undelegation balance")
			}
			if e.CreationHeight < 0 {
				return errorsmod.Wrapf(ErrInvalidGenesisState, "undelegation with negative creation height %d", e.CreationHeight)
			}
		}
	}
	return nil
}

// DecCoinLike is a minimal view used by Validate.
type DecCoinLike struct {
	denom    string
	negative bool
}

// checkFormat refuses a state whose reward indices this module would
// misread: an upstream v0.4 export (no format_version) that holds assets,
// validator infos or delegations, which imported as it is would owe its
// delegators more than the reward pool holds (its indices count per token,
// this module's per share). A state without any of them carries no index
// and is read the same either way. A format newer than this binary's is
// refused too.
func (gs GenesisState) checkFormat() error {
	switch {
	case gs.FormatVersion == 0 && (len(gs.Assets) > 0 || len(gs.ValidatorInfos) > 0 || len(gs.Delegations) > 0):
		return errorsmod.Wrapf(ErrUnconvertedUpstreamGenesis, "%d assets, %d delegations", len(gs.Assets), len(gs.Delegations))
	case gs.FormatVersion > GenesisFormatVersion:
		return errorsmod.Wrapf(ErrInvalidGenesisState, "format_version %d is newer than this binary's %d", gs.FormatVersion, GenesisFormatVersion)
	}
	return nil
}

// validateActiveShares: the exported reward-split denominators, when
// present, are non-negative and name listed assets only.
func (gs GenesisState) validateActiveShares(assets map[string]AllianceAsset) error {
	if gs.ActiveShares == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, c := range gs.ActiveShares.Shares {
		if _, ok := assets[c.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "active shares of unknown asset %s", c.Denom)
		}
		if c.Amount.IsNil() || c.Amount.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "negative active shares of %s", c.Denom)
		}
		if seen[c.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "duplicate active shares of %s", c.Denom)
		}
		seen[c.Denom] = true
	}
	return nil
}

// validateUnpaidRewards: one record per owner, each with valid, non-empty
// coins (the reward pool must hold them: RewardPoolInvariant).
func (gs GenesisState) validateUnpaidRewards() error {
	seen := map[string]bool{}
	for _, u := range gs.UnpaidRewards {
		if u.DelegatorAddress == "" || seen[u.DelegatorAddress] {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "unpaid rewards: empty or duplicate owner %q", u.DelegatorAddress)
		}
		seen[u.DelegatorAddress] = true
		if u.Rewards.Empty() {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "unpaid rewards of %s: no coins", u.DelegatorAddress)
		}
		if err := u.Rewards.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesisState, "unpaid rewards of %s: %v", u.DelegatorAddress, err)
		}
	}
	return nil
}
