package harness

import (
	"context"
	"fmt"
	"strings"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
)

// defaultGasLimit is generous: tests assert on gas used, not on the limit.
const defaultGasLimit = 50_000_000

// TxResult is the outcome of one delivered transaction.
type TxResult struct {
	Code      uint32
	Codespace string
	Log       string
	GasUsed   int64
	GasWanted int64
	Events    []abci.Event
	Data      []byte
	Height    int64
}

// OK reports whether the transaction succeeded.
func (r TxResult) OK() bool { return r.Code == 0 }

// Err returns nil for a successful transaction, else an error carrying the
// codespace, code and log.
func (r TxResult) Err() error {
	if r.OK() {
		return nil
	}
	return fmt.Errorf("tx failed: codespace=%s code=%d: %s", r.Codespace, r.Code, r.Log)
}

// Deliver signs msgs with signer's key and delivers them in a new block,
// through the real ante handler. It returns the result whether or not the
// transaction succeeded; it fails the test only if the block itself fails.
func (c *Chain) Deliver(signer *Account, msgs ...sdk.Msg) TxResult {
	c.t.Helper()
	accNum, seq := c.accountNumberAndSequence(signer)
	sdkTx, err := c.signTx(signer, msgs, accNum, seq, defaultGasLimit, signing.SignMode_SIGN_MODE_DIRECT)
	if err != nil {
		c.t.Fatalf("sign tx: %v", err)
	}
	bz, err := c.App.TxConfig().TxEncoder()(sdkTx)
	if err != nil {
		c.t.Fatalf("encode tx: %v", err)
	}
	return c.DeliverRaw(bz)
}

// DeliverRaw delivers already encoded transaction bytes in a new block.
func (c *Chain) DeliverRaw(txBytes []byte) TxResult {
	c.t.Helper()
	res := c.finalize(c.time.Add(c.cfg.BlockTime), [][]byte{txBytes})
	if len(res.TxResults) != 1 {
		c.t.Fatalf("expected 1 tx result, got %d", len(res.TxResults))
	}
	r := res.TxResults[0]
	return TxResult{
		Code: r.Code, Codespace: r.Codespace, Log: r.Log,
		GasUsed: r.GasUsed, GasWanted: r.GasWanted,
		Events: r.Events, Data: r.Data, Height: c.height,
	}
}

// MustDeliver is Deliver that fails the test when the transaction fails.
func (c *Chain) MustDeliver(signer *Account, msgs ...sdk.Msg) TxResult {
	c.t.Helper()
	r := c.Deliver(signer, msgs...)
	if err := r.Err(); err != nil {
		c.t.Fatalf("deliver %s: %v", msgTypes(msgs), err)
	}
	return r
}

func msgTypes(msgs []sdk.Msg) string {
	names := make([]string, len(msgs))
	for i, m := range msgs {
		names[i] = sdk.MsgTypeURL(m)
	}
	return strings.Join(names, ",")
}

// accountNumberAndSequence reads the signer's account; an account that does
// not exist yet cannot sign (it must be funded first).
func (c *Chain) accountNumberAndSequence(a *Account) (uint64, uint64) {
	acc := c.App.AccountKeeper.GetAccount(c.Context(), a.Address)
	if acc == nil {
		c.t.Fatalf("account %s (%s) does not exist on chain: fund it first", a.Name, a.Address)
	}
	return acc.GetAccountNumber(), acc.GetSequence()
}

// signTx builds and signs a transaction with zero fees.
func (c *Chain) signTx(signer *Account, msgs []sdk.Msg, accNum, seq, gas uint64, mode signing.SignMode) (sdk.Tx, error) {
	txConfig := c.App.TxConfig()
	b := txConfig.NewTxBuilder()
	if err := b.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	b.SetGasLimit(gas)
	// Signing is two passes: first publish the signer's public key and mode
	// (they are part of the signed bytes), then the signature itself.
	pub := signer.Key.PubKey()
	if err := b.SetSignatures(signing.SignatureV2{
		PubKey:   pub,
		Data:     &signing.SingleSignatureData{SignMode: mode},
		Sequence: seq,
	}); err != nil {
		return nil, err
	}
	sig, err := tx.SignWithPrivKey(context.Background(), mode, authsigning.SignerData{
		Address: signer.Address.String(), ChainID: c.cfg.ChainID,
		AccountNumber: accNum, Sequence: seq, PubKey: pub,
	}, b, signer.Key, txConfig, seq)
	if err != nil {
		return nil, err
	}
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	return b.GetTx(), nil
}

// MsgResponse decodes the i-th message response of a delivered transaction
// into out, failing the test if it is missing or of another type.
func (c *Chain) MsgResponse(res TxResult, i int, out proto.Message) {
	c.t.Helper()
	var data sdk.TxMsgData
	if err := c.App.AppCodec().Unmarshal(res.Data, &data); err != nil {
		c.t.Fatalf("decode tx data: %v", err)
	}
	if i >= len(data.MsgResponses) {
		c.t.Fatalf("tx has %d message responses, wanted index %d", len(data.MsgResponses), i)
	}
	if err := c.App.AppCodec().Unmarshal(data.MsgResponses[i].Value, out); err != nil {
		c.t.Fatalf("decode message response %d (%s): %v", i, data.MsgResponses[i].TypeUrl, err)
	}
}
