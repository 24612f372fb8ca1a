package tokenfactory

import (
	"encoding/json"
	"errors"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func u(n uint64) std.Uint128 { return std.NewUint128(n) }

// The messages this package writes are exactly the chain's wire format (encoding/json of the
// bindings/types values, which the chain decodes strictly).
func TestMessagesAreTheChainWireFormat(t *testing.T) {
	md := &bt.DenomMetadata{DenomUnits: []bt.DenomUnit{{Denom: "factory/c/u"}, {Denom: "unit", Exponent: 6}}, Display: "unit", Name: "U", Symbol: "U"}
	cases := []struct {
		got  std.CosmosMsg
		want bt.TokenFactoryMsg
	}{
		{CreateDenomMsg("u", md), bt.TokenFactoryMsg{CreateDenom: &bt.CreateDenom{Subdenom: "u", Metadata: md}}},
		{CreateDenomMsg("u", nil), bt.TokenFactoryMsg{CreateDenom: &bt.CreateDenom{Subdenom: "u"}}},
		{MintMsg("factory/c/u", u(12), "user"), bt.TokenFactoryMsg{Mint: &bt.MintTokens{Denom: "factory/c/u", Amount: "12", MintToAddress: "user"}}},
		{BurnMsg("factory/c/u", u(3)), bt.TokenFactoryMsg{Burn: &bt.BurnTokens{Denom: "factory/c/u", Amount: "3"}}},
		{SetMetadataMsg("factory/c/u", *md), bt.TokenFactoryMsg{SetMetadata: &bt.SetMetadata{Denom: "factory/c/u", Metadata: *md}}},
		{ChangeAdminMsg("factory/c/u", "other"), bt.TokenFactoryMsg{ChangeAdmin: &bt.ChangeAdmin{Denom: "factory/c/u", NewAdminAddress: "other"}}},
	}
	for _, tc := range cases {
		want, err := json.Marshal(bt.TokenFactoryCustomMsg{TokenFactory: &tc.want})
		if err != nil {
			t.Fatal(err)
		}
		if string(tc.got.Custom) != string(want) {
			t.Errorf("got  %s\nwant %s", tc.got.Custom, want)
		}
	}
}

// newTestMock: a host whose contract holds 25M stake, with the chain's default fee (10M stake).
func newTestMock(t *testing.T) (*Mock, string) {
	t.Helper()
	host := std.NewMock()
	m := NewMock(host)
	contract := host.Env.Contract.Address
	host.Querier.SetBalance(contract, std.Coin{Denom: "stake", Amount: u(25_000_000)})
	return m, contract
}

// The mock behaves as the chain does: the fee moves to the community pool, the reply names the
// denom, a duplicate is refused and charges nothing, only the admin mints, burns (its own coins),
// sets metadata and hands the denom over; every refusal leaves state as it was.
func TestMockLikeTheChain(t *testing.T) {
	m, contract := newTestMock(t)
	host := m.Host
	user := host.API.Addr("user")
	denom := FullDenom(contract, "ushare")

	res, err := m.Apply(contract, CreateDenomMsg("ushare", nil).Custom)
	if err != nil {
		t.Fatal(err)
	}
	got, err := CreateDenomResult(std.Reply{Result: std.SubMsgResult{Ok: &std.SubMsgResponse{MsgResponses: res}}})
	if err != nil || got != denom {
		t.Fatalf("reply denom %q, %v", got, err)
	}
	if b := m.Balance(contract, "stake"); b != u(15_000_000) { // 25M - 10M
		t.Fatalf("contract stake %s", b)
	}
	if b := m.Balance(CommunityPool, "stake"); b != u(10_000_000) {
		t.Fatalf("community pool %s", b)
	}
	if _, err := m.Apply(contract, CreateDenomMsg("ushare", nil).Custom); err == nil {
		t.Fatal("duplicate created")
	}
	if b := m.Balance(contract, "stake"); b != u(15_000_000) {
		t.Fatalf("a refused create charged: %s", b)
	}

	mustApply(t, m, contract, MintMsg(denom, u(1_000), user))
	if err := m.move(user, contract, denom, u(400)); err != nil { // the user sends 400 back
		t.Fatal(err)
	}
	mustApply(t, m, contract, BurnMsg(denom, u(300)))
	if m.Balance(contract, denom) != u(100) || m.Supply(denom) != u(700) { // 400-300, 1000-300
		t.Fatalf("contract %s, supply %s", m.Balance(contract, denom), m.Supply(denom))
	}
	refused := []struct {
		sender string
		msg    std.CosmosMsg
		want   string
	}{
		{user, MintMsg(denom, u(1), user), "unauthorized"},
		{contract, BurnMsg(denom, u(101)), "insufficient funds"},
		{contract, MintMsg(denom, u(0), user), "positive"},
		{contract, MintMsg(FullDenom(contract, "unone"), u(1), user), "does not exist"},
		{contract, CreateDenomMsg("a b", nil), "invalid denom"},
		{contract, CreateDenomMsg("uhas", &bt.DenomMetadata{DenomUnits: []bt.DenomUnit{{Denom: FullDenom(contract, "uhas")}}, Display: "x", Name: "N", Symbol: "S"}), "display"},
		{contract, ChangeAdminMsg(denom, ""), "new_admin_address"},
	}
	for _, r := range refused {
		if _, err := m.Apply(r.sender, r.msg.Custom); err == nil || !contains(err.Error(), r.want) {
			t.Errorf("%s: error %v, want %q", r.msg.Custom, err, r.want)
		}
	}
	if m.Supply(denom) != u(700) || m.Balance(contract, "stake") != u(15_000_000) {
		t.Fatal("a refused message changed state")
	}
	if _, ok := m.Admin(FullDenom(contract, "uhas")); ok {
		t.Fatal("a create with bad metadata created the denom")
	}

	md := bt.DenomMetadata{DenomUnits: []bt.DenomUnit{{Denom: denom}, {Denom: "share", Exponent: 6}}, Display: "share", Name: "Share", Symbol: "SHARE"}
	mustApply(t, m, contract, SetMetadataMsg(denom, md))
	if got, _ := m.Metadata(denom); got.Display != "share" {
		t.Fatalf("metadata %+v", got)
	}
	mustApply(t, m, contract, ChangeAdminMsg(denom, user))
	if _, err := m.Apply(contract, MintMsg(denom, u(1), user).Custom); err == nil {
		t.Fatal("the old admin minted")
	}
	mustApply(t, m, user, MintMsg(denom, u(5), user))
}

// A host transaction that fails reverts the token factory with the balances.
func TestMockRevertsWithTheHostTransaction(t *testing.T) {
	m, contract := newTestMock(t)
	boom := errors.New("boom")
	err := m.Host.Transact(func() error {
		if _, err := m.Apply(contract, CreateDenomMsg("ushare", nil).Custom); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, ok := m.Admin(FullDenom(contract, "ushare")); ok {
		t.Fatal("the denom outlived the failed transaction")
	}
	if m.Balance(contract, "stake") != u(25_000_000) {
		t.Fatal("the fee outlived the failed transaction")
	}
}

// The queries of this package against the mock: full denom, admin, pages of a creator's denoms,
// params; other custom queries go to the handler installed before.
func TestQueriesOnTheMock(t *testing.T) {
	host := std.NewMock()
	host.Querier.Custom = func([]byte) ([]byte, error) { return []byte(`"alliance"`), nil }
	m := NewMock(host)
	contract := host.Env.Contract.Address
	host.Querier.SetBalance(contract, std.Coin{Denom: "stake", Amount: u(100_000_000)})
	for _, sub := range []string{"ub", "ua", "uc"} {
		mustApply(t, m, contract, CreateDenomMsg(sub, nil))
	}
	q := host.Deps().Querier
	if d, err := QueryFullDenom(q, contract, "ux"); err != nil || d != FullDenom(contract, "ux") {
		t.Fatalf("full denom %q %v", d, err)
	}
	if a, err := QueryAdmin(q, FullDenom(contract, "ua")); err != nil || a != contract {
		t.Fatalf("admin %q %v", a, err)
	}
	if _, err := QueryAdmin(q, FullDenom(contract, "ux")); err == nil {
		t.Fatal("admin of a denom that does not exist")
	}
	page, err := QueryDenomsByCreator(q, contract, "", 2)
	if err != nil || len(page) != 2 || page[0] != FullDenom(contract, "ua") || page[1] != FullDenom(contract, "ub") {
		t.Fatalf("page 1 %v %v", page, err)
	}
	page, err = QueryDenomsByCreator(q, contract, page[1], 2)
	if err != nil || len(page) != 1 || page[0] != FullDenom(contract, "uc") {
		t.Fatalf("page 2 %v %v", page, err)
	}
	p, err := QueryParams(q)
	if err != nil || p.DenomCreationGasConsume != 2_000_000 || len(p.DenomCreationFee) != 1 || p.DenomCreationFee[0].Amount != "10000000" {
		t.Fatalf("params %+v %v", p, err)
	}
	if b, err := q.Raw([]byte(`{"custom":{"alliance":{"denom":"x"}}}`)); err != nil || string(b) != `"alliance"` {
		t.Fatalf("other custom query: %s %v", b, err)
	}
}

func mustApply(t *testing.T, m *Mock, sender string, msg std.CosmosMsg) {
	t.Helper()
	if _, err := m.Apply(sender, msg.Custom); err != nil {
		t.Fatalf("%s: %v", msg.Custom, err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
