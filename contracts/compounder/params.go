package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// stakingParams asks the chain's alliance bindings for the unbonding time (whole seconds, rounded
// up) and the unbonding entry cap per (delegator, validator, denom).
func stakingParams(q std.Querier) (unbondingSeconds uint64, maxEntries uint32, err error) {
	p, err := alliance.QueryStakingParams(q)
	return p.UnbondingTime, p.MaxEntries, err
}
