package e2e_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/alliancewasm/alliancewasm/bindings"
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
)

// TestTokenDepositSkipsAJailedValidator (issue 13 finding 3) on the real chain: the least-staked
// configured validator is jailed for downtime by x/slashing; x/alliance would still take a
// delegation there, but it would earn nothing, so the next deposit goes to the least staked of
// the bonded ones. The stakes query (which tells the token the status) answers the same on the
// chain and on the contracts' mock in the same state.
func TestTokenDepositSkipsAJailedValidator(t *testing.T) {
	w := newTokenWorldOn(t, slashingConfig(), nil, "0", 0, "alice", "bob") // 3 validators
	c := w.c
	alice, bob := c.Account("alice"), c.Account("bob")
	// Least staked first (the first on ties): val0, val1, then val2 takes the 500,000.
	for i, amount := range []int64{1_000_000, 1_000_000, 500_000} {
		res := w.exec(t, alice, `{"deposit":{}}`, assetCoins(amount))
		require.Equal(t, w.vals[i], harness.MustAttr(t, res, "wasm", "validator"))
	}
	bad := c.Validators()[2]
	jailForDowntime(t, c, bad)
	// x/alliance slashed val2's alliance stake by the 1 % downtime fraction: 495,000, still the
	// least; the deposit goes to val0 (1,000,000, the first of the two bonded ones on the tie).
	require.Equal(t, math.NewInt(495_000), c.AllianceDelegationAmount(w.token, bad.ValAddr, asset))
	res := w.exec(t, bob, `{"deposit":{}}`, assetCoins(100_000))
	require.Equal(t, w.vals[0], harness.MustAttr(t, res, "wasm", "validator"))
	require.Equal(t, math.NewInt(1_100_000), c.AllianceDelegationAmount(w.token, c.Validators()[0].ValAddr, asset))
	require.Equal(t, math.NewInt(1_000_000), c.AllianceDelegationAmount(w.token, c.Validators()[1].ValAddr, asset))
	require.Equal(t, math.NewInt(495_000), c.AllianceDelegationAmount(w.token, bad.ValAddr, asset))

	// The chain's answer to the stakes query and the mock's in the same state agree.
	raw, err := json.Marshal(bt.AllianceQuery{Stakes: &bt.StakesRequest{Delegator: w.token.String(), Denom: asset, Validators: w.vals, Amount: true, Status: true, Rewards: true}})
	require.NoError(t, err)
	chainQuerier := bindings.NewQuerier(alliancekeeper.NewQueryServerImpl(c.App.AllianceKeeper), c.App.StakingKeeper)
	onChain, err := chainQuerier.Query(c.Context(), raw)
	require.NoError(t, err)
	var answer bt.StakesResponse
	require.NoError(t, json.Unmarshal(onChain, &answer))
	require.Len(t, answer.Stakes, 3)
	require.Equal(t, []string{bt.StakeBonded, bt.StakeBonded, bt.StakeJailed}, []string{answer.Stakes[0].Status, answer.Stakes[1].Status, answer.Stakes[2].Status})
	require.NotEmpty(t, answer.Stakes[1].Rewards, "rewards accrued on val1 since its deposit")

	host := std.NewMock()
	m := alliance.NewMock(host, []string{asset}, w.vals)
	for _, s := range answer.Stakes {
		n, ok := math.NewIntFromString(s.Amount)
		require.True(t, ok)
		m.SetDelegation(w.token.String(), s.Validator, asset, std.NewUint128(n.Uint64()))
		for _, r := range s.Rewards {
			a, ok := math.NewIntFromString(r.Amount)
			require.True(t, ok)
			require.NoError(t, m.AddRewards(w.token.String(), s.Validator, asset, std.Coin{Denom: r.Denom, Amount: std.NewUint128(a.Uint64())}))
		}
	}
	m.Jail(w.vals[2])
	inMock, err := m.Query(raw)
	require.NoError(t, err)
	require.JSONEq(t, string(onChain), string(inMock))
}
