package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func unwrap(ctx context.Context) sdk.Context { return sdk.UnwrapSDKContext(ctx) }

// RegisterInvariants registers the module's invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "validator-shares", ValidatorSharesInvariant(k))
	ir.RegisterRoute(types.ModuleName, "delegator-shares", DelegatorSharesInvariant(k))
	ir.RegisterRoute(types.ModuleName, "module-balance", ModuleBalanceInvariant(k))
	ir.RegisterRoute(types.ModuleName, "reward-pool", RewardPoolInvariant(k))
}

// AllInvariants runs every invariant.
func AllInvariants(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		for _, inv := range []sdk.Invariant{
			ValidatorSharesInvariant(k), DelegatorSharesInvariant(k), ModuleBalanceInvariant(k), RewardPoolInvariant(k),
		} {
			if msg, broken := inv(ctx); broken {
				return msg, broken
			}
		}
		return "", false
	}
}

// ValidatorSharesInvariant: for every asset, Σ_V vS_{a,V} == TvS_a exactly;
// no negative shares; no shares of unlisted assets.
func ValidatorSharesInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		sums := map[string]math.LegacyDec{}
		var problems []string
		err := k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
			for _, c := range info.ValidatorShares {
				if c.Amount.IsNegative() {
					problems = append(problems, fmt.Sprintf("validator %s has negative %s shares", k.valString(v), c.Denom))
				}
				if has, _ := k.Assets.Has(ctx, c.Denom); !has {
					problems = append(problems, fmt.Sprintf("validator %s has shares of unlisted %s", k.valString(v), c.Denom))
				}
				prev, ok := sums[c.Denom]
				if !ok {
					prev = math.LegacyZeroDec()
				}
				sums[c.Denom] = prev.Add(c.Amount)
			}
			return false, nil
		})
		if err != nil {
			problems = append(problems, err.Error())
		}
		err = k.Assets.Walk(ctx, nil, func(d string, a types.AllianceAsset) (bool, error) {
			s, ok := sums[d]
			if !ok {
				s = math.LegacyZeroDec()
			}
			if !s.Equal(a.TotalValidatorShares) {
				problems = append(problems, fmt.Sprintf("asset %s: total_validator_shares %s != sum over validators %s", d, a.TotalValidatorShares, s))
			}
			if a.TotalTokens.IsNegative() {
				problems = append(problems, fmt.Sprintf("asset %s: negative total tokens", d))
			}
			return false, nil
		})
		if err != nil {
			problems = append(problems, err.Error())
		}
		return report("validator-shares", problems)
	}
}

// DelegatorSharesInvariant: for every (V, a), Σ delegation shares == TdS_{a,V}
// exactly, all positive, and a position with delegator shares has validator
// shares or its asset has no tokens (else the delegators own nothing).
func DelegatorSharesInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		sums := map[string]math.LegacyDec{}
		var problems []string
		err := k.Delegations.Walk(ctx, nil, func(key DelegationKey, d types.Delegation) (bool, error) {
			if !d.Shares.IsPositive() {
				problems = append(problems, fmt.Sprintf("delegation %s/%s/%s has non-positive shares", d.DelegatorAddress, d.ValidatorAddress, d.Denom))
			}
			id := string(key.K2()) + "\x00" + key.K3()
			prev, ok := sums[id]
			if !ok {
				prev = math.LegacyZeroDec()
			}
			sums[id] = prev.Add(d.Shares)
			return false, nil
		})
		if err != nil {
			problems = append(problems, err.Error())
		}
		seen := map[string]bool{}
		err = k.ValidatorInfos.Walk(ctx, nil, func(v sdk.ValAddress, info types.AllianceValidatorInfo) (bool, error) {
			for _, c := range info.TotalDelegatorShares {
				id := string(v) + "\x00" + c.Denom
				seen[id] = true
				s, ok := sums[id]
				if !ok {
					s = math.LegacyZeroDec()
				}
				if !s.Equal(c.Amount) {
					problems = append(problems, fmt.Sprintf("validator %s %s: total_delegator_shares %s != sum of delegations %s", k.valString(v), c.Denom, c.Amount, s))
				}
			}
			for _, c := range info.ValidatorShares {
				if !info.TotalDelegatorSharesOf(c.Denom).IsPositive() {
					problems = append(problems, fmt.Sprintf("validator %s %s: validator shares without delegators", k.valString(v), c.Denom))
				}
			}
			return false, nil
		})
		if err != nil {
			problems = append(problems, err.Error())
		}
		for id, s := range sums {
			if !seen[id] && s.IsPositive() {
				problems = append(problems, fmt.Sprintf("delegations (%x) without validator total", id))
			}
		}
		return report("delegator-shares", problems)
	}
}

// ModuleBalanceInvariant: the alliance account holds at least, per asset,
// the staked tokens plus the unbonding ones (it may hold more: on a chain
// where it is not a blocked address anyone can send coins to it).
func ModuleBalanceInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		owed := sdk.NewCoins()
		var problems []string
		_ = k.Assets.Walk(ctx, nil, func(d string, a types.AllianceAsset) (bool, error) {
			owed = owed.Add(sdk.NewCoin(d, a.TotalTokens))
			return false, nil
		})
		_ = k.Unbondings.Walk(ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
			if e.Balance.Amount.IsNegative() {
				problems = append(problems, "negative unbonding balance")
				return false, nil
			}
			owed = owed.Add(e.Balance)
			return false, nil
		})
		bal := k.bankKeeper.GetAllBalances(ctx, k.moduleAddress())
		for _, c := range owed {
			if bal.AmountOf(c.Denom).LT(c.Amount) {
				problems = append(problems, fmt.Sprintf("alliance account holds %s%s, owes %s", bal.AmountOf(c.Denom), c.Denom, c))
			}
		}
		return report("module-balance", problems)
	}
}

// RewardPoolInvariant: the reward pool covers every delegation's booked,
// unclaimed rewards. It may hold more: rounding dust, and coins anyone sent
// to it (the pool is not a blocked address when x/distribution pays into it).
func RewardPoolInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		owed := sdk.NewCoins()
		infos := map[string]types.AllianceValidatorInfo{}
		_ = k.Delegations.Walk(ctx, nil, func(key DelegationKey, d types.Delegation) (bool, error) {
			info, ok := infos[string(key.K2())]
			if !ok {
				info, _ = k.GetValidatorInfo(ctx, key.K2())
				infos[string(key.K2())] = info
			}
			owed = owed.Add(rewardsOwed(d, info.GlobalRewardHistory)...)
			return false, nil
		})
		var problems []string
		unpaid, err := k.totalUnpaidRewards(ctx)
		if err != nil {
			problems = append(problems, fmt.Sprintf("unpaid rewards: %v", err))
		}
		owed = owed.Add(unpaid...) // booked by a wind-down, still in the pool
		bal := k.bankKeeper.GetAllBalances(ctx, k.accountKeeper.GetModuleAddress(types.RewardsPoolName))
		if !bal.IsAllGTE(owed) {
			problems = append(problems, fmt.Sprintf("reward pool holds %s, owes %s", bal, owed))
		}
		return report("reward-pool", problems)
	}
}

func report(name string, problems []string) (string, bool) {
	msg := sdk.FormatInvariant(types.ModuleName, name, fmt.Sprintf("%d problem(s): %v", len(problems), problems))
	return msg, len(problems) > 0
}
