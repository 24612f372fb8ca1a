package main

// Messages, answers and stored state of the pair. Their JSON codecs (msgs_cwgen.go) and the
// contract's schema (schema/) are generated from these declarations by tools/cwgen: run
// `go generate ./contracts/pair` after changing them.

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name pair -version 0.1.0

import (
	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The types the pair shares with the contracts that call it (AssetInfo, Asset, SwapMsg,
// SimulationQuery) are declared once, in contracts/pairmsg.

// assetName is the bank denom or the cw20 contract address a names, and whether it is a cw20.
func assetName(a pairmsg.AssetInfo) (string, bool) {
	if a.Token != nil {
		return a.Token.ContractAddr, true
	}
	if a.NativeToken != nil {
		return a.NativeToken.Denom, false
	}
	return "", false // no variant: refused as an empty denom
}

// assetInfo is the AssetInfo of name, a cw20 contract when token is set.
func assetInfo(name string, token bool) pairmsg.AssetInfo {
	if token {
		return pairmsg.AssetInfo{Token: &pairmsg.TokenInfo{ContractAddr: name}}
	}
	return pairmsg.AssetInfo{NativeToken: &pairmsg.NativeToken{Denom: name}}
}

// InstantiateMsg names the two denoms of the pool and its swap fee. Its funds must cover the
// chain's token factory creation fee of the LP denom; what exceeds it is refunded.
//
//cwgen:message instantiate
type InstantiateMsg struct {
	// AssetInfos are the pool's two assets: bank denoms or cw20 contracts.
	AssetInfos []pairmsg.AssetInfo `json:"asset_infos"`
	// FeeBps is the swap fee in basis points (at most 1000, 10%); it stays in the pool.
	FeeBps uint32 `json:"fee_bps"`
	// RewardsRecipient receives the rewards collect_rewards brings in that are not one of the
	// pool's bank denoms (default: the instantiator).
	RewardsRecipient *string `json:"rewards_recipient"`
}

// ExecuteMsg is one of the pair's actions (Astroport's names).
//
//cwgen:message execute
//cwgen:enum
type ExecuteMsg struct {
	// ProvideLiquidity adds both assets (sent as funds) for LP shares, minted in the LP denom;
	// what exceeds the pool's ratio is refunded.
	ProvideLiquidity *ProvideLiquidityMsg `json:"provide_liquidity,omitempty"`
	// WithdrawLiquidity burns the LP shares sent as funds for the pro-rata part of both reserves.
	WithdrawLiquidity *WithdrawLiquidityMsg `json:"withdraw_liquidity,omitempty"`
	// Swap sells the offered native asset (sent as funds) for the other one; a cw20 is sold
	// through its send with a swap hook (Receive).
	Swap *pairmsg.SwapMsg `json:"swap,omitempty"`
	// Receive is the cw20 Receive hook: a cw20 of the pair sent amount to the pair on behalf of
	// sender, with msg a Cw20HookMsg. Only the pair's cw20 contracts may call it.
	Receive *Cw20ReceiveMsg `json:"receive,omitempty"`
	// CollectRewards (anyone) claims the rewards the pair's cw20 sides pay their holders (a
	// cw20's claim_rewards, as our wrapped token's) and adds what arrives in one of the pool's
	// bank denoms to that reserve (so the LPs earn it pro rata); anything else goes to the
	// rewards recipient.
	CollectRewards *struct{} `json:"collect_rewards,omitempty"`
}

type ProvideLiquidityMsg struct {
	Assets []pairmsg.Asset `json:"assets"`
	// Receiver gets the LP shares (default: the sender).
	Receiver *string `json:"receiver"`
}

// Cw20ReceiveMsg is what a cw20's send delivers (cw20's Cw20ReceiveMsg).
type Cw20ReceiveMsg struct {
	// Sender is the holder who sent the tokens.
	Sender string      `json:"sender"`
	Amount std.Uint128 `json:"amount"`
	// Msg is the hook, a Cw20HookMsg (base64 on the wire).
	Msg []byte `json:"msg"`
}

// Cw20HookMsg is the message a cw20 send carries to the pair (Astroport's hook).
//
//cwgen:wire
//cwgen:enum
type Cw20HookMsg struct {
	// Swap sells the tokens sent for the other asset of the pair.
	Swap *HookSwapMsg `json:"swap,omitempty"`
}

// HookSwapMsg is a swap whose offer is the cw20 amount sent.
type HookSwapMsg struct {
	// AskAssetInfo, when given, must be the other side of the pair.
	AskAssetInfo *pairmsg.AssetInfo `json:"ask_asset_info"`
	// BeliefPrice and MaxSpread bound the slippage as in SwapMsg.
	BeliefPrice *std.Decimal `json:"belief_price"`
	MaxSpread   *std.Decimal `json:"max_spread"`
	// To receives the asked asset (default: the holder who sent the tokens).
	To *string `json:"to"`
}

// Cw20ExecuteMsg is what the pair sends to a cw20 of the pair: payouts (transfer) and the
// provision of its cw20 side (transfer_from, within the provider's allowance).
//
//cwgen:wire
//cwgen:enum
type Cw20ExecuteMsg struct {
	Transfer     *Cw20Transfer     `json:"transfer,omitempty"`
	TransferFrom *Cw20TransferFrom `json:"transfer_from,omitempty"`
	ClaimRewards *struct{}         `json:"claim_rewards,omitempty"`
}

type Cw20Transfer struct {
	Recipient string      `json:"recipient"`
	Amount    std.Uint128 `json:"amount"`
}

type Cw20TransferFrom struct {
	Owner     string      `json:"owner"`
	Recipient string      `json:"recipient"`
	Amount    std.Uint128 `json:"amount"`
}

// WithdrawLiquidityMsg comes with the LP shares to return as funds (exactly one coin, of the LP
// denom); they are burned.
type WithdrawLiquidityMsg struct {
	// MinAssetsToReceive, when given, is the least of each listed asset the withdrawal must pay
	// (slippage protection); it fails otherwise.
	MinAssetsToReceive *[]pairmsg.Asset `json:"min_assets_to_receive"`
}

// QueryMsg is one of the pair's queries.
//
//cwgen:message query
//cwgen:enum
type QueryMsg struct {
	// Pool answers both reserves and the LP shares outstanding.
	Pool *struct{} `json:"pool,omitempty" returns:"PoolResponse"`
	// Simulation answers what a swap of the offered asset would return now.
	Simulation *pairmsg.SimulationQuery `json:"simulation,omitempty" returns:"SimulationResponse"`
	// Share answers the LP shares of an address: its bank balance of the LP denom.
	Share *ShareQuery `json:"share,omitempty" returns:"ShareResponse"`
	// Config answers the denoms (a cw20's contract address) and the fee.
	Config *struct{} `json:"config,omitempty" returns:"ConfigResponse"`
	// Pair answers the two assets, telling bank denoms from cw20 contracts, and the fee.
	Pair *struct{} `json:"pair,omitempty" returns:"PairInfo"`
	// CumulativePrices answers the time-weighted price oracle as of the querying block.
	CumulativePrices *struct{} `json:"cumulative_prices,omitempty" returns:"CumulativePricesResponse"`
}

type ShareQuery struct {
	Address string `json:"address"`
}

type PoolResponse struct {
	Assets     [2]pairmsg.Asset `json:"assets"`
	TotalShare std.Uint128      `json:"total_share"`
}

type SimulationResponse struct {
	ReturnAmount     std.Uint128 `json:"return_amount"`
	SpreadAmount     std.Uint128 `json:"spread_amount"`
	CommissionAmount std.Uint128 `json:"commission_amount"`
}

// CumulativePricesResponse is the price oracle (see the package comment of the contract).
type CumulativePricesResponse struct {
	Denoms [2]string `json:"denoms"`
	// Cumulative[i] is the cumulative price of denoms[i] in the other denom (10^-18 units times
	// seconds, modulo 2^128: only differences are meaningful).
	Cumulative [2]std.Uint128 `json:"cumulative"`
	// LiquidSeconds counts the seconds during which both reserves were positive.
	LiquidSeconds uint64 `json:"liquid_seconds,string"`
	// Time is the block time of the answer, in Unix seconds.
	Time uint64 `json:"time,string"`
}

type ShareResponse struct {
	Shares std.Uint128 `json:"shares"`
}

// ConfigResponse answers the config query: the two assets' names (a bank denom, or a cw20's
// contract address) and the fee.
type ConfigResponse struct {
	Denoms [2]string `json:"denoms"`
	FeeBps uint32    `json:"fee_bps"`
	// LPDenom is the LP share denom.
	LPDenom string `json:"lp_denom"`
	// RewardsRecipient receives collected rewards that are not one of the pool's bank denoms.
	RewardsRecipient string `json:"rewards_recipient"`
}

// PairInfo answers the pair query.
type PairInfo struct {
	AssetInfos [2]pairmsg.AssetInfo `json:"asset_infos"`
	FeeBps     uint32               `json:"fee_bps"`
	// LiquidityToken is the LP share denom (Astroport's PairInfo field).
	LiquidityToken string `json:"liquidity_token"`
}
