package main

// Owner messages: configuration, the validator set, and the two-step ownership transfer.

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

var errUnauthorized = errors.New("unauthorized: only the owner may do this")

func updateConfig(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config, u *UpdateConfigMsg) (std.Response, error) {
	if info.Sender != cfg.Owner {
		return std.Response{}, errUnauthorized
	}
	oldRoutes := cfg.Routes
	if u.FeeBps != nil {
		cfg.FeeBps = *u.FeeBps
	}
	if u.FeeRecipient != nil {
		cfg.FeeRecipient = *u.FeeRecipient
	}
	if u.HarvestInterval != nil {
		cfg.HarvestInterval = *u.HarvestInterval
	}
	if u.MaxSpread != nil {
		cfg.MaxSpread = *u.MaxSpread
	}
	if u.TwapWindow != nil {
		cfg.TwapWindow = *u.TwapWindow
	}
	if u.Routes != nil {
		cfg.Routes = *u.Routes
	}
	if u.Validators != nil {
		cfg.Validators = *u.Validators
	}
	if u.UnbondEpoch != nil {
		if *u.UnbondEpoch == 0 {
			return std.Response{}, errors.New("unbond_epoch must be positive")
		}
		cfg.UnbondEpoch = *u.UnbondEpoch
	}
	if err := validateConfig(deps.API, &cfg); err != nil {
		return std.Response{}, err
	}
	// The chain's unbonding time or entry cap may have changed since: every config change
	// re-checks the epoch against them.
	if err := checkEpoch(deps, &cfg); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.WithAttribute("action", "update_config")
	if u.Validators != nil {
		msgs, err := moveStake(deps, env, cfg)
		if err != nil {
			return std.Response{}, err
		}
		resp = resp.WithAttribute("redelegations", uintString(uint64(len(msgs))))
		for _, m := range msgs {
			resp = resp.WithMessage(m)
		}
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	// Observations follow the routes: dropped routes lose theirs, new or re-pointed ones get a
	// fresh one (their first harvest waits twap_window), unchanged ones keep theirs.
	for _, o := range oldRoutes {
		kept := false
		for _, n := range cfg.Routes {
			kept = kept || n.Denom == o.Denom
		}
		if !kept {
			observations.Remove(deps.Storage, o.Denom)
		}
	}
	for _, rt := range cfg.Routes {
		obs, found, err := observations.MayLoad(deps.Storage, rt.Denom)
		if err != nil {
			return std.Response{}, err
		}
		if found && obs.Pair == rt.Pair {
			continue
		}
		if err := observeRoute(deps, env, cfg.AssetDenom, rt); err != nil {
			return std.Response{}, err
		}
	}
	return resp, nil
}

// moveStake redelegates every stake on a validator not in cfg.Validators (dropped now, or
// earlier) to the configured validator in the chain's bonded set (not jailed) with the least
// stake whose pool is not worthless, counting what it already received. The chain lets stake
// leave a validator x/staking deleted by redelegation, so a removed validator can always be
// dropped. It refuses when no configured validator is bonded.
func moveStake(deps *std.Deps, env std.Env, cfg Config) ([]std.CosmosMsg, error) {
	v, err := loadVault(deps, env, cfg)
	if err != nil {
		return nil, err
	}
	if err := v.survey(deps, env, cfg, false); err != nil {
		return nil, err
	}
	var dsts []string
	var load []std.Uint128
	for i, val := range cfg.Validators {
		if v.status[i].Earning() && !v.worthless(val) {
			dsts = append(dsts, val)
			load = append(load, v.stakeOf(val))
		}
	}
	var msgs []std.CosmosMsg
	for _, s := range v.stakes {
		if s.Amount.IsZero() || contains(cfg.Validators, s.Validator) {
			continue
		}
		if len(dsts) == 0 {
			return nil, errors.New("validators: none of them is in the active set, so the stake on dropped validators has nowhere to go")
		}
		d := 0
		for i := range dsts {
			if load[i].Lt(load[d]) {
				d = i
			}
		}
		load[d] = load[d].SaturatingAdd(s.Amount)
		msgs = append(msgs, alliance.RedelegateMsg(s.Validator, dsts[d], std.Coin{Denom: cfg.AssetDenom, Amount: s.Amount}))
	}
	return msgs, nil
}

// transferOwnership proposes a new owner; nothing changes until it accepts.
func transferOwnership(deps *std.Deps, info std.MessageInfo, cfg Config, newOwner string) (std.Response, error) {
	if info.Sender != cfg.Owner {
		return std.Response{}, errUnauthorized
	}
	if err := deps.API.AddrValidate(newOwner); err != nil {
		return std.Response{}, errors.New("invalid new_owner: " + err.Error())
	}
	cfg.PendingOwner = newOwner
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "transfer_ownership").
		WithAttribute("owner", cfg.Owner).WithAttribute("pending_owner", newOwner), nil
}

func acceptOwnership(deps *std.Deps, info std.MessageInfo, cfg Config) (std.Response, error) {
	if cfg.PendingOwner == "" || info.Sender != cfg.PendingOwner {
		return std.Response{}, errors.New("unauthorized: only the proposed owner may accept the ownership")
	}
	previous := cfg.Owner
	cfg.Owner, cfg.PendingOwner = info.Sender, ""
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "accept_ownership").
		WithAttribute("previous_owner", previous).WithAttribute("owner", info.Sender), nil
}

func cancelOwnership(deps *std.Deps, info std.MessageInfo, cfg Config) (std.Response, error) {
	if info.Sender != cfg.Owner {
		return std.Response{}, errUnauthorized
	}
	if cfg.PendingOwner == "" {
		return std.Response{}, errors.New("no ownership transfer to cancel")
	}
	cancelled := cfg.PendingOwner
	cfg.PendingOwner = ""
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "cancel_ownership_transfer").WithAttribute("cancelled", cancelled), nil
}
