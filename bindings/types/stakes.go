package types

// MaxStakesValidators bounds the validators of one stakes query: every
// validator costs the querier a few store reads, and one with rewards asked
// the chain's whole pending-rewards computation.
const MaxStakesValidators = 40

// Validator status in a stakes answer: only a bonded validator earns
// rewards. A jailed one still accepts alliance delegations (and earns
// nothing until unjailed); an inactive one is not jailed but outside the
// bonded set; a removed one is gone from x/staking (delegating to it
// fails; stake left on it can still be undelegated or redelegated away).
const (
	StakeBonded   = "bonded"
	StakeJailed   = "jailed"
	StakeInactive = "inactive"
	StakeRemoved  = "removed"
)

// StakesRequest asks, in one query, what a contract that stakes one denom
// on a set of validators needs before it moves stake or books rewards:
// {"stakes":{"delegator":…,"denom":…,"validators":[…],"amount":true,"status":true,"rewards":true}}.
// Validators (1 to MaxStakesValidators, no duplicates) are answered in the
// order given. Each part is paid for only when asked: Amount (the
// delegator's delegations, read once for all validators), Status (one
// validator read each), Rewards (what a claim of each delegation would pay
// now, as the delegation_rewards query: x/distribution's computation, the
// expensive part). A denom that is not an alliance asset is refused.
type StakesRequest struct {
	Delegator  string   `json:"delegator"`
	Denom      string   `json:"denom"`
	Validators []string `json:"validators"`
	Amount     bool     `json:"amount,omitempty"`
	Status     bool     `json:"status,omitempty"`
	Rewards    bool     `json:"rewards,omitempty"`
}

// ValidatorStake is the delegator's stake on one validator. Amount (when
// asked) is the token value of its shares now, "0" when it has none;
// Worthless (with Amount) says it has shares there that are worth nothing (a
// full slash or the take rate emptied the pool: x/alliance refuses new stake
// on it). Status (when asked) is one of the Stake* constants. Rewards (when
// asked) is what a claim would pay now, omitted when nothing.
type ValidatorStake struct {
	Validator string `json:"validator"`
	Amount    string `json:"amount,omitempty"`
	Worthless bool   `json:"worthless,omitempty"`
	Status    string `json:"status,omitempty"`
	Rewards   []Coin `json:"rewards,omitempty"`
}

// StakesResponse answers a StakesRequest, one entry per validator asked.
type StakesResponse struct {
	Stakes []ValidatorStake `json:"stakes"`
}
