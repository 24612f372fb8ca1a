package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func executeClaimRewards(deps *std.Deps, env std.Env, sender string) (std.Response, error) {
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return std.Response{}, err
	}
	h, err := p.settle(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if sender == p.cfg.FeeAddress {
		// The fee booked by this very harvest is paid out with the rest.
		if h.Pending, err = h.Pending.CheckedAdd(p.feeCredit); err != nil {
			return std.Response{}, err
		}
		p.feeCredit = std.Uint128{}
	}
	paid := h.Pending
	if paid.IsZero() {
		return std.Response{}, ErrNoRewards
	}
	h.Pending = std.Uint128{}
	// Everything a holder can claim was reserved when booked: this cannot underflow.
	if p.rs.Reserved, err = p.rs.Reserved.CheckedSub(paid); err != nil {
		return std.Response{}, ErrReserveBelowClaim
	}
	// Every delegation with pending rewards is claimed before the payment: the reserve counts
	// what the chain owes, the balance has to hold it.
	msgs, err := p.claimAll()
	if err != nil {
		return std.Response{}, err
	}
	// Writes start here.
	if err := saveHolder(deps, sender, h); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "claim_rewards",
		"recipient", sender,
		"amount", paid.String(),
		"denom", p.cfg.RewardDenom,
		"reward_index", p.rs.Index.String())
	addMessages(&resp, append(msgs, std.BankSendMsg(sender, std.Coin{Denom: p.cfg.RewardDenom, Amount: paid}))...)
	return resp, nil
}

// executeHarvest books the pending rewards (anyone may call it) and restakes asset tokens the
// contract holds beyond what claims are owed: asset-denom rewards (the take rate partly returns
// to alliance stakers in the asset itself), claimed in this call or earlier, raise the exchange
// rate for every holder.
func executeHarvest(deps *std.Deps, env std.Env) (std.Response, error) {
	p, err := harvestPool(deps, env, needStakeStatus)
	if err != nil {
		return std.Response{}, err
	}
	// Every delegation with pending rewards is claimed, so its asset-denom part is here for the
	// delegation below.
	msgs, err := p.claimAll()
	if err != nil {
		return std.Response{}, err
	}
	restake, val := std.Uint128{}, ""
	if !p.rs.delisted() { // a delisted asset takes no stake: the surplus goes to the exits
		// Restaked: the surplus, the asset-denom rewards claimed in this call, and asset no
		// record explains (donations).
		untracked, err := p.untrackedAsset(deps, std.Uint128{})
		if err != nil {
			return std.Response{}, err
		}
		restake, err = p.rs.Surplus.CheckedAdd(p.assetPending)
		if err == nil {
			restake, err = restake.CheckedAdd(untracked)
		}
		if err != nil {
			return std.Response{}, err
		}
		if !restake.IsZero() {
			val = p.leastStaked()
		}
	}
	if val == "" {
		// No configured validator is bonded: the asset waits as surplus (still the holders',
		// priced into deposits) for a harvest after the owner's update_validators or an unjail.
		// (p.save adds the rewards claimed now to the surplus; donations stay untracked.)
		restake = std.Uint128{}
	} else {
		p.rs.Surplus, p.assetPending = std.Uint128{}, std.Uint128{}
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	kv := []string{"action", "harvest",
		"reward_index", p.rs.Index.String(),
		"fee", p.feeCredit.String(),
		"restaked", restake.String()}
	// The claims go out first, so the asset they pay is here for the delegation.
	if val != "" {
		msgs = append(msgs, alliance.DelegateMsg(val, std.Coin{Denom: p.cfg.AssetDenom, Amount: restake}))
		kv = append(kv, "validator", val)
	}
	resp := respond(kv...)
	addMessages(&resp, msgs...)
	return resp, nil
}

// executeSweep (anyone may call it) sends the contract's whole balance of denom to the fee
// address. The stake earns rewards in every denom the chain distributes: fees paid in other
// tokens, and other alliance assets' take rate. The reward index books one denom (the bond
// denom) and the asset is restaked, so any other denom would otherwise stay in the contract for
// good; as protocol revenue it reaches the fee address, which may be a contract that converts it
// and sends it back (a transfer of the reward denom to this contract is booked for the holders
// by the next harvest). The reward denom (owed to holders) and the asset (owed to claims, or
// restaked) cannot be swept.
func executeSweep(deps *std.Deps, env std.Env, denom string) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if denom == "" || denom == cfg.AssetDenom || denom == cfg.RewardDenom {
		return std.Response{}, withDetail("", ErrCannotSweep, " "+denom+": only denoms other than "+cfg.AssetDenom+" and "+cfg.RewardDenom)
	}
	bal, err := deps.Querier.QueryBalance(env.Contract.Address, denom)
	if err != nil {
		return std.Response{}, err
	}
	if bal.Amount.IsZero() {
		return std.Response{}, withDetail("no "+denom+" ", ErrNothingToSweep, "")
	}
	resp := respond("action", "sweep",
		"denom", denom,
		"amount", bal.Amount.String(),
		"recipient", cfg.FeeAddress)
	addMessages(&resp, std.BankSendMsg(cfg.FeeAddress, bal))
	return resp, nil
}
