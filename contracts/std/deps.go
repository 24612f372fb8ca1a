package std

// Deps is what every entry point receives: the contract's storage, the chain's address API and
// the querier. In a contract built with TinyGo they are backed by the VM's imports; in native
// `go test` by the in-memory mock host (MockDeps).
type Deps struct {
	Storage Storage
	API     API
	Querier Querier
}

// Order is the direction of a range scan; the values are the VM's (db_scan's order argument).
type Order int32

const (
	Ascending  Order = 1
	Descending Order = 2
)

// Storage is the contract's key-value store. Keys sort bytewise.
//
// Set with an empty value is refused by the VM; use Remove. Writes inside a query are refused by
// the VM too (the call fails); the mock host enforces both so tests notice.
type Storage interface {
	// Get returns the value and whether the key exists.
	Get(key []byte) ([]byte, bool)
	Set(key, value []byte)
	Remove(key []byte)
	// Range iterates over keys in [start, end); a nil bound is unbounded.
	Range(start, end []byte, order Order) Iterator
}

// Iterator walks a range. ok is false once the range is exhausted.
type Iterator interface {
	Next() (key, value []byte, ok bool)
}

// API is the chain's address handling.
type API interface {
	// AddrValidate checks that human is a valid address in its normalised form.
	AddrValidate(human string) error
	AddrCanonicalize(human string) ([]byte, error)
	AddrHumanize(canonical []byte) (string, error)
	// Debug prints msg when the node runs with debug output (a no-op otherwise).
	Debug(msg string)
}
