package main

// The routes' price oracle: readings of the pair's cumulative prices and the TWAP between two.

import (
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// wrappingSub returns (a − b) mod 2^128, the increase of a wrapping cumulative price.
func wrappingSub(a, b std.Uint128) std.Uint128 {
	ah, al := a.Parts()
	bh, bl := b.Parts()
	lo, borrow := bits.Sub64(al, bl, 0)
	hi, _ := bits.Sub64(ah, bh, borrow)
	return std.Uint128FromParts(hi, lo)
}

// readOracle queries the route's pair for its cumulative prices and returns the reading for the
// reward denom priced in the asset, stamped with the block time.
func readOracle(deps *std.Deps, env std.Env, assetDenom string, rt Route) (Observation, error) {
	var c pairmsg.CumulativePricesResponse
	if err := deps.Querier.QueryWasmSmart(rt.Pair, pairmsg.QueryMsg{CumulativePrices: &struct{}{}}.Encoder(), c.Decoder()); err != nil {
		return Observation{}, withDetail("", ErrOracleQuery, " "+rt.Pair+": "+err.Error())
	}
	for i := 0; i < 2; i++ {
		if c.Denoms[i] == rt.Denom && c.Denoms[1-i] == assetDenom {
			return Observation{Pair: rt.Pair, Cumulative: c.Cumulative[i], LiquidSeconds: c.LiquidSeconds, Time: env.Block.Time.Seconds()}, nil
		}
	}
	return Observation{}, withDetail("pair "+rt.Pair+" ", ErrPairDenoms, " "+rt.Denom+" for "+assetDenom)
}

// observeRoute records a fresh observation for rt.
func observeRoute(deps *std.Deps, env std.Env, assetDenom string, rt Route) error {
	o, err := readOracle(deps, env, assetDenom, rt)
	if err != nil {
		return err
	}
	return observations.Save(deps.Storage, rt.Denom, o)
}

// twapSince returns the pair's time-weighted price of the reward denom in the asset (10^-18
// units) between two readings, floor((cumulative_now − cumulative_obs) mod 2^128 / window), and
// the window in seconds of pool liquidity (0 when none passed: the price is then 0).
func twapSince(obs, now Observation) (std.Uint128, uint64, error) {
	if now.LiquidSeconds < obs.LiquidSeconds {
		return std.Uint128{}, 0, withDetail("the oracle of "+now.Pair+" ", ErrOracleBackwards, "")
	}
	window := now.LiquidSeconds - obs.LiquidSeconds
	if window == 0 {
		return std.Uint128{}, 0, nil
	}
	twap, err := wrappingSub(now.Cumulative, obs.Cumulative).CheckedDiv(std.NewUint128(window))
	return twap, window, err
}
