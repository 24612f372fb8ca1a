package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// hackatom is wasmd's own Rust test contract: instantiate with a verifier and
// a beneficiary; `release` (verifier only) pays the contract's whole balance
// to the beneficiary.
func TestRustHackatomContract(t *testing.T) {
	code, err := harness.WasmdTestdata("hackatom.wasm")
	require.NoError(t, err)

	c := harness.NewChain(t, harness.DefaultConfig())
	creator, verifier, beneficiary := c.Account("creator"), c.Account("verifier"), c.Account("beneficiary")
	c.Fund(creator.Address, stake(1_000_000))
	c.Fund(verifier.Address, stake(1_000))

	codeID := c.StoreCode(creator, code)
	contract := c.Instantiate(creator, codeID, "hackatom", map[string]string{
		"verifier": verifier.Address.String(), "beneficiary": beneficiary.Address.String(),
	}, stake(250_000))
	require.Equal(t, int64(250_000), c.Balance(contract, app.BondDenom).Amount.Int64())

	var v struct {
		Verifier string `json:"verifier"`
	}
	require.NoError(t, c.QuerySmart(contract, map[string]any{"verifier": struct{}{}}, &v))
	require.Equal(t, verifier.Address.String(), v.Verifier)

	// Anyone but the verifier is refused, and nothing moves.
	res := c.Execute(creator, contract, map[string]any{"release": struct{}{}}, nil)
	require.False(t, res.OK())
	require.Contains(t, res.Log, "Unauthorized")
	require.Equal(t, int64(250_000), c.Balance(contract, app.BondDenom).Amount.Int64())

	res = c.Execute(verifier, contract, map[string]any{"release": struct{}{}}, nil)
	require.NoError(t, res.Err())
	require.True(t, c.Balance(contract, app.BondDenom).IsZero())
	require.Equal(t, int64(250_000), c.Balance(beneficiary.Address, app.BondDenom).Amount.Int64())

	// An unknown message is a contract error, not a chain failure.
	res = c.Execute(verifier, contract, map[string]any{"no_such_message": struct{}{}}, nil)
	require.False(t, res.OK())
	require.Contains(t, res.Log, "Error parsing")
}
