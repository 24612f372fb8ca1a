package main

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// pool is the chain stake, the supply and the reward index, loaded once per call.
type pool struct {
	self string
	cfg  Config
	// stakes are the contract's stakes on the configured validators, with their status.
	stakes    []alliance.ValidatorStake
	delegated std.Uint128 // asset tokens delegated by the contract (after take rate and slashing)
	// supply is the circulating supply (the holders' balances); the shares queued in the current
	// batch (rs.Queued) are not in it but still own their part of delegated until processed.
	supply    std.Uint128
	rs        RewardState
	feeCredit std.Uint128 // protocol fee booked by this harvest, credited to cfg.FeeAddress
	// claimVals are the validators with pending rewards, claimAsset the asset-denom part of each
	// (the take rate flows back to alliance stakers as rewards partly in the asset itself).
	claimVals  []string
	claimAsset []std.Uint128
	// assetPending is the asset-denom reward paid to the contract in this call (by its claims, or
	// by a delegate/undelegate/redelegate, which claims first): it joins the surplus on save.
	assetPending std.Uint128
	// seen are the unsettled batches' entries as this call first saw the asset delisted
	// (windDownEntries), recorded on save.
	seen []seenBatch
}

// loadPool reads the stored state without touching the chain.
func loadPool(deps *std.Deps, env std.Env) (*pool, error) {
	p := &pool{self: env.Contract.Address}
	var err error
	if p.rs, err = rewards.Load(deps.Storage); err != nil {
		return nil, err
	}
	p.supply = p.rs.Supply
	if p.cfg, err = config.Load(deps.Storage); err != nil {
		return nil, err
	}
	return p, nil
}

// harvestPool loads the pool and books into the reward index every reward the stake has earned
// up to now: the reward tokens the contract holds beyond what is already reserved, plus what a
// claim of each delegation would pay now (the claims are sent in this call's response, or paid by
// the delegate/undelegate/redelegate of the same validator, which claims first). Nothing is
// written; the caller saves with p.save.
func harvestPool(deps *std.Deps, env std.Env, need bt.StakesRequest) (*pool, error) {
	need.Rewards = true
	p, err := stakedPool(deps, env, need)
	if err != nil {
		return nil, err
	}
	bal, err := deps.Querier.QueryBalance(p.self, p.cfg.RewardDenom)
	if err != nil {
		return nil, err
	}
	pending, err := p.pendingRewards(p.stakes)
	if err != nil {
		return nil, err
	}
	incoming, err := bal.Amount.CheckedAdd(pending)
	if err != nil {
		return nil, err
	}
	// Rewards not yet booked. The reserve can exceed what is there only by rounding on the chain
	// side; then nothing is new (saturating).
	return p, p.book(deps, incoming.SaturatingSub(p.rs.Reserved))
}

// stakedPool loads the stored state and asks one stakes query about every configured validator:
// the parts need sets (Amount: the contract's stake and its total in p.delegated; Status; Rewards:
// each delegation's pending rewards), each paid for only when asked. (Stake can only be on
// configured validators: update_validators moves everything off a dropped one, except a delegation
// worth nothing.)
func stakedPool(deps *std.Deps, env std.Env, need bt.StakesRequest) (*pool, error) {
	p, err := loadPool(deps, env)
	if err != nil {
		return nil, err
	}
	if p.rs.Final {
		// The wind-down is over: nothing is staked, nothing is pending, and the chain no longer
		// answers for the asset.
		p.stakes = noStakes(p.cfg.Validators)
		return p, nil
	}
	need.Delegator, need.Denom, need.Validators = p.self, p.cfg.AssetDenom, p.cfg.Validators
	if p.stakes, p.delegated, err = alliance.QueryValidatorStakes(deps.Querier, need); err != nil {
		return p, p.removedAsset(deps, env, err)
	}
	return p, p.watchDelisting(deps, env, need)
}

// The parts of the stakes query a call needs besides the rewards (harvestPool always asks those).
var (
	needStake       = bt.StakesRequest{Amount: true}
	needStakeStatus = bt.StakesRequest{Amount: true, Status: true}
	needBooking     = bt.StakesRequest{}
)

// pendingRewards records, from a stakes answer with rewards, what a claim of each delegation
// would pay now (each validator's asset-denom part is kept in claimAsset) and returns the
// reward-denom total.
//
// Booking pending rewards does not need claiming them: what holders may claim is reserved
// against the balance plus what the chain owes (harvestPool counts both), and only the calls
// that pay rewards out (claim_rewards) or restake the asset-denom part (harvest) claim. A deposit
// or an unbond so saves a claim message per validator (README.md "Gas").
func (p *pool) pendingRewards(stakes []alliance.ValidatorStake) (std.Uint128, error) {
	total := std.Uint128{}
	for _, s := range stakes {
		if len(s.Rewards) == 0 {
			continue
		}
		r, a, err := p.splitRewards(s.Rewards)
		if err != nil {
			return total, err
		}
		if total, err = total.CheckedAdd(r); err != nil {
			return total, err
		}
		p.claimVals = append(p.claimVals, s.Validator)
		p.claimAsset = append(p.claimAsset, a)
	}
	return total, nil
}

// splitRewards returns the reward-denom and the asset-denom parts of coins.
func (p *pool) splitRewards(coins []bt.Coin) (reward, asset std.Uint128, err error) {
	if reward, err = alliance.CoinAmount(coins, p.cfg.RewardDenom); err != nil {
		return
	}
	asset, err = alliance.CoinAmount(coins, p.cfg.AssetDenom)
	return
}

// paid records that the delegations on vals pay their pending rewards in this call (they are
// claimed, or changed: a change claims first), so their asset-denom part joins the surplus.
func (p *pool) paid(vals ...string) error {
	for i, v := range p.claimVals {
		for _, t := range vals {
			if t == v {
				var err error
				if p.assetPending, err = p.assetPending.CheckedAdd(p.claimAsset[i]); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// claimAll returns a claim for every delegation with pending rewards, and records them as paid.
func (p *pool) claimAll() ([]std.CosmosMsg, error) {
	var out []std.CosmosMsg
	for _, v := range p.claimVals {
		out = append(out, alliance.ClaimRewardsMsg(v, p.cfg.AssetDenom))
	}
	return out, p.paid(p.claimVals...)
}

// book shares fresh reward tokens (arrived or arriving in this call, not yet booked) between
// the protocol fee and the reward-bearing holders through the index, and reserves what they can
// claim. Nothing is written.
func (p *pool) book(deps *std.Deps, fresh std.Uint128) error {
	if fresh.IsZero() {
		return nil
	}
	// Fee rounds down (in favour of holders); bpsDenominator is a non-zero constant.
	fee, err := fresh.MulDivFloor(u128(uint64(p.cfg.FeeBps)), u128(bpsDenominator))
	if err != nil {
		return err
	}
	rest := fresh.SaturatingSub(fee)
	bearing := p.rewardBearing()
	distributed := std.Uint128{}
	if bearing.IsZero() {
		// Nobody but the locked shares holds tokens: nobody can earn, the protocol takes it.
		fee, rest = fresh, std.Uint128{}
	} else if !rest.IsZero() {
		// Index step rounds down to 18 places (never books more than arrived); the guard above
		// makes the denominator non-zero. The reserve grows by bearing*delta rounded UP: holders'
		// settlements floor bearing*(sum of steps), which can exceed the sum of floored steps, so
		// only the ceiling keeps every holder's claim covered. It never exceeds rest (an integer
		// at least bearing*delta). On overflow the rewards stay unbooked for a later call.
		if delta, err := std.DecimalFromRatioFloor(rest, bearing); err == nil {
			if idx, err := p.rs.Index.CheckedAdd(delta); err == nil {
				if d, err := bearing.MulCeil(delta); err == nil {
					p.rs.Index, distributed = idx, d
				}
			}
		}
	}
	// What holders and the fee address can ever claim is at most distributed + fee (holders'
	// shares round down in settle); what is left of fresh stays unreserved, booked next time.
	if p.rs.Reserved, err = p.rs.Reserved.CheckedAdd(fee); err != nil {
		return err
	}
	if p.rs.Reserved, err = p.rs.Reserved.CheckedAdd(distributed); err != nil {
		return err
	}
	if p.feeCredit, err = p.feeCredit.CheckedAdd(fee); err != nil {
		return err
	}
	return nil
}

// untrackedAsset is the asset the contract holds that no record explains (a donation by bank send),
// leaving out incoming (this call's deposit): balance − incoming − owed − surplus − what unsettled
// batches may have returned already, when positive. That last bound is what they undelegated less
// what the chain still lists as unbonding; a slashed entry lists less, so the bound errs on the
// claimants' side (the part of a donation as large as the slash is counted next time).
func (p *pool) untrackedAsset(deps *std.Deps, incoming std.Uint128) (std.Uint128, error) {
	have, err := deps.Querier.QueryBalance(p.self, p.cfg.AssetDenom)
	if err != nil {
		return std.Uint128{}, err
	}
	inFlight := std.Uint128{}
	if !p.rs.Unsettled.IsZero() {
		if inFlight, err = alliance.QueryUnbonding(deps.Querier, p.self, p.cfg.AssetDenom, 0, false, unbondingPages); err != nil {
			return std.Uint128{}, err
		}
	}
	return have.Amount.SaturatingSub(incoming).SaturatingSub(p.rs.Owed).SaturatingSub(p.rs.Surplus).SaturatingSub(p.rs.Unsettled.SaturatingSub(inFlight)), nil
}

// assetValue is what the holders (and the waiting batch) own in the asset: the stake, the
// surplus, the untracked asset, and the asset-denom rewards pending on the validators
// pendingRewards asked (claimAsset). incoming is asset in the balance that is not theirs yet.
func (p *pool) assetValue(deps *std.Deps, incoming std.Uint128) (std.Uint128, error) {
	v, err := p.untrackedAsset(deps, incoming)
	if err != nil {
		return v, err
	}
	for _, a := range append([]std.Uint128{p.delegated, p.rs.Surplus}, p.claimAsset...) {
		if v, err = v.CheckedAdd(a); err != nil {
			return v, err
		}
	}
	return v, nil
}

// rateSupply is the exchange rate's denominator: the circulating supply and the shares queued for
// unbonding (they own stake until process_unbonds burns them).
func (p *pool) rateSupply() (std.Uint128, error) { return p.supply.CheckedAdd(p.rs.Queued) }

// rewardBearing is the supply that earns rewards: everything but the contract's own balance
// (the locked shares and anything sent to the contract's address, rs.Own).
func (p *pool) rewardBearing() std.Uint128 { return p.supply.SaturatingSub(p.rs.Own) }

// settle returns addr's record with its reward checkpoint brought up to the pool's index for
// its balance (nothing is written).
func (p *pool) settle(deps *std.Deps, addr string) (Holder, error) {
	h, err := loadHolder(deps, addr)
	if err != nil {
		return h, err
	}
	if addr != p.self && !h.Balance.IsZero() {
		step, err := p.rs.Index.CheckedSub(h.Index)
		if err != nil {
			return h, err // the index only grows: a checkpoint above it is corrupt state
		}
		// Holder's share rounds down (in favour of the other holders; the dust stays reserved).
		earned, err := h.Balance.MulFloor(step)
		if err != nil {
			return h, err
		}
		if h.Pending, err = h.Pending.CheckedAdd(earned); err != nil {
			return h, err
		}
	}
	h.Index = p.rs.Index
	return h, nil
}

// save writes the reward state and the fee credit. The asset-denom rewards found by the harvest
// are paid to the contract in this call (every call that harvests claims every delegation with
// rewards, or changes it, which claims first; the chain's rewards query is what a claim pays): they
// belong to the holders and join the surplus, so a settlement never counts them as unbonding.
func (p *pool) save(deps *std.Deps) error {
	p.rs.Supply = p.supply
	var err error
	if p.rs.Surplus, err = p.rs.Surplus.CheckedAdd(p.assetPending); err != nil {
		return err
	}
	p.assetPending = std.Uint128{}
	if err := rewards.Save(deps.Storage, p.rs); err != nil {
		return err
	}
	if err := p.saveSeen(deps); err != nil {
		return err
	}
	if p.feeCredit.IsZero() {
		return nil
	}
	h, err := p.settle(deps, p.cfg.FeeAddress)
	if err != nil {
		return err
	}
	if h.Pending, err = h.Pending.CheckedAdd(p.feeCredit); err != nil {
		return err
	}
	return saveHolder(deps, p.cfg.FeeAddress, h)
}

// leastStaked is the configured validator with the least stake from this contract (the first
// on ties) that can take a delegation and earns, or "" when none can: one that is not bonded
// (jailed, outside the bonded set, or removed from x/staking, which refuses delegations) is
// skipped, as x/alliance would accept the delegation on a jailed one but the stake earns nothing
// there; so is one where the contract's delegation is worth nothing (worthless). The statuses
// come with the stakes query: no query per candidate.
func (p *pool) leastStaked() string {
	best := -1
	for i, s := range p.stakes {
		if s.Earning() && !p.worthless(s.Validator) && (best < 0 || s.Amount.Lt(p.stakes[best].Amount)) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return p.stakes[best].Validator
}

// worthless says whether the contract's delegation on v exists but is worth nothing (a 100 %
// slash, or the take rate, left shares without tokens). Alliance shares of one (validator, asset)
// are priced alike for every delegator, so the whole pool is worthless and x/alliance refuses new
// stake there (ErrWorthlessShares): a deposit or harvest choosing v would fail every time.
func (p *pool) worthless(v string) bool {
	for _, s := range p.stakes {
		if s.Validator == v {
			return s.Worthless
		}
	}
	return false
}

func (p *pool) stakeOf(v string) std.Uint128 {
	for _, s := range p.stakes {
		if s.Validator == v {
			return s.Amount
		}
	}
	return std.Uint128{}
}

// balanceChange is one account's record after a balance change, settled first.
type balanceChange struct {
	addr   string
	holder Holder
}

// change settles addr and computes its balance after adding add and removing sub.
func (p *pool) change(deps *std.Deps, addr string, add, sub std.Uint128) (balanceChange, error) {
	h, err := p.settle(deps, addr)
	if err != nil {
		return balanceChange{}, err
	}
	if h.Balance.Lt(sub) {
		return balanceChange{}, ErrInsufficientFunds
	}
	if h.Balance, err = h.Balance.SaturatingSub(sub).CheckedAdd(add); err != nil {
		return balanceChange{}, err
	}
	if addr == p.self { // saved with the pool: every caller saves both
		p.rs.Own = h.Balance
	}
	return balanceChange{addr: addr, holder: h}, nil
}

func (c balanceChange) save(deps *std.Deps) error { return saveHolder(deps, c.addr, c.holder) }
