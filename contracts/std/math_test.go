package std

import (
	"encoding/json"
	"errors"
	"testing"
)

func u(t *testing.T, s string) Uint128 {
	t.Helper()
	v, err := ParseUint128(s)
	if err != nil {
		t.Fatalf("ParseUint128(%q): %v", s, err)
	}
	return v
}

func dec(t *testing.T, s string) Decimal {
	t.Helper()
	v, err := ParseDecimal(s)
	if err != nil {
		t.Fatalf("ParseDecimal(%q): %v", s, err)
	}
	return v
}

const maxU128 = "340282366920938463463374607431768211455"

func TestUint128ParseFormat(t *testing.T) {
	for _, s := range []string{"0", "1", "18446744073709551615", "18446744073709551616", maxU128,
		"10000000000000000000", "100000000000000000000000000000000000000"} {
		if got := u(t, s).String(); got != s {
			t.Errorf("round trip %s -> %s", s, got)
		}
	}
	if u(t, maxU128) != Uint128Max {
		t.Error("max parses to Uint128Max")
	}
	if hi, lo := u(t, "18446744073709551616").Parts(); hi != 1 || lo != 0 {
		t.Errorf("2^64 parts = %d,%d", hi, lo)
	}
	for _, bad := range []string{"", "01", "-1", "+1", "1a", " 1", "1.0", "340282366920938463463374607431768211456",
		"999999999999999999999999999999999999999", "1000000000000000000000000000000000000000"} {
		if _, err := ParseUint128(bad); !errors.Is(err, ErrInvalidUint128) {
			t.Errorf("ParseUint128(%q) = %v, want ErrInvalidUint128", bad, err)
		}
	}
}

func TestUint128Arithmetic(t *testing.T) {
	one := NewUint128(1)
	max64 := NewUint128(^uint64(0))
	check := func(name string, got Uint128, err error, want string) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: unexpected error %v", name, err)
		} else if got.String() != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	fails := func(name string, err, want error) {
		t.Helper()
		if !errors.Is(err, want) {
			t.Errorf("%s: error %v, want %v", name, err, want)
		}
	}
	s, err := max64.CheckedAdd(one)
	check("2^64-1 + 1", s, err, "18446744073709551616")
	_, err = Uint128Max.CheckedAdd(one)
	fails("max + 1", err, ErrOverflow)
	d, err := u(t, "18446744073709551616").CheckedSub(one)
	check("2^64 - 1", d, err, "18446744073709551615")
	_, err = NewUint128(0).CheckedSub(one)
	fails("0 - 1", err, ErrOverflow)
	p, err := max64.CheckedMul(max64)
	check("(2^64-1)^2", p, err, "340282366920938463426481119284349108225")
	_, err = u(t, "18446744073709551616").CheckedMul(u(t, "18446744073709551616"))
	fails("2^64 * 2^64", err, ErrOverflow)
	q, err := Uint128Max.CheckedDiv(NewUint128(10))
	check("max / 10", q, err, "34028236692093846346337460743176821145")
	r, err := Uint128Max.CheckedRem(NewUint128(10))
	check("max % 10", r, err, "5")
	q, err = Uint128Max.CheckedDiv(u(t, "18446744073709551617"))
	check("max / (2^64+1)", q, err, "18446744073709551615")
	r, err = Uint128Max.CheckedRem(u(t, "18446744073709551617"))
	check("max % (2^64+1)", r, err, "0")
	wide := u(t, "1267650600228229401496703217721") // 2^100 + 12345
	q, err = Uint128Max.CheckedDiv(wide)
	check("max / (2^100+12345)", q, err, "268435455")
	r, err = Uint128Max.CheckedRem(wide)
	check("max % (2^100+12345)", r, err, "1267650600228229398182867513400")
	_, err = one.CheckedDiv(Uint128{})
	fails("1 / 0", err, ErrDivideByZero)
	_, err = one.CheckedRem(Uint128{})
	fails("1 % 0", err, ErrDivideByZero)

	c, err := NewUint128(7).DivCeil(NewUint128(2))
	check("ceil(7/2)", c, err, "4")
	c, err = NewUint128(8).DivCeil(NewUint128(2))
	check("ceil(8/2)", c, err, "4")
	c, err = Uint128Max.DivCeil(Uint128Max)
	check("ceil(max/max)", c, err, "1")
	c, err = Uint128Max.DivCeil(NewUint128(2))
	check("ceil(max/2)", c, err, "170141183460469231731687303715884105728")

	if got := Uint128Max.SaturatingAdd(one); got != Uint128Max {
		t.Errorf("saturating add = %s", got)
	}
	if got := one.SaturatingSub(NewUint128(2)); !got.IsZero() {
		t.Errorf("saturating sub = %s", got)
	}
	if !one.Lt(NewUint128(2)) || !max64.Lt(u(t, "18446744073709551616")) || Uint128Max.Lte(max64) ||
		!Uint128Max.Gt(max64) || !one.Gte(one) || one.Cmp(one) != 0 || max64.Min(one) != one {
		t.Error("comparisons")
	}
	if v, ok := max64.Uint64(); !ok || v != ^uint64(0) {
		t.Error("Uint64 of 2^64-1")
	}
	if _, ok := Uint128Max.Uint64(); ok {
		t.Error("Uint64 of max must not fit")
	}
}

func TestUint128MulDiv(t *testing.T) {
	check := func(name string, got Uint128, err error, want string) {
		t.Helper()
		if err != nil || got.String() != want {
			t.Errorf("%s = %s (err %v), want %s", name, got, err, want)
		}
	}
	// The 256-bit intermediate makes max*max/max exact.
	v, err := Uint128Max.MulDivFloor(Uint128Max, Uint128Max)
	check("max*max/max", v, err, maxU128)
	v, err = NewUint128(10).MulDivFloor(NewUint128(1), NewUint128(3))
	check("floor(10/3)", v, err, "3")
	v, err = NewUint128(10).MulDivCeil(NewUint128(1), NewUint128(3))
	check("ceil(10/3)", v, err, "4")
	v, err = NewUint128(9).MulDivCeil(NewUint128(1), NewUint128(3))
	check("ceil(9/3)", v, err, "3")
	two127 := u(t, "170141183460469231731687303715884105728")
	v, err = two127.MulDivFloor(NewUint128(3), NewUint128(2))
	check("2^127*3/2", v, err, "255211775190703847597530955573826158592")
	// Wide divisor through the long-division path: max*7 / (2^100+3).
	den := u(t, "1267650600228229401496703205379")
	v, err = Uint128Max.MulDivFloor(NewUint128(7), den)
	check("floor(max*7/(2^100+3))", v, err, "1879048191")
	v, err = Uint128Max.MulDivCeil(NewUint128(7), den)
	check("ceil(max*7/(2^100+3))", v, err, "1879048192")
	if _, err = Uint128Max.MulDivFloor(NewUint128(2), NewUint128(1)); !errors.Is(err, ErrOverflow) {
		t.Errorf("max*2/1: %v", err)
	}
	if _, err = Uint128Max.MulDivCeil(Uint128Max, Uint128Max.SaturatingSub(NewUint128(1))); !errors.Is(err, ErrOverflow) {
		t.Errorf("ceil(max*max/(max-1)): %v", err)
	}
	if _, err = NewUint128(1).MulDivFloor(NewUint128(1), Uint128{}); !errors.Is(err, ErrDivideByZero) {
		t.Errorf("x/0: %v", err)
	}
}

func TestUint128JSON(t *testing.T) {
	b, err := json.Marshal(struct{ A Uint128 }{u(t, maxU128)})
	if err != nil || string(b) != `{"A":"`+maxU128+`"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var v Uint128
	if err := json.Unmarshal([]byte(`"42"`), &v); err != nil || v != NewUint128(42) {
		t.Fatalf("unmarshal \"42\": %v %v", v, err)
	}
	for _, bad := range []string{`42`, `"4 2"`, `null`, `"-1"`, `"42"x`} {
		if err := v.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("UnmarshalJSON(%s) accepted", bad)
		}
	}
}

func TestDecimalParseFormat(t *testing.T) {
	cases := []struct{ in, atomics, out string }{
		{"0", "0", "0"},
		{"1", "1000000000000000000", "1"},
		{"1.5", "1500000000000000000", "1.5"},
		{"0.25", "250000000000000000", "0.25"},
		{"0.000000000000000001", "1", "0.000000000000000001"},
		{"007.50", "7500000000000000000", "7.5"},
		{"1.000000000000000000", "1000000000000000000", "1"},
		{"340282366920938463463.374607431768211455", maxU128, "340282366920938463463.374607431768211455"},
	}
	for _, c := range cases {
		d := dec(t, c.in)
		if d.Atomics().String() != c.atomics || d.String() != c.out {
			t.Errorf("%s: atomics %s string %s, want %s %s", c.in, d.Atomics(), d, c.atomics, c.out)
		}
	}
	for _, bad := range []string{"", ".", "1.", ".5", "-1", "+1", "1e5", "1.0000000000000000001", "1,5", "1.2.3",
		"340282366920938463464", "340282366920938463463.374607431768211456", "0x10"} {
		if _, err := ParseDecimal(bad); !errors.Is(err, ErrInvalidDecimal) {
			t.Errorf("ParseDecimal(%q) = %v", bad, err)
		}
	}
}

func TestDecimalArithmetic(t *testing.T) {
	third, err := DecimalFromRatioFloor(NewUint128(1), NewUint128(3))
	if err != nil || third.String() != "0.333333333333333333" {
		t.Fatalf("1/3 floor = %s %v", third, err)
	}
	thirdUp, err := DecimalFromRatioCeil(NewUint128(1), NewUint128(3))
	if err != nil || thirdUp.String() != "0.333333333333333334" {
		t.Fatalf("1/3 ceil = %s %v", thirdUp, err)
	}
	if twoThirds, _ := DecimalFromRatioCeil(NewUint128(2), NewUint128(3)); twoThirds.String() != "0.666666666666666667" {
		t.Errorf("2/3 ceil = %s", twoThirds)
	}
	if _, err := DecimalFromRatioFloor(NewUint128(1), Uint128{}); !errors.Is(err, ErrDivideByZero) {
		t.Errorf("1/0: %v", err)
	}
	three := dec(t, "3")
	if p, _ := third.MulFloor(three); p.String() != "0.999999999999999999" {
		t.Errorf("1/3*3 floor = %s", p)
	}
	if p, _ := third.MulFloor(third); p.String() != "0.11111111111111111" {
		t.Errorf("(1/3)^2 floor = %s", p)
	}
	if p, _ := third.MulCeil(third); p.String() != "0.111111111111111111" {
		t.Errorf("(1/3)^2 ceil = %s", p)
	}
	if q, _ := dec(t, "1").DivFloor(three); q != third {
		t.Errorf("1/3 via DivFloor = %s", q)
	}
	if q, _ := dec(t, "1").DivCeil(three); q != thirdUp {
		t.Errorf("1/3 via DivCeil = %s", q)
	}
	if _, err := dec(t, "1").DivFloor(Decimal{}); !errors.Is(err, ErrDivideByZero) {
		t.Errorf("1/0.0: %v", err)
	}
	big := dec(t, "340282366920938463463")
	if _, err := big.MulFloor(dec(t, "2")); !errors.Is(err, ErrOverflow) {
		t.Errorf("big*2: %v", err)
	}
	if _, err := big.CheckedAdd(dec(t, "1")); !errors.Is(err, ErrOverflow) {
		t.Errorf("big+1: %v", err)
	}
	if _, err := third.CheckedSub(thirdUp); !errors.Is(err, ErrOverflow) {
		t.Errorf("negative: %v", err)
	}
	if s, _ := third.CheckedAdd(thirdUp); s.String() != "0.666666666666666667" {
		t.Errorf("sum = %s", s)
	}

	// Integer times decimal, with explicit rounding.
	amount := NewUint128(1000)
	if v, _ := amount.MulFloor(thirdUp); v.String() != "333" {
		t.Errorf("1000*0.333..334 floor = %s", v)
	}
	if v, _ := amount.MulCeil(thirdUp); v.String() != "334" {
		t.Errorf("1000*0.333..334 ceil = %s", v)
	}
	if v, _ := NewUint128(100).DivFloor(dec(t, "0.3")); v.String() != "333" {
		t.Errorf("100/0.3 floor = %s", v)
	}
	if v, _ := NewUint128(100).DivCeilDecimal(dec(t, "0.3")); v.String() != "334" {
		t.Errorf("100/0.3 ceil = %s", v)
	}
	if v, _ := NewUint128(100).MulCeil(dec(t, "2")); v.String() != "200" {
		t.Errorf("100*2 ceil = %s", v)
	}
	if _, err := NewUint128(1).DivFloor(Decimal{}); !errors.Is(err, ErrDivideByZero) {
		t.Errorf("1/0.0: %v", err)
	}
	if f, c := dec(t, "2.5").Floor(), dec(t, "2.5").Ceil(); f.String() != "2" || c.String() != "3" {
		t.Errorf("2.5 floor/ceil = %s/%s", f, c)
	}
	if f, c := dec(t, "2").Floor(), dec(t, "2").Ceil(); f.String() != "2" || c.String() != "2" {
		t.Errorf("2 floor/ceil = %s/%s", f, c)
	}
	if c := dec(t, "340282366920938463463.374607431768211455").Ceil(); c.String() != "340282366920938463464" {
		t.Errorf("max ceil = %s", c)
	}
	if p, _ := DecimalPercent(25); p.String() != "0.25" {
		t.Errorf("25%% = %s", p)
	}
	if d, _ := DecimalFromUint128(NewUint128(7)); d.String() != "7" || DecimalOne().String() != "1" {
		t.Errorf("from uint = %s", d)
	}
	if _, err := DecimalFromUint128(u(t, "340282366920938463464")); !errors.Is(err, ErrOverflow) {
		t.Errorf("DecimalFromUint128 overflow: %v", err)
	}

	b, _ := json.Marshal(dec(t, "0.25"))
	var back Decimal
	if string(b) != `"0.25"` || json.Unmarshal(b, &back) != nil || back != dec(t, "0.25") {
		t.Errorf("JSON %s -> %s", b, back)
	}
	if err := back.UnmarshalJSON([]byte(`0.25`)); err == nil {
		t.Error("a JSON number must be refused (Decimal is a string)")
	}
}
