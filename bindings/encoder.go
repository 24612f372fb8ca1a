// Package bindings is the chain side of the alliance bindings: it turns the
// custom messages contracts send into x/alliance messages signed by the
// contract itself, answers their custom queries from the keeper, and accepts
// the alliance gRPC queries from contracts. The JSON wire types live in
// bindings/types, shared with Go contracts.
package bindings

import (
	"encoding/json"
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// EncodeCustomMsg turns the body of a contract's {"custom": …} message into
// the x/alliance message it stands for. The delegator is always the sending
// contract: the wire format has no field to name another account, and any
// unknown field (such as "delegator") is refused. A {"token_factory": …}
// message goes to EncodeTokenFactoryMsg (bindings/tokenfactory.go).
func EncodeCustomMsg(sender sdk.AccAddress, raw json.RawMessage) ([]sdk.Msg, error) {
	if isTokenFactory(raw) {
		return EncodeTokenFactoryMsg(sender, raw)
	}
	if len(raw) > MaxMsgBytes {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalidMsg, "alliance custom message of %d bytes is above the limit of %d bytes", len(raw), MaxMsgBytes)
	}
	var custom bt.CustomMsg
	if err := decodeStrict(raw, &custom); err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalidMsg, "alliance custom message: %s", err)
	}
	if custom.Alliance == nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalidMsg, `unknown custom message: expected {"alliance": {…}}`)
	}
	variant, err := custom.Alliance.Variant()
	if err != nil {
		return nil, errorsmod.Wrap(wasmtypes.ErrInvalidMsg, err.Error())
	}
	delegator := sender.String()
	m := custom.Alliance
	var msg sdk.Msg
	switch variant {
	case "delegate":
		var coin sdk.Coin
		if coin, err = toCoin(m.Delegate.Amount); err == nil {
			err = validValidator(m.Delegate.Validator)
		}
		msg = &alliancetypes.MsgDelegate{DelegatorAddress: delegator, ValidatorAddress: m.Delegate.Validator, Amount: coin}
	case "undelegate":
		var coin sdk.Coin
		if coin, err = toCoin(m.Undelegate.Amount); err == nil {
			err = validValidator(m.Undelegate.Validator)
		}
		msg = &alliancetypes.MsgUndelegate{DelegatorAddress: delegator, ValidatorAddress: m.Undelegate.Validator, Amount: coin}
	case "redelegate":
		var coin sdk.Coin
		r := m.Redelegate
		if coin, err = toCoin(r.Amount); err == nil {
			if err = validValidator(r.SrcValidator); err == nil {
				err = validValidator(r.DstValidator)
			}
		}
		if err == nil && r.SrcValidator == r.DstValidator {
			err = fmt.Errorf("src_validator and dst_validator are the same: %s", r.SrcValidator)
		}
		msg = &alliancetypes.MsgRedelegate{DelegatorAddress: delegator, ValidatorSrcAddress: r.SrcValidator, ValidatorDstAddress: r.DstValidator, Amount: coin}
	case "claim_rewards":
		c := m.ClaimRewards
		if err = validValidator(c.Validator); err == nil {
			err = sdk.ValidateDenom(c.Denom)
		}
		msg = &alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: delegator, ValidatorAddress: c.Validator, Denom: c.Denom}
	case "cancel_unbonding":
		msg, err = cancelUnbonding(delegator, m.CancelUnbonding)
	}
	if err != nil {
		return nil, errorsmod.Wrapf(wasmtypes.ErrInvalidMsg, "alliance %s: %s", variant, err)
	}
	return []sdk.Msg{msg}, nil
}

// cancelUnbonding encodes a cancel_unbonding message. A creation height is a
// positive int64 on the chain: 0 names no entry and larger values cannot be
// represented.
func cancelUnbonding(delegator string, c *bt.CancelUnbonding) (sdk.Msg, error) {
	coin, err := toCoin(c.Amount)
	if err != nil {
		return nil, err
	}
	if err := validValidator(c.Validator); err != nil {
		return nil, err
	}
	const maxHeight = 1<<63 - 1 // int64, the chain's block height type
	if c.CreationHeight == 0 || c.CreationHeight > maxHeight {
		return nil, fmt.Errorf("creation_height must be a block height in [1, %d], got %d", maxHeight, c.CreationHeight)
	}
	return &alliancetypes.MsgCancelUnbonding{
		DelegatorAddress: delegator, ValidatorAddress: c.Validator, Amount: coin, CreationHeight: int64(c.CreationHeight),
	}, nil
}

// toCoin validates a wire coin: a valid denom and a positive integer amount.
func toCoin(c bt.Coin) (sdk.Coin, error) {
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return sdk.Coin{}, err
	}
	amount, err := parseAmount(c.Amount)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(sdkerrors.ErrInvalidCoins, "amount %q: %s", c.Amount, err)
	}
	if !amount.IsPositive() {
		return sdk.Coin{}, errorsmod.Wrapf(sdkerrors.ErrInvalidCoins, "amount must be positive, got %s", c.Amount)
	}
	return sdk.Coin{Denom: c.Denom, Amount: amount}, nil
}

// maxAmountDigits is the length of 2^256-1, the largest math.Int, in base 10.
const maxAmountDigits = 78

// parseAmount reads a wire amount the way cosmwasm-std's Uint128/Uint256 and
// the contract SDK's ParseUint128 do: base-10 digits only, no sign, no
// leading zero (except "0" itself), no prefix or separator. math.Int's own
// parser (big.Int in base 0) would read "010" as 8, "0x10" as 16 and "1_000"
// as 1000, so a contract would stake a different amount than it validated.
func parseAmount(s string) (math.Int, error) {
	if s == "" {
		return math.Int{}, errors.New("empty amount")
	}
	if len(s) > maxAmountDigits {
		return math.Int{}, errors.New("more digits than a 256-bit amount has")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return math.Int{}, errors.New("not a base-10 unsigned integer")
		}
	}
	if s[0] == '0' && len(s) > 1 {
		return math.Int{}, errors.New("leading zero")
	}
	amount, ok := math.NewIntFromString(s) // digits only: base 0 reads them as decimal
	if !ok {
		return math.Int{}, errors.New("out of range")
	}
	return amount, nil
}

func validValidator(addr string) error {
	if _, err := sdk.ValAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "validator %q: %s", addr, err)
	}
	return nil
}
