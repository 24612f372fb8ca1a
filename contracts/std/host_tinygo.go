//go:build tinygo.wasm

package std

import "errors"

// The VM's imports (module "env"). Every pointer is a region pointer; see abi_tinygo.go.

//go:wasmimport env db_read
func dbRead(key uint32) uint32

//go:wasmimport env db_write
func dbWrite(key, value uint32)

//go:wasmimport env db_remove
func dbRemove(key uint32)

//go:wasmimport env db_scan
func dbScan(start, end uint32, order int32) uint32

//go:wasmimport env db_next
func dbNext(iterator uint32) uint32

//go:wasmimport env addr_validate
func addrValidate(human uint32) uint32

//go:wasmimport env addr_canonicalize
func addrCanonicalize(human, out uint32) uint32

//go:wasmimport env addr_humanize
func addrHumanize(canonical, out uint32) uint32

//go:wasmimport env query_chain
func queryChain(request uint32) uint32

//go:wasmimport env debug
func debugPrint(msg uint32)

//go:wasmimport env abort
func abortCall(msg uint32)

// Abort stops the contract with msg (the VM reports "Aborted: msg"). Use it only for states that
// cannot happen; every expected failure is an error result.
func Abort(msg string) {
	abortCall(ptrOf(regionOf([]byte(msg))))
}

type hostStorage struct{}

func (hostStorage) Get(key []byte) ([]byte, bool) {
	p := dbRead(ptrOf(regionOf(key)))
	if p == 0 {
		return nil, false
	}
	return consume(p), true
}

func (hostStorage) Set(key, value []byte) {
	dbWrite(ptrOf(regionOf(key)), ptrOf(regionOf(value)))
}

func (hostStorage) Remove(key []byte) { dbRemove(ptrOf(regionOf(key))) }

func (hostStorage) Range(start, end []byte, order Order) Iterator {
	var s, e uint32
	if start != nil {
		s = ptrOf(regionOf(start))
	}
	if end != nil {
		e = ptrOf(regionOf(end))
	}
	return hostIterator{id: dbScan(s, e, int32(order))}
}

type hostIterator struct{ id uint32 }

// Next decodes db_next's sections: key || u32be(len key) || value || u32be(len value); an empty
// key marks the end.
func (it hostIterator) Next() ([]byte, []byte, bool) {
	data := consume(dbNext(it.id))
	value, rest, ok := lastSection(data)
	if !ok {
		Abort("malformed db_next result")
	}
	key, rest, ok := lastSection(rest)
	if !ok || len(rest) != 0 {
		Abort("malformed db_next result")
	}
	if len(key) == 0 {
		return nil, nil, false
	}
	return key, value, true
}

func lastSection(b []byte) (section, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := len(b) - 4
	l := int(uint32(b[n])<<24 | uint32(b[n+1])<<16 | uint32(b[n+2])<<8 | uint32(b[n+3]))
	if l > n {
		return nil, nil, false
	}
	return b[n-l : n], b[:n-l], true
}

type hostAPI struct{}

func (hostAPI) AddrValidate(human string) error {
	if p := addrValidate(ptrOf(regionOf([]byte(human)))); p != 0 {
		return errors.New(string(consume(p)))
	}
	return nil
}

// Output capacities as cosmwasm-std uses them: canonical addresses up to 64 bytes, human up to 90.
func (hostAPI) AddrCanonicalize(human string) ([]byte, error) {
	out := newRegion(64)
	if p := addrCanonicalize(ptrOf(regionOf([]byte(human))), ptrOf(out)); p != 0 {
		return nil, errors.New(string(consume(p)))
	}
	return consume(ptrOf(out)), nil
}

func (hostAPI) AddrHumanize(canonical []byte) (string, error) {
	out := newRegion(90)
	if p := addrHumanize(ptrOf(regionOf(canonical)), ptrOf(out)); p != 0 {
		return "", errors.New(string(consume(p)))
	}
	return string(consume(ptrOf(out))), nil
}

func (hostAPI) Debug(msg string) { debugPrint(ptrOf(regionOf([]byte(msg)))) }

type hostQuerier struct{}

func (hostQuerier) QueryChain(request []byte) []byte {
	return consume(queryChain(ptrOf(regionOf(request))))
}
