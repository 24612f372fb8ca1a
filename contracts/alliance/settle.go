package alliance

// Settling unbonding claims against what the chain actually returned. The chain slashes
// unbonding entries that are still immature, so what comes back can be less than what a contract
// recorded when it undelegated; a contract that pays the recorded amounts would take the
// difference from its other claimants or holders. Both the wrapped token and the compounder
// settle their matured claims in batches with these two helpers.

import (
	"errors"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// ErrUnbondingDue is returned by QueryUnbonding when an entry whose completion time has passed is
// still listed: the chain pays entries at the end of the block, so the balance does not show it yet.
var ErrUnbondingDue = errors.New("unbonded tokens not received yet: try again after the next block")

// QueryUnbonding returns the sum of delegator's unbonding entries of denom still listed by the
// chain (after any slash of them), reading at most maxPages pages of bt.MaxPageLimit entries.
// With refuseDue, an entry that completes at or before now (Unix ns) is ErrUnbondingDue.
func QueryUnbonding(q std.Querier, delegator, denom string, now uint64, refuseDue bool, maxPages int) (std.Uint128, error) {
	total := std.Uint128{}
	req := bt.UnbondingsRequest{Delegator: delegator, Denom: denom, Pagination: &bt.PageRequest{Limit: bt.MaxPageLimit}}
	for page := 0; page < maxPages; page++ {
		res, err := QueryUnbondings(q, req)
		if err != nil {
			return total, errors.New("unbondings query: " + err.Error())
		}
		for _, u := range res.Unbondings {
			if refuseDue && u.CompletionTime <= now {
				return total, ErrUnbondingDue
			}
			a, err := std.ParseUint128(u.Amount)
			if err != nil {
				return total, err
			}
			if total, err = total.CheckedAdd(a); err != nil {
				return total, err
			}
		}
		if len(res.NextKey) == 0 {
			return total, nil
		}
		req.Pagination = &bt.PageRequest{Key: res.NextKey, Limit: bt.MaxPageLimit}
	}
	return total, errors.New("too many unbonding entries to list")
}

// ShareReceived settles one batch of claims against what came back for them:
//
//	expected  = Σ amounts[i]
//	paid      = min(received, expected)
//	payout_i  = floor(amounts[i] · paid / expected)    (down: the dust is kept, never paid)
//	kept      = received − Σ payout_i                  (dust, and anything beyond expected)
//
// The payouts overwrite amounts. So no claim is paid more than its amount, the batch together no
// more than received, and a shortfall is shared pro rata. An empty or all-zero batch pays nothing
// and keeps all of received (expected = 0 is never a denominator).
func ShareReceived(amounts []std.Uint128, received std.Uint128) (kept std.Uint128, err error) {
	expected := std.Uint128{}
	for _, a := range amounts {
		if expected, err = expected.CheckedAdd(a); err != nil {
			return received, err
		}
	}
	if expected.IsZero() {
		return received, nil
	}
	paid := received.Min(expected)
	kept = received
	for i, a := range amounts {
		// floor; expected > 0 (checked above). payout_i <= amount_i, Σ payout_i <= paid.
		if amounts[i], err = a.MulDivFloor(paid, expected); err != nil {
			return received, err
		}
		kept = kept.SaturatingSub(amounts[i]) // never saturates: Σ payout_i <= paid <= received
	}
	return kept, nil
}
