package keeper

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Reward accounting.
//
// The module's virtual x/staking delegation to validator V earns ordinary
// distribution rewards. When they are withdrawn (before every change that
// affects V, and on claims) they are split between the assets staked on V
// in proportion to w_a × T_{a,V} / T_a (equivalently w_a × vS_{a,V} / TvS_a),
// the share of V's virtual stake that asset a makes up (upstream's March-2024
// normalisation), and each asset's part is spread over its delegator shares
// on V:
//
//	index[c, a] += coins_c × norm_a / TdS_{a,V}
//
// A delegation earns (index_now − index_at_last_claim) × its shares. The
// index is per delegator share rather than per token, so take-rate
// deductions and slashing between two claims do not make the payout drift.
// Every delegation change claims first, so the shares are constant between
// two index snapshots.

var precision = new(big.Int).Exp(big.NewInt(10), big.NewInt(math.LegacyPrecision), nil)

type assetWeight struct {
	denom  string
	weight math.LegacyDec // w_a × vS_{a,V} / TvS_a
	tds    math.LegacyDec // TdS_{a,V}
}

// rewardWeightsAt returns, for the assets that earn on a validator, their
// normalisation weights and the sum of those weights. known, if not nil, is
// an asset the caller has just read (so it is current): it is not read again
// (a read costs 1,000 gas + 3 per byte, some 1,800 for an IBC denom).
//
// The weight of asset a on V is w_a × vS_{a,V} / active_a, where active_a
// sums a's validator shares over the active validators as of the last
// rebalance: exactly the proportion of V's virtual stake that a brought
// (the rebalance gives V Σ_a w_a × N × vS_{a,V} / active_a). Dividing by
// a's shares on all validators instead (upstream) underpaid an asset with
// stake on jailed or unbonded validators on every active one, and overpaid
// the other assets there (TestRewardSplitFollowsVirtualStakeWithInactiveValidators).
// Before the first rebalance (e.g. right after genesis) a's total shares
// stand in for active_a.
// split, if not nil, is the stored split the caller has read (loadActiveSplit).
func (k Keeper) rewardWeightsAt(ctx context.Context, info types.AllianceValidatorInfo, known *types.AllianceAsset, split *activeSplit) ([]assetWeight, math.LegacyDec, error) {
	out := []assetWeight{}
	sum := math.LegacyZeroDec()
	if split == nil {
		var err error
		if split, err = k.loadActiveSplit(ctx); err != nil {
			return nil, sum, err
		}
	}
	for _, vs := range info.ValidatorShares {
		var asset types.AllianceAsset
		var err error
		if known != nil && known.Denom == vs.Denom {
			asset = *known
		} else {
			asset, err = k.Assets.Get(ctx, vs.Denom)
		}
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, sum, err
		}
		tds := info.TotalDelegatorSharesOf(vs.Denom)
		base := split.base(asset)
		// An asset without tokens or without active shares brings no virtual
		// stake (the rebalance skips it), so it earns nothing; base > 0 also
		// guards the division.
		if !asset.Earning() || !asset.RewardWeight.IsPositive() || !asset.TotalTokens.IsPositive() || !base.IsPositive() || !tds.IsPositive() || !vs.Amount.IsPositive() {
			continue
		}
		// floor at 18 decimals; the sum below uses the same floored values so
		// the normalised parts never exceed 1.
		w := asset.RewardWeight.Mul(vs.Amount).QuoTruncate(base)
		if !w.IsPositive() {
			continue
		}
		out = append(out, assetWeight{denom: vs.Denom, weight: w, tds: tds})
		sum = sum.Add(w)
	}
	return out, sum, nil
}

// activeSplit is the stored ActiveShares the reward split divides by (see
// rewardWeightsAt), read once per message and passed on: a read costs some
// 1,300 gas.
type activeSplit struct {
	shares types.AllianceValidatorInfo
	stored bool // false before the first rebalance
}

func (k Keeper) loadActiveSplit(ctx context.Context) (*activeSplit, error) {
	active, err := k.ActiveShares.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return &activeSplit{}, nil
	} else if err != nil {
		return nil, err
	}
	return &activeSplit{shares: active, stored: true}, nil
}

// base is the denominator of a's weight: its active shares, or its total
// validator shares before the first rebalance.
func (s *activeSplit) base(a types.AllianceAsset) math.LegacyDec {
	if s.stored {
		return s.shares.ValidatorSharesOf(a.Denom)
	}
	return a.TotalValidatorShares
}

// excludes reports whether a gets no part of any validator's rewards under
// this split, whatever its shares there: it does not earn yet, has weight 0,
// or had no active shares at the last rebalance (every newly listed asset
// until the rebalance that follows its first delegation). Booking a
// validator's rewards then credits a nothing, so a change of a's stake need
// not book them first. Every event that gives a a part books the validators
// carrying it before: InitializeAssets and a weight change
// (claimAllValidatorsOf), the rebalance (bondVirtual / unbondVirtual for the
// validators it re-targets, setActiveShares, for which a move from 0 is a
// shift, for the others). Stored active shares are required: before the
// first rebalance a's part follows its total shares, which its first
// delegation raises from 0.
func (s *activeSplit) excludes(a types.AllianceAsset) bool {
	return !a.Earning() || !a.RewardWeight.IsPositive() || (s.stored && !s.shares.ValidatorSharesOf(a.Denom).IsPositive())
}

// setActiveShares stores the active shares the rebalance sized the virtual
// stake with (see rewardWeightsAt). Called at the end of the rebalance,
// after it booked, with the previous values, the rewards of every
// validator whose virtual stake it changed (retargeted). A validator it
// left alone can still change composition: when an asset's active shares
// move, its part of every validator carrying it moves, and two moves can
// cancel out in a validator's total (aaa's active shares halve, bbb's
// double: v1 keeps 4.5e6 of virtual stake, but aaa's part goes from 1/3
// to 2/3). Rewards still unbooked there were earned with the old
// composition, so such validators are booked here first, whenever an asset
// they carry moved by more than activeShiftBooking; smaller moves (a
// 1-token delegation) book nothing, so a cheap transaction cannot buy a
// claim on every validator (TestRewardsPendingOnAnUnchangedValidatorKeepTheirSplit).
// Written only when the values changed.
func (k Keeper) setActiveShares(ctx context.Context, active map[string]math.LegacyDec, retargeted map[string]bool) error {
	next := types.NewAllianceValidatorInfo()
	denoms := make([]string, 0, len(active))
	for d := range active {
		denoms = append(denoms, d)
	}
	sort.Strings(denoms) // deterministic, although SetValidatorShares sorts too
	for _, d := range denoms {
		next.SetValidatorShares(d, active[d])
	}
	prev, err := k.ActiveShares.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return k.ActiveShares.Set(ctx, next) // first rebalance: nothing was split with them yet
	} else if err != nil {
		return err
	}
	if sdk.DecCoins(prev.ValidatorShares).Equal(sdk.DecCoins(next.ValidatorShares)) {
		return nil
	}
	shifted := map[string]bool{}
	for _, c := range append(append([]sdk.DecCoin{}, prev.ValidatorShares...), next.ValidatorShares...) {
		if activeShifted(prev.ValidatorSharesOf(c.Denom), next.ValidatorSharesOf(c.Denom)) {
			shifted[c.Denom] = true
		}
	}
	if len(shifted) > 0 {
		var book []sdk.ValAddress
		err := k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
			if retargeted[string(v)] {
				return false, nil
			}
			for _, c := range info.ValidatorShares {
				if shifted[c.Denom] {
					book = append(book, v)
					break
				}
			}
			return false, nil
		})
		if err != nil {
			return err
		}
		for _, v := range book { // no-op where the module has no stake
			if _, err := k.ClaimValidatorRewards(ctx, v); err != nil {
				return err
			}
		}
	}
	return k.ActiveShares.Set(ctx, next)
}

// InitActiveShares computes the active shares from the validators' status
// as the rebalance would (earning assets with weight and tokens, on bonded,
// unjailed validators) and stores them. InitGenesis calls it, so rewards
// x/distribution already holds for the module's stake when a chain starts
// from an export are split as the exported chain would have split them,
// not by total shares until the first rebalance. O(validators with
// alliance stake), at genesis only.
func (k Keeper) InitActiveShares(ctx context.Context) error {
	earning := map[string]bool{}
	err := k.Assets.Walk(ctx, nil, func(d string, a types.AllianceAsset) (bool, error) {
		earning[d] = a.Earning() && a.RewardWeight.IsPositive() && a.TotalTokens.IsPositive()
		return false, nil
	})
	if err != nil {
		return err
	}
	type carried struct {
		val    sdk.ValAddress
		shares []sdk.DecCoin
	}
	var infos []carried
	err = k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		infos = append(infos, carried{val: v, shares: info.ValidatorShares})
		return false, nil
	})
	if err != nil {
		return err
	}
	next := types.NewAllianceValidatorInfo()
	for _, c := range infos {
		val, err := k.stakingKeeper.GetValidator(ctx, c.val)
		if err != nil || !val.IsBonded() || val.IsJailed() {
			continue //nolint:nilerr // a validator x/staking does not know is not active
		}
		for _, s := range c.shares {
			if earning[s.Denom] {
				next.SetValidatorShares(s.Denom, next.ValidatorSharesOf(s.Denom).Add(s.Amount))
			}
		}
	}
	return k.ActiveShares.Set(ctx, next)
}

// activeShiftBooking: a relative move of an asset's active shares beyond
// which validators carrying it are booked before the move (see
// setActiveShares). 0.1 %, the rebalance's own tolerance for leaving a
// validator's virtual stake alone, so rewards stay within about that of
// their exact split.
var activeShiftBooking = math.LegacyNewDecWithPrec(1, 3)

// activeShifted: |next − prev| > activeShiftBooking × prev, or one of them
// is zero and the other is not.
func activeShifted(prev, next math.LegacyDec) bool {
	if !prev.IsPositive() || !next.IsPositive() {
		return prev.IsPositive() != next.IsPositive()
	}
	return next.Sub(prev).Abs().GT(prev.Mul(activeShiftBooking))
}

// indexDeltas computes the index increments for distributing coins on a
// validator. delta = c × weight / (sum × TdS), floored at 18 decimals, so the
// sum over all delegators of delta × shares never exceeds c (the remainder
// stays in the pool: rounding in favour of the protocol).
func indexDeltas(weights []assetWeight, sum math.LegacyDec, coins sdk.Coins) []types.RewardHistory {
	out := []types.RewardHistory{}
	if !sum.IsPositive() {
		return out
	}
	for _, c := range coins {
		for _, aw := range weights {
			num := new(big.Int).Mul(c.Amount.BigInt(), aw.weight.BigInt())
			num.Mul(num, precision)
			num.Mul(num, precision)
			den := new(big.Int).Mul(sum.BigInt(), aw.tds.BigInt()) // both > 0
			q := new(big.Int).Quo(num, den)
			d := math.LegacyNewDecFromBigIntWithPrec(q, math.LegacyPrecision)
			if d.IsPositive() {
				out = append(out, types.RewardHistory{Denom: c.Denom, Index: d, Alliance: aw.denom})
			}
		}
	}
	return out
}

// ClaimValidatorRewards withdraws the rewards of the module's virtual stake
// on val from x/distribution, books them into the reward indices and saves
// val's info. It is a no-op when the module has no stake there.
func (k Keeper) ClaimValidatorRewards(ctx context.Context, val sdk.ValAddress) (sdk.Coins, error) {
	coins, err := k.withdrawValidatorRewards(ctx, val)
	if err != nil || coins.IsZero() {
		return coins, err
	}
	info, err := k.GetValidatorInfo(ctx, val)
	if err != nil {
		return nil, err
	}
	booked, err := k.allocateRewards(ctx, val, &info, coins, nil, nil)
	if err != nil || !booked {
		return coins, err
	}
	return coins, k.ValidatorInfos.Set(ctx, val, info)
}

// claimValidatorRewardsInto books val's rewards before a change or a claim
// of a delegation of asset (asset's current state), for a caller that holds
// val's info (read by it) and saves it afterwards: the indices are raised in
// *info only. Every change to a delegation rewrites the info anyway, so
// saving it here as well would cost a second read and write of the info
// (about 2,000 + 30 gas per byte of it) on each delegate, undelegate,
// redelegate and claim. booked says whether *info changed.
//
// Nothing is withdrawn when the stored split excludes asset (see
// activeSplit.excludes): the booking would credit it nothing, and the
// x/distribution withdrawal was half the gas of the first delegation into a
// newly listed asset. The other assets' rewards stay in x/distribution
// until the next booking, which splits them as this one would have (their
// weights do not depend on asset's stake).
func (k Keeper) claimValidatorRewardsInto(ctx context.Context, val sdk.ValAddress, info *types.AllianceValidatorInfo, asset *types.AllianceAsset) (booked bool, err error) {
	if !asset.Earning() || !asset.RewardWeight.IsPositive() {
		return false, nil // excluded whatever the split: not even read
	}
	split, err := k.loadActiveSplit(ctx)
	if err != nil || split.excludes(*asset) {
		return false, err
	}
	coins, err := k.withdrawValidatorRewards(ctx, val)
	if err != nil || coins.IsZero() {
		return false, err
	}
	return k.allocateRewards(ctx, val, info, coins, asset, split)
}

// withdrawValidatorRewards withdraws the rewards of the module's virtual
// stake on val (none if it has no stake there). x/distribution pays them to
// the alliance account's withdraw address: the reward pool, or the alliance
// account itself on a chain that keeps the pool blocked (see routing.go);
// rewardsHolder says which.
//
// x/distribution reads the validator and then the delegation before
// anything else and fails with these errors when either is missing, so
// checking the delegation first would only read it twice (1,500 gas) in the
// usual case where the module has stake on val.
func (k Keeper) withdrawValidatorRewards(ctx context.Context, val sdk.ValAddress) (sdk.Coins, error) {
	coins, err := k.distributionKeeper.WithdrawDelegationRewards(ctx, k.moduleAddress(), val)
	if errors.Is(err, stakingtypes.ErrNoDelegation) || errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return sdk.NewCoins(), nil
	} else if err != nil {
		return nil, err
	}
	if coins.IsZero() {
		return sdk.NewCoins(), nil
	}
	return coins, nil
}

// allocateRewards raises val's indices in *info for coins just withdrawn
// (the caller saves it when booked). When x/distribution paid them straight
// into the reward pool (RewardsToPool) no transfer is needed; otherwise they
// are moved there from the alliance account. If no asset earns on val
// (weight 0, not yet started, no delegators) the coins go to the fee
// collector instead, from whichever account holds them, i.e. back to the
// native stakers instead of being stranded, and *info is unchanged.
//
// Only reward denoms are indexed (see splitRewardDenoms): whatever else the
// virtual stake earned is sent to the community pool first.
func (k Keeper) allocateRewards(ctx context.Context, val sdk.ValAddress, info *types.AllianceValidatorInfo, coins sdk.Coins, known *types.AllianceAsset, split *activeSplit) (booked bool, err error) {
	coins, other, err := k.splitRewardDenoms(ctx, coins)
	if err != nil {
		return false, err
	}
	if !other.IsZero() {
		holder := k.accountKeeper.GetModuleAddress(k.rewardsHolder())
		if err := k.distributionKeeper.FundCommunityPool(ctx, other, holder); err != nil {
			return false, err
		}
		k.Logger(ctx).Debug("alliance: rewards in unindexed denoms sent to the community pool", "validator", k.valString(val), "coins", other.String())
	}
	if coins.IsZero() {
		return false, nil
	}
	weights, sum, err := k.rewardWeightsAt(ctx, *info, known, split)
	if err != nil {
		return false, err
	}
	if len(weights) == 0 {
		return false, k.bankKeeper.SendCoinsFromModuleToModule(ctx, k.rewardsHolder(), k.feeCollectorName, coins)
	}
	for _, d := range indexDeltas(weights, sum, coins) {
		info.GlobalRewardHistory = types.AddRewardIndex(info.GlobalRewardHistory, d.Denom, d.Alliance, d.Index)
	}
	if !k.rewardsToPool {
		if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, types.RewardsPoolName, coins); err != nil {
			return false, err
		}
	}
	return true, k.emit(ctx, &types.ValidatorRewardsAllocatedEvent{Validator: k.valString(val), Coins: coins})
}

// splitRewardDenoms separates the coins the module indexes as alliance
// rewards, the bond denom and the denoms of listed alliance assets (another
// asset's take rate reaches the virtual stake through the fee collector),
// from any other denom. Anyone can pay a validator rewards in any denom
// (MsgDepositValidatorRewardsPool, or a fee in many denoms) and the virtual
// stake earns its part of them: indexing every one of them put an index per
// (denom, asset) into the validator's info and into every delegation on it,
// forever, and every later message on that validator paid to read, copy and
// write them (200 junk denoms: claim 92k -> 1.24M store gas in
// TestJunkRewardDenomsDoNotInflateAllianceGas). The work per message is
// now bounded by the bond denom and the listed assets, which only
// governance adds. Cost: one read of x/staking's params, plus one asset
// lookup per non-bond denom withdrawn.
func (k Keeper) splitRewardDenoms(ctx context.Context, coins sdk.Coins) (indexed, other sdk.Coins, err error) {
	bondDenom, err := k.stakingKeeper.BondDenom(ctx)
	if err != nil {
		return nil, nil, err
	}
	indexed, other = sdk.NewCoins(), sdk.NewCoins()
	for _, c := range coins {
		ok := c.Denom == bondDenom
		if !ok {
			if ok, err = k.Assets.Has(ctx, c.Denom); err != nil {
				return nil, nil, err
			}
		}
		if ok {
			indexed = indexed.Add(c)
		} else {
			other = other.Add(c)
		}
	}
	return indexed, other, nil
}

// rewardsOwed is (index_now − index_delegation) × shares per reward denom,
// floored to whole coins (in favour of the pool).
func rewardsOwed(del types.Delegation, current []types.RewardHistory) sdk.Coins {
	coins := sdk.NewCoins()
	for _, h := range current {
		if h.Alliance != del.Denom {
			continue
		}
		diff := h.Index.Sub(types.RewardIndexOf(del.RewardHistory, h.Denom, del.Denom))
		if !diff.IsPositive() {
			continue
		}
		amt := diff.MulTruncate(del.Shares).TruncateInt()
		if amt.IsPositive() {
			coins = coins.Add(sdk.NewCoin(h.Denom, amt))
		}
	}
	return coins
}

// payDelegationRewards pays what del has earned from the pool, moves its
// index snapshot to the current indices and returns the coins. The caller
// must have withdrawn the validator's rewards first and saves del.
func (k Keeper) payDelegationRewards(ctx context.Context, del *types.Delegation, info types.AllianceValidatorInfo) (sdk.Coins, error) {
	coins := rewardsOwed(*del, info.GlobalRewardHistory)
	if !coins.IsZero() {
		delAddr, err := k.accAddr(del.DelegatorAddress)
		if err != nil {
			return nil, err
		}
		if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.RewardsPoolName, delAddr, coins); err != nil {
			return nil, err
		}
	}
	k.markRewardsSettled(ctx, del, info)
	return coins, k.emit(ctx, &types.ClaimAllianceRewardsEvent{
		AllianceSender: del.DelegatorAddress, Validator: del.ValidatorAddress, Coins: coins,
	})
}

// markRewardsSettled moves del's index snapshot to info's current indices:
// what it was owed has been paid (or booked: bookUnpaidRewards).
func (k Keeper) markRewardsSettled(ctx context.Context, del *types.Delegation, info types.AllianceValidatorInfo) {
	del.RewardHistory = types.IndicesOfAlliance(info.GlobalRewardHistory, del.Denom)
	del.LastRewardClaimHeight = uint64(sdk.UnwrapSDKContext(ctx).BlockHeight())
}

// ClaimDelegationRewards withdraws val's rewards and pays the delegation.
func (k Keeper) ClaimDelegationRewards(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, denom string) (sdk.Coins, error) {
	asset, err := k.GetAsset(ctx, denom)
	if err != nil {
		return nil, err
	}
	key := collections.Join3(delAddr, val, denom)
	del, err := k.Delegations.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrNoDelegation
	} else if err != nil {
		return nil, err
	}
	info, err := k.GetValidatorInfo(ctx, val)
	if err != nil {
		return nil, err
	}
	booked, err := k.claimValidatorRewardsInto(ctx, val, &info, &asset)
	if err != nil {
		return nil, err
	}
	if booked {
		if err := k.ValidatorInfos.Set(ctx, val, info); err != nil {
			return nil, err
		}
	}
	coins, err := k.payDelegationRewards(ctx, &del, info)
	if err != nil {
		return nil, err
	}
	return coins, k.Delegations.Set(ctx, key, del)
}

// PendingDelegationRewards computes, without writing any state and without
// the claim path, what ClaimDelegationRewards would pay now: the booked
// index difference plus this delegation's part of the rewards x/distribution
// holds for the module's stake on val (computed in a discarded branch of the
// store, as x/distribution's own rewards query does).
func (k Keeper) PendingDelegationRewards(ctx context.Context, delAddr sdk.AccAddress, val sdk.ValAddress, denom string) (sdk.Coins, error) {
	if _, err := k.GetAsset(ctx, denom); err != nil {
		return nil, err
	}
	del, err := k.Delegations.Get(ctx, collections.Join3(delAddr, val, denom))
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrNoDelegation
	} else if err != nil {
		return nil, err
	}
	info, err := k.GetValidatorInfo(ctx, val)
	if err != nil {
		return nil, err
	}
	unwithdrawn, err := k.pendingValidatorRewards(ctx, val)
	if err != nil {
		return nil, err
	}
	if !unwithdrawn.IsZero() {
		// as the claim would: other denoms go to the community pool
		if unwithdrawn, _, err = k.splitRewardDenoms(ctx, unwithdrawn); err != nil {
			return nil, err
		}
	}
	if !unwithdrawn.IsZero() {
		weights, sum, err := k.rewardWeightsAt(ctx, info, nil, nil)
		if err != nil {
			return nil, err
		}
		hist := make([]types.RewardHistory, len(info.GlobalRewardHistory))
		copy(hist, info.GlobalRewardHistory)
		for _, d := range indexDeltas(weights, sum, unwithdrawn) {
			hist = types.AddRewardIndex(hist, d.Denom, d.Alliance, d.Index)
		}
		info.GlobalRewardHistory = hist
	}
	return rewardsOwed(del, info.GlobalRewardHistory), nil
}

// pendingValidatorRewards is what x/distribution would pay the module's stake
// on val now. It runs x/distribution's own calculation in a branch of the
// store that is never written back. Writes to that branch touch memory only,
// so they are charged as reads of the same bytes: priced as writes, the three
// entries IncrementValidatorPeriod writes were 40 % of a contract's rewards
// query (26,400 gas), which a contract asks before every change of its stake.
func (k Keeper) pendingValidatorRewards(ctx context.Context, val sdk.ValAddress) (sdk.Coins, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	branch, _ := sdkCtx.WithKVGasConfig(discardedBranchGas(sdkCtx.KVGasConfig())).CacheContext() // never written back
	modAddr := k.moduleAddress()
	sdel, err := k.stakingKeeper.GetDelegation(branch, modAddr, val)
	if errors.Is(err, stakingtypes.ErrNoDelegation) {
		return sdk.NewCoins(), nil
	} else if err != nil {
		return nil, err
	}
	v, err := k.stakingKeeper.GetValidator(branch, val)
	if err != nil {
		return sdk.NewCoins(), nil //nolint:nilerr // validator gone: nothing pending
	}
	period, err := k.distributionKeeper.IncrementValidatorPeriod(branch, v)
	if err != nil {
		return nil, fmt.Errorf("pending rewards: %w", err)
	}
	dec, err := k.distributionKeeper.CalculateDelegationRewards(branch, v, sdel, period)
	if err != nil {
		return nil, fmt.Errorf("pending rewards: %w", err)
	}
	coins, _ := dec.TruncateDecimal()
	return coins, nil
}

// discardedBranchGas prices writes and deletes like reads (see
// pendingValidatorRewards); reads and iteration keep their price.
func discardedBranchGas(cfg storetypes.GasConfig) storetypes.GasConfig {
	cfg.WriteCostFlat, cfg.WriteCostPerByte, cfg.DeleteCost = cfg.ReadCostFlat, cfg.ReadCostPerByte, cfg.HasCost
	return cfg
}
