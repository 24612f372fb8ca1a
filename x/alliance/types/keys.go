package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the name of the module and of its main module account.
	//
	// Module accounts the app must declare (maccPerms):
	//   - ModuleName ("alliance"): authtypes.Minter and authtypes.Burner. It holds
	//     the staked alliance tokens and the unbonding ones, mints the bond-denom
	//     tokens of the virtual stake and delegates them to validators.
	//   - RewardsPoolName ("alliance_rewards"): no permissions. It holds the
	//     rewards that delegators have not claimed yet.
	//
	// x/distribution pays the virtual stake's rewards with
	// SendCoinsFromModuleToAccount, which refuses blocked recipients. The
	// module routes them straight into alliance_rewards (the alliance
	// account's withdraw address in x/distribution) when alliance_rewards is
	// NOT a blocked address in x/bank; the alliance account may then be
	// blocked. If alliance_rewards is blocked, the alliance account must not
	// be: the rewards are paid to it and moved to the pool with a second
	// transfer (about 14,000 store gas more on every alliance message that
	// withdraws rewards, measured).
	ModuleName = "alliance"

	// RewardsPoolName is the module account holding unclaimed rewards.
	RewardsPoolName = "alliance_rewards"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName

	// RouterKey is the legacy (gov v1beta1) proposal route.
	RouterKey = ModuleName
)

// Store prefixes. The layout is this module's own; only the genesis JSON is
// shared with upstream.
var (
	ParamsKey         = collections.NewPrefix(0x02)
	AssetKey          = collections.NewPrefix(0x11)
	ValidatorInfoKey  = collections.NewPrefix(0x12)
	RebalanceQueueKey = collections.NewPrefix(0x13)
	ActiveSharesKey   = collections.NewPrefix(0x14)
	// progress of the wind-down of each delisted asset (keeper/delist.go)
	DelistCursorKey = collections.NewPrefix(0x15)
	// rewards a wind-down could not pay, per delegator, and where their
	// retry resumes (keeper/unpaid_rewards.go)
	UnpaidRewardsKey       = collections.NewPrefix(0x16)
	UnpaidRewardsCursorKey = collections.NewPrefix(0x17)

	DelegationKey = collections.NewPrefix(0x21)

	RedelegationKey            = collections.NewPrefix(0x22)
	RedelegationByTimeKey      = collections.NewPrefix(0x23)
	RedelegationByDelegatorKey = collections.NewPrefix(0x24)
	RedelegationBySrcKey       = collections.NewPrefix(0x25)
	RedelegationSeqKey         = collections.NewPrefix(0x26)

	UnbondingKey            = collections.NewPrefix(0x31)
	UnbondingByTimeKey      = collections.NewPrefix(0x32)
	UnbondingByDelegatorKey = collections.NewPrefix(0x33)
	UnbondingByValidatorKey = collections.NewPrefix(0x34)
	UnbondingSeqKey         = collections.NewPrefix(0x35)

	// history of the module's virtual stake per validator (slashing)
	VirtualCheckpointKey = collections.NewPrefix(0x41)
	LastVirtualChangeKey = collections.NewPrefix(0x42)
)
