package harness

import (
	"encoding/json"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/bindings"
)

// ReflectEnvelopeEncoder is a wasm option for tests that drive wasmd's Rust
// reflect contract, which forwards any CosmosMsg its owner gives it. Its
// custom message type is an envelope {"raw": base64}; this encoder unwraps it
// and hands the bytes to the chain's real custom-binding encoder (alliance
// and token factory), so the reflect contract sends exactly what a contract's
// {"custom": …} carries. Set it in Config.WasmOptions.
func ReflectEnvelopeEncoder() wasmkeeper.Option {
	return wasmkeeper.WithMessageEncoders(&wasmkeeper.MessageEncoders{
		Custom: func(sender sdk.AccAddress, msg json.RawMessage) ([]sdk.Msg, error) {
			var env struct {
				Raw []byte `json:"raw"`
			}
			if err := json.Unmarshal(msg, &env); err != nil {
				return nil, err
			}
			return bindings.EncodeCustomMsg(sender, env.Raw)
		},
	})
}
