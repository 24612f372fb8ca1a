package main

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The compounder's errors, by name (cw20-base's ContractError). A failure about particular values
// returns the named error with those values around its text (withDetail; where the text is the
// part of a sentence that follows a value, the comment says so); errors.Is still finds the name.
var (
	// configuration (instantiate, update_config)
	ErrEmptyAssetDenom     = errors.New("asset_denom must not be empty")
	ErrTooManyRoutes       = errors.New("routes: at most 5")
	ErrRouteEmptyDenom     = errors.New("routes: empty denom")
	ErrRouteIsAsset        = errors.New("routes: the staked asset itself cannot be a route (asset rewards are restaked as they are)")
	ErrRoutePair           = errors.New("routes: invalid pair address for") // before " <denom>: <reason>"
	ErrRouteTwice          = errors.New("routed twice")                     // after "routes: <denom> "
	ErrFeeTooHigh          = errors.New("fee_bps may not exceed 2000 (20%)")
	ErrInvalidFeeRecipient = errors.New("invalid fee_recipient")
	ErrInvalidOwner        = errors.New("invalid owner")
	ErrSpreadTooHigh       = errors.New("max_spread may not exceed 0.5")
	ErrTwapWindow          = errors.New("twap_window: between 1 and 2592000 seconds (30 days) is required")
	ErrValidatorCount      = errors.New("validators: between 1 and 20 are required")
	ErrEmptyValidator      = errors.New("validators: empty address")
	ErrValidatorTwice      = errors.New("listed twice") // after "validators: <address> "
	ErrValidators          = errors.New("validators")   // before ": <the chain's reason>"
	ErrNoActiveValidator   = errors.New("validators: none of them is in the active set, so the stake on dropped validators has nowhere to go")
	ErrStakingParams       = errors.New("staking params")
	ErrNoUnbondingEntries  = errors.New("the chain allows no unbonding entries (max_entries 0)")
	ErrUnbondEpochTooLong  = errors.New("unbond_epoch may not exceed 2592000 seconds (30 days)")
	ErrUnbondEpochTooShort = errors.New("s is too short") // after "unbond_epoch <n> "
	ErrUnbondEpochZero     = errors.New("unbond_epoch must be positive")

	// ownership
	ErrUnauthorized     = errors.New("unauthorized: only the owner may do this")
	ErrNotPendingOwner  = errors.New("unauthorized: only the proposed owner may accept the ownership")
	ErrNoPendingOwner   = errors.New("no ownership transfer to cancel")
	ErrInvalidNewOwner  = errors.New("invalid new_owner")
	ErrFundsNotAccepted = errors.New("only deposit, withdraw and exit accept funds")

	// the share denom (instantiate, withdraw, exit)
	ErrShareSymbol       = errors.New("3 to 44 characters, a letter then letters, digits or / : . _ - are required") // after "share.symbol <symbol>: "
	ErrShareDecimals     = errors.New("share.decimals may not exceed 18")
	ErrShareName         = errors.New("share.name must not be blank")
	ErrTokenFactoryQuery = errors.New("token factory params query")
	ErrCreationFee       = errors.New("instantiate must send the token factory's denom creation fee:") // before " <fee> (sent <funds>)"
	ErrShareCoin         = errors.New("send exactly one coin: a positive amount of the share denom")   // before " <share denom>"
	ErrRouteIsShare      = errors.New("routes: the vault's own share cannot be a route")

	// deposit and the vault's value
	ErrDepositCoin          = errors.New("deposit exactly one coin: a positive amount of") // before " <asset>"
	ErrFirstDepositTooSmall = errors.New("first deposit must exceed 1000 (1000 shares are locked forever)")
	ErrVaultWorthless       = errors.New("the vault has shares but owns nothing (slashed to zero): deposits are refused")
	ErrDepositTooSmall      = errors.New("deposit too small: it would mint 0 shares")
	ErrNoTargetValidator    = errors.New("no configured validator can take stake (none is in the bonded set with a delegation worth something): deposits wait until the owner updates the validators")
	ErrDelegationsQuery     = errors.New("delegations query")
	ErrStakesQuery          = errors.New("stakes query")
	ErrRewardsAmount        = errors.New("rewards amount")
	ErrNoObservation        = errors.New("no price observation for") // before " <denom>…"
	ErrNoPriceYet           = errors.New("yet (its price observation is from this block): deposit in the next block")

	// the pair and its oracle
	ErrOracleQuery     = errors.New("cumulative prices of") // before " <pair>: <reason>"
	ErrPairDenoms      = errors.New("does not trade")       // between "pair <pair> " and " <denom> for <asset>"
	ErrOracleBackwards = errors.New("went backwards")       // after "the oracle of <pair> "
	ErrSimulation      = errors.New("simulation of")        // before " <offer> on <pair>: <reason>"

	// harvest and observe
	ErrHarvestTooEarly      = errors.New("harvest too early: the next one is allowed at") // before " <time> (Unix ns)"
	ErrHarvestInProgress    = errors.New("a harvest is already in progress")
	ErrNothingStaked        = errors.New("nothing to harvest: nothing is staked")
	ErrNothingToHarvest     = errors.New("nothing to harvest: no routed rewards to swap and no asset to restake")
	ErrBelowTwap            = errors.New("(the TWAP value less max_spread): harvest refused, rewards stay claimable") // after "swap of … below <bound> "
	ErrObservationTooRecent = errors.New("too recent")                                                                // after "price observation for <denom> "
	ErrTwapValue            = errors.New("TWAP value of")                                                             // before " <offer>…"
	ErrSwapShort            = errors.New("below the minimum")                                                         // after "swap of <offer> returned <got>, "
	ErrNothingToObserve     = errors.New("nothing to observe: every route has an observation younger than 2 × twap_window")
	ErrClaimedAmount        = errors.New("claimed amount")

	// withdraw, process_withdrawals, claim
	ErrTooManyClaims     = errors.New("too many pending claims (30): claim matured ones first")
	ErrBatchEmpty        = errors.New("is empty: nothing to unbond") // after "batch <id> "
	ErrBatchNotReady     = errors.New("cannot be processed before")  // after "batch <id> ", before the time
	ErrTooManyUnsettled  = errors.New("32 processed batches are waiting for settlement: a claim after the next maturity settles them, then process again")
	ErrEntryCap          = errors.New("the chain's unbonding entry cap") // before " (<n>) …"
	ErrTooManyUnbondings = errors.New("too many unbonding entries to list")
	ErrUnbondingsQuery   = errors.New("unbondings query")
	ErrNothingToClaim    = errors.New("nothing to claim yet")

	// a delisted asset (execute_exit.go)
	ErrAllianceQuery = errors.New("alliance query")
	ErrAssetDelisted = errors.New("the asset is delisted: the vault takes no deposits and unbonds no batches; holders exit with exit from") // before " <time> (Unix ns)"
	ErrNotDelisted   = errors.New("exit is only for a delisted asset: use withdraw")
	ErrExitNotOpen   = errors.New("exit opens at")                                                                                            // before " <time> (Unix ns: …)"
	ErrWindingDown   = errors.New("the chain has not returned all of the vault's asset yet (stake or unbonding left): exit in a later block") // after "<what is left> "
	ErrNothingToExit = errors.New("nothing to exit: no shares and no settled claims")

	// states no input can reach: a corrupt record, a bug, or a reply the contract did not ask for
	ErrSupplyBelowBalance   = errors.New("share supply below a balance")
	ErrBatchWithoutClaims   = errors.New("claim book: batch without claims")
	ErrDustAboveOwed        = errors.New("claim book: dust exceeds what is owed")
	ErrPayoutsAboveOwed     = errors.New("claim book: payouts exceed what is owed")
	ErrBalanceBelowOwed     = errors.New("claim book: the asset balance is below what is owed")
	ErrBadUndelegatePayload = errors.New("bad undelegate payload")
	ErrClaimReplyOutside    = errors.New("claim reply outside a harvest")
	ErrUnexpectedClaimReply = errors.New("unexpected claim reply")
	ErrSwapReplyOutside     = errors.New("swap reply outside a harvest")
	ErrUnexpectedSwapReply  = errors.New("unexpected swap reply")
	ErrAssetBalanceFell     = errors.New("asset balance fell during a swap")
	ErrSubMsgFailed         = errors.New("sub-message failed")
	ErrUnknownReply         = errors.New("unknown reply id")
	ErrNoVariant            = errors.New("no variant set")
)

// withDetail and withCause are std.WithDetail and std.WithCause under the short names the
// execute files use.
func withDetail(before string, err error, after string) error {
	return std.WithDetail(before, err, after)
}

func withCause(err, cause error) error { return std.WithCause(err, cause) }
