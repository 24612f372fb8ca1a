package harness

import (
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// AllianceSpec describes an alliance asset to list through gov. Decimals are
// strings ("0.5"); an empty RewardChangeRate means 1 (no schedule).
type AllianceSpec struct {
	Denom        string
	RewardWeight string
	TakeRate     string
	WeightMin    string // default 0
	WeightMax    string // default 10 (types.MaxRewardWeight)
}

// CreateAlliance lists an alliance asset through a real gov v1 proposal
// (MsgCreateAlliance signed by the gov authority) and returns it as stored.
func (c *Chain) CreateAlliance(spec AllianceSpec) alliancetypes.AllianceAsset {
	c.t.Helper()
	dec := func(s, def string) math.LegacyDec {
		if s == "" {
			s = def
		}
		d, err := math.LegacyNewDecFromStr(s)
		if err != nil {
			c.t.Fatalf("alliance spec: %q: %v", s, err)
		}
		return d
	}
	c.PassProposal("list "+spec.Denom, &alliancetypes.MsgCreateAlliance{
		Authority:            c.GovAuthority(),
		Denom:                spec.Denom,
		RewardWeight:         dec(spec.RewardWeight, "1"),
		TakeRate:             dec(spec.TakeRate, "0"),
		RewardChangeRate:     math.LegacyOneDec(),
		RewardChangeInterval: 0,
		RewardWeightRange:    alliancetypes.RewardWeightRange{Min: dec(spec.WeightMin, "0"), Max: dec(spec.WeightMax, "10")},
	})
	asset, err := c.App.AllianceKeeper.GetAsset(c.Context(), spec.Denom)
	if err != nil {
		c.t.Fatalf("alliance %s not found after its proposal passed: %v", spec.Denom, err)
	}
	return asset
}

// AllianceDelegationAmount is the token value of delegator's alliance
// delegation of denom to val, as the chain's query service reports it.
func (c *Chain) AllianceDelegationAmount(delegator sdk.AccAddress, val sdk.ValAddress, denom string) math.Int {
	c.t.Helper()
	res, err := c.AllianceQueries().AllianceDelegation(c.Context(), &alliancetypes.QueryAllianceDelegationRequest{
		DelegatorAddr: delegator.String(), ValidatorAddr: val.String(), Denom: denom,
	})
	if err != nil {
		c.t.Fatalf("alliance delegation query: %v", err)
	}
	return res.Delegation.Balance.Amount
}

// AllianceQueries is the x/alliance gRPC query service over the last
// committed state.
func (c *Chain) AllianceQueries() alliancetypes.QueryServer {
	return alliancekeeper.NewQueryServerImpl(c.App.AllianceKeeper)
}
