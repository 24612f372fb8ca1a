package vmtest

import (
	"encoding/json"
	"sort"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// A minimal Go-side host for wasmvm: KV store, address API, querier, gas meter.

type kvStore struct{ data map[string][]byte }

func newKVStore() *kvStore { return &kvStore{data: map[string][]byte{}} }

func (s *kvStore) Get(key []byte) []byte {
	v, ok := s.data[string(key)]
	if !ok {
		return nil
	}
	return v
}

func (s *kvStore) Set(key, value []byte) { s.data[string(key)] = append([]byte(nil), value...) }
func (s *kvStore) Delete(key []byte)     { delete(s.data, string(key)) }

func (s *kvStore) Iterator(start, end []byte) wasmvmtypes.Iterator {
	return s.iter(start, end, false)
}

func (s *kvStore) ReverseIterator(start, end []byte) wasmvmtypes.Iterator {
	return s.iter(start, end, true)
}

func (s *kvStore) iter(start, end []byte, reverse bool) *kvIter {
	var keys []string
	for k := range s.data {
		if (start == nil || k >= string(start)) && (end == nil || k < string(end)) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if reverse {
		for i, j := 0, len(keys)-1; i < j; i, j = i+1, j-1 {
			keys[i], keys[j] = keys[j], keys[i]
		}
	}
	it := &kvIter{start: start, end: end}
	for _, k := range keys {
		it.keys = append(it.keys, []byte(k))
		it.values = append(it.values, s.data[k])
	}
	return it
}

type kvIter struct {
	start, end   []byte
	keys, values [][]byte
	i            int
}

func (it *kvIter) Domain() ([]byte, []byte) { return it.start, it.end }
func (it *kvIter) Valid() bool              { return it.i < len(it.keys) }
func (it *kvIter) Next()                    { it.i++ }
func (it *kvIter) Key() []byte              { return it.keys[it.i] }
func (it *kvIter) Value() []byte            { return it.values[it.i] }
func (it *kvIter) Error() error             { return nil }
func (it *kvIter) Close() error             { return nil }

// goAPI backs the VM's address imports with the SDK's bech32 mock (prefix "alliance"); the gas
// costs are wasmd's (canonicalize 4, humanize 5, validate 9 SDK gas × 140,000).
func goAPI(api *std.MockAPI) wasmvmtypes.GoAPI {
	const mult = 140_000
	return wasmvmtypes.GoAPI{
		CanonicalizeAddress: func(h string) ([]byte, uint64, error) {
			c, err := api.AddrCanonicalize(h)
			return c, 4 * mult, err
		},
		HumanizeAddress: func(c []byte) (string, uint64, error) {
			h, err := api.AddrHumanize(c)
			return h, 5 * mult, err
		},
		ValidateAddress: func(h string) (uint64, error) { return 9 * mult, api.AddrValidate(h) },
	}
}

// querier answers bank balance queries from a map and refuses everything else, as a chain
// without the requested module would.
type querier struct {
	balances map[string][]wasmvmtypes.Coin
}

func (q querier) Query(req wasmvmtypes.QueryRequest, _ uint64) ([]byte, error) {
	if req.Bank != nil && req.Bank.Balance != nil {
		res := wasmvmtypes.BalanceResponse{Amount: wasmvmtypes.Coin{Denom: req.Bank.Balance.Denom, Amount: "0"}}
		for _, c := range q.balances[req.Bank.Balance.Address] {
			if c.Denom == req.Bank.Balance.Denom {
				res.Amount = c
			}
		}
		return json.Marshal(res)
	}
	return nil, wasmvmtypes.UnsupportedRequest{Kind: "only bank balance in this test host"}
}

func (querier) GasConsumed() uint64 { return 0 }

type gasMeter struct{}

func (gasMeter) GasConsumed() wasmvmtypes.Gas { return 0 }
