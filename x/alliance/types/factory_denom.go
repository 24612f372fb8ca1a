package types

import (
	"strings"

	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// FactoryDenomPrefix starts every denom of the token factory:
// factory/{creator address}/{subdenom}.
const FactoryDenomPrefix = "factory/"

// FactoryDenomCreator returns the creator of a token factory denom of this
// chain: the address between "factory/" and the next "/" (the subdenom after
// it may be empty and may hold more slashes, as the token factory allows).
// ok is false for any other denom, including a "factory/..." denom whose
// creator part is not an address of this chain (codec): the token factory
// checks the creator with the same prefix, so it cannot have minted it.
//
// The creator part may be upper case: bech32 accepts an all-upper-case
// string, and so does the token factory (it builds the denom from the
// sender string as signed). The address bytes are what identify the
// creator; FactoryDenomPrefixes gives both spellings of a creator's denoms.
func FactoryDenomCreator(denom string, codec address.Codec) (creator sdk.AccAddress, ok bool) {
	rest, found := strings.CutPrefix(denom, FactoryDenomPrefix)
	if !found {
		return nil, false
	}
	creatorPart, _, found := strings.Cut(rest, "/")
	if !found || creatorPart == "" {
		return nil, false
	}
	bz, err := codec.StringToBytes(creatorPart)
	if err != nil || len(bz) == 0 {
		return nil, false
	}
	return bz, true
}

// FactoryDenomPrefixes are the two denom prefixes under which creator's
// token factory denoms can exist: its address in lower case (what a contract
// or a wallet signs with) and in upper case (the only other spelling bech32
// accepts; mixed case is invalid).
func FactoryDenomPrefixes(creator sdk.AccAddress, codec address.Codec) ([]string, error) {
	s, err := codec.BytesToString(creator)
	if err != nil {
		return nil, err
	}
	lower, upper := strings.ToLower(s), strings.ToUpper(s)
	return []string{FactoryDenomPrefix + lower + "/", FactoryDenomPrefix + upper + "/"}, nil
}
