package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Defect 1: a zero (or negative) take_rate_claim_interval is refused by
// MsgUpdateParams and genesis (upstream accepted it and divided by zero in
// EndBlock).
func TestZeroTakeRateIntervalRejected(t *testing.T) {
	f := newFixture(t, 1)
	for _, d := range []time.Duration{0, -time.Second} {
		p := types.DefaultParams()
		p.TakeRateClaimInterval = d
		_, err := f.MsgServer.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
		require.ErrorIs(t, err, types.ErrInvalidParams)
		gs := types.DefaultGenesisState()
		gs.Params = p
		require.Error(t, gs.Validate())
	}
	p := types.DefaultParams()
	p.TakeRateClaimInterval = time.Minute
	_, err := f.MsgServer.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err)
	_, err = f.MsgServer.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.AccStr(testutil.Addr("x")), Params: p})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
	// Even a corrupted store value cannot make EndBlock divide by zero.
	p.TakeRateClaimInterval = 0
	require.NoError(t, f.Alliance.Params.Set(f.Ctx, p))
	listed(t, f, "aaa", one, dec("0.5"))
	alice := fund(t, f, "alice", coin("aaa", 10))
	delegate(t, f, alice, f.Validators[0], coin("aaa", 10))
	endBlock(t, f, time.Hour)
	endBlock(t, f, time.Hour)
	require.Equal(t, int64(10), asset(t, f, "aaa").TotalTokens.Int64())
}

// Defect 2: the bond denom (which the module mints and burns) cannot be
// listed, neither by governance nor through genesis.
func TestBondDenomCannotBeListed(t *testing.T) {
	f := newFixture(t, 1)
	err := f.CreateAlliance(testutil.BondDenom, one, zero, one, 0, zero, one)
	require.ErrorIs(t, err, types.ErrForbiddenDenom)
	gs := types.DefaultGenesisState()
	gs.Assets = append(gs.Assets, types.NewAllianceAsset(testutil.BondDenom, one, zero, one, 0, types.RewardWeightRange{Min: zero, Max: one}, f.Ctx.BlockTime()))
	f2 := newFixture(t, 0)
	require.ErrorIs(t, f2.Alliance.InitGenesis(f2.Ctx, gs), types.ErrForbiddenDenom)
}

func TestGovMessages(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	// create: range checks, duplicate, authority
	require.ErrorIs(t, f.CreateAlliance("aaa", dec("2"), zero, one, 0, zero, one), types.ErrRewardWeightOutOfBnd)
	require.ErrorIs(t, f.CreateAlliance("aaa", one, one, one, 0, zero, one), types.ErrInvalidAsset)   // take rate 1
	require.ErrorIs(t, f.CreateAlliance("aaa", one, zero, zero, 0, zero, one), types.ErrInvalidAsset) // change rate 0
	require.ErrorIs(t, f.CreateAlliance("aaa", one, zero, one, 0, one, zero), types.ErrInvalidAsset)  // min > max
	require.NoError(t, f.CreateAlliance("aaa", one, zero, one, 0, zero, dec("2")))
	require.ErrorIs(t, f.CreateAlliance("aaa", one, zero, one, 0, zero, one), types.ErrAlreadyExists)
	_, err := f.MsgServer.CreateAlliance(f.Ctx, &types.MsgCreateAlliance{Authority: f.AccStr(testutil.Addr("x")), Denom: "ccc",
		RewardWeight: one, TakeRate: zero, RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: zero, Max: one}})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)

	// update: the range is validated as on create (upstream did not)
	upd := &types.MsgUpdateAlliance{Authority: f.Authority, Denom: "aaa", RewardWeight: dec("1.5"), TakeRate: zero,
		RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: dec("3"), Max: dec("1")}}
	_, err = f.MsgServer.UpdateAlliance(f.Ctx, upd)
	require.Error(t, err)
	upd.RewardWeightRange = types.RewardWeightRange{Min: zero, Max: dec("2")}
	_, err = f.MsgServer.UpdateAlliance(f.Ctx, upd)
	require.NoError(t, err)
	require.Equal(t, dec("1.5"), asset(t, f, "aaa").RewardWeight)

	// delete of an asset that holds no tokens removes it at once (with
	// stake it winds down first: delist_test.go)
	alice := fund(t, f, "alice", coin("aaa", 100))
	delegate(t, f, alice, v, coin("aaa", 100))
	_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 100)})
	require.NoError(t, err)
	_, err = f.MsgServer.DeleteAlliance(f.Ctx, &types.MsgDeleteAlliance{Authority: f.Authority, Denom: "aaa"})
	require.NoError(t, err)
	_, err = f.Alliance.GetAsset(f.Ctx, "aaa")
	require.ErrorIs(t, err, types.ErrUnknownAsset)
	// every gov action emitted its typed event
	var kinds []string
	for _, e := range f.Ctx.EventManager().Events() {
		kinds = append(kinds, e.Type)
	}
	require.Contains(t, kinds, "alliance.alliance.CreateAllianceEvent")
	require.Contains(t, kinds, "alliance.alliance.UpdateAllianceEvent")
	require.Contains(t, kinds, "alliance.alliance.DeleteAllianceEvent")
	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Second)
	require.Equal(t, int64(100), f.Balance(alice, "aaa").Int64()) // unbonding still pays after delisting
}

// The router accepts every Msg (signer annotations present) and the type
// URLs and amino names are upstream's.
func TestWireNames(t *testing.T) {
	f := newFixture(t, 0)
	for _, m := range []sdk.Msg{&types.MsgDelegate{}, &types.MsgRedelegate{}, &types.MsgUndelegate{}, &types.MsgClaimDelegationRewards{},
		&types.MsgUpdateParams{}, &types.MsgCreateAlliance{}, &types.MsgUpdateAlliance{}, &types.MsgDeleteAlliance{}} {
		require.NotNil(t, f.Router.Handler(m), sdk.MsgTypeURL(m))
	}
	require.Equal(t, "/alliance.alliance.MsgDelegate", sdk.MsgTypeURL(&types.MsgDelegate{}))
	require.Equal(t, "/alliance.alliance.MsgClaimDelegationRewards", sdk.MsgTypeURL(&types.MsgClaimDelegationRewards{}))
	bz, err := f.Encoding.Amino.MarshalJSON(&types.MsgDelegate{DelegatorAddress: "d", ValidatorAddress: "v", Amount: coin("aaa", 1)})
	require.NoError(t, err)
	require.Contains(t, string(bz), `"type":"alliance/MsgDelegate"`)
	bz, err = f.Encoding.Amino.MarshalJSON(&types.MsgDeleteAlliance{Authority: "a", Denom: "aaa"})
	require.NoError(t, err)
	require.Contains(t, string(bz), `"type":"alliance/MsgDeleteAlliance"`)
}

// Defect 4: the validator-shares invariant really compares shares, also when
// reward indices exist (upstream's decoded nothing, or failed on any
// non-empty reward history), and reports corruption.
func TestValidatorSharesInvariantDetectsCorruption(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 600))
	delegate(t, f, alice, v2, coin("aaa", 400))
	endBlock(t, f, time.Minute)
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 1000))))
	claim(t, f, alice, v1, "aaa")
	info, err := f.Alliance.GetValidatorInfo(f.Ctx, v1)
	require.NoError(t, err)
	require.NotEmpty(t, info.GlobalRewardHistory)
	msg, broken := f.Invariants()
	require.False(t, broken, msg)

	info.SetValidatorShares("aaa", dec("601"))
	require.NoError(t, f.Alliance.ValidatorInfos.Set(f.Ctx, v1, info))
	msg, broken = f.Invariants()
	require.True(t, broken)
	require.Contains(t, msg, "total_validator_shares 1000.000000000000000000 != sum over validators 1001.000000000000000000")

	info.SetValidatorShares("aaa", dec("600"))
	info.SetTotalDelegatorShares("aaa", dec("599"))
	require.NoError(t, f.Alliance.ValidatorInfos.Set(f.Ctx, v1, info))
	msg, broken = f.Invariants()
	require.True(t, broken)
	require.Contains(t, msg, "delegator-shares")
}

// Export → import into a fresh store → export gives the same state.
func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, dec("0.01"))
	listed(t, f, "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", dec("0.5"), zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 1000))))
	_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice), ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 300)})
	require.NoError(t, err)
	_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v1), Amount: coin("aaa", 100)})
	require.NoError(t, err)
	endBlock(t, f, 10*time.Minute)

	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Assets, 2)
	require.Len(t, gs.Delegations, 2)
	require.Len(t, gs.Redelegations, 1)
	require.Len(t, gs.Undelegations, 1)
	bz := f.Encoding.Codec.MustMarshalJSON(gs)

	f2 := newFixture(t, 2) // same deterministic validator addresses
	var gs2 types.GenesisState
	f2.Encoding.Codec.MustUnmarshalJSON(bz, &gs2)
	require.NoError(t, f2.Alliance.InitGenesis(f2.Ctx, &gs2))
	out, err := f2.Alliance.ExportGenesis(f2.Ctx)
	require.NoError(t, err)
	require.Equal(t, string(bz), string(f2.Encoding.Codec.MustMarshalJSON(out)))
}
