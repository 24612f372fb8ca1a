package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// maxBatchesInFlight bounds the processed batches not yet settled (rs.Batch − rs.FirstUnsettled),
// and so the walk of settle. Every process_unbonds settles what is due before it opens a batch, so
// the unsettled ones are those still unbonding: unbonding_time / unbond_epoch + 1 of them (8 with
// the defaults), plus one for each process_unbonds that ran in the very block an entry completed
// (settling waits then). process_unbonds refuses to open one more only if governance lengthened
// the unbonding time about nine-fold, or if someone timed 60 calls that way; any withdraw, or the
// oldest batch maturing, frees it.
const maxBatchesInFlight = 64

// settle settles every processed batch that has matured and is not settled yet, together, against
// what the chain returned, into rs (the caller saves it). The chain slashes immature unbonding
// entries, so what comes back can be less than a batch undelegated; paying the records would take
// the difference from later claimants or from the holders.
//
// Batches usually mature in id order, but not always: after governance shortens the unbonding
// time a later batch completes before an earlier one. So the walk covers every unsettled batch
// (rs.FirstUnsettled up to the current one, at most maxBatchesInFlight) and settles each whose
// completion time has passed, wherever it is. A batch not settled now has a completion time
// still ahead: the chain has returned nothing of it, so everything that arrived belongs to the
// batches settled here and nothing of a later batch is ever counted for them.
//
//	refused   while the chain still lists an unbonding entry of the contract that is due (it pays
//	          entries at the end of the block: the balance does not show it yet)
//	received  = asset balance − owed − surplus           what came back since the last settlement
//	payout_b  = floor(undelegated_b · min(received, expected) / expected)   (alliance.ShareReceived;
//	            expected = Σ undelegated_b; down: the dust goes to the holders)
//	owed     += Σ payout_b;  surplus += received − Σ payout_b;  unsettled −= expected
//
// A slash is so shared pro rata by the batches that matured with it. Asset that reached the
// contract other than by unbonding or tracked rewards (a donation) since the last harvest counts as
// received: it can make up a shortfall, never pay a batch more than it undelegated.
//
// Once the asset is delisted and its completion time has come, the holders' wind-down is settled
// here once, as one more batch that undelegated rs.Wind; its payout, what is kept and the surplus
// become rs.Pot, which received leaves out from then on (what arrives later for nobody's batch
// joins it). The caller has checked that the chain holds no stake of the contract any more
// (windDownOver).
func settle(deps *std.Deps, env std.Env, cfg Config, rs *RewardState) error {
	var due []uint64
	var dueBatches []Batch
	var amounts []std.Uint128
	now := uint64(env.Block.Time)
	first := rs.Batch // the lowest id still unsettled after this call
	// Bounded: process_unbonds keeps rs.Batch − rs.FirstUnsettled <= maxBatchesInFlight.
	for id := rs.FirstUnsettled; id < rs.Batch; id++ {
		b, found, err := batches.MayLoad(deps.Storage, id)
		if err != nil {
			return err
		}
		if !found || b.Settled { // settled earlier (removed once all its claims were paid)
			continue
		}
		if b.Completion == 0 || b.Completion > now {
			first = min(first, id)
			continue
		}
		due = append(due, id)
		dueBatches = append(dueBatches, b)
		amounts = append(amounts, b.Undelegated)
	}
	// The wind-down of a delisted asset is settled once, with the batches due with it, as one
	// more batch that undelegated Wind (what its entries were seen to hold); a batch seen then
	// counts for what its entries held (Listed), so a slash before is its own, not shared.
	windDown := rs.delisted() && !rs.Final && now >= rs.Delisted
	for i, b := range dueBatches {
		if windDown && b.Seen {
			amounts[i] = b.Listed
		}
	}
	if len(due) == 0 && !windDown {
		rs.FirstUnsettled = first
		return nil
	}
	self := env.Contract.Address
	if _, err := alliance.QueryUnbonding(deps.Querier, self, cfg.AssetDenom, now, true, unbondingPages); err != nil {
		return err
	}
	bal, err := deps.Querier.QueryBalance(self, cfg.AssetDenom)
	if err != nil {
		return err
	}
	received, err := bal.Amount.CheckedSub(rs.Owed)
	if err == nil {
		received, err = received.CheckedSub(rs.Surplus)
	}
	if err == nil {
		received, err = received.CheckedSub(rs.Pot)
	}
	if err != nil {
		return ErrBalanceBelowOwed
	}
	if windDown {
		amounts = append(amounts, rs.Wind)
	}
	kept, err := alliance.ShareReceived(amounts, received)
	if err != nil {
		return err
	}
	// What the holders' shares get: the surplus, then after the wind-down the pot.
	surplus, pot := rs.Surplus, rs.Pot
	if windDown {
		// The wind-down's payout, the rest of what came back and the surplus become the pot.
		pot, err = pot.CheckedAdd(amounts[len(due)])
		if err == nil {
			pot, err = pot.CheckedAdd(surplus)
		}
		surplus = std.Uint128{}
	}
	if err != nil {
		return err
	}
	if rs.Final || windDown {
		pot, err = pot.CheckedAdd(kept)
	} else {
		surplus, err = surplus.CheckedAdd(kept)
	}
	if err != nil {
		return err
	}
	// Everything that can fail is computed before the first write.
	owed, unsettled := rs.Owed, rs.Unsettled
	for i, b := range dueBatches {
		if owed, err = owed.CheckedAdd(amounts[i]); err != nil {
			return err
		}
		// Batches are added to Unsettled when processed: it covers them.
		unsettled = unsettled.SaturatingSub(b.Undelegated)
	}
	for i, b := range dueBatches {
		b.Payout, b.Settled = amounts[i], true
		if err := batches.Save(deps.Storage, due[i], b); err != nil {
			return err
		}
	}
	rs.Owed, rs.Unsettled, rs.Surplus, rs.Pot, rs.FirstUnsettled = owed, unsettled, surplus, pot, first
	if windDown {
		rs.Final, rs.Wind = true, std.Uint128{}
	}
	return nil
}
