package main

// Stored state of the compounder: the storage layout and the JSON records it holds. Records are
// read leniently (unknown fields skipped: a later version may extend them); their codecs are
// generated with the messages' (msg.go).

import "github.com/alliancewasm/alliancewasm/contracts/std"

var (
	config = std.NewItem[Config]("config")
	// totalShares is the bank supply of the share denom (the 1000 locked shares, minted to the
	// contract itself, included): every mint and burn the contract sends changes it in step.
	totalShares = std.NewItem[std.Uint128]("total_shares")
	history     = std.NewItem[History]("history")
	harvesting  = std.NewItem[Harvesting]("harvesting")
	book        = std.NewItem[Book]("book")
	// batches are the processed withdrawal batches by id (removed when their last claim is paid).
	batches = std.NewMap[uint64, Batch]("batches", std.Uint64Key)
	// pending indexes the processed batches not yet settled (id → undelegated); at most
	// MaxUnsettledBatches, so settling walks a bounded set.
	pending = std.NewMap[uint64, std.Uint128]("pending", std.Uint64Key)
	// claims are the owners' queued shares by (owner, batch id).
	claims = std.NewMap[std.Pair[string, uint64], std.Uint128]("claims", std.PairKey(std.StringKey, std.Uint64Key))
	// observations hold each route's last oracle reading, by reward denom.
	observations = std.NewMap[string, Observation]("observations", std.StringKey)
	// delisting is set once the contract has seen its asset delisted (execute_exit.go); it is never
	// removed: the vault winds down for good.
	delisting = std.NewItem[Delisting]("delisting")
)

// Config is the stored configuration, answered by the config query. harvest_interval,
// twap_window and unbond_epoch are in seconds (InstantiateMsg).
//
//cwgen:state
type Config struct {
	Owner           string      `json:"owner"`
	AssetDenom      string      `json:"asset_denom"`
	Validators      []string    `json:"validators"`
	Routes          []Route     `json:"routes"`
	FeeBps          uint32      `json:"fee_bps"`
	FeeRecipient    string      `json:"fee_recipient"`
	HarvestInterval uint64      `json:"harvest_interval"`
	MaxSpread       std.Decimal `json:"max_spread"`
	TwapWindow      uint64      `json:"twap_window"`
	UnbondEpoch     uint64      `json:"unbond_epoch"`
	// ShareDenom is the share, factory/{compounder}/{symbol}.
	ShareDenom string `json:"share_denom"`
	// PendingOwner is the proposed owner (transfer_ownership), null when none.
	PendingOwner *string `json:"pending_owner"`
}

// Route says through which pair a reward denom is swapped into the staked asset.
type Route struct {
	Denom string `json:"denom"`
	Pair  string `json:"pair"`
}

// History keeps the last maxHistory harvests.
//
//cwgen:state
type History struct {
	Harvests []HarvestRecord `json:"harvests"`
}

// HarvestRecord is one completed harvest: its time (Unix ns) and the exchange rate after it.
type HarvestRecord struct {
	Time uint64      `json:"time,string"`
	Rate std.Decimal `json:"rate"`
}

// Observation is a route's pair oracle reading: the cumulative price of the reward denom in the
// asset (10^-18 units × seconds, mod 2^128) and the pair's seconds with liquidity, at time (Unix
// s); price is the TWAP (10^-18 units) of the window that ended at this reading when a harvest or
// observe measured one, else 0. Deposits price rewards with it while the window since the reading
// is shorter than twap_window (routeWorth).
//
//cwgen:state
type Observation struct {
	Pair          string      `json:"pair"`
	Cumulative    std.Uint128 `json:"cumulative"`
	LiquidSeconds uint64      `json:"liquid_seconds,string"`
	Time          uint64      `json:"time,string"`
	Price         std.Uint128 `json:"price"`
}

// Harvesting is the state of a harvest between its sub-messages (removed when it completes; the
// whole harvest is one transaction, so it never outlives it).
//
//cwgen:state
type Harvesting struct {
	ClaimsLeft uint32        `json:"claims_left"`
	Staked     std.Uint128   `json:"staked"`
	Claimed    []Coin        `json:"claimed"`
	Fees       []Coin        `json:"fees"`
	Swaps      []PendingSwap `json:"swaps"`
	NextSwap   uint32        `json:"next_swap"`
	AssetMark  std.Uint128   `json:"asset_mark"`
	Received   std.Uint128   `json:"received"`
}

// Coin is an amount of a denom in a stored record.
type Coin struct {
	Denom  string      `json:"denom"`
	Amount std.Uint128 `json:"amount"`
}

// PendingSwap is one swap of a harvest in flight, with the pair's oracle reading that becomes the
// route's observation when the harvest completes.
type PendingSwap struct {
	Denom      string      `json:"denom"`
	Offer      std.Uint128 `json:"offer"`
	MinReceive std.Uint128 `json:"min_receive"`
	Oracle     Observation `json:"oracle"`
}

// Book is the withdrawal queue and the asset the contract holds for claims. batch is the open
// batch's id, queued its shares (out of the holders' balances and the share supply, still owning
// their part of the stake), batch_claims how many owners queued in it, batch_start when it opened
// (Unix ns). unsettled is Σ undelegated of the processed batches not yet settled; owed Σ payouts
// of settled batches not yet claimed; surplus asset held but owed to nobody (settlement dust,
// anything beyond a batch's recorded amount), restaked by the next harvest.
//
//cwgen:state
type Book struct {
	Batch       uint64      `json:"batch"`
	Queued      std.Uint128 `json:"queued"`
	BatchClaims uint32      `json:"batch_claims"`
	BatchStart  uint64      `json:"batch_start,string"`
	Unsettled   std.Uint128 `json:"unsettled"`
	Owed        std.Uint128 `json:"owed"`
	Surplus     std.Uint128 `json:"surplus"`
}

// Batch is a processed withdrawal batch: shares were burned at processing for undelegated
// tokens; completion is the latest completion time (Unix ns) the chain gave its undelegations (0
// until the replies arrive); once settled, payout is what the chain returned for it (at most
// undelegated) and paid what its claims have collected so far. A batch is removed when its last
// claim is paid.
//
//cwgen:state
type Batch struct {
	Shares      std.Uint128 `json:"shares"`
	Claims      uint32      `json:"claims"`
	Undelegated std.Uint128 `json:"undelegated"`
	Completion  uint64      `json:"completion,string"`
	Settled     bool        `json:"settled"`
	Payout      std.Uint128 `json:"payout"`
	Paid        std.Uint128 `json:"paid"`
}

// Delisting records that governance delisted the asset: completion (Unix ns) is the asset's
// delist_completion_time, when the chain has returned every token of the wind-down and exit
// opens (the block time the contract first found the asset gone, if it never saw the wind-down).
//
//cwgen:state
type Delisting struct {
	Completion uint64 `json:"completion,string"`
}
