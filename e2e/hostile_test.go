package e2e_test

// The hostile contract (contracts/hostile) abuses the query and custom
// message interfaces of the chain the way the attack review did (issue 18):
// each test re-creates one of its scenarios with the review's numbers and
// asserts the fixed behaviour. Timings are logged (seconds per million gas,
// next to bank sends and cyberpunk's cpu_loop), never asserted.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

type hostileEnv struct {
	t       *testing.T
	c       *harness.Chain
	owner   *harness.Account
	hostile sdk.AccAddress
	val     sdk.ValAddress
}

func newHostileEnv(t *testing.T) *hostileEnv {
	t.Helper()
	cfg := harness.DefaultConfig()
	cfg.Validators = 1
	cfg.Funds = map[string]sdk.Coins{"owner": assetCoins(100_000_000).Add(stake(100_000_000)...)}
	c := harness.NewChain(t, cfg)
	owner := c.Account("owner")
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1"})
	h := c.Instantiate(owner, c.StoreCode(owner, harness.Fixture(t, "hostile.wasm")), "hostile", map[string]any{}, assetCoins(50_000_000))
	return &hostileEnv{t: t, c: c, owner: owner, hostile: h, val: c.Validators()[0].ValAddr}
}

func (e *hostileEnv) loop(request string, times int) harness.TxResult {
	e.t.Helper()
	return e.c.Execute(e.owner, e.hostile, []byte(fmt.Sprintf(`{"query_loop":{"request":%s,"times":%d}}`, request, times)), nil)
}

func (e *hostileEnv) sendCustom(msg string) harness.TxResult {
	e.t.Helper()
	return e.c.Execute(e.owner, e.hostile, []byte(`{"send_custom":{"msg":`+msg+`}}`), nil)
}

// once asks the chain request through the contract: the answer, or the
// error the contract saw.
func (e *hostileEnv) once(request string) ([]byte, string) {
	e.t.Helper()
	var out struct {
		Answer []byte `json:"answer"`
		Error  string `json:"error"`
	}
	require.NoError(e.t, e.c.QuerySmart(e.hostile, []byte(`{"query_once":{"request":`+request+`}}`), &out))
	return out.Answer, out.Error
}

// nsPerGas is the wall time of d per unit of gas.
func nsPerGas(d time.Duration, gas int64) float64 { return float64(d.Nanoseconds()) / float64(gas) }

// Audit F1 (High): one tx of 938,207 gas looped a rejected 60 KB custom query
// with 5,000 keys 3,000 times and ran 13.2 s of CPU (~14,000 ns/gas; bank
// sends ~13 ns/gas, cpu_loop ~76 ns/gas). Every query now pays 3 gas per
// request byte to wasmd's handler (ChargeRequestBytes) and 3 more per byte to
// the alliance querier, which refuses anything above 4,096 bytes unread.
func TestHostileQueryLoopsPayForTheirBytes(t *testing.T) {
	e := newHostileEnv(t)
	c := e.c
	c.NextBlock()

	var block time.Duration
	for i := 0; i < 10; i++ {
		start := time.Now()
		c.NextBlock()
		block += time.Since(start)
	}
	block /= 10
	var bankGas int64
	var bankTime time.Duration
	for i := 0; i < 10; i++ {
		start := time.Now()
		r := c.MustDeliver(e.owner, &banktypes.MsgSend{FromAddress: e.owner.Address.String(), ToAddress: e.hostile.String(), Amount: stake(1)})
		bankTime += time.Since(start) - block
		bankGas += r.GasUsed
	}
	t.Logf("bank send: %d gas, %.1f ns/gas (empty block %s subtracted)", bankGas/10, nsPerGas(bankTime, bankGas), block)

	manyKeys := `{` + strings.Repeat(`"kkkkkkk":1,`, 5000) + `"k":1}` // 60,007 bytes
	require.Len(t, manyKeys, 60_007)

	// The audit's transaction: 3,000 loops of {"custom": <5,000 keys>} now
	// need 3,000 x (1,000 + 60,007 x (3 + 3)) = 1,083,126,000 gas: out of the
	// 50M limit after about 138 loops.
	start := time.Now()
	res := e.loop(`{"custom":`+manyKeys+`}`, 3000)
	d := time.Since(start) - block
	require.ErrorContains(t, res.Err(), "out of gas")
	t.Logf("audit F1 tx (3,000 x 60 KB custom, was 938,207 gas in 13.2 s): out of gas at %d gas after %s -> %.1f ns/gas (was ~14,000)",
		res.GasUsed, d.Round(time.Millisecond), nsPerGas(d, res.GasUsed))

	small := `{` + strings.Repeat(`"kkkkkkk":1,`, 300) + `"k":1}` // 3,607 bytes: under the querier's bound
	pad := `"` + strings.Repeat("A", 60_000) + `"`
	for _, tc := range []struct {
		name    string
		request string
		times   int
		// perQuery is the least gas one query pays, by hand: 1,000 + 3 gas a
		// byte to wasmd's handler, 3 more a byte in the alliance querier.
		perQuery int64
	}{
		{"custom 60 KB, 5,000 keys", `{"custom":` + manyKeys + `}`, 50, 1000 + 6*60_007},
		{"custom 3.6 KB, 301 keys", `{"custom":` + small + `}`, 300, 1000 + 6*3_607},
		{"custom 7 bytes, unknown", `{"custom":{"x":1}}`, 3000, 1000 + 6*7},
		{"alliance variant + 301 junk keys", `{"custom":{"alliance":` + small + `}}`, 300, 1000 + 6*(3_607+13)},
		// 45,008 bytes of message, 60,012 in base64 (the VM takes at most 64 KiB of request).
		{"smart query of 45 KB (wasmd only)", `{"wasm":{"smart":{"contract_addr":"` + e.hostile.String() + `","msg":"` + base64.StdEncoding.EncodeToString([]byte(`{"x":"`+strings.Repeat("A", 45_000)+`"}`)) + `"}}}`, 50, 1000 + 3*(63+45_008)},
		// (A denom that long is not tried: wasmd's bank plugin panics on an
		// invalid denom, which wasmvm turns into a VM error that aborts the tx.)
		{"bank address of 60 KB (wasmd only)", `{"bank":{"balance":{"address":` + pad + `,"denom":"stake"}}}`, 50, 1000 + 3*(60_000+5)},
	} {
		start := time.Now()
		res := e.loop(tc.request, tc.times)
		d := time.Since(start) - block
		require.NoError(t, res.Err(), tc.name)
		failed, _ := harness.Attr(res.Events, "wasm", "err")
		require.Equal(t, fmt.Sprint(tc.times), failed, tc.name)
		require.GreaterOrEqual(t, res.GasUsed, int64(tc.times)*tc.perQuery, tc.name)
		t.Logf("%-36s x%-4d %10d gas (%7d per query, >= %7d) %9s -> %6.1f ns/gas",
			tc.name, tc.times, res.GasUsed, res.GasUsed/int64(tc.times), tc.perQuery, d.Round(time.Microsecond), nsPerGas(d, res.GasUsed))
	}

	// The free smart query: the audit looped 1,000 x 60 KB within the default
	// 3,000,000 smart-query gas (150,739 gas, 4.05 s). Now 8 loops spend it.
	ctx := c.Context().WithGasMeter(storetypes.NewGasMeter(3_000_000))
	start = time.Now()
	_, err := smartQueryNoPanic(func() ([]byte, error) {
		return c.App.WasmKeeper.QuerySmart(ctx, e.hostile, []byte(`{"query_loop":{"request":{"custom":`+manyKeys+`},"times":1000}}`))
	})
	d = time.Since(start)
	require.ErrorContains(t, err, "out of gas")
	t.Logf("smart query of 1,000 x 60 KB custom (was 150,739 gas, 4.05 s): out of gas at %d gas in %s -> %.1f ns/gas",
		ctx.GasMeter().GasConsumed(), d.Round(time.Millisecond), nsPerGas(d, int64(ctx.GasMeter().GasConsumed())))

	// The VM's own metered CPU, for comparison.
	code, err := harness.WasmdTestdata("cyberpunk.wasm")
	require.NoError(t, err)
	cp := c.Instantiate(e.owner, c.StoreCode(e.owner, code), "cyberpunk", map[string]any{}, nil)
	start = time.Now()
	res = c.Execute(e.owner, cp, []byte(`{"cpu_loop":{}}`), nil)
	d = time.Since(start) - block
	require.ErrorContains(t, res.Err(), "out of gas")
	t.Logf("cyberpunk cpu_loop: %d gas in %s -> %.1f ns/gas", res.GasUsed, d.Round(time.Millisecond), nsPerGas(d, res.GasUsed))
}

// smartQueryNoPanic turns an out-of-gas panic of a smart query into an error.
func smartQueryNoPanic(q func() ([]byte, error)) (bz []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			if oog, ok := r.(storetypes.ErrorOutOfGas); ok {
				err = fmt.Errorf("out of gas: %s", oog.Descriptor)
				return
			}
			panic(r)
		}
	}()
	return q()
}

// Audit F3 and F7 on the real chain: custom amounts in another base and
// field names in another case used to stake; now the tx fails and nothing
// moves.
func TestHostileCustomMessagesAreReadLikeSerde(t *testing.T) {
	e := newHostileEnv(t)
	val := e.val.String()
	delegate := func(amount string) string {
		return `{"alliance":{"delegate":{"validator":"` + val + `","amount":{"denom":"` + asset + `","amount":"` + amount + `"}}}}`
	}
	staked := func() math.Int { return e.c.AllianceDelegationAmount(e.hostile, e.val, asset) }

	// The audit staked 8, 16, 3, 7, 1,000 and 5 with these.
	for _, amount := range []string{"010", "0x10", "0b11", "0o7", "1_000", "+5"} {
		res := e.sendCustom(delegate(amount))
		require.ErrorContains(t, res.Err(), "amount \""+amount+"\"", amount)
		require.True(t, staked().IsZero(), amount)
	}
	for _, msg := range []string{
		`{"Alliance":{"DELEGATE":{"Validator":"` + val + `","AMOUNT":{"denom":"` + asset + `","amount":"10"}}}}`,
		`{"alliance":{"delegate":{"validator":"` + val + `","Amount":{"denom":"` + asset + `","amount":"10"}}}}`,
	} {
		res := e.sendCustom(msg)
		require.ErrorContains(t, res.Err(), "unknown field", msg)
		require.True(t, staked().IsZero(), msg)
	}
	require.NoError(t, e.sendCustom(delegate("10")).Err())
	require.Equal(t, math.NewInt(10), staked())
}

// Audit F4, F6, F7 and the staking_params query through a contract.
func TestHostileQueriesAreAnsweredStrictly(t *testing.T) {
	e := newHostileEnv(t)
	c, val, h := e.c, e.val.String(), e.hostile.String()
	require.NoError(t, e.sendCustom(`{"alliance":{"delegate":{"validator":"`+val+`","amount":{"denom":"`+asset+`","amount":"1000"}}}}`).Err())
	require.NoError(t, e.sendCustom(`{"alliance":{"undelegate":{"validator":"`+val+`","amount":{"denom":"`+asset+`","amount":"300"}}}}`).Err())

	// F4: an upper-case validator finds the same unbonding (was none).
	for _, v := range []string{val, strings.ToUpper(val)} {
		answer, qerr := e.once(`{"custom":{"unbondings":{"delegator":"` + h + `","denom":"` + asset + `","validator":"` + v + `"}}}`)
		require.Empty(t, qerr, v)
		var u struct {
			Unbondings []struct{ Validator, Amount string }
		}
		require.NoError(t, json.Unmarshal(answer, &u))
		require.Len(t, u.Unbondings, 1, v)
		require.Equal(t, "300", u.Unbondings[0].Amount, v)
		require.Equal(t, val, u.Unbondings[0].Validator, v)
	}

	// F7: names in another case and URL-escaped denoms answered before.
	answer, qerr := e.once(`{"custom":{"alliance":{"denom":"` + asset + `"}}}`)
	require.Empty(t, qerr)
	require.Contains(t, string(answer), `"denom":"`+asset+`"`)
	for _, q := range []string{
		`{"custom":{"Alliance":{"DENOM":"` + asset + `"}}}`,
		`{"custom":{"alliance":{"DENOM":"` + asset + `"}}}`,
		`{"custom":{"alliance":{"denom":"u%61sset"}}}`,
	} {
		answer, qerr := e.once(q)
		require.Nil(t, answer, q)
		require.NotEmpty(t, qerr, q)
	}

	// F6: the audit's limit 10^12 with count_total over the accepted gRPC
	// path was served; now refused, and so are offset and limit 101.
	grpcReq := func(p *query.PageRequest) string {
		bz, err := (&alliancetypes.QueryAlliancesDelegationsRequest{DelegatorAddr: h, Pagination: p}).Marshal()
		require.NoError(t, err)
		return `{"grpc":{"path":"/alliance.alliance.Query/AlliancesDelegation","data":"` + base64.StdEncoding.EncodeToString(bz) + `"}}`
	}
	for p, want := range map[*query.PageRequest]string{
		{Limit: 1_000_000_000_000, CountTotal: true}: "page limit 1000000000000 is above the maximum 100",
		{Limit: 101}:       "page limit 101 is above the maximum 100",
		{CountTotal: true}: "count_total is not served",
		{Offset: 1}:        "offset is not served",
	} {
		answer, qerr := e.once(grpcReq(p))
		require.Nil(t, answer, want)
		require.Contains(t, qerr, want)
	}
	answer, qerr = e.once(grpcReq(&query.PageRequest{Limit: 100}))
	require.Empty(t, qerr)
	var dels alliancetypes.QueryAlliancesDelegationsResponse
	require.NoError(t, c.App.AppCodec().Unmarshal(answer, &dels))
	require.Len(t, dels.Delegations, 1)
	require.Equal(t, math.NewInt(700), dels.Delegations[0].Balance.Amount)

	// staking_params: the harness's 24 h unbonding time is 86,400 s.
	answer, qerr = e.once(`{"custom":{"staking_params":{}}}`)
	require.Empty(t, qerr)
	require.JSONEq(t, `{"unbonding_time":86400,"max_entries":7,"bond_denom":"stake"}`, string(answer))
}
