package alliance

import (
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
)

func TestQueryStakingParamsFromTheMock(t *testing.T) {
	m, q, _ := setupMock(t)
	p, err := QueryStakingParams(q)
	if err != nil {
		t.Fatal(err)
	}
	// Default: 21 days = 1,814,400 s, 7 entries.
	if want := (bt.StakingParamsResponse{UnbondingTime: 1_814_400, MaxEntries: 7, BondDenom: "stake"}); p != want {
		t.Fatalf("got %+v, want %+v", p, want)
	}
	// 10 s and 1 ns is 11 s for the contract (rounded up like the chain).
	m.UnbondingTime = 10_000_000_001
	m.MaxEntries = 2
	if p, err = QueryStakingParams(q); err != nil || p.UnbondingTime != 11 || p.MaxEntries != 2 {
		t.Fatalf("got %+v, %v", p, err)
	}
}

func TestEpochFitsEntries(t *testing.T) {
	p := bt.StakingParamsResponse{UnbondingTime: 1_814_400, MaxEntries: 7}
	// 1,814,400 / 7 = 259,200 s (3 days) exactly: 7 undelegations 3 days apart are all still
	// immature when the 8th is due at day 21 (the first matures at day 21, in EndBlock, after
	// the tx), so 3 days is refused and 3 days + 1 s fits.
	cases := []struct {
		epoch uint64
		p     bt.StakingParamsResponse
		want  bool
	}{
		{259_200, p, false},
		{259_201, p, true},
		{4 * 24 * 3600, p, true},
		{0, p, false},
		{1 << 63, p, true},
		{1, bt.StakingParamsResponse{UnbondingTime: 0, MaxEntries: 1}, true},
		{1 << 63, bt.StakingParamsResponse{UnbondingTime: 10, MaxEntries: 0}, false},
		{1<<64 - 1, bt.StakingParamsResponse{UnbondingTime: 1<<64 - 1, MaxEntries: 1}, false},
	}
	for _, c := range cases {
		if got := EpochFitsEntries(c.epoch, c.p); got != c.want {
			t.Errorf("EpochFitsEntries(%d, %+v) = %v, want %v", c.epoch, c.p, got, c.want)
		}
	}
}
