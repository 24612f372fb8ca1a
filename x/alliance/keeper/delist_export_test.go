package keeper

import "context"

// DelistBatchSize is delistBatchSize for the external tests.
const DelistBatchSize = delistBatchSize

// UnpaidRetryLimit is unpaidRetryLimit for the external tests.
const UnpaidRetryLimit = unpaidRetryLimit

// CursorDone is cursorDone for the external tests.
const CursorDone = cursorDone

// DelistCursorState is delistCursor for the external tests.
func (k Keeper) DelistCursorState(ctx context.Context, denom string) (byte, []byte, error) {
	return k.delistCursor(ctx, denom)
}
