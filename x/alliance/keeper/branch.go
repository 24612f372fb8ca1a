package keeper

import (
	"context"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// inBranch runs fn in a cache branch of ctx and writes the branch back only
// when fn returns nil. A panic in fn is recovered into the returned error,
// so its partial writes are discarded like an error's. It is how the
// module runs work that must never fail or halt its caller (the begin and
// end blockers, x/staking hooks, the steps of a slash): the caller logs
// the error with its own message and carries on.
func inBranch(ctx context.Context, fn func(context.Context) error) error {
	branch, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := recovered(branch, fn); err != nil {
		return err
	}
	write()
	return nil
}

// recovered is fn(ctx) with a panic turned into an error.
func recovered(ctx context.Context, fn func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn(ctx)
}
