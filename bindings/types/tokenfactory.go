package types

import "errors"

// Token factory bindings: the wire types of {"custom": {"token_factory": …}}
// messages and queries. They sit next to the alliance ones ({"custom":
// {"alliance": …}}): a contract's custom message or query is one or the
// other, never both. The field names follow CosmWasm's token-bindings
// (Osmosis), so a contract written against those reads naturally here.
//
// The creator and admin of every message is the sending contract; amounts
// are decimal strings (Uint128-style).

// TokenFactoryCustomMsg is the body of {"custom": …} for a token factory
// action: {"token_factory": {"create_denom": {…}}} and so on.
type TokenFactoryCustomMsg struct {
	TokenFactory *TokenFactoryMsg `json:"token_factory,omitempty"`
}

// TokenFactoryMsg holds exactly one token factory action.
type TokenFactoryMsg struct {
	CreateDenom *CreateDenom `json:"create_denom,omitempty"`
	Mint        *MintTokens  `json:"mint,omitempty"`
	Burn        *BurnTokens  `json:"burn,omitempty"`
	SetMetadata *SetMetadata `json:"set_metadata,omitempty"`
	ChangeAdmin *ChangeAdmin `json:"change_admin,omitempty"`
}

// CreateDenom creates factory/{contract}/{Subdenom}, with the contract as its
// admin, and charges the chain's denom creation fee to the contract. With
// Metadata the denom's bank metadata is set in the same message.
type CreateDenom struct {
	Subdenom string         `json:"subdenom"`
	Metadata *DenomMetadata `json:"metadata,omitempty"`
}

// MintTokens mints Amount of Denom (which the contract admins) to
// MintToAddress.
type MintTokens struct {
	Denom         string `json:"denom"`
	Amount        string `json:"amount"`
	MintToAddress string `json:"mint_to_address"`
}

// BurnTokens burns Amount of Denom (which the contract admins) from the
// contract's own balance: the chain does not let an admin burn from other
// accounts.
type BurnTokens struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// SetMetadata sets the bank metadata of Denom (which the contract admins);
// its base is Denom itself.
type SetMetadata struct {
	Denom    string        `json:"denom"`
	Metadata DenomMetadata `json:"metadata"`
}

// ChangeAdmin hands Denom (which the contract admins) to NewAdminAddress.
type ChangeAdmin struct {
	Denom           string `json:"denom"`
	NewAdminAddress string `json:"new_admin_address"`
}

// DenomMetadata is x/bank's metadata of a denom, without its base (the
// denom it is set on). One denom unit must be the base denom with exponent
// 0, and Display must name one of the units.
type DenomMetadata struct {
	Description string      `json:"description,omitempty"`
	DenomUnits  []DenomUnit `json:"denom_units"`
	Display     string      `json:"display"`
	Name        string      `json:"name"`
	Symbol      string      `json:"symbol"`
	URI         string      `json:"uri,omitempty"`
	URIHash     string      `json:"uri_hash,omitempty"`
}

// DenomUnit is one unit of a denom: 1 Denom = 10^Exponent base units.
type DenomUnit struct {
	Denom    string   `json:"denom"`
	Exponent uint32   `json:"exponent"`
	Aliases  []string `json:"aliases,omitempty"`
}

// Variant returns the single action the message holds, by its JSON name.
func (m *TokenFactoryMsg) Variant() (string, error) {
	return exactlyOne("token_factory message", []struct {
		name string
		ok   bool
	}{
		{"create_denom", m.CreateDenom != nil},
		{"mint", m.Mint != nil},
		{"burn", m.Burn != nil},
		{"set_metadata", m.SetMetadata != nil},
		{"change_admin", m.ChangeAdmin != nil},
	})
}

// TokenFactoryQuery is the body of a custom query for the token factory:
// {"token_factory": {"full_denom": {…}}} and so on.
type TokenFactoryQuery struct {
	TokenFactory *TokenFactoryRequest `json:"token_factory,omitempty"`
}

// TokenFactoryRequest holds exactly one token factory query.
type TokenFactoryRequest struct {
	FullDenom       *FullDenomRequest          `json:"full_denom,omitempty"`
	Admin           *DenomAdminRequest         `json:"admin,omitempty"`
	DenomsByCreator *DenomsByCreatorRequest    `json:"denoms_by_creator,omitempty"`
	Params          *TokenFactoryParamsRequest `json:"params,omitempty"`
}

// Variant returns the JSON name of the single query set.
func (q *TokenFactoryRequest) Variant() (string, error) {
	return exactlyOne("token_factory query", []struct {
		name string
		ok   bool
	}{
		{"full_denom", q.FullDenom != nil},
		{"admin", q.Admin != nil},
		{"denoms_by_creator", q.DenomsByCreator != nil},
		{"params", q.Params != nil},
	})
}

// FullDenomRequest asks for the denom CreatorAddr gets for Subdenom
// (whether or not it exists yet). Answer: FullDenomResponse.
type FullDenomRequest struct {
	CreatorAddr string `json:"creator_addr"`
	Subdenom    string `json:"subdenom"`
}

// DenomAdminRequest asks for the admin of a factory denom. Answer:
// DenomAdminResponse; an error if the denom does not exist.
type DenomAdminRequest struct {
	Denom string `json:"denom"`
}

// DenomsByCreatorRequest asks for one page of the denoms Creator made, in
// denom order: those after StartAfter (absent: from the first), at most
// Limit (0: DefaultPageLimit; at most MaxPageLimit). Answer:
// DenomsByCreatorResponse.
type DenomsByCreatorRequest struct {
	Creator    string `json:"creator"`
	StartAfter string `json:"start_after,omitempty"`
	Limit      uint32 `json:"limit,omitempty"`
}

// TokenFactoryParamsRequest asks for the module's parameters. Answer:
// TokenFactoryParamsResponse.
type TokenFactoryParamsRequest struct{}

// FullDenomResponse is factory/{creator}/{subdenom}.
type FullDenomResponse struct {
	Denom string `json:"denom"`
}

// DenomAdminResponse is the denom's admin; empty when nobody administers it.
type DenomAdminResponse struct {
	Admin string `json:"admin"`
}

// DenomsByCreatorResponse is one page of a creator's denoms, in denom
// order. When there may be more, pass the last one as start_after.
type DenomsByCreatorResponse struct {
	Denoms []string `json:"denoms"`
}

// TokenFactoryParamsResponse: what creating a denom costs, in coins (to the
// community pool) and in gas.
type TokenFactoryParamsResponse struct {
	DenomCreationFee        []Coin `json:"denom_creation_fee"`
	DenomCreationGasConsume uint64 `json:"denom_creation_gas_consume"`
}

// TypeURLCreateDenomResponse is the type URL of the message response a
// create_denom (custom or Any) leaves in a reply's msg_responses.
const TypeURLCreateDenomResponse = "/osmosis.tokenfactory.v1beta1.MsgCreateDenomResponse"

// DecodeCreateDenomResult decodes the protobuf value of a
// MsgCreateDenomResponse (field 1: new_token_denom) and returns the denom.
func DecodeCreateDenomResult(value []byte) (string, error) {
	denom := ""
	err := eachField(value, func(num, wire int, _ uint64, b []byte) error {
		if num == 1 && wire == wireBytes {
			denom = string(b)
		}
		return nil
	})
	if err == nil && denom == "" {
		err = errNoNewDenom
	}
	return denom, err
}

var errNoNewDenom = errors.New("response has no new_token_denom")
