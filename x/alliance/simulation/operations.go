package simulation

import (
	"context"
	"errors"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Keys of the operation weights in a simulation params file, and their
// defaults (x/staking's delegate is 100, for scale).
const (
	OpWeightMsgDelegate   = "op_weight_msg_alliance_delegate"
	OpWeightMsgUndelegate = "op_weight_msg_alliance_undelegate"
	OpWeightMsgRedelegate = "op_weight_msg_alliance_redelegate"
	OpWeightMsgClaim      = "op_weight_msg_alliance_claim_delegation_rewards"
	OpWeightMsgCancel     = "op_weight_msg_alliance_cancel_unbonding"
	OpWeightGovExecute    = "op_weight_alliance_gov_execute"

	DefaultWeightMsgDelegate   = 100
	DefaultWeightMsgUndelegate = 60
	DefaultWeightMsgRedelegate = 40
	DefaultWeightMsgClaim      = 50
	DefaultWeightMsgCancel     = 30
	DefaultWeightGovExecute    = 50
)

// AccountKeeper, BankKeeper and StakingKeeper are what the operations read:
// an account to sign with, its spendable coins, the validators to pick from.
type (
	AccountKeeper interface {
		simulation.AccountKeeper
	}
	BankKeeper interface {
		simulation.BankKeeper
	}
	StakingKeeper interface {
		GetAllValidators(ctx context.Context) ([]stakingtypes.Validator, error)
	}
)

// operations holds what every operation needs.
type operations struct {
	txGen client.TxConfig
	cdc   *codec.ProtoCodec
	ak    AccountKeeper
	bk    BankKeeper
	sk    StakingKeeper
	k     keeper.Keeper
	msgs  types.MsgServer
	query types.QueryServer
}

// WeightedOperations returns the users' operations of x/alliance.
func WeightedOperations(appParams simtypes.AppParams, txGen client.TxConfig, cdc *codec.ProtoCodec,
	ak AccountKeeper, bk BankKeeper, sk StakingKeeper, k keeper.Keeper,
) simulation.WeightedOperations {
	o := operations{txGen: txGen, cdc: cdc, ak: ak, bk: bk, sk: sk, k: k,
		msgs: keeper.NewMsgServerImpl(k), query: keeper.NewQueryServerImpl(k)}
	weight := func(key string, def int) int {
		w := def
		appParams.GetOrGenerate(key, &w, nil, func(*rand.Rand) { w = def })
		return w
	}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(weight(OpWeightMsgDelegate, DefaultWeightMsgDelegate), o.delegate),
		simulation.NewWeightedOperation(weight(OpWeightMsgUndelegate, DefaultWeightMsgUndelegate), o.undelegate),
		simulation.NewWeightedOperation(weight(OpWeightMsgRedelegate, DefaultWeightMsgRedelegate), o.redelegate),
		simulation.NewWeightedOperation(weight(OpWeightMsgClaim, DefaultWeightMsgClaim), o.claim),
		simulation.NewWeightedOperation(weight(OpWeightMsgCancel, DefaultWeightMsgCancel), o.cancel),
		simulation.NewWeightedOperation(weight(OpWeightGovExecute, DefaultWeightGovExecute), o.govExecute),
	}
}

// govExecute is what x/gov does when one of this module's proposals passes:
// one of ProposalMsgs (create, update, delete — with stake, usually — or
// params), drawn by weight, executed as the module's authority in a branch
// of the state written only on success (a failed proposal changes nothing).
// The SDK's gov simulation rarely lets one of them pass (random deposits and
// votes, every module's proposals in one draw), so without this operation
// the app simulation would hardly ever list, re-weight or delist.
func (o operations) govExecute(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	proposals := ProposalMsgs(o.k)
	total := 0
	for _, p := range proposals {
		total += p.DefaultWeight()
	}
	pick := r.Intn(total)
	chosen := proposals[0]
	for _, p := range proposals {
		if pick < p.DefaultWeight() {
			chosen = p
			break
		}
		pick -= p.DefaultWeight()
	}
	msg := chosen.MsgSimulatorFn()(r, ctx, accs)
	handler := app.MsgServiceRouter().Handler(msg)
	if handler == nil {
		return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), "no handler"), nil, errors.New("no handler for " + sdk.MsgTypeURL(msg))
	}
	branch, write := ctx.CacheContext()
	if _, err := handler(branch, msg); err != nil {
		// Refused as the module refuses a passed proposal that no longer
		// applies (the denom listed meanwhile, an asset being delisted).
		return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), err.Error()), nil, nil
	}
	write()
	return simtypes.NewOperationMsg(msg, true, "executed as a passed gov proposal"), nil, nil
}

// delegate: a random account stakes a random part of one of its listed
// alliance coins on a random validator.
func (o operations) delegate(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	acc, _ := simtypes.RandomAcc(r, accs)
	msgType := sdk.MsgTypeURL(&types.MsgDelegate{})
	coins := o.listedCoins(ctx, acc.Address)
	if coins.Empty() {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no listed alliance coin"), nil, nil
	}
	coin := coins[r.Intn(len(coins))]
	val, err := o.randomValidator(ctx, r)
	if err != nil {
		return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, nil
	}
	amt, err := simtypes.RandPositiveInt(r, coin.Amount)
	if err != nil {
		return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, nil
	}
	msg := &types.MsgDelegate{DelegatorAddress: acc.Address.String(), ValidatorAddress: val, Amount: sdk.NewCoin(coin.Denom, amt)}
	return o.deliver(r, app, ctx, acc, msg, sdk.NewCoins(msg.Amount), func(c sdk.Context) error {
		_, err := o.msgs.Delegate(c, msg)
		return err
	})
}

// undelegate: a random delegation; a third of the time
// its whole balance (the exit must leave no shares behind), else a part.
func (o operations) undelegate(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	msgType := sdk.MsgTypeURL(&types.MsgUndelegate{})
	del, acc, ok := o.randomDelegation(ctx, r, accs)
	if !ok {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no delegation"), nil, nil
	}
	amt := del.Balance.Amount
	if r.Intn(3) > 0 {
		part, err := simtypes.RandPositiveInt(r, amt)
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, nil
		}
		amt = part
	}
	msg := &types.MsgUndelegate{DelegatorAddress: del.Delegation.DelegatorAddress, ValidatorAddress: del.Delegation.ValidatorAddress,
		Amount: sdk.NewCoin(del.Balance.Denom, amt)}
	return o.deliver(r, app, ctx, acc, msg, nil, func(c sdk.Context) error {
		_, err := o.msgs.Undelegate(c, msg)
		return err
	})
}

// redelegate: a random part (or all) of a random delegation moves to another
// random validator.
func (o operations) redelegate(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	msgType := sdk.MsgTypeURL(&types.MsgRedelegate{})
	del, acc, ok := o.randomDelegation(ctx, r, accs)
	if !ok {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no delegation"), nil, nil
	}
	dst, err := o.randomValidator(ctx, r)
	if err != nil || dst == del.Delegation.ValidatorAddress {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no other validator"), nil, nil
	}
	amt, err := simtypes.RandPositiveInt(r, del.Balance.Amount)
	if err != nil {
		return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, nil
	}
	msg := &types.MsgRedelegate{DelegatorAddress: del.Delegation.DelegatorAddress, ValidatorSrcAddress: del.Delegation.ValidatorAddress,
		ValidatorDstAddress: dst, Amount: sdk.NewCoin(del.Balance.Denom, amt)}
	return o.deliver(r, app, ctx, acc, msg, nil, func(c sdk.Context) error {
		_, err := o.msgs.Redelegate(c, msg)
		return err
	})
}

// claim: the rewards of a random delegation.
func (o operations) claim(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	msgType := sdk.MsgTypeURL(&types.MsgClaimDelegationRewards{})
	del, acc, ok := o.randomDelegation(ctx, r, accs)
	if !ok {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no delegation"), nil, nil
	}
	msg := &types.MsgClaimDelegationRewards{DelegatorAddress: del.Delegation.DelegatorAddress,
		ValidatorAddress: del.Delegation.ValidatorAddress, Denom: del.Balance.Denom}
	return o.deliver(r, app, ctx, acc, msg, nil, func(c sdk.Context) error {
		_, err := o.msgs.ClaimDelegationRewards(c, msg)
		return err
	})
}

// cancel: a random part (or all) of a random unbonding entry goes back to
// its validator.
func (o operations) cancel(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	msgType := sdk.MsgTypeURL(&types.MsgCancelUnbonding{})
	var entries []types.UnbondingEntry
	err := o.k.Unbondings.Walk(ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		entries = append(entries, e)
		return false, nil
	})
	if err != nil || len(entries) == 0 {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no unbonding"), nil, nil
	}
	e := entries[r.Intn(len(entries))]
	owner, err := sdk.AccAddressFromBech32(e.DelegatorAddress)
	if err != nil {
		return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, nil
	}
	acc, ok := simtypes.FindAccount(accs, owner)
	if !ok || !e.Balance.Amount.IsPositive() {
		return simtypes.NoOpMsg(types.ModuleName, msgType, "no simulated owner"), nil, nil
	}
	amt := e.Balance.Amount
	if r.Intn(2) == 0 {
		if amt, err = simtypes.RandPositiveInt(r, amt); err != nil {
			return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, nil
		}
	}
	msg := &types.MsgCancelUnbonding{DelegatorAddress: e.DelegatorAddress, ValidatorAddress: e.ValidatorAddress,
		Amount: sdk.NewCoin(e.Balance.Denom, amt), CreationHeight: e.CreationHeight}
	return o.deliver(r, app, ctx, acc, msg, nil, func(c sdk.Context) error {
		_, err := o.msgs.CancelUnbonding(c, msg)
		return err
	})
}

// deliver runs the message on a throw-away branch first: a message the
// module refuses (a validator at its entry cap, a redelegation from a
// validator still being redelegated to, an asset not earning yet ...) is
// reported as a no-op with the module's error, since the simulator stops at
// the first failed transaction. Otherwise it is signed and delivered in a
// transaction paying random fees from what the message leaves.
func (o operations) deliver(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, acc simtypes.Account, msg sdk.Msg,
	spent sdk.Coins, try func(sdk.Context) error,
) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	branch, _ := ctx.CacheContext()
	if err := try(branch); err != nil {
		return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), "refused: "+err.Error()), nil, nil
	}
	return simulation.GenAndDeliverTxWithRandFees(simulation.OperationInput{
		R: r, App: app, TxGen: o.txGen, Cdc: o.cdc, Msg: msg, CoinsSpentInMsg: spent, Context: ctx,
		SimAccount: acc, AccountKeeper: o.ak, Bankkeeper: o.bk, ModuleName: types.ModuleName,
	})
}

// listedCoins: the account's spendable coins of listed assets.
func (o operations) listedCoins(ctx sdk.Context, addr sdk.AccAddress) sdk.Coins {
	var out sdk.Coins
	for _, c := range o.bk.SpendableCoins(ctx, addr) {
		if has, err := o.k.Assets.Has(ctx, c.Denom); err == nil && has {
			out = append(out, c)
		}
	}
	return out
}

var errNoValidator = errors.New("no validator")

// randomValidator: any validator x/staking knows (bonded or not, jailed or
// not: the module decides what it accepts).
func (o operations) randomValidator(ctx sdk.Context, r *rand.Rand) (string, error) {
	vals, err := o.sk.GetAllValidators(ctx)
	if err != nil {
		return "", err
	}
	if len(vals) == 0 {
		return "", errNoValidator
	}
	return vals[r.Intn(len(vals))].GetOperator(), nil
}

// randomDelegation: a random alliance delegation of a simulated account,
// with its balance, and the account to sign with. It walks every
// delegation: the simulation's store is small, and picking a random account
// first would mostly find none.
func (o operations) randomDelegation(ctx sdk.Context, r *rand.Rand, accs []simtypes.Account) (types.DelegationResponse, simtypes.Account, bool) {
	var keys []keeper.DelegationKey
	err := o.k.Delegations.Walk(ctx, nil, func(key keeper.DelegationKey, _ types.Delegation) (bool, error) {
		keys = append(keys, key)
		return false, nil
	})
	if err != nil || len(keys) == 0 {
		return types.DelegationResponse{}, simtypes.Account{}, false
	}
	key := keys[r.Intn(len(keys))]
	acc, ok := simtypes.FindAccount(accs, key.K1())
	if !ok {
		return types.DelegationResponse{}, simtypes.Account{}, false
	}
	res, err := o.query.AllianceDelegation(ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: key.K1().String(),
		ValidatorAddr: key.K2().String(), Denom: key.K3()})
	if err != nil || !res.Delegation.Balance.Amount.IsPositive() {
		return types.DelegationResponse{}, simtypes.Account{}, false
	}
	return res.Delegation, acc, true
}
