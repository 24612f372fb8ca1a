package main

import "errors"

// The pair's errors, by name (cw20-base's ContractError). A failure about a particular value
// returns the named error with that value around its text (std.WithDetail; a few texts are the
// part of a sentence that follows a name, as noted); errors.Is still finds the name.
var (
	// instantiate
	ErrAssetCount       = errors.New("asset_infos must name exactly two denoms")
	ErrEmptyDenom       = errors.New("denoms must not be empty")
	ErrSameDenoms       = errors.New("the two denoms must differ")
	ErrFeeTooHigh       = errors.New("fee_bps may not exceed 1000 (10%)")
	ErrCreationFee      = errors.New("the funds do not cover the LP denom's creation fee")
	ErrInvalidRecipient = errors.New("invalid rewards_recipient: an address other than the pair")
	ErrNotInPair        = errors.New("is not in this pair") // after "denom <denom> "
	ErrFundsDiffer      = errors.New("funds do not match the assets")
	ErrEmptyPool        = errors.New("the pool has no liquidity")
	ErrUnknownQuery     = errors.New("no query variant set")
	ErrUnknownMsg       = errors.New("no execute variant set")

	// provide_liquidity and withdraw_liquidity
	ErrNeedBothAssets  = errors.New("provide_liquidity needs both assets")
	ErrAssetTwice      = errors.New("listed twice") // after "asset <denom> "
	ErrZeroDeposit     = errors.New("both amounts must be positive")
	ErrInvalidReceiver = errors.New("invalid receiver")
	ErrInitialTooSmall = errors.New("initial liquidity too small: sqrt(a*b) must exceed 1000")
	ErrDepositTooSmall = errors.New("deposit too small: it would mint no LP shares")
	ErrZeroWithdraw    = errors.New("amount must be positive")
	ErrWithdrawFunds   = errors.New("withdraw_liquidity takes exactly one coin as funds, of the LP denom") // before " <lp denom>"
	ErrMinAssets       = errors.New("the withdrawal pays less than min_assets_to_receive")

	// swap and simulation
	ErrAskNotOtherSide  = errors.New("is not the other side of the pair") // after "ask asset <denom> "
	ErrZeroOffer        = errors.New("offer amount must be positive")
	ErrOfferTooLarge    = errors.New("offer too large for this pool")
	ErrMaxSpreadTooHigh = errors.New("max_spread may not exceed 0.5")
	ErrZeroBeliefPrice  = errors.New("belief_price must be positive")
	ErrMaxSpread        = errors.New("max spread assertion: the swap would return less than max_spread allows")
	ErrNothingReturns   = errors.New("swap too small: it would return nothing")
	ErrInvalidTo        = errors.New("invalid to")

	// cw20 sides
	ErrCw20DirectSwap = errors.New("a cw20 is swapped through its send with a swap hook, not with swap")
	ErrNotPairToken   = errors.New("only the pair's cw20 contracts may call receive") // after "receive from <addr>: "
	ErrReceiveFunds   = errors.New("receive takes no funds: the offer is the cw20 amount sent")
	ErrInvalidSender  = errors.New("invalid receive sender")
	ErrBadHook        = errors.New(`receive: msg must be {"swap":{...}}`)
	ErrInvalidToken   = errors.New("invalid cw20 contract address")
	ErrSameToken      = errors.New("a cw20 side must not be the pair itself")
	ErrLocked         = errors.New("the pair is waiting for one of its cw20 messages: no call may reenter it")
	ErrUnknownReply   = errors.New("unknown reply id")

	// collect_rewards
	ErrNoCw20Side   = errors.New("the pair has no cw20 side: there are no rewards to collect")
	ErrCollectFunds = errors.New("collect_rewards takes no funds")
	ErrCollectState = errors.New("collect_rewards: the balances taken before the claims are missing or malformed")
)
