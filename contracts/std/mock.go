//go:build !tinygo.wasm

package std

// The native mock host: everything a contract needs to run under plain `go test`, with the same
// JSON path as on chain (Mock.Instantiate & co. go through Dispatch) and the VM's rules enforced
// where a test could otherwise pass by accident (no writes in queries, no empty values).

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"sort"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"
)

// Abort panics natively: in tests an impossible state should stop the test loudly, as the VM's
// abort stops the call.
func Abort(msg string) { panic("contract aborted: " + msg) }

// MemStorage is an in-memory Storage with bytewise key order.
type MemStorage struct {
	data     map[string][]byte
	readOnly bool
	// While a transaction is open (depth > 0), every write records the value it replaces, so a
	// failed transaction is undone in O(its writes) rather than by copying the whole store.
	journal []undo
	depth   int
}

type undo struct {
	key     string
	old     []byte
	existed bool
}

func (m *MemStorage) record(key string) {
	if m.depth > 0 {
		old, ok := m.data[key]
		m.journal = append(m.journal, undo{key: key, old: old, existed: ok})
	}
}

// begin opens a (nested) transaction and returns its start in the journal.
func (m *MemStorage) begin() int {
	m.depth++
	return len(m.journal)
}

// end closes the innermost transaction; failed undoes its writes (those after mark). The journal
// is kept for the enclosing transactions and dropped when the outermost one ends.
func (m *MemStorage) end(mark int, failed bool) {
	if failed {
		for i := len(m.journal) - 1; i >= mark; i-- {
			u := m.journal[i]
			if u.existed {
				m.data[u.key] = u.old
			} else {
				delete(m.data, u.key)
			}
		}
		m.journal = m.journal[:mark]
	}
	m.depth--
	if m.depth == 0 {
		m.journal = nil
	}
}

// NewMemStorage returns an empty store.
func NewMemStorage() *MemStorage { return &MemStorage{data: map[string][]byte{}} }

func (m *MemStorage) Get(key []byte) ([]byte, bool) {
	v, ok := m.data[string(key)]
	return append([]byte(nil), v...), ok
}

func (m *MemStorage) Set(key, value []byte) {
	if m.readOnly {
		panic("storage write in a query: the VM refuses writes in read-only calls")
	}
	if len(value) == 0 {
		panic("storage Set with an empty value: the VM refuses it; use Remove")
	}
	m.record(string(key))
	m.data[string(key)] = append([]byte(nil), value...)
}

func (m *MemStorage) Remove(key []byte) {
	if m.readOnly {
		panic("storage remove in a query: the VM refuses writes in read-only calls")
	}
	m.record(string(key))
	delete(m.data, string(key))
}

// Range snapshots the matching keys, so writes during iteration do not disturb it.
func (m *MemStorage) Range(start, end []byte, order Order) Iterator {
	var keys []string
	for k := range m.data {
		if (start == nil || k >= string(start)) && (end == nil || k < string(end)) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if order == Descending {
		for i, j := 0, len(keys)-1; i < j; i, j = i+1, j-1 {
			keys[i], keys[j] = keys[j], keys[i]
		}
	}
	it := &memIterator{}
	for _, k := range keys {
		it.keys = append(it.keys, []byte(k))
		it.values = append(it.values, append([]byte(nil), m.data[k]...))
	}
	return it
}

// Len returns the number of stored keys.
func (m *MemStorage) Len() int { return len(m.data) }

type memIterator struct {
	keys, values [][]byte
	i            int
}

func (it *memIterator) Next() ([]byte, []byte, bool) {
	if it.i >= len(it.keys) {
		return nil, nil, false
	}
	it.i++
	return it.keys[it.i-1], it.values[it.i-1], true
}

// MockAPI validates bech32 addresses with one prefix, as the chain does.
type MockAPI struct {
	Prefix string
	// Debugs collects Debug messages.
	Debugs []string
}

// Addr returns a deterministic valid address for a name (bech32 of sha256(name)).
func (a *MockAPI) Addr(name string) string {
	h := sha256.Sum256([]byte(name))
	return bech32Encode(a.Prefix, h[:])
}

func (a *MockAPI) AddrCanonicalize(human string) ([]byte, error) {
	hrp, data, err := bech32Decode(human)
	if err != nil {
		return nil, errors.New("invalid address " + human + ": " + err.Error())
	}
	if hrp != a.Prefix {
		return nil, errors.New("invalid address " + human + ": wrong prefix, expected " + a.Prefix)
	}
	if len(data) == 0 || len(data) > 64 {
		return nil, errors.New("invalid address " + human + ": invalid length")
	}
	return data, nil
}

func (a *MockAPI) AddrHumanize(canonical []byte) (string, error) {
	if len(canonical) == 0 || len(canonical) > 64 {
		return "", errors.New("invalid canonical address length")
	}
	return bech32Encode(a.Prefix, canonical), nil
}

func (a *MockAPI) AddrValidate(human string) error {
	c, err := a.AddrCanonicalize(human)
	if err != nil {
		return err
	}
	if h, _ := a.AddrHumanize(c); h != human {
		return errors.New("address not normalized: " + human)
	}
	return nil
}

func (a *MockAPI) Debug(msg string) { a.Debugs = append(a.Debugs, msg) }

// MockQuerier answers the standard queries from its fields and delegates wasm and custom
// queries to functions a test sets. Requests are parsed with wasmvm's own Go types, the ones
// wasmd uses, so a request the chain could not parse fails here too.
type MockQuerier struct {
	Balances    map[string][]Coin
	BondedDenom string
	Validators  []Validator
	// Unbonded marks validators outside the bonded set (e.g. jailed): the validator query still
	// finds them, all_validators (wasmd answers it with the bonded validators) does not.
	Unbonded    map[string]bool
	Delegations []FullDelegation
	// Smart answers {"wasm":{"smart":..}}: the query's JSON in, the response JSON out.
	Smart func(contract string, msg []byte) ([]byte, error)
	// Raw answers {"wasm":{"raw":..}}; nil means every key is absent.
	Raw func(contract string, key []byte) []byte
	// Custom answers {"custom":..} with the request's JSON; see MockCustom for a typed adapter.
	Custom func(request []byte) ([]byte, error)
	// Requests records every request received (raw JSON), for assertions.
	Requests [][]byte
}

// MockCustom adapts a typed handler to MockQuerier.Custom, for chain bindings' custom queries.
func MockCustom[Q any, PQ interface {
	*Q
	JSONUnmarshaler
}](fn func(Q) (JSONMarshaler, error)) func([]byte) ([]byte, error) {
	return func(b []byte) ([]byte, error) {
		var q Q
		if err := PQ(&q).UnmarshalJSON(b); err != nil {
			return nil, err
		}
		res, err := fn(q)
		if err != nil {
			return nil, err
		}
		return res.MarshalJSON()
	}
}

// SetBalance sets an address's balances.
func (q *MockQuerier) SetBalance(addr string, coins ...Coin) {
	if q.Balances == nil {
		q.Balances = map[string][]Coin{}
	}
	q.Balances[addr] = coins
}

// SetDenomBalance sets addr's balance of one denom, keeping its others (sorted by denom, a zero
// balance dropped, as x/bank keeps them). The chain-like mocks (contracts/alliance,
// contracts/tokenfactory) move coins with it.
func (q *MockQuerier) SetDenomBalance(addr, denom string, amount Uint128) {
	coins := q.Balances[addr]
	out := make([]Coin, 0, len(coins)+1)
	for _, c := range coins {
		if c.Denom != denom {
			out = append(out, c)
		}
	}
	if !amount.IsZero() {
		out = append(out, Coin{Denom: denom, Amount: amount})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Denom < out[j].Denom })
	q.SetBalance(addr, out...)
}

func toVMCoin(c Coin) wasmvmtypes.Coin {
	return wasmvmtypes.Coin{Denom: c.Denom, Amount: c.Amount.String()}
}

func toVMCoins(cs []Coin) wasmvmtypes.Array[wasmvmtypes.Coin] {
	out := wasmvmtypes.Array[wasmvmtypes.Coin]{}
	for _, c := range cs {
		out = append(out, toVMCoin(c))
	}
	return out
}

func toVMFull(d FullDelegation) *wasmvmtypes.FullDelegation {
	return &wasmvmtypes.FullDelegation{Delegator: d.Delegator, Validator: d.Validator, Amount: toVMCoin(d.Amount),
		AccumulatedRewards: toVMCoins(d.AccumulatedRewards), CanRedelegate: toVMCoin(d.CanRedelegate)}
}

func toVMValidator(v Validator) wasmvmtypes.Validator {
	return wasmvmtypes.Validator{Address: v.Address, Commission: v.Commission.String(),
		MaxCommission: v.MaxCommission.String(), MaxChangeRate: v.MaxChangeRate.String()}
}

// QueryChain implements ChainQuerier, answering with a SystemResult JSON like the VM.
func (q *MockQuerier) QueryChain(request []byte) []byte {
	q.Requests = append(q.Requests, append([]byte(nil), request...))
	res, err, sysErr := q.answer(request)
	var out any
	switch {
	case sysErr != nil:
		out = map[string]any{"error": sysErr}
	case err != nil:
		out = map[string]any{"ok": map[string]any{"error": err.Error()}}
	default:
		out = map[string]any{"ok": map[string]any{"ok": res}} // []byte -> base64
	}
	b, _ := json.Marshal(out)
	return b
}

func (q *MockQuerier) answer(request []byte) ([]byte, error, any) {
	var req wasmvmtypes.QueryRequest
	dec := json.NewDecoder(bytes.NewReader(request))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, nil, map[string]any{"invalid_request": map[string]any{"error": err.Error(), "request": request}}
	}
	unsupported := func(kind string) any {
		return map[string]any{"unsupported_request": map[string]string{"kind": kind}}
	}
	marshal := func(v any) ([]byte, error, any) { b, err := json.Marshal(v); return b, err, nil }
	switch {
	case req.Bank != nil && req.Bank.Balance != nil:
		c := Coin{Denom: req.Bank.Balance.Denom}
		c.Amount = FindCoin(q.Balances[req.Bank.Balance.Address], c.Denom)
		return marshal(wasmvmtypes.BalanceResponse{Amount: toVMCoin(c)})
	case req.Bank != nil && req.Bank.AllBalances != nil:
		return marshal(wasmvmtypes.AllBalancesResponse{Amount: toVMCoins(q.Balances[req.Bank.AllBalances.Address])})
	case req.Staking != nil && req.Staking.BondedDenom != nil:
		return marshal(wasmvmtypes.BondedDenomResponse{Denom: q.BondedDenom})
	case req.Staking != nil && req.Staking.AllValidators != nil:
		vs := wasmvmtypes.Array[wasmvmtypes.Validator]{}
		for _, v := range q.Validators {
			if !q.Unbonded[v.Address] {
				vs = append(vs, toVMValidator(v))
			}
		}
		return marshal(wasmvmtypes.AllValidatorsResponse{Validators: vs})
	case req.Staking != nil && req.Staking.Validator != nil:
		res := wasmvmtypes.ValidatorResponse{}
		for _, v := range q.Validators {
			if v.Address == req.Staking.Validator.Address {
				vv := toVMValidator(v)
				res.Validator = &vv
			}
		}
		return marshal(res)
	case req.Staking != nil && req.Staking.Delegation != nil:
		res := wasmvmtypes.DelegationResponse{}
		for _, d := range q.Delegations {
			if d.Delegator == req.Staking.Delegation.Delegator && d.Validator == req.Staking.Delegation.Validator {
				res.Delegation = toVMFull(d)
			}
		}
		return marshal(res)
	case req.Staking != nil && req.Staking.AllDelegations != nil:
		res := wasmvmtypes.AllDelegationsResponse{Delegations: wasmvmtypes.Array[wasmvmtypes.Delegation]{}}
		for _, d := range q.Delegations {
			if d.Delegator == req.Staking.AllDelegations.Delegator {
				res.Delegations = append(res.Delegations, wasmvmtypes.Delegation{Delegator: d.Delegator, Validator: d.Validator, Amount: toVMCoin(d.Amount)})
			}
		}
		return marshal(res)
	case req.Wasm != nil && req.Wasm.Smart != nil:
		if q.Smart == nil {
			return nil, nil, map[string]any{"no_such_contract": map[string]string{"addr": req.Wasm.Smart.ContractAddr}}
		}
		res, err := q.Smart(req.Wasm.Smart.ContractAddr, req.Wasm.Smart.Msg)
		return res, err, nil
	case req.Wasm != nil && req.Wasm.Raw != nil:
		if q.Raw == nil {
			return []byte{}, nil, nil
		}
		return q.Raw(req.Wasm.Raw.ContractAddr, req.Wasm.Raw.Key), nil, nil
	case req.Custom != nil:
		if q.Custom == nil {
			return nil, nil, unsupported("custom")
		}
		res, err := q.Custom(req.Custom)
		return res, err, nil
	}
	return nil, nil, unsupported("query")
}

// Mock is a complete native host: storage, API, querier, and a clock for envs.
//
// Every call that can write (Instantiate, Execute, Migrate, Sudo, Reply) is a transaction, as on
// chain: when it returns an error, the contract's storage, the bank balances of the querier and
// every state registered with Track are put back as they were before the call. Transact gives the
// same guarantee to a sequence of calls (a whole tx: funds, execute, its messages and replies).
type Mock struct {
	Storage *MemStorage
	API     *MockAPI
	Querier *MockQuerier
	// Env is the environment used by the call helpers; tests may change it between calls
	// (e.g. advance Env.Block).
	Env Env

	tracked []func() (restore func())
}

// Track registers state that lives outside the contract's storage and the querier's balances
// (a module model, another contract's fake) so that a failed transaction reverts it too.
// snapshot is called at the start of every transaction; the function it returns puts the state
// back and is called only when the transaction fails.
func (m *Mock) Track(snapshot func() (restore func())) { m.tracked = append(m.tracked, snapshot) }

// snapshot opens a transaction over everything a call may change and returns the function that
// closes it: failed puts the state back as it was.
func (m *Mock) snapshot() func(failed bool) {
	store := m.Storage
	mark := store.begin()
	q := m.Querier
	var balances map[string][]Coin
	if q.Balances != nil {
		balances = make(map[string][]Coin, len(q.Balances))
		for k, v := range q.Balances {
			balances[k] = append([]Coin(nil), v...)
		}
	}
	validators := append([]Validator(nil), q.Validators...)
	delegations := append([]FullDelegation(nil), q.Delegations...)
	restores := make([]func(), len(m.tracked))
	for i, s := range m.tracked {
		restores[i] = s()
	}
	return func(failed bool) {
		store.end(mark, failed)
		if !failed {
			return
		}
		q.Balances, q.Validators, q.Delegations = balances, validators, delegations
		for _, r := range restores {
			r()
		}
	}
}

// Transact runs fn as one transaction: if fn returns an error (or panics), the contract's
// storage, the querier's balances and all tracked state are restored to what they were before.
// Transactions nest, as the chain's cache contexts do: an inner failure reverts only the inner
// writes unless its error is returned further up.
func (m *Mock) Transact(fn func() error) (err error) {
	done := m.snapshot()
	ok := false
	defer func() { done(!ok) }()
	err = fn()
	ok = err == nil
	return err
}

// MockChainID and MockBlockTime are the defaults of NewMock's Env.
const (
	MockChainID   = "alliance-testnet-1"
	MockBlockTime = Timestamp(1_700_000_000_000_000_000)
	MockPrefix    = "alliance"
)

// NewMock returns a host with empty storage, prefix "alliance", block 12345 and a contract
// address derived from "contract".
func NewMock() *Mock {
	api := &MockAPI{Prefix: MockPrefix}
	return &Mock{
		Storage: NewMemStorage(),
		API:     api,
		Querier: &MockQuerier{},
		Env: Env{
			Block:       BlockInfo{Height: 12345, Time: MockBlockTime, ChainID: MockChainID},
			Transaction: &TransactionInfo{Index: 3},
			Contract:    ContractInfo{Address: api.Addr("contract")},
		},
	}
}

// Deps returns dependencies backed by the mock, to call a contract's handlers directly.
func (m *Mock) Deps() *Deps {
	return &Deps{Storage: m.Storage, API: m.API, Querier: Querier{Chain: m.Querier}}
}

// Info builds a MessageInfo.
func Info(sender string, funds ...Coin) MessageInfo { return MessageInfo{Sender: sender, Funds: funds} }

// Result is a decoded {"ok":Response} / {"error":..} as wasmd sees it (wasmvm's Go types).
func decodeResponseResult(b []byte) (*wasmvmtypes.Response, error) {
	var res wasmvmtypes.ContractResult
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, errors.New("contract returned invalid JSON: " + err.Error() + ": " + string(b))
	}
	if res.Err != "" {
		return nil, errors.New(res.Err)
	}
	if res.Ok == nil {
		return nil, errors.New("contract result has neither ok nor error: " + string(b))
	}
	return res.Ok, nil
}

func (m *Mock) call(ep EntryPoint, a, b []byte) []byte {
	return Dispatch(ep, m.Deps(), cwjsonMarshal(m.Env), a, b)
}

// callTx calls an entry point that may write as one transaction: an error result reverts every
// write of the call, as the chain discards the call's cache context.
func (m *Mock) callTx(ep EntryPoint, a, b []byte) (res *wasmvmtypes.Response, err error) {
	err = m.Transact(func() error {
		res, err = decodeResponseResult(m.call(ep, a, b))
		return err
	})
	return res, err
}

// Instantiate calls the registered instantiate entry point with msg's JSON, through the same
// decoding and encoding as on chain, and returns the response as wasmd would decode it. An error
// reverts the call's writes (see Mock); the messages of the response are not run here.
func (m *Mock) Instantiate(info MessageInfo, msg []byte) (*wasmvmtypes.Response, error) {
	return m.callTx(EntryInstantiate, cwjsonMarshal(info), msg)
}

// Execute calls the registered execute entry point (see Instantiate).
func (m *Mock) Execute(info MessageInfo, msg []byte) (*wasmvmtypes.Response, error) {
	return m.callTx(EntryExecute, cwjsonMarshal(info), msg)
}

// Migrate calls the registered migrate entry point.
func (m *Mock) Migrate(info MigrateInfo, msg []byte) (*wasmvmtypes.Response, error) {
	return m.callTx(EntryMigrate, msg, cwjsonMarshal(info))
}

// Sudo calls the registered sudo entry point.
func (m *Mock) Sudo(msg []byte) (*wasmvmtypes.Response, error) {
	return m.callTx(EntrySudo, msg, nil)
}

// Reply calls the registered reply entry point as the VM does after a sub-message.
func (m *Mock) Reply(reply Reply) (*wasmvmtypes.Response, error) {
	return m.callTx(EntryReply, cwjsonMarshal(reply), nil)
}

// Query calls the registered query entry point with storage read-only (as in the VM) and
// returns the response JSON.
func (m *Mock) Query(msg []byte) ([]byte, error) {
	m.Storage.readOnly = true
	defer func() { m.Storage.readOnly = false }()
	env := m.Env
	env.Transaction = nil // queries run outside a transaction
	out := Dispatch(EntryQuery, m.Deps(), cwjsonMarshal(env), msg, nil)
	var res wasmvmtypes.QueryResult
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, errors.New("contract returned invalid JSON: " + err.Error() + ": " + string(out))
	}
	if res.Err != "" {
		return nil, errors.New(res.Err)
	}
	return res.Ok, nil
}

func cwjsonMarshal(v interface{ MarshalJSON() ([]byte, error) }) []byte {
	b, _ := v.MarshalJSON() // the SDK's own types never fail to encode
	return b
}
