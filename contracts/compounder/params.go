package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// stakingParams asks the chain's alliance bindings for the unbonding time (whole seconds, rounded
// up) and the unbonding entry cap per (delegator, validator, denom).
func stakingParams(q std.Querier) (unbondingSeconds uint64, maxEntries uint32, err error) {
	b, err := q.Raw([]byte(`{"custom":{"staking_params":{}}}`))
	if err != nil {
		return 0, 0, err
	}
	r := cwjson.NewReader(b)
	err = r.Object(func(key string) error {
		var err error
		switch key {
		case "unbonding_time":
			unbondingSeconds, err = r.Uint64()
		case "max_entries":
			maxEntries, err = r.Uint32()
		default:
			err = r.Skip()
		}
		return err
	})
	if err == nil {
		err = r.End()
	}
	return unbondingSeconds, maxEntries, err
}
