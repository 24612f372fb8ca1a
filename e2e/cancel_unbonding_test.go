package e2e_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// A user cancels an unbonding through a real tx: the creation height comes
// from the unbondings query, a partial cancel returns tokens to the
// delegation and pays its rewards (the response says how much), too much is
// refused with codespace alliance code 69 and changes nothing, and a
// cancelled unbonding pays nothing at its completion time.
func TestCancelUnbondingThroughATx(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Funds = map[string]sdk.Coins{"alice": assetCoins(5_000_000)}
	c := harness.NewChain(t, cfg)
	alice := c.Account("alice")
	val := c.Validators()[0].ValAddr
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1"})
	del, v := alice.Address.String(), val.String()
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: v, Amount: sdk.NewInt64Coin(asset, 4_000_000)})
	c.NextBlocks(3)
	undelegated := c.MustDeliver(alice, &alliancetypes.MsgUndelegate{DelegatorAddress: del, ValidatorAddress: v, Amount: sdk.NewInt64Coin(asset, 3_000_000)})

	u, err := c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: del})
	require.NoError(t, err)
	require.Len(t, u.Unbondings, 1)
	require.Equal(t, undelegated.Height, u.Unbondings[0].CreationHeight)
	height := u.Unbondings[0].CreationHeight

	c.NextBlocks(3)
	cancel := func(n int64) harness.TxResult {
		return c.Deliver(alice, &alliancetypes.MsgCancelUnbonding{DelegatorAddress: del, ValidatorAddress: v, Amount: sdk.NewInt64Coin(asset, n), CreationHeight: height})
	}
	before := c.Balance(alice.Address, app.BondDenom).Amount
	res := cancel(1_000_000)
	require.NoError(t, res.Err())
	var out alliancetypes.MsgCancelUnbondingResponse
	require.NoError(t, unpackMsgResponse(c, res, &out))
	paid := out.ClaimedRewards.AmountOf(app.BondDenom)
	require.True(t, paid.IsPositive(), "three blocks of rewards")
	require.Equal(t, before.Add(paid), c.Balance(alice.Address, app.BondDenom).Amount)
	require.Equal(t, math.NewInt(2_000_000), c.AllianceDelegationAmount(alice.Address, val, asset)) // 1M + 1M back

	res = cancel(2_000_001) // the entry holds 2,000,000
	require.Equal(t, alliancetypes.ModuleName, res.Codespace)
	require.Equal(t, uint32(69), res.Code)
	require.Contains(t, res.Log, "2000001uasset requested, 2000000uasset left")
	require.Equal(t, math.NewInt(2_000_000), c.AllianceDelegationAmount(alice.Address, val, asset))

	require.NoError(t, cancel(2_000_000).Err())
	require.Equal(t, math.NewInt(4_000_000), c.AllianceDelegationAmount(alice.Address, val, asset))
	u, err = c.AllianceQueries().AllianceUnbondingsByDelegator(c.Context(), &alliancetypes.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: del})
	require.NoError(t, err)
	require.Empty(t, u.Unbondings)
	c.AdvanceTime(cfg.UnbondingTime + time.Minute)
	require.Equal(t, int64(1_000_000), c.Balance(alice.Address, asset).Amount.Int64(), "a cancelled unbonding paid out")

	// The amino name Ledger/amino-JSON signers see.
	bz, err := c.App.LegacyAmino().MarshalJSON(&alliancetypes.MsgCancelUnbonding{DelegatorAddress: del, ValidatorAddress: v, Amount: sdk.NewInt64Coin(asset, 1), CreationHeight: height})
	require.NoError(t, err)
	require.Contains(t, string(bz), `"type":"alliance/MsgCancelUnbonding"`)
}

// A Go contract (allianceprobe) cancels its own unbonding with the
// cancel_unbonding custom message, finding the height in the unbondings
// query, and its replies carry the rewards each undelegate, redelegate and
// cancel paid: the exact change of its stake balance.
func TestContractCancelsUnbondingAndRepliesCarryRewards(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	cfg.Funds = map[string]sdk.Coins{"owner": assetCoins(5_000_000).Add(sdk.NewInt64Coin(app.BondDenom, 1_000_000))}
	c := harness.NewChain(t, cfg)
	owner := c.Account("owner")
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1"})
	probe := c.Instantiate(owner, c.StoreCode(owner, harness.Fixture(t, "allianceprobe.wasm")), "probe", map[string]any{}, assetCoins(5_000_000))
	v0, v1 := c.Validators()[0].ValAddr, c.Validators()[1].ValAddr
	coin := func(n string) string { return `{"denom":"` + asset + `","amount":"` + n + `"}` }

	type result struct {
		Kind    string `json:"kind"`
		Claimed struct {
			Rewards []struct{ Denom, Amount string }
		} `json:"claimed"`
	}
	// exec runs msg and checks that the rewards the reply saw are exactly what
	// reached the contract's balance.
	exec := func(msg string) result {
		t.Helper()
		before := c.Balance(probe, app.BondDenom).Amount
		require.NoError(t, c.Execute(owner, probe, []byte(msg), nil).Err(), msg)
		var r result
		require.NoError(t, c.QuerySmart(probe, map[string]any{"last_result": struct{}{}}, &r))
		paid := math.ZeroInt()
		for _, cn := range r.Claimed.Rewards {
			require.Equal(t, app.BondDenom, cn.Denom)
			paid, _ = math.NewIntFromString(cn.Amount)
		}
		require.Equal(t, before.Add(paid), c.Balance(probe, app.BondDenom).Amount, msg)
		require.True(t, paid.IsPositive(), "blocks passed since the last change: %s", msg)
		return r
	}
	require.NoError(t, c.Execute(owner, probe, []byte(`{"alliance":{"delegate":{"validator":"`+v0.String()+`","amount":`+coin("3000000")+`}}}`), nil).Err())
	require.NoError(t, c.Execute(owner, probe, []byte(`{"alliance":{"delegate":{"validator":"`+v1.String()+`","amount":`+coin("1000000")+`}}}`), nil).Err())
	c.NextBlocks(3)

	require.Equal(t, "redelegate", exec(`{"alliance":{"redelegate":{"src_validator":"`+v1.String()+`","dst_validator":"`+v0.String()+`","amount":`+coin("500000")+`}}}`).Kind)
	c.NextBlocks(3)
	require.Equal(t, "undelegate", exec(`{"alliance":{"undelegate":{"validator":"`+v0.String()+`","amount":`+coin("1000000")+`}}}`).Kind)

	var unb struct {
		Unbondings []struct {
			Amount         string
			CreationHeight uint64 `json:"creation_height"`
		}
	}
	require.NoError(t, c.QuerySmart(probe, []byte(`{"probe":{"unbondings":{"delegator":"`+probe.String()+`"}}}`), &unb))
	require.Len(t, unb.Unbondings, 1)
	require.Equal(t, "1000000", unb.Unbondings[0].Amount)
	height := strconv.FormatUint(unb.Unbondings[0].CreationHeight, 10)

	c.NextBlocks(3)
	r := exec(`{"alliance":{"cancel_unbonding":{"validator":"` + v0.String() + `","amount":` + coin("400000") + `,"creation_height":` + height + `}}}`)
	require.Equal(t, "cancel_unbonding", r.Kind)
	require.Equal(t, math.NewInt(2_900_000), c.AllianceDelegationAmount(probe, v0, asset)) // 3M + 0.5M − 1M + 0.4M
	require.NoError(t, c.QuerySmart(probe, []byte(`{"probe":{"unbondings":{"delegator":"`+probe.String()+`"}}}`), &unb))
	require.Len(t, unb.Unbondings, 1)
	require.Equal(t, "600000", unb.Unbondings[0].Amount)

	// A refused cancel fails the contract's execute with the chain's error.
	res := c.Execute(owner, probe, []byte(`{"alliance":{"cancel_unbonding":{"validator":"`+v0.String()+`","amount":`+coin("600001")+`,"creation_height":`+height+`}}}`), nil)
	require.Error(t, res.Err())
	require.Contains(t, res.Log, "amount exceeds the balance")
}
