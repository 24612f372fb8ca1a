package main

// The share: a token factory denom, factory/{compounder}/{symbol}, created at instantiation with
// its bank metadata. Deposits mint it, withdraw and exit take it as funds and burn it, so the
// bank supply of the denom is total_shares at every step (the 1000 shares the first deposit
// locks are minted to the contract itself, which never sends them). Holders move shares with
// plain bank sends: a share's claim is its fraction of the vault, so a transfer needs no hook.

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

const (
	minSymbolBytes = 3  // x/bank's shortest denom (the symbol is the display unit's denom)
	maxSymbolBytes = 44 // the token factory's longest subdenom
	maxDecimals    = 18
)

// validateShare checks the share's symbol and decimals as the token factory and x/bank will.
func validateShare(s ShareInfo) error {
	if len(s.Symbol) < minSymbolBytes || len(s.Symbol) > maxSymbolBytes || !validSymbol(s.Symbol) {
		return withDetail("share.symbol "+s.Symbol+": ", ErrShareSymbol, "")
	}
	if s.Decimals > maxDecimals {
		return ErrShareDecimals
	}
	if s.Name != nil && trimmedEmpty(*s.Name) {
		return ErrShareName
	}
	return nil
}

// validSymbol: a letter, then letters, digits or one of / : . _ - (sdk.ValidateDenom's alphabet).
func validSymbol(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(c >= '0' && c <= '9') && c != '/' && c != ':' && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func trimmedEmpty(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
			return false
		}
	}
	return true
}

// shareMetadata is the denom's bank metadata: the base unit, and with decimals a display unit
// named by the symbol.
func shareMetadata(denom, asset string, s ShareInfo) *bt.DenomMetadata {
	name := s.Symbol
	if s.Name != nil {
		name = *s.Name
	}
	md := &bt.DenomMetadata{Description: "compounder shares of " + asset, DenomUnits: []bt.DenomUnit{{Denom: denom}},
		Display: denom, Name: name, Symbol: s.Symbol}
	if s.Decimals > 0 {
		md.DenomUnits = append(md.DenomUnits, bt.DenomUnit{Denom: s.Symbol, Exponent: s.Decimals})
		md.Display = s.Symbol
	}
	return md
}

// createShare returns the messages that create the share denom with its metadata and refund
// what the instantiator sent beyond the chain's creation fee. The fee is paid from the funds
// sent with the instantiation (the chain takes it from the contract's balance); short funds are
// refused before anything is created.
func createShare(deps *std.Deps, info std.MessageInfo, cfg Config, s ShareInfo) ([]std.CosmosMsg, error) {
	params, err := tokenfactory.QueryParams(deps.Querier)
	if err != nil {
		return nil, withCause(ErrTokenFactoryQuery, err)
	}
	refund, short, err := tokenfactory.SplitCreationFee(info.Funds, params.DenomCreationFee)
	if err != nil {
		return nil, withCause(ErrTokenFactoryQuery, err)
	}
	if short != nil {
		return nil, withDetail("", ErrCreationFee, " "+short.Fee.String()+short.Denom+" (sent "+short.Sent.String()+short.Denom+")")
	}
	msgs := []std.CosmosMsg{tokenfactory.CreateDenomMsg(s.Symbol, shareMetadata(cfg.ShareDenom, cfg.AssetDenom, s))}
	if len(refund) > 0 {
		msgs = append(msgs, std.BankSendMsg(info.Sender, refund...))
	}
	return msgs, nil
}

// sharesSent returns the shares sent with a withdraw or exit: exactly one coin of the share
// denom, or (where none is allowed) nothing.
func sharesSent(info std.MessageInfo, cfg Config, noneAllowed bool) (std.Uint128, error) {
	if len(info.Funds) == 0 && noneAllowed {
		return std.Uint128{}, nil
	}
	if len(info.Funds) != 1 || info.Funds[0].Denom != cfg.ShareDenom || info.Funds[0].Amount.IsZero() {
		return std.Uint128{}, withDetail("", ErrShareCoin, " "+cfg.ShareDenom)
	}
	return info.Funds[0].Amount, nil
}
