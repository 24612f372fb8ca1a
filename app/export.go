package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	alliancekeeper "github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// ExportAppStateAndValidators exports the whole state as a genesis.
//
// Without forZeroHeight the new chain continues at the next height. With it,
// the in-flight state that refers to block heights or to reward periods is
// settled first (see prepForZeroHeightGenesis) and the new chain starts
// again from height 1. jailAllowedAddrs (validator operator addresses, only
// for a zero-height export) keeps those validators and jails all others;
// empty jails no one.
//
// The export works on a branch of the last committed state that is thrown
// away afterwards: neither the committed state nor the state CheckTx works on
// sees any of the changes, so exporting from a live app changes nothing.
func (app *AllianceApp) ExportAppStateAndValidators(forZeroHeight bool, jailAllowedAddrs []string, modulesToExport []string) (servertypes.ExportedApp, error) {
	height := app.LastBlockHeight()
	ctx := sdk.NewContext(app.CommitMultiStore().CacheMultiStore(), cmtproto.Header{
		ChainID: app.ChainID(), Height: height,
	}, false, app.Logger())
	ctx = ctx.WithBlockTime(app.lastBlockTime(ctx, height))

	exportHeight := height + 1
	if forZeroHeight {
		if err := app.prepForZeroHeightGenesis(ctx, jailAllowedAddrs); err != nil {
			return servertypes.ExportedApp{}, fmt.Errorf("zero-height export: %w", err)
		}
		exportHeight = 0
	} else if len(jailAllowedAddrs) > 0 {
		return servertypes.ExportedApp{}, errors.New("jail allowed addresses apply to a zero-height export only")
	}
	genesis, err := app.ModuleManager.ExportGenesisForModules(ctx, app.appCodec, modulesToExport)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	appState, err := json.MarshalIndent(genesis, "", "  ")
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	validators, err := staking.WriteValidators(ctx, app.StakingKeeper)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	return servertypes.ExportedApp{
		AppState:        appState,
		Validators:      validators,
		Height:          exportHeight,
		ConsensusParams: app.GetConsensusParams(ctx),
	}, nil
}

// lastBlockTime is the time of the last committed block, from x/staking's
// historical info (kept for historical_entries blocks; zero if it is off).
// The zero-height preparation needs it only when it jails validators: their
// unbonding completes unbonding_time after it.
func (app *AllianceApp) lastBlockTime(ctx sdk.Context, height int64) time.Time {
	hi, err := app.StakingKeeper.GetHistoricalInfo(ctx, height)
	if err != nil {
		return time.Time{}
	}
	return hi.Header.Time
}

// prepForZeroHeightGenesis settles, on ctx, what a genesis at height 0
// cannot carry over:
//
//  1. rewards. The alliance module's virtual stake is withdrawn through
//     x/alliance (ClaimValidatorRewards), which books the coins into the
//     alliance reward indices; only then are validator commissions and every
//     other delegation's rewards withdrawn. Every alliance delegation is then
//     paid what its indices owe. Nothing but rounding dust stays owed: the
//     dust of x/distribution (outstanding rewards below one coin) goes to the
//     community pool, that of the alliance pool stays in the pool.
//  2. x/distribution's periods: slash events and historical rewards are
//     dropped, every validator and delegation starts again at height 0.
//  3. heights in x/staking (unbonding and redelegation entries, validators'
//     unbonding heights), x/slashing (signing infos' start height) and
//     x/alliance (delegations' last claim height); completion times stay.
//  4. jailing: validators not in jailAllowedAddrs (if any are given) are
//     jailed and leave the validator set.
func (app *AllianceApp) prepForZeroHeightGenesis(ctx sdk.Context, jailAllowedAddrs []string) error {
	allowed := map[string]bool{}
	for _, a := range jailAllowedAddrs {
		val, err := sdk.ValAddressFromBech32(a)
		if err != nil {
			return fmt.Errorf("jail allowed address %q: %w", a, err)
		}
		allowed[string(val)] = true
	}

	validators, err := app.StakingKeeper.GetAllValidators(ctx)
	if err != nil {
		return err
	}
	valAddrs := make([]sdk.ValAddress, len(validators))
	for i, v := range validators {
		if valAddrs[i], err = app.StakingKeeper.ValidatorAddressCodec().StringToBytes(v.GetOperator()); err != nil {
			return err
		}
	}
	dels, err := app.StakingKeeper.GetAllDelegations(ctx)
	if err != nil {
		return err
	}
	allianceAcc := app.AccountKeeper.GetModuleAddress(alliancetypes.ModuleName)

	// 1. Rewards: the alliance virtual stake first, into the indices.
	for _, d := range dels {
		if d.DelegatorAddress != allianceAcc.String() {
			continue
		}
		val, err := sdk.ValAddressFromBech32(d.ValidatorAddress)
		if err != nil {
			return err
		}
		if _, err := app.AllianceKeeper.ClaimValidatorRewards(ctx, val); err != nil {
			return fmt.Errorf("alliance rewards on %s: %w", d.ValidatorAddress, err)
		}
	}
	for _, val := range valAddrs {
		_, err := app.DistrKeeper.WithdrawValidatorCommission(ctx, val)
		if err != nil && !errors.Is(err, distrtypes.ErrNoValidatorCommission) {
			return fmt.Errorf("commission of %s: %w", val, err)
		}
	}
	for _, d := range dels {
		val, err := sdk.ValAddressFromBech32(d.ValidatorAddress)
		if err != nil {
			return err
		}
		del, err := sdk.AccAddressFromBech32(d.DelegatorAddress)
		if err != nil {
			return err
		}
		if del.Equals(allianceAcc) {
			// Withdrawn above in this context: nothing is left, but if
			// anything were it must be booked, not just paid to the pool.
			_, err = app.AllianceKeeper.ClaimValidatorRewards(ctx, val)
		} else {
			_, err = app.DistrKeeper.WithdrawDelegationRewards(ctx, del, val)
		}
		if err != nil {
			return fmt.Errorf("rewards of %s on %s: %w", d.DelegatorAddress, d.ValidatorAddress, err)
		}
	}
	if err := app.payAllAllianceRewards(ctx); err != nil {
		return err
	}

	// 2. x/distribution starts again at height 0.
	app.DistrKeeper.DeleteAllValidatorSlashEvents(ctx)
	app.DistrKeeper.DeleteAllValidatorHistoricalRewards(ctx)
	lastHeight := ctx.BlockHeight()
	zero := ctx.WithBlockHeight(0)
	distrHooks := app.DistrKeeper.Hooks() // x/distribution's only: no other module is told
	for _, val := range valAddrs {
		dust, err := app.DistrKeeper.GetValidatorOutstandingRewardsCoins(zero, val)
		if err != nil {
			return err
		}
		if !dust.IsZero() {
			pool, err := app.DistrKeeper.FeePool.Get(zero)
			if err != nil {
				return err
			}
			pool.CommunityPool = pool.CommunityPool.Add(dust...)
			if err := app.DistrKeeper.FeePool.Set(zero, pool); err != nil {
				return err
			}
		}
		if err := distrHooks.AfterValidatorCreated(zero, val); err != nil {
			return err
		}
	}
	for _, d := range dels {
		val, err := sdk.ValAddressFromBech32(d.ValidatorAddress)
		if err != nil {
			return err
		}
		del, err := sdk.AccAddressFromBech32(d.DelegatorAddress)
		if err != nil {
			return err
		}
		if err := distrHooks.BeforeDelegationCreated(zero, del, val); err != nil {
			return err
		}
		if err := distrHooks.AfterDelegationModified(zero, del, val); err != nil {
			return err
		}
	}
	ctx = zero.WithBlockHeight(lastHeight)

	// 4 (before 3, which resets the unbonding heights it sets). Jailing
	// goes through x/staking's own jail, which also takes the validator out
	// of the power index, so the validator set update below moves it out of
	// the set (and its tokens out of the bonded pool).
	if len(allowed) > 0 {
		for i, v := range validators {
			if allowed[string(valAddrs[i])] || v.IsJailed() {
				continue
			}
			cons, err := v.GetConsAddr()
			if err != nil {
				return err
			}
			if err := app.StakingKeeper.Jail(ctx, cons); err != nil {
				return err
			}
		}
	}
	if _, err := app.StakingKeeper.ApplyAndReturnValidatorSetUpdates(ctx); err != nil {
		return err
	}
	if len(allowed) > 0 {
		last, err := app.StakingKeeper.GetLastValidators(ctx)
		if err != nil {
			return err
		}
		if len(last) == 0 {
			return errors.New("no validator would be left in the validator set")
		}
	}

	// 3. Heights.
	err = app.StakingKeeper.IterateRedelegations(ctx, func(_ int64, red stakingtypes.Redelegation) bool {
		for i := range red.Entries {
			red.Entries[i].CreationHeight = 0
		}
		err = app.StakingKeeper.SetRedelegation(ctx, red)
		return err != nil
	})
	if err != nil {
		return err
	}
	err = app.StakingKeeper.IterateUnbondingDelegations(ctx, func(_ int64, ubd stakingtypes.UnbondingDelegation) bool {
		for i := range ubd.Entries {
			ubd.Entries[i].CreationHeight = 0
		}
		err = app.StakingKeeper.SetUnbondingDelegation(ctx, ubd)
		return err != nil
	})
	if err != nil {
		return err
	}
	// The unbonding-validator queue is not exported: x/staking's InitGenesis
	// rebuilds it from each validator's unbonding height and time.
	for i := range valAddrs {
		v, err := app.StakingKeeper.GetValidator(ctx, valAddrs[i])
		if err != nil {
			return err
		}
		if v.UnbondingHeight == 0 {
			continue
		}
		v.UnbondingHeight = 0
		if err := app.StakingKeeper.SetValidator(ctx, v); err != nil {
			return err
		}
	}
	err = app.SlashingKeeper.IterateValidatorSigningInfos(ctx, func(addr sdk.ConsAddress, info slashingtypes.ValidatorSigningInfo) bool {
		if info.StartHeight == 0 {
			return false
		}
		info.StartHeight = 0
		err = app.SlashingKeeper.SetValidatorSigningInfo(ctx, addr, info)
		return err != nil
	})
	if err != nil {
		return err
	}
	// Alliance undelegations and redelegations, like x/staking's entries
	// above, must not look younger than the new chain's infractions.
	if err := app.AllianceKeeper.ResetEntryCreationHeights(ctx, 1); err != nil {
		return err
	}
	return app.resetAllianceClaimHeights(ctx)
}

// payAllAllianceRewards pays every alliance delegation what the reward
// indices owe it (the virtual stake's rewards are booked already).
func (app *AllianceApp) payAllAllianceRewards(ctx sdk.Context) error {
	var keys []alliancekeeper.DelegationKey
	err := app.AllianceKeeper.Delegations.Walk(ctx, nil, func(k alliancekeeper.DelegationKey, _ alliancetypes.Delegation) (bool, error) {
		keys = append(keys, k)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := app.AllianceKeeper.ClaimDelegationRewards(ctx, k.K1(), k.K2(), k.K3()); err != nil {
			return fmt.Errorf("alliance rewards of %s on %s (%s): %w", k.K1(), k.K2(), k.K3(), err)
		}
	}
	return nil
}

// resetAllianceClaimHeights sets every alliance delegation's (informational)
// last claim height to 0: they have all just been paid.
func (app *AllianceApp) resetAllianceClaimHeights(ctx sdk.Context) error {
	type entry struct {
		key alliancekeeper.DelegationKey
		del alliancetypes.Delegation
	}
	var changed []entry
	err := app.AllianceKeeper.Delegations.Walk(ctx, nil, func(k alliancekeeper.DelegationKey, d alliancetypes.Delegation) (bool, error) {
		if d.LastRewardClaimHeight != 0 {
			d.LastRewardClaimHeight = 0
			changed = append(changed, entry{k, d})
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, e := range changed {
		if err := app.AllianceKeeper.Delegations.Set(ctx, e.key, e.del); err != nil {
			return err
		}
	}
	return nil
}
