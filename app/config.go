package app

import (
	"os"
	"path/filepath"

	sdk "github.com/cosmos/cosmos-sdk/types"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
)

const (
	// AppName is the name baked into the binary and reported by `version`.
	AppName = "alliancewasm"

	// Bech32Prefix is the human-readable part of every address on the chain.
	Bech32Prefix = "alliance"

	// BondDenom is the native staking token. It is the denom that native
	// stakers bond and that x/alliance mints as virtual stake; it can never be
	// listed as an alliance asset.
	BondDenom = "stake"
)

// DefaultNodeHome is where `allianced` keeps its config and data unless --home says otherwise.
var DefaultNodeHome = filepath.Join(userHome(), ".allianced")

func userHome() string {
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	return "."
}

// SetAddressPrefixes configures the SDK's global bech32 prefixes for accounts,
// validators and consensus nodes. It must run before any address is encoded,
// and it is safe to call more than once (tests do), as long as the config has
// not been sealed with other values.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
		return
	}
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator,
		Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus,
		Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
	// Contracts have 32-byte addresses, accounts 20: accept both.
	cfg.SetAddressVerifier(wasmtypes.VerifyAddressLen())
}
