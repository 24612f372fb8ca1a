package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log"

	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// DelegationKey is (delegator, validator, denom).
type DelegationKey = collections.Triple[sdk.AccAddress, sdk.ValAddress, string]

// UnbondingIndexes index the unbonding entries (primary key: sequence id).
type UnbondingIndexes struct {
	ByTime      *indexes.Multi[time.Time, uint64, types.UnbondingEntry]
	ByDelegator *indexes.Multi[sdk.AccAddress, uint64, types.UnbondingEntry]
	ByValidator *indexes.Multi[sdk.ValAddress, uint64, types.UnbondingEntry]
}

func (i UnbondingIndexes) IndexesList() []collections.Index[uint64, types.UnbondingEntry] {
	return []collections.Index[uint64, types.UnbondingEntry]{i.ByTime, i.ByDelegator, i.ByValidator}
}

// RedelegationIndexes index the redelegation records (primary key: id).
type RedelegationIndexes struct {
	ByTime      *indexes.Multi[time.Time, uint64, types.RedelegationRecord]
	ByDelegator *indexes.Multi[sdk.AccAddress, uint64, types.RedelegationRecord]
	BySrc       *indexes.Multi[sdk.ValAddress, uint64, types.RedelegationRecord]
}

func (i RedelegationIndexes) IndexesList() []collections.Index[uint64, types.RedelegationRecord] {
	return []collections.Index[uint64, types.RedelegationRecord]{i.ByTime, i.ByDelegator, i.BySrc}
}

// Keeper of the alliance module. All state lives in collections; the struct
// itself is immutable, so it is passed by value.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService store.KVStoreService

	accountKeeper      types.AccountKeeper
	bankKeeper         types.BankKeeper
	stakingKeeper      types.StakingKeeper
	distributionKeeper types.DistributionKeeper

	feeCollectorName string
	authority        string

	// rewardsToPool: x/distribution pays the virtual stake's rewards straight
	// into the reward pool (the alliance account's withdraw address is the
	// pool's). Otherwise (the pool is a blocked address, which x/distribution
	// cannot pay to) they arrive in the alliance account and are moved to the
	// pool with a second transfer. Fixed at construction: see NewKeeper.
	rewardsToPool bool

	Schema          collections.Schema
	Params          collections.Item[types.Params]
	Assets          collections.Map[string, types.AllianceAsset]
	ValidatorInfos  collections.Map[sdk.ValAddress, types.AllianceValidatorInfo]
	RebalanceQueued collections.Item[bool]
	// ActiveShares: the validator shares of each earning asset summed over
	// the active validators, as the last rebalance sized the virtual stake
	// with them (only ValidatorShares is used). The reward split divides by
	// them: see rewardWeightsAt. Rewritten by every rebalance; exported, so
	// an imported chain splits as the exporting chain would (a genesis
	// without it gets it computed: InitActiveShares).
	ActiveShares collections.Item[types.AllianceValidatorInfo]
	Delegations  DelegationStore // compact values: see DelegationStore
	// DelistCursors: where the wind-down of each delisted asset resumes its
	// walk over the delegations (delist.go). Derived state, not exported:
	// an absent cursor restarts the walk, which is idempotent.
	DelistCursors collections.Map[string, []byte]
	// UnpaidRewards: rewards a wind-down undelegated without paying (x/bank
	// refused the owner), kept in the reward pool, booked to their owner and
	// retried every block (unpaid_rewards.go); exported. UnpaidRewardsCursor:
	// the delegator the next retry starts after (derived, not exported).
	UnpaidRewards       collections.Map[sdk.AccAddress, types.UnpaidRewards]
	UnpaidRewardsCursor collections.Item[[]byte]
	Unbondings          *collections.IndexedMap[uint64, types.UnbondingEntry, UnbondingIndexes]
	UnbondingSeq        collections.Sequence
	Redelegations       *collections.IndexedMap[uint64, types.RedelegationRecord, RedelegationIndexes]
	RedelegationSeq     collections.Sequence

	// The module's x/staking delegation shares per validator entering the
	// blocks where they changed, over the last unbonding time, and the height
	// of the last change: see virtual_history.go.
	VirtualCheckpoints collections.Map[collections.Pair[sdk.ValAddress, int64], types.VirtualStakeCheckpoint]
	LastVirtualChange  collections.Map[sdk.ValAddress, int64]
}

// NewKeeper builds the keeper. authority is the bech32 address allowed to
// send MsgUpdateParams / MsgCreateAlliance / MsgUpdateAlliance /
// MsgDeleteAlliance (normally the gov module account).
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	ak types.AccountKeeper,
	bk types.BankKeeper,
	sk types.StakingKeeper,
	dk types.DistributionKeeper,
	feeCollectorName string,
	authority string,
) Keeper {
	if _, err := ak.AddressCodec().StringToBytes(authority); err != nil {
		panic(fmt.Errorf("alliance: invalid authority address %q: %w", authority, err))
	}
	if ak.GetModuleAddress(types.ModuleName) == nil || ak.GetModuleAddress(types.RewardsPoolName) == nil {
		panic("alliance: the alliance and alliance_rewards module accounts must be declared in maccPerms")
	}
	// x/distribution pays rewards with SendCoinsFromModuleToAccount, which
	// refuses blocked recipients. The blocked set is fixed when x/bank's
	// keeper is built, so it is asked once, here: a chain that keeps the pool
	// blocked gets the two-step path (rewards to the alliance account, then
	// a module-to-module send to the pool) instead of failing delegations.
	rewardsToPool := !bk.BlockedAddr(ak.GetModuleAddress(types.RewardsPoolName))
	if !rewardsToPool && bk.BlockedAddr(ak.GetModuleAddress(types.ModuleName)) {
		panic("alliance: x/distribution cannot pay the virtual stake's rewards: the alliance_rewards account " +
			"(preferably) or the alliance account must not be a blocked address in x/bank")
	}
	accCodec := ak.AddressCodec()
	valCodec := sk.ValidatorAddressCodec()
	accOf := func(s string) (sdk.AccAddress, error) { return accCodec.StringToBytes(s) }
	valOf := func(s string) (sdk.ValAddress, error) { return valCodec.StringToBytes(s) }

	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:                cdc,
		storeService:       storeService,
		accountKeeper:      ak,
		bankKeeper:         bk,
		stakingKeeper:      sk,
		distributionKeeper: dk,
		feeCollectorName:   feeCollectorName,
		authority:          authority,
		rewardsToPool:      rewardsToPool,

		Params:          collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Assets:          collections.NewMap(sb, types.AssetKey, "assets", collections.StringKey, codec.CollValue[types.AllianceAsset](cdc)),
		ValidatorInfos:  collections.NewMap(sb, types.ValidatorInfoKey, "validator_infos", sdk.ValAddressKey, codec.CollValue[types.AllianceValidatorInfo](cdc)),
		RebalanceQueued: collections.NewItem(sb, types.RebalanceQueueKey, "rebalance_queued", collections.BoolValue),
		ActiveShares:    collections.NewItem(sb, types.ActiveSharesKey, "active_shares", codec.CollValue[types.AllianceValidatorInfo](cdc)),
		Delegations: DelegationStore{
			m: collections.NewMap(sb, types.DelegationKey, "delegations",
				collections.TripleKeyCodec(sdk.AccAddressKey, sdk.ValAddressKey, collections.StringKey),
				codec.CollValue[types.Delegation](cdc)),
			accOf: func(a sdk.AccAddress) string { s, _ := accCodec.BytesToString(a); return s },
			valOf: func(v sdk.ValAddress) string { s, _ := valCodec.BytesToString(v); return s },
		},
		DelistCursors:       collections.NewMap(sb, types.DelistCursorKey, "delist_cursors", collections.StringKey, collections.BytesValue),
		UnpaidRewards:       collections.NewMap(sb, types.UnpaidRewardsKey, "unpaid_rewards", sdk.AccAddressKey, codec.CollValue[types.UnpaidRewards](cdc)),
		UnpaidRewardsCursor: collections.NewItem(sb, types.UnpaidRewardsCursorKey, "unpaid_rewards_cursor", collections.BytesValue),
		Unbondings: collections.NewIndexedMap(sb, types.UnbondingKey, "unbondings", collections.Uint64Key,
			codec.CollValue[types.UnbondingEntry](cdc),
			UnbondingIndexes{
				ByTime: indexes.NewMulti(sb, types.UnbondingByTimeKey, "unbondings_by_time", sdk.TimeKey, collections.Uint64Key,
					func(_ uint64, v types.UnbondingEntry) (time.Time, error) { return v.CompletionTime, nil }),
				ByDelegator: indexes.NewMulti(sb, types.UnbondingByDelegatorKey, "unbondings_by_delegator", sdk.AccAddressKey, collections.Uint64Key,
					func(_ uint64, v types.UnbondingEntry) (sdk.AccAddress, error) { return accOf(v.DelegatorAddress) }),
				ByValidator: indexes.NewMulti(sb, types.UnbondingByValidatorKey, "unbondings_by_validator", sdk.ValAddressKey, collections.Uint64Key,
					func(_ uint64, v types.UnbondingEntry) (sdk.ValAddress, error) { return valOf(v.ValidatorAddress) }),
			}),
		UnbondingSeq: collections.NewSequence(sb, types.UnbondingSeqKey, "unbonding_seq"),
		Redelegations: collections.NewIndexedMap(sb, types.RedelegationKey, "redelegations", collections.Uint64Key,
			codec.CollValue[types.RedelegationRecord](cdc),
			RedelegationIndexes{
				ByTime: indexes.NewMulti(sb, types.RedelegationByTimeKey, "redelegations_by_time", sdk.TimeKey, collections.Uint64Key,
					func(_ uint64, v types.RedelegationRecord) (time.Time, error) { return v.CompletionTime, nil }),
				ByDelegator: indexes.NewMulti(sb, types.RedelegationByDelegatorKey, "redelegations_by_delegator", sdk.AccAddressKey, collections.Uint64Key,
					func(_ uint64, v types.RedelegationRecord) (sdk.AccAddress, error) { return accOf(v.DelegatorAddress) }),
				BySrc: indexes.NewMulti(sb, types.RedelegationBySrcKey, "redelegations_by_src", sdk.ValAddressKey, collections.Uint64Key,
					func(_ uint64, v types.RedelegationRecord) (sdk.ValAddress, error) {
						return valOf(v.SrcValidatorAddress)
					}),
			}),
		RedelegationSeq: collections.NewSequence(sb, types.RedelegationSeqKey, "redelegation_seq"),
		VirtualCheckpoints: collections.NewMap(sb, types.VirtualCheckpointKey, "virtual_checkpoints",
			collections.PairKeyCodec(sdk.ValAddressKey, collections.Int64Key), codec.CollValue[types.VirtualStakeCheckpoint](cdc)),
		LastVirtualChange: collections.NewMap(sb, types.LastVirtualChangeKey, "last_virtual_change", sdk.ValAddressKey, collections.Int64Value),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Logger returns the module logger.
func (k Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// GetAuthority returns the module authority.
func (k Keeper) GetAuthority() string { return k.authority }

// Hooks returns the staking hooks of the module; wire them into x/staking
// with NewMultiStakingHooks(distr, slashing, alliance).
func (k Keeper) Hooks() Hooks { return Hooks{k: k} }

func (k Keeper) moduleAddress() sdk.AccAddress {
	return k.accountKeeper.GetModuleAddress(types.ModuleName)
}

func (k Keeper) accAddr(s string) (sdk.AccAddress, error) {
	a, err := k.accountKeeper.AddressCodec().StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %s", s, err.Error()) // %v would add the SDK error's source location
	}
	return a, nil
}

func (k Keeper) valAddr(s string) (sdk.ValAddress, error) {
	if s == "" {
		return nil, types.ErrEmptyValidatorAddr
	}
	a, err := k.stakingKeeper.ValidatorAddressCodec().StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %s", s, err.Error()) // %v would add the SDK error's source location
	}
	return a, nil
}

func (k Keeper) accString(a sdk.AccAddress) string {
	s, _ := k.accountKeeper.AddressCodec().BytesToString(a)
	return s
}

func (k Keeper) valString(a sdk.ValAddress) string {
	s, _ := k.stakingKeeper.ValidatorAddressCodec().BytesToString(a)
	return s
}

// GetParams returns the params (defaults if unset).
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) {
	p, err := k.Params.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.DefaultParams(), nil
	}
	return p, err
}

// GetAsset returns an asset or ErrUnknownAsset.
func (k Keeper) GetAsset(ctx context.Context, denom string) (types.AllianceAsset, error) {
	a, err := k.Assets.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return a, errorsmod.Wrap(types.ErrUnknownAsset, denom)
	}
	return a, err
}

// GetValidatorInfo returns the bookkeeping of a validator (empty if none).
func (k Keeper) GetValidatorInfo(ctx context.Context, val sdk.ValAddress) (types.AllianceValidatorInfo, error) {
	info, err := k.ValidatorInfos.Get(ctx, val)
	if errors.Is(err, collections.ErrNotFound) {
		return types.NewAllianceValidatorInfo(), nil
	}
	return info, err
}

func (k Keeper) setValidatorInfo(ctx context.Context, val sdk.ValAddress, info types.AllianceValidatorInfo) error {
	// No shares means no delegation can reference the indices any more.
	if info.IsEmpty() {
		return k.ValidatorInfos.Remove(ctx, val)
	}
	return k.ValidatorInfos.Set(ctx, val, info)
}

// QueueRebalance asks the EndBlocker to rebalance the virtual stake.
func (k Keeper) QueueRebalance(ctx context.Context) error {
	return k.RebalanceQueued.Set(ctx, true)
}

func (k Keeper) blockTime(ctx context.Context) time.Time {
	return sdk.UnwrapSDKContext(ctx).BlockTime()
}

// emit emits a typed event. Its error (the event cannot be marshalled) is
// returned, not logged: a state change whose event is lost would be
// invisible to indexers and clients, so the change fails with it.
func (k Keeper) emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}
