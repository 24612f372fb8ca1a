package keeper_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Structural checks of the store traffic of the delegation messages (what
// their gas is made of), through the multistore's operation tracer.

type storeOp struct {
	Operation string `json:"operation"`
	Key       string `json:"key"`
	Value     string `json:"value"`
}

// traceOps runs fn and returns the store operations it made.
func traceOps(t *testing.T, f *testutil.Fixture, fn func(ctx sdk.Context)) []storeOp {
	t.Helper()
	var buf bytes.Buffer
	ms := f.Ctx.MultiStore()
	ms.SetTracer(&buf)
	defer ms.SetTracer(nil)
	fn(f.Ctx.WithEventManager(sdk.NewEventManager()))
	var ops []storeOp
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var op storeOp
		require.NoError(t, dec.Decode(&op))
		ops = append(ops, op)
	}
	return ops
}

// countOps counts the operations of kind op ("read", "write", "delete") on key.
func countOps(ops []storeOp, op string, key []byte) int {
	want := base64.StdEncoding.EncodeToString(key)
	n := 0
	for _, o := range ops {
		if o.Operation == op && o.Key == want {
			n++
		}
	}
	return n
}

func infoKey(t *testing.T, val sdk.ValAddress) []byte {
	t.Helper()
	k, err := collections.EncodeKeyWithPrefix(types.ValidatorInfoKey, sdk.ValAddressKey, val)
	require.NoError(t, err)
	return k
}

// rewardsPending sets up alice's delegation of aaa on each validator, with
// rewards waiting in x/distribution for the module's stake on each.
func rewardsPending(t *testing.T, vals int) (*testutil.Fixture, sdk.AccAddress) {
	t.Helper()
	f := newFixture(t, vals)
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 10_000))
	for _, v := range f.Validators {
		delegate(t, f, alice, v, coin("aaa", 1000))
	}
	endBlock(t, f, 5*time.Second)
	for _, v := range f.Validators {
		require.NotZero(t, f.VirtualStake(v).Int64())
		require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 10_000))))
	}
	return f, alice
}

// The validator info carries the reward indices and is rewritten by every
// delegation change; booking the withdrawn rewards into it must not cost a
// read and a write of its own: each message reads and writes it once per
// validator it touches. Likewise the asset, which the message reads first,
// is not read again to weigh the rewards.
func TestDelegationMsgsReadAndWriteValidatorInfoOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		vals int
		run  func(ctx sdk.Context, f *testutil.Fixture, alice sdk.AccAddress) error
	}{
		{"delegate", 1, func(ctx sdk.Context, f *testutil.Fixture, alice sdk.AccAddress) error {
			_, err := f.MsgServer.Delegate(ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(f.Validators[0]), Amount: coin("aaa", 100)})
			return err
		}},
		{"undelegate", 1, func(ctx sdk.Context, f *testutil.Fixture, alice sdk.AccAddress) error {
			_, err := f.MsgServer.Undelegate(ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(f.Validators[0]), Amount: coin("aaa", 100)})
			return err
		}},
		{"redelegate", 2, func(ctx sdk.Context, f *testutil.Fixture, alice sdk.AccAddress) error {
			_, err := f.MsgServer.Redelegate(ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice), ValidatorSrcAddress: f.ValStr(f.Validators[0]), ValidatorDstAddress: f.ValStr(f.Validators[1]), Amount: coin("aaa", 100)})
			return err
		}},
		{"claim", 1, func(ctx sdk.Context, f *testutil.Fixture, alice sdk.AccAddress) error {
			_, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(f.Validators[0]), Denom: "aaa"})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, alice := rewardsPending(t, tc.vals)
			var allocated int
			ops := traceOps(t, f, func(ctx sdk.Context) {
				require.NoError(t, tc.run(ctx, f, alice))
				for _, ev := range ctx.EventManager().Events() {
					if ev.Type == "alliance.alliance.ValidatorRewardsAllocatedEvent" {
						allocated++
					}
				}
			})
			// not vacuous: the rewards of every touched validator were booked
			require.Equal(t, tc.vals, allocated)
			assetKey, err := collections.EncodeKeyWithPrefix(types.AssetKey, collections.StringKey, "aaa")
			require.NoError(t, err)
			require.Equal(t, 1, countOps(ops, "read", assetKey), "reads of the asset")
			for _, v := range f.Validators {
				require.Equal(t, 1, countOps(ops, "read", infoKey(t, v)), "reads of the info of %s", f.ValStr(v))
				require.Equal(t, 1, countOps(ops, "write", infoKey(t, v)), "writes of the info of %s", f.ValStr(v))
			}
			msg, broken := f.Invariants()
			require.False(t, broken, msg)
		})
	}
}

// Withdrawing from a validator where the module has no virtual stake, or
// from an address that is no validator, books nothing and is no error.
func TestClaimValidatorRewardsWithoutStake(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	require.True(t, f.VirtualStake(v).IsZero())
	for _, val := range []sdk.ValAddress{v, sdk.ValAddress(testutil.Addr("nobody"))} {
		coins, err := f.Alliance.ClaimValidatorRewards(f.Ctx, val)
		require.NoError(t, err)
		require.True(t, coins.IsZero())
	}
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000)) // claims first, with no stake yet
	require.True(t, claim(t, f, alice, v, "aaa").IsZero())
}
