package ibc_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	"github.com/alliancewasm/alliancewasm/app"
)

// lockedShares are the shares the wrapped token mints to itself on the first
// deposit and never releases (contracts/token: the share-inflation guard).
const lockedShares = 1000

// tokenEpoch is the token's unbond_epoch here: more than the unbonding time
// (1 h) over MaxEntries (7) = 514.3 s.
const tokenEpoch = 515 * time.Second

// The same journey, but staked through the wrapped token contract
// (contracts/artifacts/token.wasm), which delegates with the alliance wasm
// bindings: userA deposits the vouchers, the contract's stake earns A's
// rewards, userA claims them and unbonds its shares, withdraws the vouchers
// after the batch's epoch and the unbonding time and sends them home. The
// contract's locked shares
// keep their 1000 vouchers staked on A for ever, so exactly that much of B's
// stake stays in B's escrow.
func TestIBCTokenOfBStakedThroughWrappedToken(t *testing.T) {
	const sent, deposited = int64(10_000_000), int64(6_000_000)
	w := newWorld(t, sent)
	a, b := w.chainA, w.chainB
	addrA, voucher := w.addrA, w.voucher
	valA := sdk.ValAddress(a.Vals.Validators[0].Address)

	code := a.storeFixture(w.userA, "token.wasm")
	init := mustJSON(t, map[string]any{
		"name": "Wrapped B stake", "symbol": "wBSTAKE", "decimals": 6,
		"asset_denom": voucher, "reward_denom": app.BondDenom, "validators": []string{valA.String()}, "fee_bps": 0,
		"unbond_epoch": tokenEpoch / time.Second,
	})
	token := a.instantiate(w.userA, code, "wrapped B stake", init, nil)
	execute := func(msg string, funds sdk.Coins) *wasmtypes.MsgExecuteContract {
		return &wasmtypes.MsgExecuteContract{Sender: addrA.String(), Contract: token.String(), Msg: []byte(msg), Funds: funds}
	}

	// 3. userA deposits; the contract delegates all of it through the
	// bindings and mints shares 1:1, less the locked ones.
	a.deliver(w.userA, execute(`{"deposit":{}}`, sdk.NewCoins(sdk.NewInt64Coin(voucher, deposited))))
	shares := deposited - lockedShares
	require.Equal(t, strconv.FormatInt(shares, 10), queryContract[struct {
		Balance string `json:"balance"`
	}](a, token, `{"balance":{"address":"`+addrA.String()+`"}}`).Balance)
	require.Equal(t, math.NewInt(sent-deposited), a.balance(addrA, voucher))
	require.Equal(t, math.NewInt(deposited), a.balance(w.allianceModule(), voucher))
	require.Equal(t, math.NewInt(deposited), a.allianceStake(token, valA, voucher))

	// 4. Blocks pass with votes; the virtual stake (0.5 × A's native bond)
	// earns on valA for the contract, the only staker of the asset.
	a.blocks(2)
	require.Equal(t, int64(3), votingPower(a, valA))
	a.blocks(10)
	pending := queryContract[struct {
		Rewards string `json:"rewards"`
	}](a, token, `{"pending_rewards":{"address":"`+addrA.String()+`"}}`)
	pendingAmount, ok := math.NewIntFromString(pending.Rewards)
	require.True(t, ok, pending.Rewards)
	require.True(t, pendingAmount.IsPositive(), "no rewards for the token holder after 10 signed blocks")

	// 5. In one transaction userA claims its rewards and unbonds all its
	// shares: the claim makes the contract claim from x/alliance and pay
	// userA; the unbond queues the shares into the current batch, which
	// process_unbonds burns (1:1: no take rate here) and undelegates once its
	// epoch has passed, recording the completion time from the
	// undelegation's reply.
	before := a.balance(addrA, app.BondDenom)
	res := a.deliver(w.userA,
		execute(`{"claim_rewards":{}}`, nil),
		execute(`{"unbond":{"amount":"`+strconv.FormatInt(shares, 10)+`"}}`, nil))
	claimed := mustInt(t, wasmAttr(t, res.Events, wasmtypes.WasmModuleEventType, token, "claim_rewards", "amount"))
	require.True(t, claimed.GTE(pendingAmount), "claimed %s < %s pending a block earlier", claimed, pendingAmount)
	require.Equal(t, before.Add(claimed), a.balance(addrA, app.BondDenom))
	require.Equal(t, w.start.Add(claimed), a.balance(addrA, app.BondDenom))

	// Reconciliation: x/alliance paid the contract everything it withdrew
	// from x/distribution for valA but the pool's flooring dust (under a
	// coin), and the contract passed all of it to userA, its only
	// reward-bearing holder, but its own flooring of the index step and of
	// userA's share (under a coin each, so at most one whole coin).
	allocated := a.allocatedRewards(valA).AmountOf(app.BondDenom)
	toContract := a.paidToDelegator(token).AmountOf(app.BondDenom)
	poolDust := a.balance(w.rewardsPool(), app.BondDenom)
	contractDust := a.balance(token, app.BondDenom)
	require.Equal(t, allocated, toContract.Add(poolDust))
	require.Equal(t, toContract, claimed.Add(contractDust))
	require.True(t, poolDust.LTE(math.OneInt()), "pool dust %s", poolDust)
	require.True(t, contractDust.LTE(math.OneInt()), "contract dust %s", contractDust)

	type claimsResponse struct {
		Claims []struct {
			Shares         string `json:"shares"`
			Amount         string `json:"amount"`
			State          string `json:"state"`
			CompletionTime string `json:"completion_time"`
		} `json:"claims"`
	}
	claims := queryContract[claimsResponse](a, token, `{"claims":{"address":"`+addrA.String()+`"}}`)
	require.Len(t, claims.Claims, 1)
	require.Equal(t, "pending", claims.Claims[0].State)
	require.Equal(t, strconv.FormatInt(shares, 10), claims.Claims[0].Shares)
	require.Equal(t, "", claims.Claims[0].Amount, "no amount before processing (null)")
	require.Equal(t, math.NewInt(deposited), a.allianceStake(token, valA, voucher), "undelegated before the batch is processed")

	// The batch's epoch passes; userA (anyone may) processes it.
	w.coord.IncrementTimeBy(tokenEpoch)
	a.produceBlock()
	blockTime := w.coord.CurrentTime
	a.deliver(w.userA, execute(`{"process_unbonds":{}}`, nil))
	claims = queryContract[claimsResponse](a, token, `{"claims":{"address":"`+addrA.String()+`"}}`)
	require.Len(t, claims.Claims, 1)
	require.Equal(t, strconv.FormatInt(shares, 10), claims.Claims[0].Amount)
	require.Equal(t, strconv.FormatInt(blockTime.Add(unbondingTime).UnixNano(), 10), claims.Claims[0].CompletionTime)
	require.Equal(t, "unbonding", claims.Claims[0].State)
	require.Equal(t, math.NewInt(lockedShares), a.allianceStake(token, valA, voucher), "the locked shares stay staked")

	// 6. The unbonding time passes; userA withdraws the matured claim.
	w.coord.IncrementTimeBy(unbondingTime)
	a.produceBlock()
	require.Equal(t, math.NewInt(shares), a.balance(token, voucher))
	a.deliver(w.userA, execute(`{"withdraw":{}}`, nil))
	require.True(t, a.balance(token, voucher).IsZero())
	require.Equal(t, math.NewInt(sent-lockedShares), a.balance(addrA, voucher))

	// 7. A -> B with everything userA holds.
	w.sendHome(math.NewInt(sent - lockedShares))

	// Exact end state on both chains: the locked 1000 stay staked on A,
	// backed by 1000 of B's stake in B's escrow.
	locked := math.NewInt(lockedShares)
	require.Equal(t, w.start.Sub(locked), b.balance(w.addrB, app.BondDenom))
	require.Equal(t, locked, b.balance(w.escrowB, app.BondDenom))
	require.Equal(t, locked, b.app.TransferKeeper.GetTotalEscrowForDenom(b.ctx(), app.BondDenom).Amount)
	require.True(t, a.balance(addrA, voucher).IsZero())
	require.Equal(t, locked, a.supply(voucher))
	require.Equal(t, locked, a.balance(w.allianceModule(), voucher))
	asset, err := a.app.AllianceKeeper.GetAsset(a.ctx(), voucher)
	require.NoError(t, err)
	require.Equal(t, locked, asset.TotalTokens)
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start.Sub(locked)), sdk.NewCoin(ibctesting.SecondaryDenom, w.start)),
		b.app.BankKeeper.GetAllBalances(b.ctx(), w.addrB))
	require.Equal(t, sdk.NewCoins(sdk.NewCoin(app.BondDenom, w.start.Add(claimed)), sdk.NewCoin(ibctesting.SecondaryDenom, w.start)),
		a.app.BankKeeper.GetAllBalances(a.ctx(), addrA))
}
