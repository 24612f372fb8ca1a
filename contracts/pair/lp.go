package main

// The LP share denom: created at instantiate with the token factory (its creation fee paid from
// the instantiation's funds), minted by provide_liquidity, burned by withdraw_liquidity.

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// createLPDenom returns the messages that create cfg.LPDenom with its metadata and refund what
// the instantiation's funds hold beyond the chain's creation fee. Funds short of the fee are
// refused (ErrCreationFee) before anything is created.
func createLPDenom(deps *std.Deps, info std.MessageInfo, self string, cfg Config) ([]std.CosmosMsg, error) {
	params, err := tokenfactory.QueryParams(deps.Querier)
	if err != nil {
		return nil, err
	}
	refund, short, err := tokenfactory.SplitCreationFee(info.Funds, params.DenomCreationFee)
	if err != nil {
		return nil, err
	}
	if short != nil {
		missing, _ := short.Fee.CheckedSub(short.Sent) // Sent < Fee
		return nil, std.WithDetail("", ErrCreationFee, ": send "+short.Fee.String()+short.Denom+" with instantiate, "+
			missing.String()+short.Denom+" missing")
	}
	a, b := cfg.Denoms[0], cfg.Denoms[1]
	md := &bt.DenomMetadata{
		Description: "LP shares of the constant-product pair " + self + " of " + a + " and " + b,
		DenomUnits:  []bt.DenomUnit{{Denom: cfg.LPDenom}, {Denom: lpDisplay, Exponent: lpDisplayExponent}},
		Display:     lpDisplay,
		Name:        a + "-" + b + " LP",
		Symbol:      "LP",
	}
	msgs := []std.CosmosMsg{tokenfactory.CreateDenomMsg(LPSubdenom, md)}
	if len(refund) > 0 {
		msgs = append(msgs, std.BankSendMsg(info.Sender, refund...))
	}
	return msgs, nil
}

// sentLP returns the LP shares sent with a withdrawal: exactly one coin, of the LP denom.
func sentLP(cfg Config, funds []std.Coin) (std.Uint128, error) {
	if len(funds) != 1 || funds[0].Denom != cfg.LPDenom {
		return std.Uint128{}, std.WithDetail("", ErrWithdrawFunds, " "+cfg.LPDenom)
	}
	if funds[0].Amount.IsZero() {
		return std.Uint128{}, ErrZeroWithdraw
	}
	return funds[0].Amount, nil
}
