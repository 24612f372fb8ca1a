package types

import (
	"encoding/json"
	"testing"
)

func TestTokenFactoryMsgJSONShape(t *testing.T) {
	msg := TokenFactoryCustomMsg{TokenFactory: &TokenFactoryMsg{CreateDenom: &CreateDenom{
		Subdenom: "ushare",
		Metadata: &DenomMetadata{DenomUnits: []DenomUnit{{Denom: "factory/c/ushare"}, {Denom: "share", Exponent: 6}}, Display: "share", Name: "Share", Symbol: "SHARE"},
	}}}
	bz, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"token_factory":{"create_denom":{"subdenom":"ushare","metadata":{"denom_units":[{"denom":"factory/c/ushare","exponent":0},{"denom":"share","exponent":6}],"display":"share","name":"Share","symbol":"SHARE"}}}}`
	if string(bz) != want {
		t.Fatalf("got  %s\nwant %s", bz, want)
	}
}

// A MsgCreateDenomResponse is field 1 (bytes) with the denom; a response
// without it, or a corrupt one, is an error.
func TestDecodeCreateDenomResult(t *testing.T) {
	denom := "factory/c/u"
	value := append([]byte{0x0a, byte(len(denom))}, denom...) // key 1<<3|2, length, bytes
	got, err := DecodeCreateDenomResult(value)
	if err != nil || got != denom {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := DecodeCreateDenomResult(nil); err == nil || err.Error() != "response has no new_token_denom" {
		t.Fatalf("empty response: %v", err)
	}
	if _, err := DecodeCreateDenomResult([]byte{0x0a, 0x05, 'a'}); err == nil {
		t.Fatal("a truncated response decoded")
	}
}
