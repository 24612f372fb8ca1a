package main

import (
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// A seeded randomized scenario on the transactional mocks: four honest users and an attacker use
// the compounder while the chain does everything it can (rewards in the reward denom and in the
// asset, slashes of stake and of unbonding entries, take rate, jailing, a validator deleted and
// replaced by the owner, governance changing the unbonding time, time jumps) and the attacker
// donates to the contract, moves the pool's price and sandwiches harvests. After every step:
//
//   - nothing is created: every uasset in the world (bank balances, which hold the stake and the
//     unbonding entries in the module account, plus asset rewards not yet claimed) is what the
//     test minted;
//   - the contract's books hold: its asset balance covers owed + surplus, owed is exactly what the
//     settled batches still owe, unsettled is exactly what the processed, unsettled batches
//     undelegated, the share supply is the balances plus the 1,000 locked shares, the open batch's
//     shares are its claims;
//   - no claim is paid more than its amount (floor(shares · undelegated / batch shares)), and a
//     claim pays exactly its payout as the claims query showed it;
//   - no deposit mints more than floor(amount · shares / L), L a lower bound of what the holders
//     own computed here from the chain (stake, free asset, asset rewards pending, the reward
//     denom held and pending net of the fee at the lower of the route's stored and current TWAP):
//     a deposit buys no part of rewards earned before it;
//   - an honest user's message fails only for a documented reason.
//
// At the end everyone leaves and claims: every honest user gets out, the contract keeps only dust
// and surplus, and the attacker (who sells its stake back into the pool) ends with no more asset
// than it put in plus its pro-rata part of each harvest's gain while it held shares.
//
// Half the seeds delist the asset at a random step (the chain winds the stake down at once; its
// entries complete an unbonding time later and the asset record goes): from then on deposits and
// processing are refused, holders may exit once the completion passed, and the end is everyone
// claiming, then exiting in random order: each exit is exactly its floor share of what is left,
// the sum paid to holders plus what remains is what the vault held after the chain returned
// everything, and the last exit empties the vault (asset and reward denom). The attacker's bound
// then also allows its exit's part beyond the stake-only value of its shares at the delisting
// (its part of the free asset, the rewards and the locked shares), which the exit check bounds.
//
// COMPOUNDER_LONG=1 runs 20 seeds × 4,000 steps instead of 3 × 800.

// documented lists the reasons an honest message may fail (README: every one is a state of the
// vault or the chain, never a loss).
var documented = []string{
	"first deposit must exceed", "deposit too small", "no configured validator can take stake", "no reference price for",
	"nothing to claim yet", "unbonded tokens not received yet",
	"is empty: nothing to unbond", "cannot be processed before", "unbonding entry cap", "processed batches are waiting",
	"harvest too early", "too recent", "nothing to harvest", "(the TWAP value less max_spread)", "is 0: no reference price",
	"nothing to observe", "too many pending claims",
	"the asset is delisted", "exit opens at", "the chain has not returned all", "nothing to exit",
}

func isDocumented(err error) bool {
	for _, d := range documented {
		if strings.Contains(err.Error(), d) {
			return true
		}
	}
	return false
}

type scenario struct {
	t        *testing.T
	e        *env
	r        *rand.Rand
	users    []string
	attacker string
	keeper   string
	minted   std.Uint128 // uasset the test created (funding and asset rewards)
	// attacker accounting, in uasset
	putIn, fairGain std.Uint128
	ops, refused    int
	supplyChecks    int // times total_shares was compared with the bank supply
	removed         bool
	// the contract's unbonding entries by completion time as last seen, and what the chain paid
	// for each completion time (an entry that disappeared was paid at its last amount: slashes and
	// maturity never happen in the same step)
	entries, arrived map[uint64]std.Uint128
	// the delisting: at which step (-1: none), its completion time, and the attacker's stake-only
	// value at that moment
	delistAt      int
	delistedAt    uint64
	attackerStake std.Uint128
	exits         int
}

func (s *scenario) fund(addr string, amount uint64) {
	s.e.am.Fund(addr, std.NewCoin(amount, asset))
	s.minted = s.minted.SaturatingAdd(u(amount))
}

func TestCompounderScenario(t *testing.T) {
	seeds, steps := 3, 800
	if os.Getenv("COMPOUNDER_LONG") != "" {
		seeds, steps = 20, 4000
	}
	total, refused, delisted, exits, checks := 0, 0, 0, 0, 0
	for seed := 1; seed <= seeds; seed++ {
		s := runScenario(t, int64(seed), steps)
		total += s.ops
		checks += s.supplyChecks
		refused += s.refused
		if s.delistedAt != 0 {
			delisted++
		}
		exits += s.exits
	}
	t.Logf("%d seeds × %d steps (chain events included): %d contract messages, %d refused for a documented reason; %d seeds delisted the asset, %d exits; total_shares = bank supply checked %d times",
		seeds, steps, total, refused, delisted, exits, checks)
}

func runScenario(t *testing.T, seed int64, steps int) *scenario {
	e := newEnv(t, "")
	s := &scenario{t: t, e: e, r: rand.New(rand.NewSource(seed)), keeper: e.m.API.Addr("keeper"), attacker: e.m.API.Addr("mallory"),
		entries: map[uint64]std.Uint128{}, arrived: map[uint64]std.Uint128{}, delistAt: -1}
	// A separate source, so the seeds' steps are those they were before the delisting came in.
	if d := rand.New(rand.NewSource(seed * 7919)); d.Intn(2) == 0 {
		s.delistAt = steps/4 + d.Intn(steps/2)
	}
	for _, n := range []string{"ann", "ben", "cat", "dan"} {
		s.users = append(s.users, e.m.API.Addr(n))
	}
	// val-c exists on the chain from the start; the owner moves to it when val-b is deleted.
	e.am.Validators["val-c"] = true
	e.m.Querier.Validators = append(e.m.Querier.Validators, std.Validator{Address: "val-c"})
	s.minted = u(1_000_000) // the pair's asset (newEnv)
	e.am.Fund(e.pair.addr, std.NewCoin(2_000_000, stake))
	s.fund(s.attacker, 10_000_000)
	s.putIn = u(10_000_000)
	for _, u := range s.users {
		s.fund(u, 10_000_000)
	}
	for i := 0; i < steps; i++ {
		if i == s.delistAt {
			s.delist()
		}
		s.step()
		s.check()
	}
	s.finish()
	return s
}

// honest runs an honest user's (or the keeper's) message as one transaction (the funds come from
// the sender's balance): it may fail only for a documented reason, and then changes nothing.
func (s *scenario) honest(sender, msg string, funds ...std.Coin) bool {
	s.t.Helper()
	s.ops++
	for _, c := range funds {
		if s.e.am.Balance(sender, c.Denom).Lt(c.Amount) {
			return false
		}
	}
	if _, err := s.e.am.Execute(sender, []byte(msg), funds...); err != nil {
		if !isDocumented(err) {
			s.t.Fatalf("%s by %s failed for an undocumented reason: %v", msg, sender, err)
		}
		s.refused++
		return false
	}
	return true
}

func (s *scenario) shares(addr string) std.Uint128 { return s.e.shares(addr) }

// share is amount of the share denom (funds of withdraw and exit).
func (s *scenario) share(amount std.Uint128) std.Coin {
	return std.Coin{Denom: s.e.share, Amount: amount}
}

// exitFunds is who's whole share balance, if any, with exit.
func (s *scenario) exitFunds(who string) []std.Coin {
	if b := s.shares(who); !b.IsZero() {
		return []std.Coin{s.share(b)}
	}
	return nil
}

func (s *scenario) step() {
	e, r := s.e, s.r
	pick := s.users[r.Intn(len(s.users))]
	switch k := r.Intn(100); {
	case k < 14: // deposit
		s.deposit(pick, uint64(1+r.Intn(200_000)), true)
	case k < 24 && s.delistedAt != 0 && r.Intn(2) == 0:
		if s.honest(pick, `{"exit":{}}`, s.exitFunds(pick)...) {
			s.exits++
		}
	case k < 24: // withdraw a part or all
		if b := s.shares(pick); !b.IsZero() {
			part, _ := b.MulDivFloor(u(uint64(1+r.Intn(8))), u(8))
			if part.IsZero() {
				part = b
			}
			s.honest(pick, `{"withdraw":{}}`, s.share(part))
		}
	case k < 30:
		s.honest(s.keeper, `{"process_withdrawals":{}}`)
	case k < 38:
		s.checkedClaim(pick)
	case k < 46:
		s.harvest()
	case k < 48:
		s.honest(s.keeper, `{"observe":{}}`)
	case k < 50: // bank send of shares between honest users (no message of the contract)
		if b := s.shares(pick); !b.IsZero() {
			to := s.users[r.Intn(len(s.users))]
			if to != pick {
				s.ops++
				if err := e.am.Send(pick, to, s.share(b)); err != nil {
					s.t.Fatalf("share transfer: %v", err)
				}
			}
		}
	case k < 62: // rewards on an active validator with stake: stake, sometimes asset
		v := []string{valA, valB, "val-c"}[r.Intn(3)]
		coins := []std.Coin{std.NewCoin(uint64(100+r.Intn(20_000)), stake)}
		asAsset := uint64(0)
		if r.Intn(3) == 0 {
			asAsset = uint64(1 + r.Intn(3_000))
			coins = append(coins, std.NewCoin(asAsset, asset))
		}
		if err := e.am.AddRewards(e.self, v, asset, coins...); err == nil {
			s.minted = s.minted.SaturatingAdd(u(asAsset))
		}
	case k < 64: // a slash of 0.1%..5%
		v := []string{valA, valB, "val-c"}[r.Intn(3)]
		f, _ := std.ParseDecimal("0.00" + string(rune('1'+r.Intn(5))))
		_ = e.am.Slash(v, f)
	case k < 66: // take rate (governance cannot change a delisted asset)
		if s.delistedAt != 0 {
			return
		}
		rate, _ := std.ParseDecimal("0.01")
		if err := e.am.SetTakeRate(asset, rate); err != nil {
			s.t.Fatal(err)
		}
		if _, err := e.am.DeductTakeRate(asset, uint64(1+r.Intn(3))); err != nil {
			s.t.Fatal(err)
		}
	case k < 68: // jail or unjail
		v := []string{valA, valB, "val-c"}[r.Intn(3)]
		if r.Intn(2) == 0 {
			e.am.Jail(v)
		} else {
			e.am.Unjail(v)
		}
	case k < 69: // val-b is deleted; the owner replaces it by val-c
		if !s.removed {
			s.removed = true
			e.am.RemoveValidator(valB)
			s.owner(`{"update_config":{"validators":["val-a","val-c"]}}`)
		}
	case k < 71: // governance changes the unbonding time (7 to 21 days: the epoch keeps its margin
		// only up to 21 days; longer ones are the entry-cap case the contract handles by skipping)
		e.am.SetUnbondingTime(uint64(7+7*r.Intn(3)) * day * 1_000_000_000)
	case k < 85: // time passes; the chain pays matured entries
		if r.Intn(3) == 0 {
			e.advance(uint64(day + r.Intn(3*day)))
		} else {
			e.advance(uint64(60 + r.Intn(3600)))
		}
		e.am.MatureUnbondings()
	default:
		s.attack()
	}
}

// deposit runs a deposit of amount by addr (honest: it may fail only for a documented reason)
// and checks its price against holdersOwn.
func (s *scenario) deposit(addr string, amount uint64, honest bool) {
	s.t.Helper()
	if s.e.am.Balance(addr, asset).Lt(u(amount)) {
		return
	}
	rs, floorValue := s.rateSupply(), s.holdersOwn()
	before := s.shares(addr)
	msg := `{"deposit":{}}`
	if honest {
		if !s.honest(addr, msg, std.NewCoin(amount, asset)) {
			return
		}
	} else {
		s.ops++
		if _, err := s.e.am.Execute(addr, []byte(msg), std.NewCoin(amount, asset)); err != nil {
			s.refused++
			return
		}
	}
	if rs.IsZero() || floorValue.IsZero() {
		return
	}
	minted := s.shares(addr).SaturatingSub(before)
	if most, _ := u(amount).MulDivFloor(rs, floorValue); minted.Gt(most) {
		s.t.Fatalf("step %d: a deposit of %d minted %s shares, more than %s at the holders' value %s (shares %s)",
			s.ops, amount, minted, most, floorValue, rs)
	}
}

// holdersOwn is a lower bound of what the holders own, from the chain and the pair: stake, free
// asset (balance − owed − (unsettled − still unbonding)), asset rewards pending on delegations
// with stake, and the reward denom held and pending there, net of the fee, at the lower of the
// route's stored TWAP and the pair's TWAP since the observation (0 when neither is known).
func (s *scenario) holdersOwn() std.Uint128 {
	e := s.e
	bk, _, _ := book.MayLoad(e.m.Storage)
	var inFlight std.Uint128
	for _, ub := range e.am.Unbondings(e.self) {
		a, _ := std.ParseUint128(ub.Amount)
		inFlight = inFlight.SaturatingAdd(a)
	}
	total := s.stakedNow().SaturatingAdd(e.am.Balance(e.self, asset).SaturatingSub(bk.Owed).SaturatingSub(bk.Unsettled.SaturatingSub(inFlight)))
	rewards := e.am.Balance(e.self, stake)
	for _, v := range []string{valA, valB, "val-c"} {
		if !e.am.Delegation(e.self, v, asset).IsZero() {
			total = total.SaturatingAdd(e.am.PendingRewards(e.self, v, asset, asset))
			rewards = rewards.SaturatingAdd(e.am.PendingRewards(e.self, v, asset, stake))
		}
	}
	cfg, _ := config.Load(e.m.Storage)
	fee, _ := rewards.MulDivFloor(u(uint64(cfg.FeeBps)), u(bpsDenom))
	obs, found, _ := observations.MayLoad(e.m.Storage, stake)
	if !found {
		return total
	}
	price := obs.Price
	e.pair.accrue(e.m.Env.Block.Time.Seconds())
	if window := e.pair.liquid - obs.LiquidSeconds; window > 0 {
		twap, _ := wrappingSub(e.pair.cumStake, obs.Cumulative).CheckedDiv(u(window))
		if price.IsZero() || twap.Lt(price) {
			price = twap
		}
	}
	worth, _ := rewards.SaturatingSub(fee).MulDivFloor(price, priceScale)
	return total.SaturatingAdd(worth)
}

// owner runs an owner message; it may fail only when no configured validator is active.
func (s *scenario) owner(msg string) {
	if _, err := s.e.am.Execute(s.e.owner, []byte(msg)); err != nil && !strings.Contains(err.Error(), "none of them is in the active set") {
		s.t.Fatalf("%s: %v", msg, err)
	}
}

// checkedClaim claims for addr: the payment never exceeds the amounts of its processed claims
// (floor(shares · undelegated / batch shares) each, as the claims query shows them).
func (s *scenario) checkedClaim(addr string) {
	cs, err := userClaims(&std.Deps{Storage: s.e.m.Storage}, addr)
	if err != nil {
		s.t.Fatal(err)
	}
	var due std.Uint128
	for _, c := range cs {
		if c.Amount != nil { // processed
			due = due.SaturatingAdd(*c.Amount)
		}
	}
	before := s.e.am.Balance(addr, asset)
	if !s.honest(addr, `{"claim":{}}`) {
		return
	}
	if got := s.e.am.Balance(addr, asset).SaturatingSub(before); got.Gt(due) {
		s.t.Fatalf("%s paid %s for claims worth %s", addr, got, due)
	}
}

// harvest runs a harvest by the keeper and books the attacker's pro-rata part of its gain.
func (s *scenario) harvest() {
	before := s.stakedNow()
	frac := s.attackerShares()
	rs := s.rateSupply()
	if !s.honest(s.keeper, `{"harvest":{}}`) {
		return
	}
	gain := s.stakedNow().SaturatingSub(before)
	if !rs.IsZero() {
		g, _ := gain.MulDivCeil(frac, rs) // up: a bound in the attacker's favour
		s.fairGain = s.fairGain.SaturatingAdd(g)
	}
}

func (s *scenario) stakedNow() std.Uint128 {
	_, total, err := alliance.QueryStakes(std.Querier{Chain: s.e.m.Querier}, s.e.self, asset, 3)
	if err != nil {
		s.t.Fatal(err)
	}
	return total
}

func (s *scenario) rateSupply() std.Uint128 {
	supply, _, _ := totalShares.MayLoad(s.e.m.Storage)
	bk, _, _ := book.MayLoad(s.e.m.Storage)
	return supply.SaturatingAdd(bk.Queued)
}

// attackerShares are the attacker's shares that own stake.
func (s *scenario) attackerShares() std.Uint128 { return s.ownedShares(s.attacker) }

// ownedShares are addr's shares that own stake: its balance and its claim in the open batch.
func (s *scenario) ownedShares(addr string) std.Uint128 {
	q, _, _ := claims.MayLoad(s.e.m.Storage, std.Pair[string, uint64]{A: addr, B: s.book().Batch})
	return s.shares(addr).SaturatingAdd(q)
}

// attack is one move of the attacker: it may fail for any reason (the chain reverts it).
func (s *scenario) attack() {
	e, r, a := s.e, s.r, s.attacker
	s.ops++
	try := func(msg string, funds ...std.Coin) {
		for _, c := range funds {
			if e.am.Balance(a, c.Denom).Lt(c.Amount) {
				return
			}
		}
		if _, err := e.am.Execute(a, []byte(msg), funds...); err != nil {
			s.refused++
		}
	}
	now := e.m.Env.Block.Time.Seconds()
	switch r.Intn(8) {
	case 0: // a deposit, often just before a harvest
		s.ops--
		s.deposit(a, uint64(1001+r.Intn(500_000)), false)
	case 1: // dust or full withdrawals
		if b := s.shares(a); !b.IsZero() {
			amt := u(1)
			if r.Intn(2) == 0 {
				amt = b
			}
			try(`{"withdraw":{}}`, s.share(amt))
		}
	case 2:
		try(`{"claim":{}}`)
	case 3: // a donation of asset by bank send: to the contract, or to the pool's account (the pair
		// prices from its reserves, not its balance)
		amt := u(uint64(1 + r.Intn(50_000)))
		to := e.self
		if r.Intn(3) == 0 {
			to = e.pair.addr
		}
		if e.am.Balance(a, asset).Gte(amt) {
			_ = e.am.Send(a, to, std.Coin{Denom: asset, Amount: amt})
		}
	case 4: // buys stake from the pool and donates some to the contract
		amt := u(uint64(1 + r.Intn(20_000)))
		if e.am.Balance(a, asset).Gte(amt) {
			got := e.pair.sellAsset(now, amt)
			_ = e.am.Send(a, e.pair.addr, std.Coin{Denom: asset, Amount: amt})
			_ = e.am.Send(e.pair.addr, a, std.Coin{Denom: stake, Amount: got})
			if r.Intn(2) == 0 && !got.IsZero() {
				_ = e.am.Send(a, e.self, std.Coin{Denom: stake, Amount: got})
			}
		}
	case 5, 6: // a sandwich: sells stake into the pool, harvests, buys it back
		st := e.am.Balance(a, stake)
		if st.IsZero() {
			return
		}
		got := e.pair.sellStake(now, st)
		_ = e.am.Send(a, e.pair.addr, std.Coin{Denom: stake, Amount: st})
		_ = e.am.Send(e.pair.addr, a, std.Coin{Denom: asset, Amount: got})
		before := s.stakedNow()
		frac, rs := s.attackerShares(), s.rateSupply()
		if _, err := e.am.Execute(a, []byte(`{"harvest":{}}`)); err == nil && !rs.IsZero() {
			g, _ := s.stakedNow().SaturatingSub(before).MulDivCeil(frac, rs)
			s.fairGain = s.fairGain.SaturatingAdd(g)
		}
		back := e.pair.sellAsset(now, got)
		_ = e.am.Send(a, e.pair.addr, std.Coin{Denom: asset, Amount: got})
		_ = e.am.Send(e.pair.addr, a, std.Coin{Denom: stake, Amount: back})
	case 7: // observe, to restart the TWAP window before a sandwich
		try(`{"observe":{}}`)
	}
}

// worldAsset is every uasset in the bank plus asset rewards not yet claimed.
func (s *scenario) worldAsset() std.Uint128 {
	var sum std.Uint128
	for _, cs := range s.e.m.Querier.Balances {
		sum = sum.SaturatingAdd(std.FindCoin(cs, asset))
	}
	for _, v := range []string{valA, valB, "val-c"} {
		sum = sum.SaturatingAdd(s.e.am.PendingRewards(s.e.self, v, asset, asset))
	}
	return sum
}

func (s *scenario) check() {
	t, e := s.t, s.e
	t.Helper()
	if w := s.worldAsset(); w != s.minted {
		t.Fatalf("step %d: %s uasset in the world, %s minted", s.ops, w, s.minted)
	}
	bk, err := book.Load(e.m.Storage)
	if err != nil {
		t.Fatal(err)
	}
	// What the chain paid for matured batches not yet settled must still be in the contract, next
	// to owed and surplus (a harvest must never restake it).
	now := map[uint64]std.Uint128{}
	for _, u := range e.am.Unbondings(e.self) {
		a, _ := std.ParseUint128(u.Amount)
		now[u.CompletionTime] = now[u.CompletionTime].SaturatingAdd(a)
	}
	for c, a := range s.entries {
		if _, ok := now[c]; !ok {
			s.arrived[c] = s.arrived[c].SaturatingAdd(a)
		}
	}
	s.entries = now
	var held std.Uint128
	pit := pending.Range(e.m.Storage, nil, nil, std.Ascending)
	for pit.Next() {
		if b, err := batches.Load(e.m.Storage, pit.Key()); err == nil {
			held = held.SaturatingAdd(s.arrived[b.Completion])
		}
	}
	if bal := e.am.Balance(e.self, asset); bal.Lt(bk.Owed.SaturatingAdd(bk.Surplus).SaturatingAdd(held)) {
		t.Fatalf("step %d: balance %s below owed %s + surplus %s + arrived for unsettled batches %s", s.ops, bal, bk.Owed, bk.Surplus, held)
	}
	// Owed is what settled batches still owe; unsettled what pending batches undelegated; every
	// batch's claims are counted, and each claim's payout is at most its amount.
	var owed, unsettledSum std.Uint128
	it := batches.Range(e.m.Storage, nil, nil, std.Ascending)
	for it.Next() {
		b := it.Value()
		if b.Settled {
			if b.Payout.Gt(b.Undelegated) || b.Paid.Gt(b.Payout) {
				t.Fatalf("batch %d %+v", it.Key(), b)
			}
			owed = owed.SaturatingAdd(b.Payout.SaturatingSub(b.Paid))
		} else {
			unsettledSum = unsettledSum.SaturatingAdd(b.Undelegated)
			if !pending.Has(e.m.Storage, it.Key()) {
				t.Fatalf("unsettled batch %d not pending", it.Key())
			}
		}
	}
	if owed != bk.Owed || unsettledSum != bk.Unsettled {
		t.Fatalf("step %d: book %+v, batches owe %s and undelegated %s", s.ops, bk, owed, unsettledSum)
	}
	// Shares: total_shares = the bank supply of the share denom (the 1,000 locked shares are the
	// contract's own balance); the open batch's claims = queued; claims per batch = its count and
	// shares.
	supply, _, _ := totalShares.MayLoad(e.m.Storage)
	if bank := e.tf.Supply(e.share); bank != supply {
		t.Fatalf("step %d: total_shares %s, bank supply of the share %s", s.ops, supply, bank)
	}
	if locked := e.shares(e.self); !supply.IsZero() && locked != u(MinimumShares) {
		t.Fatalf("step %d: the contract holds %s shares, want the 1000 locked", s.ops, locked)
	}
	s.supplyChecks++
	perBatch := map[uint64]std.Uint128{}
	count := map[uint64]uint32{}
	cit := claims.Range(e.m.Storage, nil, nil, std.Ascending)
	for cit.Next() {
		perBatch[cit.Key().B] = perBatch[cit.Key().B].SaturatingAdd(cit.Value())
		count[cit.Key().B]++
	}
	if perBatch[bk.Batch] != bk.Queued || count[bk.Batch] != bk.BatchClaims {
		t.Fatalf("step %d: open batch claims %s/%d, queued %s/%d", s.ops, perBatch[bk.Batch], count[bk.Batch], bk.Queued, bk.BatchClaims)
	}
	it = batches.Range(e.m.Storage, nil, nil, std.Ascending)
	for it.Next() {
		b := it.Value()
		if count[it.Key()] != b.Claims || perBatch[it.Key()].Gt(b.Shares) {
			t.Fatalf("step %d: batch %d %+v, claims %d / %s", s.ops, it.Key(), b, count[it.Key()], perBatch[it.Key()])
		}
	}
}

// delist is governance delisting the asset and the EndBlock winding every delegation down.
func (s *scenario) delist() {
	e := s.e
	rs := s.rateSupply()
	if !rs.IsZero() {
		s.attackerStake, _ = s.attackerShares().MulDivFloor(s.stakedNow(), rs)
	}
	if err := e.am.Delist(asset); err != nil {
		s.t.Fatal(err)
	}
	if a, listed := e.am.Alliances[asset]; listed {
		if left, err := e.am.WindDown(asset, 1000); err != nil || left != 0 {
			s.t.Fatalf("wind-down: %d left, %v", left, err)
		}
		s.delistedAt = *a.DelistCompletionTime
	} else {
		s.delistedAt = uint64(e.m.Env.Block.Time) // held nothing: removed at once
	}
}

// finishDelisted: once the completion passed and the chain paid, everyone claims, then everyone
// exits in random order (file comment).
func (s *scenario) finishDelisted(all []string) {
	e := s.e
	if now := uint64(e.m.Env.Block.Time); now < s.delistedAt {
		e.m.Env.Block.Time = std.Timestamp(s.delistedAt)
	}
	e.am.MatureUnbondings()
	for _, who := range all {
		s.checkedClaim(who)
	}
	held, heldStake := e.am.Balance(e.self, asset), e.am.Balance(e.self, stake)
	var paid, paidStake std.Uint128
	for _, i := range s.r.Perm(len(all)) {
		who := all[i]
		shares := s.ownedShares(who)
		if shares.IsZero() {
			continue
		}
		supply, bk := s.rateSupply(), s.book()
		holders := supply.SaturatingSub(u(MinimumShares))
		pool := e.am.Balance(e.self, asset).SaturatingSub(bk.Owed)
		want, _ := shares.MulDivFloor(pool, holders)
		wantStake, _ := shares.MulDivFloor(e.am.Balance(e.self, stake), holders)
		a0, s0 := e.am.Balance(who, asset), e.am.Balance(who, stake)
		if !s.honest(who, `{"exit":{}}`, s.exitFunds(who)...) {
			s.t.Fatalf("%s could not exit", who)
		}
		s.exits++
		got, gotStake := e.am.Balance(who, asset).SaturatingSub(a0), e.am.Balance(who, stake).SaturatingSub(s0)
		if got != want || gotStake != wantStake {
			s.t.Fatalf("exit of %s shares paid %s and %s stake, want %s and %s", shares, got, gotStake, want, wantStake)
		}
		paid, paidStake = paid.SaturatingAdd(got), paidStake.SaturatingAdd(gotStake)
		if who == s.attacker {
			// The part of its exit beyond the stake-only value of its shares at the delisting.
			s.fairGain = s.fairGain.SaturatingAdd(got.SaturatingSub(s.attackerStake))
			if !gotStake.IsZero() {
				back := e.pair.sellStake(e.m.Env.Block.Time.Seconds(), gotStake)
				_ = e.am.Send(who, e.pair.addr, std.Coin{Denom: stake, Amount: gotStake})
				_ = e.am.Send(e.pair.addr, who, std.Coin{Denom: asset, Amount: back})
				s.fairGain = s.fairGain.SaturatingAdd(back)
			}
		}
		s.check()
	}
	left, leftStake := e.am.Balance(e.self, asset), e.am.Balance(e.self, stake)
	if paid.SaturatingAdd(left) != held || paidStake.SaturatingAdd(leftStake) != heldStake {
		s.t.Fatalf("paid %s + left %s != held %s (stake %s + %s != %s)", paid, left, held, paidStake, leftStake, heldStake)
	}
	if !paid.IsZero() && (!left.IsZero() || !leftStake.IsZero()) {
		s.t.Fatalf("the last exit left %s uasset and %s stake", left, leftStake)
	}
}

func (s *scenario) book() Book {
	bk, _, _ := book.MayLoad(s.e.m.Storage)
	return bk
}

// finish: everyone leaves. Validators come back, time passes until every batch is processed and
// paid; every honest user ends with no shares and no claims.
func (s *scenario) finish() {
	e := s.e
	for _, v := range []string{valA, valB, "val-c"} {
		e.am.Unjail(v)
	}
	all := append(append([]string{}, s.users...), s.attacker)
	if s.delistedAt != 0 {
		s.finishDelisted(all)
	}
	for _, u := range all {
		if b := s.shares(u); !b.IsZero() {
			if _, err := e.am.Execute(u, []byte(`{"withdraw":{}}`), s.share(b)); err != nil {
				s.t.Fatalf("final withdraw of %s: %v", u, err)
			}
		}
	}
	for round := 0; round < 40; round++ {
		e.advance(epoch)
		e.am.MatureUnbondings()
		s.honest(s.keeper, `{"process_withdrawals":{}}`)
		left := 0
		for _, u := range all {
			if it := std.PrefixRange(e.m.Storage, claims, u, std.Ascending); it.Next() {
				left++
				s.checkedClaim(u)
			}
		}
		s.check()
		if left == 0 {
			break
		}
	}
	for _, u := range all {
		if it := std.PrefixRange(e.m.Storage, claims, u, std.Ascending); it.Next() {
			s.t.Fatalf("%s still has a claim after the end", u)
		}
	}
	if bk, _ := book.Load(e.m.Storage); !bk.Owed.IsZero() || !bk.Unsettled.IsZero() || !bk.Queued.IsZero() {
		s.t.Fatalf("book after everyone left: %+v", bk)
	}
	// The attacker sells its stake back into the pool; it may not end above what it put in plus
	// its fair part of the harvests (and one unit of rounding per operation in its favour at most).
	if st := e.am.Balance(s.attacker, stake); !st.IsZero() {
		got := e.pair.sellStake(e.m.Env.Block.Time.Seconds(), st)
		_ = e.am.Send(s.attacker, e.pair.addr, std.Coin{Denom: stake, Amount: st})
		_ = e.am.Send(e.pair.addr, s.attacker, std.Coin{Denom: asset, Amount: got})
	}
	final := e.am.Balance(s.attacker, asset)
	bound := s.putIn.SaturatingAdd(s.fairGain)
	if final.Gt(bound) {
		s.t.Fatalf("attacker ends with %s, put in %s, fair harvest part %s", final, s.putIn, s.fairGain)
	}
	s.t.Logf("seed done: %d ops, %d refused; attacker %s of %s put in (+%s fair); contract keeps %s uasset (surplus/dust)",
		s.ops, s.refused, final, s.putIn, s.fairGain, e.am.Balance(e.self, asset))
}
