package e2e_test

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Governance delists the asset while a direct staker (Dan), the wrapped token (Alice's deposit)
// and the compounder (Bob's deposit) all hold it. The wind-down undelegates every delegation in
// the first block after the proposal passes; after the unbonding time the chain has returned
// every token to its holder of record (Dan 1,000,000, the token 3,000,000, the compounder
// 2,000,000: no take rate, no slash), the asset record is gone, and the invariants held in every
// block. A deposit into the delisting asset is refused, directly and through a contract.
func TestDelistWithDirectStakerTokenAndCompounder(t *testing.T) {
	w := newCompounderWorld(t, 1, "dan", "alice", "bob")
	c := w.c
	val := c.Validators()[0].ValAddr
	deployer := c.Account("lp")
	tokenCode := c.StoreCode(deployer, harness.Fixture(t, "token.wasm"))
	vals, _ := json.Marshal([]string{val.String()})
	token := c.Instantiate(deployer, tokenCode, "staked asset", []byte(`{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"`+asset+
		`","validators":`+string(vals)+`,"unbond_epoch":`+strconv.Itoa(int(tokenEpoch/time.Second))+`}`), nil)

	dan, alice, bob := c.Account("dan"), c.Account("alice"), c.Account("bob")
	c.MustDeliver(dan, &alliancetypes.MsgDelegate{DelegatorAddress: dan.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(asset, 1_000_000)})
	require.NoError(t, c.Execute(alice, token, []byte(`{"deposit":{}}`), assetCoins(3_000_000)).Err())
	w.exec(t, bob, `{"deposit":{}}`, assetCoins(2_000_000))
	c.NextBlocks(3)
	staked := map[string]math.Int{}
	for name, who := range map[string]sdk.AccAddress{"dan": dan.Address, "token": token, "compounder": w.comp} {
		staked[name] = c.AllianceDelegationAmount(who, val, asset)
	}
	// no take rate, no slash: each holds exactly what was deposited
	require.Equal(t, int64(1_000_000), staked["dan"].Int64())
	require.Equal(t, int64(3_000_000), staked["token"].Int64())
	require.Equal(t, int64(2_000_000), staked["compounder"].Int64())
	held := map[string]math.Int{
		"dan": c.Balance(dan.Address, asset).Amount, "token": c.Balance(token, asset).Amount, "compounder": c.Balance(w.comp, asset).Amount,
	}

	c.PassProposal("delist the asset", &alliancetypes.MsgDeleteAlliance{Authority: c.GovAuthority(), Denom: asset})
	a, err := c.AllianceQueries().Alliance(c.Context(), &alliancetypes.QueryAllianceRequest{Denom: asset})
	require.NoError(t, err)
	require.NotNil(t, a.Alliance.DelistCompletionTime, "the asset is winding down")
	completion := *a.Alliance.DelistCompletionTime
	checkInvariants(t, c)

	// Deposits into a delisting asset are refused, through the chain and through the contracts.
	res := c.Deliver(dan, &alliancetypes.MsgDelegate{DelegatorAddress: dan.Address.String(), ValidatorAddress: val.String(), Amount: sdk.NewInt64Coin(asset, 1)})
	require.Error(t, res.Err())
	require.Contains(t, res.Log, "being delisted")
	require.Error(t, c.Execute(alice, token, []byte(`{"deposit":{}}`), assetCoins(1_000)).Err())

	// The delegations are all gone after the first wind-down block; every block until the
	// completion the invariants hold; then the entries pay what was staked.
	c.NextBlock()
	checkInvariants(t, c)
	for name, who := range map[string]sdk.AccAddress{"dan": dan.Address, "token": token, "compounder": w.comp} {
		require.True(t, c.AllianceDelegationAmount(who, val, asset).IsZero(), name)
	}
	for !c.Time().After(completion) {
		c.AdvanceTime(time.Hour)
		checkInvariants(t, c)
	}
	require.Equal(t, held["dan"].Add(staked["dan"]), c.Balance(dan.Address, asset).Amount)
	require.Equal(t, held["token"].Add(staked["token"]), c.Balance(token, asset).Amount)
	require.Equal(t, held["compounder"].Add(staked["compounder"]), c.Balance(w.comp, asset).Amount)
	_, err = c.AllianceQueries().Alliance(c.Context(), &alliancetypes.QueryAllianceRequest{Denom: asset})
	require.Error(t, err, "the asset record is removed once its last token left")
}

func checkInvariants(t *testing.T, c *harness.Chain) {
	t.Helper()
	msg, broken := keeper.AllInvariants(c.App.AllianceKeeper)(c.Context())
	require.False(t, broken, msg)
}
