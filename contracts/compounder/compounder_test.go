package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// The compounder on the native mock host with the alliance mock module (which executes the
// messages and calls reply like wasmd) and a fake constant-product pair implementing the same
// formulas as contracts/pair (fee 30 bps). Every expected number is computed by hand in comments.

const (
	asset = "uasset"
	stake = "stake"
	valA  = "val-a"
	valB  = "val-b"
)

// fakePair is a constant-product pool (stake ↔ uasset) answering simulation and cumulative_prices
// and executing swaps, with the oracle of contracts/pair: before every reserve change it accrues
// floor(reserve_other · 10^18 / reserve) · dt per denom and dt liquid seconds.
type fakePair struct {
	addr          string
	stake, asset  std.Uint128
	feeBps        uint64
	short         std.Uint128 // paid less than computed (a dishonest pair)
	swaps         [][]byte
	refuseSimWith string
	cumStake      std.Uint128 // stake priced in uasset
	cumAsset      std.Uint128 // uasset priced in stake
	liquid, last  uint64
}

func u(v uint64) std.Uint128 { return std.NewUint128(v) }

var e18 = u(1_000_000_000_000_000_000)

// accrue brings the oracle up to now (s); like the real pair, the result does not depend on how
// often it is called while the reserves stay the same.
func (p *fakePair) accrue(now uint64) {
	if now <= p.last {
		return
	}
	dt := now - p.last
	p.last = now
	if p.stake.IsZero() || p.asset.IsZero() {
		return
	}
	ps, _ := p.asset.MulDivFloor(e18, p.stake)
	pa, _ := p.stake.MulDivFloor(e18, p.asset)
	ps, _ = ps.CheckedMul(u(dt))
	pa, _ = pa.CheckedMul(u(dt))
	p.cumStake = p.cumStake.SaturatingAdd(ps)
	p.cumAsset = p.cumAsset.SaturatingAdd(pa)
	p.liquid += dt
}

// sellStake and sellAsset are swaps by a third party (the pair's formulas, fee 30 bps).
func (p *fakePair) sellStake(now uint64, offer std.Uint128) std.Uint128 {
	p.accrue(now)
	ret, _, _ := p.quote(offer)
	p.stake = p.stake.SaturatingAdd(offer)
	p.asset = p.asset.SaturatingSub(ret)
	return ret
}

func (p *fakePair) sellAsset(now uint64, offer std.Uint128) std.Uint128 {
	p.accrue(now)
	gross, _ := p.stake.MulDivFloor(offer, p.asset.SaturatingAdd(offer))
	comm, _ := gross.MulDivCeil(u(p.feeBps), u(10_000))
	ret := gross.SaturatingSub(comm)
	p.asset = p.asset.SaturatingAdd(offer)
	p.stake = p.stake.SaturatingSub(ret)
	return ret
}

func (p *fakePair) quote(offer std.Uint128) (ret, spread, comm std.Uint128) {
	den := p.stake.SaturatingAdd(offer)
	gross, _ := p.asset.MulDivFloor(offer, den)
	comm, _ = gross.MulDivCeil(u(p.feeBps), u(10_000))
	ret = gross.SaturatingSub(comm)
	ideal, _ := p.asset.MulDivFloor(offer, p.stake)
	return ret, ideal.SaturatingSub(gross), comm
}

func offerOf(t *testing.T, msg []byte, variant string) std.Uint128 {
	t.Helper()
	s := string(msg)
	if !strings.HasPrefix(s, `{"`+variant+`":{"offer_asset":{"info":{"native_token":{"denom":"stake"}},"amount":"`) {
		t.Fatalf("unexpected pair message %s", s)
	}
	rest := s[strings.Index(s, `"amount":"`)+len(`"amount":"`):]
	v, err := std.ParseUint128(rest[:strings.IndexByte(rest, '"')])
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// env is the compounder on the contracts' test app (contracts/std/stdtest): m and am are the
// app's host and chain, which the tests program directly (rewards, slashes, block time).
type env struct {
	t     *testing.T
	app   *stdtest.App
	m     *std.Mock
	am    *alliance.Mock
	tf    *tokenfactory.Mock
	pair  *fakePair
	self  string
	owner string
	treas string
	share string // the share denom, factory/{contract}/cuasset
}

// creationFee is the mock token factory's default denom creation fee (the chain's default).
var creationFee = std.NewCoin(10_000_000, stake)

func newEnv(t *testing.T, cfgOverride string) *env {
	t.Helper()
	app := stdtest.New(t, []string{asset}, []string{valA, valB}) // both validators in the active set
	m := app.Host
	e := &env{t: t, app: app, m: m, am: app.Chain, tf: app.Chain.AddTokenFactory(), self: app.Contract,
		owner: m.API.Addr("owner"), treas: m.API.Addr("treasury"), share: tokenfactory.FullDenom(app.Contract, "cuasset")}
	e.pair = &fakePair{addr: m.API.Addr("pair"), stake: u(2_000_000), asset: u(1_000_000), feeBps: 30, last: m.Env.Block.Time.Seconds()}
	e.am.Fund(e.pair.addr, std.NewCoin(1_000_000, asset))
	m.Track(func() func() { // the pair is another contract: a failed tx reverts it too
		p := *e.pair
		return func() { *e.pair = p }
	})
	m.Querier.Smart = func(contract string, msg []byte) ([]byte, error) {
		if contract != e.pair.addr {
			return nil, errors.New("no such contract")
		}
		if string(msg) == `{"cumulative_prices":{}}` {
			e.pair.accrue(e.m.Env.Block.Time.Seconds())
			return []byte(`{"denoms":["uasset","stake"],"cumulative":["` + e.pair.cumAsset.String() + `","` + e.pair.cumStake.String() +
				`"],"liquid_seconds":"` + uintString(e.pair.liquid) + `","time":"` + uintString(e.pair.last) + `"}`), nil
		}
		if e.pair.refuseSimWith != "" {
			return nil, errors.New(e.pair.refuseSimWith)
		}
		ret, spread, comm := e.pair.quote(offerOf(t, msg, "simulation"))
		return []byte(`{"return_amount":"` + ret.String() + `","spread_amount":"` + spread.String() + `","commission_amount":"` + comm.String() + `"}`), nil
	}
	e.am.WasmExecute = func(sender, contract string, msg []byte, funds []std.Coin) error {
		if contract != e.pair.addr {
			return errors.New("no such contract")
		}
		offer := offerOf(t, msg, "swap")
		if len(funds) != 1 || funds[0] != (std.Coin{Denom: stake, Amount: offer}) {
			t.Fatalf("swap funds %+v for offer %s", funds, offer)
		}
		e.pair.swaps = append(e.pair.swaps, msg)
		e.pair.accrue(e.m.Env.Block.Time.Seconds())
		ret, _, _ := e.pair.quote(offer)
		e.pair.stake = e.pair.stake.SaturatingAdd(offer)
		e.pair.asset = e.pair.asset.SaturatingSub(ret)
		return e.am.Send(e.pair.addr, sender, std.Coin{Denom: asset, Amount: ret.SaturatingSub(e.pair.short)})
	}
	cfg := `{"asset_denom":"uasset","validators":["val-a","val-b"],"routes":[{"denom":"stake","pair":"` + e.pair.addr +
		`"}],"fee_bps":500,"fee_recipient":"` + e.treas + `","harvest_interval":3600,"max_spread":"0.01","twap_window":600,` +
		`"share":{"symbol":"cuasset","decimals":6}}`
	app.Instantiate(e.owner, string(overrideFields(t, cfg, cfgOverride)), creationFee)
	return e
}

// withdraw sends shares of who's share balance with {"withdraw":{}} (as a bank user does: the
// coins leave its balance, nothing is minted for the call).
func (e *env) withdraw(who string, shares uint64) *wasmvmtypes.Response {
	e.t.Helper()
	return e.withdrawShares(who, u(shares))
}

func (e *env) withdrawShares(who string, shares std.Uint128) *wasmvmtypes.Response {
	e.t.Helper()
	resp, err := e.withShares(who, `{"withdraw":{}}`, shares)
	if err != nil {
		e.t.Fatalf("withdraw %s by %s: %v", shares, who, err)
	}
	return resp
}

// exit sends who's whole share balance (if any) with {"exit":{}}.
func (e *env) exit(who string) (*wasmvmtypes.Response, error) {
	return e.withShares(who, `{"exit":{}}`, e.shares(who))
}

func (e *env) mustExit(who string) *wasmvmtypes.Response {
	e.t.Helper()
	resp, err := e.exit(who)
	if err != nil {
		e.t.Fatalf("exit by %s: %v", who, err)
	}
	return resp
}

// withShares runs msg as who with shares of its balance as funds (none when zero).
func (e *env) withShares(who, msg string, shares std.Uint128) (*wasmvmtypes.Response, error) {
	var funds []std.Coin
	if !shares.IsZero() {
		funds = append(funds, std.Coin{Denom: e.share, Amount: shares})
	}
	return e.am.Execute(who, []byte(msg), funds...)
}

// shareCoin is who's whole share balance as a coin.
func (e *env) shareCoin(who string) std.Coin { return std.Coin{Denom: e.share, Amount: e.shares(who)} }

// shares is who's bank balance of the share denom.
func (e *env) shares(who string) std.Uint128 { return e.tf.Balance(who, e.share) }

// failOwn is stdtest.App.Fail for funds who already holds (shares): Fail mints the funds to the
// sender first, so who's balances are put back after the check.
func (e *env) failOwn(who, msg, want string, funds ...std.Coin) {
	e.t.Helper()
	before := make([]std.Uint128, len(funds))
	for i, c := range funds {
		before[i] = e.am.Balance(who, c.Denom)
	}
	e.app.Fail(who, msg, want, funds...)
	for i, c := range funds {
		e.m.Querier.SetDenomBalance(who, c.Denom, before[i])
	}
}

// expectSupply checks that total_shares is the bank supply of the share denom.
func (e *env) expectSupply() {
	e.t.Helper()
	total, err := totalShares.Load(e.m.Storage)
	if err != nil {
		e.t.Fatal(err)
	}
	if bank := e.tf.Supply(e.share); total != bank {
		e.t.Fatalf("total_shares %s, bank supply of the share %s", total, bank)
	}
}

// overrideFields returns the JSON object base with the fields of override (`,"key":value...`)
// set: replaced where base has them (a message may not name a field twice), added otherwise.
func overrideFields(t *testing.T, base, override string) []byte {
	t.Helper()
	var fields, over map[string]json.RawMessage
	if err := json.Unmarshal([]byte(base), &fields); err != nil {
		t.Fatal(err)
	}
	if override != "" {
		if err := json.Unmarshal([]byte("{"+override[1:]+"}"), &over); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range over {
		fields[k] = v
	}
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exec runs msg as one transaction, as on chain (stdtest.App.Try: the funds are minted to the
// sender and moved to the contract, the contract runs, then its messages and replies; an error
// reverts all of it, the fake pair included, which newEnv registers with the host).
func (e *env) exec(sender string, msg string, funds ...std.Coin) (*wasmvmtypes.Response, error) {
	return e.app.Try(sender, msg, funds...)
}

func (e *env) mustExec(sender, msg string, funds ...std.Coin) *wasmvmtypes.Response {
	e.t.Helper()
	return e.app.Exec(sender, msg, funds...)
}

func (e *env) query(q string) string {
	e.t.Helper()
	return e.app.Query(q)
}

func (e *env) expect(q, want string) {
	e.t.Helper()
	e.app.ExpectQuery(q, want)
}

// expectState checks the state query up to last_harvest (want has no closing brace).
func (e *env) expectState(want string) {
	e.t.Helper()
	if got := e.query(`{"state":{}}`); !strings.HasPrefix(got, want+`,"batch":`) {
		e.t.Fatalf("state\n got %s\nwant %s,\"batch\":…}", got, want)
	}
}

func (e *env) advance(seconds uint64) {
	e.m.Env.Block.Time = e.m.Env.Block.Time.PlusSeconds(seconds)
	e.m.Env.Block.Height += seconds / 5
}

func expectErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
}

func eventAttrs(res *wasmvmtypes.Response, typ string) map[string]string {
	out := map[string]string{}
	for _, ev := range res.Events {
		if ev.Type == typ {
			for _, a := range ev.Attributes {
				out[a.Key] = a.Value
			}
		}
	}
	return out
}

func TestLifecycleExactNumbers(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, keeper := e.m.API.Addr("alice"), e.m.API.Addr("bob"), e.m.API.Addr("carol"), e.m.API.Addr("keeper")
	// The first harvest needs twap_window (600 s) of pool liquidity after instantiation.
	e.advance(600)
	t0 := e.m.Env.Block.Time

	// Alice is first: 10,000 → 9,000 shares minted to her, 1,000 locked (minted to the contract);
	// staked on val-a (tie: first).
	res := e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	mint := `{"token_factory":{"mint":{"denom":"` + e.share + `","amount":"`
	if len(res.Messages) != 3 || string(res.Messages[0].Msg.Custom) != mint+`1000","mint_to_address":"`+e.self+`"}}}` ||
		string(res.Messages[1].Msg.Custom) != mint+`9000","mint_to_address":"`+alice+`"}}}` ||
		string(res.Messages[2].Msg.Custom) != `{"alliance":{"delegate":{"validator":"val-a","amount":{"denom":"uasset","amount":"10000"}}}}` {
		t.Fatalf("deposit messages %+v", res.Messages)
	}
	if e.shares(alice) != u(9_000) || e.shares(e.self) != u(1_000) {
		t.Fatalf("alice %s, contract %s shares", e.shares(alice), e.shares(e.self))
	}
	// Bob: floor(5000 · 10000 / 10000) = 5,000 shares, on val-b (least staked).
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(5_000, asset))
	if e.am.Delegation(e.self, valA, asset) != u(10_000) || e.am.Delegation(e.self, valB, asset) != u(5_000) {
		t.Fatal("delegations after deposits")
	}
	e.expectState(`{"total_staked":"15000","total_shares":"15000","queued_shares":"0","exchange_rate":"1","last_harvest":null`)
	e.expect(`{"balance":{"address":"`+alice+`"}}`, `{"balance":"9000"}`)
	e.expectSupply() // 1,000 + 9,000 + 5,000

	// Harvest 1: rewards 3,000 + 1,000 stake. Fee floor(4000 · 500/10000) = 200. Swap 3,800:
	// gross floor(1e6 · 3800 / 2,003,800) = 1896, commission ceil(1896 · 0.003) = 6, return 1890,
	// ideal 1900, spread 4 ≤ floor(1900 · 0.01) = 19. TWAP over the 600 s: 0.5 uasset per stake, so
	// twap_out 1900, bound 1900 − 19 = 1881 ≤ 1890 + 6; min_receive max(1890 − floor(18.9),
	// 1881 − 6) = 1875; belief_price ceil(3800/1890) = 2.010582010582010583. Restaked on val-b.
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(3_000, stake)); err != nil {
		t.Fatal(err)
	}
	if err := e.am.AddRewards(e.self, valB, asset, std.NewCoin(1_000, stake)); err != nil {
		t.Fatal(err)
	}
	res = e.mustExec(keeper, `{"harvest":{}}`)
	if len(res.Messages) != 2 || res.Messages[0].ReplyOn != wasmvmtypes.ReplySuccess || res.Messages[0].ID != replyClaim {
		t.Fatalf("harvest messages %+v", res.Messages)
	}
	if got := string(e.pair.swaps[0]); got != `{"swap":{"offer_asset":{"info":{"native_token":{"denom":"stake"}},"amount":"3800"},"ask_asset_info":null,"belief_price":"2.010582010582010583","max_spread":"0.01","to":null}}` {
		t.Fatalf("swap message %s", got)
	}
	if e.am.Balance(e.treas, stake) != u(200) || e.am.Balance(e.self, stake) != (std.Uint128{}) || e.am.Balance(e.self, asset) != (std.Uint128{}) {
		t.Fatalf("after harvest: treasury %s stake, contract %s stake %s uasset", e.am.Balance(e.treas, stake), e.am.Balance(e.self, stake), e.am.Balance(e.self, asset))
	}
	if e.am.Delegation(e.self, valB, asset) != u(6_890) {
		t.Fatalf("val-b stake %s", e.am.Delegation(e.self, valB, asset))
	}
	// 16,890 / 15,000 = 1.126.
	e.expectState(`{"total_staked":"16890","total_shares":"15000","queued_shares":"0","exchange_rate":"1.126","last_harvest":"` + uintString(uint64(t0)) + `"`)
	e.expect(`{"apr":{}}`, `{"apr":null,"from":null,"to":null}`)

	// Too early: the interval is 3600 s.
	e.advance(3599)
	_, err := e.exec(keeper, `{"harvest":{}}`)
	expectErr(t, err, "harvest too early: the next one is allowed at "+uintString(uint64(t0.PlusSeconds(3600))))
	e.advance(1)

	// Harvest 2 (+3600 s): 1,500 + 700 stake; fee 110; swap 2,090 on the moved pool
	// (2,003,800 stake / 998,110 uasset): return 1035 (spread 2, commission 4); restaked on val-b
	// (6,890 < 10,000) → 17,925; rate 17,925/15,000 = 1.195.
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(1_500, stake)); err != nil {
		t.Fatal(err)
	}
	if err := e.am.AddRewards(e.self, valB, asset, std.NewCoin(700, stake)); err != nil {
		t.Fatal(err)
	}
	res = e.mustExec(keeper, `{"harvest":{}}`)
	_ = res
	if e.am.Balance(e.treas, stake) != u(310) || e.am.Delegation(e.self, valB, asset) != u(7_925) {
		t.Fatalf("after harvest 2: treasury %s, val-b %s", e.am.Balance(e.treas, stake), e.am.Delegation(e.self, valB, asset))
	}
	e.expectState(`{"total_staked":"17925","total_shares":"15000","queued_shares":"0","exchange_rate":"1.195","last_harvest":"` + uintString(uint64(t0.PlusSeconds(3600))) + `"`)
	// APR: (1.195 − 1.126)/1.126 · 31,536,000/3600 = 536.802841918294849023 (each step floored).
	e.expect(`{"apr":{}}`, `{"apr":"536.802841918294849023","from":"`+uintString(uint64(t0))+`","to":"`+uintString(uint64(t0.PlusSeconds(3600)))+`"}`)

	// Carol deposits 1,000 at the new rate: floor(1000 · 15000/17925) = 836 shares (the 0.8 share
	// of rounding stays with the holders); staked on val-b (7,925 < 10,000).
	res = e.mustExec(carol, `{"deposit":{}}`, std.NewCoin(1_000, asset))
	if res.Attributes[3].Value != "836" {
		t.Fatalf("carol's shares %+v", res.Attributes)
	}
	// Alice withdraws 9,000 of 15,836 shares: she sends them, they are burned and wait in batch
	// 0; nothing is unbonded yet and they still own their part of the stake.
	res = e.withdraw(alice, 9000)
	if len(res.Messages) != 1 || string(res.Messages[0].Msg.Custom) != `{"token_factory":{"burn":{"denom":"`+e.share+`","amount":"9000"}}}` {
		t.Fatalf("withdraw sent %+v", res.Messages)
	}
	if !e.shares(alice).IsZero() || e.shares(e.self) != u(1_000) || e.tf.Supply(e.share) != u(6_836) {
		t.Fatalf("after the withdrawal: alice %s, contract %s, supply %s", e.shares(alice), e.shares(e.self), e.tf.Supply(e.share))
	}
	e.expectSupply()
	e.expect(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"batch_id":0,"shares":"9000","amount":null,"release_at":null,"payout":null}]}`)
	// Batch 0 opened at instantiation; the default epoch is floor(21 days / 7) + 1 = 259,201 s.
	tInst := t0 - 600*1_000_000_000
	ready := uintString(uint64(tInst) + 259_201*1_000_000_000)
	_, err = e.exec(keeper, `{"process_withdrawals":{}}`)
	expectErr(t, err, "batch 0 cannot be processed before "+ready)
	e.advance(259_201 - 600 - 3600)
	if uintString(uint64(e.m.Env.Block.Time)) != ready {
		t.Fatal("timeline")
	}
	// Processing: floor(9000 · 18,925 / 15,836) = 10,755, largest stake first: all 10,000 of
	// val-a, then 755 of val-b's 8,925 (one unbonding entry each).
	res = e.mustExec(keeper, `{"process_withdrawals":{}}`)
	if len(res.Messages) != 2 ||
		string(res.Messages[0].Msg.Custom) != `{"alliance":{"undelegate":{"validator":"val-a","amount":{"denom":"uasset","amount":"10000"}}}}` ||
		string(res.Messages[1].Msg.Custom) != `{"alliance":{"undelegate":{"validator":"val-b","amount":{"denom":"uasset","amount":"755"}}}}` {
		t.Fatalf("process messages %+v", res.Messages)
	}
	release := e.m.Env.Block.Time + alliance.DefaultUnbondingTime
	claimJSON := `{"batch_id":0,"shares":"9000","amount":"10755","release_at":"` + uintString(uint64(release)) + `","payout":null}`
	e.expect(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[`+claimJSON+`]}`)
	e.expect(`{"position":{"address":"`+alice+`"}}`, `{"shares":"0","value":"0","claims":[`+claimJSON+`]}`)
	// 6,836 shares over 8,170 staked: bob's 5,000 are worth floor(5000 · 8170/6836) = 5975.
	e.expect(`{"position":{"address":"`+bob+`"}}`, `{"shares":"5000","value":"5975","claims":[]}`)
	e.expect(`{"state":{}}`, `{"total_staked":"8170","total_shares":"6836","queued_shares":"0","exchange_rate":"1.195143358689291983","last_harvest":"`+
		uintString(uint64(t0.PlusSeconds(3600)))+`","batch":1,"processable_from":"`+uintString(uint64(e.m.Env.Block.Time)+259_201*1_000_000_000)+`","exit_from":null}`)

	_, err = e.exec(alice, `{"claim":{}}`)
	expectErr(t, err, "nothing to claim yet")
	e.advance(21*24*3600 - 1)
	e.am.MatureUnbondings()
	_, err = e.exec(alice, `{"claim":{}}`)
	expectErr(t, err, "nothing to claim yet")
	e.advance(1)
	e.am.MatureUnbondings()
	e.mustExec(alice, `{"claim":{}}`)
	// Alice put in 10,000 and receives 10,755.
	if e.am.Balance(alice, asset) != u(10_755) || e.am.Balance(e.self, asset) != (std.Uint128{}) {
		t.Fatalf("alice %s, contract %s", e.am.Balance(alice, asset), e.am.Balance(e.self, asset))
	}
	e.expect(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[]}`)
	_, err = e.exec(alice, `{"claim":{}}`)
	expectErr(t, err, "nothing to claim yet")
}

func TestFirstDepositorProtection(t *testing.T) {
	e := newEnv(t, "")
	attacker, victim, keeper := e.m.API.Addr("attacker"), e.m.API.Addr("victim"), e.m.API.Addr("keeper")
	_, err := e.exec(attacker, `{"deposit":{}}`, std.NewCoin(1_000, asset))
	expectErr(t, err, "first deposit must exceed 1000")
	// 1,001 → 1 share for the attacker, 1,000 locked.
	e.mustExec(attacker, `{"deposit":{}}`, std.NewCoin(1_001, asset))
	e.expect(`{"balance":{"address":"`+attacker+`"}}`, `{"balance":"1"}`)
	// The attacker inflates the share price: a donation of 100,000 stake harvested. Fee 5,000;
	// 95,000 swapped: gross floor(1e6 · 95000/2,095,000) = 45,346, commission ceil(136.038) = 137,
	// return 45,209; ideal 47,500 → spread 2,154: at max_spread 0.5 (1% would swap only a part,
	// TestDonationDoesNotBlockHarvest) it all goes through: staked 1,001 + 45,209 = 46,210 for
	// 1,001 shares. TWAP: twap_out floor(95,000 · 0.5) = 47,500, bound 47,500 − 23,750 = 23,750.
	e.am.Fund(e.self, std.NewCoin(100_000, stake))
	e.advance(600) // the TWAP window (0.5 uasset per stake all along)
	e.mustExec(e.owner, `{"update_config":{"max_spread":"0.5"}}`)
	e.mustExec(keeper, `{"harvest":{}}`)
	e.expectState(`{"total_staked":"46210","total_shares":"1001","queued_shares":"0","exchange_rate":"46.163836163836163836","last_harvest":"` + uintString(uint64(e.m.Env.Block.Time)) + `"`)
	// The victim deposits 40,000: floor(40000 · 1001/46210) = 866 shares (worth
	// floor(866 · 86210/1867) = 39,988: the victim loses 12 to rounding), while the attacker's one
	// share is worth floor(86210/1867) = 46 of the 95,000 stake it gave away.
	e.mustExec(victim, `{"deposit":{}}`, std.NewCoin(40_000, asset))
	e.expect(`{"position":{"address":"`+victim+`"}}`, `{"shares":"866","value":"39988","claims":[]}`)
	e.expect(`{"position":{"address":"`+attacker+`"}}`, `{"shares":"1","value":"46","claims":[]}`)
	// A deposit worth less than one share mints nothing and is refused.
	_, err = e.exec(victim, `{"deposit":{}}`, std.NewCoin(46, asset))
	expectErr(t, err, "deposit too small: it would mint 0 shares")
}

func TestHarvestFailuresKeepFunds(t *testing.T) {
	e := newEnv(t, "")
	alice, keeper := e.m.API.Addr("alice"), e.m.API.Addr("keeper")
	e.advance(600) // past the TWAP window: 0.5 uasset per stake
	_, err := e.exec(keeper, `{"harvest":{}}`)
	expectErr(t, err, "nothing to harvest: nothing is staked")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	// Staked, but no rewards: every claim pays nothing and the last reply refuses the harvest.
	e.app.Fail(keeper, `{"harvest":{}}`, "nothing to harvest: no routed rewards to swap")
	// Rewards too small to return anything (1 stake: fee 0, gross floor(1e6/2,000,001) = 0) are
	// not swapped either, and no fee is taken on them.
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(1, stake)); err != nil {
		t.Fatal(err)
	}
	e.app.Fail(keeper, `{"harvest":{}}`, "nothing to harvest")
	// Rewards in a denom without a route are never swapped: the failed harvest reverts its claims,
	// so they stay claimable on the delegation, as on chain.
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(500, "uother")); err != nil {
		t.Fatal(err)
	}
	e.app.Fail(keeper, `{"harvest":{}}`, "nothing to harvest")
	if e.am.PendingRewards(e.self, valA, asset, "uother") != u(500) || !e.am.Balance(e.self, "uother").IsZero() {
		t.Fatal("unrouted rewards lost")
	}
	// A simulation the pair refuses fails the harvest with its reason.
	e.am.Fund(e.self, std.NewCoin(39_999, stake)) // 40,000 with the 1 above, still claimable
	e.pair.refuseSimWith = "pool paused"
	e.app.Fail(keeper, `{"harvest":{}}`, "simulation of 38000stake on "+e.pair.addr+": ")
	e.pair.refuseSimWith = ""
	if e.am.Balance(e.self, stake) != u(39_999) || e.am.PendingRewards(e.self, valA, asset, stake) != u(1) ||
		e.am.Balance(e.treas, stake) != (std.Uint128{}) || len(e.pair.swaps) != 0 {
		t.Fatal("a refused harvest moved funds")
	}
	// 40,000 stake: fee 2,000, offer 38,000: gross floor(1e6 · 38000/2,038,000) = 18,645,
	// commission 56, return 18,589; ideal 19,000, spread 355 (at max_spread 0.01 the offer would
	// be cut to fit, TestDonationDoesNotBlockHarvest).
	// With max_spread 0.02 (355 ≤ floor(380)): twap_out floor(38,000 · 0.5) = 19,000, bound
	// 19,000 − 380 = 18,620 ≤ 18,589 + 56; min_receive = max(18,589 − floor(371.78), 18,620 − 56)
	// = max(18,218, 18,564) = 18,564: a pair that pays 18,563 is caught in the swap reply.
	e.mustExec(e.owner, `{"update_config":{"max_spread":"0.02"}}`)
	e.pair.short = u(18_589 - 18_563)
	e.app.Fail(keeper, `{"harvest":{}}`, "swap of 38000stake returned 18563, below the minimum 18564")
	// Paying exactly the minimum passes.
	e.mustExec(e.owner, `{"update_config":{"max_spread":"0.02"}}`)
	// The failed run's bank moves and swap were reverted with it: pool 2,000,000 / 1,000,000 and
	// the contract's 39,999 stake plus 1 claimable, as before.
	e.pair.short = u(18_589 - 18_564)
	e.mustExec(keeper, `{"harvest":{}}`)
	if e.am.Delegation(e.self, valB, asset) != u(18_564) {
		t.Fatalf("restaked %s", e.am.Delegation(e.self, valB, asset))
	}
}

func TestBadInputsKeepState(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.m.API.Addr("alice"), e.m.API.Addr("bob")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	cases := []struct {
		sender, msg string
		funds       []std.Coin
		want        string
	}{
		{alice, `{"deposit":{}}`, nil, "deposit exactly one coin"},
		{alice, `{"deposit":{}}`, []std.Coin{std.NewCoin(5, stake)}, "deposit exactly one coin: a positive amount of uasset"},
		{alice, `{"deposit":{}}`, []std.Coin{std.NewCoin(5, asset), std.NewCoin(5, stake)}, "deposit exactly one coin"},
		{alice, `{"withdraw":{}}`, nil, "send exactly one coin: a positive amount of the share denom " + e.share},
		{alice, `{"withdraw":{}}`, []std.Coin{std.NewCoin(1, asset)}, "send exactly one coin: a positive amount of the share denom"},
		{alice, `{"withdraw":{"shares":"1"}}`, nil, `unknown field "shares"`},
		{alice, `{"claim":{}}`, []std.Coin{std.NewCoin(1, asset)}, "only deposit, withdraw and exit accept funds"},
		{alice, `{"transfer":{"recipient":"` + bob + `","amount":"1"}}`, nil, `unknown variant "transfer"`},
		{e.owner, `{"update_config":{"routes":[{"denom":"` + e.share + `","pair":"` + bob + `"}]}}`, nil, "the vault's own share cannot be a route"},
		{alice, `{"update_config":{"fee_bps":1}}`, nil, "unauthorized"},
		{e.owner, `{"update_config":{"fee_bps":2001}}`, nil, "fee_bps may not exceed 2000"},
		{e.owner, `{"update_config":{"max_spread":"0.6"}}`, nil, "max_spread may not exceed 0.5"},
		{e.owner, `{"update_config":{"routes":[{"denom":"uasset","pair":"` + bob + `"}]}}`, nil, "cannot be a route"},
		{e.owner, `{"update_config":{"routes":[{"denom":"x","pair":"bad"}]}}`, nil, "invalid pair address"},
		{e.owner, `{"update_config":{"fee_recipient":"bad"}}`, nil, "invalid fee_recipient"},
		{e.owner, `{"update_config":{"colour":"red"}}`, nil, "unknown field"},
		{e.owner, `{"update_config":{"owner":"` + bob + `"}}`, nil, "unknown field"},
		{e.owner, `{"update_config":{"unbond_epoch":259200}}`, nil, "unbond_epoch 259200 s is too short: the chain keeps at most 7 unbonding entries per validator for 1814400 s"},
		{e.owner, `{"update_config":{"unbond_epoch":0}}`, nil, "unbond_epoch must be positive"},
		{e.owner, `{"update_config":{"unbond_epoch":2592001}}`, nil, "unbond_epoch may not exceed 2592000"},
		{e.owner, `{"update_config":{"validators":[]}}`, nil, "validators: between 1 and 20"},
		{alice, `{"process_withdrawals":{}}`, nil, "batch 0 is empty: nothing to unbond"},
		{alice, `{"transfer_ownership":{}}`, nil, `missing field "new_owner"`},
		{alice, `{"compound":{}}`, nil, "unknown variant"},
		{alice, `{"claim":{}}`, nil, "nothing to claim yet"},
		{alice, `{"exit":{}}`, nil, "exit is only for a delisted asset: use withdraw"},
		{alice, `{"exit":{"shares":"1"}}`, nil, `unknown field "shares"`},
	}
	for _, c := range cases {
		e.app.Fail(c.sender, c.msg, c.want, c.funds...)
	}
	// Shares alice holds, sent with the wrong message or beside another coin: refused, state and
	// balances unchanged (failOwn puts back the copy Fail mints for the call).
	sh := func(n uint64) std.Coin { return std.Coin{Denom: e.share, Amount: u(n)} }
	e.failOwn(alice, `{"withdraw":{}}`, "send exactly one coin: a positive amount of the share denom", sh(10), std.NewCoin(1, asset))
	e.failOwn(alice, `{"claim":{}}`, "only deposit, withdraw and exit accept funds", sh(10))
	e.failOwn(alice, `{"deposit":{}}`, "deposit exactly one coin: a positive amount of uasset", sh(10))
	// More shares than alice holds: the bank refuses the funds before the contract runs.
	if _, err := e.withShares(alice, `{"withdraw":{}}`, u(9_001)); err == nil || !strings.Contains(err.Error(), "insufficient") {
		t.Fatalf("withdrawing 9,001 of 9,000 shares: %v", err)
	}
	if e.shares(alice) != u(9_000) || e.query(`{"claims":{"address":"`+alice+`"}}`) != `{"claims":[]}` {
		t.Fatal("a refused withdrawal changed the shares or the claims")
	}
	e.expectSupply()
	// Instantiate validation.
	base := func(over string) []byte {
		return overrideFields(t, `{"asset_denom":"uasset","validators":["a"],"routes":[],"fee_bps":0,"fee_recipient":"`+bob+
			`","harvest_interval":0,"max_spread":"0","twap_window":1,"share":{"symbol":"cuasset","decimals":6}}`, over)
	}
	for over, want := range map[string]string{
		`,"validators":[]`:        "validators: between 1 and 20",
		`,"validators":["a","a"]`: "listed twice",
		`,"asset_denom":""`:       "asset_denom must not be empty",
		`,"fee_bps":2001`:         "fee_bps may not exceed 2000",
		`,"twap_window":0`:        "twap_window: between 1 and 2592000",
		`,"twap_window":2592001`:  "twap_window: between 1 and 2592000",
		`,"owner":"x"`:            "invalid owner",
		`,"extra":1`:              "unknown field",
		`,"routes":[{"denom":"s","pair":"` + bob + `"},{"denom":"s","pair":"` + bob + `"}]`: "routed twice",
		`,"share":{"symbol":"ab","decimals":6}`:                                             "share.symbol ab: 3 to 44 characters",
		`,"share":{"symbol":"1abc","decimals":6}`:                                           "share.symbol 1abc: 3 to 44 characters",
		`,"share":{"symbol":"c uasset","decimals":6}`:                                       "share.symbol c uasset: 3 to 44",
		`,"share":{"symbol":"` + strings.Repeat("c", 45) + `","decimals":6}`:                "3 to 44 characters, a letter then",
		`,"share":{"symbol":"cuasset","decimals":19}`:                                       "share.decimals may not exceed 18",
		`,"share":{"symbol":"cuasset","name":" ","decimals":6}`:                             "share.name must not be blank",
		`,"share":{"decimals":6}`:                                                           `missing field "symbol"`,
	} {
		m := std.NewMock()
		_, err := m.Instantiate(std.Info(bob), base(over))
		expectErr(t, err, want)
	}
	// As #[cw_serde]: a required field left out, or a field given twice, is refused by name.
	_, err := std.NewMock().Instantiate(std.Info(bob), []byte(`{"asset_denom":"uasset","validators":["a"],"routes":[],"fee_bps":0,"harvest_interval":0,"max_spread":"0","twap_window":1}`))
	expectErr(t, err, `missing field "fee_recipient"`)
	_, err = std.NewMock().Instantiate(std.Info(bob), []byte(`{"asset_denom":"uasset","asset_denom":"u","validators":["a"],"routes":[],"fee_bps":0,"fee_recipient":"`+bob+`","harvest_interval":0,"max_spread":"0","twap_window":1}`))
	expectErr(t, err, `duplicate field "asset_denom"`)
}

// TestBankTransferAndConfig: shares move by bank sends (no message of the contract): the
// balance query reads the bank.
func TestBankTransferAndConfig(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.m.API.Addr("alice"), e.m.API.Addr("bob")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	send := func(n uint64) {
		t.Helper()
		if err := e.am.Send(alice, bob, std.Coin{Denom: e.share, Amount: u(n)}); err != nil {
			t.Fatal(err)
		}
	}
	send(4000)
	e.expect(`{"balance":{"address":"`+alice+`"}}`, `{"balance":"5000"}`)
	e.expect(`{"balance":{"address":"`+bob+`"}}`, `{"balance":"4000"}`)
	send(5000)
	e.expect(`{"balance":{"address":"`+alice+`"}}`, `{"balance":"0"}`)
	// Bob queues all 9,000: out of the supply, still in the rate: 10,000 / (1,000 + 9,000) = 1.
	e.withdraw(bob, 9000)
	e.expectState(`{"total_staked":"10000","total_shares":"1000","queued_shares":"9000","exchange_rate":"1","last_harvest":null`)
	e.mustExec(e.owner, `{"update_config":{"fee_bps":100,"harvest_interval":60,"fee_recipient":null,"unbond_epoch":300000}}`)
	e.expect(`{"config":{}}`, `{"owner":"`+e.owner+`","asset_denom":"uasset","validators":["val-a","val-b"],"routes":[{"denom":"stake","pair":"`+
		e.pair.addr+`"}],"fee_bps":100,"fee_recipient":"`+e.treas+`","harvest_interval":60,"max_spread":"0.01","twap_window":600,"unbond_epoch":300000,"share_denom":"`+e.share+`","pending_owner":null}`)
	e.expectSupply()
}

// TestOwnershipIsTwoStep: the owner proposes, the proposed address accepts; until then the owner
// stays in charge and may cancel; update_config cannot change the owner (audit finding 12).
func TestOwnershipIsTwoStep(t *testing.T) {
	e := newEnv(t, "")
	bob, carol := e.m.API.Addr("bob"), e.m.API.Addr("carol")
	e.app.Fail(e.owner, `{"update_config":{"owner":"`+bob+`"}}`, "unknown field")
	e.app.Fail(bob, `{"transfer_ownership":{"new_owner":"`+bob+`"}}`, "unauthorized: only the owner")
	e.app.Fail(e.owner, `{"transfer_ownership":{"new_owner":"nope"}}`, "invalid new_owner")
	e.app.Fail(bob, `{"accept_ownership":{}}`, "only the proposed owner may accept")
	e.app.Fail(e.owner, `{"cancel_ownership_transfer":{}}`, "no ownership transfer to cancel")

	e.mustExec(e.owner, `{"transfer_ownership":{"new_owner":"`+bob+`"}}`)
	if q := e.query(`{"config":{}}`); !strings.HasSuffix(q, `"pending_owner":"`+bob+`"}`) {
		t.Fatal(q)
	}
	if c, _ := config.Load(e.m.Storage); c.Owner != e.owner || c.PendingOwner == nil || *c.PendingOwner != bob {
		t.Fatalf("%+v", c)
	}
	// The owner is still the owner until bob accepts; carol cannot accept; the owner cancels.
	e.mustExec(e.owner, `{"update_config":{"fee_bps":1}}`)
	e.app.Fail(carol, `{"accept_ownership":{}}`, "only the proposed owner may accept")
	e.mustExec(e.owner, `{"cancel_ownership_transfer":{}}`)
	e.app.Fail(bob, `{"accept_ownership":{}}`, "only the proposed owner may accept")
	// Proposed again, accepted: bob is the owner, the old owner is not.
	e.mustExec(e.owner, `{"transfer_ownership":{"new_owner":"`+bob+`"}}`)
	res := e.mustExec(bob, `{"accept_ownership":{}}`)
	if res.Attributes[1].Value != e.owner || res.Attributes[2].Value != bob {
		t.Fatalf("%+v", res.Attributes)
	}
	if c, _ := config.Load(e.m.Storage); c.Owner != bob || c.PendingOwner != nil {
		t.Fatalf("%+v", c)
	}
	e.app.Fail(e.owner, `{"update_config":{"fee_bps":1}}`, "unauthorized")
	e.mustExec(bob, `{"update_config":{"fee_bps":2}}`)
}

func TestSlashingShowsInTheRate(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.m.API.Addr("alice"), e.m.API.Addr("bob")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.Slash(valA, tenth); err != nil {
		t.Fatal(err)
	}
	// 9,000 + 10,000 staked for 20,000 shares: 0.95; bob's 10,000 shares are worth 9,500.
	e.expectState(`{"total_staked":"19000","total_shares":"20000","queued_shares":"0","exchange_rate":"0.95","last_harvest":null`)
	e.expect(`{"position":{"address":"`+bob+`"}}`, `{"shares":"10000","value":"9500","claims":[]}`)
	// A new deposit gets more shares: floor(1900 · 20000/19000) = 2000.
	res := e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(1_900, asset))
	if res.Attributes[3] != (wasmvmtypes.EventAttribute{Key: "shares", Value: "2000"}) {
		t.Fatalf("%+v", res.Attributes)
	}
}

func TestHarvestEvents(t *testing.T) {
	e := newEnv(t, `,"fee_bps":0`)
	alice := e.m.API.Addr("alice")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(1_000, stake)); err != nil {
		t.Fatal(err)
	}
	e.advance(600)
	// Drive the replies by hand to see every event: one claim (val-b has no stake, no claim).
	res, err := e.m.Execute(std.Info(alice), []byte(`{"harvest":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) != 1 || string(res.Messages[0].Payload) != valA {
		t.Fatalf("%+v", res.Messages)
	}
	rs, err := e.am.Apply(e.self, res.Messages[0].Msg.Custom)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.m.Reply(std.Reply{ID: replyClaim, Payload: []byte(valA), Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: rs}}})
	if err != nil {
		t.Fatal(err)
	}
	if a := eventAttrs(rep, "compounder-claim"); a["validator"] != valA || a["claimed"] != "1000stake" {
		t.Fatalf("claim event %v", a)
	}
	// No fee: one message, the swap of 1,000: gross floor(1e6 · 1000/2,001,000) = 499,
	// commission ceil(1.497) = 2, return 497; twap_out 500, bound 495; min_receive
	// max(497 − floor(4.97), 495 − 2) = 493.
	if len(rep.Messages) != 1 || rep.Messages[0].ID != replySwap {
		t.Fatalf("%+v", rep.Messages)
	}
	if err := e.am.Run(&wasmvmtypes.Response{Messages: []wasmvmtypes.SubMsg{{Msg: rep.Messages[0].Msg, ReplyOn: wasmvmtypes.ReplyNever}}}); err != nil {
		t.Fatal(err)
	}
	rep, err = e.m.Reply(std.Reply{ID: replySwap, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}})
	if err != nil {
		t.Fatal(err)
	}
	if a := eventAttrs(rep, "compounder-swap"); a["offer"] != "1000stake" || a["received"] != "497uasset" || a["min_receive"] != "493" {
		t.Fatalf("swap event %v", a)
	}
	// 10,497/10,000 → 1.0497, restaked on val-b (0 < 10,000).
	if a := eventAttrs(rep, "compounder-harvest"); a["claimed"] != "1000stake" || a["fee"] != "none" || a["received"] != "497uasset" ||
		a["restaked"] != "497uasset" || a["validator"] != valB || a["exchange_rate"] != "1.0497" || a["total_staked"] != "10497" {
		t.Fatalf("harvest event %v", a)
	}
	// A reply with a failed result or an unknown id is an error.
	_, err = e.m.Reply(std.Reply{ID: replySwap, Result: std.SubMsgResult{Err: "boom"}})
	expectErr(t, err, "sub-message failed: boom")
	_, err = e.m.Reply(std.Reply{ID: 9, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}})
	expectErr(t, err, "unknown reply id")
	_, err = e.m.Reply(std.Reply{ID: replySwap, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}})
	expectErr(t, err, "swap reply outside a harvest")
}

func TestAprEstimate(t *testing.T) {
	r := func(s string) std.Decimal {
		d, err := std.ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	const day = 24 * 3600 * 1_000_000_000
	// 1.0 → 1.01 over 36.5 days: 0.01 · 10 = 0.1.
	a, err := aprEstimate(History{Harvests: []HarvestRecord{{Time: day, Rate: r("1")}, {Time: 2 * day, Rate: r("1.005")}, {Time: day + 365*day/10, Rate: r("1.01")}}})
	if err != nil || a.Apr == nil || a.Apr.String() != "0.1" {
		t.Fatalf("%+v %v", a, err)
	}
	// Same time twice: no estimate.
	a, _ = aprEstimate(History{Harvests: []HarvestRecord{{Time: day, Rate: r("1")}, {Time: day, Rate: r("2")}}})
	if a.Apr != nil {
		t.Fatal("estimate over zero time")
	}
	b, _ := a.MarshalJSON()
	if string(b) != `{"apr":null,"from":"86400000000000","to":"86400000000000"}` {
		t.Fatal(string(b))
	}
}

// TestSandwichBound: a front-run that moves the price by more than max_spread (5% here) makes
// the harvest fail, and the attacker's round trip then loses its fees instead of winning the
// harvest's slippage; an honest harvest in the same block passes with min_receive from the TWAP.
func TestSandwichBound(t *testing.T) {
	e := newEnv(t, `,"max_spread":"0.05"`)
	alice, keeper := e.m.API.Addr("alice"), e.m.API.Addr("keeper")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.advance(600) // the window: 600 s at 0.5 uasset per stake, so the TWAP is 0.5
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(100_000, stake)); err != nil {
		t.Fatal(err)
	}
	now := e.m.Env.Block.Time.Seconds()
	// The harvest sells 95,000 stake (100,000 less the 5% fee). Without manipulation: gross
	// floor(1e6 · 95,000/2,095,000) = 45,346, return 45,209. TWAP bound: twap_out
	// floor(95,000 · 0.5) = 47,500, bound 47,500 − floor(2,375) = 45,125.
	//
	// Reference, the old rule (min_receive from the same-transaction simulation): the attacker
	// sells 100,000 stake first (47,476 uasset; pool 2,100,000 / 952,524), the harvest's simulation
	// then says return 41,101 with spread 1,865 ≤ floor(43,090 · 0.05) = 2,154 and min_receive
	// 41,101 − 2,055 = 39,046, so it would go through at 41,101 (4,108 less than unmanipulated), and
	// the attacker's back-run of 47,476 uasset buys 108,349 stake: +8,349 stake.
	ref := &fakePair{stake: u(2_000_000), asset: u(1_000_000), feeBps: 30, last: now}
	front := ref.sellStake(now, u(100_000))
	ret, spread, _ := ref.quote(u(95_000))
	if front != u(47_476) || ret != u(41_101) || spread != u(1_865) {
		t.Fatalf("reference: front %s, return %s, spread %s", front, ret, spread)
	}
	ref.sellStake(now, u(95_000))
	if back := ref.sellAsset(now, front); back != u(108_349) {
		t.Fatalf("reference back-run %s", back)
	}

	// Now with the TWAP bound, same block: the same front-run, then the harvest. gross 41,225 <
	// 45,125: refused; rewards, fee and stake are untouched (the chain reverts the transaction).
	if got := e.pair.sellStake(now, u(100_000)); got != u(47_476) {
		t.Fatalf("front-run got %s", got)
	}
	e.app.Fail(keeper, `{"harvest":{}}`, "swap of 95000stake at the spot price gives 41225 before fees, below 45125 (the TWAP value less max_spread): harvest refused")
	if len(e.pair.swaps) != 0 || !e.am.Balance(e.treas, stake).IsZero() || e.am.Delegation(e.self, valA, asset) != u(10_000) {
		t.Fatal("a refused harvest moved funds")
	}
	// The attacker unwinds: 47,476 uasset buy floor(2,100,000 · 47,476/1,000,000) = 99,699 gross,
	// commission 300, 99,399 stake: −601 stake instead of +8,349.
	if back := e.pair.sellAsset(now, u(47_476)); back != u(99_399) {
		t.Fatalf("back-run got %s", back)
	}
	// An honest harvest in the same block (pool 2,000,601 / 1,000,000; the refused harvest left
	// the 100,000 stake claimable): gross floor(1e6 · 95,000/2,095,601) = 45,333 ≥ bound 45,125,
	// commission 136, return 45,197; min_receive = max(45,197 − floor(2,259.85),
	// 45,125 − 136) = max(42,938, 44,989) = 44,989. A pair paying 44,988 is caught.
	e.pair.short = u(45_197 - 44_988)
	// The chain reverts that transaction: the swap, the fee and the claim (the pool is back at
	// 2,000,601 / 1,000,000, the 100,000 stake claimable again, the treasury empty).
	e.app.Fail(keeper, `{"harvest":{}}`, "swap of 95000stake returned 44988, below the minimum 44989")
	if e.pair.stake != u(2_000_601) || e.pair.asset != u(1_000_000) || e.am.PendingRewards(e.self, valA, asset, stake) != u(100_000) ||
		!e.am.Balance(e.treas, stake).IsZero() {
		t.Fatalf("failed harvest not reverted: pool %s / %s, treasury %s", e.pair.stake, e.pair.asset, e.am.Balance(e.treas, stake))
	}
	e.pair.short = u(45_197 - 44_989)
	e.mustExec(keeper, `{"harvest":{}}`)
	// Fee floor(100,000 · 5%) = 5,000 to the treasury, once.
	if e.am.Delegation(e.self, valB, asset) != u(44_989) || e.am.Balance(e.treas, stake) != u(5_000) {
		t.Fatalf("restaked %s, treasury %s", e.am.Delegation(e.self, valB, asset), e.am.Balance(e.treas, stake))
	}
	// The harvest stored the oracle reading of this block as the route's next observation.
	obs, err := observations.Load(e.m.Storage, stake)
	if err != nil || obs.Time != now || obs.LiquidSeconds != 600 || obs.Cumulative.String() != "300000000000000000000" { // 600 s · 0.5·10^18
		t.Fatalf("observation %+v %v", obs, err)
	}
}

// TestFirstHarvestWindow: the instantiate observation starts the first window; a harvest needs
// twap_window (600) seconds of pool liquidity after its route's observation, so zero elapsed time
// is refused, and so is time the pool spent empty.
func TestFirstHarvestWindow(t *testing.T) {
	e := newEnv(t, "")
	alice, keeper := e.m.API.Addr("alice"), e.m.API.Addr("keeper")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.am.Fund(e.self, std.NewCoin(1_000, stake)) // rewards already claimed, waiting in the contract
	e.app.Fail(keeper, `{"harvest":{}}`, "price observation for stake too recent: 0 s of pool liquidity since it, twap_window is 600 s; harvest refused, nothing lost")
	// The pool is empty for the next 600 s: they do not count.
	e.pair.accrue(e.m.Env.Block.Time.Seconds())
	e.pair.stake, e.pair.asset = std.Uint128{}, std.Uint128{}
	e.advance(600)
	e.pair.accrue(e.m.Env.Block.Time.Seconds())
	e.pair.stake, e.pair.asset = u(2_000_000), u(1_000_000)
	e.app.Fail(keeper, `{"harvest":{}}`, "too recent: 0 s of pool liquidity since it")
	e.advance(599)
	e.app.Fail(keeper, `{"harvest":{}}`, "too recent: 599 s of pool liquidity since it")
	if !e.am.Balance(e.treas, stake).IsZero() || e.am.Balance(e.self, stake) != u(1_000) {
		t.Fatal("a refused harvest moved funds")
	}
	e.advance(1)
	// 1,000 stake: fee 50, offer 950: gross floor(1e6 · 950/2,000,950) = 474, commission 2,
	// return 472; twap_out 475, bound 475 − 4 = 471 ≤ 474.
	e.mustExec(keeper, `{"harvest":{}}`)
	if e.am.Delegation(e.self, valB, asset) != u(472) {
		t.Fatalf("restaked %s", e.am.Delegation(e.self, valB, asset))
	}
	// The harvest restarted the window: with the interval lifted, a harvest in the same block
	// (zero elapsed time) is refused by the window, not by a division by zero.
	e.mustExec(e.owner, `{"update_config":{"harvest_interval":0}}`)
	e.am.Fund(e.self, std.NewCoin(1_000, stake))
	e.app.Fail(keeper, `{"harvest":{}}`, "too recent: 0 s of pool liquidity since it")
}

// TestZeroTwapRefused: a reward worth nothing at the TWAP has no reference price, so a harvest
// refuses it even when the spot price (set in this block) would return something.
func TestZeroTwapRefused(t *testing.T) {
	e := newEnv(t, `,"max_spread":"0.5"`)
	alice, keeper := e.m.API.Addr("alice"), e.m.API.Addr("keeper")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	// For the whole window the pool holds 1 uasset for 2·10^18 stake: price floor(10^18/(2·10^18)) = 0.
	e.pair.accrue(e.m.Env.Block.Time.Seconds())
	e.pair.stake, e.pair.asset = u(2_000_000_000_000_000_000), u(1)
	e.advance(600)
	e.pair.accrue(e.m.Env.Block.Time.Seconds())
	e.pair.stake, e.pair.asset = u(2_000_000), u(1_000_000)
	// 1,000 stake: fee 50, offer 950; spot return 472 (TestFirstHarvestWindow), TWAP value 0.
	e.am.Fund(e.self, std.NewCoin(1_000, stake))
	_, err := e.exec(keeper, `{"harvest":{}}`)
	expectErr(t, err, "TWAP value of 950stake is 0: no reference price; harvest refused")
}

// TestObserve: observations follow the routes; anyone may refresh one that is missing or at least
// 2 · twap_window old, and a refresh restarts the window.
func TestObserve(t *testing.T) {
	e := newEnv(t, "")
	keeper := e.m.API.Addr("keeper")
	t0 := e.m.Env.Block.Time.Seconds()
	obs, err := observations.Load(e.m.Storage, stake)
	if err != nil || obs != (Observation{Pair: e.pair.addr, Cumulative: std.Uint128{}, LiquidSeconds: 0, Time: t0}) {
		t.Fatalf("instantiate observation %+v %v", obs, err)
	}
	_, err = e.exec(keeper, `{"observe":{}}`)
	expectErr(t, err, "nothing to observe: every route has an observation younger than 2 × twap_window (1200 s)")
	e.advance(1199)
	_, err = e.exec(keeper, `{"observe":{}}`)
	expectErr(t, err, "nothing to observe")
	e.advance(1)
	res := e.mustExec(keeper, `{"observe":{}}`)
	if a := res.Attributes; len(a) != 2 || a[1] != (wasmvmtypes.EventAttribute{Key: "observed", Value: stake}) {
		t.Fatalf("%+v", a)
	}
	// 1200 s at 0.5·10^18: cumulative 6·10^20.
	obs, _ = observations.Load(e.m.Storage, stake)
	if obs.Time != t0+1200 || obs.LiquidSeconds != 1200 || obs.Cumulative.String() != "600000000000000000000" {
		t.Fatalf("refreshed %+v", obs)
	}
	// Dropping the route drops its observation; a pair that does not answer cannot be routed; the
	// route back gets a fresh observation.
	e.mustExec(e.owner, `{"update_config":{"routes":[]}}`)
	if _, found, _ := observations.MayLoad(e.m.Storage, stake); found {
		t.Fatal("observation of a dropped route kept")
	}
	_, err = e.exec(e.owner, `{"update_config":{"routes":[{"denom":"stake","pair":"`+e.owner+`"}]}}`)
	expectErr(t, err, "cumulative prices of "+e.owner+": ")
	e.advance(10)
	e.mustExec(e.owner, `{"update_config":{"routes":[{"denom":"stake","pair":"`+e.pair.addr+`"}]}}`)
	obs, _ = observations.Load(e.m.Storage, stake)
	if obs.Time != t0+1210 || obs.LiquidSeconds != 1210 {
		t.Fatalf("re-added %+v", obs)
	}
	// An unchanged route keeps its observation through other updates.
	e.advance(10)
	e.mustExec(e.owner, `{"update_config":{"fee_bps":0,"routes":[{"denom":"stake","pair":"`+e.pair.addr+`"}]}}`)
	if o, _ := observations.Load(e.m.Storage, stake); o != obs {
		t.Fatalf("kept %+v", o)
	}
}

// TestSlashDuringUnbonding: the alliance mock's Slash cuts immature unbonding entries too; batches
// are settled at what actually came back, pro rata, rounded down, so no claimant is paid out of
// another's (or the vault's) funds.
func TestSlashDuringUnbonding(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, keeper := e.m.API.Addr("alice"), e.m.API.Addr("bob"), e.m.API.Addr("carol"), e.m.API.Addr("keeper")
	const day, epoch = 24 * 3600, 259_201
	// alice 10,000 → val-a (9,000 shares, 1,000 locked), bob 10,000 → val-b, carol 20,000 → val-a
	// (tie): val-a 30,000, val-b 10,000, 40,000 shares.
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(carol, `{"deposit":{}}`, std.NewCoin(20_000, asset))
	// Batch 0, alice's 9,000 shares: floor(9,000 · 40,000/40,000) = 9,000, all from val-a (largest).
	e.advance(epoch)
	e.withdraw(alice, 9000)
	e.mustExec(keeper, `{"process_withdrawals":{}}`)
	tA := e.m.Env.Block.Time
	// Batch 1, an epoch later, bob's 7,777 of 31,000 shares on 31,000: 7,777 from val-a (21,000).
	e.advance(epoch)
	e.withdraw(bob, 7777)
	e.mustExec(keeper, `{"process_withdrawals":{}}`)
	// Batch 2, carol's 5,000 of 23,223 shares on 23,223: 5,000 from val-a (13,223 > 10,000).
	e.advance(epoch)
	e.withdraw(carol, 5000)
	res := e.mustExec(keeper, `{"process_withdrawals":{}}`)
	if len(res.Messages) != 1 || string(res.Messages[0].Msg.Custom) != `{"alliance":{"undelegate":{"validator":"val-a","amount":{"denom":"uasset","amount":"5000"}}}}` {
		t.Fatalf("carol's batch %+v", res.Messages)
	}
	// val-a is slashed by 10% while all three batches unbond: its entries lose floor(10%): 9,000 →
	// 8,100, 7,777 → 7,000, 5,000 → 4,500 (and its delegation 8,223 → 7,401). What will come back:
	// 19,600 of the 21,777 recorded.
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.Slash(valA, tenth); err != nil {
		t.Fatal(err)
	}
	if e.am.Delegation(e.self, valA, asset) != u(7_401) {
		t.Fatalf("val-a %s", e.am.Delegation(e.self, valA, asset))
	}
	// Batch 0's completion time, before the chain's end of block paid it: refused, nothing settled.
	e.advance(21*day - 2*epoch)
	if e.m.Env.Block.Time != tA+alliance.DefaultUnbondingTime {
		t.Fatal("timeline")
	}
	e.app.Fail(alice, `{"claim":{}}`, "unbonded tokens not received yet: try again after the next block")
	// An epoch later batches 0 and 1 have both been paid (8,100 + 7,000 = 15,100 for 16,777
	// recorded) and settle together: batch 0 floor(9,000 · 15,100/16,777) = 8,100, batch 1
	// floor(7,777 · 15,100/16,777) = 6,999; the 1 of dust is surplus.
	e.advance(epoch)
	e.am.MatureUnbondings()
	res = e.mustExec(alice, `{"claim":{}}`)
	if res.Attributes[2].Value != "8100" || e.am.Balance(alice, asset) != u(8_100) {
		t.Fatalf("alice paid %+v, holds %s", res.Attributes, e.am.Balance(alice, asset))
	}
	e.expect(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"batch_id":1,"shares":"7777","amount":"7777","release_at":"`+
		uintString(uint64(tA.PlusSeconds(epoch)+alliance.DefaultUnbondingTime))+`","payout":"6999"}]}`)
	if b, _ := book.Load(e.m.Storage); b.Owed != u(6_999) || b.Surplus != u(1) || b.Unsettled != u(5_000) {
		t.Fatalf("book %+v", b)
	}
	// Carol's batch has not matured: nothing for her, and the settlement did not touch it.
	e.app.Fail(carol, `{"claim":{}}`, "nothing to claim yet")
	e.mustExec(bob, `{"claim":{}}`)
	if e.am.Balance(bob, asset) != u(6_999) {
		t.Fatalf("bob %s", e.am.Balance(bob, asset))
	}
	// Carol's 4,500 come back an epoch later; received = 4,501 − 0 owed − 1 surplus = 4,500: she
	// is paid exactly that, not her recorded 5,000, and not the surplus.
	e.advance(epoch)
	e.am.MatureUnbondings()
	e.mustExec(carol, `{"claim":{}}`)
	if e.am.Balance(carol, asset) != u(4_500) || e.am.Balance(e.self, asset) != u(1) {
		t.Fatalf("carol %s, contract %s", e.am.Balance(carol, asset), e.am.Balance(e.self, asset))
	}
	if b, _ := book.Load(e.m.Storage); b.Owed != (std.Uint128{}) || b.Surplus != u(1) || !b.Unsettled.IsZero() {
		t.Fatalf("book %+v", b)
	}
	// Paid in total 8,100 + 6,999 + 4,500 = 19,599 <= 19,600 returned by the chain.
}

// TestSettlementCapsAtRecorded: asset that was not unbonded (a donation) is counted as received for
// the next batch, but a batch is never paid more than it undelegated; the excess is surplus.
func TestSettlementCapsAtRecorded(t *testing.T) {
	e := newEnv(t, "")
	alice, keeper := e.m.API.Addr("alice"), e.m.API.Addr("keeper")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.withdraw(alice, 4000)
	e.advance(259_201)
	e.mustExec(keeper, `{"process_withdrawals":{}}`) // 4,000 from val-a
	e.advance(21 * 24 * 3600)
	e.am.MatureUnbondings()
	e.am.Fund(e.self, std.NewCoin(500, asset))
	e.mustExec(alice, `{"claim":{}}`)
	if e.am.Balance(alice, asset) != u(4_000) {
		t.Fatalf("alice %s", e.am.Balance(alice, asset))
	}
	if b, _ := book.Load(e.m.Storage); b.Surplus != u(500) || !b.Owed.IsZero() {
		t.Fatalf("book %+v", b)
	}
	// A batch whose entries were slashed to nothing settles at 0 and its claim is removed without
	// a payment (the 500 of surplus stay surplus).
	e.withdraw(alice, 1000)
	e.mustExec(keeper, `{"process_withdrawals":{}}`) // floor(1,000 · 6,000/6,000) = 1,000
	if err := e.am.Slash(valA, std.DecimalOne()); err != nil {
		t.Fatal(err)
	}
	e.advance(21 * 24 * 3600)
	e.am.MatureUnbondings()
	res := e.mustExec(alice, `{"claim":{}}`)
	if res.Attributes[2].Value != "0" || len(res.Messages) != 0 || e.am.Balance(alice, asset) != u(4_000) {
		t.Fatalf("%+v %+v", res.Attributes, res.Messages)
	}
	e.expect(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[]}`)
	if b, _ := book.Load(e.m.Storage); b.Surplus != u(500) {
		t.Fatalf("book %+v", b)
	}
}
