package keeper

import (
	"context"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Where x/distribution pays the rewards of the virtual stake.
//
// The alliance account is the delegator of the virtual stake, so x/distribution
// pays its rewards to that account's withdraw address. Pointing the withdraw
// address at the reward pool (alliance_rewards) makes x/distribution pay the
// pool directly, which saves the module-to-module transfer that would move
// them there afterwards, and the alliance account's balance entry that
// would be written and emptied on the way: about 14,000 store gas on every
// delegate, undelegate and claim, twice that on a redelegate
// (BenchmarkDelegationMsgs: MsgDelegate 153,038 -> 139,323). That needs the pool to be an address x/bank lets
// receive funds; NewKeeper decides which path the chain uses (RewardsToPool).
//
// The route is state of x/distribution (exported and imported with its
// genesis, as delegator_withdraw_infos). It is written:
//   - by InitGenesis, which runs after x/distribution's (see app/modules.go),
//     so a genesis exported before this routing existed is fixed on import;
//   - by BeginBlocker, if it is not what the keeper expects: a chain whose
//     state predates the routing (in-place upgrade) is fixed before the first
//     transaction of the first block, and a chain that changes its mind
//     (the pool becomes blocked, or stops being blocked) is switched over.
//     The app runs it first among the begin blockers, before x/slashing and
//     x/evidence can slash (the alliance slash hook withdraws rewards). An
//     upgrade handler (it runs before every begin blocker) that moves
//     alliance stake should call EnsureRewardsRoute first.
//
// Nothing else can change it: MsgSetWithdrawAddress must be signed by the
// delegator, and no one can sign for a module account.

// RewardsToPool reports whether x/distribution pays the virtual stake's
// rewards straight into the reward pool (false: into the alliance account,
// then moved to the pool).
func (k Keeper) RewardsToPool() bool { return k.rewardsToPool }

// rewardsHolder is the module account the rewards are in right after
// x/distribution paid them.
func (k Keeper) rewardsHolder() string {
	if k.rewardsToPool {
		return types.RewardsPoolName
	}
	return types.ModuleName
}

// EnsureRewardsRoute makes the alliance account's withdraw address in
// x/distribution the reward pool (RewardsToPool) or the account itself. It
// reads one entry and writes only if it differs, so calling it again changes
// nothing.
//
// It writes x/distribution's store directly (SetDelegatorWithdrawAddr), not
// through SetWithdrawAddr: see types.DistributionKeeper.
func (k Keeper) EnsureRewardsRoute(ctx context.Context) error {
	mod := k.moduleAddress()
	want := mod
	if k.rewardsToPool {
		want = k.accountKeeper.GetModuleAddress(types.RewardsPoolName)
	}
	cur, err := k.distributionKeeper.GetDelegatorWithdrawAddr(ctx, mod)
	if err != nil {
		return err
	}
	if cur.Equals(want) {
		return nil
	}
	return k.distributionKeeper.SetDelegatorWithdrawAddr(ctx, mod, want)
}

// BeginBlocker checks the rewards route (one store read per block, none per
// transaction) and repairs it if needed. It deliberately keeps no
// "already checked" flag in memory: a block may be executed and then thrown
// away (optimistic execution, a failed proposal), and a flag set there would
// make this node skip a write that the others do. Like the EndBlocker it never
// fails the block: an error is logged and its writes discarded.
func (k Keeper) BeginBlocker(ctx context.Context) error {
	k.runStep(ctx, "rewards route", k.EnsureRewardsRoute)
	return nil
}
