package e2e_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/bindings"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
)

// A Go contract (contracts/allianceprobe, built with TinyGo and the contract
// SDK) sends every alliance message and asks every alliance query; each
// answer is compared with the chain's own answer to the same request.
func TestGoContractUsesEveryAllianceBinding(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	cfg.Funds = map[string]sdk.Coins{"owner": assetCoins(10_000_000).Add(sdk.NewInt64Coin("stake", 1_000_000))}
	c := harness.NewChain(t, cfg)
	owner := c.Account("owner")
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1"})
	probe := c.Instantiate(owner, c.StoreCode(owner, harness.Fixture(t, "allianceprobe.wasm")), "probe", map[string]any{}, assetCoins(5_000_000))
	val0, val1 := c.Validators()[0].ValAddr.String(), c.Validators()[1].ValAddr.String()

	type result struct {
		Kind           string `json:"kind"`
		CompletionTime uint64 `json:"completion_time"`
		Claimed        struct {
			Rewards []struct{ Denom, Amount string }
		} `json:"claimed"`
	}
	exec := func(msg string) result {
		t.Helper()
		res := c.Execute(owner, probe, []byte(msg), nil)
		require.NoError(t, res.Err(), msg)
		var r result
		require.NoError(t, c.QuerySmart(probe, map[string]any{"last_result": struct{}{}}, &r))
		return r
	}
	coin := func(n string) string { return `{"denom":"` + asset + `","amount":"` + n + `"}` }

	r := exec(`{"alliance":{"delegate":{"validator":"` + val0 + `","amount":` + coin("3000000") + `}}}`)
	require.Equal(t, "delegate", r.Kind)
	require.Equal(t, math.NewInt(3_000_000), c.AllianceDelegationAmount(probe, c.Validators()[0].ValAddr, asset))

	c.NextBlocks(5)
	before := c.Balance(probe, "stake").Amount
	r = exec(`{"alliance":{"claim_rewards":{"validator":"` + val0 + `","denom":"` + asset + `"}}}`)
	require.Equal(t, "claim", r.Kind)
	require.Len(t, r.Claimed.Rewards, 1)
	paid, ok := math.NewIntFromString(r.Claimed.Rewards[0].Amount)
	require.True(t, ok)
	require.True(t, paid.IsPositive())
	require.Equal(t, before.Add(paid), c.Balance(probe, "stake").Amount)

	unbonding := harness.DefaultConfig().UnbondingTime
	r = exec(`{"alliance":{"redelegate":{"src_validator":"` + val0 + `","dst_validator":"` + val1 + `","amount":` + coin("1000000") + `}}}`)
	require.Equal(t, "redelegate", r.Kind)
	require.Equal(t, uint64(c.Time().Add(unbonding).UnixNano()), r.CompletionTime)

	r = exec(`{"alliance":{"undelegate":{"validator":"` + val0 + `","amount":` + coin("500000") + `}}}`)
	require.Equal(t, "undelegate", r.Kind)
	require.Equal(t, uint64(c.Time().Add(unbonding).UnixNano()), r.CompletionTime)
	undelegatedAt := c.Time()

	// Every query: the contract's answer (decoded and re-encoded by its
	// cwjson codecs) equals the chain querier's answer to the same request.
	chainQuerier := bindings.NewQuerier(alliancekeeper.NewQueryServerImpl(c.App.AllianceKeeper), c.App.StakingKeeper)
	p := probe.String()
	queries := []string{
		`{"alliance":{"denom":"` + asset + `"}}`,
		`{"alliances":{}}`,
		`{"alliance_params":{}}`,
		`{"delegation":{"denom":"` + asset + `","delegator":"` + p + `","validator":"` + val0 + `"}}`,
		`{"delegations":{"delegator":"` + p + `"}}`,
		`{"delegation_rewards":{"denom":"` + asset + `","delegator":"` + p + `","validator":"` + val1 + `"}}`,
		`{"unbondings":{"delegator":"` + p + `"}}`,
		`{"redelegations":{"delegator":"` + p + `","denom":"` + asset + `"}}`,
		`{"alliance_validator":{"validator":"` + val1 + `"}}`,
	}
	answers := map[string]json.RawMessage{}
	for _, q := range queries {
		var got json.RawMessage
		require.NoError(t, c.QuerySmart(probe, []byte(`{"probe":`+q+`}`), &got), q)
		want, err := chainQuerier.Query(c.Context(), []byte(q))
		require.NoError(t, err, q)
		require.JSONEq(t, string(want), string(got), q)
		answers[q] = got
	}

	// And the answers are the chain's state.
	var del struct{ Amount string }
	require.NoError(t, json.Unmarshal(answers[queries[3]], &del))
	require.Equal(t, "1500000", del.Amount)
	var dels struct {
		Delegations []struct{ Validator, Amount string }
	}
	require.NoError(t, json.Unmarshal(answers[queries[4]], &dels))
	require.Len(t, dels.Delegations, 2)
	var unb struct {
		Unbondings []struct {
			Amount         string
			CompletionTime uint64 `json:"completion_time"`
		}
	}
	require.NoError(t, json.Unmarshal(answers[queries[6]], &unb))
	require.Len(t, unb.Unbondings, 1)
	require.Equal(t, "500000", unb.Unbondings[0].Amount)
	require.Equal(t, uint64(undelegatedAt.Add(unbonding).UnixNano()), unb.Unbondings[0].CompletionTime)
	var red struct {
		Redelegations []struct{ SrcValidator, DstValidator, Amount string }
	}
	require.NoError(t, json.Unmarshal(answers[queries[7]], &red))
	require.Len(t, red.Redelegations, 1)
	require.Equal(t, "1000000", red.Redelegations[0].Amount)

	// A query the chain refuses is a clean contract error (wasmd redacts its
	// text for smart-query callers), not a trap.
	err := c.QuerySmart(probe, []byte(`{"probe":{"alliance":{"denom":"unlisted"}}}`), new(json.RawMessage))
	require.ErrorContains(t, err, "query wasm contract failed")

	c.AdvanceTime(unbonding + time.Minute)
	require.Equal(t, int64(5_000_000-3_000_000+500_000), c.Balance(probe, asset).Amount.Int64())
}
