//go:build !tinygo.wasm

package tokenfactory

// Mock is an in-memory model of the chain's token factory (on std.Mock's bank balances) for
// native contract tests. It answers the token factory custom queries (passing any other custom
// query to the handler installed before it) and executes token factory custom messages (Apply)
// as the chain's encoder and module do: the same refusals (bad input, not the admin, a denom
// that exists or does not, insufficient funds for the fee or a burn), the creation fee moved to
// CommunityPool, metadata checked as x/bank checks it.
//
// It is transactional like the chain: NewMock registers its state with the host (std.Mock.Track)
// and Apply runs as one transaction, so a failed call changes nothing, and a failed transaction
// of the host (a contract's execute whose messages fail) reverts the denoms with the balances.
//
// A test that also uses the alliance mock routes the token factory's custom messages here
// (Apply) and leaves the other custom messages to the alliance mock.

import (
	"bytes"
	"errors"
	"sort"
	"strings"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// CommunityPool is the account the mock pays creation fees into.
const CommunityPool = "community_pool"

// maxSubdenomBytes is the chain's limit on a subdenom (the token factory's MaxSubdenomLength).
const maxSubdenomBytes = 44

// Mock models the token factory behind a std.Mock.
type Mock struct {
	Host *std.Mock
	// Params are what the params query answers and what create_denom charges (the fee; the gas
	// is not modelled). NewMock sets the chain's defaults.
	Params bt.TokenFactoryParamsResponse

	denoms map[string]*factoryDenom
	next   func([]byte) ([]byte, error)
}

type factoryDenom struct {
	Creator, Admin string
	Metadata       bt.DenomMetadata
}

// NewMock installs a token factory on host: its queries go first, other custom queries to the
// handler host had before.
func NewMock(host *std.Mock) *Mock {
	m := &Mock{
		Host:   host,
		Params: bt.TokenFactoryParamsResponse{DenomCreationFee: []bt.Coin{{Denom: "stake", Amount: "10000000"}}, DenomCreationGasConsume: 2_000_000},
		denoms: map[string]*factoryDenom{},
		next:   host.Querier.Custom,
	}
	host.Querier.Custom = m.Query
	host.Track(m.snapshot)
	return m
}

func (m *Mock) snapshot() (restore func()) {
	denoms := make(map[string]*factoryDenom, len(m.denoms))
	for k, d := range m.denoms {
		c := *d
		denoms[k] = &c
	}
	return func() { m.denoms = denoms }
}

// ---- state a test reads ----

// Admin returns the admin of a factory denom and whether the denom exists.
func (m *Mock) Admin(denom string) (string, bool) {
	d, ok := m.denoms[denom]
	if !ok {
		return "", false
	}
	return d.Admin, true
}

// Metadata returns the bank metadata of a factory denom (its base is the denom itself).
func (m *Mock) Metadata(denom string) (bt.DenomMetadata, bool) {
	d, ok := m.denoms[denom]
	if !ok {
		return bt.DenomMetadata{}, false
	}
	return d.Metadata, true
}

// Balance returns addr's bank balance of denom.
func (m *Mock) Balance(addr, denom string) std.Uint128 {
	return std.FindCoin(m.Host.Querier.Balances[addr], denom)
}

// Supply is the total of denom over every bank balance (burned coins are gone).
func (m *Mock) Supply(denom string) std.Uint128 {
	var total std.Uint128
	for _, coins := range m.Host.Querier.Balances {
		total = total.SaturatingAdd(std.FindCoin(coins, denom))
	}
	return total
}

func (m *Mock) setBalance(addr, denom string, amount std.Uint128) {
	m.Host.Querier.SetDenomBalance(addr, denom, amount)
}

// move takes amount of denom from (unless "", a mint) and gives it to to (unless "", a burn).
func (m *Mock) move(from, to, denom string, amount std.Uint128) error {
	if from != "" {
		have := m.Balance(from, denom)
		if have.Lt(amount) {
			return errors.New("insufficient funds: " + from + " has " + have.String() + denom + ", needs " + amount.String() + denom)
		}
		m.setBalance(from, denom, have.SaturatingSub(amount))
	}
	if to != "" {
		m.setBalance(to, denom, m.Balance(to, denom).SaturatingAdd(amount))
	}
	return nil
}

// ---- messages ----

// Apply executes the body of a token factory custom message sent by sender (a contract) and
// returns its message responses, as the chain would; on error nothing changed.
func (m *Mock) Apply(sender string, body []byte) (responses []std.MsgResponse, err error) {
	err = m.Host.Transact(func() error {
		responses, err = m.apply(sender, body)
		return err
	})
	return responses, err
}

func (m *Mock) apply(sender string, body []byte) ([]std.MsgResponse, error) {
	var msg bt.TokenFactoryCustomMsg
	if err := cwjson.Unmarshal(body, decodable(func(r *cwjson.Reader) error { return DecodeTokenFactoryCustomMsg(r, &msg) })); err != nil {
		return nil, errors.New("token_factory custom message: " + err.Error())
	}
	if msg.TokenFactory == nil {
		return nil, errors.New(`expected {"token_factory": {…}}`)
	}
	variant, err := msg.TokenFactory.Variant()
	if err != nil {
		return nil, err
	}
	t := msg.TokenFactory
	switch variant {
	case "create_denom":
		return m.createDenom(sender, t.CreateDenom)
	case "mint":
		amount, err := m.adminAmount(sender, t.Mint.Denom, t.Mint.Amount)
		if err != nil {
			return nil, err
		}
		if err := m.Host.API.AddrValidate(t.Mint.MintToAddress); err != nil {
			return nil, errors.New("mint_to_address: " + err.Error())
		}
		return respond("/osmosis.tokenfactory.v1beta1.MsgMintResponse", nil), m.move("", t.Mint.MintToAddress, t.Mint.Denom, amount)
	case "burn":
		amount, err := m.adminAmount(sender, t.Burn.Denom, t.Burn.Amount)
		if err != nil {
			return nil, err
		}
		return respond("/osmosis.tokenfactory.v1beta1.MsgBurnResponse", nil), m.move(sender, "", t.Burn.Denom, amount)
	case "set_metadata":
		d, err := m.adminOf(sender, t.SetMetadata.Denom)
		if err != nil {
			return nil, err
		}
		if err := checkMetadata(t.SetMetadata.Denom, t.SetMetadata.Metadata); err != nil {
			return nil, err
		}
		d.Metadata = t.SetMetadata.Metadata
		return respond("/osmosis.tokenfactory.v1beta1.MsgSetDenomMetadataResponse", nil), nil
	case "change_admin":
		d, err := m.adminOf(sender, t.ChangeAdmin.Denom)
		if err != nil {
			return nil, err
		}
		if err := m.Host.API.AddrValidate(t.ChangeAdmin.NewAdminAddress); err != nil {
			return nil, errors.New("new_admin_address: " + err.Error())
		}
		d.Admin = t.ChangeAdmin.NewAdminAddress
		return respond("/osmosis.tokenfactory.v1beta1.MsgChangeAdminResponse", nil), nil
	}
	return nil, errors.New("unknown variant " + variant)
}

func respond(typeURL string, value []byte) []std.MsgResponse {
	return []std.MsgResponse{{TypeURL: typeURL, Value: value}}
}

func (m *Mock) createDenom(sender string, c *bt.CreateDenom) ([]std.MsgResponse, error) {
	if len(c.Subdenom) > maxSubdenomBytes {
		return nil, errors.New("subdenom too long, max length is 44 bytes: invalid denom")
	}
	denom := FullDenom(sender, c.Subdenom)
	if !validDenomChars(c.Subdenom) {
		return nil, errors.New("invalid denom: " + denom)
	}
	if c.Metadata != nil {
		if err := checkMetadata(denom, *c.Metadata); err != nil {
			return nil, err
		}
	}
	if _, ok := m.denoms[denom]; ok {
		return nil, errors.New("attempting to create a denom that already exists (has bank metadata)")
	}
	for _, fee := range m.Params.DenomCreationFee {
		amount, err := std.ParseUint128(fee.Amount)
		if err != nil {
			return nil, err
		}
		if err := m.move(sender, CommunityPool, fee.Denom, amount); err != nil {
			return nil, err
		}
	}
	md := bt.DenomMetadata{DenomUnits: []bt.DenomUnit{{Denom: denom}}, Display: denom, Name: denom, Symbol: denom}
	if c.Metadata != nil {
		md = *c.Metadata
	}
	m.denoms[denom] = &factoryDenom{Creator: sender, Admin: sender, Metadata: md}
	// MsgCreateDenomResponse: field 1 (bytes), the new denom.
	value := append([]byte{0x0a, byte(len(denom))}, denom...)
	return respond(bt.TypeURLCreateDenomResponse, value), nil
}

// adminOf returns the denom if sender administers it.
func (m *Mock) adminOf(sender, denom string) (*factoryDenom, error) {
	d, ok := m.denoms[denom]
	if !ok {
		return nil, errors.New("denom does not exist: " + denom)
	}
	if d.Admin != sender {
		return nil, errors.New("unauthorized account")
	}
	return d, nil
}

// adminAmount checks that sender administers denom and parses a positive amount.
func (m *Mock) adminAmount(sender, denom, amount string) (std.Uint128, error) {
	a, err := std.ParseUint128(amount)
	if err != nil {
		return a, errors.New("amount " + amount + ": " + err.Error())
	}
	if a.IsZero() {
		return a, errors.New("amount must be positive, got 0")
	}
	_, err = m.adminOf(sender, denom)
	return a, err
}

// validDenomChars: the characters an SDK denom may hold after its first letter.
func validDenomChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/:._-", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// checkMetadata checks what x/bank's Metadata.Validate checks that a contract can get wrong: a
// name and symbol, the base first with exponent 0, exponents increasing, display one of the units.
func checkMetadata(base string, md bt.DenomMetadata) error {
	if strings.TrimSpace(md.Name) == "" || strings.TrimSpace(md.Symbol) == "" {
		return errors.New("metadata: name and symbol cannot be blank")
	}
	if len(md.DenomUnits) == 0 || md.DenomUnits[0].Denom != base || md.DenomUnits[0].Exponent != 0 {
		return errors.New("metadata: the first denomination unit must be the base " + base + " with exponent 0")
	}
	display := false
	for i, u := range md.DenomUnits {
		if i > 0 && u.Exponent <= md.DenomUnits[i-1].Exponent {
			return errors.New("metadata: denom units must be sorted by increasing exponent")
		}
		display = display || u.Denom == md.Display
	}
	if !display {
		return errors.New("metadata: display " + md.Display + " is not a denom unit")
	}
	return nil
}

// ---- queries ----

// Query answers {"token_factory": …} and passes any other custom query on.
func (m *Mock) Query(request []byte) ([]byte, error) {
	// The request is what this package's queries write: {"token_factory":…} without spaces.
	if !bytes.HasPrefix(request, []byte(`{"token_factory":`)) || request[len(request)-1] != '}' {
		if m.next == nil {
			return nil, errors.New("unknown custom query")
		}
		return m.next(request)
	}
	var req bt.TokenFactoryRequest
	inner := request[len(`{"token_factory":`) : len(request)-1]
	if err := cwjson.Unmarshal(inner, decodable(func(r *cwjson.Reader) error { return DecodeTokenFactoryRequest(r, &req) })); err != nil {
		return nil, errors.New("token_factory query: " + err.Error())
	}
	variant, err := req.Variant()
	if err != nil {
		return nil, err
	}
	w := cwjson.NewWriter(128)
	switch variant {
	case "full_denom":
		EncodeFullDenomResponse(w, bt.FullDenomResponse{Denom: FullDenom(req.FullDenom.CreatorAddr, req.FullDenom.Subdenom)})
	case "admin":
		d, ok := m.denoms[req.Admin.Denom]
		if !ok {
			return nil, errors.New("denom does not exist: " + req.Admin.Denom)
		}
		EncodeDenomAdminResponse(w, bt.DenomAdminResponse{Admin: d.Admin})
	case "denoms_by_creator":
		page, err := m.denomsByCreator(req.DenomsByCreator)
		if err != nil {
			return nil, err
		}
		EncodeDenomsByCreatorResponse(w, bt.DenomsByCreatorResponse{Denoms: page})
	case "params":
		EncodeTokenFactoryParamsResponse(w, m.Params)
	}
	return w.Bytes(), nil
}

func (m *Mock) denomsByCreator(r *bt.DenomsByCreatorRequest) ([]string, error) {
	limit := int(r.Limit)
	switch {
	case limit == 0:
		limit = bt.DefaultPageLimit
	case limit > bt.MaxPageLimit:
		return nil, errors.New("limit is above the maximum 100")
	}
	all := []string{}
	for denom, d := range m.denoms {
		if d.Creator == r.Creator && denom > r.StartAfter {
			all = append(all, denom)
		}
	}
	sort.Strings(all)
	if len(all) > limit {
		all = all[:limit]
	}
	return all, nil
}

type decodable func(r *cwjson.Reader) error

func (d decodable) DecodeJSON(r *cwjson.Reader) error { return d(r) }
