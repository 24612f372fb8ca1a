package types

// StakingParamsRequest asks for the x/staking parameters that bound alliance
// unbonding: {"staking_params":{}}. CosmWasm's standard StakingQuery has no
// unbonding time, and a contract that batches undelegations needs it to
// choose an epoch that never meets the entry cap.
type StakingParamsRequest struct{}

// StakingParamsResponse holds the parameters alliance unbonding follows.
//
// UnbondingTime is in whole seconds, rounded up (a contract that checks
// epoch * MaxEntries > UnbondingTime stays safe when the chain's duration has
// a fraction of a second). MaxEntries is the cap on immature unbonding
// entries per (delegator, validator, denom) and on redelegation entries per
// (delegator, src, dst, denom): x/alliance uses x/staking's own param, so
// there is one cap for native and alliance stake. BondDenom is the native
// staking denom (never an alliance asset).
type StakingParamsResponse struct {
	UnbondingTime uint64 `json:"unbonding_time"`
	MaxEntries    uint32 `json:"max_entries"`
	BondDenom     string `json:"bond_denom"`
}
