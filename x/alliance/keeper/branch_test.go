package keeper

import (
	"context"
	"errors"
	"testing"

	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// TestInBranchWritesOnlyOnSuccess: what fn writes (store and events) reaches
// the caller's context only when fn returns nil; an error or a panic
// discards it, and the panic comes back as an error instead of unwinding
// the caller (a blocker or a hook must not halt the chain).
func TestInBranchWritesOnlyOnSuccess(t *testing.T) {
	key := storetypes.NewKVStoreKey("branch")
	ctx := sdktestutil.DefaultContext(key, storetypes.NewTransientStoreKey("branch_t"))
	write := func(k string, then func()) func(context.Context) error {
		return func(c context.Context) error {
			sc := sdk.UnwrapSDKContext(c)
			sc.KVStore(key).Set([]byte(k), []byte{1})
			sc.EventManager().EmitEvent(sdk.NewEvent(k))
			then()
			return nil
		}
	}
	boom := errors.New("boom")

	require.NoError(t, inBranch(ctx, write("ok", func() {})))
	err := inBranch(ctx, func(c context.Context) error {
		_ = write("failed", func() {})(c)
		return boom
	})
	require.ErrorIs(t, err, boom)
	err = inBranch(ctx, write("panicked", func() { panic("bad input") }))
	require.EqualError(t, err, "panic: bad input")

	store := ctx.KVStore(key)
	require.True(t, store.Has([]byte("ok")))
	require.False(t, store.Has([]byte("failed")))
	require.False(t, store.Has([]byte("panicked")))
	events := ctx.EventManager().Events()
	require.Len(t, events, 1)
	require.Equal(t, "ok", events[0].Type)
}
