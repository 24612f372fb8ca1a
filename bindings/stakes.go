package bindings

import (
	"errors"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// maxStakesPages bounds the pages of the delegator's delegations (all denoms,
// bt.MaxPageLimit each) the amount part walks.
const maxStakesPages = 10

// stakes answers the stakes query: for each validator asked, what the
// request includes of the delegator's stake of the denom, the validator's
// status and the delegation's pending rewards. One query where a contract
// needed a delegations page, a validator query per candidate and a rewards
// query per delegation, each with its own charges; and each part only when
// asked (a contract booking rewards before a transfer needs only the
// rewards). The answers are the keeper's own queries (delegations list and
// delegation_rewards), so they agree with them.
func (q *Querier) stakes(ctx sdk.Context, r *bt.StakesRequest) (bt.StakesResponse, error) {
	if len(r.Validators) == 0 || len(r.Validators) > bt.MaxStakesValidators {
		return bt.StakesResponse{}, fmt.Errorf("give 1 to %d validators", bt.MaxStakesValidators)
	}
	chargeItems(ctx, len(r.Validators))
	out := bt.StakesResponse{Stakes: make([]bt.ValidatorStake, len(r.Validators))}
	vals := make([]sdk.ValAddress, len(r.Validators))
	index := make(map[string]int, len(r.Validators))
	for i, v := range r.Validators {
		val, err := sdk.ValAddressFromBech32(v)
		if err != nil {
			return bt.StakesResponse{}, fmt.Errorf("validator %q: %w", v, err)
		}
		if _, dup := index[val.String()]; dup {
			return bt.StakesResponse{}, fmt.Errorf("validator %s is listed twice", v)
		}
		index[val.String()] = i
		vals[i] = val
		out.Stakes[i].Validator = v
	}
	listed := false // a delegation of the denom is worth tokens: its asset is listed
	if r.Amount {
		var err error
		if listed, err = q.stakeAmounts(ctx, r, index, out.Stakes); err != nil {
			return bt.StakesResponse{}, err
		}
	}
	if !r.Rewards && !listed {
		// The rewards query refuses an unlisted denom by itself; without it, ask once.
		if _, err := q.queries.Alliance(ctx, &alliancetypes.QueryAllianceRequest{Denom: r.Denom}); err != nil {
			return bt.StakesResponse{}, err
		}
	}
	for i, val := range vals {
		s := &out.Stakes[i]
		if r.Status {
			s.Status = q.validatorStatus(ctx, val)
		}
		if r.Rewards && (!r.Amount || s.Worthless || s.Amount != "0") { // (no delegation: nothing pending)
			rw, err := q.queries.AllianceDelegationRewards(ctx, &alliancetypes.QueryAllianceDelegationRewardsRequest{DelegatorAddr: r.Delegator, ValidatorAddr: s.Validator, Denom: r.Denom})
			if errors.Is(err, alliancetypes.ErrNoDelegation) {
				continue
			} else if err != nil {
				return bt.StakesResponse{}, err
			}
			for _, c := range rw.Rewards {
				s.Rewards = append(s.Rewards, bt.Coin{Denom: c.Denom, Amount: c.Amount.String()})
			}
		}
	}
	return out, nil
}

// stakeAmounts fills the amounts from the delegator's delegations list (one walk for every
// validator; a validator without a delegation of the denom has "0"). It reports whether it met a
// delegation of the denom worth tokens: the list prices each with its asset, and at zero when
// the asset is not listed, so such a delegation proves the asset is listed.
func (q *Querier) stakeAmounts(ctx sdk.Context, r *bt.StakesRequest, index map[string]int, out []bt.ValidatorStake) (bool, error) {
	found := false
	for i := range out {
		out[i].Amount = "0"
	}
	var key []byte
	for page := 0; page < maxStakesPages; page++ {
		res, err := q.queries.AlliancesDelegation(ctx, &alliancetypes.QueryAlliancesDelegationsRequest{
			DelegatorAddr: r.Delegator, Pagination: &query.PageRequest{Key: key, Limit: bt.MaxPageLimit},
		})
		if err != nil {
			return found, err
		}
		chargeItems(ctx, len(res.Delegations))
		for _, d := range res.Delegations {
			if d.Delegation.Denom != r.Denom {
				continue
			}
			found = found || d.Balance.Amount.IsPositive()
			val, err := sdk.ValAddressFromBech32(d.Delegation.ValidatorAddress)
			if err != nil {
				return found, err
			}
			i, ok := index[val.String()]
			if !ok {
				continue
			}
			out[i].Amount = d.Balance.Amount.String()
			out[i].Worthless = d.Balance.Amount.IsZero() && d.Delegation.Shares.IsPositive()
		}
		if key = nextKey(res.Pagination); key == nil {
			return found, nil
		}
	}
	return found, fmt.Errorf("the delegator has more than %d alliance delegations", maxStakesPages*bt.MaxPageLimit)
}

// validatorStatus is val's status in x/staking (bt.StakeRemoved when it does not know it).
func (q *Querier) validatorStatus(ctx sdk.Context, val sdk.ValAddress) string {
	v, err := q.staking.GetValidator(ctx, val)
	switch {
	case err != nil:
		return bt.StakeRemoved
	case v.IsJailed():
		return bt.StakeJailed
	case v.IsBonded():
		return bt.StakeBonded
	}
	return bt.StakeInactive
}
