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
	refund, err := payFee(info.Funds, params.DenomCreationFee)
	if err != nil {
		return nil, err
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

// payFee takes fee (the chain's coins, amounts as decimal strings) out of funds and returns the
// rest (no zero coins). Loops are bounded by the two lists, both short and bounded by the tx.
func payFee(funds []std.Coin, fee []bt.Coin) ([]std.Coin, error) {
	rest := append([]std.Coin(nil), funds...)
	for _, f := range fee {
		due, err := std.ParseUint128(f.Amount)
		if err != nil {
			return nil, err
		}
		for i := range rest {
			if due.IsZero() {
				break
			}
			if rest[i].Denom == f.Denom {
				take := due.Min(rest[i].Amount)
				rest[i].Amount, _ = rest[i].Amount.CheckedSub(take)
				due, _ = due.CheckedSub(take)
			}
		}
		if !due.IsZero() {
			return nil, std.WithDetail("", ErrCreationFee, ": send "+f.Amount+f.Denom+" with instantiate, "+due.String()+f.Denom+" missing")
		}
	}
	out := rest[:0]
	for _, c := range rest {
		if !c.Amount.IsZero() {
			out = append(out, c)
		}
	}
	return out, nil
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
