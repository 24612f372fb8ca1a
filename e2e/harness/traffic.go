package harness

import (
	"encoding/hex"
	"sync"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Message is one contract message a test sent through the harness, with the checksum of the
// contract's code (hex sha256, as in contracts/artifacts/checksums.txt) and, for a smart query,
// the answer.
type Message struct {
	Checksum string `json:"checksum"`
	Kind     string `json:"kind"` // instantiate, execute, query
	Msg      []byte `json:"msg"`
	Answer   []byte `json:"answer,omitempty"`
}

// maxTraffic bounds the record (identical messages are kept once).
const maxTraffic = 20_000

var traffic struct {
	sync.Mutex
	seen map[string]bool
	list []Message
}

// Traffic returns every distinct contract message that succeeded through Instantiate, Execute and
// QuerySmart in this process so far (all tests of the package), for checks against the contracts'
// schemas (e2e/zz_schema_test.go).
func Traffic() []Message {
	traffic.Lock()
	defer traffic.Unlock()
	return append([]Message(nil), traffic.list...)
}

func (c *Chain) recordCode(codeID uint64, kind string, msg, answer []byte) {
	info := c.App.WasmKeeper.GetCodeInfo(c.Context(), codeID)
	if info == nil {
		return
	}
	m := Message{Checksum: hex.EncodeToString(info.CodeHash), Kind: kind, Msg: msg, Answer: answer}
	key := m.Checksum + m.Kind + string(m.Msg) + "\x00" + string(m.Answer)
	traffic.Lock()
	defer traffic.Unlock()
	if traffic.seen == nil {
		traffic.seen = map[string]bool{}
	}
	if traffic.seen[key] || len(traffic.list) >= maxTraffic {
		return
	}
	traffic.seen[key] = true
	traffic.list = append(traffic.list, m)
}

func (c *Chain) record(contract sdk.AccAddress, kind string, msg, answer []byte) {
	if info := c.App.WasmKeeper.GetContractInfo(c.Context(), contract); info != nil {
		c.recordCode(info.CodeID, kind, msg, answer)
	}
}
