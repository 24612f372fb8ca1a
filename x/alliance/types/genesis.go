package types

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// sdkValidateDenom is x/bank's denom syntax check.
var sdkValidateDenom = sdk.ValidateDenom

// DefaultGenesisState is the genesis of a new chain: default params, no assets.
func DefaultGenesisState() *GenesisState {
	return &GenesisState{
		Params:                     DefaultParams(),
		Assets:                     []AllianceAsset{},
		ValidatorInfos:             []ValidatorInfoState{},
		RewardWeightChangeSnaphots: []RewardWeightChangeSnapshotState{},
		Delegations:                []Delegation{},
		Redelegations:              []RedelegationState{},
		Undelegations:              []UndelegationState{},
	}
}

// Validate checks a genesis state without access to other modules: params,
// assets, and that every delegation, redelegation and undelegation refers to
// a listed asset with consistent shares. Address formats are checked by
// InitGenesis, which has the address codecs.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidGenesisState, err)
	}
	assets := map[string]AllianceAsset{}
	for _, a := range gs.Assets {
		if err := a.Validate(); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidGenesisState, err)
		}
		if _, dup := assets[a.Denom]; dup {
			return fmt.Errorf("%w: duplicate asset %s", ErrInvalidGenesisState, a.Denom)
		}
		assets[a.Denom] = a
	}
	vals := map[string]AllianceValidatorInfo{}
	for _, v := range gs.ValidatorInfos {
		if v.ValidatorAddress == "" {
			return fmt.Errorf("%w: validator info without address", ErrInvalidGenesisState)
		}
		if _, dup := vals[v.ValidatorAddress]; dup {
			return fmt.Errorf("%w: duplicate validator info %s", ErrInvalidGenesisState, v.ValidatorAddress)
		}
		for _, c := range append(append([]DecCoinLike{}, decCoins(v.Validator.ValidatorShares)...), decCoins(v.Validator.TotalDelegatorShares)...) {
			if _, ok := assets[c.denom]; !ok {
				return fmt.Errorf("%w: validator %s has shares of unknown asset %s", ErrInvalidGenesisState, v.ValidatorAddress, c.denom)
			}
			if c.negative {
				return fmt.Errorf("%w: validator %s has negative shares", ErrInvalidGenesisState, v.ValidatorAddress)
			}
		}
		vals[v.ValidatorAddress] = v.Validator
	}
	type dk struct{ del, val, denom string }
	seen := map[dk]bool{}
	for _, d := range gs.Delegations {
		if _, ok := assets[d.Denom]; !ok {
			return fmt.Errorf("%w: delegation of unknown asset %s", ErrInvalidGenesisState, d.Denom)
		}
		if _, ok := vals[d.ValidatorAddress]; !ok {
			return fmt.Errorf("%w: delegation to validator %s without validator info", ErrInvalidGenesisState, d.ValidatorAddress)
		}
		if d.Shares.IsNil() || !d.Shares.IsPositive() {
			return fmt.Errorf("%w: delegation with non-positive shares", ErrInvalidGenesisState)
		}
		k := dk{d.DelegatorAddress, d.ValidatorAddress, d.Denom}
		if seen[k] {
			return fmt.Errorf("%w: duplicate delegation %v", ErrInvalidGenesisState, k)
		}
		seen[k] = true
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
			return fmt.Errorf("%w: redelegation: %v", ErrInvalidGenesisState, err)
		}
		if rd.Balance.Amount.IsNil() || rd.Balance.Amount.IsNegative() {
			return fmt.Errorf("%w: negative redelegation balance", ErrInvalidGenesisState)
		}
		if rd.CreationHeight < 0 {
			return fmt.Errorf("%w: redelegation with negative creation height %d", ErrInvalidGenesisState, rd.CreationHeight)
		}
	}
	for _, u := range gs.Undelegations {
		for _, e := range u.Undelegation.Entries {
			if e == nil {
				return fmt.Errorf("%w: nil undelegation entry", ErrInvalidGenesisState)
			}
			if err := sdkValidateDenom(e.Balance.Denom); err != nil {
				return fmt.Errorf("%w: undelegation: %v", ErrInvalidGenesisState, err)
			}
			if e.Balance.Amount.IsNil() || e.Balance.Amount.IsNegative() {
				return fmt.Errorf("%w: negative undelegation balance", ErrInvalidGenesisState)
			}
			if e.CreationHeight < 0 {
				return fmt.Errorf("%w: undelegation with negative creation height %d", ErrInvalidGenesisState, e.CreationHeight)
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
