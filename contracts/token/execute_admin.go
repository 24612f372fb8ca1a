package main

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// checkUnbondEpoch enforces unbond_epoch > unbonding_time / max_entries (the chain's values): every
// process_unbonds makes at most one unbonding entry per validator, so with a longer epoch the
// chain's cap of max_entries immature entries per validator can never refuse one (a shorter
// epoch makes process_unbonds fail until an entry matures, up to the whole unbonding time).
func checkUnbondEpoch(epoch uint64, params bt.StakingParamsResponse) error {
	if epoch > maxUnbondEpoch {
		return ErrUnbondEpochTooLong
	}
	if !alliance.EpochFitsEntries(epoch, params) {
		return ErrUnbondEpochTooShort
	}
	return nil
}

func checkFee(deps *std.Deps, env std.Env, bps uint32, addr string) error {
	if bps > maxFeeBps {
		return ErrFeeTooHigh
	}
	if err := deps.API.AddrValidate(addr); err != nil {
		return withCause(ErrInvalidFeeAddress, err)
	}
	// The contract's own account earns no index rewards and cannot claim (it never sends a
	// claim_rewards to itself): a fee credited to it would stay reserved for good.
	if addr == env.Contract.Address {
		return ErrFeeAddressIsContract
	}
	return nil
}

// checkValidators refuses an empty or too long list, duplicates and validators x/staking does not
// know (one stakes query, which also fails for an asset that is not listed).
func checkValidators(deps *std.Deps, env std.Env, asset string, vals []string) error {
	if len(vals) == 0 || len(vals) > maxValidators {
		return ErrValidatorCount
	}
	for i, v := range vals {
		for _, w := range vals[:i] {
			if v == w {
				return withDetail("", ErrDuplicateValidator, " "+v)
			}
		}
	}
	stakes, _, err := alliance.QueryValidatorStakes(deps.Querier, bt.StakesRequest{Delegator: env.Contract.Address, Denom: asset, Validators: vals, Status: true})
	if err != nil {
		return withCause(ErrNotAllianceAsset, err)
	}
	for _, s := range stakes {
		if s.Status == bt.StakeRemoved {
			return withDetail("validators: "+s.Validator+" ", ErrUnknownValidator, "")
		}
	}
	return nil
}

func ownerConfig(deps *std.Deps, sender string) (Config, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return cfg, err
	}
	if sender != cfg.Owner {
		return cfg, ErrUnauthorized
	}
	return cfg, nil
}

func executeUpdateValidators(deps *std.Deps, env std.Env, sender string, vals []string) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if err := checkValidators(deps, env, cfg.AssetDenom, vals); err != nil {
		return std.Response{}, err
	}
	p, err := harvestPool(deps, env, needStake)
	if err != nil {
		return std.Response{}, err
	}
	// Move every stake on a dropped validator to the kept validator with the least stake.
	load := make([]std.Uint128, len(vals))
	for i, v := range vals {
		load[i] = p.stakeOf(v)
	}
	var msgs []std.CosmosMsg
	var touched []string
	for _, s := range p.stakes {
		kept := false
		for _, v := range vals {
			kept = kept || v == s.Validator
		}
		if kept || s.Amount.IsZero() {
			continue
		}
		// To the kept validator with the least load whose pool is not worthless (x/alliance
		// refuses new stake on one: worthless).
		dst := -1
		for i := range vals {
			if !p.worthless(vals[i]) && (dst < 0 || load[i].Lt(load[dst])) {
				dst = i
			}
		}
		if dst < 0 {
			return std.Response{}, ErrKeptValidatorsWorthless
		}
		load[dst] = load[dst].SaturatingAdd(s.Amount)
		msgs = append(msgs, alliance.RedelegateMsg(s.Validator, vals[dst], std.Coin{Denom: p.cfg.AssetDenom, Amount: s.Amount}))
		touched = append(touched, s.Validator, vals[dst])
	}
	p.cfg.Validators = vals
	if err := p.paid(touched...); err != nil { // each redelegation claims first, on both ends
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, p.cfg); err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	resp := respond("action", "update_validators",
		"validators", joinComma(vals),
		"redelegations", std.NewUint128(uint64(len(msgs))).String())
	addMessages(&resp, msgs...)
	return resp, nil
}

func joinComma(l []string) string {
	out := ""
	for i, s := range l {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}

func executeUpdateFee(deps *std.Deps, env std.Env, sender string, bps uint32, newAddr *string) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	addr := cfg.FeeAddress // kept when none is given ("" counts as none)
	if newAddr != nil && *newAddr != "" {
		addr = *newAddr
	}
	if err := checkFee(deps, env, bps, addr); err != nil {
		return std.Response{}, err
	}
	// Rewards earned so far pay the old fee to the old address.
	p, err := harvestPool(deps, env, needBooking)
	if err != nil {
		return std.Response{}, err
	}
	if err := p.save(deps); err != nil {
		return std.Response{}, err
	}
	p.cfg.FeeBps, p.cfg.FeeAddress = bps, addr
	if err := config.Save(deps.Storage, p.cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "update_fee",
		"fee_bps", std.NewUint128(uint64(bps)).String(),
		"fee_address", addr), nil
}

// executeUpdateUnbondEpoch (owner) sets the epoch, checked against the chain's staking
// parameters of now: after governance lengthens the unbonding time, a longer epoch keeps
// process_unbonds clear of the entry cap. The current batch's readiness moves with it.
func executeUpdateUnbondEpoch(deps *std.Deps, sender string, epoch uint64) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	params, err := alliance.QueryStakingParams(deps.Querier)
	if err != nil {
		return std.Response{}, err
	}
	if err := checkUnbondEpoch(epoch, params); err != nil {
		return std.Response{}, err
	}
	cfg.UnbondEpoch = epoch
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "update_unbond_epoch", "unbond_epoch", std.NewUint128(epoch).String()), nil
}

func executeTransferOwnership(deps *std.Deps, sender, newOwner string) (std.Response, error) {
	cfg, err := ownerConfig(deps, sender)
	if err != nil {
		return std.Response{}, err
	}
	if err := deps.API.AddrValidate(newOwner); err != nil {
		return std.Response{}, withCause(ErrInvalidNewOwner, err)
	}
	cfg.PendingOwner = &newOwner
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "transfer_ownership",
		"owner", cfg.Owner,
		"pending_owner", newOwner), nil
}

func executeAcceptOwnership(deps *std.Deps, sender string) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if cfg.PendingOwner == nil || sender != *cfg.PendingOwner {
		return std.Response{}, ErrUnauthorized
	}
	previous := cfg.Owner
	cfg.Owner, cfg.PendingOwner = sender, nil
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return respond("action", "accept_ownership",
		"previous_owner", previous,
		"owner", sender), nil
}
