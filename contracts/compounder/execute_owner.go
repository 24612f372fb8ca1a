package main

// Owner messages: configuration, the validator set, and the two-step ownership transfer; the
// checks of a configuration (instantiate and update_config).

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func updateConfig(deps *std.Deps, env std.Env, info std.MessageInfo, cfg Config, u *UpdateConfigMsg) (std.Response, error) {
	if info.Sender != cfg.Owner {
		return std.Response{}, ErrUnauthorized
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
			return std.Response{}, ErrUnbondEpochZero
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
			return nil, ErrNoActiveValidator
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
		return std.Response{}, ErrUnauthorized
	}
	if err := deps.API.AddrValidate(newOwner); err != nil {
		return std.Response{}, withCause(ErrInvalidNewOwner, err)
	}
	cfg.PendingOwner = &newOwner
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "transfer_ownership").
		WithAttribute("owner", cfg.Owner).WithAttribute("pending_owner", newOwner), nil
}

func acceptOwnership(deps *std.Deps, info std.MessageInfo, cfg Config) (std.Response, error) {
	if cfg.PendingOwner == nil || info.Sender != *cfg.PendingOwner {
		return std.Response{}, ErrNotPendingOwner
	}
	previous := cfg.Owner
	cfg.Owner, cfg.PendingOwner = info.Sender, nil
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "accept_ownership").
		WithAttribute("previous_owner", previous).WithAttribute("owner", info.Sender), nil
}

func cancelOwnership(deps *std.Deps, info std.MessageInfo, cfg Config) (std.Response, error) {
	if info.Sender != cfg.Owner {
		return std.Response{}, ErrUnauthorized
	}
	if cfg.PendingOwner == nil {
		return std.Response{}, ErrNoPendingOwner
	}
	cancelled := *cfg.PendingOwner
	cfg.PendingOwner = nil
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "cancel_ownership_transfer").WithAttribute("cancelled", cancelled), nil
}

func validateConfig(api std.API, c *Config) error {
	if c.AssetDenom == "" {
		return ErrEmptyAssetDenom
	}
	if err := validateValidators(c.Validators); err != nil {
		return err
	}
	if len(c.Routes) > MaxRoutes {
		return ErrTooManyRoutes
	}
	for i, rt := range c.Routes {
		if rt.Denom == "" {
			return ErrRouteEmptyDenom
		}
		if rt.Denom == c.AssetDenom {
			return ErrRouteIsAsset
		}
		if rt.Denom == c.ShareDenom { // a harvest would sell the locked shares
			return ErrRouteIsShare
		}
		if err := api.AddrValidate(rt.Pair); err != nil {
			return withDetail("", ErrRoutePair, " "+rt.Denom+": "+err.Error())
		}
		for _, o := range c.Routes[:i] {
			if o.Denom == rt.Denom {
				return withDetail("routes: "+rt.Denom+" ", ErrRouteTwice, "")
			}
		}
	}
	if c.FeeBps > MaxFeeBps {
		return ErrFeeTooHigh
	}
	if err := api.AddrValidate(c.FeeRecipient); err != nil {
		return withCause(ErrInvalidFeeRecipient, err)
	}
	if err := api.AddrValidate(c.Owner); err != nil {
		return withCause(ErrInvalidOwner, err)
	}
	if c.MaxSpread.Cmp(maxAllowedSpread) > 0 {
		return ErrSpreadTooHigh
	}
	if c.TwapWindow == 0 || c.TwapWindow > MaxTwapWindow {
		return ErrTwapWindow
	}
	return nil
}

func validateValidators(vals []string) error {
	if len(vals) == 0 || len(vals) > MaxValidators {
		return ErrValidatorCount
	}
	for i, v := range vals {
		if v == "" {
			return ErrEmptyValidator
		}
		for _, w := range vals[:i] {
			if w == v {
				return withDetail("validators: "+v+" ", ErrValidatorTwice, "")
			}
		}
	}
	return nil
}

// checkEpoch sets a zero unbond_epoch to the shortest the chain allows and refuses one that could
// meet the chain's unbonding entry cap: a batch every epoch leaves at most max_entries entries
// per validator immature iff epoch · max_entries > unbonding_time (the entry from max_entries
// epochs ago then matured in an earlier block).
func checkEpoch(deps *std.Deps, c *Config) error {
	p, err := alliance.QueryStakingParams(deps.Querier)
	if err != nil {
		return withCause(ErrStakingParams, err)
	}
	if p.MaxEntries == 0 {
		return ErrNoUnbondingEntries
	}
	shortest := p.UnbondingTime/uint64(p.MaxEntries) + 1 // floor + 1 > unbonding_time / max_entries
	if c.UnbondEpoch == 0 {
		c.UnbondEpoch = shortest
	}
	if c.UnbondEpoch > MaxUnbondEpoch {
		return ErrUnbondEpochTooLong
	}
	if !alliance.EpochFitsEntries(c.UnbondEpoch, p) {
		return withDetail("unbond_epoch "+uintString(c.UnbondEpoch)+" ", ErrUnbondEpochTooShort, ": the chain keeps at most "+
			uintString(uint64(p.MaxEntries))+" unbonding entries per validator for "+uintString(p.UnbondingTime)+
			" s, so unbond_epoch · max_entries must exceed the unbonding time (at least "+uintString(shortest)+" s)")
	}
	return nil
}

// stakingParams asks the chain's alliance bindings for the unbonding time (whole seconds, rounded
// up) and the unbonding entry cap per (delegator, validator, denom).
func stakingParams(q std.Querier) (unbondingSeconds uint64, maxEntries uint32, err error) {
	p, err := alliance.QueryStakingParams(q)
	return p.UnbondingTime, p.MaxEntries, err
}
