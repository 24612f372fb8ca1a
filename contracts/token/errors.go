package main

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The token's errors, by name (cw20-base's ContractError). A failure about a particular value
// returns the named error with that value around its text (withDetail; a few texts are the part of
// a sentence that follows a name, as noted); errors.Is still finds the name.
var (
	// cw20 and ownership
	ErrUnauthorized          = errors.New("unauthorized")
	ErrZeroAmount            = errors.New("invalid zero amount")
	ErrInsufficientFunds     = errors.New("insufficient funds")
	ErrNoAllowance           = errors.New("no allowance for this account")
	ErrAllowanceExpired      = errors.New("allowance is expired")
	ErrInsufficientAllowance = errors.New("insufficient allowance")
	ErrSelfAllowance         = errors.New("cannot set an allowance for yourself")
	ErrExpired               = errors.New("expiration is already in the past")
	ErrInvalidRecipient      = errors.New("invalid recipient")
	ErrInvalidSpender        = errors.New("invalid spender")
	ErrInvalidNewOwner       = errors.New("invalid new_owner")
	ErrBadHook               = errors.New(`send to the token contract: msg must be {"unbond":{}}`)
	ErrFundsNotAccepted      = errors.New("this message does not accept funds (only deposit does)")

	// instantiate and owner parameters
	ErrInvalidName             = errors.New("name must be 3 to 50 bytes")
	ErrInvalidSymbolLength     = errors.New("symbol must be 3 to 12 characters")
	ErrInvalidSymbolChar       = errors.New("symbol may only contain letters and '-'")
	ErrInvalidDecimals         = errors.New("decimals must be at most 18")
	ErrEmptyAssetDenom         = errors.New("asset_denom must not be empty")
	ErrRewardDenomIsAsset      = errors.New("reward_denom must differ from asset_denom")
	ErrInvalidOwner            = errors.New("invalid owner")
	ErrMinDepositTooSmall      = errors.New("min_initial_deposit must exceed the 1000 locked shares")
	ErrUnbondEpochTooLong      = errors.New("unbond_epoch must be at most 5184000 seconds (60 days)")
	ErrUnbondEpochTooShort     = errors.New("unbond_epoch must exceed the chain's unbonding time / max entries (staking_params)")
	ErrFeeTooHigh              = errors.New("fee_bps exceeds the cap of 1000 (10%)")
	ErrInvalidFeeAddress       = errors.New("invalid fee_address")
	ErrFeeAddressIsContract    = errors.New("fee_address must not be the token contract itself")
	ErrValidatorCount          = errors.New("validators: give 1 to 20 validators")
	ErrDuplicateValidator      = errors.New("validators: duplicate")
	ErrNotAllianceAsset        = errors.New("asset_denom is not an alliance asset or a validator address is invalid")
	ErrUnknownValidator        = errors.New("is not a known validator") // after "validators: <address>"
	ErrKeptValidatorsWorthless = errors.New("every kept validator's stake is worth nothing: keep another one")

	// deposit
	ErrOneCoin              = errors.New("send exactly one coin")
	ErrWrongDenom           = errors.New("wrong denom")
	ErrFirstDepositTooSmall = errors.New("first deposit must be at least")
	ErrStakeWorthless       = errors.New("the stake is worth nothing (slashed to zero): deposits are closed")
	ErrNoBondedValidator    = errors.New("no configured validator is bonded (jailed, inactive, removed or worth nothing): wait for an unjail, or the owner must update_validators")
	ErrDepositTooSmall      = errors.New("deposit too small: it would mint zero shares")

	// unbond, process_unbonds, withdraw
	ErrUnbondTooSmall   = errors.New("unbond too small: it is worth zero")
	ErrBatchEmpty       = errors.New("is empty: nothing to unbond") // after "batch <id>"
	ErrBatchNotReady    = errors.New("cannot be processed before")  // after "batch <id>", before the time
	ErrTooManyUnsettled = errors.New("too many unsettled batches: a withdraw settles the matured ones, or wait until they mature")
	ErrNoMaturedClaims  = errors.New("no matured claims")

	// delisting
	ErrDelisted         = errors.New("the asset is delisted by governance: deposits, unbonds and process_unbonds are refused; every holder gets its part with exit once the chain has returned the stake, at")
	ErrNotDelisted      = errors.New("the asset is listed: exit is for a delisted asset (unbond instead)")
	ErrExitNotYet       = errors.New("the chain returns the delisted asset's stake at")
	ErrStakeNotReturned = errors.New("the chain has not yet undelegated all of the contract's stake of the delisted asset: exit once it has")
	ErrNothingToExit    = errors.New("no shares to exit with")
	ErrTooManyEntries   = errors.New("too many unbonding entries to list")

	// rewards and sweep
	ErrNoRewards      = errors.New("no rewards to claim")
	ErrCannotSweep    = errors.New("cannot sweep") // the asset or the reward denom
	ErrNothingToSweep = errors.New("to sweep")     // after "no <denom>"

	// states that cannot be reached from any input: a corrupt record or a bug
	ErrSupplyBelowUnbond  = errors.New("supply is smaller than the amount unbonded")
	ErrStakeBelowTotal    = errors.New("stake smaller than its total")
	ErrBatchWithoutClaims = errors.New("claim book: batch without claims")
	ErrDustAboveOwed      = errors.New("claim book: dust exceeds what is owed")
	ErrPayoutsAboveOwed   = errors.New("claim book: payouts exceed what is owed")
	ErrBalanceBelowOwed   = errors.New("claim book: the asset balance is below what is owed")
	ErrReserveBelowClaim  = errors.New("reward reserve smaller than a holder's rewards")
	ErrBadRecord          = errors.New("malformed record")
	ErrBadPayload         = errors.New("malformed deposit reply payload")
	ErrBadBatchPayload    = errors.New("reply payload is not a batch id")
	ErrUnknownReply       = errors.New("unknown reply id")
	ErrUnknownMessage     = errors.New("unknown message")
)

// withDetail and withCause are std.WithDetail and std.WithCause under the short names the
// execute files use.
func withDetail(before string, err error, after string) error {
	return std.WithDetail(before, err, after)
}

func withCause(err, cause error) error { return std.WithCause(err, cause) }
