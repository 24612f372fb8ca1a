package keeper_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// errorRow is one bad input of one message and what a client reads from the
// refused tx: codespace and code (as baseapp computes them, errorsmod.ABCIInfo)
// and the message's error text (the tx's raw_log adds baseapp's
// "failed to execute message; message index: 0: " before it).
type errorRow struct {
	name  string
	msg   sdk.Msg
	space string
	code  uint32
	text  string
}

// storeBytes is every key and value of every store of the fixture.
func storeBytes(t *testing.T, f *testutil.Fixture) map[string][]byte {
	t.Helper()
	all := map[string][]byte{}
	for name, key := range f.Keys {
		it := f.Ctx.KVStore(key).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			all[name+"/"+string(it.Key())] = bytes.Clone(it.Value())
		}
		require.NoError(t, it.Close())
	}
	return all
}

// requireRefused delivers each row's message through the module's msg
// service router (as a tx does) and checks the error and that no store byte
// changed: the keeper refuses before it writes, whatever the caller does
// with its cache.
func requireRefused(t *testing.T, f *testutil.Fixture, rows []errorRow) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			before := storeBytes(t, f)
			handler := f.Router.Handler(r.msg)
			require.NotNil(t, handler)
			_, err := handler(f.Ctx.WithEventManager(sdk.NewEventManager()), r.msg)
			require.Error(t, err)
			space, code, log := errorsmod.ABCIInfo(err, false)
			require.Equal(t, r.space, space, log)
			require.Equal(t, r.code, code, log)
			require.Equal(t, r.text, log)
			require.Equal(t, before, storeBytes(t, f), "the store changed")
		})
	}
}

// TestDelegationMessagesRefuseBadInputWithRegisteredErrors: MsgDelegate,
// MsgUndelegate, MsgRedelegate and MsgClaimDelegationRewards. Alice holds
// 10 aaa on val and has used her 7 unbonding entries (val, aaa) and her 7
// redelegation entries (val -> dst, aaa): x/staking's default MaxEntries.
func TestDelegationMessagesRefuseBadInputWithRegisteredErrors(t *testing.T) {
	f := newFixture(t, 3)
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1_000))
	bob := testutil.Addr("bob") // no funds, no delegation
	val, dst, third := f.Validators[0], f.Validators[1], f.Validators[2]
	delegate(t, f, alice, val, coin("aaa", 24))
	for i := 0; i < 7; i++ {
		_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(val), Amount: coin("aaa", 1)})
		require.NoError(t, err)
		_, err = f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice), ValidatorSrcAddress: f.ValStr(val), ValidatorDstAddress: f.ValStr(dst), Amount: coin("aaa", 1)})
		require.NoError(t, err)
	}
	a, b, v, d, v3 := f.AccStr(alice), f.AccStr(bob), f.ValStr(val), f.ValStr(dst), f.ValStr(third)
	nobody := f.ValStr(sdk.ValAddress("not-a-validator-addr")) // well formed, not in x/staking
	aaa1 := coin("aaa", 1)

	const space = types.ModuleName
	rows := []errorRow{
		{"delegate: delegator not bech32", &types.MsgDelegate{DelegatorAddress: "alice", ValidatorAddress: v, Amount: aaa1},
			space, 60, `"alice": decoding bech32 failed: invalid bech32 string length 5: invalid address`},
		{"delegate: no validator", &types.MsgDelegate{DelegatorAddress: a, Amount: aaa1}, space, 10, "empty validator address"},
		{"delegate: validator with an account prefix", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: a, Amount: aaa1},
			space, 60, `"` + a + `": hrp does not match bech32 prefix: expected 'cosmosvaloper' got 'cosmos': internal logic error: invalid address`},
		{"delegate: zero amount", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: coin("aaa", 0)}, space, 53, "0aaa: invalid amount"},
		{"delegate: negative amount", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: sdk.Coin{Denom: "aaa", Amount: math.NewInt(-5)}},
			space, 53, "-5aaa: invalid amount"},
		{"delegate: bad denom", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: sdk.Coin{Denom: "1a", Amount: math.NewInt(1)}},
			space, 53, "11a: invalid amount"},
		{"delegate: asset not listed", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: coin("zzz", 1)},
			space, 30, "zzz: alliance asset is not whitelisted"},
		{"delegate: validator not in x/staking", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: nobody, Amount: aaa1},
			space, 11, nobody + ": validator not found"},
		// x/bank's own registered error: clients already know sdk/5.
		{"delegate: delegator lacks the tokens", &types.MsgDelegate{DelegatorAddress: b, ValidatorAddress: v, Amount: aaa1},
			"sdk", 5, "spendable balance 0aaa is smaller than 1aaa: insufficient funds"},

		{"undelegate: delegator not bech32", &types.MsgUndelegate{DelegatorAddress: "", ValidatorAddress: v, Amount: aaa1},
			space, 60, `"": empty address string is not allowed: invalid address`},
		{"undelegate: no validator", &types.MsgUndelegate{DelegatorAddress: a, Amount: aaa1}, space, 10, "empty validator address"},
		{"undelegate: zero amount", &types.MsgUndelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: coin("aaa", 0)}, space, 53, "0aaa: invalid amount"},
		{"undelegate: asset not listed", &types.MsgUndelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: coin("zzz", 1)},
			space, 30, "zzz: alliance asset is not whitelisted"},
		{"undelegate: no delegation", &types.MsgUndelegate{DelegatorAddress: b, ValidatorAddress: v, Amount: aaa1}, space, 12, "delegation not found"},
		{"undelegate: 8th entry", &types.MsgUndelegate{DelegatorAddress: a, ValidatorAddress: v, Amount: aaa1},
			space, 56, "limit 7: too many unbonding entries for this (delegator, validator, denom); wait for one to mature"},

		{"redelegate: delegator not bech32", &types.MsgRedelegate{DelegatorAddress: "alice", ValidatorSrcAddress: v, ValidatorDstAddress: d, Amount: aaa1},
			space, 60, `"alice": decoding bech32 failed: invalid bech32 string length 5: invalid address`},
		{"redelegate: no source", &types.MsgRedelegate{DelegatorAddress: a, ValidatorDstAddress: d, Amount: aaa1}, space, 10, "empty validator address"},
		{"redelegate: no destination", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: v, Amount: aaa1}, space, 10, "empty validator address"},
		{"redelegate: zero amount", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: v, ValidatorDstAddress: d, Amount: coin("aaa", 0)},
			space, 53, "0aaa: invalid amount"},
		{"redelegate: to itself", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: v, ValidatorDstAddress: v, Amount: aaa1},
			space, 54, "source and destination validators are the same"},
		{"redelegate: asset not listed", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: v, ValidatorDstAddress: d, Amount: coin("zzz", 1)},
			space, 30, "zzz: alliance asset is not whitelisted"},
		{"redelegate: destination not in x/staking", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: v, ValidatorDstAddress: nobody, Amount: aaa1},
			space, 11, nobody + ": validator not found"},
		{"redelegate: no delegation", &types.MsgRedelegate{DelegatorAddress: b, ValidatorSrcAddress: v, ValidatorDstAddress: d, Amount: aaa1},
			space, 12, "delegation not found"},
		{"redelegate: 8th entry", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: v, ValidatorDstAddress: d, Amount: aaa1},
			space, 57, "limit 7: too many redelegation entries for this (delegator, source, destination, denom); wait for one to mature"},
		// dst received alice's immature redelegations: no hop onwards.
		{"redelegate: transitive", &types.MsgRedelegate{DelegatorAddress: a, ValidatorSrcAddress: d, ValidatorDstAddress: v3, Amount: aaa1},
			space, 55, types.ErrTransitiveRedelegation.Error()},

		{"claim: delegator not bech32", &types.MsgClaimDelegationRewards{DelegatorAddress: "alice", ValidatorAddress: v, Denom: "aaa"},
			space, 60, `"alice": decoding bech32 failed: invalid bech32 string length 5: invalid address`},
		{"claim: no validator", &types.MsgClaimDelegationRewards{DelegatorAddress: a, Denom: "aaa"}, space, 10, "empty validator address"},
		{"claim: asset not listed", &types.MsgClaimDelegationRewards{DelegatorAddress: a, ValidatorAddress: v, Denom: "zzz"},
			space, 30, "zzz: alliance asset is not whitelisted"},
		{"claim: no delegation", &types.MsgClaimDelegationRewards{DelegatorAddress: b, ValidatorAddress: v, Denom: "aaa"}, space, 12, "delegation not found"},
	}
	requireRefused(t, f, rows)
}

// TestGovMessagesRefuseBadInputWithRegisteredErrors: MsgUpdateParams,
// MsgCreateAlliance, MsgUpdateAlliance, MsgDeleteAlliance and the legacy
// (v1beta1) proposal handler. "aaa" is listed with range [0, 10].
func TestGovMessagesRefuseBadInputWithRegisteredErrors(t *testing.T) {
	f := newFixture(t, 1)
	listed(t, f, "aaa", one, zero)
	gov := f.Alliance.GetAuthority()
	mallory := f.AccStr(testutil.Addr("mallory"))
	params := types.DefaultParams()
	create := func(denom string, edit func(*types.MsgCreateAlliance)) *types.MsgCreateAlliance {
		m := &types.MsgCreateAlliance{Authority: gov, Denom: denom, RewardWeight: one, TakeRate: zero, RewardChangeRate: one,
			RewardWeightRange: types.RewardWeightRange{Min: zero, Max: math.LegacyNewDec(2)}}
		edit(m)
		return m
	}
	update := func(denom string, edit func(*types.MsgUpdateAlliance)) *types.MsgUpdateAlliance {
		m := &types.MsgUpdateAlliance{Authority: gov, Denom: denom, RewardWeight: one, TakeRate: zero, RewardChangeRate: one,
			RewardWeightRange: types.RewardWeightRange{Min: zero, Max: math.LegacyNewDec(2)}}
		edit(m)
		return m
	}
	keep := func(*types.MsgCreateAlliance) {}
	withParams := func(edit func(*types.Params)) *types.MsgUpdateParams {
		p := params
		edit(&p)
		return &types.MsgUpdateParams{Authority: gov, Params: p}
	}

	const space = types.ModuleName
	wrongAuthority := "expected " + gov + ", got " + mallory + ": invalid authority"
	rows := []errorRow{
		{"update params: not gov", &types.MsgUpdateParams{Authority: mallory, Params: params}, space, 59, wrongAuthority},
		{"update params: negative reward delay", withParams(func(p *types.Params) { p.RewardDelayTime = -time.Second }),
			space, 50, "reward_delay_time must not be negative: -1s: invalid params"},
		{"update params: zero take rate interval", withParams(func(p *types.Params) { p.TakeRateClaimInterval = 0 }),
			space, 50, "take_rate_claim_interval must be positive: 0s: invalid params"},

		{"create: not gov", create("bbb", func(m *types.MsgCreateAlliance) { m.Authority = mallory }), space, 59, wrongAuthority},
		{"create: bad denom", create("1b", keep), space, 51, "denom: invalid denom: 1b: invalid alliance asset"},
		{"create: bond denom", create(testutil.BondDenom, keep), space, 52, testutil.BondDenom + " is the native bond denom: denom cannot be an alliance asset"},
		{"create: listed already", create("aaa", keep), space, 31, "aaa: alliance asset already exists"},
		{"create: weight outside its range", create("bbb", func(m *types.MsgCreateAlliance) { m.RewardWeight = math.LegacyNewDec(3) }),
			space, 40, "reward_weight 3.000000000000000000 outside [0.000000000000000000, 2.000000000000000000]: reward weight out of bounds"},
		{"create: range above MaxRewardWeight", create("bbb", func(m *types.MsgCreateAlliance) { m.RewardWeightRange.Max = math.LegacyNewDec(11) }),
			space, 62, "reward_weight_range max 11.000000000000000000 > 10.000000000000000000: reward weight above the module's maximum (MaxRewardWeight)"},
		{"create: take rate 1", create("bbb", func(m *types.MsgCreateAlliance) { m.TakeRate = one }), space, 51, "take_rate must be in [0, 1): invalid alliance asset"},
		{"create: change rate 0", create("bbb", func(m *types.MsgCreateAlliance) { m.RewardChangeRate = zero }),
			space, 51, "reward_change_rate must be > 0: invalid alliance asset"},

		{"update: not gov", update("aaa", func(m *types.MsgUpdateAlliance) { m.Authority = mallory }), space, 59, wrongAuthority},
		{"update: not listed", update("zzz", func(*types.MsgUpdateAlliance) {}), space, 30, "zzz: alliance asset is not whitelisted"},
		{"update: weight outside its range", update("aaa", func(m *types.MsgUpdateAlliance) { m.RewardWeight = math.LegacyNewDec(3) }),
			space, 40, "reward_weight 3.000000000000000000 outside [0.000000000000000000, 2.000000000000000000]: reward weight out of bounds"},

		{"delete: not gov", &types.MsgDeleteAlliance{Authority: mallory, Denom: "aaa"}, space, 59, wrongAuthority},
		{"delete: not listed", &types.MsgDeleteAlliance{Authority: gov, Denom: "zzz"}, space, 30, "zzz: alliance asset is not whitelisted"},
	}
	requireRefused(t, f, rows)

	// The legacy proposal route: ValidateBasic, then the handler.
	before := storeBytes(t, f)
	noTitle := &types.MsgDeleteAllianceProposal{Description: "d", Denom: "aaa"}
	space2, code, log := errorsmod.ABCIInfo(noTitle.ValidateBasic(), false)
	require.Equal(t, []any{space, uint32(78), "title and description must not be empty: invalid alliance proposal"}, []any{space2, code, log})
	handler := keeper.NewLegacyProposalHandler(f.Alliance)
	space2, code, log = errorsmod.ABCIInfo(handler(f.Ctx, &types.MsgDeleteAllianceProposal{Title: "t", Description: "d", Denom: "zzz"}), false)
	require.Equal(t, []any{space, uint32(30), "zzz: alliance asset is not whitelisted"}, []any{space2, code, log})
	require.Equal(t, before, storeBytes(t, f))
}

// TestCancelAndDelistingRefuseBadInputWithRegisteredErrors: MsgCancelUnbonding
// and the messages refused while an asset winds down after a delisting.
// Alice undelegated 2 aaa from val and 1 aaa from jailed at height h; "bbb"
// is being delisted (it still held her 5 bbb when gov deleted it).
func TestCancelAndDelistingRefuseBadInputWithRegisteredErrors(t *testing.T) {
	f := newFixture(t, 2)
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1_000), coin("bbb", 100))
	val, jailed := f.Validators[0], f.Validators[1]
	delegate(t, f, alice, val, coin("aaa", 10))
	delegate(t, f, alice, jailed, coin("aaa", 10))
	delegate(t, f, alice, val, coin("bbb", 5))
	for _, u := range []struct {
		val sdk.ValAddress
		amt int64
	}{{val, 2}, {jailed, 1}} {
		_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(u.val), Amount: coin("aaa", u.amt)})
		require.NoError(t, err)
	}
	h := f.Ctx.BlockHeight()
	_, err := f.MsgServer.DeleteAlliance(f.Ctx, &types.MsgDeleteAlliance{Authority: f.Alliance.GetAuthority(), Denom: "bbb"})
	require.NoError(t, err)
	unbondingTime, err := f.Staking.UnbondingTime(f.Ctx)
	require.NoError(t, err)
	// The wind-down of bbb completes one unbonding time after the delisting.
	until := f.Ctx.BlockTime().Add(unbondingTime).UTC().Format(time.RFC3339)
	v, err := f.Staking.GetValidator(f.Ctx, jailed)
	require.NoError(t, err)
	cons, err := v.GetConsAddr()
	require.NoError(t, err)
	require.NoError(t, f.Staking.Jail(f.Ctx, cons))

	a, v1, vj := f.AccStr(alice), f.ValStr(val), f.ValStr(jailed)
	cancel := func(valStr string, c sdk.Coin, height int64) *types.MsgCancelUnbonding {
		return &types.MsgCancelUnbonding{DelegatorAddress: a, ValidatorAddress: valStr, Amount: c, CreationHeight: height}
	}
	const space = types.ModuleName
	rows := []errorRow{
		{"cancel: delegator not bech32", &types.MsgCancelUnbonding{DelegatorAddress: "alice", ValidatorAddress: v1, Amount: coin("aaa", 1), CreationHeight: h},
			space, 60, `"alice": decoding bech32 failed: invalid bech32 string length 5: invalid address`},
		{"cancel: no validator", cancel("", coin("aaa", 1), h), space, 10, "empty validator address"},
		{"cancel: zero amount", cancel(v1, coin("aaa", 0), h), space, 53, "0aaa: invalid amount"},
		{"cancel: height 0", cancel(v1, coin("aaa", 1), 0), space, 68,
			"creation height must be positive, got 0: " + types.ErrNoUnbondingEntry.Error()},
		{"cancel: asset not listed", cancel(v1, coin("zzz", 1), h), space, 30, "zzz: alliance asset is not whitelisted"},
		{"cancel: no entry at that height", cancel(v1, coin("aaa", 1), h+1), space, 68,
			fmt.Sprintf("aaa on %s at height %d: %s", v1, h+1, types.ErrNoUnbondingEntry.Error())},
		// The entry at h holds 2 aaa.
		{"cancel: more than the entry holds", cancel(v1, coin("aaa", 3), h), space, 69,
			"3aaa requested, 2aaa left: " + types.ErrUnbondingBalanceExceeded.Error()},
		{"cancel: validator jailed", cancel(vj, coin("aaa", 1), h), space, 70, vj + ": " + types.ErrValidatorJailed.Error()},
		{"cancel: asset being delisted", cancel(v1, coin("bbb", 1), h), space, 71, "bbb: " + types.ErrCancelIntoDelisting.Error()},

		{"delegate: asset being delisted", &types.MsgDelegate{DelegatorAddress: a, ValidatorAddress: v1, Amount: coin("bbb", 1)},
			space, 63, "bbb, until " + until + ": " + types.ErrAssetDelisting.Error()},
		{"update: asset being delisted", &types.MsgUpdateAlliance{Authority: f.Alliance.GetAuthority(), Denom: "bbb", RewardWeight: one, TakeRate: zero,
			RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: zero, Max: one}},
			space, 63, "bbb, until " + until + ": " + types.ErrAssetDelisting.Error()},
		{"create: relisting during the wind-down", &types.MsgCreateAlliance{Authority: f.Alliance.GetAuthority(), Denom: "bbb", RewardWeight: one, TakeRate: zero,
			RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: zero, Max: one}},
			space, 64, "bbb: its wind-down completes at " + until + ": " + types.ErrRelistDuringDelisting.Error()},
	}
	requireRefused(t, f, rows)

	// Past the completion time, before the EndBlock that pays it out.
	f.Ctx = f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(unbondingTime))
	requireRefused(t, f, []errorRow{{"cancel: entry matured", cancel(v1, coin("aaa", 1), h), space, 72,
		fmt.Sprintf("height %d: %s", h, types.ErrUnbondingMatured.Error())}})
}
