package std

import (
	"errors"

	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// JSONMarshaler is the standard library's json.Marshaler shape, declared here so that packages
// using only the standard library (such as the chain's bindings/types) can hand the SDK values
// without importing it, and without the SDK importing encoding/json.
type JSONMarshaler interface {
	MarshalJSON() ([]byte, error)
}

// JSONUnmarshaler is the standard library's json.Unmarshaler shape.
type JSONUnmarshaler interface {
	UnmarshalJSON([]byte) error
}

// CosmosMsg is a message the contract asks the chain to dispatch. Exactly one field is set; it
// is written as serde's externally tagged enum: {"bank":{"send":{..}}}.
type CosmosMsg struct {
	Bank         *BankMsg
	Staking      *StakingMsg
	Distribution *DistributionMsg
	Wasm         *WasmMsg
	IBC          *IBCMsg
	Any          *AnyMsg
	// Custom is the chain-specific message as raw JSON, written under "custom". The chain's
	// bindings define its shape (for this chain: bindings/types).
	Custom cwjson.RawMessage
}

// BankMsg moves or burns the contract's tokens.
type BankMsg struct {
	Send *BankSend
	Burn *BankBurn
}

// BankSend is {"to_address":..,"amount":[..]}.
type BankSend struct {
	ToAddress string
	Amount    []Coin
}

// BankBurn is {"amount":[..]}.
type BankBurn struct {
	Amount []Coin
}

// StakingMsg delegates the contract's native stake.
type StakingMsg struct {
	Delegate   *StakingDelegate
	Undelegate *StakingDelegate
	Redelegate *StakingRedelegate
}

// StakingDelegate is {"validator":..,"amount":{..}} (delegate and undelegate).
type StakingDelegate struct {
	Validator string
	Amount    Coin
}

// StakingRedelegate is {"src_validator":..,"dst_validator":..,"amount":{..}}.
type StakingRedelegate struct {
	SrcValidator string
	DstValidator string
	Amount       Coin
}

// DistributionMsg manages staking rewards. Set exactly one field.
type DistributionMsg struct {
	SetWithdrawAddress      string // address
	WithdrawDelegatorReward string // validator
	FundCommunityPool       []Coin
}

// WasmMsg calls or manages other contracts. Msg fields hold the JSON of the message (they are
// base64 on the wire, as cosmwasm's Binary).
type WasmMsg struct {
	Execute      *WasmExecute
	Instantiate  *WasmInstantiate
	Instantiate2 *WasmInstantiate // Salt must be set
	Migrate      *WasmMigrate
	UpdateAdmin  *WasmUpdateAdmin
	ClearAdmin   string // contract address
}

// WasmExecute executes another contract.
type WasmExecute struct {
	ContractAddr string
	Msg          []byte
	Funds        []Coin
}

// WasmInstantiate instantiates a contract; Admin "" means no admin (null).
type WasmInstantiate struct {
	Admin  string
	CodeID uint64
	Msg    []byte
	Funds  []Coin
	Label  string
	Salt   []byte // Instantiate2 only
}

// WasmMigrate migrates a contract the caller administers.
type WasmMigrate struct {
	ContractAddr string
	NewCodeID    uint64
	Msg          []byte
}

// WasmUpdateAdmin sets a new admin.
type WasmUpdateAdmin struct {
	ContractAddr string
	Admin        string
}

// IBCMsg is ICS-20 transfer (the only IBC message a non-IBC contract needs).
type IBCMsg struct {
	Transfer *IBCTransfer
}

// IBCTransfer sends tokens over an IBC channel. At least one timeout must be set.
type IBCTransfer struct {
	ChannelID string
	ToAddress string
	Amount    Coin
	Timeout   IBCTimeout
	Memo      string // omitted when empty
}

// IBCTimeout is a block height and/or a timestamp after which the packet times out.
type IBCTimeout struct {
	Block     *IBCTimeoutBlock
	Timestamp *Timestamp
}

// IBCTimeoutBlock is a height on the counterparty chain.
type IBCTimeoutBlock struct {
	Revision uint64
	Height   uint64
}

// AnyMsg is a protobuf message by type URL (cosmwasm 2's "any", formerly "stargate").
type AnyMsg struct {
	TypeURL string
	Value   []byte
}

// Constructors for the common messages.

// BankSendMsg sends coins to an address.
func BankSendMsg(to string, amount ...Coin) CosmosMsg {
	return CosmosMsg{Bank: &BankMsg{Send: &BankSend{ToAddress: to, Amount: amount}}}
}

// BankBurnMsg burns the contract's coins.
func BankBurnMsg(amount ...Coin) CosmosMsg {
	return CosmosMsg{Bank: &BankMsg{Burn: &BankBurn{Amount: amount}}}
}

// DelegateMsg delegates native stake.
func DelegateMsg(validator string, amount Coin) CosmosMsg {
	return CosmosMsg{Staking: &StakingMsg{Delegate: &StakingDelegate{validator, amount}}}
}

// UndelegateMsg undelegates native stake.
func UndelegateMsg(validator string, amount Coin) CosmosMsg {
	return CosmosMsg{Staking: &StakingMsg{Undelegate: &StakingDelegate{validator, amount}}}
}

// WithdrawRewardMsg withdraws the contract's staking rewards from a validator.
func WithdrawRewardMsg(validator string) CosmosMsg {
	return CosmosMsg{Distribution: &DistributionMsg{WithdrawDelegatorReward: validator}}
}

// WasmExecuteMsg executes a contract with msg encoded by its MarshalJSON.
func WasmExecuteMsg(contract string, msg JSONMarshaler, funds ...Coin) (CosmosMsg, error) {
	b, err := msg.MarshalJSON()
	if err != nil {
		return CosmosMsg{}, err
	}
	return CosmosMsg{Wasm: &WasmMsg{Execute: &WasmExecute{ContractAddr: contract, Msg: b, Funds: funds}}}, nil
}

// CustomMsg wraps a chain-specific message (e.g. an alliance binding) encoded by its MarshalJSON.
func CustomMsg(msg JSONMarshaler) (CosmosMsg, error) {
	b, err := msg.MarshalJSON()
	if err != nil {
		return CosmosMsg{}, err
	}
	if len(b) == 0 || string(b) == "null" {
		return CosmosMsg{}, errors.New("custom message encoded to nothing")
	}
	return CosmosMsg{Custom: b}, nil
}

// EncodeJSON writes the message. A CosmosMsg with no field set is written as {"custom":null},
// which the chain rejects with an error; the SDK never produces one.
func (m CosmosMsg) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	switch {
	case m.Bank != nil:
		w.Key("bank")
		m.Bank.encode(w)
	case m.Staking != nil:
		w.Key("staking")
		m.Staking.encode(w)
	case m.Distribution != nil:
		w.Key("distribution")
		m.Distribution.encode(w)
	case m.Wasm != nil:
		w.Key("wasm")
		m.Wasm.encode(w)
	case m.IBC != nil:
		w.Key("ibc")
		m.IBC.encode(w)
	case m.Any != nil:
		w.Key("any")
		w.ObjectStart()
		w.Key("type_url")
		w.String(m.Any.TypeURL)
		w.Key("value")
		w.Binary(m.Any.Value)
		w.ObjectEnd()
	default:
		w.Key("custom")
		w.Raw(m.Custom)
	}
	w.ObjectEnd()
}

// MarshalJSON lets encoding/json produce the same bytes.
func (m CosmosMsg) MarshalJSON() ([]byte, error) { return cwjson.Marshal(m), nil }

func (b *BankMsg) encode(w *cwjson.Writer) {
	w.ObjectStart()
	if b.Send != nil {
		w.Key("send")
		w.ObjectStart()
		w.Key("to_address")
		w.String(b.Send.ToAddress)
		w.Key("amount")
		encodeCoins(w, b.Send.Amount)
		w.ObjectEnd()
	} else if b.Burn != nil {
		w.Key("burn")
		w.ObjectStart()
		w.Key("amount")
		encodeCoins(w, b.Burn.Amount)
		w.ObjectEnd()
	}
	w.ObjectEnd()
}

func (s *StakingMsg) encode(w *cwjson.Writer) {
	w.ObjectStart()
	switch {
	case s.Delegate != nil:
		w.Key("delegate")
		s.Delegate.encode(w)
	case s.Undelegate != nil:
		w.Key("undelegate")
		s.Undelegate.encode(w)
	case s.Redelegate != nil:
		w.Key("redelegate")
		w.ObjectStart()
		w.Key("src_validator")
		w.String(s.Redelegate.SrcValidator)
		w.Key("dst_validator")
		w.String(s.Redelegate.DstValidator)
		w.Key("amount")
		s.Redelegate.Amount.EncodeJSON(w)
		w.ObjectEnd()
	}
	w.ObjectEnd()
}

func (d *StakingDelegate) encode(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("validator")
	w.String(d.Validator)
	w.Key("amount")
	d.Amount.EncodeJSON(w)
	w.ObjectEnd()
}

func (d *DistributionMsg) encode(w *cwjson.Writer) {
	w.ObjectStart()
	switch {
	case d.SetWithdrawAddress != "":
		w.Key("set_withdraw_address")
		w.ObjectStart()
		w.Key("address")
		w.String(d.SetWithdrawAddress)
		w.ObjectEnd()
	case d.WithdrawDelegatorReward != "":
		w.Key("withdraw_delegator_reward")
		w.ObjectStart()
		w.Key("validator")
		w.String(d.WithdrawDelegatorReward)
		w.ObjectEnd()
	default:
		w.Key("fund_community_pool")
		w.ObjectStart()
		w.Key("amount")
		encodeCoins(w, d.FundCommunityPool)
		w.ObjectEnd()
	}
	w.ObjectEnd()
}

func (m *WasmMsg) encode(w *cwjson.Writer) {
	w.ObjectStart()
	switch {
	case m.Execute != nil:
		w.Key("execute")
		w.ObjectStart()
		w.Key("contract_addr")
		w.String(m.Execute.ContractAddr)
		w.Key("msg")
		w.Binary(m.Execute.Msg)
		w.Key("funds")
		encodeCoins(w, m.Execute.Funds)
		w.ObjectEnd()
	case m.Instantiate != nil:
		w.Key("instantiate")
		m.Instantiate.encode(w, false)
	case m.Instantiate2 != nil:
		w.Key("instantiate2")
		m.Instantiate2.encode(w, true)
	case m.Migrate != nil:
		w.Key("migrate")
		w.ObjectStart()
		w.Key("contract_addr")
		w.String(m.Migrate.ContractAddr)
		w.Key("new_code_id")
		w.Uint64(m.Migrate.NewCodeID)
		w.Key("msg")
		w.Binary(m.Migrate.Msg)
		w.ObjectEnd()
	case m.UpdateAdmin != nil:
		w.Key("update_admin")
		w.ObjectStart()
		w.Key("contract_addr")
		w.String(m.UpdateAdmin.ContractAddr)
		w.Key("admin")
		w.String(m.UpdateAdmin.Admin)
		w.ObjectEnd()
	default:
		w.Key("clear_admin")
		w.ObjectStart()
		w.Key("contract_addr")
		w.String(m.ClearAdmin)
		w.ObjectEnd()
	}
	w.ObjectEnd()
}

func (i *WasmInstantiate) encode(w *cwjson.Writer, withSalt bool) {
	w.ObjectStart()
	w.Key("admin")
	if i.Admin == "" {
		w.Null()
	} else {
		w.String(i.Admin)
	}
	w.Key("code_id")
	w.Uint64(i.CodeID)
	w.Key("msg")
	w.Binary(i.Msg)
	w.Key("funds")
	encodeCoins(w, i.Funds)
	w.Key("label")
	w.String(i.Label)
	if withSalt {
		w.Key("salt")
		w.Binary(i.Salt)
	}
	w.ObjectEnd()
}

func (m *IBCMsg) encode(w *cwjson.Writer) {
	w.ObjectStart()
	if t := m.Transfer; t != nil {
		w.Key("transfer")
		w.ObjectStart()
		w.Key("channel_id")
		w.String(t.ChannelID)
		w.Key("to_address")
		w.String(t.ToAddress)
		w.Key("amount")
		t.Amount.EncodeJSON(w)
		w.Key("timeout")
		w.ObjectStart()
		w.Key("block")
		if b := t.Timeout.Block; b == nil {
			w.Null()
		} else {
			w.ObjectStart()
			w.Key("revision")
			w.Uint64(b.Revision)
			w.Key("height")
			w.Uint64(b.Height)
			w.ObjectEnd()
		}
		w.Key("timestamp")
		if t.Timeout.Timestamp == nil {
			w.Null()
		} else {
			w.Uint64String(uint64(*t.Timeout.Timestamp))
		}
		w.ObjectEnd()
		if t.Memo != "" {
			w.Key("memo")
			w.String(t.Memo)
		}
		w.ObjectEnd()
	}
	w.ObjectEnd()
}
