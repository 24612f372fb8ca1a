// Command token is the wrapped alliance-staking token: users deposit an alliance asset, the
// contract stakes it through the chain's alliance bindings and mints a cw20 share token at the
// exchange rate total staked / (total supply + queued shares). The staked amount is read from the chain on every
// deposit and unbond, so take-rate deductions and slashing move the rate by themselves. Native
// rewards earned by the stake are claimed through the bindings and shared by holders through a
// global reward index.
//
// Unbonding is batched by epoch: the chain allows only MaxEntries (7) immature unbonding entries
// per (delegator, validator, denom), so undelegating on every unbond would refuse the 8th user of
// an unbonding period. An unbond moves the holder's shares into the current batch (they stop
// earning rewards, but still own their part of the stake and count in the exchange rate's
// supply); once the batch's unbond_epoch has passed anyone may call process_unbonds, which
// converts the batch's shares to asset at the exchange rate of that moment (rounded down),
// burns them, undelegates that amount (one entry per validator touched) and opens the next
// batch; withdraw pays the claims of matured batches, pro rata to their shares, from what the
// chain returned. With unbond_epoch > unbonding_time / MaxEntries the cap is never hit. Take
// rate or a slash that hits the delegation while a batch waits is so shared by the batch's
// shares exactly like by the holders' shares (and so is asset-denom reward restaked meanwhile);
// queued shares earn no reward-index rewards.
//
// Rounding: every division states its direction; it always favours the remaining holders or the
// protocol over the caller, so no sequence of calls can take out more than was put in.
//
// Built with TinyGo to contracts/artifacts/token.wasm.
package main

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func init() {
	std.Register(
		std.OnInstantiate(instantiate),
		std.OnExecute(execute),
		std.OnQuery(query),
		std.OnReply(reply),
	)
}

// main is never called in a contract (the VM calls the exports); it exists for `go build`.
func main() {}

// State. A holder's balance and reward checkpoint share one record, and the supply shares one
// with the reward index: a transfer reads three values and writes two, as few as a plain cw20
// (this departs from cw20-base's raw storage layout, which no query needs).
var (
	config     = std.NewItem[Config]("config")
	allowances = std.NewMap[std.Pair[string, string], Allowance]("allowance", std.PairKey(std.StringKey, std.StringKey))
	rewards    = std.NewItem[RewardState]("pool")
	// Accounts are keyed by canonical address under a one-letter namespace: keys are paid per
	// byte on every read and write.
	holders = std.NewMap[[]byte, Holder]("a", std.BytesKey)
	// claims are keyed by (holder, batch id); batches holds the processed batches until their
	// claims are all paid.
	claims  = std.NewMap[std.Pair[string, uint64], Claim]("claims", std.PairKey(std.StringKey, std.Uint64Key))
	batches = std.NewMap[uint64, Batch]("batch", std.Uint64Key)
)

const (
	// lockedShares are minted to the contract itself on the first deposit and never move: the
	// supply can never return to zero, so the exchange rate can never be reset and a first
	// depositor cannot own 100 % of a tiny supply (the share-inflation attack).
	lockedShares = 1000
	// defaultMinInitialDeposit is the smallest first deposit (it must exceed lockedShares).
	defaultMinInitialDeposit = 10_000
	// maxFeeBps caps the protocol fee on rewards at 10 %.
	maxFeeBps      = 1000
	bpsDenominator = 10_000
	// maxValidators bounds the loops and queries of every call.
	maxValidators = 20
	// unbondingPages bounds the pages of the unbondings query (100 entries each).
	unbondingPages = 16

	replyUndelegate = 1
	replyDeposit    = 2

	// defaultUnbondEpoch (4 days, in seconds) is the shortest time between two process_unbonds
	// unless instantiate sets unbond_epoch. Every processing creates at most one unbonding entry
	// per validator, and an entry counts against the chain's cap (x/staking's MaxEntries, 7) until
	// the end of the block it completes in, so the cap can never be hit when
	// unbond_epoch > unbonding_time / MaxEntries: 4 days serves unbonding times below 28 days
	// (the usual 21 days needs more than 3).
	defaultUnbondEpoch = 4 * 24 * 3600
	// maxUnbondEpoch (60 days) bounds how long an unbond can wait to be undelegated.
	maxUnbondEpoch = 60 * 24 * 3600
	nsPerSecond    = 1_000_000_000

	defaultPageLimit = 10
	maxPageLimit     = 30
)

var (
	errUnauthorized = errors.New("unauthorized")
	errZeroAmount   = errors.New("invalid zero amount")
	errNoFunds      = errors.New("insufficient funds")
)

func u128(v uint64) std.Uint128 { return std.NewUint128(v) }

// respond returns a response whose wasm attributes are the pairs of kv (key, value, key, value,
// ...), in order. One call instead of a chain of Response.WithAttribute: wasm passes a Response
// by value as its twelve words, so each link of a chain cost about 60 bytes of code.
func respond(kv ...string) std.Response {
	attrs := make([]std.Attribute, len(kv)/2)
	for i := range attrs {
		attrs[i] = std.Attribute{Key: kv[2*i], Value: kv[2*i+1]}
	}
	return std.Response{Attributes: attrs}
}

// addMessages appends msgs to r as messages without reply (what Response.WithMessage does,
// without passing the Response by value).
func addMessages(r *std.Response, msgs ...std.CosmosMsg) {
	for _, m := range msgs {
		r.Messages = append(r.Messages, std.SubMsg{Msg: m, ReplyOn: std.ReplyNever})
	}
}

// ---- instantiate ----

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	if n := len(msg.Name); n < 3 || n > 50 {
		return std.Response{}, errors.New("name must be 3 to 50 bytes")
	}
	if n := len(msg.Symbol); n < 3 || n > 12 {
		return std.Response{}, errors.New("symbol must be 3 to 12 characters")
	}
	for _, c := range []byte(msg.Symbol) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return std.Response{}, errors.New("symbol may only contain letters and '-'")
		}
	}
	if msg.Decimals > 18 {
		return std.Response{}, errors.New("decimals must be at most 18")
	}
	if msg.AssetDenom == "" {
		return std.Response{}, errors.New("asset_denom must not be empty")
	}
	cfg := msg.Config
	if cfg.RewardDenom == "" {
		d, err := deps.Querier.QueryBondedDenom()
		if err != nil {
			return std.Response{}, err
		}
		cfg.RewardDenom = d
	}
	if cfg.RewardDenom == cfg.AssetDenom {
		return std.Response{}, errors.New("reward_denom must differ from asset_denom")
	}
	if cfg.Owner == "" {
		cfg.Owner = info.Sender
	}
	if err := deps.API.AddrValidate(cfg.Owner); err != nil {
		return std.Response{}, errors.New("invalid owner: " + err.Error())
	}
	if cfg.FeeAddress == "" {
		cfg.FeeAddress = cfg.Owner
	}
	if err := checkFee(deps, env, cfg.FeeBps, cfg.FeeAddress); err != nil {
		return std.Response{}, err
	}
	if cfg.MinInitialDeposit.IsZero() {
		cfg.MinInitialDeposit = u128(defaultMinInitialDeposit)
	}
	if cfg.MinInitialDeposit.Lte(u128(lockedShares)) {
		return std.Response{}, errors.New("min_initial_deposit must exceed the 1000 locked shares")
	}
	params, err := alliance.QueryStakingParams(deps.Querier)
	if err != nil {
		return std.Response{}, err
	}
	if cfg.UnbondEpoch == 0 {
		// 4 days, or just long enough for the chain's unbonding time (one second more than
		// unbonding_time / max_entries) where 4 days is too short.
		cfg.UnbondEpoch = defaultUnbondEpoch
		if !alliance.EpochFitsEntries(cfg.UnbondEpoch, params) && params.MaxEntries > 0 {
			cfg.UnbondEpoch = params.UnbondingTime/uint64(params.MaxEntries) + 1
		}
	}
	if err := checkUnbondEpoch(cfg.UnbondEpoch, params); err != nil {
		return std.Response{}, err
	}
	// (The chain answers the stakes query only for a listed asset.)
	if err := checkValidators(deps, env, cfg.AssetDenom, msg.Validators); err != nil {
		return std.Response{}, err
	}
	cfg.Validators = msg.Validators
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	// The first batch's epoch starts now.
	if err := rewards.Save(deps.Storage, RewardState{BatchStart: uint64(env.Block.Time)}); err != nil {
		return std.Response{}, err
	}
	return respond("action", "instantiate",
		"unbond_epoch", std.NewUint128(cfg.UnbondEpoch).String(),
		"asset_denom", cfg.AssetDenom,
		"reward_denom", cfg.RewardDenom,
		"owner", cfg.Owner), nil
}

// checkUnbondEpoch enforces unbond_epoch > unbonding_time / max_entries (the chain's values): every
// process_unbonds makes at most one unbonding entry per validator, so with a longer epoch the
// chain's cap of max_entries immature entries per validator can never refuse one (a shorter
// epoch makes process_unbonds fail until an entry matures, up to the whole unbonding time).
func checkUnbondEpoch(epoch uint64, params bt.StakingParamsResponse) error {
	if epoch > maxUnbondEpoch {
		return errors.New("unbond_epoch must be at most 5184000 seconds (60 days)")
	}
	if !alliance.EpochFitsEntries(epoch, params) {
		return errors.New("unbond_epoch must exceed the chain's unbonding time / max entries (staking_params)")
	}
	return nil
}

func checkFee(deps *std.Deps, env std.Env, bps uint32, addr string) error {
	if bps > maxFeeBps {
		return errors.New("fee_bps exceeds the cap of 1000 (10%)")
	}
	if err := deps.API.AddrValidate(addr); err != nil {
		return errors.New("invalid fee_address: " + err.Error())
	}
	// The contract's own account earns no index rewards and cannot claim (it never sends a
	// claim_rewards to itself): a fee credited to it would stay reserved for good.
	if addr == env.Contract.Address {
		return errors.New("fee_address must not be the token contract itself")
	}
	return nil
}

// checkValidators refuses an empty or too long list, duplicates and validators x/staking does not
// know (one stakes query, which also fails for an asset that is not listed).
func checkValidators(deps *std.Deps, env std.Env, asset string, vals []string) error {
	if len(vals) == 0 || len(vals) > maxValidators {
		return errors.New("validators: give 1 to 20 validators")
	}
	for i, v := range vals {
		for _, w := range vals[:i] {
			if v == w {
				return errors.New("validators: duplicate " + v)
			}
		}
	}
	stakes, _, err := alliance.QueryValidatorStakes(deps.Querier, bt.StakesRequest{Delegator: env.Contract.Address, Denom: asset, Validators: vals, Status: true})
	if err != nil {
		return errors.New("asset_denom is not an alliance asset or a validator address is invalid: " + err.Error())
	}
	for _, s := range stakes {
		if s.Status == bt.StakeRemoved {
			return errors.New("validators: " + s.Validator + " is not a known validator")
		}
	}
	return nil
}

// ---- the pool: chain stake, supply and reward index, loaded once per call ----

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
	need.Delegator, need.Denom, need.Validators = p.self, p.cfg.AssetDenom, p.cfg.Validators
	if p.stakes, p.delegated, err = alliance.QueryValidatorStakes(deps.Querier, need); err != nil {
		return nil, err
	}
	return p, nil
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
// or an unbond so saves a claim message (about 40,000 gas on the chain) per validator.
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

// loadHolder returns addr's account (zero when it has none).
func loadHolder(deps *std.Deps, addr string) (Holder, error) {
	key, err := deps.API.AddrCanonicalize(addr)
	if err != nil {
		return Holder{}, err
	}
	h, _, err := holders.MayLoad(deps.Storage, key)
	return h, err
}

func saveHolder(deps *std.Deps, addr string, h Holder) error {
	key, err := deps.API.AddrCanonicalize(addr)
	if err != nil {
		return err
	}
	if h.Balance.IsZero() && h.Pending.IsZero() {
		holders.Remove(deps.Storage, key)
		return nil
	}
	return holders.Save(deps.Storage, key, h)
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
		return balanceChange{}, errNoFunds
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

// ---- execute ----

func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	if msg.op != opDeposit && len(info.Funds) > 0 {
		return std.Response{}, errors.New(msg.Kind + " does not accept funds")
	}
	// The cw20 *_from variants move the owner's tokens, the others the sender's.
	owner := info.Sender
	if msg.op >= opTransferFrom && msg.op <= opBurnFrom {
		owner = msg.Owner
	}
	switch msg.op {
	case opDeposit:
		return executeDeposit(deps, env, info)
	case opUnbond:
		return executeUnbond(deps, env, info.Sender, info.Sender, msg.Amount, msg.Kind)
	case opWithdraw:
		return executeWithdraw(deps, env, info.Sender)
	case opProcessUnbonds:
		return executeProcessUnbonds(deps, env)
	case opClaimRewards:
		return executeClaimRewards(deps, env, info.Sender)
	case opHarvest:
		return executeHarvest(deps, env)
	case opTransfer, opTransferFrom:
		return executeTransfer(deps, env, info.Sender, owner, msg.Recipient, msg.Amount, msg.Kind)
	case opSend, opSendFrom:
		return executeSend(deps, env, info.Sender, owner, msg.Contract, msg.Amount, msg.Msg, msg.Kind)
	case opBurn, opBurnFrom:
		return executeBurn(deps, env, info.Sender, owner, msg.Amount, msg.Kind)
	case opIncreaseAllowance, opDecreaseAllowance:
		return executeAllowance(deps, env, info.Sender, msg)
	case opUpdateValidators:
		return executeUpdateValidators(deps, env, info.Sender, msg.Validators)
	case opUpdateFee:
		return executeUpdateFee(deps, env, info.Sender, msg.FeeBps, msg.FeeAddress)
	case opTransferOwnership:
		return executeTransferOwnership(deps, info.Sender, msg.NewOwner)
	case opAcceptOwnership:
		return executeAcceptOwnership(deps, info.Sender)
	case opSweep:
		return executeSweep(deps, env, msg.Denom)
	case opUpdateUnbondEpoch:
		return executeUpdateUnbondEpoch(deps, info.Sender, msg.UnbondEpoch)
	}
	return std.Response{}, errors.New("unknown execute message")
}

// executeDeposit mints shares for the deposit at the rate of now and delegates it. It writes
// nothing: the delegation's claim-before-change pays the contract the rewards that validator's
// stake has earned, and those belong to the holders before this deposit. The delegate is a
// sub-message whose response says what it paid (MsgDelegateResponse.claimed_rewards);
// completeDeposit books that into the index and only then mints (so the depositor gets none of
// it), without asking the chain for that validator's pending rewards first (a query that cost
// about a tenth of a deposit). Rewards pending on the contract's other validators are still asked
// for (and booked, not claimed), so a holder earns only for the time it held.
func executeDeposit(deps *std.Deps, env std.Env, info std.MessageInfo) (std.Response, error) {
	p, err := stakedPool(deps, env, needStakeStatus)
	if err != nil {
		return std.Response{}, err
	}
	cfg := p.cfg
	if len(info.Funds) != 1 {
		return std.Response{}, errors.New("send exactly one coin, of " + cfg.AssetDenom)
	}
	if info.Funds[0].Denom != cfg.AssetDenom {
		return std.Response{}, errors.New("wrong denom " + info.Funds[0].Denom + ": deposit " + cfg.AssetDenom)
	}
	amount := info.Funds[0].Amount
	if amount.IsZero() {
		return std.Response{}, errZeroAmount
	}
	val := p.leastStaked()
	if val == "" {
		return std.Response{}, errNoBonded
	}
	// Everything the contract holds or is owed in the reward denom except what val's delegation
	// pays: the reply adds that and books what is beyond the reserve.
	bal, err := deps.Querier.QueryBalance(p.self, p.cfg.RewardDenom)
	if err != nil {
		return std.Response{}, err
	}
	others, err := p.othersPending(deps, val)
	if err != nil {
		return std.Response{}, err
	}
	if others, err = others.CheckedAdd(bal.Amount); err != nil {
		return std.Response{}, err
	}
	// What the holders own in the asset besides the stake, priced into the deposit so a depositor
	// buys none of it: the surplus, asset no record explains (a donation), the asset-denom rewards
	// pending on the other validators (pendingRewards recorded them), and, added by the reply, what
	// val's delegation pays (learnt only from its response).
	value, err := p.assetValue(deps, amount)
	if err != nil {
		return std.Response{}, err
	}
	var minted, locked std.Uint128
	rateSupply, err := p.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	if rateSupply.IsZero() {
		// First deposit: 1 share per token, minus the locked shares.
		if amount.Lt(p.cfg.MinInitialDeposit) {
			return std.Response{}, errors.New("first deposit must be at least " + p.cfg.MinInitialDeposit.String() + p.cfg.AssetDenom)
		}
		locked = u128(lockedShares)
		minted = amount.SaturatingSub(locked) // amount > MinInitialDeposit > locked
	} else {
		if value.IsZero() {
			return std.Response{}, errors.New("the stake is worth nothing (slashed to zero): deposits are closed")
		}
		// (A deposit that would mint nothing is refused by the reply, which knows the whole value.)
	}
	sub := std.NewSubMsg(replyDeposit, alliance.DelegateMsg(val, std.Coin{Denom: p.cfg.AssetDenom, Amount: amount}), std.ReplySuccess)
	if sub.Payload, err = (depositPayload{sender: info.Sender, amount: amount, value: value, locked: locked, incoming: others, cfg: p.cfg, rs: p.rs}).encode(); err != nil {
		return std.Response{}, err
	}
	kv := []string{"action", "deposit",
		"sender", info.Sender,
		"amount", amount.String(),
		"validator", val,
		"staked_before", p.delegated.String(),
		"supply_before", rateSupply.String()}
	if !locked.IsZero() {
		kv = append(kv, "shares", minted.String(), "locked_shares", locked.String())
	}
	resp := respond(kv...)
	resp.Messages = []std.SubMsg{sub}
	return resp, nil
}

// errNoBonded: deposits are refused when no configured validator can take stake that earns.
var errNoBonded = errors.New("no configured validator is bonded (jailed, inactive, removed or worth nothing): wait for an unjail, or the owner must update_validators")

// othersPending records and returns the rewards pending on every configured validator but val
// (one stakes query with rewards, none with a single validator): val's own are paid by the
// deposit's delegation and learnt from its response.
func (p *pool) othersPending(deps *std.Deps, val string) (std.Uint128, error) {
	others := make([]string, 0, len(p.cfg.Validators))
	for _, v := range p.cfg.Validators {
		if v != val {
			others = append(others, v)
		}
	}
	if len(others) == 0 {
		return std.Uint128{}, nil
	}
	stakes, _, err := alliance.QueryValidatorStakes(deps.Querier, bt.StakesRequest{Delegator: p.self, Denom: p.cfg.AssetDenom, Validators: others, Rewards: true})
	if err != nil {
		return std.Uint128{}, err
	}
	return p.pendingRewards(stakes)
}

// depositPayload carries a deposit from executeDeposit to completeDeposit: who gets how many
// shares, the reward-denom tokens the contract held or was owed apart from the delegate's
// validator, and the config and reward state execute read. Nothing but the chain's delegate runs
// in between (x/alliance and the bank transfers it makes never call a contract), so the stored
// state is still exactly this: the reply does not read it again (two storage reads, about 4,000
// gas).
type depositPayload struct {
	sender string
	// amount deposited; value: the holders' asset before it, without val's pending asset reward
	// (assetValue); locked: the locked shares of a first deposit (else 0); incoming: see above.
	amount, value, locked, incoming std.Uint128
	cfg                             Config
	rs                              RewardState
}

// encode writes the four amounts in decimal and the sender, separated by spaces (none of them
// contains one), a newline, the config's JSON (which has no raw newline), a newline, and the
// reward state as stored (binary, last: the decoder takes everything after the second newline).
func (d depositPayload) encode() ([]byte, error) {
	var b []byte
	for _, v := range []std.Uint128{d.amount, d.value, d.locked, d.incoming} {
		b = append(append(b, v.String()...), ' ')
	}
	b = append(append(b, d.sender...), '\n')
	cfg, err := d.cfg.MarshalJSON()
	if err != nil {
		return nil, err
	}
	rs, err := d.rs.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return append(append(append(b, cfg...), '\n'), rs...), nil
}

var errBadPayload = errors.New("malformed deposit reply payload")

// cut returns b up to the first sep and the rest after it.
func cut(b []byte, sep byte) ([]byte, []byte, bool) {
	for i, c := range b {
		if c == sep {
			return b[:i], b[i+1:], true
		}
	}
	return b, nil, false
}

func decodeDepositPayload(b []byte) (depositPayload, error) {
	var d depositPayload
	for _, v := range []*std.Uint128{&d.amount, &d.value, &d.locked, &d.incoming} {
		field, rest, ok := cut(b, ' ')
		if !ok {
			return d, errBadPayload
		}
		var err error
		if *v, err = std.ParseUint128(string(field)); err != nil {
			return d, errBadPayload
		}
		b = rest
	}
	sender, rest, ok := cut(b, '\n')
	cfg, rs, ok2 := cut(rest, '\n')
	if !ok || !ok2 {
		return d, errBadPayload
	}
	d.sender = string(sender)
	if err := d.cfg.UnmarshalJSON(cfg); err != nil {
		return d, errBadPayload
	}
	if err := d.rs.UnmarshalJSON(rs); err != nil {
		return d, errBadPayload
	}
	return d, nil
}

// completeDeposit completes a deposit once the stake is delegated: it books the rewards not yet
// booked (at the supply before the deposit: what execute saw plus what the delegation paid,
// beyond the reserve), then credits the depositor's shares (and the locked shares of a first
// deposit).
func completeDeposit(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	res, err := alliance.DelegateResult(r)
	if err != nil {
		return std.Response{}, err
	}
	d, err := decodeDepositPayload(r.Payload)
	if err != nil {
		return std.Response{}, err
	}
	p := &pool{self: env.Contract.Address, cfg: d.cfg, rs: d.rs, supply: d.rs.Supply}
	claimed, asset, err := p.splitRewards(res.ClaimedRewards)
	if err != nil {
		return std.Response{}, err
	}
	p.assetPending = asset
	incoming, err := d.incoming.CheckedAdd(claimed)
	if err != nil {
		return std.Response{}, err
	}
	// Part of what the delegation paid may have been booked before (as pending): the reserve
	// covers it. Saturating: the reserve exceeds what is there only by chain-side rounding.
	fresh := incoming.SaturatingSub(p.rs.Reserved)
	if err := p.book(deps, fresh); err != nil {
		return std.Response{}, err
	}
	// The shares, at the supply and value before the deposit (val's asset reward included now).
	var minted std.Uint128
	if !d.locked.IsZero() {
		minted = d.amount.SaturatingSub(d.locked) // first deposit: amount > MinInitialDeposit > locked
	} else {
		rateSupply, err := p.rateSupply()
		if err != nil {
			return std.Response{}, err
		}
		value, err := d.value.CheckedAdd(asset)
		if err != nil {
			return std.Response{}, err
		}
		// shares = amount × (supply + queued) / value, rounded down (in favour of the holders and
		// the waiting batch); value >= d.value > 0 (checked by executeDeposit).
		if minted, err = d.amount.MulDivFloor(rateSupply, value); err != nil {
			return std.Response{}, err
		}
		if minted.IsZero() {
			return std.Response{}, errors.New("deposit too small: it would mint zero shares")
		}
	}
	user, err := p.change(deps, d.sender, minted, std.Uint128{})
	if err != nil {
		return std.Response{}, err
	}
	if err := user.save(deps); err != nil {
		return std.Response{}, err
	}
	if !d.locked.IsZero() {
		lock, err := p.change(deps, p.self, d.locked, std.Uint128{})
		if err != nil {
			return std.Response{}, err
		}
		if err := lock.save(deps); err != nil {
			return std.Response{}, err
		}
	}
	if p.supply, err = p.supply.CheckedAdd(minted); err != nil {
		return std.Response{}, err
	}
	if p.supply, err = p.supply.CheckedAdd(d.locked); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	return respond("action", "deposit_booked", "shares", minted.String(), "rewards_booked", fresh.String()), nil
}

// executeUnbond moves amount shares of from into the current batch as a claim of beneficiary (the
// sender, or the spender of a send_from to this contract). The shares leave from's balance (so
// they stop earning rewards; from is settled first) and the circulating supply, but stay in the
// exchange rate's supply as queued shares: their asset value is fixed only when process_unbonds
// burns them, so take rate and slashing until then hit them like every other share. Nothing is
// undelegated here, so the number of unbonding entries does not grow with the number of users.
func executeUnbond(deps *std.Deps, env std.Env, from, beneficiary string, amount std.Uint128, action string) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, errZeroAmount
	}
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	holder, err := p.change(deps, from, std.Uint128{}, amount)
	if err != nil {
		return std.Response{}, err
	}
	if p.supply.Lt(amount) {
		return std.Response{}, errors.New("supply is smaller than the amount unbonded") // cannot happen
	}
	rateSupply, err := p.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// What the shares are worth now, rounded down; rateSupply >= amount > 0 (checked above).
	// Only a refusal of worthless unbonds: the claim is fixed at process_unbonds.
	worth, err := amount.MulDivFloor(p.delegated, rateSupply)
	if err != nil {
		return std.Response{}, err
	}
	if worth.IsZero() {
		return std.Response{}, errors.New("unbond too small: it is worth zero " + p.cfg.AssetDenom)
	}
	key := std.Pair[string, uint64]{A: beneficiary, B: p.rs.Batch}
	c, found, err := claims.MayLoad(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	if c.Shares, err = c.Shares.CheckedAdd(amount); err != nil {
		return std.Response{}, err
	}
	if p.rs.Queued, err = p.rs.Queued.CheckedAdd(amount); err != nil {
		return std.Response{}, err
	}
	if !found {
		p.rs.BatchClaims++
	}
	p.supply = p.supply.SaturatingSub(amount) // checked above
	// Writes start here.
	if err := holder.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := claims.Save(deps.Storage, key, c); err != nil {
		return std.Response{}, err
	}
	return respond("action", action,
		"from", from,
		"beneficiary", beneficiary,
		"shares", amount.String(),
		"batch_id", std.NewUint128(p.rs.Batch).String(),
		"batch_shares", p.rs.Queued.String()), nil
}

// batchReady returns when the current batch may be processed (Unix ns): unbond_epoch after it
// opened. UnbondEpoch is at most maxUnbondEpoch, so the product fits; a sum past 2^64 ns (the
// year 2554) saturates.
func batchReady(cfg Config, rs RewardState) uint64 {
	ready := rs.BatchStart + cfg.UnbondEpoch*nsPerSecond
	if ready < rs.BatchStart {
		return ^uint64(0)
	}
	return ready
}

// executeProcessUnbonds (anyone may call it, once the current batch's epoch has elapsed)
// burns the current batch's shares at the exchange rate of now and undelegates their value, taking from the largest stakes first (one
// undelegation per validator touched, usually one), records it as a processed batch and opens the
// next one. The replies record the completion time on the batch.
func executeProcessUnbonds(deps *std.Deps, env std.Env) (std.Response, error) {
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	id := p.rs.Batch
	idStr := std.NewUint128(id).String()
	if p.rs.BatchClaims == 0 {
		return std.Response{}, errors.New("batch " + idStr + " is empty: nothing to unbond")
	}
	now := uint64(env.Block.Time)
	if ready := batchReady(p.cfg, p.rs); now < ready {
		return std.Response{}, errors.New("batch " + idStr + " cannot be processed before " + std.NewUint128(ready).String() +
			" (unix ns; unbond_epoch " + std.NewUint128(p.cfg.UnbondEpoch).String() + "s after it opened), now " + std.NewUint128(now).String())
	}
	// Settle what has matured first, so the batches not yet settled are only those still
	// unbonding (this bounds settle's walk). In the block an entry completes the chain has not
	// paid it yet: settling waits for a later call then, processing does not.
	// (settle's errors are the chain's, or a corrupt claim book: the batch is processed anyway and
	// a withdraw reports them. Not comparing with alliance.ErrUnbondingDue: an interface comparison
	// costs TinyGo about 8 KB of wasm.)
	rs := p.rs
	if settle(deps, env, p.cfg, &rs) == nil {
		p.rs = rs
	}
	if id-p.rs.FirstUnsettled >= maxBatchesInFlight {
		return std.Response{}, errors.New("too many unsettled batches: a withdraw settles the matured ones, or wait until they mature")
	}
	rateSupply, err := p.rateSupply()
	if err != nil {
		return std.Response{}, err
	}
	// The batch's value: queued * delegated / (supply + queued), rounded down (the remaining
	// holders keep the dust); rateSupply >= queued > 0 (a batch with claims has shares). At most
	// delegated, as queued <= rateSupply.
	undelegate, err := p.rs.Queued.MulDivFloor(p.delegated, rateSupply)
	if err != nil {
		return std.Response{}, err
	}
	order := make([]alliance.ValidatorStake, 0, len(p.stakes))
	for _, s := range p.stakes {
		if s.Amount.IsZero() {
			continue
		}
		i := len(order)
		order = append(order, s)
		for i > 0 && order[i-1].Amount.Lt(order[i].Amount) {
			order[i-1], order[i] = order[i], order[i-1]
			i--
		}
	}
	payload := make([]byte, 8)
	for i := range payload {
		payload[i] = byte(id >> (56 - 8*i))
	}
	var subs []std.SubMsg
	var touched []string
	left := undelegate
	for _, s := range order {
		if left.IsZero() {
			break
		}
		part := s.Amount.Min(left)
		left = left.SaturatingSub(part)
		sub := std.NewSubMsg(replyUndelegate, alliance.UndelegateMsg(s.Validator, std.Coin{Denom: p.cfg.AssetDenom, Amount: part}), std.ReplySuccess)
		sub.Payload = payload
		subs = append(subs, sub)
		touched = append(touched, s.Validator)
	}
	if !left.IsZero() {
		return std.Response{}, errors.New("stake smaller than its total") // undelegate <= delegated = sum of stakes
	}
	b := Batch{Shares: p.rs.Queued, Claims: p.rs.BatchClaims, Undelegated: undelegate}
	if undelegate.IsZero() {
		b.Completion = now // nothing to wait for: the batch settles (to nothing) at once
	}
	if p.rs.Unsettled, err = p.rs.Unsettled.CheckedAdd(undelegate); err != nil {
		return std.Response{}, err
	}
	p.rs.Batch++
	p.rs.Queued, p.rs.BatchClaims, p.rs.BatchStart = std.Uint128{}, 0, now
	if err := p.paid(touched...); err != nil { // each undelegation claims first
		return std.Response{}, err
	}
	// Writes start here.
	if err := batches.Save(deps.Storage, id, b); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "process_unbonds",
		"batch_id", idStr,
		"shares", b.Shares.String(),
		"amount", undelegate.String(),
		"claims", std.NewUint128(b.Claims).String(),
		"validators", joinComma(touched),
		"next_batch", std.NewUint128(p.rs.Batch).String())
	resp.Messages = subs
	return resp, nil
}

// executeWithdraw settles every matured batch (settle), then pays the sender's claims on settled
// batches: payout = floor(claim shares · batch payout / batch shares), down, so the claims of a batch
// never share more than it received; the dust goes to the holders' surplus when the batch's last
// claim is paid.
func executeWithdraw(deps *std.Deps, env std.Env, sender string) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	rs, err := rewards.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if err := settle(deps, env, cfg, &rs); err != nil {
		return std.Response{}, err
	}
	type entry struct {
		id uint64
		c  Claim
	}
	var mine []entry
	it := std.PrefixRange(deps.Storage, claims, sender, std.Ascending)
	for it.Next() {
		if it.Key() < rs.Batch { // the current batch is not processed yet
			mine = append(mine, entry{it.Key(), it.Value()})
		}
	}
	if err := it.Err(); err != nil {
		return std.Response{}, err
	}
	total := std.Uint128{}
	paid := 0
	for _, e := range mine {
		b, err := batches.Load(deps.Storage, e.id)
		if err != nil {
			return std.Response{}, err
		}
		if !b.Settled {
			continue
		}
		if b.Shares.IsZero() || b.Claims == 0 {
			return std.Response{}, errors.New("claim book: batch without claims") // cannot happen
		}
		// floor (dust stays with the batch); Shares >= this claim's shares > 0 (checked above).
		pay, err := e.c.Shares.MulDivFloor(b.Payout, b.Shares)
		if err != nil {
			return std.Response{}, err
		}
		if total, err = total.CheckedAdd(pay); err != nil {
			return std.Response{}, err
		}
		if b.Paid, err = b.Paid.CheckedAdd(pay); err != nil {
			return std.Response{}, err
		}
		b.Claims--
		claims.Remove(deps.Storage, std.Pair[string, uint64]{A: sender, B: e.id})
		paid++
		if b.Claims > 0 {
			if err := batches.Save(deps.Storage, e.id, b); err != nil {
				return std.Response{}, err
			}
			continue
		}
		// Last claim: Σ floor(claim_i · payout / amount) <= payout, the rest is dust.
		dust := b.Payout.SaturatingSub(b.Paid)
		if rs.Owed, err = rs.Owed.CheckedSub(dust); err != nil {
			return std.Response{}, errors.New("claim book: dust exceeds what is owed")
		}
		if rs.Surplus, err = rs.Surplus.CheckedAdd(dust); err != nil {
			return std.Response{}, err
		}
		batches.Remove(deps.Storage, e.id)
	}
	if paid == 0 {
		return std.Response{}, errors.New("no matured claims")
	}
	// Batch payouts are added to Owed when settled: it covers them.
	if rs.Owed, err = rs.Owed.CheckedSub(total); err != nil {
		return std.Response{}, errors.New("claim book: payouts exceed what is owed")
	}
	if err := rewards.Save(deps.Storage, rs); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "withdraw",
		"recipient", sender,
		"amount", total.String(),
		"claims", std.NewUint128(uint64(paid)).String())
	if !total.IsZero() { // batches slashed to nothing pay nothing
		addMessages(&resp, std.BankSendMsg(sender, std.Coin{Denom: cfg.AssetDenom, Amount: total}))
	}
	return resp, nil
}

// maxBatchesInFlight bounds the processed batches not yet settled (rs.Batch − rs.FirstUnsettled),
// and so the walk of settle. Every process_unbonds settles what is due before it opens a batch, so
// the unsettled ones are those still unbonding: unbonding_time / unbond_epoch + 1 of them (8 with
// the defaults), plus one for each process_unbonds that ran in the very block an entry completed
// (settling waits then). process_unbonds refuses to open one more only if governance lengthened
// the unbonding time about nine-fold, or if someone timed 60 calls that way; any withdraw, or the
// oldest batch maturing, frees it.
const maxBatchesInFlight = 64

// settle settles every processed batch that has matured and is not settled yet, together, against
// what the chain returned, into rs (the caller saves it). The chain slashes immature unbonding
// entries, so what comes back can be less than a batch undelegated; paying the records would take
// the difference from later claimants or from the holders.
//
// Batches usually mature in id order, but not always: after governance shortens the unbonding
// time a later batch completes before an earlier one. So the walk covers every unsettled batch
// (rs.FirstUnsettled up to the current one, at most maxBatchesInFlight) and settles each whose
// completion time has passed, wherever it is. A batch not settled now has a completion time
// still ahead: the chain has returned nothing of it, so everything that arrived belongs to the
// batches settled here and nothing of a later batch is ever counted for them.
//
//	refused   while the chain still lists an unbonding entry of the contract that is due (it pays
//	          entries at the end of the block: the balance does not show it yet)
//	received  = asset balance − owed − surplus           what came back since the last settlement
//	payout_b  = floor(undelegated_b · min(received, expected) / expected)   (alliance.ShareReceived;
//	            expected = Σ undelegated_b; down: the dust goes to the holders)
//	owed     += Σ payout_b;  surplus += received − Σ payout_b;  unsettled −= expected
//
// A slash is so shared pro rata by the batches that matured with it. Asset that reached the
// contract other than by unbonding or tracked rewards (a donation) since the last harvest counts as
// received: it can make up a shortfall, never pay a batch more than it undelegated.
func settle(deps *std.Deps, env std.Env, cfg Config, rs *RewardState) error {
	var due []uint64
	var dueBatches []Batch
	var amounts []std.Uint128
	now := uint64(env.Block.Time)
	first := rs.Batch // the lowest id still unsettled after this call
	// Bounded: process_unbonds keeps rs.Batch − rs.FirstUnsettled <= maxBatchesInFlight.
	for id := rs.FirstUnsettled; id < rs.Batch; id++ {
		b, found, err := batches.MayLoad(deps.Storage, id)
		if err != nil {
			return err
		}
		if !found || b.Settled { // settled earlier (removed once all its claims were paid)
			continue
		}
		if b.Completion == 0 || b.Completion > now {
			first = min(first, id)
			continue
		}
		due = append(due, id)
		dueBatches = append(dueBatches, b)
		amounts = append(amounts, b.Undelegated)
	}
	if len(due) == 0 {
		rs.FirstUnsettled = first
		return nil
	}
	self := env.Contract.Address
	if _, err := alliance.QueryUnbonding(deps.Querier, self, cfg.AssetDenom, now, true, unbondingPages); err != nil {
		return err
	}
	bal, err := deps.Querier.QueryBalance(self, cfg.AssetDenom)
	if err != nil {
		return err
	}
	received, err := bal.Amount.CheckedSub(rs.Owed)
	if err == nil {
		received, err = received.CheckedSub(rs.Surplus)
	}
	if err != nil {
		return errors.New("claim book: the asset balance is below what is owed")
	}
	kept, err := alliance.ShareReceived(amounts, received)
	if err != nil {
		return err
	}
	// Everything that can fail is computed before the first write.
	owed, unsettled := rs.Owed, rs.Unsettled
	for i, b := range dueBatches {
		if owed, err = owed.CheckedAdd(amounts[i]); err != nil {
			return err
		}
		// Batches are added to Unsettled when processed: it covers them.
		unsettled = unsettled.SaturatingSub(b.Undelegated)
	}
	surplus, err := rs.Surplus.CheckedAdd(kept)
	if err != nil {
		return err
	}
	for i, b := range dueBatches {
		b.Payout, b.Settled = amounts[i], true
		if err := batches.Save(deps.Storage, due[i], b); err != nil {
			return err
		}
	}
	rs.Owed, rs.Unsettled, rs.Surplus, rs.FirstUnsettled = owed, unsettled, surplus, first
	return nil
}

func executeClaimRewards(deps *std.Deps, env std.Env, sender string) (std.Response, error) {
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return std.Response{}, err
	}
	h, err := p.settle(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if sender == p.cfg.FeeAddress {
		// The fee booked by this very harvest is paid out with the rest.
		if h.Pending, err = h.Pending.CheckedAdd(p.feeCredit); err != nil {
			return std.Response{}, err
		}
		p.feeCredit = std.Uint128{}
	}
	paid := h.Pending
	if paid.IsZero() {
		return std.Response{}, errors.New("no rewards to claim")
	}
	h.Pending = std.Uint128{}
	// Everything a holder can claim was reserved when booked: this cannot underflow.
	if p.rs.Reserved, err = p.rs.Reserved.CheckedSub(paid); err != nil {
		return std.Response{}, errors.New("reward reserve smaller than a holder's rewards")
	}
	// Every delegation with pending rewards is claimed before the payment: the reserve counts
	// what the chain owes, the balance has to hold it.
	msgs, err := p.claimAll()
	if err != nil {
		return std.Response{}, err
	}
	// Writes start here.
	if err := saveHolder(deps, sender, h); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "claim_rewards",
		"recipient", sender,
		"amount", paid.String(),
		"denom", p.cfg.RewardDenom,
		"reward_index", p.rs.Index.String())
	addMessages(&resp, append(msgs, std.BankSendMsg(sender, std.Coin{Denom: p.cfg.RewardDenom, Amount: paid}))...)
	return resp, nil
}

// executeHarvest books the pending rewards (anyone may call it) and restakes asset tokens the
// contract holds beyond what claims are owed: asset-denom rewards (the take rate partly returns
// to alliance stakers in the asset itself), claimed in this call or earlier, raise the exchange
// rate for every holder.
func executeHarvest(deps *std.Deps, env std.Env) (std.Response, error) {
	p, err := harvestPool(deps, env, needStakeStatus)
	if err != nil {
		return std.Response{}, err
	}
	// Restaked: the surplus, the asset-denom rewards claimed in this call, and asset no record
	// explains (donations).
	untracked, err := p.untrackedAsset(deps, std.Uint128{})
	if err != nil {
		return std.Response{}, err
	}
	// Every delegation with pending rewards is claimed, so its asset-denom part is here for the
	// delegation below.
	msgs, err := p.claimAll()
	if err != nil {
		return std.Response{}, err
	}
	restake, err := p.rs.Surplus.CheckedAdd(p.assetPending)
	if err == nil {
		restake, err = restake.CheckedAdd(untracked)
	}
	if err != nil {
		return std.Response{}, err
	}
	val := ""
	if !restake.IsZero() {
		val = p.leastStaked()
	}
	if val == "" {
		// No configured validator is bonded: the asset waits as surplus (still the holders',
		// priced into deposits) for a harvest after the owner's update_validators or an unjail.
		// (p.save adds the rewards claimed now to the surplus; donations stay untracked.)
		restake = std.Uint128{}
	} else {
		p.rs.Surplus, p.assetPending = std.Uint128{}, std.Uint128{}
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	kv := []string{"action", "harvest",
		"reward_index", p.rs.Index.String(),
		"fee", p.feeCredit.String(),
		"restaked", restake.String()}
	// The claims go out first, so the asset they pay is here for the delegation.
	if val != "" {
		msgs = append(msgs, alliance.DelegateMsg(val, std.Coin{Denom: p.cfg.AssetDenom, Amount: restake}))
		kv = append(kv, "validator", val)
	}
	resp := respond(kv...)
	addMessages(&resp, msgs...)
	return resp, nil
}

// spend checks that spender may move amount of owner's tokens (itself, or within an unexpired
// allowance) and returns the allowance write to do, if any.
func spend(deps *std.Deps, env std.Env, spender, owner string, amount std.Uint128) (func() error, error) {
	if spender == owner {
		return func() error { return nil }, nil
	}
	key := std.Pair[string, string]{A: owner, B: spender}
	a, found, err := allowances.MayLoad(deps.Storage, key)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errors.New("no allowance for this account")
	}
	if a.Expires.expired(env.Block) {
		return nil, errors.New("allowance is expired")
	}
	if a.Amount.Lt(amount) {
		return nil, errors.New("insufficient allowance: " + a.Amount.String() + " left")
	}
	a.Amount = a.Amount.SaturatingSub(amount)
	return func() error {
		if a.Amount.IsZero() {
			allowances.Remove(deps.Storage, key)
			return nil
		}
		return allowances.Save(deps.Storage, key, a)
	}, nil
}

func executeTransfer(deps *std.Deps, env std.Env, spender, owner, recipient string, amount std.Uint128, action string) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, errZeroAmount
	}
	if err := deps.API.AddrValidate(recipient); err != nil {
		return std.Response{}, errors.New("invalid recipient: " + err.Error())
	}
	if err := moveTokens(deps, env, spender, owner, recipient, amount); err != nil {
		return std.Response{}, err
	}
	kv := []string{"action", action,
		"from", owner,
		"to", recipient,
		"amount", amount.String()}
	if spender != owner {
		kv = append(kv, "by", spender)
	}
	return respond(kv...), nil
}

// moveTokens moves amount from owner to recipient (spent by spender), settling both holders'
// rewards first. It books every reward earned up to now (harvestPool: what the chain would pay,
// without claiming it) before the balances change, so the sender keeps what its shares earned
// while it held them and the recipient earns only from now on. Without that, whoever held the
// shares at the next booking took the rewards of the time before (a buyer through an AMM pool or
// a borrower could receive shares, claim and return them in one block).
func moveTokens(deps *std.Deps, env std.Env, spender, owner, recipient string, amount std.Uint128) error {
	allow, err := spend(deps, env, spender, owner, amount)
	if err != nil {
		return err
	}
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return err
	}
	from, err := p.change(deps, owner, std.Uint128{}, amount)
	if err != nil {
		return err
	}
	if err := from.save(deps); err != nil { // saved first so a self-transfer reads it back
		return err
	}
	to, err := p.change(deps, recipient, amount, std.Uint128{})
	if err != nil {
		return err // cannot happen after the debit succeeded (the total fits in the supply)
	}
	if err := to.save(deps); err != nil {
		return err
	}
	if err := p.save(deps); err != nil { // the index, the reserve and the fee booked above
		return err
	}
	return allow()
}

func executeSend(deps *std.Deps, env std.Env, spender, owner, contract string, amount std.Uint128, hook []byte, action string) (std.Response, error) {
	if contract == env.Contract.Address {
		// Sending to this contract unbonds: {"unbond":{}} is the only hook it understands.
		var h HookMsg
		if err := h.UnmarshalJSON(hook); err != nil {
			return std.Response{}, errors.New("send to the token contract: msg must be {\"unbond\":{}}: " + err.Error())
		}
		if amount.IsZero() {
			return std.Response{}, errZeroAmount
		}
		allow, err := spend(deps, env, spender, owner, amount)
		if err != nil {
			return std.Response{}, err
		}
		resp, err := executeUnbond(deps, env, owner, spender, amount, action)
		if err != nil {
			return std.Response{}, err
		}
		return resp, allow()
	}
	resp, err := executeTransfer(deps, env, spender, owner, contract, amount, action)
	if err != nil {
		return std.Response{}, err
	}
	msg, err := std.WasmExecuteMsg(contract, marshalFunc(ReceiveMsg{Sender: spender, Amount: amount, Msg: hook}.MarshalJSON))
	if err != nil {
		return std.Response{}, err
	}
	addMessages(&resp, msg)
	return resp, nil
}

func executeBurn(deps *std.Deps, env std.Env, spender, owner string, amount std.Uint128, action string) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, errZeroAmount
	}
	allow, err := spend(deps, env, spender, owner, amount)
	if err != nil {
		return std.Response{}, err
	}
	// Rewards earned up to now are booked first, so the burner keeps what its shares earned and
	// the remaining holders only gain the burned shares' stake.
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return std.Response{}, err
	}
	c, err := p.change(deps, owner, std.Uint128{}, amount)
	if err != nil {
		return std.Response{}, err
	}
	// The burned shares' stake stays: their value goes to the remaining holders.
	p.supply = p.supply.SaturatingSub(amount)
	if err := c.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	if err := allow(); err != nil {
		return std.Response{}, err
	}
	return respond("action", action,
		"from", owner,
		"by", spender,
		"amount", amount.String()), nil
}

func executeAllowance(deps *std.Deps, env std.Env, owner string, msg ExecuteMsg) (std.Response, error) {
	if err := deps.API.AddrValidate(msg.Spender); err != nil {
		return std.Response{}, errors.New("invalid spender: " + err.Error())
	}
	if msg.Spender == owner {
		return std.Response{}, errors.New("cannot set an allowance for yourself")
	}
	if msg.Expires != nil && msg.Expires.expired(env.Block) {
		return std.Response{}, errors.New("expiration is already in the past")
	}
	key := std.Pair[string, string]{A: owner, B: msg.Spender}
	a, found, err := allowances.MayLoad(deps.Storage, key)
	if err != nil {
		return std.Response{}, err
	}
	if found && a.Expires.expired(env.Block) {
		a = Allowance{} // an expired allowance counts as none
	}
	if msg.Expires != nil {
		a.Expires = *msg.Expires
	}
	if msg.op == opIncreaseAllowance {
		if a.Amount, err = a.Amount.CheckedAdd(msg.Amount); err != nil {
			return std.Response{}, err
		}
	} else {
		a.Amount = a.Amount.SaturatingSub(msg.Amount)
	}
	if a.Amount.IsZero() {
		allowances.Remove(deps.Storage, key)
	} else if err := allowances.Save(deps.Storage, key, a); err != nil {
		return std.Response{}, err
	}
	return respond("action", msg.Kind,
		"owner", owner,
		"spender", msg.Spender,
		"amount", msg.Amount.String(),
		"allowance", a.Amount.String()), nil
}

// ---- owner actions ----

func ownerConfig(deps *std.Deps, sender string) (Config, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return cfg, err
	}
	if sender != cfg.Owner {
		return cfg, errUnauthorized
	}
	return cfg, nil
}

func executeUpdateValidators(deps *std.Deps, env std.Env, sender string, vals []string) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if err := checkValidators(deps, env, cfg.AssetDenom, vals); err != nil {
		return std.Response{}, err
	}
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	// Move every stake on a dropped validator to the kept validator with the least stake.
	load := make([]std.Uint128, len(vals))
	for i, v := range vals {
		load[i] = p.stakeOf(v)
	}
	var msgs []std.CosmosMsg
	var touched []string
	for _, s := range p.stakes {
		kept := false
		for _, v := range vals {
			kept = kept || v == s.Validator
		}
		if kept || s.Amount.IsZero() {
			continue
		}
		// To the kept validator with the least load whose pool is not worthless (x/alliance
		// refuses new stake on one: worthless).
		dst := -1
		for i := range vals {
			if !p.worthless(vals[i]) && (dst < 0 || load[i].Lt(load[dst])) {
				dst = i
			}
		}
		if dst < 0 {
			return std.Response{}, errors.New("every kept validator's stake is worth nothing: keep another one")
		}
		load[dst] = load[dst].SaturatingAdd(s.Amount)
		msgs = append(msgs, alliance.RedelegateMsg(s.Validator, vals[dst], std.Coin{Denom: p.cfg.AssetDenom, Amount: s.Amount}))
		touched = append(touched, s.Validator, vals[dst])
	}
	p.cfg.Validators = vals
	if err := p.paid(touched...); err != nil { // each redelegation claims first, on both ends
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, p.cfg); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "update_validators",
		"validators", joinComma(vals),
		"redelegations", std.NewUint128(uint64(len(msgs))).String())
	addMessages(&resp, msgs...)
	return resp, nil
}

func joinComma(l []string) string {
	out := ""
	for i, s := range l {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}

func executeUpdateFee(deps *std.Deps, env std.Env, sender string, bps uint32, addr string) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if addr == "" {
		addr = cfg.FeeAddress
	}
	if err := checkFee(deps, env, bps, addr); err != nil {
		return std.Response{}, err
	}
	// Rewards earned so far pay the old fee to the old address.
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	p.cfg.FeeBps, p.cfg.FeeAddress = bps, addr
	if err := config.Save(deps.Storage, p.cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "update_fee",
		"fee_bps", std.NewUint128(uint64(bps)).String(),
		"fee_address", addr), nil
}

// executeSweep (anyone may call it) sends the contract's whole balance of denom to the fee
// address. The stake earns rewards in every denom the chain distributes: fees paid in other
// tokens, and other alliance assets' take rate. The reward index books one denom (the bond
// denom) and the asset is restaked, so any other denom would otherwise stay in the contract for
// good; as protocol revenue it reaches the fee address, which may be a contract that converts it
// and sends it back (a transfer of the reward denom to this contract is booked for the holders
// by the next harvest). The reward denom (owed to holders) and the asset (owed to claims, or
// restaked) cannot be swept.
func executeSweep(deps *std.Deps, env std.Env, denom string) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if denom == "" || denom == cfg.AssetDenom || denom == cfg.RewardDenom {
		return std.Response{}, errors.New("cannot sweep " + denom + ": only denoms other than " + cfg.AssetDenom + " and " + cfg.RewardDenom)
	}
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, denom)
	if err != nil {
		return std.Response{}, err
	}
	if bal.Amount.IsZero() {
		return std.Response{}, errors.New("no " + denom + " to sweep")
	}
	resp := respond("action", "sweep",
		"denom", denom,
		"amount", bal.Amount.String(),
		"recipient", cfg.FeeAddress)
	addMessages(&resp, std.BankSendMsg(cfg.FeeAddress, bal))
	return resp, nil
}

// executeUpdateUnbondEpoch (owner) sets the epoch, checked against the chain's staking
// parameters of now: after governance lengthens the unbonding time, a longer epoch keeps
// process_unbonds clear of the entry cap. The current batch's readiness moves with it.
func executeUpdateUnbondEpoch(deps *std.Deps, sender string, epoch uint64) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	params, err := alliance.QueryStakingParams(deps.Querier)
	if err != nil {
		return std.Response{}, err
	}
	if err := checkUnbondEpoch(epoch, params); err != nil {
		return std.Response{}, err
	}
	cfg.UnbondEpoch = epoch
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "update_unbond_epoch", "unbond_epoch", std.NewUint128(epoch).String()), nil
}

func executeTransferOwnership(deps *std.Deps, sender, newOwner string) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if err := deps.API.AddrValidate(newOwner); err != nil {
		return std.Response{}, errors.New("invalid new_owner: " + err.Error())
	}
	cfg.PendingOwner = newOwner
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "transfer_ownership",
		"owner", cfg.Owner,
		"pending_owner", newOwner), nil
}

func executeAcceptOwnership(deps *std.Deps, sender string) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if cfg.PendingOwner == "" || sender != cfg.PendingOwner {
		return std.Response{}, errUnauthorized
	}
	previous := cfg.Owner
	cfg.Owner, cfg.PendingOwner = sender, ""
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "accept_ownership",
		"previous_owner", previous,
		"owner", sender), nil
}

// ---- reply ----

func reply(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	if r.ID == replyDeposit {
		return completeDeposit(deps, env, r)
	}
	if r.ID != replyUndelegate {
		return std.Response{}, errors.New("unknown reply id")
	}
	res, err := alliance.UndelegateResult(r)
	if err != nil {
		return std.Response{}, err
	}
	if len(r.Payload) != 8 {
		return std.Response{}, errors.New("reply payload is not a batch id")
	}
	var id uint64
	for _, b := range r.Payload {
		id = id<<8 | uint64(b)
	}
	b, err := batches.Load(deps.Storage, id)
	if err != nil {
		return std.Response{}, err
	}
	// One reply per validator: the batch is due when the last of its entries completes.
	if res.CompletionTime > b.Completion {
		b.Completion = res.CompletionTime
	}
	if err := batches.Save(deps.Storage, id, b); err != nil {
		return std.Response{}, err
	}
	return respond("action", "unbond_scheduled",
		"batch_id", std.NewUint128(id).String(),
		"completion_time", std.NewUint128(b.Completion).String()), nil
}
