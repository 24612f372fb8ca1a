package main

// Messages and answers of the token, and its JSON-stored state. Their codecs (msgs_cwgen.go) and
// the contract's schema (schema/) are generated from these declarations by tools/cwgen: run
// `go generate ./contracts/token` after changing them. The cw20 part (transfer, send, burn,
// allowances and their queries) is wire-identical to cw20-base, so wallets and dApps that speak
// cw20 use the token unchanged.

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name token -version 0.1.0

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// InstantiateMsg configures one token for one alliance asset.
//
//cwgen:message instantiate
type InstantiateMsg struct {
	// Name of the share token, 3 to 50 bytes.
	Name string `json:"name"`
	// Symbol of the share token, 3 to 12 letters or '-'.
	Symbol string `json:"symbol"`
	// Decimals of the share token, at most 18.
	Decimals uint32 `json:"decimals"`
	// AssetDenom is the alliance asset deposited and staked.
	AssetDenom string `json:"asset_denom"`
	// Validators the stake is spread over: 1 to 20 bonded validators, no duplicates.
	Validators []string `json:"validators"`
	// Owner may change validators, fee and epoch (default: the sender).
	Owner *string `json:"owner"`
	// FeeBps is the protocol fee on rewards in basis points, at most 1000 (default 0).
	FeeBps *uint32 `json:"fee_bps"`
	// FeeAddress receives the fee and swept denoms (default: the owner; never the contract).
	FeeAddress *string `json:"fee_address"`
	// RewardDenom is the denom shared by the reward index (default: the chain's bond denom).
	RewardDenom *string `json:"reward_denom"`
	// MinInitialDeposit is the smallest first deposit (default 10000; above the 1000 locked shares).
	MinInitialDeposit *std.Uint128 `json:"min_initial_deposit"`
	// UnbondEpoch is the shortest time between two process_unbonds, in seconds (default 4 days,
	// or unbonding time / max entries + 1 where that is longer); at most 60 days.
	UnbondEpoch *uint64 `json:"unbond_epoch"`
}

// ExecuteMsg is one of the token's actions. Amounts are share amounts; a deposit's amount is the
// coin sent with it.
//
//cwgen:message execute
//cwgen:enum
type ExecuteMsg struct {
	// Deposit stakes the one coin of the asset sent with it and mints shares at the rate of now.
	Deposit *struct{} `json:"deposit,omitempty"`
	// Unbond queues shares of the sender in the current batch.
	Unbond *AmountMsg `json:"unbond,omitempty"`
	// Withdraw pays the sender's claims on matured batches.
	Withdraw *struct{} `json:"withdraw,omitempty"`
	// ProcessUnbonds (anyone, once per unbond_epoch) undelegates the current batch.
	ProcessUnbonds *struct{} `json:"process_unbonds,omitempty"`
	// ClaimRewards pays the sender's rewards in the reward denom.
	ClaimRewards *struct{} `json:"claim_rewards,omitempty"`
	// Harvest (anyone) books pending rewards and restakes asset the holders own.
	Harvest *struct{} `json:"harvest,omitempty"`
	// Transfer moves shares to another address (cw20).
	Transfer *TransferMsg `json:"transfer,omitempty"`
	// Send moves shares to a contract and calls its receive hook (cw20); sent to the token
	// itself with msg {"unbond":{}} it unbonds.
	Send *SendMsg `json:"send,omitempty"`
	// Burn destroys shares of the sender; their stake stays with the other holders (cw20).
	Burn *AmountMsg `json:"burn,omitempty"`
	// IncreaseAllowance lets a spender move more of the sender's shares (cw20).
	IncreaseAllowance *AllowanceMsg `json:"increase_allowance,omitempty"`
	// DecreaseAllowance lowers a spender's allowance (cw20).
	DecreaseAllowance *AllowanceMsg `json:"decrease_allowance,omitempty"`
	// TransferFrom is a transfer within an allowance (cw20).
	TransferFrom *TransferFromMsg `json:"transfer_from,omitempty"`
	// SendFrom is a send within an allowance (cw20).
	SendFrom *SendFromMsg `json:"send_from,omitempty"`
	// BurnFrom is a burn within an allowance (cw20).
	BurnFrom *BurnFromMsg `json:"burn_from,omitempty"`
	// UpdateValidators (owner) sets the validator set, moving stake off dropped validators.
	UpdateValidators *UpdateValidatorsMsg `json:"update_validators,omitempty"`
	// UpdateFee (owner) sets the fee and, when given, its address.
	UpdateFee *UpdateFeeMsg `json:"update_fee,omitempty"`
	// TransferOwnership (owner) proposes a new owner.
	TransferOwnership *TransferOwnershipMsg `json:"transfer_ownership,omitempty"`
	// AcceptOwnership (the proposed owner) completes the transfer.
	AcceptOwnership *struct{} `json:"accept_ownership,omitempty"`
	// Sweep (anyone) sends the contract's balance of a denom other than the asset and the reward
	// denom to the fee address.
	Sweep *SweepMsg `json:"sweep,omitempty"`
	// UpdateUnbondEpoch (owner) sets the unbond epoch, checked against the chain's parameters.
	UpdateUnbondEpoch *UpdateUnbondEpochMsg `json:"update_unbond_epoch,omitempty"`
	// Exit (a holder, once governance delisted the asset and the chain returned the stake) pays
	// the sender's shares and queued shares their part of the returned asset, and its rewards.
	Exit *struct{} `json:"exit,omitempty"`
}

type AmountMsg struct {
	Amount std.Uint128 `json:"amount"`
}

type TransferMsg struct {
	Recipient string      `json:"recipient"`
	Amount    std.Uint128 `json:"amount"`
}

type SendMsg struct {
	Contract string      `json:"contract"`
	Amount   std.Uint128 `json:"amount"`
	// Msg is handed to the contract's receive hook.
	Msg []byte `json:"msg"`
}

type AllowanceMsg struct {
	Spender string      `json:"spender"`
	Amount  std.Uint128 `json:"amount"`
	// Expires replaces the allowance's expiration when given.
	Expires *Expiration `json:"expires"`
}

type TransferFromMsg struct {
	Owner     string      `json:"owner"`
	Recipient string      `json:"recipient"`
	Amount    std.Uint128 `json:"amount"`
}

type SendFromMsg struct {
	Owner    string      `json:"owner"`
	Contract string      `json:"contract"`
	Amount   std.Uint128 `json:"amount"`
	Msg      []byte      `json:"msg"`
}

type BurnFromMsg struct {
	Owner  string      `json:"owner"`
	Amount std.Uint128 `json:"amount"`
}

type UpdateValidatorsMsg struct {
	Validators []string `json:"validators"`
}

type UpdateFeeMsg struct {
	FeeBps uint32 `json:"fee_bps"`
	// FeeAddress, when given, replaces the fee address.
	FeeAddress *string `json:"fee_address"`
}

type TransferOwnershipMsg struct {
	NewOwner string `json:"new_owner"`
}

type SweepMsg struct {
	Denom string `json:"denom"`
}

type UpdateUnbondEpochMsg struct {
	// UnbondEpoch in seconds.
	UnbondEpoch uint64 `json:"unbond_epoch"`
}

// Expiration is when an allowance ends (cw20's Expiration): at a block height, at a time (Unix
// ns), or never.
//
//cwgen:enum
type Expiration struct {
	AtHeight *uint64   `json:"at_height,omitempty"`
	AtTime   *uint64   `json:"at_time,omitempty,string"`
	Never    *struct{} `json:"never,omitempty"`
}

// never is the expiration of an allowance given none (cw20-base's default).
func never() Expiration { return Expiration{Never: &struct{}{}} }

func (e Expiration) expired(b std.BlockInfo) bool {
	switch {
	case e.AtHeight != nil:
		return b.Height >= *e.AtHeight
	case e.AtTime != nil:
		return uint64(b.Time) >= *e.AtTime
	}
	return false
}

// HookMsg is the msg of a cw20 send to the token contract itself: {"unbond":{}}.
//
//cwgen:wire
//cwgen:enum
type HookMsg struct {
	Unbond *struct{} `json:"unbond,omitempty"`
}

// Cw20ReceiveMsg is the hook a send calls on the receiving contract (cw20's receive).
//
//cwgen:wire
//cwgen:enum
type Cw20ReceiveMsg struct {
	Receive *ReceiveMsg `json:"receive,omitempty"`
}

type ReceiveMsg struct {
	Sender string      `json:"sender"`
	Amount std.Uint128 `json:"amount"`
	Msg    []byte      `json:"msg"`
}

// QueryMsg is one of the token's queries.
//
//cwgen:message query
//cwgen:enum
type QueryMsg struct {
	// Balance answers an address's shares (cw20).
	Balance *AddressQuery `json:"balance,omitempty" returns:"BalanceResponse"`
	// TokenInfo answers name, symbol, decimals and the circulating supply (cw20).
	TokenInfo *struct{} `json:"token_info,omitempty" returns:"TokenInfoResponse"`
	// Allowance answers what a spender may move of an owner's shares (cw20).
	Allowance *AllowanceQuery `json:"allowance,omitempty" returns:"AllowanceResponse"`
	// AllAllowances lists an owner's allowances by spender (cw20).
	AllAllowances *AllAllowancesQuery `json:"all_allowances,omitempty" returns:"AllAllowancesResponse"`
	// AllAccounts lists the holders in canonical-address order (cw20).
	AllAccounts *AllAccountsQuery `json:"all_accounts,omitempty" returns:"AllAccountsResponse"`
	// Config answers the configuration and the pending owner.
	Config *struct{} `json:"config,omitempty" returns:"Config"`
	// State answers the stake, the supply, the exchange rate and the reward index.
	State *struct{} `json:"state,omitempty" returns:"StateResponse"`
	// PendingRewards answers what claim_rewards would pay an address now.
	PendingRewards *AddressQuery `json:"pending_rewards,omitempty" returns:"PendingRewardsResponse"`
	// Claims lists an address's unbond claims (at most 100).
	Claims *AddressQuery `json:"claims,omitempty" returns:"ClaimsResponse"`
	// CurrentBatch answers the batch collecting unbonds.
	CurrentBatch *struct{} `json:"current_batch,omitempty" returns:"CurrentBatchResponse"`
}

type AddressQuery struct {
	Address string `json:"address"`
}

type AllowanceQuery struct {
	Owner   string `json:"owner"`
	Spender string `json:"spender"`
}

type AllAllowancesQuery struct {
	Owner string `json:"owner"`
	// StartAfter is the last spender of the previous page.
	StartAfter *string `json:"start_after"`
	// Limit is the page size (default 10, at most 30).
	Limit *uint32 `json:"limit"`
}

type AllAccountsQuery struct {
	// StartAfter is the last address of the previous page.
	StartAfter *string `json:"start_after"`
	// Limit is the page size (default 10, at most 30).
	Limit *uint32 `json:"limit"`
}

type BalanceResponse struct {
	Balance std.Uint128 `json:"balance"`
}

type TokenInfoResponse struct {
	Name     string `json:"name"`
	Symbol   string `json:"symbol"`
	Decimals uint32 `json:"decimals"`
	// TotalSupply is the circulating supply (shares queued for unbonding are not in it).
	TotalSupply std.Uint128 `json:"total_supply"`
}

// AllowanceResponse is what a spender may still move from an owner's balance, until Expires; it is
// also the stored allowance (as in cw20-base).
//
//cwgen:state
type AllowanceResponse struct {
	Allowance std.Uint128 `json:"allowance"`
	Expires   Expiration  `json:"expires"`
}

type AllAllowancesResponse struct {
	Allowances []AllowanceInfo `json:"allowances"`
}

type AllowanceInfo struct {
	Spender   string      `json:"spender"`
	Allowance std.Uint128 `json:"allowance"`
	Expires   Expiration  `json:"expires"`
}

type AllAccountsResponse struct {
	Accounts []string `json:"accounts"`
}

// StateResponse is the pool as the chain reports it now.
type StateResponse struct {
	TotalStaked std.Uint128 `json:"total_staked"`
	TotalSupply std.Uint128 `json:"total_supply"`
	// ExchangeRate is stake / (supply + queued), rounded down (deposits also price in the asset
	// held beside the stake).
	ExchangeRate    std.Decimal `json:"exchange_rate"`
	RewardIndex     std.Decimal `json:"reward_index"`
	ReservedRewards std.Uint128 `json:"reserved_rewards"`
	QueuedShares    std.Uint128 `json:"queued_shares"`
	// Stakes is the contract's stake per configured validator (0 where none).
	Stakes []ValidatorAmount `json:"stakes"`
	// DelistCompletionTime is when the chain returns the stake of the delisted asset (Unix ns),
	// absent until the contract has seen governance delist it: exit pays the holders from then on.
	DelistCompletionTime *uint64 `json:"delist_completion_time,string"`
	// ExitPot is the asset exit shares among the holders' and queued shares once the wind-down
	// is settled (absent while the asset is listed).
	ExitPot *std.Uint128 `json:"exit_pot"`
}

type ValidatorAmount struct {
	Validator string      `json:"validator"`
	Amount    std.Uint128 `json:"amount"`
}

type PendingRewardsResponse struct {
	Address string      `json:"address"`
	Rewards std.Uint128 `json:"rewards"`
	Denom   string      `json:"denom"`
}

type ClaimsResponse struct {
	Claims []ClaimInfo `json:"claims"`
}

// ClaimInfo is one claim of an address on one unbond batch.
type ClaimInfo struct {
	BatchID uint64      `json:"batch_id"`
	Shares  std.Uint128 `json:"shares"`
	// Amount is the claim's part of what the batch undelegated; null until it is processed.
	Amount *std.Uint128 `json:"amount"`
	// State is pending (current batch), unbonding or matured (withdraw pays it).
	State string `json:"state"`
	// CompletionTime is when the batch's unbondings complete (Unix ns; 0 before processing).
	CompletionTime uint64 `json:"completion_time,string"`
	// Payout is what the claim pays once its batch is settled; null before.
	Payout *std.Uint128 `json:"payout"`
}

type CurrentBatchResponse struct {
	ID     uint64      `json:"id"`
	Shares std.Uint128 `json:"shares"`
	Claims uint64      `json:"claims"`
	Opened uint64      `json:"opened,string"`
	// ProcessableFrom is when process_unbonds may undelegate the batch (Unix ns).
	ProcessableFrom uint64 `json:"processable_from,string"`
}

// Config is the contract's configuration, stored as JSON and answered by the config query.
//
//cwgen:state
type Config struct {
	Name        string   `json:"name"`
	Symbol      string   `json:"symbol"`
	Decimals    uint32   `json:"decimals"`
	AssetDenom  string   `json:"asset_denom"`
	RewardDenom string   `json:"reward_denom"`
	Validators  []string `json:"validators"`
	Owner       string   `json:"owner"`
	// PendingOwner is the proposed owner until it accepts.
	PendingOwner      *string     `json:"pending_owner"`
	FeeBps            uint32      `json:"fee_bps"`
	FeeAddress        string      `json:"fee_address"`
	MinInitialDeposit std.Uint128 `json:"min_initial_deposit"`
	// UnbondEpoch is the shortest time (seconds) between two process_unbonds: each one creates at
	// most one unbonding entry per validator, so epoch > unbonding_time / MaxEntries keeps the
	// chain's cap (MaxEntries immature entries per validator) from ever being hit.
	UnbondEpoch uint64 `json:"unbond_epoch"`
}
