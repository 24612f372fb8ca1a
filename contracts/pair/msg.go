package main

// Messages, answers and stored state of the pair. Their JSON codecs (msgs_cwgen.go) and the
// contract's schema (schema/) are generated from these declarations by tools/cwgen: run
// `go generate ./contracts/pair` after changing them.

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name pair -version 0.1.0

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// AssetInfo names a token, in Astroport's shape. The pair trades native denoms only.
//
//cwgen:enum
type AssetInfo struct {
	// NativeToken is a bank denom.
	NativeToken *NativeToken `json:"native_token,omitempty"`
	// Token is a cw20 contract: part of the interface, refused by this pair.
	Token *TokenInfo `json:"token,omitempty"`
}

type NativeToken struct {
	Denom string `json:"denom"`
}

type TokenInfo struct {
	ContractAddr string `json:"contract_addr"`
}

// denom is the native denom a names; a cw20 token is refused.
func (a AssetInfo) denom() (string, error) {
	if a.NativeToken == nil {
		return "", ErrNativeOnly
	}
	return a.NativeToken.Denom, nil
}

// nativeAsset is the Asset of amount of denom.
func nativeAsset(denom string, amount std.Uint128) Asset {
	return Asset{Info: AssetInfo{NativeToken: &NativeToken{Denom: denom}}, Amount: amount}
}

// Asset is an amount of a token.
type Asset struct {
	Info   AssetInfo   `json:"info"`
	Amount std.Uint128 `json:"amount"`
}

// InstantiateMsg names the two denoms of the pool and its swap fee.
//
//cwgen:message instantiate
type InstantiateMsg struct {
	// AssetInfos are the pool's two native denoms.
	AssetInfos []AssetInfo `json:"asset_infos"`
	// FeeBps is the swap fee in basis points (at most 1000, 10%); it stays in the pool.
	FeeBps uint32 `json:"fee_bps"`
}

// ExecuteMsg is one of the pair's actions (Astroport's names).
//
//cwgen:message execute
//cwgen:enum
type ExecuteMsg struct {
	// ProvideLiquidity adds both assets (sent as funds) for LP shares; what exceeds the pool's
	// ratio is refunded.
	ProvideLiquidity *ProvideLiquidityMsg `json:"provide_liquidity,omitempty"`
	// WithdrawLiquidity burns LP shares for the pro-rata part of both reserves.
	WithdrawLiquidity *WithdrawLiquidityMsg `json:"withdraw_liquidity,omitempty"`
	// Swap sells the offered asset (sent as funds) for the other one.
	Swap *SwapMsg `json:"swap,omitempty"`
}

type ProvideLiquidityMsg struct {
	Assets []Asset `json:"assets"`
	// Receiver gets the LP shares (default: the sender).
	Receiver *string `json:"receiver"`
}

type WithdrawLiquidityMsg struct {
	Amount std.Uint128 `json:"amount"`
}

type SwapMsg struct {
	OfferAsset Asset `json:"offer_asset"`
	// AskAssetInfo, when given, must be the other side of the pair.
	AskAssetInfo *AssetInfo `json:"ask_asset_info"`
	// BeliefPrice is the price (offer per ask) the trader expects; with max_spread it bounds
	// the slippage.
	BeliefPrice *std.Decimal `json:"belief_price"`
	// MaxSpread is the largest tolerated spread (default 0.005, at most 0.5).
	MaxSpread *std.Decimal `json:"max_spread"`
	// To receives the asked asset (default: the sender).
	To *string `json:"to"`
}

// QueryMsg is one of the pair's queries.
//
//cwgen:message query
//cwgen:enum
type QueryMsg struct {
	// Pool answers both reserves and the LP shares outstanding.
	Pool *struct{} `json:"pool,omitempty" returns:"PoolResponse"`
	// Simulation answers what a swap of the offered asset would return now.
	Simulation *SimulationQuery `json:"simulation,omitempty" returns:"SimulationResponse"`
	// Share answers the LP shares of an address.
	Share *ShareQuery `json:"share,omitempty" returns:"ShareResponse"`
	// Config answers the denoms and the fee.
	Config *struct{} `json:"config,omitempty" returns:"Config"`
	// CumulativePrices answers the time-weighted price oracle as of the querying block.
	CumulativePrices *struct{} `json:"cumulative_prices,omitempty" returns:"CumulativePricesResponse"`
}

type SimulationQuery struct {
	OfferAsset   Asset      `json:"offer_asset"`
	AskAssetInfo *AssetInfo `json:"ask_asset_info"`
}

type ShareQuery struct {
	Address string `json:"address"`
}

type PoolResponse struct {
	Assets     [2]Asset    `json:"assets"`
	TotalShare std.Uint128 `json:"total_share"`
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
