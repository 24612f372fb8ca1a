package main

import (
	"flag"
	"math/big"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// A seeded randomized scenario of the token on the mocks: several honest users and an attacker
// send every message in random order while the chain rewards, slashes, takes its rate, jails and
// removes validators, changes the unbonding time and jumps days to years ahead. After every step
// the contract's books are checked against the chain and against a model of what each account is
// due; at the end every holder gets out.
//
// The model: every reward the chain pays accrues to whoever holds shares at that moment, pro rata
// to earning balances (the contract books before every balance change, so the balances at its next
// booking are those of the reward's moment); every asset gain (asset-denom reward, donation) is
// shared by the shares in the exchange rate (balances, the locked shares and the current batch).
// Losses (slash, take rate) are not modelled: they only lower what anyone can get, so the asset
// bound stays an upper bound.
//
// In every other seed governance delists the asset two thirds of the way through (issue 14): the
// chain winds the contract's stake down, deposits, unbonds and processing are refused from then on,
// holders exit once the stake is back, and at the end every holder exits: the exits and what is
// left never exceed the pot the wind-down settled plus donations made after it, and the last
// exit leaves the contract nothing.
//
// Short by default; `go test -run TestTokenScenario ./contracts/token/ -long` (or TOKEN_LONG=1)
// runs the long version.

var longScenario = flag.Bool("long", false, "run the long randomized token scenario")

const (
	scenarioVal4 = "alliancevaloper1fourth"
	scenarioVal5 = "alliancevaloper1fifth"
)

type account struct {
	addr      string
	assetIn   *big.Rat // deposits and donations
	assetOut  uint64   // withdrawals
	rewardOut uint64   // claim_rewards
	assetDue  *big.Rat // assetIn + share of gains (an upper bound of what it may ever get)
	rewardDue *big.Rat // share of rewards
}

type scenario struct {
	t        *testing.T
	e        *tenv
	r        *rand.Rand
	users    []*account // users[len-1] is the attacker
	feeBps   uint64
	steps    int
	bookings int // reward events: each may round one unit in the holders' favour (fee floored)
	ops      map[string]int
	fails    map[string]int
	// What the chain returned per completion time (unbonding entries paid), and the settled
	// batches' payouts against it.
	returned                  map[uint64]uint64
	seen                      map[uint64]bool
	settledPaid, settledGot   uint64
	settledBatches, donations uint64
	// The delisting: its completion time (0 before), the exits paid, and the pot when the
	// wind-down was settled (with the exits then paid) and the donations up to then.
	completion                       uint64
	exitPaid, potAtFinal, donAtFinal uint64
	finalSeen                        bool
	stepAtFinal                      int
	// donations and steps at the last exit: asset donated once nobody holds shares any more
	// (and batch claims' dust) is nobody's
	donAtExit  uint64
	stepAtExit int
}

func TestTokenScenario(t *testing.T) {
	seeds, steps := 3, 600
	if *longScenario || os.Getenv("TOKEN_LONG") == "1" {
		seeds, steps = 40, 5000
	}
	total := 0
	for seed := 1; seed <= seeds; seed++ {
		s := newScenario(t, int64(seed))
		for i := 0; i < steps; i++ {
			if seed%2 == 0 && i == steps*2/3 {
				s.delist()
			}
			s.step()
			s.check()
		}
		s.exitAll()
		total += s.steps
		t.Logf("seed %d: %d operations %v, refused %v", seed, s.steps, s.ops, s.fails)
	}
	t.Logf("%d operations in all", total)
}

func newScenario(t *testing.T, seed int64) *scenario {
	r := rand.New(rand.NewSource(seed))
	fee := uint64(r.Intn(1001))
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`","`+val2+`","`+val3+`"],"fee_bps":`+strconv.FormatUint(fee, 10)+`}`)
	for _, v := range []string{scenarioVal4, scenarioVal5} {
		e.am.Validators[v] = true
		e.h.Querier.Validators = append(e.h.Querier.Validators, std.Validator{Address: v})
	}
	s := &scenario{t: t, e: e, r: r, feeBps: fee, ops: map[string]int{}, fails: map[string]int{}, returned: map[uint64]uint64{}, seen: map[uint64]bool{}}
	for _, n := range []string{"u0", "u1", "u2", "u3", "attacker"} {
		s.users = append(s.users, &account{addr: e.addr(n), assetIn: new(big.Rat), assetDue: new(big.Rat), rewardDue: new(big.Rat)})
	}
	// A first deposit so the supply exists (the locked shares).
	s.do(s.users[0], "deposit", `{"deposit":{}}`, coin(100_000+uint64(r.Intn(1_000_000)), asset))
	return s
}

// allowed are the refusals a message may meet for a documented reason (README); any other error
// fails the scenario.
var allowed = []string{
	"insufficient funds", "no matured claims", "no rewards to claim", "cannot be processed before", "is empty",
	"deposit too small", "unbond too small", "not received yet", "first deposit must be at least",
	"no allowance", "insufficient allowance", "nothing to sweep", "no uother to sweep", "deposits are closed",
	"the owner must update_validators",
	// update_validators after a second removal: the chain refuses a transitive redelegation of
	// stake that arrived by redelegation until that matures; the owner retries then.
	"first redelegation must mature before redelegating again",
	// the delisting: deposits, unbonds and processing refused; exit before the stake is back or
	// without shares; update_validators once the chain no longer lists the asset
	"delisted by governance", "returns the delisted asset's stake at", "no shares to exit with", "is not an alliance asset",
}

func (s *scenario) do(who *account, op, msg string, funds ...std.Coin) bool {
	s.t.Helper()
	s.steps++
	s.e.am.Fund(who.addr, funds...)
	resp, err := s.e.am.Execute(who.addr, []byte(msg), funds...)
	if err != nil {
		s.e.am.Send(who.addr, "sink", funds...) //nolint:errcheck // the refused funds leave the test
		for _, a := range allowed {
			if strings.Contains(err.Error(), a) {
				s.fails[op]++
				return false
			}
		}
		s.t.Fatalf("step %d: %s by %s: %v", s.steps, msg, who.addr, err)
	}
	s.ops[op]++
	for _, f := range funds {
		if f.Denom == asset {
			n, _ := f.Amount.Uint64()
			who.assetIn.Add(who.assetIn, ratU(n))
			who.assetDue.Add(who.assetDue, ratU(n))
		}
	}
	for _, m := range resp.Messages { // payments to the sender
		if m.Msg.Bank != nil && m.Msg.Bank.Send != nil && m.Msg.Bank.Send.ToAddress == who.addr {
			for _, c := range m.Msg.Bank.Send.Amount {
				n, _ := strconv.ParseUint(c.Amount, 10, 64)
				if c.Denom == asset && op == "exit" {
					s.exitPaid += n
					s.donAtExit, s.stepAtExit = s.donations, s.steps
				}
				if c.Denom == asset {
					who.assetOut += n
				} else if c.Denom == stake {
					who.rewardOut += n
				}
			}
		}
	}
	return true
}

func ratU(n uint64) *big.Rat { return new(big.Rat).SetUint64(n) }

func (s *scenario) holder(addr string) Holder {
	h, err := loadHolder(s.e.h.Deps(), addr)
	if err != nil {
		s.t.Fatal(err)
	}
	return h
}

func (s *scenario) state() RewardState {
	rs, err := rewards.Load(s.e.h.Storage)
	if err != nil {
		s.t.Fatal(err)
	}
	return rs
}

func (s *scenario) queued(addr string) std.Uint128 {
	rs := s.state()
	c, _, _ := claims.MayLoad(s.e.h.Storage, std.Pair[string, uint64]{A: addr, B: rs.Batch})
	return c.Shares
}

// reward models the chain paying amount of the reward denom to the contract's stake (or a
// donation of it): each earning holder is due its part after the fee.
func (s *scenario) reward(amount uint64) {
	s.bookings++
	rs := s.state()
	bearing := rs.Supply.SaturatingSub(s.holder(s.e.self).Balance)
	if bearing.IsZero() {
		return // the fee address takes it
	}
	b, _ := bearing.Uint64()
	net := new(big.Rat).SetFrac64(int64(amount)*int64(10_000-s.feeBps), int64(10_000)*int64(b))
	for _, u := range s.users {
		bal, _ := s.holder(u.addr).Balance.Uint64()
		u.rewardDue.Add(u.rewardDue, new(big.Rat).Mul(net, ratU(bal)))
	}
}

// gain models amount of asset joining what the shares own: each account's bound grows by its
// part of the exchange rate's supply.
func (s *scenario) gain(amount uint64) {
	rs := s.state()
	total, _ := rs.Supply.SaturatingAdd(rs.Queued).Uint64()
	if total == 0 {
		return
	}
	for _, u := range s.users {
		bal, _ := s.holder(u.addr).Balance.Uint64()
		q, _ := s.queued(u.addr).Uint64()
		u.assetDue.Add(u.assetDue, new(big.Rat).SetFrac(new(big.Int).SetUint64(amount*(bal+q)), new(big.Int).SetUint64(total)))
	}
}

func (s *scenario) validators() []string {
	var out []string
	for _, v := range []string{val1, val2, val3, scenarioVal4, scenarioVal5} {
		if s.e.am.Active(v) {
			out = append(out, v)
		}
	}
	return out
}

func (s *scenario) step() {
	e, r := s.e, s.r
	u := s.users[r.Intn(len(s.users))]
	// Shares move between users by transfer (a gift of value the asset bound of one account cannot
	// follow), so honest users never send to the attacker: its own bound stays exact.
	other := s.users[r.Intn(len(s.users)-1)]
	if u == s.users[len(s.users)-1] {
		other = s.users[r.Intn(len(s.users))]
	}
	bal, _ := s.holder(u.addr).Balance.Uint64()
	part := func(n uint64) uint64 { // 1..n, often all of it
		if n <= 1 || r.Intn(4) == 0 {
			return max(n, 1)
		}
		return 1 + uint64(r.Int63n(int64(n)))
	}
	amt := func(n uint64) string { return strconv.FormatUint(n, 10) }
	switch k := r.Intn(100); {
	case k < 15:
		s.do(u, "deposit", `{"deposit":{}}`, coin(1+uint64(r.Int63n(500_000)), asset))
	case k < 22:
		s.do(u, "transfer", `{"transfer":{"recipient":"`+other.addr+`","amount":"`+amt(part(bal))+`"}}`)
	case k < 25:
		s.do(u, "send", `{"send":{"contract":"`+other.addr+`","amount":"`+amt(part(bal))+`","msg":""}}`)
	case k < 35:
		s.do(u, "unbond", `{"unbond":{"amount":"`+amt(part(bal))+`"}}`)
	case k < 40:
		s.do(u, "unbond_send", `{"send":{"contract":"`+e.self+`","amount":"`+amt(part(bal))+`","msg":"`+b64(`{"unbond":{}}`)+`"}}`)
	case k < 47:
		s.do(u, "process_unbonds", `{"process_unbonds":{}}`)
	case k < 54:
		if s.completion != 0 && r.Intn(2) == 0 {
			s.do(u, "exit", `{"exit":{}}`)
		} else {
			s.do(u, "withdraw", `{"withdraw":{}}`)
		}
	case k < 60:
		s.do(u, "claim_rewards", `{"claim_rewards":{}}`)
	case k < 64:
		s.do(u, "harvest", `{"harvest":{}}`)
	case k < 66:
		e.am.Fund(e.self, coin(7, "uother"))
		s.do(u, "sweep", `{"sweep":{"denom":"uother"}}`)
	case k < 69: // the attacker donates asset or reward tokens by bank send
		a := s.users[len(s.users)-1]
		n := 1 + uint64(r.Int63n(50_000))
		if r.Intn(2) == 0 {
			s.gain(n)
			a.assetIn.Add(a.assetIn, ratU(n))
			a.assetDue.Add(a.assetDue, ratU(n))
			e.am.Fund(e.self, coin(n, asset))
			s.donations += n
		} else {
			s.reward(n)
			e.am.Fund(e.self, coin(n, stake))
		}
		s.steps++
	case k < 78: // rewards on a delegation of the contract
		if v := s.stakedActive(); v != "" {
			n := 1 + uint64(r.Int63n(20_000))
			if r.Intn(3) == 0 {
				if e.am.AddRewards(e.self, v, asset, coin(n, asset)) == nil {
					s.gain(n)
				}
			} else if e.am.AddRewards(e.self, v, asset, coin(n, stake)) == nil {
				s.reward(n)
			}
		}
	case k < 81: // take rate
		if v := s.stakedActive(); v != "" {
			d := e.am.Delegation(e.self, v, asset)
			_ = e.am.TakeRate(e.self, v, asset, d.SaturatingSub(d.SaturatingSub(u128(uint64(r.Intn(100))))))
		}
	case k < 83: // slash of 0.1 % to 10 %
		f, _ := std.ParseDecimal("0.00" + strconv.Itoa(1+r.Intn(99)))
		vals := s.validators()
		_ = e.am.Slash(vals[r.Intn(len(vals))], f)
	case k < 85: // jail / unjail
		vals := []string{val1, val2, val3, scenarioVal4, scenarioVal5}
		v := vals[r.Intn(len(vals))]
		if e.am.Active(v) && len(s.validators()) > 1 {
			e.am.Jail(v)
		} else if e.am.Validators[v] {
			e.am.Unjail(v)
		}
	case k < 86: // a validator is removed; the owner moves the set to the remaining ones
		vals := s.validators()
		if len(vals) > 2 {
			e.am.RemoveValidator(vals[r.Intn(len(vals))])
			s.updateValidators()
		}
	case k < 90: // governance changes the unbonding time (1 to 35 days); the owner keeps the epoch fitting
		e.am.SetUnbondingTime(uint64(1+r.Intn(35)) * day)
		fit := e.am.UnbondingTime/1_000_000_000/7 + 1
		cfg, _ := config.Load(e.h.Storage)
		if cfg.UnbondEpoch < fit {
			s.do(&account{addr: e.owner, assetIn: new(big.Rat), assetDue: new(big.Rat), rewardDue: new(big.Rat)}, "update_unbond_epoch",
				`{"update_unbond_epoch":{"unbond_epoch":`+amt(fit)+`}}`)
		}
	default: // time passes: a block to years
		var dt uint64
		switch r.Intn(4) {
		case 0:
			dt = 5_000_000_000
		case 1:
			dt = uint64(1+r.Intn(5)) * day
		case 2:
			dt = uint64(5+r.Intn(30)) * day
		default:
			dt = uint64(1+r.Intn(3)) * 365 * day
		}
		e.h.Env.Block.Time += std.Timestamp(dt)
		e.h.Env.Block.Height += 1 + dt/5_000_000_000
		s.mature()
	}
}

// delist is governance delisting the asset and the chain's wind-down reaching every delegation of
// the contract in the next block.
func (s *scenario) delist() {
	if err := s.e.am.Delist(asset); err != nil {
		s.t.Fatal(err)
	}
	if _, err := s.e.am.WindDown(asset, 50); err != nil {
		s.t.Fatal(err)
	}
	s.completion = *s.e.am.Alliances[asset].DelistCompletionTime
}

// mature pays the unbonding entries that are due, as the chain's EndBlock, recording what each
// completion time returned.
func (s *scenario) mature() {
	now := uint64(s.e.h.Env.Block.Time)
	for _, u := range s.e.am.Unbondings(s.e.self) {
		if u.CompletionTime <= now {
			n, _ := strconv.ParseUint(u.Amount, 10, 64)
			s.returned[u.CompletionTime] += n
		}
	}
	s.e.am.MatureUnbondings()
}

// stakedActive is a random active validator the contract has stake on ("" when none).
func (s *scenario) stakedActive() string {
	var out []string
	for _, v := range s.validators() {
		if !s.e.am.Delegation(s.e.self, v, asset).IsZero() {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return out[s.r.Intn(len(out))]
}

func (s *scenario) updateValidators() {
	vals := s.validators()
	if len(vals) > 3 {
		vals = vals[:3]
	}
	owner := &account{addr: s.e.owner, assetIn: new(big.Rat), assetDue: new(big.Rat), rewardDue: new(big.Rat)}
	s.do(owner, "update_validators", `{"update_validators":{"validators":["`+strings.Join(vals, `","`)+`"]}}`)
}

// check verifies the books after every step.
func (s *scenario) check() {
	t, e := s.t, s.e
	rs := s.state()
	// Shares: the supply is the sum of the balances (nothing created).
	sum := std.Uint128{}
	for _, u := range append([]string{e.self, e.owner}, s.addrs()...) {
		sum = sum.SaturatingAdd(s.holder(u).Balance)
	}
	if sum != rs.Supply {
		t.Fatalf("step %d: balances sum to %s, supply %s", s.steps, sum, rs.Supply)
	}
	// The contract's own balance the pool keeps (the reward-bearing supply excludes it) is its
	// account's.
	if own := s.holder(e.self).Balance; own != rs.Own {
		t.Fatalf("step %d: the contract holds %s shares, the pool says %s", s.steps, own, rs.Own)
	}
	// The claim book: what is owed and the surplus are in the contract's balance; what the chain
	// returned is what was paid plus what is owed (the balance holds the rest).
	have := e.am.Balance(e.self, asset)
	if have.Lt(rs.Owed.SaturatingAdd(rs.Surplus).SaturatingAdd(rs.Pot)) {
		t.Fatalf("step %d: asset balance %s below owed %s + surplus %s + pot %s", s.steps, have, rs.Owed, rs.Surplus, rs.Pot)
	}
	// The delisting: once the wind-down is settled, what exits paid and the pot left never exceed
	// the pot it settled plus what was donated since and the rounding dust of batch claims paid
	// since (below one unit per step: it stays with the holders).
	if rs.Final {
		pot, _ := rs.Pot.Uint64()
		if !s.finalSeen {
			s.finalSeen, s.potAtFinal, s.donAtFinal, s.stepAtFinal = true, pot+s.exitPaid, s.donations, s.steps
		}
		if s.exitPaid+pot > s.potAtFinal+s.donations-s.donAtFinal+uint64(s.steps-s.stepAtFinal) {
			t.Fatalf("step %d: exits paid %d and the pot holds %d, out of %d settled and %d donated since", s.steps, s.exitPaid, pot, s.potAtFinal, s.donations-s.donAtFinal)
		}
	}
	// Settled batches are paid what the chain returned for them: never less (but for one unit of
	// rounding per batch), never more than that plus donations.
	for id := uint64(0); id < rs.Batch; id++ {
		b, found, _ := batches.MayLoad(e.h.Storage, id)
		if !found || !b.Settled || s.seen[id] {
			continue
		}
		s.seen[id] = true
		p, _ := b.Payout.Uint64()
		s.settledPaid += p
		if s.completion != 0 && b.Completion == s.completion {
			// processed in the block of the delisting: its entries complete with the wind-down's
			// (pooled with them below)
			s.settledGot += p
		} else {
			s.settledGot += s.returned[b.Completion]
			s.returned[b.Completion] = 0 // a second batch completing at the same time settles with it
		}
		s.settledBatches++
	}
	// (A batch settled together with the wind-down shares a slash that came after the delisting
	// was seen with it: the wind-down's return bounds what moves either way.)
	pooled := uint64(0)
	if rs.Final {
		pooled = s.returned[s.completion]
	}
	if s.settledPaid+s.settledBatches+pooled < s.settledGot || s.settledPaid > s.settledGot+s.donations+pooled {
		t.Fatalf("step %d: settled batches paid %d, the chain returned %d for them (donations %d)", s.steps, s.settledPaid, s.settledGot, s.donations)
	}
	// Rewards: every holder's claim is reserved, and the reserve is what the contract holds plus
	// what the chain owes it.
	claimable := std.Uint128{}
	for _, u := range append([]string{e.owner}, s.addrs()...) {
		h := s.holder(u)
		step, _ := rs.Index.CheckedSub(h.Index)
		earned, _ := h.Balance.MulFloor(step)
		claimable = claimable.SaturatingAdd(h.Pending).SaturatingAdd(earned)
	}
	if rs.Reserved.Lt(claimable) {
		t.Fatalf("step %d: reserved %s below the holders' claims %s", s.steps, rs.Reserved, claimable)
	}
	owed := e.am.Balance(e.self, stake)
	for _, v := range []string{val1, val2, val3, scenarioVal4, scenarioVal5} {
		owed = owed.SaturatingAdd(e.am.PendingRewards(e.self, v, asset, stake))
	}
	if owed.Lt(rs.Reserved) {
		t.Fatalf("step %d: reserved %s but the contract holds and is owed %s", s.steps, rs.Reserved, owed)
	}
	// Nobody is paid more than its due: rewards (paid + pending) within the model (one unit per
	// booking of rounding), and asset never beyond what it put in plus its part of every gain
	// (plus rounding dust that stays with the remaining holders: one unit per step).
	for _, u := range s.users {
		pending, err := s.pendingRewards(u.addr)
		if err != nil {
			t.Fatal(err)
		}
		got := ratU(u.rewardOut + pending)
		if limit := new(big.Rat).Add(u.rewardDue, ratU(uint64(s.bookings))); got.Cmp(limit) > 0 {
			t.Fatalf("step %d: %s has %s rewards, due %s", s.steps, u.addr, got.FloatString(0), u.rewardDue.FloatString(2))
		}
		if low := new(big.Rat).Sub(u.rewardDue, ratU(uint64(s.bookings)+1)); got.Cmp(low) < 0 {
			t.Fatalf("step %d: %s has %s rewards, due %s: someone took them", s.steps, u.addr, got.FloatString(0), u.rewardDue.FloatString(2))
		}
	}
	// Asset: the attacker (who receives no shares from others) never withdraws more than it put
	// in plus its part of every gain, and all users together not more than they all put in plus
	// their part of every gain (transfers between them cancel out). Rounding dust stays with the
	// remaining holders: one unit per step.
	tol := ratU(uint64(s.steps))
	a := s.users[len(s.users)-1]
	if ratU(a.assetOut).Cmp(new(big.Rat).Add(a.assetDue, tol)) > 0 {
		t.Fatalf("step %d: the attacker withdrew %d asset, due at most %s", s.steps, a.assetOut, a.assetDue.FloatString(2))
	}
	out, due := new(big.Rat), new(big.Rat).Set(tol)
	for _, u := range s.users {
		out.Add(out, ratU(u.assetOut))
		due.Add(due, u.assetDue)
	}
	if out.Cmp(due) > 0 {
		t.Fatalf("step %d: users withdrew %s asset, due at most %s", s.steps, out.FloatString(0), due.FloatString(2))
	}
}

func (s *scenario) addrs() []string {
	var out []string
	for _, u := range s.users {
		out = append(out, u.addr)
	}
	return out
}

func (s *scenario) pendingRewards(addr string) (uint64, error) {
	out, err := s.e.h.Query([]byte(`{"pending_rewards":{"address":"` + addr + `"}}`))
	if err != nil {
		return 0, err
	}
	const key = `"rewards":"`
	i := strings.Index(string(out), key)
	rest := string(out)[i+len(key):]
	return strconv.ParseUint(rest[:strings.IndexByte(rest, '"')], 10, 64)
}

// exitAll: every holder unbonds everything, batches are processed and mature, everyone withdraws
// and claims: nothing may fail except for a documented reason, and in the end the contract owes
// nothing and holds only the locked shares.
func (s *scenario) exitAll() {
	e := s.e
	if s.completion != 0 {
		s.exitDelisted()
		return
	}
	if len(s.validators()) == 0 {
		s.t.Fatal("no validator left")
	}
	for _, v := range []string{val1, val2, val3, scenarioVal4, scenarioVal5} {
		if e.am.Validators[v] {
			e.am.Unjail(v)
		}
	}
	for round := 0; round < 3; round++ {
		for _, u := range s.users {
			if bal := s.holder(u.addr).Balance; !bal.IsZero() {
				if !s.do(u, "unbond", `{"unbond":{"amount":"`+bal.String()+`"}}`) {
					s.t.Fatalf("%s cannot unbond its %s shares", u.addr, bal)
				}
			}
		}
		for i := 0; i < 30 && !s.state().Queued.IsZero(); i++ {
			e.h.Env.Block.Time += std.Timestamp(61 * day)
			s.mature()
			s.do(s.users[0], "process_unbonds", `{"process_unbonds":{}}`)
		}
		e.h.Env.Block.Time += std.Timestamp(61 * day)
		s.mature()
		e.h.Env.Block.Time += 5_000_000_000
		for _, u := range s.users {
			s.do(u, "withdraw", `{"withdraw":{}}`)
			s.do(u, "claim_rewards", `{"claim_rewards":{}}`)
			s.check()
		}
	}
	rs := s.state()
	if !rs.Queued.IsZero() || !rs.Owed.IsZero() || !rs.Unsettled.IsZero() {
		s.t.Fatalf("after every exit: queued %s owed %s unsettled %s", rs.Queued, rs.Owed, rs.Unsettled)
	}
	for _, u := range s.users {
		if !s.holder(u.addr).Balance.IsZero() {
			s.t.Fatalf("%s still holds shares", u.addr)
		}
		if p, _ := s.pendingRewards(u.addr); p > 1 {
			s.t.Fatalf("%s left %d rewards unclaimed", u.addr, p)
		}
	}
	_ = alliance.DefaultUnbondingTime
}

// exitDelisted is exitAll after the delisting: long after every entry completed, every user
// withdraws its claims, exits and claims its rewards; the last exit empties the pot and the
// contract keeps no asset.
func (s *scenario) exitDelisted() {
	e := s.e
	e.h.Env.Block.Time = std.Timestamp(max(uint64(e.h.Env.Block.Time), s.completion) + 100*day)
	s.mature()
	e.h.Env.Block.Time += 5_000_000_000
	for _, u := range s.users {
		s.do(u, "withdraw", `{"withdraw":{}}`)
	}
	for _, u := range s.users {
		if !s.holder(u.addr).Balance.IsZero() || !s.queued(u.addr).IsZero() {
			if !s.do(u, "exit", `{"exit":{}}`) {
				s.t.Fatalf("%s cannot exit", u.addr)
			}
		}
		s.do(u, "claim_rewards", `{"claim_rewards":{}}`)
		s.check()
	}
	rs := s.state()
	left, _ := e.am.Balance(e.self, asset).Uint64()
	if !rs.Final || !rs.Pot.IsZero() || !rs.Queued.IsZero() || !rs.Owed.IsZero() || !rs.Unsettled.IsZero() || left > s.donations-s.donAtExit+uint64(s.steps-s.stepAtExit) {
		s.t.Fatalf("after every exit: final %v pot %s queued %s owed %s unsettled %s, the contract holds %d (%d donated after the last exit)",
			rs.Final, rs.Pot, rs.Queued, rs.Owed, rs.Unsettled, left, s.donations-s.donAtExit)
	}
	for _, u := range s.users {
		if !s.holder(u.addr).Balance.IsZero() {
			s.t.Fatalf("%s still holds shares", u.addr)
		}
		if p, _ := s.pendingRewards(u.addr); p > 1 {
			s.t.Fatalf("%s left %d rewards unclaimed", u.addr, p)
		}
	}
	s.t.Logf("delisted: exits paid %d of a settled pot %d (+%d donated since), %d left (donated after the last exit)", s.exitPaid, s.potAtFinal, s.donations-s.donAtFinal, left)
}
