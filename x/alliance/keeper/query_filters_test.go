package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Audit F4: the unbondings query compared the validator filter as a string,
// so an upper-case address (valid bech32, the same validator for every
// message) found none of the entries the lower-case one finds.
func TestUnbondingsFilterFindsUpperCaseValidator(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 600))
	delegate(t, f, alice, v2, coin("aaa", 400))
	endBlock(t, f, time.Minute)
	for _, u := range []struct {
		val    string
		amount int64
	}{{f.ValStr(v1), 100}, {f.ValStr(v2), 30}} {
		_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: u.val, Amount: coin("aaa", u.amount)})
		require.NoError(t, err)
	}

	for _, val := range []string{f.ValStr(v2), strings.ToUpper(f.ValStr(v2))} {
		q, err := f.Query.AllianceUnbondings(f.Ctx, &types.QueryAllianceUnbondingsRequest{Denom: "aaa", DelegatorAddr: f.AccStr(alice), ValidatorAddr: val})
		require.NoError(t, err, val)
		require.Len(t, q.Unbondings, 1, val) // the 30 from v2, not the 100 from v1
		require.Equal(t, int64(30), q.Unbondings[0].Amount.Int64(), val)
		require.Equal(t, f.ValStr(v2), q.Unbondings[0].ValidatorAddress, val)
	}
}
