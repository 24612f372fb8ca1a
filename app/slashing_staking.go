package app

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
)

// SlashingStakingKeeper is the staking keeper x/slashing and x/evidence get:
// x/staking's keeper whose Slash and SlashWithInfractionReason go through
// x/alliance (alliancekeeper.Keeper.SlashForInfraction), which knows the
// infraction height and the nominal fraction that x/staking's
// BeforeValidatorSlashed hook does not carry. Without it the virtual stake,
// which leaves and arrives at once, would make x/staking over-slash the
// native stake (or dilute the slash), and the alliance stake would be cut
// by x/staking's effective fraction with no infraction-height filter.
// Everything else is x/staking's keeper unchanged.
type SlashingStakingKeeper struct {
	*stakingkeeper.Keeper
	alliance alliancekeeper.Keeper
}

// NewSlashingStakingKeeper wraps sk for x/slashing and x/evidence.
func NewSlashingStakingKeeper(sk *stakingkeeper.Keeper, ak alliancekeeper.Keeper) SlashingStakingKeeper {
	return SlashingStakingKeeper{Keeper: sk, alliance: ak}
}

// Slash slashes through x/alliance with an unspecified infraction reason.
func (w SlashingStakingKeeper) Slash(ctx context.Context, cons sdk.ConsAddress, infractionHeight, power int64, fraction math.LegacyDec) (math.Int, error) {
	return w.SlashWithInfractionReason(ctx, cons, infractionHeight, power, fraction, stakingtypes.Infraction_INFRACTION_UNSPECIFIED)
}

// SlashWithInfractionReason slashes through x/alliance.
func (w SlashingStakingKeeper) SlashWithInfractionReason(ctx context.Context, cons sdk.ConsAddress, infractionHeight, power int64,
	fraction math.LegacyDec, reason stakingtypes.Infraction,
) (math.Int, error) {
	return w.alliance.SlashForInfraction(ctx, w.Keeper, cons, infractionHeight, power, fraction, reason)
}
