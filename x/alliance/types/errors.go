package types

import errorsmod "cosmossdk.io/errors"

// Errors of the alliance module (codespace "alliance"). Codes 10..40 keep
// the numbers upstream used for the same conditions; upstream's code 0 for
// invalid genesis is not registrable in SDK 0.53, so it moved to 1.
var (
	ErrInvalidGenesisState  = errorsmod.Register(ModuleName, 1, "invalid genesis state")
	ErrEmptyValidatorAddr   = errorsmod.Register(ModuleName, 10, "empty validator address")
	ErrValidatorNotFound    = errorsmod.Register(ModuleName, 11, "validator not found")
	ErrNoDelegation         = errorsmod.Register(ModuleName, 12, "delegation not found")
	ErrActiveDelegations    = errorsmod.Register(ModuleName, 13, "alliance asset still has staked or unbonding tokens")
	ErrZeroDelegations      = errorsmod.Register(ModuleName, 20, "there are no delegations yet")
	ErrInsufficientTokens   = errorsmod.Register(ModuleName, 21, "insufficient tokens")
	ErrUnknownAsset         = errorsmod.Register(ModuleName, 30, "alliance asset is not whitelisted")
	ErrAlreadyExists        = errorsmod.Register(ModuleName, 31, "alliance asset already exists")
	ErrRewardWeightOutOfBnd = errorsmod.Register(ModuleName, 40, "reward weight out of bounds")

	ErrInvalidParams          = errorsmod.Register(ModuleName, 50, "invalid params")
	ErrInvalidAsset           = errorsmod.Register(ModuleName, 51, "invalid alliance asset")
	ErrForbiddenDenom         = errorsmod.Register(ModuleName, 52, "denom cannot be an alliance asset")
	ErrInvalidAmount          = errorsmod.Register(ModuleName, 53, "invalid amount")
	ErrSameValidator          = errorsmod.Register(ModuleName, 54, "source and destination validators are the same")
	ErrTransitiveRedelegation = errorsmod.Register(ModuleName, 55, "redelegation to this validator already in progress; first redelegation must mature before redelegating again")
	ErrMaxUnbondingEntries    = errorsmod.Register(ModuleName, 56, "too many unbonding entries for this (delegator, validator, denom); wait for one to mature")
	ErrMaxRedelegationEntries = errorsmod.Register(ModuleName, 57, "too many redelegation entries for this (delegator, source, destination, denom); wait for one to mature")
	ErrWorthlessShares        = errorsmod.Register(ModuleName, 58, "existing shares of this validator for this asset are worth nothing; delegate to another validator")
	ErrInvalidAuthority       = errorsmod.Register(ModuleName, 59, "invalid authority")
	ErrInvalidAddress         = errorsmod.Register(ModuleName, 60, "invalid address")
	ErrValidatorInactive      = errorsmod.Register(ModuleName, 61, "validator not found in x/staking")
	ErrRewardWeightTooLarge   = errorsmod.Register(ModuleName, 62, "reward weight above the module's maximum (MaxRewardWeight)")

	// Delisting an asset that still holds stake (keeper/delist.go).
	ErrAssetDelisting        = errorsmod.Register(ModuleName, 63, "alliance asset is being delisted: it takes no new stake and no governance change until its wind-down completes")
	ErrRelistDuringDelisting = errorsmod.Register(ModuleName, 64, "alliance asset cannot be listed again before its delisting completes")

	// MsgCancelUnbonding.
	ErrNoUnbondingEntry         = errorsmod.Register(ModuleName, 68, "no unbonding entry of this delegator, validator and denom at this creation height")
	ErrUnbondingBalanceExceeded = errorsmod.Register(ModuleName, 69, "amount exceeds the balance of the unbonding entries at this creation height")
	ErrValidatorJailed          = errorsmod.Register(ModuleName, 70, "validator is jailed: unbonding stake cannot return to it until it is unjailed")
	ErrCancelIntoDelisting      = errorsmod.Register(ModuleName, 71, "alliance asset is being delisted: its unbondings cannot be cancelled")
	ErrUnbondingMatured         = errorsmod.Register(ModuleName, 72, "unbonding entry has matured: its tokens are paid out at the end of this block")

	// In-place migration from an upstream v0.4 store (x/alliance/migrations/upstream).
	ErrUpstreamUnknownRecord = errorsmod.Register(ModuleName, 73, "unknown record in the upstream alliance store")
	ErrUpstreamBadRecord     = errorsmod.Register(ModuleName, 74, "malformed record in the upstream alliance store")
	ErrUpstreamLegacyIndex   = errorsmod.Register(ModuleName, 75, "upstream reward index without an alliance denom (pre-v0.3 layout); run upstream's own migrations first")

	// Genesis formats (GenesisState.format_version): an upstream export must
	// be converted, exactly once, before this module imports it.
	ErrUnconvertedUpstreamGenesis = errorsmod.Register(ModuleName, 79, "alliance genesis without format_version: an upstream v0.4 export, whose reward indices count per token; convert it first with `allianced genesis convert-upstream <export.json>`")
	ErrGenesisAlreadyConverted    = errorsmod.Register(ModuleName, 80, "alliance genesis already in this module's format: the upstream conversion runs once, on an upstream v0.4 export only")

	// The same-chain guard of token factory denoms (keeper/factory_guard.go):
	// a factory denom whose creator stakes on this chain is a share of stake
	// that already earns here; listing it would pay that stake twice.
	ErrFactoryCreatorStakes = errorsmod.Register(ModuleName, 81, "the creator of this factory denom holds stake on this chain: its denom is a share of stake that already earns here, and listing it would pay those rewards twice")
	ErrListedFactoryCreator = errorsmod.Register(ModuleName, 82, "this address created a factory denom listed as an alliance asset: stake it added here would earn twice (once itself, once through the listed denom)")

	// Legacy (v1beta1) governance proposals: empty title or description, or
	// content this module does not handle.
	ErrInvalidProposal = errorsmod.Register(ModuleName, 78, "invalid alliance proposal")
)
