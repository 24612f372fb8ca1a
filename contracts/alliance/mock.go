//go:build !tinygo.wasm

package alliance

// Mock is an in-memory model of the chain's alliance module (and of the bank, through std.Mock's
// querier balances) for native contract tests. It answers the custom queries of the bindings and
// executes the messages a contract returns (Run), calling the contract's reply entry point for
// sub-messages that ask for one, as wasmd does. Tests program it directly: fund accounts, add
// rewards, simulate the take rate and slashing, mature unbondings.
//
// It follows the chain where a contract could notice: delegate, undelegate and redelegate pay the
// delegation's pending rewards first (claim before change); an absent delegation queries as a
// zero amount but has no rewards (error); unbonding entries are capped per (delegator, validator,
// denom); times are the host's block time.
//
// It is transactional like the chain: NewMock registers the module's state with the host
// (std.Mock.Track), so a failed call reverts the bank balances, delegations, unbondings and
// redelegations together with the contract's storage. Run reverts everything its messages and
// replies wrote when it fails; a sub-message that fails with a reply on error reverts only its
// own writes before the reply runs; Execute runs a whole transaction (funds, execute, messages,
// replies). State a test keeps elsewhere (a fake contract behind WasmExecute) reverts only if
// the test registers it with Host.Track too.

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"

	sdkmath "cosmossdk.io/math"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// DefaultUnbondingTime is the mock's unbonding time: 21 days in nanoseconds.
const DefaultUnbondingTime = 21 * 24 * 3600 * 1_000_000_000

// Mock models x/alliance behind a std.Mock.
type Mock struct {
	Host *std.Mock
	// UnbondingTime is added to the block time for undelegations and redelegations (ns).
	UnbondingTime uint64
	// MaxEntries caps unbonding entries per (delegator, validator, denom), as the chain does.
	MaxEntries int
	Params     bt.AllianceParamsResponse
	// Alliances are the listed assets by denom; delegating an unlisted denom fails.
	Alliances map[string]bt.AllianceResponse
	// Validators are the known validator addresses.
	Validators map[string]bool
	// WasmExecute handles wasm execute messages met by Run (e.g. a cw20 Receive hook); nil
	// makes them fail.
	WasmExecute func(sender, contract string, msg []byte, funds []std.Coin) error
	// TokenFactory, once AddTokenFactory installed it, executes the token factory custom
	// messages ({"token_factory": …}) and answers their queries.
	TokenFactory *tokenfactory.Mock

	dels          map[delKey]*delegation
	unbondings    []entry
	redelegations []redelegation
	// jailed validators stay in x/staking (delegations accepted) but earn nothing; removed ones
	// are gone from x/staking (see RemoveValidator); booked ones are removed validators on which
	// the module still books alliance stake, so its delegation queries still answer for them.
	jailed, removed, booked map[string]bool
}

// The module accounts of the mock's bank: the alliance module holds every delegated and
// unbonding token; slashes and the take rate move tokens from it to the fee collector.
const (
	ModuleAccount       = "alliance_module"
	FeeCollectorAccount = "fee_collector"
)

type delKey struct{ Delegator, Validator, Denom string }

type delegation struct {
	Amount  std.Uint128
	Rewards map[string]std.Uint128
}

type entry struct {
	Delegator string
	bt.Unbonding
}

type redelegation struct {
	Delegator string
	bt.Redelegation
}

// NewMock installs an alliance module on host's querier with the listed denoms and validators.
func NewMock(host *std.Mock, denoms []string, validators []string) *Mock {
	m := &Mock{
		Host: host, UnbondingTime: DefaultUnbondingTime, MaxEntries: 7,
		Alliances: map[string]bt.AllianceResponse{}, Validators: map[string]bool{},
		dels: map[delKey]*delegation{}, jailed: map[string]bool{}, removed: map[string]bool{}, booked: map[string]bool{},
	}
	for _, d := range denoms {
		m.Alliances[d] = bt.AllianceResponse{Denom: d, RewardWeight: "1.000000000000000000", TakeRate: "0.000000000000000000",
			TotalTokens: "0", TotalValidatorShares: "0.000000000000000000", RewardChangeRate: "1.000000000000000000",
			RewardWeightRange: bt.RewardWeightRange{Min: "0.000000000000000000", Max: "5.000000000000000000"}, IsInitialized: true}
	}
	for _, v := range validators {
		m.Validators[v] = true
	}
	host.Querier.Custom = m.Query
	host.Track(m.snapshot)
	return m
}

// AddTokenFactory installs the chain's token factory (tokenfactory.Mock) next to the module, as
// the chain has both: {"token_factory": …} custom messages run there (a failed one reverts, as
// on the chain) and its queries are answered there, the alliance ones still here.
func (m *Mock) AddTokenFactory() *tokenfactory.Mock {
	if m.TokenFactory == nil {
		m.TokenFactory = tokenfactory.NewMock(m.Host)
	}
	return m.TokenFactory
}

// snapshot captures the module's mutable state for a transaction (see std.Mock.Track).
func (m *Mock) snapshot() (restore func()) {
	dels := make(map[delKey]*delegation, len(m.dels))
	for k, d := range m.dels {
		c := &delegation{Amount: d.Amount, Rewards: make(map[string]std.Uint128, len(d.Rewards))}
		for denom, a := range d.Rewards {
			c.Rewards[denom] = a
		}
		dels[k] = c
	}
	unbondings := append([]entry(nil), m.unbondings...)
	redelegations := append([]redelegation(nil), m.redelegations...)
	return func() {
		m.dels, m.unbondings, m.redelegations = dels, unbondings, redelegations
	}
}

func (m *Mock) now() uint64 { return uint64(m.Host.Env.Block.Time) }

// ---- bank ----

// Balance returns addr's bank balance of denom.
func (m *Mock) Balance(addr, denom string) std.Uint128 {
	return std.FindCoin(m.Host.Querier.Balances[addr], denom)
}

func (m *Mock) setBalance(addr, denom string, amount std.Uint128) {
	m.Host.Querier.SetDenomBalance(addr, denom, amount)
}

// Fund adds coins to addr's bank balance.
func (m *Mock) Fund(addr string, coins ...std.Coin) {
	for _, c := range coins {
		m.setBalance(addr, c.Denom, m.Balance(addr, c.Denom).SaturatingAdd(c.Amount))
	}
}

// Send moves coins between bank balances.
func (m *Mock) Send(from, to string, coins ...std.Coin) error {
	for _, c := range coins {
		if m.Balance(from, c.Denom).Lt(c.Amount) {
			return errInsufficientFunds("insufficient funds: " + from + " has " + m.Balance(from, c.Denom).String() + c.Denom + ", needs " + c.Amount.String())
		}
	}
	for _, c := range coins {
		m.setBalance(from, c.Denom, m.Balance(from, c.Denom).SaturatingSub(c.Amount))
		m.setBalance(to, c.Denom, m.Balance(to, c.Denom).SaturatingAdd(c.Amount))
	}
	return nil
}

// ---- programmable state ----

// Delegation returns the token amount of a delegation (0 when absent).
func (m *Mock) Delegation(delegator, validator, denom string) std.Uint128 {
	if d := m.dels[delKey{delegator, validator, denom}]; d != nil {
		return d.Amount
	}
	return std.Uint128{}
}

// SetDelegation sets a delegation's amount directly (0 removes it with its rewards). The
// module account's balance follows (coins minted or burned), so stake set this way can unbond.
func (m *Mock) SetDelegation(delegator, validator, denom string, amount std.Uint128) {
	old := m.Delegation(delegator, validator, denom)
	if amount.Gt(old) {
		m.Fund(ModuleAccount, std.Coin{Denom: denom, Amount: amount.SaturatingSub(old)})
	} else {
		m.setBalance(ModuleAccount, denom, m.Balance(ModuleAccount, denom).SaturatingSub(old.SaturatingSub(amount)))
	}
	m.setDelegation(delegator, validator, denom, amount)
}

// setDelegation sets a delegation's amount, the bank untouched (the caller moved the coins).
func (m *Mock) setDelegation(delegator, validator, denom string, amount std.Uint128) {
	k := delKey{delegator, validator, denom}
	if amount.IsZero() {
		delete(m.dels, k)
		return
	}
	d := m.dels[k]
	if d == nil {
		d = &delegation{Rewards: map[string]std.Uint128{}}
		m.dels[k] = d
	}
	d.Amount = amount
}

// PendingRewards returns what a claim of the delegation would pay in denom.
func (m *Mock) PendingRewards(delegator, validator, denom, rewardDenom string) std.Uint128 {
	if d := m.dels[delKey{delegator, validator, denom}]; d != nil {
		return d.Rewards[rewardDenom]
	}
	return std.Uint128{}
}

// AddRewards accrues reward coins on an existing delegation. A jailed or removed validator earns
// nothing on chain (x/alliance gives it no virtual stake), so rewarding it is refused.
func (m *Mock) AddRewards(delegator, validator, denom string, coins ...std.Coin) error {
	d := m.dels[delKey{delegator, validator, denom}]
	if d == nil {
		return errors.New("no delegation to reward")
	}
	if !m.Active(validator) {
		return errors.New("validator " + validator + " is jailed or removed: it earns no rewards")
	}
	for _, c := range coins {
		d.Rewards[c.Denom] = d.Rewards[c.Denom].SaturatingAdd(c.Amount)
	}
	return nil
}

// TakeRate removes by tokens from a delegation, as the chain's take rate does (the delegation's
// value drops, nothing is paid to the delegator).
func (m *Mock) TakeRate(delegator, validator, denom string, by std.Uint128) error {
	d := m.dels[delKey{delegator, validator, denom}]
	if d == nil || d.Amount.Lt(by) {
		return errors.New("take rate exceeds the delegation")
	}
	d.Amount = d.Amount.SaturatingSub(by)
	return m.toFeeCollector(denom, by)
}

// toFeeCollector moves coins the module takes (slash, take rate) out of the module account.
func (m *Mock) toFeeCollector(denom string, amount std.Uint128) error {
	if amount.IsZero() {
		return nil
	}
	return m.Send(ModuleAccount, FeeCollectorAccount, std.Coin{Denom: denom, Amount: amount})
}

// Slash is x/alliance's SlashValidator (keeper/slash.go), called by x/staking when validator is
// slashed by fraction (0 < fraction <= 1):
//   - bonded: for each denom, the validator's total T loses cut = floor(fraction × T); every
//     delegation keeps floor(amount × (T − cut) / T), its share of what is left, rounded down
//     (the chain's shares make the same split; the sub-token dust stays in the module);
//   - redelegating: every immature redelegation whose source is validator loses
//     floor(fraction × balance), taken from the destination delegation (capped at its value, whose
//     pending rewards are paid first, claim before change);
//   - unbonding: every immature unbonding entry from validator loses floor(fraction × balance).
//
// Matured entries not yet paid out are no longer slashable. The slashed coins go to the fee
// collector.
func (m *Mock) Slash(validator string, fraction std.Decimal) error {
	if fraction.IsZero() || fraction.Cmp(std.DecimalOne()) > 0 {
		return errAlliance(53, "invalid amount: slash fraction "+fraction.String()+" not in (0, 1]")
	}
	totals := map[string]std.Uint128{}
	for _, k := range m.sortedKeys() {
		if k.Validator == validator {
			totals[k.Denom] = totals[k.Denom].SaturatingAdd(m.dels[k].Amount)
		}
	}
	for denom, total := range totals {
		if total.IsZero() {
			continue
		}
		cut, err := total.MulFloor(fraction)
		if err != nil {
			return err
		}
		left := total.SaturatingSub(cut)
		for k, d := range m.dels {
			if k.Validator == validator && k.Denom == denom {
				// floor(amount × left / total): total > 0, and the result ≤ amount fits.
				if d.Amount, err = d.Amount.MulDivFloor(left, total); err != nil {
					return err
				}
			}
		}
		if err := m.toFeeCollector(denom, cut); err != nil {
			return err
		}
	}
	for i := range m.redelegations {
		r := &m.redelegations[i]
		if r.SrcValidator != validator || r.CompletionTime <= m.now() {
			continue
		}
		bal, err := std.ParseUint128(r.Amount)
		if err != nil {
			return err
		}
		cut, err := bal.MulFloor(fraction)
		if err != nil {
			return err
		}
		dst := delKey{r.Delegator, r.DstValidator, r.Denom}
		d := m.dels[dst]
		if cut.IsZero() || d == nil {
			continue // only what is still there can be cut
		}
		m.pay(dst)
		cut = cut.Min(d.Amount)
		d.Amount = d.Amount.SaturatingSub(cut)
		r.Amount = bal.SaturatingSub(cut).String()
		if err := m.toFeeCollector(r.Denom, cut); err != nil {
			return err
		}
	}
	for i := range m.unbondings {
		e := &m.unbondings[i]
		if e.Validator != validator || e.CompletionTime <= m.now() {
			continue
		}
		a, err := std.ParseUint128(e.Amount)
		if err != nil {
			return err
		}
		cut, err := a.MulFloor(fraction)
		if err != nil {
			return err
		}
		e.Amount = a.SaturatingSub(cut).String()
		if err := m.toFeeCollector(e.Denom, cut); err != nil {
			return err
		}
	}
	return nil
}

// MatureUnbondings is the chain's EndBlock: it pays every unbonding entry whose completion time
// has come (block time >= completion, in any creation order) from the module account to its
// delegator, drops matured redelegation records, and removes the delisted assets whose wind-down
// is over (see Delist). Until it runs, matured entries still count
// against the entry caps, as on chain within the block.
func (m *Mock) MatureUnbondings() {
	keep := m.unbondings[:0]
	for _, e := range m.unbondings {
		if e.CompletionTime > m.now() {
			keep = append(keep, e)
			continue
		}
		a, _ := std.ParseUint128(e.Amount)
		c := std.Coin{Denom: e.Denom, Amount: a}
		if m.Balance(ModuleAccount, e.Denom).Lt(a) {
			// Only reachable when a test took coins from the module account by hand: mint the
			// shortfall rather than lose the entry.
			m.Fund(ModuleAccount, std.Coin{Denom: e.Denom, Amount: a.SaturatingSub(m.Balance(ModuleAccount, e.Denom))})
		}
		_ = m.Send(ModuleAccount, e.Delegator, c) // funded just above
	}
	m.unbondings = keep
	rkeep := m.redelegations[:0]
	for _, r := range m.redelegations {
		if r.CompletionTime > m.now() {
			rkeep = append(rkeep, r)
		}
	}
	m.redelegations = rkeep
	m.finishDelistings()
}

// ---- chain events ----

// Active says whether validator is in x/staking, bonded and not jailed: only then does it earn
// rewards (x/alliance's rebalance gives virtual stake to active validators only).
func (m *Mock) Active(validator string) bool {
	return m.Validators[validator] && !m.jailed[validator] && !m.removed[validator]
}

// Jail models x/slashing jailing validator: it leaves the bonded set (the staking all_validators
// query no longer lists it; the validator query still finds it), delegations to it are still
// accepted by x/alliance (it only checks that the validator exists) but earn nothing until Unjail.
func (m *Mock) Jail(validator string) {
	m.jailed[validator] = true
	if m.Host.Querier.Unbonded == nil {
		m.Host.Querier.Unbonded = map[string]bool{}
	}
	m.Host.Querier.Unbonded[validator] = true
}

// Unjail puts a jailed validator back in the bonded set.
func (m *Mock) Unjail(validator string) {
	delete(m.jailed, validator)
	delete(m.Host.Querier.Unbonded, validator)
}

// RemoveValidator models x/staking deleting validator (unbonded with no native stake left).
// Like x/alliance: alliance delegations to it stay, are listed by the delegations query, and can
// be undelegated, redelegated away and claimed; delegating or redelegating to it fails
// (validator not found). The delegation query still answers for it when the module books
// alliance stake on it (its validator info outlives the removal, keeper/grpc_query.go
// knownValidator), and NotFound when nothing was staked on it; the alliance_validator query
// answers NotFound. The staking validator query answers null and all_validators drops it, as
// wasmd's.
func (m *Mock) RemoveValidator(validator string) {
	delete(m.Validators, validator)
	m.removed[validator] = true
	for k := range m.dels {
		if k.Validator == validator {
			m.booked[validator] = true // AfterValidatorRemoved keeps a non-empty info
		}
	}
	delete(m.jailed, validator)
	vs := m.Host.Querier.Validators[:0]
	for _, v := range m.Host.Querier.Validators {
		if v.Address != validator {
			vs = append(vs, v)
		}
	}
	m.Host.Querier.Validators = vs
}

// SetUnbondingTime is governance changing x/staking's unbonding time (ns). Existing entries keep
// their completion time; new ones complete at block time + the new time, so after a cut later
// entries can mature before earlier ones. It sets UnbondingTime, the one source of the mock's
// unbonding time.
func (m *Mock) SetUnbondingTime(ns uint64) { m.UnbondingTime = ns }

// RewardValidator pays coins of validator's rewards to the alliance delegations on it, as the
// chain's reward indices do: each delegation gets floor(coin × w / W) where w = amount × the
// asset's reward weight and W the sum over the validator (rounded down: the dust is not paid).
// A jailed or removed validator earns nothing: refused. Only the bond denom (the host querier's
// BondedDenom, "stake" when unset) and listed alliance denoms are alliance rewards on chain
// (other denoms go to the community pool): others are refused too. (AddRewards, the lower-level
// tool, books any denom.)
func (m *Mock) RewardValidator(validator string, coins ...std.Coin) error {
	if !m.Active(validator) {
		return errors.New("validator " + validator + " is jailed or removed: it earns no rewards")
	}
	bond := m.Host.Querier.BondedDenom
	if bond == "" {
		bond = "stake"
	}
	for _, c := range coins {
		if _, listed := m.Alliances[c.Denom]; c.Denom != bond && !listed {
			return errors.New(c.Denom + " is neither the bond denom nor an alliance asset: x/alliance pays it to the community pool")
		}
	}
	keys := []delKey{}
	weights := []std.Uint128{}
	sum := std.Uint128{}
	for _, k := range m.sortedKeys() {
		if k.Validator != validator {
			continue
		}
		rw, err := std.ParseDecimal(m.Alliances[k.Denom].RewardWeight)
		if err != nil {
			return err
		}
		w, err := m.dels[k].Amount.MulFloor(rw)
		if err != nil {
			return err
		}
		if sum, err = sum.CheckedAdd(w); err != nil {
			return err
		}
		keys, weights = append(keys, k), append(weights, w)
	}
	if sum.IsZero() {
		return errors.New("no weighted stake on " + validator + " to reward")
	}
	for i, k := range keys {
		for _, c := range coins {
			share, err := c.Amount.MulDivFloor(weights[i], sum) // W > 0
			if err != nil {
				return err
			}
			if !share.IsZero() {
				m.dels[k].Rewards[c.Denom] = m.dels[k].Rewards[c.Denom].SaturatingAdd(share)
			}
		}
	}
	return nil
}

// SetTakeRate sets an asset's take rate (governance), shown by the alliance queries and used by
// DeductTakeRate.
func (m *Mock) SetTakeRate(denom string, rate std.Decimal) error {
	a, ok := m.Alliances[denom]
	if !ok {
		return errAlliance(30, "alliance asset is not whitelisted: "+denom)
	}
	if rate.Cmp(std.DecimalOne()) >= 0 {
		return errors.New("take rate must be below 1")
	}
	a.TakeRate = legacyDec(rate)
	m.Alliances[denom] = a
	return nil
}

// DeductTakeRate applies the asset's take rate for intervals whole take_rate_claim_intervals, as
// x/alliance's DeductAssetsHook: T_a, all the asset's stake, loses
// floor(T_a × (1 − (1 − take_rate)^n)) (the power in the chain's 18-decimal arithmetic), never its
// last token; each delegation keeps floor(amount × (T_a − deduction) / T_a) (rounded down, the dust
// stays in the module). The deduction goes to the fee collector and is returned.
func (m *Mock) DeductTakeRate(denom string, intervals uint64) (std.Uint128, error) {
	a, ok := m.Alliances[denom]
	if !ok {
		return std.Uint128{}, errAlliance(30, "alliance asset is not whitelisted: "+denom)
	}
	total := m.totalTokens(denom)
	rate, err := sdkmath.LegacyNewDecFromStr(a.TakeRate)
	if err != nil {
		return std.Uint128{}, err
	}
	if intervals == 0 || !rate.IsPositive() || total.IsZero() {
		return std.Uint128{}, nil
	}
	one := sdkmath.LegacyOneDec()
	keep := one.Sub(rate).Power(intervals)
	t, ok := sdkmath.NewIntFromString(total.String())
	if !ok {
		return std.Uint128{}, errors.New("total tokens " + total.String())
	}
	amt := sdkmath.LegacyNewDecFromInt(t).MulTruncate(one.Sub(keep)).TruncateInt()
	if maxTake := t.SubRaw(1); amt.GT(maxTake) {
		amt = maxTake
	}
	cut, err := std.ParseUint128(amt.String())
	if err != nil || cut.IsZero() {
		return std.Uint128{}, err
	}
	left := total.SaturatingSub(cut)
	for k, d := range m.dels {
		if k.Denom == denom {
			if d.Amount, err = d.Amount.MulDivFloor(left, total); err != nil { // total > 0
				return std.Uint128{}, err
			}
		}
	}
	return cut, m.toFeeCollector(denom, cut)
}

// legacyDec formats d with 18 decimals, as the chain's LegacyDec strings.
func legacyDec(d std.Decimal) string {
	s := d.String()
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return s + ".000000000000000000"
	}
	return s + strings.Repeat("0", 18-(len(s)-dot-1))
}

// Unbondings returns the unbonding entries of delegator in creation order.
func (m *Mock) Unbondings(delegator string) []bt.Unbonding {
	var out []bt.Unbonding
	for _, e := range m.unbondings {
		if e.Delegator == delegator {
			out = append(out, e.Unbonding)
		}
	}
	return out
}

// ---- messages ----

// pay moves the pending rewards of a delegation to the delegator's bank balance.
func (m *Mock) pay(k delKey) []bt.Coin {
	d := m.dels[k]
	if d == nil {
		return []bt.Coin{}
	}
	denoms := make([]string, 0, len(d.Rewards))
	for denom := range d.Rewards {
		denoms = append(denoms, denom)
	}
	sort.Strings(denoms)
	out := []bt.Coin{}
	for _, denom := range denoms {
		a := d.Rewards[denom]
		if a.IsZero() {
			continue
		}
		m.Fund(k.Delegator, std.Coin{Denom: denom, Amount: a})
		out = append(out, bt.Coin{Denom: denom, Amount: a.String()})
	}
	d.Rewards = map[string]std.Uint128{}
	return out
}

func (m *Mock) checkCoin(c bt.Coin) (std.Uint128, error) {
	// The chain's encoder validates the coin before x/alliance looks the asset up.
	a, err := std.ParseUint128(c.Amount)
	if err != nil {
		return a, errInvalidMsg("amount " + strconv.Quote(c.Amount) + " is not an integer")
	}
	if a.IsZero() {
		return a, errInvalidMsg("amount must be positive")
	}
	if _, ok := m.Alliances[c.Denom]; !ok {
		return std.Uint128{}, errAlliance(30, "alliance asset is not whitelisted: "+c.Denom+" (alliance asset "+c.Denom+" not found)")
	}
	return a, nil
}

func (m *Mock) checkValidator(v string) error {
	if !m.Validators[v] {
		return errAlliance(11, "validator not found: validator "+v+" not found")
	}
	return nil
}

// Apply executes the body of a custom message sent by sender (a contract) and returns its
// message responses, as the chain's encoder and x/alliance would.
func (m *Mock) Apply(sender string, body []byte) ([]std.MsgResponse, error) {
	if m.TokenFactory != nil && bytes.HasPrefix(bytes.TrimSpace(body), []byte(`{"token_factory"`)) {
		return m.TokenFactory.Apply(sender, body)
	}
	var msg bt.CustomMsg
	if err := cwjson.Unmarshal(body, decodable(func(r *cwjson.Reader) error { return DecodeCustomMsg(r, &msg) })); err != nil {
		return nil, errInvalidMsg("alliance custom message: " + err.Error())
	}
	if msg.Alliance == nil {
		return nil, errInvalidMsg(`unknown custom message: expected {"alliance": {…}}`)
	}
	variant, err := msg.Alliance.Variant()
	if err != nil {
		return nil, errInvalidMsg(err.Error())
	}
	a := msg.Alliance
	switch variant {
	case "delegate":
		amt, err := m.checkCoin(a.Delegate.Amount)
		if err != nil {
			return nil, err
		}
		if err := m.checkValidator(a.Delegate.Validator); err != nil {
			return nil, err
		}
		denom := a.Delegate.Amount.Denom
		if err := m.delisting(denom); err != nil {
			return nil, err
		}
		if err := m.checkWorth(sender, a.Delegate.Validator, denom); err != nil {
			return nil, err
		}
		if err := m.Send(sender, ModuleAccount, std.Coin{Denom: denom, Amount: amt}); err != nil {
			return nil, err
		}
		k := delKey{sender, a.Delegate.Validator, denom}
		paid := m.pay(k)
		m.setDelegation(sender, k.Validator, denom, m.Delegation(sender, k.Validator, denom).SaturatingAdd(amt))
		// MsgDelegateResponse and MsgClaimDelegationRewardsResponse share their shape.
		return []std.MsgResponse{{TypeURL: bt.TypeURLDelegateResponse, Value: EncodeClaimRewards(paid)}}, nil
	case "undelegate":
		amt, err := m.checkCoin(a.Undelegate.Amount)
		if err != nil {
			return nil, err
		}
		denom := a.Undelegate.Amount.Denom
		k := delKey{sender, a.Undelegate.Validator, denom}
		d := m.dels[k]
		if d == nil {
			return nil, errAlliance(12, "delegation not found")
		}
		if d.Amount.IsZero() {
			// Like x/alliance after a 100 % slash: a delegation worth nothing is
			// closed whatever amount was asked (rewards paid, no unbonding entry,
			// completion now), so the (validator, denom) can take stake again.
			paid := m.pay(k)
			delete(m.dels, k)
			return []std.MsgResponse{{TypeURL: bt.TypeURLUndelegateResponse, Value: EncodeExitResponse(m.now(), paid, bt.Coin{Denom: denom, Amount: "0"})}}, nil
		}
		n := 0
		for _, e := range m.unbondings {
			if e.Delegator == sender && e.Validator == k.Validator && e.Denom == denom {
				n++
			}
		}
		if n >= m.MaxEntries {
			return nil, errAlliance(56, "too many unbonding entries for this (delegator, validator, denom); wait for one to mature (limit "+strconv.Itoa(m.MaxEntries)+")")
		}
		if d.Amount.Lt(amt) {
			return nil, errAlliance(21, "insufficient tokens: requested "+amt.String()+", delegation holds "+d.Amount.String())
		}
		paid := m.pay(k)
		m.setDelegation(sender, k.Validator, denom, d.Amount.SaturatingSub(amt))
		done := m.unbondingCompletion(denom)
		m.unbondings = append(m.unbondings, entry{Delegator: sender, Unbonding: unbondingOf(k, amt, done, m.Host.Env.Block.Height)})
		return []std.MsgResponse{{TypeURL: bt.TypeURLUndelegateResponse, Value: EncodeExitResponse(done, paid, bt.Coin{Denom: denom, Amount: amt.String()})}}, nil
	case "redelegate":
		r := a.Redelegate
		amt, err := m.checkCoin(r.Amount)
		if err != nil {
			return nil, err
		}
		if r.SrcValidator == r.DstValidator {
			return nil, errInvalidMsg("alliance redelegate: src_validator and dst_validator are the same: " + r.SrcValidator)
		}
		if err := m.checkValidator(r.DstValidator); err != nil {
			return nil, err
		}
		denom := r.Amount.Denom
		src := delKey{sender, r.SrcValidator, denom}
		d := m.dels[src]
		if d == nil {
			return nil, errAlliance(12, "delegation not found")
		}
		if err := m.delisting(denom); err != nil {
			return nil, err
		}
		if err := m.checkRedelegation(sender, r.SrcValidator, r.DstValidator, denom); err != nil {
			return nil, err
		}
		if d.Amount.Lt(amt) {
			return nil, errAlliance(21, "insufficient tokens: requested "+amt.String()+", delegation holds "+d.Amount.String())
		}
		if err := m.checkWorth(sender, r.DstValidator, denom); err != nil {
			return nil, err
		}
		paid := append(m.pay(src), m.pay(delKey{sender, r.DstValidator, denom})...)
		m.setDelegation(sender, r.SrcValidator, denom, d.Amount.SaturatingSub(amt))
		m.setDelegation(sender, r.DstValidator, denom, m.Delegation(sender, r.DstValidator, denom).SaturatingAdd(amt))
		done := m.now() + m.UnbondingTime
		m.redelegations = append(m.redelegations, redelegation{Delegator: sender, Redelegation: bt.Redelegation{
			SrcValidator: r.SrcValidator, DstValidator: r.DstValidator, Denom: denom, Amount: amt.String(), CompletionTime: done}})
		return []std.MsgResponse{{TypeURL: bt.TypeURLRedelegateResponse, Value: EncodeExitResponse(done, sumCoins(paid), bt.Coin{Denom: denom, Amount: amt.String()})}}, nil
	case "claim_rewards":
		c := a.ClaimRewards
		if _, ok := m.Alliances[c.Denom]; !ok {
			return nil, errAlliance(30, "alliance asset is not whitelisted: "+c.Denom)
		}
		k := delKey{sender, c.Validator, c.Denom}
		if m.dels[k] == nil {
			return nil, errAlliance(12, "delegation not found")
		}
		return []std.MsgResponse{{TypeURL: bt.TypeURLClaimRewardsResponse, Value: EncodeClaimRewards(m.pay(k))}}, nil
	case "cancel_unbonding":
		return m.cancelUnbonding(sender, a.CancelUnbonding)
	}
	return nil, errInvalidMsg("unknown alliance message")
}

// cancelUnbonding applies x/alliance's MsgCancelUnbonding (keeper/cancel_unbonding.go): the
// immature entries of (sender, validator, denom) made at the height give back amount, oldest
// first, to the delegation there; the refusals are the chain's, in its order.
func (m *Mock) cancelUnbonding(sender string, c *bt.CancelUnbonding) ([]std.MsgResponse, error) {
	amt, err := m.checkCoin(c.Amount)
	if err != nil {
		return nil, err
	}
	if c.CreationHeight == 0 || c.CreationHeight > 1<<63-1 {
		return nil, errInvalidMsg("alliance cancel_unbonding: creation_height must be a block height")
	}
	if m.Alliances[c.Amount.Denom].DelistCompletionTime != nil {
		return nil, errAlliance(71, c.Amount.Denom+": alliance asset is being delisted: its unbondings cannot be cancelled")
	}
	if err := m.checkValidator(c.Validator); err != nil {
		return nil, err
	}
	if m.jailed[c.Validator] {
		return nil, errAlliance(70, "validator is jailed: unbonding stake cannot return to it until it is unjailed: "+c.Validator)
	}
	denom := c.Amount.Denom
	var found []int
	matured := false
	available := std.Uint128{}
	for i, e := range m.unbondings {
		if e.Delegator != sender || e.Validator != c.Validator || e.Denom != denom || e.CreationHeight != c.CreationHeight {
			continue
		}
		if e.CompletionTime <= m.now() {
			matured = true
			continue
		}
		found = append(found, i)
		available = available.SaturatingAdd(mustAmount(e.Amount))
	}
	switch {
	case len(found) == 0 && matured:
		return nil, errAlliance(72, "unbonding entry has matured: its tokens are paid out at the end of this block")
	case len(found) == 0:
		return nil, errAlliance(68, "no unbonding entry of this delegator, validator and denom at this creation height")
	case available.Lt(amt):
		return nil, errAlliance(69, "amount exceeds the balance of the unbonding entries at this creation height: "+
			amt.String()+denom+" requested, "+available.String()+denom+" left")
	}
	if err := m.checkWorth(sender, c.Validator, denom); err != nil {
		return nil, err
	}
	k := delKey{sender, c.Validator, denom}
	paid := m.pay(k)
	m.setDelegation(sender, c.Validator, denom, m.Delegation(sender, c.Validator, denom).SaturatingAdd(amt))
	m.drawFromEntries(found, amt)
	return []std.MsgResponse{{TypeURL: bt.TypeURLCancelUnbondingResponse, Value: EncodeClaimRewards(paid)}}, nil
}

// drawFromEntries takes amount out of the unbonding entries at idx, in order (they hold it),
// and drops the entries it empties; the tokens stay in the module account (now delegated).
func (m *Mock) drawFromEntries(idx []int, amount std.Uint128) {
	for _, i := range idx {
		e := &m.unbondings[i]
		bal := mustAmount(e.Amount)
		take := bal
		if amount.Lt(bal) {
			take = amount
		}
		amount = amount.SaturatingSub(take)
		e.Amount = bal.SaturatingSub(take).String()
	}
	keep := m.unbondings[:0]
	for i, e := range m.unbondings {
		if e.Amount == "0" && contains(idx, i) {
			continue
		}
		keep = append(keep, e)
	}
	m.unbondings = keep
}

func contains(idx []int, i int) bool {
	for _, j := range idx {
		if j == i {
			return true
		}
	}
	return false
}

// checkWorth refuses new stake by depositor on (validator, denom) while other delegators hold
// delegations there worth nothing (a 100 % slash leaves their shares but no tokens): x/alliance
// cannot price new shares against them (types.SharesForDeposit, ErrWorthlessShares). The
// depositor's own worthless delegation does not block: the chain restarts the position at 1:1.
func (m *Mock) checkWorth(depositor, validator, denom string) error {
	others := false
	for k, d := range m.dels {
		if k.Validator == validator && k.Denom == denom {
			if !d.Amount.IsZero() {
				return nil
			}
			others = others || k.Delegator != depositor
		}
	}
	if others {
		return errAlliance(58, "existing shares of this validator for this asset are worth nothing; delegate to another validator")
	}
	return nil
}

// checkRedelegation applies x/alliance's redelegation rules (keeper/unbonding.go): no hop out
// of a validator that is the destination of an immature redelegation of the same delegator and
// denom, and at most MaxEntries immature redelegations per (delegator, src, dst, denom).
func (m *Mock) checkRedelegation(delegator, src, dst, denom string) error {
	n := 0
	for _, r := range m.redelegations {
		if r.Delegator != delegator || r.Denom != denom {
			continue
		}
		if r.DstValidator == src {
			return errAlliance(55, "redelegation to this validator already in progress; first redelegation must mature before redelegating again")
		}
		if r.SrcValidator == src && r.DstValidator == dst {
			n++
		}
	}
	if n >= m.MaxEntries {
		return errAlliance(57, "too many redelegation entries for this (delegator, source, destination, denom); wait for one to mature (limit "+strconv.Itoa(m.MaxEntries)+")")
	}
	return nil
}

type decodable func(r *cwjson.Reader) error

func (d decodable) DecodeJSON(r *cwjson.Reader) error { return d(r) }

// Run executes the messages of a contract's response in order, as wasmd does: bank sends and
// burns, alliance custom messages and (through WasmExecute) wasm executes. Each message runs in
// its own nested transaction; for a sub-message that asks for a reply, the contract's reply
// entry point is called right after it (with the error redacted as wasmd redacts it), and the
// messages of the reply's response run before the next message. It returns the first error that
// no reply handled, and then reverts every write of the run (as the chain reverts the tx).
func (m *Mock) Run(resp *wasmvmtypes.Response) error {
	return m.Host.Transact(func() error { return m.run(resp) })
}

func (m *Mock) run(resp *wasmvmtypes.Response) error {
	contract := m.Host.Env.Contract.Address
	for _, sub := range resp.Messages {
		switch sub.ReplyOn {
		case wasmvmtypes.ReplyAlways, wasmvmtypes.ReplySuccess, wasmvmtypes.ReplyError, wasmvmtypes.ReplyNever:
		default:
			return errors.New("invalid CosmosMsg from the contract: replyOn value")
		}
		var responses []std.MsgResponse
		// wasmd runs every sub-message in a cache context committed only on success.
		err := m.Host.Transact(func() (err error) {
			responses, err = m.dispatch(contract, sub.Msg)
			return err
		})
		if err != nil && (sub.ReplyOn == wasmvmtypes.ReplySuccess || sub.ReplyOn == wasmvmtypes.ReplyNever) {
			return err
		}
		if sub.ReplyOn == wasmvmtypes.ReplyNever || (sub.ReplyOn == wasmvmtypes.ReplyError && err == nil) {
			continue
		}
		reply := std.Reply{ID: sub.ID, Payload: sub.Payload}
		if err != nil {
			reply.Result.Err = Redact(err)
		} else {
			reply.Result.Ok = &std.SubMsgResponse{MsgResponses: responses}
		}
		rresp, rerr := m.Host.Reply(reply)
		if rerr != nil {
			return errors.New("reply " + strconv.FormatUint(sub.ID, 10) + ": " + rerr.Error())
		}
		if err := m.run(rresp); err != nil {
			return err
		}
	}
	return nil
}

// Execute runs one whole transaction of sender calling the host's contract with funds, as a tx
// on chain: the funds move from sender's bank balance to the contract, the contract executes,
// then its messages and replies run (Run). Any error reverts all of it.
func (m *Mock) Execute(sender string, msg []byte, funds ...std.Coin) (resp *wasmvmtypes.Response, err error) {
	err = m.Host.Transact(func() error {
		if err := m.Send(sender, m.Host.Env.Contract.Address, funds...); err != nil {
			return err
		}
		if resp, err = m.Host.Execute(std.Info(sender, funds...), msg); err != nil {
			return err
		}
		return m.run(resp)
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// ---- errors as a contract sees them ----

// chainError is an error of the chain with its registered codespace and code, which is all
// wasmd lets a contract see of it in a reply.
type chainError struct {
	codespace string
	code      uint32
	msg       string
}

func (e *chainError) Error() string { return e.msg }

// deterministic errors are passed to replies unredacted (wasmd's DeterministicError: a wasm
// contract's own error).
type deterministicError struct{ msg string }

func (e *deterministicError) Error() string { return e.msg }

func errCode(codespace string, code uint32, msg string) error {
	return &chainError{codespace: codespace, code: code, msg: msg}
}

// x/alliance's registered errors the mock returns (x/alliance/types/errors.go) and the SDK's and
// wasmd's it meets.
func errAlliance(code uint32, msg string) error { return errCode("alliance", code, msg) }

func errInsufficientFunds(msg string) error { return errCode("sdk", 5, msg) }

func errInvalidMsg(msg string) error {
	return errCode("wasm", 10, "invalid CosmosMsg from the contract: "+msg)
}

// Redact returns the text a contract's reply receives for a failed sub-message, as wasmd's
// redactError makes it: "codespace: X, code: N" for chain errors (the message text is not
// deterministic across versions, so wasmd hides it), the full text for a wasm contract's error.
func Redact(err error) string {
	var d *deterministicError
	if errors.As(err, &d) {
		return err.Error()
	}
	var c *chainError
	if errors.As(err, &c) {
		return "codespace: " + c.codespace + ", code: " + strconv.FormatUint(uint64(c.code), 10)
	}
	return "codespace: undefined, code: 1" // an unregistered error, as errorsmod.ABCIInfo reports it
}

func fromVMCoins(cs wasmvmtypes.Array[wasmvmtypes.Coin]) ([]std.Coin, error) {
	out := make([]std.Coin, 0, len(cs))
	for _, c := range cs {
		a, err := std.ParseUint128(c.Amount)
		if err != nil {
			return nil, err
		}
		out = append(out, std.Coin{Denom: c.Denom, Amount: a})
	}
	return out, nil
}

func (m *Mock) dispatch(contract string, msg wasmvmtypes.CosmosMsg) ([]std.MsgResponse, error) {
	switch {
	case msg.Bank != nil && msg.Bank.Send != nil:
		coins, err := fromVMCoins(msg.Bank.Send.Amount)
		if err != nil {
			return nil, err
		}
		return []std.MsgResponse{{TypeURL: "/cosmos.bank.v1beta1.MsgSendResponse", Value: []byte{}}}, m.Send(contract, msg.Bank.Send.ToAddress, coins...)
	case msg.Bank != nil && msg.Bank.Burn != nil:
		coins, err := fromVMCoins(msg.Bank.Burn.Amount)
		if err != nil {
			return nil, err
		}
		return []std.MsgResponse{{TypeURL: "/cosmos.bank.v1beta1.MsgBurnResponse", Value: []byte{}}}, m.Send(contract, "burned", coins...)
	case msg.Custom != nil:
		return m.Apply(contract, msg.Custom)
	case msg.Wasm != nil && msg.Wasm.Execute != nil:
		if m.WasmExecute == nil {
			return nil, errCode("wasm", 22, "no such contract: "+msg.Wasm.Execute.ContractAddr)
		}
		funds, err := fromVMCoins(msg.Wasm.Execute.Funds)
		if err != nil {
			return nil, err
		}
		if err := m.Send(contract, msg.Wasm.Execute.ContractAddr, funds...); err != nil {
			return nil, err
		}
		if err := m.WasmExecute(contract, msg.Wasm.Execute.ContractAddr, msg.Wasm.Execute.Msg, funds); err != nil {
			// wasmd marks a contract's own error deterministic: the reply sees its text.
			return nil, &deterministicError{msg: err.Error() + ": execute wasm contract failed"}
		}
		return []std.MsgResponse{{TypeURL: "/cosmwasm.wasm.v1.MsgExecuteContractResponse", Value: []byte{}}}, nil
	}
	return nil, errors.New("mock: unsupported message")
}

// ---- queries ----

// Query answers the body of a custom query (std.MockQuerier.Custom).
func (m *Mock) Query(request []byte) ([]byte, error) {
	var q bt.AllianceQuery
	if err := cwjson.Unmarshal(request, decodable(func(r *cwjson.Reader) error { return DecodeAllianceQuery(r, &q) })); err != nil {
		return nil, errors.New("alliance query: " + err.Error())
	}
	variant, err := q.Variant()
	if err != nil {
		return nil, err
	}
	w := cwjson.NewWriter(256)
	switch variant {
	case "alliance":
		a, ok := m.Alliances[q.Alliance.Denom]
		if !ok {
			return nil, errors.New("no alliance for denom " + strconv.Quote(q.Alliance.Denom))
		}
		a.TotalTokens = m.totalTokens(a.Denom).String()
		EncodeAllianceResponse(w, a)
	case "alliances":
		denoms := make([]string, 0, len(m.Alliances))
		for d := range m.Alliances {
			denoms = append(denoms, d)
		}
		sort.Strings(denoms)
		res := bt.AlliancesResponse{Alliances: []bt.AllianceResponse{}}
		for _, d := range denoms {
			a := m.Alliances[d]
			a.TotalTokens = m.totalTokens(d).String()
			res.Alliances = append(res.Alliances, a)
		}
		EncodeAlliancesResponse(w, res)
	case "alliance_params":
		EncodeAllianceParamsResponse(w, m.Params)
	case "delegation":
		d := q.Delegation
		if _, ok := m.Alliances[d.Denom]; !ok {
			return nil, errors.New("alliance asset " + d.Denom + " not found")
		}
		if !m.Validators[d.Validator] && !m.booked[d.Validator] { // grpc_query.go knownValidator
			return nil, errors.New("rpc error: code = NotFound desc = validator " + d.Validator + " not found")
		}
		EncodeDelegationResponse(w, bt.DelegationResponse{Delegator: d.Delegator, Validator: d.Validator, Denom: d.Denom,
			Amount: m.Delegation(d.Delegator, d.Validator, d.Denom).String()})
	case "delegations":
		res := bt.DelegationsResponse{Delegations: []bt.DelegationResponse{}}
		for _, k := range m.sortedKeys() {
			if k.Delegator == q.Delegations.Delegator {
				res.Delegations = append(res.Delegations, bt.DelegationResponse{Delegator: k.Delegator, Validator: k.Validator,
					Denom: k.Denom, Amount: m.dels[k].Amount.String()})
			}
		}
		EncodeDelegationsResponse(w, res)
	case "delegation_rewards":
		d := q.DelegationRewards
		del := m.dels[delKey{d.Delegator, d.Validator, d.Denom}]
		if del == nil {
			return nil, errors.New("delegation not found")
		}
		EncodeDelegationRewardsResponse(w, bt.DelegationRewardsResponse{Rewards: pendingCoins(del)})
	case "unbondings":
		u := q.Unbondings
		if u.Validator != "" && u.Denom == "" {
			return nil, errors.New("a validator filter needs a denom too") // as the chain's querier
		}
		res := bt.UnbondingsResponse{Unbondings: []bt.Unbonding{}}
		for _, e := range m.unbondings {
			if e.Delegator == u.Delegator && (u.Denom == "" || e.Denom == u.Denom) && (u.Validator == "" || e.Validator == u.Validator) {
				res.Unbondings = append(res.Unbondings, e.Unbonding)
			}
		}
		EncodeUnbondingsResponse(w, res)
	case "redelegations":
		rq := q.Redelegations
		res := bt.RedelegationsResponse{Redelegations: []bt.Redelegation{}}
		for _, r := range m.redelegations {
			if r.Delegator == rq.Delegator && (rq.Denom == "" || r.Denom == rq.Denom) {
				res.Redelegations = append(res.Redelegations, r.Redelegation)
			}
		}
		EncodeRedelegationsResponse(w, res)
	case "alliance_validator":
		v := q.AllianceValidator.Validator
		if !m.Validators[v] {
			return nil, errors.New("rpc error: code = NotFound desc = validator " + v + " not found")
		}
		totals := map[string]std.Uint128{}
		for k, d := range m.dels {
			if k.Validator == v {
				totals[k.Denom] = totals[k.Denom].SaturatingAdd(d.Amount)
			}
		}
		denoms := make([]string, 0, len(totals))
		for d := range totals {
			denoms = append(denoms, d)
		}
		sort.Strings(denoms)
		res := bt.AllianceValidatorResponse{Validator: v, TotalDelegationShares: []bt.DecCoin{}, ValidatorShares: []bt.DecCoin{}, TotalStaked: []bt.DecCoin{}}
		for _, d := range denoms {
			res.TotalStaked = append(res.TotalStaked, bt.DecCoin{Denom: d, Amount: totals[d].String() + ".000000000000000000"})
		}
		EncodeAllianceValidatorResponse(w, res)
	case "staking_params":
		// The chain answers whole seconds rounded up (UnbondingTime is in ns here).
		secs := m.UnbondingTime / 1_000_000_000
		if m.UnbondingTime%1_000_000_000 != 0 {
			secs++
		}
		EncodeStakingParamsResponse(w, bt.StakingParamsResponse{UnbondingTime: secs, MaxEntries: uint32(m.MaxEntries), BondDenom: "stake"})
	case "stakes":
		res, err := m.stakes(q.Stakes)
		if err != nil {
			return nil, err
		}
		EncodeStakesResponse(w, res)
	default:
		return nil, errors.New("variant " + variant + " is not implemented")
	}
	return w.Bytes(), nil
}

func (m *Mock) totalTokens(denom string) std.Uint128 {
	t := std.Uint128{}
	for k, d := range m.dels {
		if k.Denom == denom {
			t = t.SaturatingAdd(d.Amount)
		}
	}
	return t
}

func (m *Mock) sortedKeys() []delKey {
	keys := make([]delKey, 0, len(m.dels))
	for k := range m.dels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.Delegator != b.Delegator {
			return a.Delegator < b.Delegator
		}
		if a.Validator != b.Validator {
			return a.Validator < b.Validator
		}
		return a.Denom < b.Denom
	})
	return keys
}

// ---- protobuf message responses ----

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendBytesField(b []byte, num int, v []byte) []byte {
	b = appendVarint(b, uint64(num)<<3|2)
	b = appendVarint(b, uint64(len(v)))
	return append(b, v...)
}

// EncodeCompletionTime encodes a Msg{Undelegate,Redelegate}Response whose completion_time is t
// (Unix nanoseconds), as the chain does.
func EncodeCompletionTime(t uint64) []byte {
	var ts []byte
	if s := t / 1_000_000_000; s != 0 {
		ts = appendVarint(append(ts, 0x08), s)
	}
	if n := t % 1_000_000_000; n != 0 {
		ts = appendVarint(append(ts, 0x10), n)
	}
	return appendBytesField(nil, 1, ts)
}

// EncodeClaimRewards encodes a MsgClaimDelegationRewardsResponse paying coins (and so a
// MsgDelegateResponse or MsgCancelUnbondingResponse whose claimed_rewards are coins: same
// field, same shape).
func EncodeClaimRewards(coins []bt.Coin) []byte { return appendCoins(nil, 1, coins) }

// EncodeTimeAndRewards encodes a Msg{Undelegate,Redelegate}Response: completion_time t (Unix
// nanoseconds) and claimed_rewards coins (field 2), as the chain does.
func EncodeTimeAndRewards(t uint64, coins []bt.Coin) []byte {
	return appendCoins(EncodeCompletionTime(t), 2, coins)
}

// EncodeExitResponse is MsgUndelegateResponse / MsgRedelegateResponse: the
// completion time, the rewards paid (field 2) and the amount moved (field 3).
func EncodeExitResponse(t uint64, paid []bt.Coin, moved bt.Coin) []byte {
	return appendCoins(EncodeTimeAndRewards(t, paid), 3, []bt.Coin{moved})
}

func appendCoins(out []byte, field int, coins []bt.Coin) []byte {
	for _, c := range coins {
		var cb []byte
		cb = appendBytesField(cb, 1, []byte(c.Denom))
		cb = appendBytesField(cb, 2, []byte(c.Amount))
		out = appendBytesField(out, field, cb)
	}
	return out
}

// sumCoins merges coins of the same denom and sorts them by denom, as sdk.Coins.Add does (a
// redelegation pays two delegations).
func sumCoins(coins []bt.Coin) []bt.Coin {
	sums := map[string]std.Uint128{}
	for _, c := range coins {
		sums[c.Denom] = sums[c.Denom].SaturatingAdd(mustAmount(c.Amount))
	}
	denoms := make([]string, 0, len(sums))
	for d := range sums {
		denoms = append(denoms, d)
	}
	sort.Strings(denoms)
	out := []bt.Coin{}
	for _, d := range denoms {
		out = append(out, bt.Coin{Denom: d, Amount: sums[d].String()})
	}
	return out
}

// mustAmount reads an amount the mock wrote itself (always a valid Uint128).
func mustAmount(s string) std.Uint128 {
	a, err := std.ParseUint128(s)
	if err != nil {
		panic("alliance mock: stored amount " + strconv.Quote(s) + ": " + err.Error())
	}
	return a
}
