package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// A pair with a cw20 side, on the test app with a fake cw20 behind the chain's wasm executes: a
// ledger with cw20-base's transfer, transfer_from (within an allowance) and send (which calls the
// pair's receive as the cw20), reverted with everything else when a transaction fails.

type fakeCw20 struct {
	app        *stdtest.App
	addr       string
	balances   map[string]std.Uint128
	allowances map[[2]string]std.Uint128 // (owner, spender)
	// rewards are what claim_rewards pays each holder, in bank coins from the cw20's own bank
	// balance (our wrapped token's reward index, reduced to its effect).
	rewards map[string][]std.Coin
	// refuseEmpty makes claim_rewards fail when nothing is owed, as our wrapped token does.
	refuseEmpty bool
	// hostile, when set, runs after each transfer or transfer_from the cw20 executes; its
	// error fails that message.
	hostile func(sender string) error
}

func newCw20(t *testing.T, app *stdtest.App, name string) *fakeCw20 {
	c := &fakeCw20{app: app, addr: app.Addr(name), balances: map[string]std.Uint128{}, allowances: map[[2]string]std.Uint128{}, rewards: map[string][]std.Coin{}}
	app.Host.Track(func() func() {
		b, a := copyMap(c.balances), copyMap(c.allowances)
		r := make(map[string][]std.Coin, len(c.rewards))
		for k, v := range c.rewards {
			r[k] = v
		}
		return func() { c.balances, c.allowances, c.rewards = b, a, r }
	})
	next := app.Chain.WasmExecute // another fake cw20 of the same app, if any
	app.Chain.WasmExecute = func(sender, contract string, msg []byte, funds []std.Coin) error {
		if contract != c.addr {
			if next != nil {
				return next(sender, contract, msg, funds)
			}
			return errors.New("no contract " + contract)
		}
		if len(funds) > 0 {
			return errors.New("cw20 takes no funds")
		}
		return c.execute(sender, msg)
	}
	return c
}

func copyMap[K comparable](m map[K]std.Uint128) map[K]std.Uint128 {
	out := make(map[K]std.Uint128, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (c *fakeCw20) execute(sender string, msg []byte) error {
	var m struct {
		Transfer *struct {
			Recipient string `json:"recipient"`
			Amount    string `json:"amount"`
		} `json:"transfer"`
		TransferFrom *struct {
			Owner     string `json:"owner"`
			Recipient string `json:"recipient"`
			Amount    string `json:"amount"`
		} `json:"transfer_from"`
		ClaimRewards *struct{} `json:"claim_rewards"`
	}
	d := json.NewDecoder(bytes.NewReader(msg))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return err
	}
	switch {
	case m.Transfer != nil:
		if err := c.move(sender, m.Transfer.Recipient, m.Transfer.Amount); err != nil {
			return err
		}
	case m.TransferFrom != nil:
		f := m.TransferFrom
		amt, err := std.ParseUint128(f.Amount)
		if err != nil {
			return err
		}
		key := [2]string{f.Owner, sender}
		left, err := c.allowances[key].CheckedSub(amt)
		if err != nil {
			return errors.New("cw20: insufficient allowance")
		}
		c.allowances[key] = left
		if err := c.move(f.Owner, f.Recipient, f.Amount); err != nil {
			return err
		}
	case m.ClaimRewards != nil:
		if c.refuseEmpty && len(c.rewards[sender]) == 0 {
			return errors.New("cw20: no rewards")
		}
		if due := c.rewards[sender]; len(due) > 0 {
			if err := c.app.Chain.Send(c.addr, sender, due...); err != nil {
				return err
			}
		}
		delete(c.rewards, sender)
	default:
		return errors.New("cw20: unsupported message " + string(msg))
	}
	if c.hostile != nil {
		return c.hostile(sender)
	}
	return nil
}

func (c *fakeCw20) move(from, to, amount string) error {
	amt, err := std.ParseUint128(amount)
	if err != nil {
		return err
	}
	if amt.IsZero() {
		return errors.New("cw20: invalid zero amount")
	}
	left, err := c.balances[from].CheckedSub(amt)
	if err != nil {
		return errors.New("cw20: insufficient funds")
	}
	c.balances[from] = left
	c.balances[to] = c.balances[to].SaturatingAdd(amt)
	return nil
}

// mint gives addr amount tokens and the pair an allowance of allow from addr (test setup).
func (c *fakeCw20) mint(addr string, amount, allow uint64) {
	c.balances[addr] = c.balances[addr].SaturatingAdd(std.NewUint128(amount))
	c.allowances[[2]string{addr, c.app.Contract}] = std.NewUint128(allow)
}

func (c *fakeCw20) balance(addr string) string { return c.balances[addr].String() }

// receiveMsg is the pair's receive as the cw20 delivers it for a send of amount by from.
func receiveMsg(from, amount, hook string) string {
	return `{"receive":{"sender":"` + from + `","amount":"` + amount + `","msg":"` + base64.StdEncoding.EncodeToString([]byte(hook)) + `"}}`
}

// send is the cw20's send of amount from `from` to the pair with hook, as one transaction: the
// tokens move, then the cw20 calls the pair's receive and its messages run.
func (c *fakeCw20) send(from string, amount uint64, hook string) error {
	return c.sendU(from, std.NewUint128(amount), hook)
}

func (c *fakeCw20) sendU(from string, amount std.Uint128, hook string) error {
	return c.app.Host.Transact(func() error {
		if err := c.move(from, c.app.Contract, amount.String()); err != nil {
			return err
		}
		_, err := c.app.Chain.Execute(c.addr, []byte(receiveMsg(from, amount.String(), hook)))
		return err
	})
}

// state is everything a failed send must leave as it was: the books and the bank balances of
// the users and the pair.
func (c *fakeCw20) state() string {
	var b strings.Builder
	b.WriteString(c.books())
	for _, addr := range []string{"alice", "bob", "carol", "fake"} {
		fmt.Fprintf(&b, "|%s %s", addr, c.app.Balance(c.app.Addr(addr), stake))
	}
	fmt.Fprintf(&b, "|pair %s", c.app.Balance(c.app.Contract, stake))
	return b.String()
}

// books are the pair's storage and the cw20 ledger (balances and allowances).
func (c *fakeCw20) books() string {
	var keys []string
	for k, v := range c.balances {
		keys = append(keys, k+"="+v.String())
	}
	for k, v := range c.allowances {
		keys = append(keys, k[0]+">"+k[1]+"="+v.String())
	}
	sort.Strings(keys)
	return string(c.app.Dump()) + "|" + strings.Join(keys, ",")
}

// sendFails asserts that a send with hook fails with want and changes nothing.
func (c *fakeCw20) sendFails(t *testing.T, from string, amount uint64, hook, want string) {
	t.Helper()
	before := c.state()
	if err := c.send(from, amount, hook); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("send %d with %s: error %v, want %q", amount, hook, err, want)
	}
	if after := c.state(); after != before {
		t.Fatalf("send with %s failed but changed state:\n before %s\n after  %s", hook, before, after)
	}
}

func tokenAsset(addr, amount string) string {
	return `{"info":{"token":{"contract_addr":"` + addr + `"}},"amount":"` + amount + `"}`
}

// cw20Setup is a token/stake pair (30 bps) after alice provided 1,000,000 token (pulled with
// transfer_from) and 4,000,000 stake: sqrt(4e12) = 2,000,000 shares, 1,000 locked. The numbers
// are those of the bank pair in pair_test.go, with the token in place of uasset.
func cw20Setup(t *testing.T) (*stdtest.App, *fakeCw20, string) {
	t.Helper()
	app := newApp(t)
	tok := newCw20(t, app, "token")
	app.Instantiate(app.Addr("creator"), `{"asset_infos":[{"token":{"contract_addr":"`+tok.addr+`"}},{"native_token":{"denom":"stake"}}],"fee_bps":30}`, coin(creationFee, stake))
	alice := app.Addr("alice")
	tok.mint(alice, 1_000_000, 1_000_000)
	res := app.Exec(alice, `{"provide_liquidity":{"assets":[`+tokenAsset(tok.addr, "1000000")+`,`+asJSON(stake, "4000000")+`]}}`, coin(4_000_000, stake))
	stdtest.ExpectAttrs(t, res, map[string]string{"share": "1999000", "assets": "1000000" + tok.addr + ", 4000000stake"})
	if tok.balance(alice) != "0" || tok.balance(app.Contract) != "1000000" || app.Balance(app.Contract, stake).String() != "4000000" {
		t.Fatalf("after the first provision: alice %s token, pair %s token %s stake", tok.balance(alice), tok.balance(app.Contract), app.Balance(app.Contract, stake))
	}
	if _, locked := app.Host.Storage.Get(lockKey); locked {
		t.Fatal("the pair is still locked after its transfer_from ran")
	}
	return app, tok, alice
}

func expectCw20Pool(t *testing.T, app *stdtest.App, tok *fakeCw20, token, ustake, total string) {
	t.Helper()
	app.ExpectQuery(`{"pool":{}}`, `{"assets":[`+tokenAsset(tok.addr, token)+`,`+asJSON(stake, ustake)+`],"total_share":"`+total+`"}`)
	// The pool keeps its books: its holdings are exactly its reserves.
	if tok.balance(app.Contract) != token || app.Balance(app.Contract, stake).String() != ustake {
		t.Fatalf("pair holds %s token, %s stake; reserves %s, %s", tok.balance(app.Contract), app.Balance(app.Contract, stake), token, ustake)
	}
}

func TestCw20PairQueries(t *testing.T) {
	app, tok, _ := cw20Setup(t)
	lp := lpDenom(app)
	app.ExpectQuery(`{"pair":{}}`, `{"asset_infos":[{"token":{"contract_addr":"`+tok.addr+`"}},{"native_token":{"denom":"stake"}}],"fee_bps":30,"liquidity_token":"`+lp+`"}`)
	app.ExpectQuery(`{"config":{}}`, `{"denoms":["`+tok.addr+`","stake"],"fee_bps":30,"lp_denom":"`+lp+`","rewards_recipient":"`+app.Addr("creator")+`"}`)
	expectCw20Pool(t, app, tok, "1000000", "4000000", "2000000")
	// The simulation takes the token as the offer like a bank denom (same numbers as below).
	app.ExpectQuery(`{"simulation":{"offer_asset":`+tokenAsset(tok.addr, "10000")+`}}`, `{"return_amount":"39484","spread_amount":"397","commission_amount":"119"}`)
	// A bank pair names both sides native_token.
	native := newPair(t, nativePair)
	native.ExpectQuery(`{"pair":{}}`, `{"asset_infos":[{"native_token":{"denom":"uasset"}},{"native_token":{"denom":"stake"}}],"fee_bps":30,"liquidity_token":"`+lpDenom(native)+`"}`)
}

func TestCw20SwapBothWays(t *testing.T) {
	app, tok, _ := cw20Setup(t)
	bob, carol := app.Addr("bob"), app.Addr("carol")
	// Token in, through the cw20's send: 10,000 token into 1,000,000 / 4,000,000:
	// gross = floor(4e6·1e4/1,010,000) = 39,603 (floor: the pool keeps the fraction); commission
	// = ceil(39,603·30/1e4) = ceil(118.809) = 119 (ceil: the fee is never rounded away); return
	// 39,484; ideal floor(4e6·1e4/1e6) = 40,000, spread 397 > floor(40,000·0.005) = 200, so the
	// default max_spread refuses it and 0.02 (800) lets it through.
	tok.mint(bob, 10_000, 0)
	tok.sendFails(t, bob, 10_000, `{"swap":{}}`, "max spread assertion")
	if err := tok.send(bob, 10_000, `{"swap":{"max_spread":"0.02","to":"`+carol+`"}}`); err != nil {
		t.Fatal(err)
	}
	if tok.balance(bob) != "0" || app.Balance(carol, stake).String() != "39484" {
		t.Fatalf("bob %s token, carol %s stake", tok.balance(bob), app.Balance(carol, stake))
	}
	expectCw20Pool(t, app, tok, "1010000", "3960516", "2000000")
	// Stake in, paid out with the cw20's transfer: 10,000 stake into 3,960,516 stake / 1,010,000
	// token: gross = floor(1,010,000·1e4/3,970,516) = 2,543; commission = ceil(2,543·30/1e4) =
	// ceil(7.629) = 8; return 2,535; ideal floor(1,010,000·1e4/3,960,516) = 2,550, spread 7 <= 12.
	stdtest.ExpectAttrs(t, app.Exec(carol, `{"swap":{"offer_asset":`+asJSON(stake, "10000")+`,"ask_asset_info":{"token":{"contract_addr":"`+tok.addr+`"}}}}`, coin(10_000, stake)),
		map[string]string{"return_amount": "2535", "commission_amount": "8", "spread_amount": "7", "ask_asset": tok.addr, "receiver": carol})
	// (Exec mints the 10,000 stake carol offers, so her stake balance is still what bob sent her.)
	if tok.balance(carol) != "2535" || app.Balance(carol, stake).String() != "39484" {
		t.Fatalf("carol %s token, %s stake", tok.balance(carol), app.Balance(carol, stake))
	}
	expectCw20Pool(t, app, tok, "1007465", "3970516", "2000000")
	if _, locked := app.Host.Storage.Get(lockKey); locked {
		t.Fatal("the pair is still locked after its transfer ran")
	}
}

func TestCw20ProvideWithRefundAndWithdraw(t *testing.T) {
	app, tok, alice := cw20Setup(t)
	bob := app.Addr("bob")
	app.Exec(bob, `{"swap":{"offer_asset":`+asJSON(stake, "10000")+`}}`, coin(10_000, stake)) // 2,485 token to bob, as in the bank pair
	expectCw20Pool(t, app, tok, "997515", "4010000", "2000000")
	// Bob offers 100,000 token + 500,000 stake: floor(100000·2e6/997515) = 200,498 vs
	// floor(500000·2e6/4010000) = 249,376 → 200,498 shares; stake used ceil(200498·4010000/2e6)
	// = 401,999 (98,001 refunded); token used min(ceil(200498·997515/2e6) = 100,000, 100,000),
	// pulled with transfer_from, so only what is used ever leaves bob.
	tok.mint(bob, 97_515, 100_000) // 2,485 + 97,515 = 100,000
	res := app.Exec(bob, `{"provide_liquidity":{"assets":[`+asJSON(stake, "500000")+`,`+tokenAsset(tok.addr, "100000")+`]}}`, coin(500_000, stake))
	stdtest.ExpectAttrs(t, res, map[string]string{"share": "200498", "assets": "100000" + tok.addr + ", 401999stake"})
	if tok.balance(bob) != "0" || app.Balance(bob, stake).String() != "98001" || tok.allowances[[2]string{bob, app.Contract}].String() != "0" {
		t.Fatalf("bob %s token, %s stake", tok.balance(bob), app.Balance(bob, stake))
	}
	expectCw20Pool(t, app, tok, "1097515", "4411999", "2200498")
	// A provision whose token side exceeds the pool's ratio pulls only what the shares use:
	// 10,000 token + 1,000 stake: floor(10000·2200498/1097515) = 20,049 vs floor(1000·2200498/
	// 4411999) = 498 → 498 shares; token used ceil(498·1097515/2200498) = 249, stake used
	// min(ceil(498·4411999/2200498) = 999, 1,000) = 999 (1 refunded).
	carol := app.Addr("carol")
	tok.mint(carol, 10_000, 10_000)
	stdtest.ExpectAttrs(t, app.Exec(carol, `{"provide_liquidity":{"assets":[`+tokenAsset(tok.addr, "10000")+`,`+asJSON(stake, "1000")+`]}}`, coin(1_000, stake)),
		map[string]string{"share": "498", "assets": "249" + tok.addr + ", 999stake"})
	if tok.balance(carol) != "9751" || app.Balance(carol, stake).String() != "1" || tok.allowances[[2]string{carol, app.Contract}].String() != "9751" {
		t.Fatalf("carol %s token, %s stake, allowance %s", tok.balance(carol), app.Balance(carol, stake), tok.allowances[[2]string{carol, app.Contract}])
	}
	expectCw20Pool(t, app, tok, "1097764", "4412998", "2200996")
	// Alice withdraws 999,000 of her 1,999,000: floor(999000·1097764/2200996) = 498,259 token (a
	// cw20 transfer) and floor(999000·4412998/2200996) = 2,002,995 stake (a bank send); floor: the
	// remaining providers keep the dust.
	if got := withdrawLP(t, app, alice, "999000")["refund_assets"]; got != "498259"+tok.addr+", 2002995stake" {
		t.Fatalf("withdrawn %s", got)
	}
	if tok.balance(alice) != "498259" || app.Balance(alice, stake).String() != "2002995" {
		t.Fatalf("alice %s token, %s stake", tok.balance(alice), app.Balance(alice, stake))
	}
	expectCw20Pool(t, app, tok, "599505", "2410003", "1201996")
}

func TestCw20Refusals(t *testing.T) {
	app, tok, _ := cw20Setup(t)
	bob := app.Addr("bob")
	tok.mint(bob, 50_000, 50_000)
	// A fake cw20 (any other contract or account) calling receive is not believed.
	fake := app.Addr("fake")
	app.Fail(fake, receiveMsg(bob, "10000", `{"swap":{}}`), "receive from "+fake+": only the pair's cw20 contracts may call receive")
	// Not even with the token's name in the hook, nor on a pair of bank denoms.
	native, _ := setup(t)
	native.Fail(tok.addr, receiveMsg(bob, "10000", `{"swap":{}}`), "only the pair's cw20 contracts may call receive")
	// Amounts that do not match: nothing sent, funds along with the cw20, a bank denom that
	// names the token, the token swapped directly, a provision whose allowance is short.
	tok.sendFails(t, bob, 0, `{"swap":{}}`, "cw20: invalid zero amount")
	app.Fail(tok.addr, receiveMsg(bob, "0", `{"swap":{}}`), "offer amount must be positive")
	app.Fail(tok.addr, receiveMsg(bob, "10", `{"swap":{}}`), "receive takes no funds", coin(10, stake))
	app.Fail(bob, `{"swap":{"offer_asset":`+tokenAsset(tok.addr, "10")+`}}`, "swapped through its send")
	app.Fail(bob, `{"swap":{"offer_asset":`+asJSON(tok.addr, "10")+`}}`, "denom "+tok.addr+" is not in this pair", coin(10, tok.addr))
	before := tok.books()
	app.Fail(bob, `{"provide_liquidity":{"assets":[`+tokenAsset(tok.addr, "50001")+`,`+asJSON(stake, "200004")+`]}}`,
		"cw20: insufficient allowance", coin(200_004, stake))
	app.Fail(bob, `{"provide_liquidity":{"assets":[`+asJSON(tok.addr, "5000")+`,`+asJSON(stake, "20000")+`]}}`,
		"denom "+tok.addr+" is not in this pair", coin(5_000, tok.addr), coin(20_000, stake))
	app.Fail(bob, `{"provide_liquidity":{"assets":[`+tokenAsset(tok.addr, "5000")+`,`+asJSON(stake, "20000")+`]}}`,
		"funds do not match the assets: sent 0stake, declared 20000stake")
	// A hook for the wrong asset or of the wrong kind.
	tok.sendFails(t, bob, 10_000, `{"swap":{"ask_asset_info":{"token":{"contract_addr":"`+tok.addr+`"}}}}`, "ask asset "+tok.addr+" is not the other side of the pair")
	tok.sendFails(t, bob, 10_000, `{"swap":{"ask_asset_info":{"native_token":{"denom":"uatom"}}}}`, "ask asset uatom is not the other side")
	tok.sendFails(t, bob, 10_000, `{"provide_liquidity":{}}`, `receive: msg must be {"swap":{...}}`)
	tok.sendFails(t, bob, 10_000, `{"swap":{"deadline":1}}`, `unknown field`)
	tok.sendFails(t, bob, 10_000, `not json`, `receive: msg must be`)
	app.Fail(tok.addr, receiveMsg("bob", "10", `{"swap":{}}`), "invalid receive sender")
	tok.sendFails(t, bob, 10_000, `{"swap":{"max_spread":"0.5","to":"cosmos1xyz"}}`, "invalid to")
	// After all that, the pool and the ledger are as they were (bank funds minted for the calls
	// stayed with their senders; Fail checked every balance call by call).
	if after := tok.books(); after != before {
		t.Fatalf("refusals changed state:\n%s\n%s", before, after)
	}
	expectCw20Pool(t, app, tok, "1000000", "4000000", "2000000")
	// Instantiation: a cw20 side must be a valid address other than the pair's own.
	for msg, want := range map[string]string{
		`{"asset_infos":[{"token":{"contract_addr":"` + app.Contract + `"}},{"native_token":{"denom":"stake"}}],"fee_bps":3}`:         "must not be the pair itself",
		`{"asset_infos":[{"token":{"contract_addr":"` + tok.addr + `"}},{"token":{"contract_addr":"` + tok.addr + `"}}],"fee_bps":3}`: "must differ",
		`{"asset_infos":[{"token":{"contract_addr":"` + tok.addr + `"}},{"native_token":{"denom":"` + tok.addr + `"}}],"fee_bps":3}`:  "must differ",
	} {
		a := stdtest.New(t, nil, nil)
		if _, err := a.Host.Instantiate(std.Info(a.Addr("creator")), []byte(msg)); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s: error %v, want %q", msg, err, want)
		}
	}
}

// A hostile cw20 (the pair's own token, whose code calls back into the pair while it executes
// the pair's transfer or transfer_from) finds the pair locked, whether it propagates the refusal
// (the whole transaction fails) or swallows it (only its own call is refused).
func TestCw20ReentrancyRefused(t *testing.T) {
	app, tok, alice := cw20Setup(t)
	bob := app.Addr("bob")
	var reentered []error
	reenter := func(propagate bool) func(string) error {
		return func(string) error {
			// The hostile token claims bob sent it 500,000 tokens and swaps them, mid-payout.
			_, err := app.Chain.Execute(tok.addr, []byte(receiveMsg(bob, "500000", `{"swap":{"max_spread":"0.5"}}`)))
			reentered = append(reentered, err)
			if propagate {
				return err
			}
			return nil
		}
	}
	swapForToken := `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`
	// Propagated: bob's swap (paid with a cw20 transfer) fails as a whole.
	tok.hostile = reenter(true)
	before := tok.books()
	app.Fail(bob, swapForToken, "no call may reenter it", coin(10_000, stake))
	if after := tok.books(); after != before {
		t.Fatalf("refused reentrancy changed state")
	}
	// Swallowed: the swap goes through as if nothing happened (2,485 token, as in the bank pair);
	// the reentrant call was refused with ErrLocked.
	tok.hostile = reenter(false)
	app.Exec(bob, swapForToken, coin(10_000, stake))
	if tok.balance(bob) != "2485" {
		t.Fatalf("bob received %s token", tok.balance(bob))
	}
	expectCw20Pool(t, app, tok, "997515", "4010000", "2000000")
	// The same during a provision's transfer_from and a withdrawal's transfer.
	tok.mint(bob, 97_515, 100_000)
	app.Exec(bob, `{"provide_liquidity":{"assets":[`+asJSON(stake, "500000")+`,`+tokenAsset(tok.addr, "100000")+`]}}`, coin(500_000, stake))
	withdrawLP(t, app, alice, "999000")
	if len(reentered) != 4 {
		t.Fatalf("%d reentrant calls, want 4", len(reentered))
	}
	for i, err := range reentered {
		if !errors.Is(err, ErrLocked) && (err == nil || !strings.Contains(err.Error(), ErrLocked.Error())) {
			t.Fatalf("reentrant call %d: %v, want ErrLocked", i, err)
		}
	}
	// Same totals as TestCw20ProvideWithRefundAndWithdraw before carol: only the real calls counted.
	expectCw20Pool(t, app, tok, "599257", "2409004", "1201498")
	// Unlocked afterwards: an honest token's next call goes through.
	tok.hostile = nil
	app.Exec(bob, swapForToken, coin(10_000, stake))
}

// A pair of two cw20s: both sides pulled with transfer_from, both paid with transfer, and the pair
// stays locked until the last of its cw20 messages has run (a hostile first token re-entering
// during its transfer finds it locked too).
func TestCw20PairOfTwoTokens(t *testing.T) {
	app := newApp(t)
	a, b := newCw20(t, app, "token-a"), newCw20(t, app, "token-b")
	app.Instantiate(app.Addr("creator"), `{"asset_infos":[{"token":{"contract_addr":"`+a.addr+`"}},{"token":{"contract_addr":"`+b.addr+`"}}],"fee_bps":30}`, coin(creationFee, stake))
	alice, bob := app.Addr("alice"), app.Addr("bob")
	a.mint(alice, 1_000_000, 1_000_000)
	b.mint(alice, 4_000_000, 4_000_000)
	// No funds at all: both sides come with transfer_from. 2,000,000 shares, 1,000 locked.
	stdtest.ExpectAttrs(t, app.Exec(alice, `{"provide_liquidity":{"assets":[`+tokenAsset(a.addr, "1000000")+`,`+tokenAsset(b.addr, "4000000")+`]}}`),
		map[string]string{"share": "1999000"})
	app.Fail(alice, `{"provide_liquidity":{"assets":[`+tokenAsset(a.addr, "1")+`,`+tokenAsset(b.addr, "4")+`]}}`, "funds: denom stake is not in this pair", coin(4, stake))
	// 10,000 token-b in through send: as the bank pair's stake → uasset swap, 2,485 token-a out.
	b.mint(bob, 10_000, 0)
	if err := b.send(bob, 10_000, `{"swap":{}}`); err != nil {
		t.Fatal(err)
	}
	if a.balance(bob) != "2485" || b.balance(bob) != "0" || a.balance(app.Contract) != "997515" || b.balance(app.Contract) != "4010000" {
		t.Fatalf("bob %s a, %s b; pair %s a, %s b", a.balance(bob), b.balance(bob), a.balance(app.Contract), b.balance(app.Contract))
	}
	// Withdrawing pays two transfers; token-a (paid first) re-enters while token-b's is pending.
	var reentered error
	a.hostile = func(string) error {
		_, reentered = app.Chain.Execute(a.addr, []byte(receiveMsg(bob, "1", `{"swap":{"max_spread":"0.5"}}`)))
		return nil
	}
	// 999,000 of 2,000,000 shares: floor(999000·997515/2e6) = 498,258 a, floor(999000·4010000/2e6)
	// = 2,002,995 b.
	withdrawLP(t, app, alice, "999000")
	if !errors.Is(reentered, ErrLocked) && (reentered == nil || !strings.Contains(reentered.Error(), ErrLocked.Error())) {
		t.Fatalf("reentrant call during the first transfer: %v", reentered)
	}
	if a.balance(alice) != "498258" || b.balance(alice) != "2002995" {
		t.Fatalf("alice %s a, %s b", a.balance(alice), b.balance(alice))
	}
	if _, locked := app.Host.Storage.Get(lockKey); locked {
		t.Fatal("left locked")
	}
	app.ExpectQuery(`{"pool":{}}`, `{"assets":[`+tokenAsset(a.addr, "499257")+`,`+tokenAsset(b.addr, "2007005")+`],"total_share":"1001000"}`)
}
