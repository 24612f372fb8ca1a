package alliance

import (
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The mock delists like x/alliance (keeper/delist_test.go): the asset stops taking stake and
// shows its completion time; the wind-down undelegates whole delegations in batches into entries
// that all complete at that time, paying rewards first; an undelegation made during the
// wind-down completes by then too; the record disappears once the entries are paid.
func TestMockDelistsLikeXAlliance(t *testing.T) {
	m, q, c := setupMock(t)
	other := "other"
	m.Fund(other, coinOf(500, "uasset"))
	apply(t, m, c, DelegateMsg("val1", coinOf(600, "uasset")))
	apply(t, m, c, DelegateMsg("val2", coinOf(300, "uasset")))
	apply(t, m, other, DelegateMsg("val1", coinOf(500, "uasset")))
	if err := m.AddRewards(c, "val1", "uasset", coinOf(9, "stake")); err != nil {
		t.Fatal(err)
	}
	t0 := m.now()
	if err := m.Delist("uasset"); err != nil {
		t.Fatal(err)
	}
	done := t0 + m.UnbondingTime
	a, err := QueryAlliance(q, "uasset")
	if err != nil || a.DelistCompletionTime == nil || *a.DelistCompletionTime != done || a.RewardWeight != zeroDecimal || a.TakeRate != zeroDecimal {
		t.Fatalf("alliance while delisting: %+v %v", a, err)
	}
	refused(t, m, c, DelegateMsg("val1", coinOf(100, "uasset")), "codespace: alliance, code: 63")
	refused(t, m, c, RedelegateMsg("val1", "val2", coinOf(100, "uasset")), "codespace: alliance, code: 63")
	if err := m.Delist("uasset"); err == nil || !strings.Contains(err.Error(), "being delisted") {
		t.Fatalf("second delist: %v", err)
	}

	// A day later the owner undelegates 100 itself: due at the earlier of now + unbonding time
	// and the completion time, so at the completion time.
	m.Host.Env.Block.Time = std.Timestamp(t0 + 24*3600*1_000_000_000)
	h := m.Host.Env.Block.Height
	apply(t, m, c, UndelegateMsg("val2", coinOf(100, "uasset")))
	refused(t, m, c, CancelUnbondingMsg("val2", coinOf(100, "uasset"), h), "codespace: alliance, code: 71")

	// Batches of two: (contract, val1) then (contract, val2), then (other, val1).
	if left, err := m.WindDown("uasset", 2); err != nil || left != 1 {
		t.Fatalf("first batch: %d left, %v", left, err)
	}
	if got := m.Balance(c, "stake"); got != u(9) {
		t.Fatalf("rewards paid by the wind-down: %s, want 9", got)
	}
	if left, err := m.WindDown("uasset", 2); err != nil || left != 0 {
		t.Fatalf("second batch: %d left, %v", left, err)
	}
	var owed std.Uint128
	for _, e := range m.Unbondings(c) {
		if e.CompletionTime != done {
			t.Fatalf("entry %+v completes at %d, want %d", e, e.CompletionTime, done)
		}
		owed = owed.SaturatingAdd(mustAmount(e.Amount))
	}
	if owed != u(900) || m.totalTokens("uasset") != u(0) {
		t.Fatalf("contract owed %s (want 600 + 200 + 100 = 900), still staked %s", owed, m.totalTokens("uasset"))
	}

	// One nanosecond early nothing is paid and the asset is still listed.
	m.Host.Env.Block.Time = std.Timestamp(done - 1)
	m.MatureUnbondings()
	if _, err := QueryAlliance(q, "uasset"); err != nil || m.Balance(c, "uasset") != u(100) {
		t.Fatalf("before completion: %v, balance %s (want the 100 never staked)", err, m.Balance(c, "uasset"))
	}
	m.Host.Env.Block.Time = std.Timestamp(done)
	m.MatureUnbondings()
	if m.Balance(c, "uasset") != u(1000) || m.Balance(other, "uasset") != u(500) {
		t.Fatalf("paid back: contract %s (want 1000), other %s (want 500)", m.Balance(c, "uasset"), m.Balance(other, "uasset"))
	}
	if _, err := QueryAlliance(q, "uasset"); err == nil || !strings.Contains(err.Error(), "no alliance for denom") {
		t.Fatalf("alliance after completion: %v", err)
	}
	refused(t, m, c, DelegateMsg("val1", coinOf(1, "uasset")), "codespace: alliance, code: 30")
}

// An asset holding nothing is removed at once, as on chain.
func TestMockDelistOfAnEmptyAssetRemovesIt(t *testing.T) {
	m, q, _ := setupMock(t)
	if err := m.Delist("uasset"); err != nil {
		t.Fatal(err)
	}
	if _, err := QueryAlliance(q, "uasset"); err == nil {
		t.Fatal("an empty delisted asset is still listed")
	}
	if _, err := m.WindDown("uasset", 1); err == nil {
		t.Fatal("wind-down of a removed asset")
	}
}
