package harness

import (
	"encoding/json"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// JSONCodec is the codec GenesisHook receives to decode and encode module state.
type JSONCodec = codec.JSONCodec

// FaucetFunds is what the faucet account holds at genesis.
var FaucetFunds = sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdk.TokensFromConsensusPower(1_000_000, sdk.DefaultPowerReduction)))

// genesis builds the app state: funded accounts, short gov and unbonding
// periods, and one signed MsgCreateValidator gentx per validator, which
// genutil delivers through the real ante handler at InitChain.
func (c *Chain) genesis() []byte {
	c.t.Helper()
	cdc := c.App.AppCodec()
	state := c.App.DefaultGenesis()

	balances := map[string]sdk.Coins{FaucetName: FaucetFunds}
	for name, coins := range c.cfg.Funds {
		balances[name] = balances[name].Add(coins...)
	}
	for _, v := range c.validators {
		// The self-bond plus enough for fees and votes.
		balances[v.Operator.Name] = balances[v.Operator.Name].Add(sdk.NewCoin(app.BondDenom, c.cfg.ValidatorBond.MulRaw(2)))
	}

	var accounts []authtypes.GenesisAccount
	var bankBalances []banktypes.Balance
	for name, coins := range balances {
		acc := c.Account(name)
		accounts = append(accounts, authtypes.NewBaseAccount(acc.Address, nil, 0, 0))
		bankBalances = append(bankBalances, banktypes.Balance{Address: acc.Address.String(), Coins: coins})
	}
	var authGen authtypes.GenesisState
	cdc.MustUnmarshalJSON(state[authtypes.ModuleName], &authGen)
	packed, err := authtypes.PackAccounts(authtypes.SanitizeGenesisAccounts(accounts))
	if err != nil {
		c.t.Fatalf("pack genesis accounts: %v", err)
	}
	authGen.Accounts = packed
	state[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGen)

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bankGen)
	bankGen.Balances = banktypes.SanitizeGenesisBalances(bankBalances)
	bankGen.Supply = sdk.NewCoins()
	for _, b := range bankGen.Balances {
		bankGen.Supply = bankGen.Supply.Add(b.Coins...)
	}
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	var stakingGen stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(state[stakingtypes.ModuleName], &stakingGen)
	stakingGen.Params.UnbondingTime = c.cfg.UnbondingTime
	stakingGen.Params.BondDenom = app.BondDenom
	state[stakingtypes.ModuleName] = cdc.MustMarshalJSON(&stakingGen)

	var govGen govv1.GenesisState
	cdc.MustUnmarshalJSON(state[govtypes.ModuleName], &govGen)
	voting, expedited := c.cfg.VotingPeriod, c.cfg.VotingPeriod/2
	govGen.Params.VotingPeriod = &voting
	govGen.Params.ExpeditedVotingPeriod = &expedited
	state[govtypes.ModuleName] = cdc.MustMarshalJSON(&govGen)

	var allianceGen alliancetypes.GenesisState
	cdc.MustUnmarshalJSON(state[alliancetypes.ModuleName], &allianceGen)
	allianceGen.Params.RewardDelayTime = c.cfg.AllianceRewardDelay
	allianceGen.Params.TakeRateClaimInterval = c.cfg.AllianceTakeRateInterval
	state[alliancetypes.ModuleName] = cdc.MustMarshalJSON(&allianceGen)

	var genutilGen genutiltypes.GenesisState
	for _, v := range c.validators {
		genutilGen.GenTxs = append(genutilGen.GenTxs, c.gentx(v))
	}
	state[genutiltypes.ModuleName] = cdc.MustMarshalJSON(&genutilGen)

	if c.cfg.GenesisHook != nil {
		c.cfg.GenesisHook(cdc, state)
	}
	bz, err := json.Marshal(state)
	if err != nil {
		c.t.Fatalf("encode genesis: %v", err)
	}
	return bz
}

// gentx is the validator's signed MsgCreateValidator, as `genesis gentx` writes it.
func (c *Chain) gentx(v *Validator) json.RawMessage {
	msg, err := stakingtypes.NewMsgCreateValidator(v.ValAddr.String(), v.ConsKey.PubKey(),
		sdk.NewCoin(app.BondDenom, c.cfg.ValidatorBond),
		stakingtypes.NewDescription(v.Operator.Name, "", "", "", ""),
		stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(5, 2), math.LegacyNewDecWithPrec(20, 2), math.LegacyNewDecWithPrec(1, 2)),
		math.OneInt())
	if err != nil {
		c.t.Fatalf("gentx message: %v", err)
	}
	// At genesis every account number and sequence is zero.
	tx, err := c.signTx(v.Operator, []sdk.Msg{msg}, 0, 0, defaultGasLimit, signing.SignMode_SIGN_MODE_DIRECT)
	if err != nil {
		c.t.Fatalf("sign gentx: %v", err)
	}
	bz, err := c.App.TxConfig().TxJSONEncoder()(tx)
	if err != nil {
		c.t.Fatalf("encode gentx: %v", err)
	}
	return bz
}
