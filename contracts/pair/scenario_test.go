package main

import (
	"bytes"
	"math/big"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// A seeded randomized scenario: honest users and an attacker provide, withdraw, swap (with and
// without belief prices, tiny and huge amounts), donate straight to the pool's account, and time
// jumps, on the test app (contracts/std/stdtest: a failed execute reverts everything, as a tx),
// for a pair of two bank denoms and for a pair whose first side is a cw20 (the fake ledger of
// cw20_test.go: provided with transfer_from, swapped in through send, paid with transfer). After
// every step:
//
//   - k per LP share, (reserve0 · reserve1) / total_share², never decreases (a swap keeps k
//     itself from decreasing; provisions and withdrawals round in favour of the pool);
//   - the pool's holdings (bank and cw20 ledger) are its reserves plus exactly the donations;
//   - the LP shares (a bank denom) of all holders plus the pair's own (the 1,000 locked ones and
//     any sent to it) are the total share, and so is the LP denom's bank supply;
//   - a withdrawal pays exactly floor(amount · reserve_i / total_share) of each side, never more;
//   - a failed operation changes nothing (storage and every balance), and a receive from anyone
//     but the pair's cw20 (the attacker posing as it) always fails;
//   - nothing is created: each denom's total over all accounts is what was minted;
//   - the oracle and pool queries always answer, a holder can always withdraw, and the pair is
//     never left locked.
//
// Holders also move LP shares by bank send, the attacker tries withdrawals with other coins than
// the LP denom, and collect_rewards brings the cw20 side's rewards (stake) into the reserve (a
// bank pair refuses it). At the end every holder withdraws everything. `go test` runs a short version; PAIR_LONG=1 runs
// many more operations and seeds.

type pairSim struct {
	t         *testing.T
	rng       *rand.Rand
	h         *std.Mock
	am        *alliance.Mock
	self      string
	tok       *fakeCw20 // side 0 when set
	users     []string  // users[len-1] is the attacker
	donated   [2]*big.Int
	minted    [2]*big.Int
	ops, fail int
	counts    map[string]int
	lp        string // the LP denom
}

var denoms = [2]string{asset, stake}

func newPairSim(t *testing.T, seed int64, cw20 bool) *pairSim {
	app := stdtest.New(t, nil, nil) // the bank, and Execute = one transaction
	app.Chain.AddTokenFactory()
	h := app.Host
	s := &pairSim{t: t, rng: rand.New(rand.NewSource(seed)), h: h, am: app.Chain, self: app.Contract,
		donated: [2]*big.Int{new(big.Int), new(big.Int)}, minted: [2]*big.Int{new(big.Int), new(big.Int)}, counts: map[string]int{}}
	first := `{"native_token":{"denom":"uasset"}}`
	if cw20 {
		s.tok = newCw20(t, app, "token")
		first = `{"token":{"contract_addr":"` + s.tok.addr + `"}}`
	}
	app.Instantiate(app.Addr("creator"),
		`{"asset_infos":[`+first+`,{"native_token":{"denom":"stake"}}],"fee_bps":`+strconv.Itoa(s.rng.Intn(MaxFeeBps+1))+`}`, coin(creationFee, stake))
	s.lp = lpDenom(app)
	for _, name := range []string{"alice", "bob", "carol", "dave", "attacker"} {
		a := h.API.Addr(name)
		s.users = append(s.users, a)
		for i, d := range denoms {
			// Balances of very different sizes, up to ~10^35, so the pool also meets ratios and
			// products far beyond 64 and 128 bits.
			amt := s.amount()
			if i == 0 && s.tok != nil {
				s.tok.balances[a] = amt
			} else {
				s.am.Fund(a, std.Coin{Denom: d, Amount: amt})
			}
			s.minted[i].Add(s.minted[i], bigOf(amt))
		}
	}
	return s
}

// asset is amount of side i as the pair's messages name it.
func (s *pairSim) asset(i int, amount std.Uint128) string {
	if i == 0 && s.tok != nil {
		return tokenAsset(s.tok.addr, amount.String())
	}
	return asJSON(denoms[i], amount.String())
}

// pay moves amount of side i from one account to another outside the pair's messages.
func (s *pairSim) pay(from, to string, i int, amount std.Uint128) error {
	if i == 0 && s.tok != nil {
		return s.tok.move(from, to, amount.String())
	}
	return s.am.Send(from, to, std.Coin{Denom: denoms[i], Amount: amount})
}

// amount draws a positive amount of random magnitude (1 to ~10^35).
func (s *pairSim) amount() std.Uint128 {
	digits := 1 + s.rng.Intn(35)
	v := new(big.Int).Rand(s.rng, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil))
	v.Add(v, big.NewInt(1))
	out, _ := std.ParseUint128(v.String())
	return out
}

// upTo draws an amount in [1, max] with a random magnitude, or 0 when max is 0.
func (s *pairSim) upTo(max std.Uint128) std.Uint128 {
	if max.IsZero() {
		return max
	}
	m := bigOf(max)
	shift := s.rng.Intn(m.BitLen() + 1)
	bound := new(big.Int).Rsh(m, uint(shift))
	if bound.Sign() == 0 {
		bound.SetInt64(1)
	}
	v := new(big.Int).Rand(s.rng, bound)
	v.Add(v, big.NewInt(1))
	out, _ := std.ParseUint128(v.String())
	return out
}

func (s *pairSim) reserves() Reserves {
	r, err := reserves.Load(s.h.Storage)
	if err != nil {
		s.t.Fatal(err)
	}
	return r
}

// share is a's LP shares: its bank balance of the LP denom.
func (s *pairSim) share(a string) std.Uint128 { return s.am.Balance(a, s.lp) }

func (s *pairSim) balance(a string, i int) *big.Int { return bigOf(s.held(a, i)) }

// held is a's holding of side i (on the cw20 ledger for a cw20 side).
func (s *pairSim) held(a string, i int) std.Uint128 {
	if i == 0 && s.tok != nil {
		return s.tok.balances[a]
	}
	return s.am.Balance(a, denoms[i])
}

func (s *pairSim) dump() []byte {
	var b bytes.Buffer
	it := s.h.Storage.Range(nil, nil, std.Ascending)
	for {
		k, v, ok := it.Next()
		if !ok {
			break
		}
		b.Write(k)
		b.WriteByte(0)
		b.Write(v)
		b.WriteByte(1)
	}
	for _, a := range append(append([]string{}, s.users...), s.self) {
		for i := range denoms {
			b.WriteString(s.balance(a, i).String())
			b.WriteByte(2)
		}
		b.WriteString(s.share(a).String())
		b.WriteByte(3)
	}
	if s.tok != nil {
		b.WriteString(s.tok.books())
	}
	return b.Bytes()
}

// exec runs one transaction; a failure must leave storage and balances untouched.
func (s *pairSim) exec(kind, sender, msg string, funds ...std.Coin) bool {
	s.t.Helper()
	return s.try(kind, msg, func() error {
		_, err := s.am.Execute(sender, []byte(msg), funds...)
		return err
	})
}

// try runs tx (one transaction) and counts it; a failure must leave everything untouched.
func (s *pairSim) try(kind, what string, tx func() error) bool {
	s.t.Helper()
	s.ops++
	before := s.dump()
	if err := tx(); err != nil {
		s.fail++
		s.counts[kind+" refused"]++
		if !bytes.Equal(before, s.dump()) {
			s.t.Fatalf("op %d %s failed (%v) but changed state", s.ops, what, err)
		}
		return false
	}
	s.counts[kind]++
	return true
}

// swapTx sells offer of side from (opts: the swap's optional fields, each starting with a comma):
// a bank denom with swap, a cw20 through its send with a swap hook.
func (s *pairSim) swapTx(kind, who string, from int, offer std.Uint128, opts string) bool {
	if from == 0 && s.tok != nil {
		hook := `{"swap":{` + strings.TrimPrefix(opts, ",") + `}}`
		return s.try(kind, hook, func() error { return s.tok.sendU(who, offer, hook) })
	}
	return s.exec(kind, who, `{"swap":{"offer_asset":`+s.asset(from, offer)+opts+`}}`, std.Coin{Denom: denoms[from], Amount: offer})
}

func perShareK(r Reserves) (*big.Int, *big.Int) {
	k := new(big.Int).Mul(bigOf(r.Amounts[0]), bigOf(r.Amounts[1]))
	ts := bigOf(r.TotalShare)
	return k, new(big.Int).Mul(ts, ts)
}

func (s *pairSim) check(before Reserves, op string) {
	s.t.Helper()
	after := s.reserves()
	// k per share: k'/ts'² >= k/ts², i.e. k'·ts² >= k·ts'² (skipped while the pool is empty).
	if !before.TotalShare.IsZero() && !after.TotalShare.IsZero() {
		k0, ts0 := perShareK(before)
		k1, ts1 := perShareK(after)
		if new(big.Int).Mul(k1, ts0).Cmp(new(big.Int).Mul(k0, ts1)) < 0 {
			s.t.Fatalf("op %d %s: k per share decreased: %v -> %v", s.ops, op, before, after)
		}
	}
	// Balances are reserves plus the donations, exactly.
	for i := range denoms {
		want := new(big.Int).Add(bigOf(after.Amounts[i]), s.donated[i])
		if got := s.balance(s.self, i); got.Cmp(want) != 0 {
			s.t.Fatalf("op %d %s: pool holds %s %s, reserves+donations %s", s.ops, op, got, denoms[i], want)
		}
	}
	// LP shares: holders + the pair's own (locked, and any sent to it) = total = bank supply.
	sum := bigOf(s.share(s.self))
	for _, a := range s.users {
		sum.Add(sum, bigOf(s.share(a)))
	}
	if sum.Cmp(bigOf(after.TotalShare)) != 0 {
		s.t.Fatalf("op %d %s: shares %s, total %s", s.ops, op, sum, after.TotalShare)
	}
	if supply := s.am.TokenFactory.Supply(s.lp); supply != after.TotalShare {
		s.t.Fatalf("op %d %s: LP supply %s, total %s", s.ops, op, supply, after.TotalShare)
	}
	// Nothing created or destroyed.
	for i := range denoms {
		total := s.balance(s.self, i)
		for _, a := range s.users {
			total.Add(total, s.balance(a, i))
		}
		if total.Cmp(s.minted[i]) != 0 {
			s.t.Fatalf("op %d %s: %s total %s, minted %s", s.ops, op, denoms[i], total, s.minted[i])
		}
	}
	if _, locked := s.h.Storage.Get(lockKey); locked {
		s.t.Fatalf("op %d %s: the pair is left locked", s.ops, op)
	}
	// The queries always answer.
	for _, qm := range []string{`{"pool":{}}`, `{"cumulative_prices":{}}`, `{"config":{}}`} {
		if _, err := s.h.Query([]byte(qm)); err != nil {
			s.t.Fatalf("op %d %s: query %s: %v", s.ops, op, qm, err)
		}
	}
}

func (s *pairSim) provide(who string) {
	var amt [2]std.Uint128
	for i := range amt {
		amt[i] = s.upTo(s.held(who, i))
	}
	if amt[0].IsZero() || amt[1].IsZero() {
		return
	}
	if r := s.reserves(); !r.TotalShare.IsZero() && s.rng.Intn(2) == 0 {
		// Often at the pool's ratio (one side from the other, rounded up), as a careful LP would.
		if v, err := amt[0].MulDivCeil(r.Amounts[1], r.Amounts[0]); err == nil && !v.IsZero() && v.Lte(s.held(who, 1)) {
			amt[1] = v
		}
	}
	funds := []std.Coin{{Denom: asset, Amount: amt[0]}, {Denom: stake, Amount: amt[1]}}
	if s.tok != nil {
		// The provider's increase_allowance: the pair pulls what it uses with transfer_from.
		s.tok.allowances[[2]string{who, s.self}] = amt[0]
		funds = funds[1:]
	}
	s.exec("provide", who, `{"provide_liquidity":{"assets":[`+s.asset(0, amt[0])+`,`+s.asset(1, amt[1])+`]}}`, funds...)
}

func (s *pairSim) withdraw(who string, all bool) {
	have := s.share(who)
	if have.IsZero() {
		return
	}
	amount := have
	if !all {
		amount = s.upTo(have)
	}
	r := s.reserves()
	var bal [2]*big.Int
	for i := range bal {
		bal[i] = s.balance(who, i)
	}
	var want [2]*big.Int
	for i := range want {
		want[i] = new(big.Int).Mul(bigOf(amount), bigOf(r.Amounts[i]))
		want[i].Quo(want[i], bigOf(r.TotalShare))
	}
	lp := std.Coin{Denom: s.lp, Amount: amount}
	// Sometimes with min_assets_to_receive: one more than the payout of a side is refused,
	// exactly the payout passes.
	msg := `{"withdraw_liquidity":{}}`
	if s.rng.Intn(4) == 0 {
		i := s.rng.Intn(2)
		over, _ := std.ParseUint128(new(big.Int).Add(want[i], big.NewInt(1)).String())
		if s.exec("withdraw", who, `{"withdraw_liquidity":{"min_assets_to_receive":[`+s.asset(i, over)+`]}}`, lp) {
			s.t.Fatalf("op %d: a withdrawal paying %s passed min_assets_to_receive %s", s.ops, want[i], over)
		}
		exact, _ := std.ParseUint128(want[i].String())
		msg = `{"withdraw_liquidity":{"min_assets_to_receive":[` + s.asset(i, exact) + `]}}`
	}
	if ok := s.exec("withdraw", who, msg, lp); !ok {
		s.t.Fatalf("op %d: %s cannot withdraw %s of its %s shares", s.ops, who, amount, have)
	}
	for i := range bal {
		want := want[i]
		if got := new(big.Int).Sub(s.balance(who, i), bal[i]); got.Cmp(want) != 0 {
			s.t.Fatalf("op %d: withdrawing %s of %s shares paid %s %s, its share is %s", s.ops, amount, r.TotalShare, got, denoms[i], want)
		}
	}
}

func (s *pairSim) swap(who string) {
	from := s.rng.Intn(2)
	r := s.reserves()
	var offer std.Uint128
	switch s.rng.Intn(4) {
	case 0: // dust: probes rounding
		offer = std.NewUint128(uint64(1 + s.rng.Intn(3)))
	case 1: // around the pool's depth on that side
		offer = s.upTo(r.Amounts[from].SaturatingAdd(r.Amounts[from]))
	default:
		offer = s.upTo(s.held(who, from))
	}
	if offer.IsZero() || s.held(who, from).Lt(offer) {
		return
	}
	opts := ""
	switch s.rng.Intn(3) {
	case 0:
		opts += `,"max_spread":"0.5"`
	case 1:
		opts += `,"belief_price":"` + []string{"0.000001", "1", "3.5", "1000000"}[s.rng.Intn(4)] + `","max_spread":"0.` + strconv.Itoa(s.rng.Intn(6)) + `"`
	}
	if s.rng.Intn(4) == 0 {
		opts += `,"to":"` + s.users[s.rng.Intn(len(s.users))] + `"`
	}
	before := s.reserves()
	if ok := s.swapTx("swap", who, from, offer, opts); ok {
		// A swap alone never lowers k.
		after := s.reserves()
		k0, _ := perShareK(before)
		k1, _ := perShareK(after)
		if k1.Cmp(k0) < 0 {
			s.t.Fatalf("op %d: swap lowered k", s.ops)
		}
	}
}

// collect has the cw20 side owe the pair rewards in stake (a pool denom) and who collects them:
// the stake reserve grows by exactly that much. A bank pair refuses it.
func (s *pairSim) collect(who string) {
	if s.tok == nil {
		if s.exec("collect", who, `{"collect_rewards":{}}`) {
			s.t.Fatalf("op %d: a bank pair collected rewards", s.ops)
		}
		return
	}
	amt := s.upTo(std.NewUint128(1_000_000_000))
	if s.rng.Intn(4) == 0 {
		amt = std.Uint128{} // nothing owed
	}
	if !amt.IsZero() {
		s.tok.accrue(s.self, std.Coin{Denom: stake, Amount: amt})
	}
	before := s.reserves()
	if !s.exec("collect", who, `{"collect_rewards":{}}`) {
		s.t.Fatalf("op %d: collect_rewards failed", s.ops)
	}
	s.minted[1].Add(s.minted[1], bigOf(amt)) // the token's bank coins join the counted accounts
	if got, want := s.reserves().Amounts[1], before.Amounts[1].SaturatingAdd(amt); got != want {
		s.t.Fatalf("op %d: collecting %s stake left the reserve at %s, want %s", s.ops, amt, got, want)
	}
}

// moveLP sends some of who's LP shares by bank to another user or, rarely, to the pair (where
// they stay locked).
func (s *pairSim) moveLP(who string) {
	amt := s.upTo(s.share(who))
	if amt.IsZero() {
		return
	}
	to := s.users[s.rng.Intn(len(s.users))]
	if s.rng.Intn(10) == 0 {
		to = s.self
	}
	if err := s.am.Send(who, to, std.Coin{Denom: s.lp, Amount: amt}); err != nil {
		s.t.Fatal(err)
	}
	s.counts["move LP"]++
	s.ops++
}

func (s *pairSim) donate(who string) {
	i := s.rng.Intn(2)
	amt := s.upTo(s.held(who, i))
	if amt.IsZero() {
		return
	}
	if err := s.pay(who, s.self, i, amt); err != nil {
		s.t.Fatal(err)
	}
	s.donated[i].Add(s.donated[i], bigOf(amt))
	s.counts["donate"]++
	s.ops++
}

func (s *pairSim) step() {
	who := s.users[s.rng.Intn(len(s.users))]
	attacker := s.users[len(s.users)-1]
	before := s.reserves()
	op := ""
	switch n := s.rng.Intn(100); {
	case n < 20:
		op = "provide"
		s.provide(who)
	case n < 35:
		op = "withdraw"
		s.withdraw(who, s.rng.Intn(5) == 0)
	case n < 75:
		op = "swap"
		s.swap(who)
	case n < 77:
		// Anyone but the pair's cw20 (here the attacker) posing as it: always refused.
		op = "fake receive"
		claim := s.upTo(s.held(who, 0)).SaturatingAdd(std.NewUint128(1))
		if s.exec("fake receive", attacker, receiveMsg(who, claim.String(), `{"swap":{"max_spread":"0.5"}}`)) {
			s.t.Fatalf("op %d: a receive from %s was believed", s.ops, attacker)
		}
	case n < 79:
		op = "donate"
		s.donate(who)
	case n < 80 && n >= 79 && s.rng.Intn(2) == 0:
		op = "collect"
		s.collect(who)
	case n < 80:
		op = "move LP"
		s.moveLP(who)
		// The attacker withdraws with a coin that is not the LP denom: always refused.
		if s.exec("fake withdraw", attacker, `{"withdraw_liquidity":{}}`, std.Coin{Denom: stake, Amount: std.NewUint128(1)}) {
			s.t.Fatalf("op %d: a withdrawal paid in stake was accepted", s.ops)
		}
	case n < 90:
		op = "time"
		s.h.Env.Block.Height++
		s.h.Env.Block.Time = s.h.Env.Block.Time.PlusSeconds(uint64(s.rng.Intn(100_000)))
	default:
		// The attacker's sandwich in one block: buy, let a victim swap, sell back what was bought.
		op = "sandwich"
		from := s.rng.Intn(2)
		victim := s.users[s.rng.Intn(len(s.users)-1)]
		offer := s.upTo(s.held(attacker, from))
		if offer.IsZero() {
			return
		}
		got0 := s.balance(attacker, 1-from)
		if ok := s.swapTx("sandwich-front", attacker, from, offer, `,"max_spread":"0.5"`); !ok {
			return
		}
		s.check(before, op)
		before = s.reserves()
		s.swap(victim)
		s.check(before, op)
		before = s.reserves()
		bought, _ := std.ParseUint128(new(big.Int).Sub(s.balance(attacker, 1-from), got0).String())
		if !bought.IsZero() {
			s.swapTx("sandwich-back", attacker, 1-from, bought, `,"max_spread":"0.5"`)
		}
	}
	s.check(before, op)
}

func runPairScenario(t *testing.T, seed int64, steps int, cw20 bool) *pairSim {
	s := newPairSim(t, seed, cw20)
	for i := 0; i < steps; i++ {
		s.step()
	}
	// Everyone can get out.
	for _, a := range s.users {
		before := s.reserves()
		s.withdraw(a, true)
		s.check(before, "final withdraw")
		if !s.share(a).IsZero() {
			t.Fatalf("%s still holds shares", a)
		}
	}
	return s
}

func TestPairScenario(t *testing.T) {
	seeds, steps := 4, 1500
	if os.Getenv("PAIR_LONG") != "" {
		seeds, steps = 40, 25_000
	}
	for _, kind := range []struct {
		name string
		cw20 bool
	}{{"bank pair", false}, {"cw20 pair", true}} {
		total, failed := 0, 0
		counts := map[string]int{}
		for seed := int64(1); seed <= int64(seeds); seed++ {
			s := runPairScenario(t, seed, steps, kind.cw20)
			total += s.ops
			failed += s.fail
			for k, v := range s.counts {
				counts[k] += v
			}
		}
		t.Logf("%s: %d seeds, %d operations (%d refused and reverted): %v", kind.name, seeds, total, failed, counts)
		// The run must exercise every kind of operation, not just refusals.
		for _, k := range []string{"provide", "withdraw", "swap", "donate", "sandwich-front", "fake receive refused", "move LP", "fake withdraw refused", map[bool]string{false: "collect refused", true: "collect"}[kind.cw20]} {
			if counts[k] == 0 {
				t.Errorf("%s: no successful %s in the run", kind.name, k)
			}
		}
	}
}
