package harness

import (
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// Account is a key pair known to the harness. Keys derive from the chain ID
// and the name, so the same name gives the same address in every run.
type Account struct {
	Name    string
	Key     *secp256k1.PrivKey
	Address sdk.AccAddress
}

func (a *Account) String() string { return a.Address.String() }

// Account returns the account with this name, creating its key on first use.
// A new account exists on chain only once it receives funds.
func (c *Chain) Account(name string) *Account {
	if a, ok := c.accounts[name]; ok {
		return a
	}
	key := secp256k1.GenPrivKeyFromSecret([]byte(c.cfg.ChainID + "/" + name))
	a := &Account{Name: name, Key: key, Address: sdk.AccAddress(key.PubKey().Address())}
	c.accounts[name] = a
	return a
}

// Balance returns addr's balance of denom in the last committed state.
func (c *Chain) Balance(addr sdk.AccAddress, denom string) sdk.Coin {
	return c.App.BankKeeper.GetBalance(c.Context(), addr, denom)
}

// Balances returns all of addr's balances in the last committed state.
func (c *Chain) Balances(addr sdk.AccAddress) sdk.Coins {
	return c.App.BankKeeper.GetAllBalances(c.Context(), addr)
}

// Fund sends coins to addr from the faucet account (funded at genesis) in a
// real bank transaction, and fails the test if it does not succeed.
func (c *Chain) Fund(addr sdk.AccAddress, coins sdk.Coins) {
	c.t.Helper()
	faucet := c.Account(FaucetName)
	c.MustDeliver(faucet, banktypes.NewMsgSend(faucet.Address, addr, coins))
}

// FaucetName is the genesis account that funds others (see Fund).
const FaucetName = "faucet"
