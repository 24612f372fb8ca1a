package bindings_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	"github.com/alliancewasm/alliancewasm/bindings"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func delegateJSON(amount string) string {
	return `{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"` + amount + `"}}}}`
}

// Audit F3: amounts were parsed by big.Int in base 0, so "010" staked 8.
func TestCustomAmountsAreBase10DigitsOnly(t *testing.T) {
	max256 := "115792089237316195423570985008687907853269984665640564039457584007913129639935" // 2^256-1, 78 digits
	for amount, want := range map[string]int64{"8": 8, "1000": 1000, "10": 10} {
		msgs, err := bindings.EncodeCustomMsg(contract, []byte(delegateJSON(amount)))
		require.NoError(t, err, amount)
		require.Equal(t, math.NewInt(want), msgs[0].(*alliancetypes.MsgDelegate).Amount.Amount, amount)
	}
	msgs, err := bindings.EncodeCustomMsg(contract, []byte(delegateJSON(max256)))
	require.NoError(t, err)
	require.Equal(t, max256, msgs[0].(*alliancetypes.MsgDelegate).Amount.Amount.String())

	for amount, why := range map[string]string{
		"010":             "leading zero", // was octal 8
		"00":              "leading zero",
		"0x10":            "not a base-10 unsigned integer", // was 16
		"0b11":            "not a base-10 unsigned integer", // was 3
		"0o7":             "not a base-10 unsigned integer", // was 7
		"1_000":           "not a base-10 unsigned integer", // was 1000
		"+5":              "not a base-10 unsigned integer", // was 5
		"-5":              "not a base-10 unsigned integer",
		" 5":              "not a base-10 unsigned integer",
		"1e3":             "not a base-10 unsigned integer",
		"":                "empty amount",
		"0":               "amount must be positive, got 0",
		max256[:77] + "6": "out of range", // 2^256
		max256 + "0":      "more digits than a 256-bit amount has",
	} {
		msgs, err := bindings.EncodeCustomMsg(contract, []byte(delegateJSON(amount)))
		require.ErrorContains(t, err, why, "amount %q", amount)
		require.Nil(t, msgs)
	}
}

// Audit F7: encoding/json matched names case-insensitively; serde does not.
func TestFieldNamesMatchExactlyLikeSerde(t *testing.T) {
	coin := `"amount":{"denom":"uasset","amount":"10"}`
	for name, tc := range map[string]struct{ json, want string }{
		"upper-case message":  {`{"Alliance":{"DELEGATE":{"Validator":"` + valA + `","AMOUNT":{"denom":"uasset","amount":"10"}}}}`, `unknown field "Alliance"`},
		"upper-case variant":  {`{"alliance":{"Delegate":{"validator":"` + valA + `",` + coin + `}}}`, `unknown field "Delegate"`},
		"upper-case field":    {`{"alliance":{"delegate":{"Validator":"` + valA + `",` + coin + `}}}`, `unknown field "Validator"`},
		"upper-case coin key": {`{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"Denom":"uasset","amount":"10"}}}}`, `unknown field "Denom"`},
		"duplicate field":     {`{"alliance":{"delegate":{"validator":"` + valA + `","validator":"` + valB + `",` + coin + `}}}`, `duplicate field "validator"`},
		"oversized":           {`{"alliance":{"claim_rewards":{"validator":"` + valA + `","denom":"` + strings.Repeat("a", 5000) + `"}}}`, "is above the limit of 4096 bytes"},
	} {
		msgs, err := bindings.EncodeCustomMsg(contract, []byte(tc.json))
		require.ErrorContains(t, err, tc.want, name)
		require.Nil(t, msgs, name)
	}

	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	for name, tc := range map[string]struct {
		json, want string
		unknown    bool
	}{
		"upper-case variant": {`{"Alliance":{"DENOM":"ibc/AB"}}`, "unknown query", true},
		"upper-case field":   {`{"alliance":{"DENOM":"ibc/AB"}}`, `unknown field "DENOM"`, false},
		"duplicate field":    {`{"alliance":{"denom":"ibc/AB","denom":"ibc/AB"}}`, `duplicate field "denom"`, false},
		"escaped denom":      {`{"alliance":{"denom":"ibc%2FAB"}}`, "invalid denom: ibc%2FAB", false}, // the keeper URL-unescapes
		"bad page field":     {`{"alliances":{"pagination":{"Limit":1}}}`, `unknown field "Limit"`, false},
	} {
		_, err := q.Query(ctx, []byte(tc.json))
		require.ErrorContains(t, err, tc.want, name)
		require.Equal(t, tc.unknown, errors.Is(err, bindings.ErrUnknownQuery), name)
	}
}

// Audit F1: a refused request used to cost about 100 gas whatever its size,
// and the querier parsed it twice and formatted every key into an error.
func TestRefusedQueriesPayForTheirBytes(t *testing.T) {
	ctx, f := newQueryContext(t)
	q := bindings.NewQuerier(f, f)
	charged := func(raw string) (storetypes.Gas, error) {
		before := ctx.GasMeter().GasConsumed()
		_, err := q.Query(ctx, []byte(raw))
		return ctx.GasMeter().GasConsumed() - before, err
	}

	// The audit's request: 5,001 keys, 60,007 bytes: 3 gas a byte, refused unread.
	manyKeys := `{` + strings.Repeat(`"kkkkkkk":1,`, 5000) + `"k":1}`
	require.Len(t, manyKeys, 60_007)
	gas, err := charged(manyKeys)
	require.ErrorIs(t, err, bindings.ErrUnknownQuery)
	require.ErrorContains(t, err, "a custom query of 60007 bytes is above the 4096 bytes of any alliance query")
	require.Equal(t, storetypes.Gas(3*60_007), gas)

	// Under the bound, a request of another module is charged and passed on
	// without naming its keys (wasmd redacts errors anyway).
	small := `{` + strings.Repeat(`"kkkkkkk":1,`, 300) + `"k":1}` // 3,607 bytes
	gas, err = charged(small)
	require.ErrorIs(t, err, bindings.ErrUnknownQuery)
	require.NotContains(t, err.Error(), "kkkkkkk")
	require.Equal(t, storetypes.Gas(3*3_607), gas)

	// An alliance variant with junk: refused at the first unknown key.
	gas, err = charged(`{"alliance":` + small + `}`)
	require.ErrorContains(t, err, `unknown field "kkkkkkk"`)
	require.False(t, errors.Is(err, bindings.ErrUnknownQuery))
	require.Equal(t, storetypes.Gas(3*(3_607+13)), gas)
}
