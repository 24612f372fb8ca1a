package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Virtual staking.
//
// The stakers of an earning asset a together carry w_a × N of voting power,
// where N is the native bonded stake (total bonded tokens minus the module's
// own bonded virtual stake). The module mints bond-denom tokens and delegates
// them so that each active validator V holds
//
//	expected(V) = Σ_a w_a × N × vS_{a,V} / activeShares_a       (floored)
//
// where activeShares_a sums vS_{a,·} over active validators (bonded and not
// jailed). Inactive validators get 0: their virtual stake is undelegated and
// burned, so it is never counted for an unbonded or jailed validator.
// Cost per rebalance: O(assets × validators with alliance stake), whatever
// the number of delegators. It runs at most once per block, in EndBlock,
// when something queued it.

type valState struct {
	addr      sdk.ValAddress
	validator stakingtypes.Validator
	found     bool
	current   math.Int       // module's current virtual tokens on V
	shares    math.LegacyDec // module's x/staking delegation shares on V
	expected  math.LegacyDec
}

// active reports whether V may carry virtual stake: bonded and not jailed.
func (s *valState) active() bool {
	return s.found && s.validator.IsBonded() && !s.validator.IsJailed()
}

// rebalanceState is what one rebalance reads before it writes anything:
// every validator it looks at (the module's delegations and the validators
// carrying alliance shares), the native bonded stake, the earning assets and
// their active shares.
type rebalanceState struct {
	vals         map[string]*valState
	native       math.Int
	infos        []carriedShares
	assets       map[string]types.AllianceAsset // earning, with weight and tokens
	activeShares map[string]math.LegacyDec
}

type carriedShares struct {
	val    sdk.ValAddress
	shares []sdk.DecCoin
}

// RebalanceBondTokenWeights brings the virtual stake of every validator
// exactly to its expected level.
func (k Keeper) RebalanceBondTokenWeights(ctx context.Context) error {
	_, err := k.rebalance(ctx, true, 0)
	return err
}

// rebalance sizes the virtual stake in three steps: load what it depends on,
// compute each validator's target, apply the targets. With exact false it
// leaves alone every validator whose stake is within the drift tolerance of
// its target (see withinDrift); with exact true it re-targets every
// validator that is off. A positive limit bounds the validators it
// re-targets; it reports whether it reached all that were off.
func (k Keeper) rebalance(ctx context.Context, exact bool, limit int) (bool, error) {
	st, err := k.loadRebalance(ctx)
	if err != nil {
		return false, err
	}
	k.targetVirtualStake(ctx, st)
	retargeted, complete, err := k.applyRebalance(ctx, st, exact, limit)
	if err != nil {
		return false, err
	}
	// after every claim of applyRebalance: those booked with the previous split
	return complete, k.setActiveShares(ctx, st.activeShares, retargeted) // rewards.go
}

// loadRebalance reads the module's virtual stake, the native bonded stake,
// the alliance shares per validator and the earning assets, and sums each
// asset's shares on active validators. Reads only.
func (k Keeper) loadRebalance(ctx context.Context) (*rebalanceState, error) {
	st := &rebalanceState{vals: map[string]*valState{}, assets: map[string]types.AllianceAsset{}, activeShares: map[string]math.LegacyDec{}}
	if err := k.loadVirtualStake(ctx, st); err != nil {
		return nil, err
	}
	err := k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
		st.infos = append(st.infos, carriedShares{val: v, shares: info.ValidatorShares})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Assets.Walk(ctx, nil, func(d string, a types.AllianceAsset) (bool, error) {
		if a.Earning() && a.RewardWeight.IsPositive() && a.TotalTokens.IsPositive() {
			st.assets[d] = a
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for _, e := range st.infos {
		s, err := k.valStateOf(ctx, st, e.val)
		if err != nil {
			return nil, err
		}
		if !s.active() {
			continue
		}
		for _, c := range e.shares {
			if _, ok := st.assets[c.Denom]; !ok {
				continue
			}
			prev, ok := st.activeShares[c.Denom]
			if !ok {
				prev = math.LegacyZeroDec()
			}
			st.activeShares[c.Denom] = prev.Add(c.Amount)
		}
	}
	return st, nil
}

// loadVirtualStake reads the module's delegation on every validator and the
// native bonded stake N: total bonded tokens minus the module's bonded
// virtual stake, floored at zero.
func (k Keeper) loadVirtualStake(ctx context.Context, st *rebalanceState) error {
	dels, err := k.stakingKeeper.GetAllDelegatorDelegations(ctx, k.moduleAddress())
	if err != nil {
		return err
	}
	allianceBonded := math.ZeroInt()
	for _, d := range dels {
		v, err := k.valAddr(d.ValidatorAddress)
		if err != nil {
			return err
		}
		s, err := k.valStateOf(ctx, st, v)
		if err != nil {
			return err
		}
		if !s.found {
			continue
		}
		s.shares = d.Shares
		s.current = s.validator.TokensFromShares(d.Shares).TruncateInt()
		if s.validator.IsBonded() {
			allianceBonded = allianceBonded.Add(s.current)
		}
	}
	totalBonded, err := k.stakingKeeper.TotalBondedTokens(ctx)
	if err != nil {
		return err
	}
	st.native = totalBonded.Sub(allianceBonded)
	if st.native.IsNegative() {
		st.native = math.ZeroInt()
	}
	return nil
}

// valStateOf returns V's state, reading the validator the first time; a
// validator x/staking removed is kept with found false.
func (k Keeper) valStateOf(ctx context.Context, st *rebalanceState, v sdk.ValAddress) (*valState, error) {
	key := string(v)
	if s, ok := st.vals[key]; ok {
		return s, nil
	}
	s := &valState{addr: v, current: math.ZeroInt(), shares: math.LegacyZeroDec(), expected: math.LegacyZeroDec()}
	val, err := k.stakingKeeper.GetValidator(ctx, v)
	if err == nil {
		s.validator, s.found = val, true
	} else if !errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return nil, err
	}
	st.vals[key] = s
	return s, nil
}

// targetVirtualStake sets every active validator's expected virtual stake,
// Σ_a w_a × N × vS_{a,V} / activeShares_a, then caps the total below
// CometBFT's power limit. Every product and quotient is truncated, so a
// target never exceeds its exact value (rounding against the virtual stake).
func (k Keeper) targetVirtualStake(ctx context.Context, st *rebalanceState) {
	nativeDec := math.LegacyNewDecFromInt(st.native)
	for _, e := range st.infos {
		s := st.vals[string(e.val)]
		if !s.active() {
			continue
		}
		for _, c := range e.shares {
			a, ok := st.assets[c.Denom]
			if !ok {
				continue
			}
			tot := st.activeShares[c.Denom]
			if !tot.IsPositive() { // guarded denominator
				continue
			}
			part := a.RewardWeight.MulTruncate(nativeDec).MulTruncate(c.Amount).QuoTruncate(tot)
			s.expected = s.expected.Add(part)
		}
	}
	k.capVirtualStake(ctx, st.vals, st.native) // never past CometBFT's power limit (virtual_cap.go)
}

// applyRebalance moves the virtual stake of the validators that are off
// their target (all of them if exact, else those past the drift tolerance),
// at most limit of them when limit > 0, in retargetOrder. It returns the
// validators it re-targeted (their rewards were booked by bondVirtual /
// unbondVirtual) and whether it reached every one that was off.
func (k Keeper) applyRebalance(ctx context.Context, st *rebalanceState, exact bool, limit int) (map[string]bool, bool, error) {
	bondDenom, err := k.stakingKeeper.BondDenom(ctx)
	if err != nil {
		return nil, false, err
	}
	off := make([]*valState, 0, len(st.vals))
	for _, s := range st.vals {
		target := s.expected.TruncateInt()
		if !s.found || target.Equal(s.current) || (!exact && withinDrift(s.current, target)) {
			continue
		}
		off = append(off, s)
	}
	sort.Slice(off, func(i, j int) bool { return retargetsBefore(off[i], off[j]) })
	complete := limit <= 0 || len(off) <= limit
	if !complete {
		off = off[:limit]
	}
	retargeted := map[string]bool{}
	for _, s := range off {
		target := s.expected.TruncateInt()
		if target.GT(s.current) {
			err = k.bondVirtual(ctx, s, bondDenom, target.Sub(s.current))
		} else {
			err = k.unbondVirtual(ctx, s, bondDenom, s.current.Sub(target), target.IsZero())
		}
		if err != nil {
			return nil, false, err
		}
		retargeted[string(s.addr)] = true
		if err := k.emit(ctx, &types.RebalanceEvent{Validator: k.valString(s.addr), PreviousTokens: s.current, Tokens: target}); err != nil {
			return nil, false, err
		}
	}
	return retargeted, complete, nil
}

// retargetsBefore is the order in which a bounded pass takes the validators
// that are off: every decrease before any increase, so that a pass cut
// short never holds more virtual stake in total than before it or than its
// targets (whichever is larger: the power ceiling of virtual_cap.go holds
// for both); then the largest relative deviation first (a validator going
// to or from zero first of all); then address order, which makes the order
// total and deterministic.
func retargetsBefore(a, b *valState) bool {
	ta, tb := a.expected.TruncateInt(), b.expected.TruncateInt()
	if da, db := ta.LT(a.current), tb.LT(b.current); da != db {
		return da
	}
	// |t_a − c_a| / c_a > |t_b − c_b| / c_b, cross-multiplied (exact in
	// integers); a zero current is an infinite deviation.
	devA, devB := ta.Sub(a.current).Abs(), tb.Sub(b.current).Abs()
	switch za, zb := a.current.IsZero() || ta.IsZero(), b.current.IsZero() || tb.IsZero(); {
	case za != zb:
		return za
	case !za:
		if l, r := devA.Mul(b.current), devB.Mul(a.current); !l.Equal(r) {
			return l.GT(r)
		}
	}
	return bytes.Compare(a.addr, b.addr) < 0
}

func (k Keeper) bondVirtual(ctx context.Context, s *valState, bondDenom string, amt math.Int) error {
	coins := sdk.NewCoins(sdk.NewCoin(bondDenom, amt))
	// Book the rewards earned so far with the old stake before it changes
	// (x/distribution would otherwise pay them unbooked into the account).
	if _, err := k.ClaimValidatorRewards(ctx, s.addr); err != nil {
		return err
	}
	if err := k.bankKeeper.MintCoins(ctx, types.ModuleName, coins); err != nil {
		return err
	}
	val, err := k.stakingKeeper.GetValidator(ctx, s.addr)
	if err != nil {
		return err
	}
	_, err = k.stakingKeeper.Delegate(ctx, k.moduleAddress(), amt, stakingtypes.Unbonded, val, true)
	return err
}

func (k Keeper) unbondVirtual(ctx context.Context, s *valState, bondDenom string, amt math.Int, all bool) error {
	if _, err := k.ClaimValidatorRewards(ctx, s.addr); err != nil {
		return err
	}
	val, err := k.stakingKeeper.GetValidator(ctx, s.addr)
	if err != nil {
		return err
	}
	shares := s.shares
	if !all {
		shares, err = val.SharesFromTokens(amt)
		if err != nil {
			return err
		}
		if shares.GT(s.shares) {
			shares = s.shares
		}
	}
	if !shares.IsPositive() {
		return nil
	}
	wasBonded := val.IsBonded()
	removed, err := k.stakingKeeper.Unbond(ctx, k.moduleAddress(), s.addr, shares)
	if err != nil {
		return err
	}
	if !removed.IsPositive() {
		return nil
	}
	// Unbond leaves the tokens in the pool of the validator's status; the
	// virtual stake is burned from there, immediately (it never unbonds).
	pool := stakingtypes.NotBondedPoolName
	if wasBonded {
		pool = stakingtypes.BondedPoolName
	}
	if err := k.bankKeeper.BurnCoins(ctx, pool, sdk.NewCoins(sdk.NewCoin(bondDenom, removed))); err != nil {
		return fmt.Errorf("burn virtual stake: %w", err)
	}
	return nil
}

// Bounding the rebalance (audit F5). Every alliance message and every move
// of the native bonded stake changes the target of every validator a
// little (N and the active shares are in every target), and re-targeting a
// validator is a rewards claim plus an x/staking delegate or unbond: about
// 140k gas of store work, unmetered in EndBlock. With 30 validators one
// 142k-gas delegate of 1 utoken bought 30 of them (~4.2M gas).
//
// So the queued rebalance re-targets only the validators whose virtual stake
// is off its target by more than 1/driftTolerance (0.1 %), or must go to or
// come from zero (a validator that became inactive or active). A small
// change therefore re-targets only the validators it moved by more than
// 0.1 %, and moving every validator again takes a change of the asset or
// native totals of that size, i.e. real capital rather than a fee. Between
// full passes a validator's virtual stake, hence what its alliance stakers
// earn from it, is within 0.1 % of exact; every fullRebalanceEvery blocks
// (and whenever RebalanceBondTokenWeights is called directly) the pass is
// exact, so the drift never lasts longer than that.
//
// The number of validators one EndBlock re-targets is bounded as well:
// something that moves every target at once (a gov weight change, a large
// native delegation, the periodic exact pass) would otherwise re-target the
// whole set in one block (at 160 validators and 20 assets, about 58 ms of
// a 2-core node's EndBlock). A pass that could not reach every validator
// that is off leaves the rebalance queued, and the next block goes on with
// the validators then most off; the exact pass runs for as many blocks as
// the bonded set needs at that rate (fullPassBlocks). Until it is reached,
// a validator's virtual stake, hence what its alliance stakers earn from it,
// keeps its previous level, as between two rebalances.
const (
	driftTolerance       = 1000
	fullRebalanceEvery   = 1000 // blocks: about 1.5 h at 5 s blocks
	maxRetargetsPerBlock = 64
)

// withinDrift reports whether a validator holding current virtual tokens
// may be left alone with target: both positive and |target − current| ≤
// current / driftTolerance (compared as |target − current| × driftTolerance
// ≤ current, exact in integers).
func withinDrift(current, target math.Int) bool {
	if !current.IsPositive() || !target.IsPositive() {
		return false
	}
	return target.Sub(current).Abs().MulRaw(driftTolerance).LTE(current)
}

// rebalanceIfQueued runs a bounded rebalance if something asked for it
// (within the drift tolerance), and an exact one in the first
// fullPassBlocks blocks of every fullRebalanceEvery whether or not
// something asked. The queue stays set while a pass leaves validators off.
func (k Keeper) rebalanceIfQueued(ctx context.Context) error {
	queued, err := k.RebalanceQueued.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		queued = false
	} else if err != nil {
		return err
	}
	full, err := k.inFullPass(ctx)
	if err != nil {
		return err
	}
	if !queued && !full {
		return nil
	}
	complete, err := k.rebalance(ctx, full, maxRetargetsPerBlock)
	switch {
	case err != nil:
		return err
	case !complete:
		return k.RebalanceQueued.Set(ctx, true)
	case queued:
		return k.RebalanceQueued.Remove(ctx)
	}
	return nil
}

// inFullPass reports whether the block is one of the exact pass: the first
// ceil(MaxValidators / maxRetargetsPerBlock) blocks of every
// fullRebalanceEvery, enough for the whole bonded set at the per-block bound
// (validators outside it hold no virtual stake once a pass reached them).
func (k Keeper) inFullPass(ctx context.Context) (bool, error) {
	maxVals, err := k.stakingKeeper.MaxValidators(ctx)
	if err != nil {
		return false, err
	}
	blocks := (int64(maxVals) + maxRetargetsPerBlock - 1) / maxRetargetsPerBlock
	return sdk.UnwrapSDKContext(ctx).BlockHeight()%fullRebalanceEvery < max(blocks, 1), nil
}
