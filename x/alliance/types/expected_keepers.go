package types

import (
	"context"
	"time"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// AccountKeeper is satisfied by x/auth's keeper (SDK 0.53).
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
	GetModuleAccount(ctx context.Context, name string) sdk.ModuleAccountI
}

// BankKeeper is satisfied by x/bank's keeper (SDK 0.53).
type BankKeeper interface {
	SendCoinsFromAccountToModule(ctx context.Context, sender sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipient sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	// BlockedAddr tells whether x/bank refuses to send to addr; the keeper
	// asks it once, at construction, about the reward pool.
	BlockedAddr(addr sdk.AccAddress) bool
}

// StakingKeeper is satisfied by *x/staking/keeper.Keeper (SDK 0.53).
type StakingKeeper interface {
	BondDenom(ctx context.Context) (string, error)
	MaxValidators(ctx context.Context) (uint32, error)
	UnbondingTime(ctx context.Context) (time.Duration, error)
	MaxEntries(ctx context.Context) (uint32, error)
	TotalBondedTokens(ctx context.Context) (math.Int, error)
	GetValidator(ctx context.Context, addr sdk.ValAddress) (stakingtypes.Validator, error)
	GetDelegation(ctx context.Context, delAddr sdk.AccAddress, valAddr sdk.ValAddress) (stakingtypes.Delegation, error)
	GetAllDelegatorDelegations(ctx context.Context, delegator sdk.AccAddress) ([]stakingtypes.Delegation, error)
	// GetDelegatorDelegations reads at most maxRetrieve delegations of
	// delegator: the same-chain guard asks whether there is any (1).
	GetDelegatorDelegations(ctx context.Context, delegator sdk.AccAddress, maxRetrieve uint16) ([]stakingtypes.Delegation, error)
	Delegate(ctx context.Context, delAddr sdk.AccAddress, bondAmt math.Int, tokenSrc stakingtypes.BondStatus,
		validator stakingtypes.Validator, subtractAccount bool) (math.LegacyDec, error)
	Unbond(ctx context.Context, delAddr sdk.AccAddress, valAddr sdk.ValAddress, shares math.LegacyDec) (math.Int, error)
	ValidatorAddressCodec() address.Codec
}

// DistributionKeeper is satisfied by x/distribution's keeper (SDK 0.53).
type DistributionKeeper interface {
	WithdrawDelegationRewards(ctx context.Context, delAddr sdk.AccAddress, valAddr sdk.ValAddress) (sdk.Coins, error)
	IncrementValidatorPeriod(ctx context.Context, val stakingtypes.ValidatorI) (uint64, error)
	CalculateDelegationRewards(ctx context.Context, val stakingtypes.ValidatorI, del stakingtypes.DelegationI, endingPeriod uint64) (sdk.DecCoins, error)
	// GetDelegatorWithdrawAddr / SetDelegatorWithdrawAddr read and write the
	// withdraw-address entry of x/distribution directly. The alliance module
	// uses them only for its own module account, to route the rewards of the
	// virtual stake to the reward pool (see Keeper.EnsureRewardsRoute). It
	// does not go through SetWithdrawAddr on purpose: that is the user-facing
	// path of MsgSetWithdrawAddress and refuses while the withdraw_addr_enabled
	// param is off, whereas this routing is the module's internal plumbing,
	// not a choice of a user, and must not depend on that param.
	GetDelegatorWithdrawAddr(ctx context.Context, delAddr sdk.AccAddress) (sdk.AccAddress, error)
	SetDelegatorWithdrawAddr(ctx context.Context, delAddr, withdrawAddr sdk.AccAddress) error
	// FundCommunityPool receives the rewards the module does not index
	// (denoms that are neither the bond denom nor a listed asset).
	FundCommunityPool(ctx context.Context, amount sdk.Coins, sender sdk.AccAddress) error
}
