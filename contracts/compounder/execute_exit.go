package main

// The vault after governance delisted its asset (README, "After a delisting").
//
// The chain then undelegates every delegation of the asset, the contract's too, into unbonding
// entries that complete at the asset's delist_completion_time, pays their pending rewards, refuses
// new stake of it, and removes the asset record at the completion. The contract's stake becomes
// unbonding entries it did not create, then free balance; valued at its stake alone, a share would
// be worth nothing and no batch could take anybody out. So, once the contract has seen the
// delisting (delistCompletion, on every deposit, process_withdrawals, harvest and exit):
//
//	deposit, process_withdrawals   refused (ErrAssetDelisted): the chain takes no stake, and
//	                               every entry completes at the same time anyway
//	harvest                        claims, swaps routed rewards into the asset (TWAP guard as
//	                               ever) and keeps the asset for the holders: no restake
//	holdings                       stake + unbonding listed + balance − owed − unsettled
//	                               (the chain's entries and the free asset, less what the
//	                               batches processed before the delisting are owed)
//	exit (once the wind-down completed, every token back in the balance, batches settled)
//	                               holders = total_shares + queued − 1000  (the locked shares
//	                               are the contract's own: their part goes to the holders)
//	                               pay     = floor(shares · (balance − owed) / holders)  (down)
//	                               pay_d   = floor(shares · balance_d / holders) of every
//	                                         routed reward denom still held (down)
//	                               the last holder's shares are all holders' shares: it takes
//	                               the whole remainder, so no dust stays behind.
//
// Batches processed before the delisting keep their own entries (completing before the
// delisting's) and settle as ever: a claim between their maturity and the completion settles each
// at what its entries returned; settled later, together with the wind-down's return, a batch is
// paid at most what it undelegated (the settlement rule: asset that arrived with it can make up a
// slashed entry's shortfall).

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// delistCompletion returns the asset's delist_completion_time (Unix ns), or 0 while it is listed.
// The first call that finds the asset delisting records it (save: a query cannot write); from then
// on the vault stays wound down, even if the denom is listed again. A vault whose holders have no
// delegation left at all has been wound down by a delisting it did not see (the record is removed
// at the completion, and the denom may even be listed again since): its completion has passed.
// Nothing else empties the delegations while there are holders (a withdrawal batch leaves the
// locked shares' part, a slash leaves worthless delegations listed).
func delistCompletion(deps *std.Deps, env std.Env, cfg Config, v *vault, save bool) (uint64, error) {
	d, found, err := delisting.MayLoad(deps.Storage)
	if err != nil || found {
		return d.Completion, err
	}
	holders, err := v.holderShares()
	if err != nil {
		return 0, err
	}
	a, err := alliance.QueryAlliance(deps.Querier, cfg.AssetDenom)
	switch {
	case err == nil && a.DelistCompletionTime != nil && *a.DelistCompletionTime != 0:
		d.Completion = *a.DelistCompletionTime
	case len(v.stakes) == 0 && !holders.IsZero():
		d.Completion = uint64(env.Block.Time)
	case err != nil:
		return 0, withCause(ErrAllianceQuery, err)
	default:
		return 0, nil
	}
	if !save {
		return d.Completion, nil
	}
	return d.Completion, delisting.Save(deps.Storage, d)
}

// refuseDelisted is the refusal of deposit and process_withdrawals once the asset is delisted.
func refuseDelisted(deps *std.Deps, env std.Env, cfg Config, v *vault) error {
	done, err := delistCompletion(deps, env, cfg, v, false)
	if err != nil || done == 0 {
		return err
	}
	return withDetail("", ErrAssetDelisted, " "+uintString(done)+" (Unix ns)")
}

// holderShares is the share count exit divides by: every holder's shares, queued ones included,
// without the 1000 shares the first deposit locked (minted to the contract, which never exits).
func (v *vault) holderShares() (std.Uint128, error) {
	rs, err := v.rateSupply()
	if err != nil {
		return rs, err
	}
	return rs.SaturatingSub(std.NewUint128(MinimumShares)), nil
}

// holdings is what the holders own in the asset once it is delisted (file comment): stake not yet
// wound down, every unbonding entry still listed and the balance, less what settled claims are
// owed and what the processed batches undelegated (their entries are among those listed, or
// already paid into the balance).
func (v *vault) holdings(deps *std.Deps, env std.Env, cfg Config) (std.Uint128, error) {
	self := env.Contract.Address
	listed, err := alliance.QueryUnbonding(deps.Querier, self, cfg.AssetDenom, 0, false, unbondingPages)
	if err != nil {
		return listed, err
	}
	bal, err := deps.Querier.QueryBalance(self, cfg.AssetDenom)
	if err != nil {
		return listed, err
	}
	total, err := v.staked.CheckedAdd(listed)
	if err == nil {
		total, err = total.CheckedAdd(bal.Amount)
	}
	// Saturating: slashed batch entries list less than the batch undelegated, and the batches
	// are owed at most that (the rule errs on the claimants' side, as settlement does).
	return total.SaturatingSub(v.book.Owed).SaturatingSub(v.book.Unsettled), err
}

// exitValue is floor(shares · pool / holders): what exit pays shares out of pool.
func exitValue(shares, pool, holders std.Uint128) (std.Uint128, error) {
	if holders.IsZero() {
		return std.Uint128{}, nil
	}
	// floor: the remaining holders keep the dust; holders >= shares, so the result <= pool.
	return shares.MulDivFloor(pool, holders)
}

// exit pays the sender everything it holds in the vault at once: its shares (its balance and its
// claim in the open batch) at the wind-down's exit price, in the asset and in kind of every routed
// reward denom held, and its claims on settled batches.
func exit(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config) (std.Response, error) {
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return std.Response{}, err
	}
	done, err := delistCompletion(deps, env, cfg, v, true)
	if err != nil {
		return std.Response{}, err
	}
	if done == 0 {
		return std.Response{}, ErrNotDelisted
	}
	now := uint64(env.Block.Time)
	if now < done {
		return std.Response{}, withDetail("", ErrExitNotOpen, " "+uintString(done)+" (Unix ns: the asset's delist_completion_time)")
	}
	if err := v.checkWoundDown(deps, env, cfg); err != nil {
		return std.Response{}, err
	}
	bk := v.book
	if err := settle(deps, env, cfg, &bk); err != nil {
		return std.Response{}, err
	}
	if !bk.Unsettled.IsZero() { // every batch completed by the delisting's completion
		return std.Response{}, withDetail("batches ", ErrWindingDown, "")
	}
	holders, err := v.holderShares()
	if err != nil {
		return std.Response{}, err
	}
	sent, err := sharesSent(info, cfg, true)
	if err != nil {
		return std.Response{}, err
	}
	shares, err := takeShares(deps, info.Sender, sent, v, &bk)
	if err != nil {
		return std.Response{}, err
	}
	claimed, paid, err := payClaims(deps, info.Sender, &bk)
	if err != nil {
		return std.Response{}, err
	}
	if shares.IsZero() && paid == 0 {
		return std.Response{}, ErrNothingToExit
	}
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, cfg.AssetDenom)
	if err != nil {
		return std.Response{}, err
	}
	// What the holders own: the balance less the claims (this sender's included, paid below).
	pool, err := bal.Amount.CheckedSub(claimed)
	if err == nil {
		pool, err = pool.CheckedSub(bk.Owed)
	}
	if err != nil {
		return std.Response{}, ErrBalanceBelowOwed
	}
	pay, err := exitValue(shares, pool, holders)
	if err != nil {
		return std.Response{}, err
	}
	// No batch is left to settle: what was surplus is the holders' pool now.
	bk.Surplus = std.Uint128{}
	if err := book.Save(deps.Storage, bk); err != nil {
		return std.Response{}, err
	}
	total, err := pay.CheckedAdd(claimed)
	if err != nil {
		return std.Response{}, err
	}
	coins := []std.Coin{}
	if !total.IsZero() {
		coins = append(coins, std.Coin{Denom: cfg.AssetDenom, Amount: total})
	}
	for _, rt := range cfg.Routes { // at most MaxRoutes
		held, err := deps.Querier.QueryBalance(env.Contract.Address, rt.Denom)
		if err != nil {
			return std.Response{}, err
		}
		part, err := exitValue(shares, held.Amount, holders)
		if err != nil {
			return std.Response{}, err
		}
		if !part.IsZero() {
			coins = append(coins, std.Coin{Denom: rt.Denom, Amount: part})
		}
	}
	resp := std.Response{}.
		WithAttribute("action", "exit").
		WithAttribute("owner", info.Sender).
		WithAttribute("shares", shares.String()).
		WithAttribute("amount", pay.String()).
		WithAttribute("claimed", claimed.String()).
		WithAttribute("paid", coinsString(toCoins(coins)))
	if !sent.IsZero() {
		resp = resp.WithMessage(tokenfactory.BurnMsg(cfg.ShareDenom, sent))
	}
	if len(coins) > 0 {
		resp = resp.WithMessage(std.BankSendMsg(info.Sender, coins...))
	}
	return resp, nil
}

// checkWoundDown refuses while the chain still holds any of the vault's asset: stake the
// wind-down has not reached yet, or an unbonding entry not yet paid (the chain pays due entries at
// the end of the block).
func (v *vault) checkWoundDown(deps *std.Deps, env std.Env, cfg Config) error {
	if !v.staked.IsZero() {
		return withDetail("stake of "+v.staked.String()+" ", ErrWindingDown, "")
	}
	listed, err := alliance.QueryUnbonding(deps.Querier, env.Contract.Address, cfg.AssetDenom, 0, false, unbondingPages)
	if err != nil {
		return withCause(ErrUnbondingsQuery, err)
	}
	if !listed.IsZero() {
		return withDetail("unbonding of "+listed.String()+" ", ErrWindingDown, "")
	}
	return nil
}

// takeShares removes the shares sent (to be burned) from the supply and the owner's claim in
// the open batch from the book (the caller saves bk), and returns how many there are in all.
func takeShares(deps *std.Deps, owner string, sent std.Uint128, v *vault, bk *Book) (std.Uint128, error) {
	key := std.Pair[string, uint64]{A: owner, B: bk.Batch}
	queued, found, err := claims.MayLoad(deps.Storage, key)
	if err != nil {
		return sent, err
	}
	if !sent.IsZero() {
		supply, err := v.supply.CheckedSub(sent)
		if err != nil {
			return sent, ErrSupplyBelowBalance
		}
		if err := totalShares.Save(deps.Storage, supply); err != nil {
			return sent, err
		}
	}
	if found {
		if bk.Queued, err = bk.Queued.CheckedSub(queued); err != nil {
			return sent, ErrSupplyBelowBalance
		}
		if bk.BatchClaims > 0 {
			bk.BatchClaims--
		}
		claims.Remove(deps.Storage, key)
	}
	return sent.CheckedAdd(queued)
}

func toCoins(cs []std.Coin) []Coin {
	out := make([]Coin, len(cs))
	for i, c := range cs {
		out[i] = Coin{Denom: c.Denom, Amount: c.Amount}
	}
	return out
}
