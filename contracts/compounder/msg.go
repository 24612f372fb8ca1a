package main

// Messages and answers of the compounder. Their codecs (msgs_cwgen.go) and the contract's schema
// (schema/) are generated from these declarations and the stored state of state.go by
// tools/cwgen: run `go generate ./contracts/compounder` after changing them. The messages it sends
// to the pair, and the pair's answers it reads, are the pair's own (contracts/pairmsg).

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name compounder -version 0.1.0

import "github.com/alliancewasm/alliancewasm/contracts/std"

// InstantiateMsg configures the vault. harvest_interval, twap_window and unbond_epoch are in
// seconds.
//
//cwgen:message instantiate
type InstantiateMsg struct {
	// Owner may change the configuration (default: the sender).
	Owner *string `json:"owner"`
	// AssetDenom is the alliance asset deposited and staked.
	AssetDenom string `json:"asset_denom"`
	// Validators the stake is spread over: 1 to 20, no duplicates.
	Validators []string `json:"validators"`
	// Routes say through which pair each reward denom is swapped into the asset (at most 5).
	Routes []Route `json:"routes"`
	// FeeBps is the performance fee on routed rewards in basis points, at most 2000 (20%).
	FeeBps uint32 `json:"fee_bps"`
	// FeeRecipient receives the fee.
	FeeRecipient string `json:"fee_recipient"`
	// HarvestInterval is the shortest time between two harvests.
	HarvestInterval uint64 `json:"harvest_interval"`
	// MaxSpread bounds each swap's slippage and its distance to the TWAP (at most 0.5).
	MaxSpread std.Decimal `json:"max_spread"`
	// TwapWindow is the minimum number of seconds of pool liquidity a harvest's reference price
	// averages over (1 to 2592000).
	TwapWindow uint64 `json:"twap_window"`
	// UnbondEpoch is the shortest time between two withdrawal batches (absent or 0: the shortest
	// the chain's entry cap allows, floor(unbonding_time / max_entries) + 1; at most 30 days).
	UnbondEpoch *uint64 `json:"unbond_epoch"`
	// Share describes the vault's share, the bank denom factory/{compounder}/{symbol} created at
	// instantiation (the token factory's creation fee is sent with the instantiation).
	Share ShareInfo `json:"share"`
}

// ShareInfo is the share denom's bank metadata. The symbol is the denom's subdenom too.
type ShareInfo struct {
	// Symbol: 3 to 44 characters, a letter then letters, digits or / : . _ - (a token factory
	// subdenom that x/bank also accepts as the display unit's denom).
	Symbol string `json:"symbol"`
	// Name (default: the symbol).
	Name *string `json:"name"`
	// Decimals of the display unit, at most 18: a share starts worth one unit of the asset, so
	// give the asset's.
	Decimals uint32 `json:"decimals"`
}

// ExecuteMsg is one of the vault's actions.
//
//cwgen:message execute
//cwgen:enum
type ExecuteMsg struct {
	// Observe (anyone) takes price observations for routes lacking a fresh one.
	Observe *struct{} `json:"observe,omitempty"`
	// Deposit stakes the one coin of the asset sent with it and mints shares.
	Deposit *struct{} `json:"deposit,omitempty"`
	// Withdraw queues the shares sent with it (exactly one coin of the share denom) in the open
	// withdrawal batch; they are burned.
	Withdraw *struct{} `json:"withdraw,omitempty"`
	// ProcessWithdrawals (anyone, once per unbond_epoch) unbonds the open batch.
	ProcessWithdrawals *struct{} `json:"process_withdrawals,omitempty"`
	// Claim pays the sender's unbonded withdrawals.
	Claim *struct{} `json:"claim,omitempty"`
	// Exit (a holder, once the delisted asset's wind-down completed) pays the shares sent with it
	// (none, or one coin of the share denom; they are burned), the sender's queued ones and its
	// settled claims at once.
	Exit *struct{} `json:"exit,omitempty"`
	// Harvest (anyone, at most once per harvest_interval) compounds the rewards.
	Harvest *struct{} `json:"harvest,omitempty"`
	// UpdateConfig (owner) changes the fields that are set.
	UpdateConfig *UpdateConfigMsg `json:"update_config,omitempty"`
	// TransferOwnership (owner) proposes a new owner.
	TransferOwnership *TransferOwnershipMsg `json:"transfer_ownership,omitempty"`
	// AcceptOwnership: the proposed owner takes over.
	AcceptOwnership *struct{} `json:"accept_ownership,omitempty"`
	// CancelOwnershipTransfer (owner) withdraws the proposal.
	CancelOwnershipTransfer *struct{} `json:"cancel_ownership_transfer,omitempty"`
}

type TransferOwnershipMsg struct {
	NewOwner string `json:"new_owner"`
}

// UpdateConfigMsg changes the fields that are set (the owner only). The owner changes with
// transfer_ownership and accept_ownership instead (two steps: a typo cannot lose the vault).
type UpdateConfigMsg struct {
	FeeBps          *uint32      `json:"fee_bps"`
	FeeRecipient    *string      `json:"fee_recipient"`
	MaxSpread       *std.Decimal `json:"max_spread"`
	HarvestInterval *uint64      `json:"harvest_interval"`
	TwapWindow      *uint64      `json:"twap_window"`
	Routes          *[]Route     `json:"routes"`
	Validators      *[]string    `json:"validators"`
	// UnbondEpoch must be positive.
	UnbondEpoch *uint64 `json:"unbond_epoch"`
}

// QueryMsg is one of the vault's queries.
//
//cwgen:message query
//cwgen:enum
type QueryMsg struct {
	// Config answers the configuration.
	Config *struct{} `json:"config,omitempty" returns:"Config"`
	// State answers the stake, the shares and the open withdrawal batch.
	State *struct{} `json:"state,omitempty" returns:"StateResponse"`
	// Position answers an address's shares, their value and its claims.
	Position *AddressQuery `json:"position,omitempty" returns:"PositionResponse"`
	// Claims answers an address's claims.
	Claims *AddressQuery `json:"claims,omitempty" returns:"ClaimsResponse"`
	// Balance answers an address's shares (its bank balance of the share denom).
	Balance *AddressQuery `json:"balance,omitempty" returns:"BalanceResponse"`
	// Apr annualises the growth of the exchange rate over the recorded harvests.
	Apr *struct{} `json:"apr,omitempty" returns:"AprResponse"`
}

type AddressQuery struct {
	Address string `json:"address"`
}

// StateResponse: exchange_rate is total_staked / (total_shares + queued_shares) (queued shares
// still own their part of the stake until their batch is processed); once the asset is delisted,
// it is what exit pays a share (holdings / holders' shares).
type StateResponse struct {
	TotalStaked  std.Uint128 `json:"total_staked"`
	TotalShares  std.Uint128 `json:"total_shares"`
	QueuedShares std.Uint128 `json:"queued_shares"`
	ExchangeRate std.Decimal `json:"exchange_rate"`
	// LastHarvest is the time of the last harvest (Unix ns), null before the first.
	LastHarvest *uint64 `json:"last_harvest,string"`
	// Batch is the open withdrawal batch.
	Batch uint64 `json:"batch"`
	// ProcessableFrom is the earliest time (Unix ns) process_withdrawals may unbond it.
	ProcessableFrom uint64 `json:"processable_from,string"`
	// ExitFrom is null while the asset is listed; once it is delisted, when exit opens (Unix ns,
	// the asset's delist_completion_time).
	ExitFrom *uint64 `json:"exit_from,string"`
}

type PositionResponse struct {
	Shares std.Uint128 `json:"shares"`
	// Value is what the shares are worth now, floor(shares · total_staked / (total_shares +
	// queued_shares)); once the asset is delisted, what exit pays for them in the asset.
	Value  std.Uint128 `json:"value"`
	Claims []ClaimInfo `json:"claims"`
}

type ClaimsResponse struct {
	Claims []ClaimInfo `json:"claims"`
}

// ClaimInfo is one claim of an owner, on one withdrawal batch.
type ClaimInfo struct {
	BatchID uint64      `json:"batch_id"`
	Shares  std.Uint128 `json:"shares"`
	// Amount is what the claim's shares were unbonded for (floor(shares · undelegated / batch
	// shares)); null while the batch is open.
	Amount *std.Uint128 `json:"amount"`
	// ReleaseAt is when the unbonding completes (Unix ns); null until the chain answered it.
	ReleaseAt *uint64 `json:"release_at,string"`
	// Payout is what claim pays, once the batch is settled against what the chain returned.
	Payout *std.Uint128 `json:"payout"`
}

type BalanceResponse struct {
	Balance std.Uint128 `json:"balance"`
}

// AprResponse: apr is null with fewer than two harvests apart in time; from and to (Unix ns) are
// the harvests it spans.
type AprResponse struct {
	Apr  *std.Decimal `json:"apr"`
	From *uint64      `json:"from,string"`
	To   *uint64      `json:"to,string"`
}
