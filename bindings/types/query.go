package types

// MaxPageLimit is the most entries one list query returns; a request for more
// (or for 0, meaning "default") gets DefaultPageLimit or MaxPageLimit.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 100
)

// AllianceQuery is the body of a custom query: exactly one variant is set.
// The first three keep upstream alliance's request and response shapes, so
// existing contracts work unchanged; the others are additions.
type AllianceQuery struct {
	Alliance          *AllianceRequest          `json:"alliance,omitempty"`
	Delegation        *DelegationRequest        `json:"delegation,omitempty"`
	DelegationRewards *DelegationRewardsRequest `json:"delegation_rewards,omitempty"`

	Alliances         *AlliancesRequest         `json:"alliances,omitempty"`
	AllianceParams    *AllianceParamsRequest    `json:"alliance_params,omitempty"`
	Delegations       *DelegationsRequest       `json:"delegations,omitempty"`
	Unbondings        *UnbondingsRequest        `json:"unbondings,omitempty"`
	Redelegations     *RedelegationsRequest     `json:"redelegations,omitempty"`
	AllianceValidator *AllianceValidatorRequest `json:"alliance_validator,omitempty"`
	StakingParams     *StakingParamsRequest     `json:"staking_params,omitempty"`
	Stakes            *StakesRequest            `json:"stakes,omitempty"`
}

// Variant returns the JSON name of the single variant set, or an error
// wrapping ErrNoVariant when none is (so that other custom queriers of the
// chain may be tried), or an error when several are.
func (q *AllianceQuery) Variant() (string, error) {
	return exactlyOne("alliance query", []struct {
		name string
		ok   bool
	}{
		{"alliance", q.Alliance != nil},
		{"delegation", q.Delegation != nil},
		{"delegation_rewards", q.DelegationRewards != nil},
		{"alliances", q.Alliances != nil},
		{"alliance_params", q.AllianceParams != nil},
		{"delegations", q.Delegations != nil},
		{"unbondings", q.Unbondings != nil},
		{"redelegations", q.Redelegations != nil},
		{"alliance_validator", q.AllianceValidator != nil},
		{"staking_params", q.StakingParams != nil},
		{"stakes", q.Stakes != nil},
	})
}

// PageRequest asks for one page of a list: Key is the NextKey of the previous
// page (absent for the first page), Limit at most MaxPageLimit.
type PageRequest struct {
	Key   []byte `json:"key,omitempty"`
	Limit uint32 `json:"limit,omitempty"`
}

// AllianceRequest asks for one alliance asset.
type AllianceRequest struct {
	Denom string `json:"denom"`
}

// AlliancesRequest lists every alliance asset.
type AlliancesRequest struct {
	Pagination *PageRequest `json:"pagination,omitempty"`
}

// AllianceParamsRequest asks for the module parameters.
type AllianceParamsRequest struct{}

// DelegationRequest asks for one delegation.
type DelegationRequest struct {
	Denom     string `json:"denom"`
	Delegator string `json:"delegator"`
	Validator string `json:"validator"`
}

// DelegationRewardsRequest asks for the rewards one delegation would be paid
// by a claim now. It does not claim.
type DelegationRewardsRequest struct {
	Denom     string `json:"denom"`
	Delegator string `json:"delegator"`
	Validator string `json:"validator"`
}

// DelegationsRequest lists a delegator's alliance delegations.
type DelegationsRequest struct {
	Delegator  string       `json:"delegator"`
	Pagination *PageRequest `json:"pagination,omitempty"`
}

// UnbondingsRequest lists a delegator's unbondings, optionally of one denom
// (and, with a denom, of one validator).
type UnbondingsRequest struct {
	Delegator  string       `json:"delegator"`
	Denom      string       `json:"denom,omitempty"`
	Validator  string       `json:"validator,omitempty"`
	Pagination *PageRequest `json:"pagination,omitempty"`
}

// RedelegationsRequest lists a delegator's redelegations still in progress,
// optionally of one denom.
type RedelegationsRequest struct {
	Delegator  string       `json:"delegator"`
	Denom      string       `json:"denom,omitempty"`
	Pagination *PageRequest `json:"pagination,omitempty"`
}

// AllianceValidatorRequest asks for a validator's alliance totals.
type AllianceValidatorRequest struct {
	Validator string `json:"validator"`
}

// RewardWeightRange bounds an asset's reward weight (decimals).
type RewardWeightRange struct {
	Min string `json:"min"`
	Max string `json:"max"`
}

// AllianceResponse is an alliance asset. Decimals have 18 places. Upstream
// returned the two times as the sub-second nanosecond part only; here they are
// full Unix nanoseconds, and reward_change_interval is added.
//
// DelistCompletionTime is set (Unix nanoseconds) only while governance is
// delisting an asset that held stake: the asset earns nothing, takes no new
// stake, every delegation of it is being undelegated by the chain into an
// unbonding entry that completes at this time, and then the asset record is
// removed (from then on this query answers "no alliance for denom"). It is
// absent otherwise, so answers for listed assets keep upstream's shape.
type AllianceResponse struct {
	Denom                string            `json:"denom"`
	RewardWeight         string            `json:"reward_weight"`
	TakeRate             string            `json:"take_rate"`
	TotalTokens          string            `json:"total_tokens"`
	TotalValidatorShares string            `json:"total_validator_shares"`
	RewardStartTime      uint64            `json:"reward_start_time"`
	RewardChangeRate     string            `json:"reward_change_rate"`
	RewardChangeInterval uint64            `json:"reward_change_interval"`
	LastRewardChangeTime uint64            `json:"last_reward_change_time"`
	RewardWeightRange    RewardWeightRange `json:"reward_weight_range"`
	IsInitialized        bool              `json:"is_initialized"`
	DelistCompletionTime *uint64           `json:"delist_completion_time,omitempty"`
}

// AlliancesResponse is one page of alliance assets.
type AlliancesResponse struct {
	Alliances []AllianceResponse `json:"alliances"`
	NextKey   []byte             `json:"next_key,omitempty"`
}

// AllianceParamsResponse holds the module parameters (durations and time in
// nanoseconds).
type AllianceParamsResponse struct {
	RewardDelayTime       uint64 `json:"reward_delay_time"`
	TakeRateClaimInterval uint64 `json:"take_rate_claim_interval"`
	LastTakeRateClaimTime uint64 `json:"last_take_rate_claim_time"`
}

// DelegationResponse is one delegation; Amount is the token value of its
// shares now (after take rate and slashing), as in upstream's latest shape.
type DelegationResponse struct {
	Delegator string `json:"delegator"`
	Validator string `json:"validator"`
	Denom     string `json:"denom"`
	Amount    string `json:"amount"`
}

// DelegationsResponse is one page of delegations.
type DelegationsResponse struct {
	Delegations []DelegationResponse `json:"delegations"`
	NextKey     []byte               `json:"next_key,omitempty"`
}

// DelegationRewardsResponse lists the rewards a claim would pay now.
type DelegationRewardsResponse struct {
	Rewards []Coin `json:"rewards"`
}

// Unbonding is one unbonding entry: Amount of Denom returns from Validator at
// CompletionTime (Unix nanoseconds). CreationHeight is the block it was made
// at, which names it for CancelUnbonding (0: imported without a height, not
// cancellable).
type Unbonding struct {
	Validator      string `json:"validator"`
	Denom          string `json:"denom"`
	Amount         string `json:"amount"`
	CompletionTime uint64 `json:"completion_time"`
	CreationHeight uint64 `json:"creation_height"`
}

// UnbondingsResponse is one page of unbondings.
type UnbondingsResponse struct {
	Unbondings []Unbonding `json:"unbondings"`
	NextKey    []byte      `json:"next_key,omitempty"`
}

// Redelegation is one redelegation still in progress: until CompletionTime the
// tokens cannot be redelegated again from DstValidator.
type Redelegation struct {
	SrcValidator   string `json:"src_validator"`
	DstValidator   string `json:"dst_validator"`
	Denom          string `json:"denom"`
	Amount         string `json:"amount"`
	CompletionTime uint64 `json:"completion_time"`
}

// RedelegationsResponse is one page of redelegations.
type RedelegationsResponse struct {
	Redelegations []Redelegation `json:"redelegations"`
	NextKey       []byte         `json:"next_key,omitempty"`
}

// DecCoin is an amount with 18 decimal places.
type DecCoin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// AllianceValidatorResponse holds a validator's alliance totals per denom.
type AllianceValidatorResponse struct {
	Validator             string    `json:"validator"`
	TotalDelegationShares []DecCoin `json:"total_delegation_shares"`
	ValidatorShares       []DecCoin `json:"validator_shares"`
	TotalStaked           []DecCoin `json:"total_staked"`
}
