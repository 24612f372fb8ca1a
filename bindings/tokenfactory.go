package bindings

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	tftypes "github.com/strangelove-ventures/tokenfactory/x/tokenfactory/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
)

// TokenFactoryCapability is what a contract that uses the token factory
// bindings declares with a `requires_token_factory` export.
const TokenFactoryCapability = "token_factory"

// MaxTokenFactoryMsgBytes bounds a token factory custom message. It is above
// MaxMsgBytes because bank metadata carries free text (a description, unit
// aliases); x/bank itself does not bound it, so the binding does.
const MaxTokenFactoryMsgBytes = 8192

// tokenFactoryKey is the top-level key of every token factory custom message
// and query.
var tokenFactoryKey = map[string]reflect.Type{"token_factory": nil}

// isTokenFactory reports whether raw is a JSON object with the
// "token_factory" key at its top level. Anything larger than
// MaxTokenFactoryMsgBytes is not: the alliance path then refuses it by size.
func isTokenFactory(raw []byte) bool {
	if len(raw) > MaxTokenFactoryMsgBytes {
		return false
	}
	known, _, _, err := topLevelKeys(raw, tokenFactoryKey)
	return err == nil && known > 0
}

// EncodeTokenFactoryMsg turns {"token_factory": {…}} into the token factory
// message(s) it stands for, signed by the sending contract: the contract is
// the creator of the denoms it creates and must be the admin of those it
// mints, burns, describes or hands over (the module checks). Input is
// decoded strictly and validated here, so a contract learns what is wrong
// before anything runs.
func EncodeTokenFactoryMsg(sender sdk.AccAddress, raw json.RawMessage) ([]sdk.Msg, error) {
	if len(raw) > MaxTokenFactoryMsgBytes {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalidMsg, "token_factory custom message of %d bytes is above the limit of %d bytes", len(raw), MaxTokenFactoryMsgBytes)
	}
	var custom bt.TokenFactoryCustomMsg
	if err := decodeStrict(raw, &custom); err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalidMsg, "token_factory custom message: %s", err)
	}
	if custom.TokenFactory == nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalidMsg, `expected {"token_factory": {…}}`)
	}
	variant, err := custom.TokenFactory.Variant()
	if err != nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalidMsg, err.Error())
	}
	msgs, err := tokenFactoryMsgs(sender.String(), variant, custom.TokenFactory)
	if err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalidMsg, "token_factory %s: %s", variant, err)
	}
	return msgs, nil
}

func tokenFactoryMsgs(sender, variant string, m *bt.TokenFactoryMsg) ([]sdk.Msg, error) {
	switch variant {
	case "create_denom":
		return createDenomMsgs(sender, m.CreateDenom)
	case "mint":
		coin, err := toCoin(bt.Coin{Denom: m.Mint.Denom, Amount: m.Mint.Amount})
		if err != nil {
			return nil, err
		}
		if _, err := sdk.AccAddressFromBech32(m.Mint.MintToAddress); err != nil {
			return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "mint_to_address %q: %s", m.Mint.MintToAddress, err)
		}
		return []sdk.Msg{&tftypes.MsgMint{Sender: sender, Amount: coin, MintToAddress: m.Mint.MintToAddress}}, nil
	case "burn":
		// BurnFromAddress stays empty: the module burns from the sender.
		coin, err := toCoin(bt.Coin{Denom: m.Burn.Denom, Amount: m.Burn.Amount})
		if err != nil {
			return nil, err
		}
		return []sdk.Msg{&tftypes.MsgBurn{Sender: sender, Amount: coin}}, nil
	case "set_metadata":
		msg, err := setMetadataMsg(sender, m.SetMetadata.Denom, m.SetMetadata.Metadata)
		if err != nil {
			return nil, err
		}
		return []sdk.Msg{msg}, nil
	case "change_admin":
		c := m.ChangeAdmin
		if _, _, err := tftypes.DeconstructDenom(c.Denom); err != nil {
			return nil, err
		}
		if _, err := sdk.AccAddressFromBech32(c.NewAdminAddress); err != nil {
			return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "new_admin_address %q: %s", c.NewAdminAddress, err)
		}
		return []sdk.Msg{&tftypes.MsgChangeAdmin{Sender: sender, Denom: c.Denom, NewAdmin: c.NewAdminAddress}}, nil
	}
	return nil, fmt.Errorf("unknown variant %s", variant)
}

// createDenomMsgs: MsgCreateDenom, then MsgSetDenomMetadata when metadata is
// given. wasmd runs both in the contract's message context, so a failure of
// the second reverts the first.
func createDenomMsgs(sender string, c *bt.CreateDenom) ([]sdk.Msg, error) {
	denom, err := tftypes.GetTokenDenom(sender, c.Subdenom)
	if err != nil {
		return nil, err
	}
	msgs := []sdk.Msg{&tftypes.MsgCreateDenom{Sender: sender, Subdenom: c.Subdenom}}
	if c.Metadata != nil {
		md, err := setMetadataMsg(sender, denom, *c.Metadata)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, md)
	}
	return msgs, nil
}

// setMetadataMsg builds MsgSetDenomMetadata with denom as the base, checked
// as x/bank checks metadata.
func setMetadataMsg(sender, denom string, m bt.DenomMetadata) (sdk.Msg, error) {
	if _, _, err := tftypes.DeconstructDenom(denom); err != nil {
		return nil, err
	}
	units := make([]*banktypes.DenomUnit, len(m.DenomUnits))
	for i, u := range m.DenomUnits {
		units[i] = &banktypes.DenomUnit{Denom: u.Denom, Exponent: u.Exponent, Aliases: u.Aliases}
	}
	md := banktypes.Metadata{
		Description: m.Description, DenomUnits: units, Base: denom, Display: m.Display,
		Name: m.Name, Symbol: m.Symbol, URI: m.URI, URIHash: m.URIHash,
	}
	if err := md.Validate(); err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "metadata: %s", err)
	}
	return &tftypes.MsgSetDenomMetadata{Sender: sender, Metadata: md}, nil
}

// TokenFactoryKeeper is what the token factory querier reads (satisfied by
// the token factory keeper). The creator prefix store lets the querier page
// a creator's denoms instead of reading them all.
type TokenFactoryKeeper interface {
	GetParams(ctx context.Context) tftypes.Params
	GetAuthorityMetadata(ctx context.Context, denom string) (tftypes.DenomAuthorityMetadata, error)
	GetCreatorPrefixStore(ctx sdk.Context, creator string) storetypes.KVStore
}

// DenomMetadataKeeper tells whether a denom has bank metadata: every factory
// denom gets it at creation, so it is how the module itself knows a denom
// exists (satisfied by the bank keeper).
type DenomMetadataKeeper interface {
	HasDenomMetaData(ctx context.Context, denom string) bool
}

// TokenFactoryQuerier answers {"token_factory": {…}} custom queries.
type TokenFactoryQuerier struct {
	keeper TokenFactoryKeeper
	bank   DenomMetadataKeeper
}

// NewTokenFactoryQuerier returns the token factory custom querier.
func NewTokenFactoryQuerier(k TokenFactoryKeeper, bank DenomMetadataKeeper) *TokenFactoryQuerier {
	return &TokenFactoryQuerier{keeper: k, bank: bank}
}

// Query is a wasmkeeper.CustomQuerier, chained after the alliance querier
// (ChainQueriers), which has already charged GasPerQueryByte for the
// request. A request without the "token_factory" key is ErrUnknownQuery;
// one with it is decoded strictly. It runs on a discarded branch of the
// state, like the alliance queries.
func (q *TokenFactoryQuerier) Query(ctx sdk.Context, raw json.RawMessage) ([]byte, error) {
	if len(raw) > MaxQueryBytes {
		return nil, fmt.Errorf("%w: a custom query of %d bytes is above the %d bytes of any token_factory query", ErrUnknownQuery, len(raw), MaxQueryBytes)
	}
	known, _, unknown, err := topLevelKeys(raw, tokenFactoryKey)
	switch {
	case err != nil:
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "token_factory query is not a JSON object: %s", err)
	case known == 0:
		return nil, fmt.Errorf("%w: no token_factory key", ErrUnknownQuery)
	case unknown != "":
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "token_factory query: unknown field %q", unknown)
	}
	var req bt.TokenFactoryQuery
	if err := decodeStrict(raw, &req); err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalid, "token_factory query: %s", err)
	}
	if req.TokenFactory == nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalid, "token_factory query: null")
	}
	variant, err := req.TokenFactory.Variant()
	if err != nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalid, err.Error())
	}
	cache, _ := ctx.CacheContext() // never written back
	res, err := q.answer(cache, variant, req.TokenFactory)
	if err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrQueryFailed, "token_factory %s: %s", variant, err)
	}
	return json.Marshal(res)
}

func (q *TokenFactoryQuerier) answer(ctx sdk.Context, variant string, r *bt.TokenFactoryRequest) (any, error) {
	switch variant {
	case "full_denom":
		if _, err := sdk.AccAddressFromBech32(r.FullDenom.CreatorAddr); err != nil {
			return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "creator_addr %q: %s", r.FullDenom.CreatorAddr, err)
		}
		denom, err := tftypes.GetTokenDenom(r.FullDenom.CreatorAddr, r.FullDenom.Subdenom)
		if err != nil {
			return nil, err
		}
		return bt.FullDenomResponse{Denom: denom}, nil
	case "admin":
		return q.admin(ctx, r.Admin.Denom)
	case "denoms_by_creator":
		return q.denomsByCreator(ctx, r.DenomsByCreator)
	case "params":
		p := q.keeper.GetParams(ctx)
		fee := make([]bt.Coin, len(p.DenomCreationFee))
		for i, c := range p.DenomCreationFee {
			fee[i] = bt.Coin{Denom: c.Denom, Amount: c.Amount.String()}
		}
		return bt.TokenFactoryParamsResponse{DenomCreationFee: fee, DenomCreationGasConsume: p.DenomCreationGasConsume}, nil
	}
	return nil, fmt.Errorf("unknown variant %s", variant)
}

// admin answers the admin of an existing factory denom; a denom that is not
// a factory denom, or was never created, is an error (the module's own query
// would answer an empty admin for both).
func (q *TokenFactoryQuerier) admin(ctx sdk.Context, denom string) (any, error) {
	if _, _, err := tftypes.DeconstructDenom(denom); err != nil {
		return nil, err
	}
	if !q.bank.HasDenomMetaData(ctx, denom) {
		return nil, errorsmod.Wrapf(tftypes.ErrDenomDoesNotExist, "denom: %s", denom)
	}
	md, err := q.keeper.GetAuthorityMetadata(ctx, denom)
	if err != nil {
		return nil, err
	}
	return bt.DenomAdminResponse{Admin: md.Admin}, nil
}

// denomsByCreator reads one page of the creator's denoms from the module's
// creator index (keys are the denoms, in byte order), at most MaxPageLimit,
// and charges GasPerListItem for each.
func (q *TokenFactoryQuerier) denomsByCreator(ctx sdk.Context, r *bt.DenomsByCreatorRequest) (any, error) {
	if _, err := sdk.AccAddressFromBech32(r.Creator); err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "creator %q: %s", r.Creator, err)
	}
	limit := r.Limit
	switch {
	case limit == 0:
		limit = bt.DefaultPageLimit
	case limit > bt.MaxPageLimit:
		return nil, fmt.Errorf("limit %d is above the maximum %d", limit, bt.MaxPageLimit)
	}
	var start []byte
	if r.StartAfter != "" {
		// The first key after StartAfter: StartAfter with a zero byte appended.
		start = append([]byte(r.StartAfter), 0)
	}
	it := q.keeper.GetCreatorPrefixStore(ctx, r.Creator).Iterator(start, nil)
	defer it.Close()
	denoms := []string{}
	for ; it.Valid() && uint32(len(denoms)) < limit; it.Next() {
		denoms = append(denoms, string(it.Key()))
	}
	chargeItems(ctx, len(denoms))
	return bt.DenomsByCreatorResponse{Denoms: denoms}, nil
}
