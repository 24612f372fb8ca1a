package bindings_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/bindings"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

var (
	contract = sdk.AccAddress([]byte("contract-address-32-bytes-long!!"))
	// bech32 strings need the chain's prefixes, set in TestMain.
	valA, valB string
)

func TestMain(m *testing.M) {
	app.SetAddressPrefixes()
	valA = sdk.ValAddress([]byte("validator-a-20-bytes")).String()
	valB = sdk.ValAddress([]byte("validator-b-20-bytes")).String()
	os.Exit(m.Run())
}

func TestEncodeCustomMsgBuildsMessagesSignedByTheContract(t *testing.T) {
	coin := sdk.NewCoin("uasset", math.NewInt(1_500))
	cases := []struct {
		name string
		json string
		want sdk.Msg
	}{
		{"delegate", `{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"1500"}}}}`,
			&alliancetypes.MsgDelegate{DelegatorAddress: contract.String(), ValidatorAddress: valA, Amount: coin}},
		{"undelegate", `{"alliance":{"undelegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"1500"}}}}`,
			&alliancetypes.MsgUndelegate{DelegatorAddress: contract.String(), ValidatorAddress: valA, Amount: coin}},
		{"redelegate", `{"alliance":{"redelegate":{"src_validator":"` + valA + `","dst_validator":"` + valB + `","amount":{"denom":"uasset","amount":"1500"}}}}`,
			&alliancetypes.MsgRedelegate{DelegatorAddress: contract.String(), ValidatorSrcAddress: valA, ValidatorDstAddress: valB, Amount: coin}},
		{"claim_rewards", `{"alliance":{"claim_rewards":{"validator":"` + valA + `","denom":"ibc/ABCDEF"}}}`,
			&alliancetypes.MsgClaimDelegationRewards{DelegatorAddress: contract.String(), ValidatorAddress: valA, Denom: "ibc/ABCDEF"}},
		{"cancel_unbonding", `{"alliance":{"cancel_unbonding":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"1500"},"creation_height":9223372036854775807}}}`,
			&alliancetypes.MsgCancelUnbonding{DelegatorAddress: contract.String(), ValidatorAddress: valA, Amount: coin, CreationHeight: 9223372036854775807}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := bindings.EncodeCustomMsg(contract, []byte(tc.json))
			require.NoError(t, err)
			require.Equal(t, []sdk.Msg{tc.want}, msgs)
		})
	}
}

func TestEncodeCustomMsgRejectsBadInput(t *testing.T) {
	coin := `"amount":{"denom":"uasset","amount":"10"}`
	cases := []struct {
		name, json, wantErr string
	}{
		{"not json", `{"alliance":`, "alliance custom message: unexpected EOF"},
		{"unknown top-level", `{"token":{"mint":{}}}`, `unknown field "token"`},
		{"empty object", `{}`, `unknown custom message: expected {"alliance": {…}}`},
		{"unknown variant", `{"alliance":{"stake":{}}}`, `unknown field "stake"`},
		{"no variant", `{"alliance":{}}`, "alliance message: no known variant"},
		{"two variants", `{"alliance":{"delegate":{"validator":"` + valA + `",` + coin + `},"undelegate":{"validator":"` + valA + `",` + coin + `}}}`, "more than one variant"},
		{"foreign delegator", `{"alliance":{"delegate":{"delegator":"` + sdk.AccAddress([]byte("someone-else-address")).String() + `","validator":"` + valA + `",` + coin + `}}}`, `unknown field "delegator"`},
		{"bad validator", `{"alliance":{"delegate":{"validator":"alliancevaloper1xyz",` + coin + `}}}`, `validator "alliancevaloper1xyz"`},
		{"account as validator", `{"alliance":{"delegate":{"validator":"` + contract.String() + `",` + coin + `}}}`, "invalid Bech32 prefix"},
		{"bad denom", `{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"denom":"1bad","amount":"10"}}}}`, "invalid denom: 1bad"},
		{"zero amount", `{"alliance":{"undelegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"0"}}}}`, "amount must be positive, got 0"},
		{"negative amount", `{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"-5"}}}}`, `amount "-5": not a base-10 unsigned integer`},
		{"non-integer amount", `{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"1.5"}}}}`, `amount "1.5": not a base-10 unsigned integer`},
		{"same validators", `{"alliance":{"redelegate":{"src_validator":"` + valA + `","dst_validator":"` + valA + `",` + coin + `}}}`, "src_validator and dst_validator are the same"},
		{"claim bad denom", `{"alliance":{"claim_rewards":{"validator":"` + valA + `","denom":""}}}`, "invalid denom"},
		{"cancel height 0", `{"alliance":{"cancel_unbonding":{"validator":"` + valA + `",` + coin + `,"creation_height":0}}}`, "creation_height must be a block height in [1, 9223372036854775807], got 0"},
		{"cancel height above int64", `{"alliance":{"cancel_unbonding":{"validator":"` + valA + `",` + coin + `,"creation_height":9223372036854775808}}}`, "got 9223372036854775808"},
		{"cancel height as string", `{"alliance":{"cancel_unbonding":{"validator":"` + valA + `",` + coin + `,"creation_height":"5"}}}`, "creation_height"},
		{"cancel bad validator", `{"alliance":{"cancel_unbonding":{"validator":"x",` + coin + `,"creation_height":5}}}`, `alliance cancel_unbonding: validator "x"`},
		{"trailing data", `{"alliance":{"claim_rewards":{"validator":"` + valA + `","denom":"u"}}} {}`, "trailing data"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := bindings.EncodeCustomMsg(contract, []byte(tc.json))
			require.Error(t, err)
			require.Nil(t, msgs)
			require.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func FuzzEncodeCustomMsg(f *testing.F) {
	f.Add([]byte(`{"alliance":{"delegate":{"validator":"` + valA + `","amount":{"denom":"uasset","amount":"10"}}}}`))
	f.Add([]byte(`{"alliance":{"claim_rewards":{"validator":"` + valA + `","denom":"u"}}}`))
	f.Add([]byte(`{"alliance":{"redelegate":{}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		msgs, err := bindings.EncodeCustomMsg(contract, raw)
		// One message, or two for a token factory create_denom with metadata.
		if err == nil && (len(msgs) == 0 || len(msgs) > 2) {
			t.Fatalf("success with %d messages", len(msgs))
		}
	})
}
