package e2e_test

import (
	"fmt"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// unpackMsgResponse decodes the first message response of a delivered tx.
func unpackMsgResponse(c *harness.Chain, res harness.TxResult, out proto.Message) error {
	var data sdk.TxMsgData
	if err := c.App.AppCodec().Unmarshal(res.Data, &data); err != nil {
		return err
	}
	if len(data.MsgResponses) == 0 {
		return fmt.Errorf("tx has no message responses")
	}
	return c.App.AppCodec().Unmarshal(data.MsgResponses[0].Value, out)
}
