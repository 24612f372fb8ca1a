package main

import "github.com/alliancewasm/alliancewasm/contracts/std"

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	switch {
	case msg.Config != nil:
		return cfg.answer(), nil
	case msg.State != nil:
		v, err := loadVault(deps, env, cfg)
		if err != nil {
			return nil, err
		}
		worth, shares, done, err := v.shareWorth(deps, env, cfg)
		if err != nil {
			return nil, err
		}
		rate := std.DecimalOne()
		if !shares.IsZero() {
			// floor: the reported rate never overstates a share.
			if rate, err = std.DecimalFromRatioFloor(worth, shares); err != nil {
				return nil, err
			}
		}
		hist, _, err := history.MayLoad(deps.Storage)
		if err != nil {
			return nil, err
		}
		s := StateResponse{TotalStaked: v.staked, TotalShares: v.supply, QueuedShares: v.book.Queued, ExchangeRate: rate,
			Batch: v.book.Batch, ProcessableFrom: processable(cfg, v.book), ExitFrom: nonZero(done)}
		if n := len(hist.Harvests); n > 0 {
			s.LastHarvest = nonZero(hist.Harvests[n-1].Time)
		}
		return s.answer(), nil
	case msg.Balance != nil:
		b, err := deps.Querier.QueryBalance(msg.Balance.Address, cfg.ShareDenom)
		return BalanceResponse{Balance: b.Amount}.answer(), err
	case msg.Position != nil:
		c, err := deps.Querier.QueryBalance(msg.Position.Address, cfg.ShareDenom)
		if err != nil {
			return nil, err
		}
		b := c.Amount
		p := PositionResponse{Shares: b, Claims: []ClaimInfo{}}
		if !b.IsZero() {
			v, err := loadVault(deps, env, cfg)
			if err != nil {
				return nil, err
			}
			worth, shares, _, err := v.shareWorth(deps, env, cfg)
			if err != nil {
				return nil, err
			}
			// floor, as processing and exit compute it; shares >= b > 0.
			if p.Value, err = exitValue(b, worth, shares); err != nil {
				return nil, err
			}
		}
		p.Claims, err = userClaims(deps, msg.Position.Address)
		return p.answer(), err
	case msg.Claims != nil:
		cs, err := userClaims(deps, msg.Claims.Address)
		return ClaimsResponse{Claims: cs}.answer(), err
	case msg.Apr != nil:
		hist, _, err := history.MayLoad(deps.Storage)
		if err != nil {
			return nil, err
		}
		a, err := aprEstimate(hist)
		return a.answer(), err
	}
	return nil, ErrNoVariant
}

// shareWorth returns what the shares are valued at and among how many: the stake among the rate
// supply while the asset is listed (what a withdrawal is unbonded at), the holdings among the
// holders' shares once it is delisted (what exit pays), and the delisting's completion (0: listed).
func (v *vault) shareWorth(deps *std.Deps, env std.Env, cfg Config) (worth, shares std.Uint128, done uint64, err error) {
	if done, err = delistCompletion(deps, env, cfg, v, false); err != nil {
		return
	}
	if done == 0 {
		shares, err = v.rateSupply()
		return v.staked, shares, 0, err
	}
	if worth, err = v.holdings(deps, env, cfg); err != nil {
		return
	}
	shares, err = v.holderShares()
	return
}

// userClaims lists addr's claims (at most maxClaims) with what each is worth so far.
func userClaims(deps *std.Deps, addr string) ([]ClaimInfo, error) {
	bk, err := book.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	out := []ClaimInfo{}
	it := std.PrefixRange(deps.Storage, claims, addr, std.Ascending)
	for it.Next() {
		c := ClaimInfo{BatchID: it.Key(), Shares: it.Value()}
		if c.BatchID < bk.Batch {
			b, err := batches.Load(deps.Storage, c.BatchID)
			if err != nil {
				return nil, err
			}
			// floor, as claim pays; shares_b >= this claim > 0.
			amount, err := c.Shares.MulDivFloor(b.Undelegated, b.Shares)
			if err != nil {
				return nil, err
			}
			c.Amount, c.ReleaseAt = &amount, nonZero(b.Completion)
			if b.Settled {
				payout, err := c.Shares.MulDivFloor(b.Payout, b.Shares)
				if err != nil {
					return nil, err
				}
				c.Payout = &payout
			}
		}
		out = append(out, c)
	}
	return out, it.Err()
}

// aprEstimate annualises the growth of the exchange rate between the oldest and the newest
// recorded harvest: apr = (rate_new − rate_old) / rate_old · year / elapsed, each step rounded
// down. Fewer than two harvests, or none of them apart in time, give null.
func aprEstimate(h History) (AprResponse, error) {
	n := len(h.Harvests)
	if n < 2 {
		return AprResponse{}, nil
	}
	first, last := h.Harvests[0], h.Harvests[n-1]
	res := AprResponse{From: nonZero(first.Time), To: nonZero(last.Time)}
	elapsed := (last.Time - first.Time) / nsPerSecond
	if last.Time <= first.Time || elapsed == 0 || first.Rate.IsZero() {
		return res, nil
	}
	growth := last.Rate.Atomics().SaturatingSub(first.Rate.Atomics())
	// floor(growth · year / (rate_old · elapsed)) in atomics (10^-18).
	num, err := growth.MulDivFloor(std.NewUint128(secondsInYear), std.NewUint128(elapsed))
	if err != nil {
		return res, err
	}
	apr, err := std.DecimalFromRatioFloor(num, first.Rate.Atomics())
	if err != nil {
		return res, err
	}
	res.Apr = &apr
	return res, nil
}

// nonZero is t as an optional time: null when 0 (not set yet).
func nonZero(t uint64) *uint64 {
	if t == 0 {
		return nil
	}
	return &t
}
