//go:build tinygo.wasm

package std

import "unsafe"

// This file is the contract side of the VM's calling convention (cosmwasm-vm 3, interface
// version 8). See shared/research/cosmwasm-vm-abi.md §1.4–1.6.

// region is the VM's descriptor of a buffer in linear memory (12 bytes, little endian).
type region struct {
	offset   uint32
	capacity uint32
	length   uint32
}

// runtimeInitialize is TinyGo's reactor initialiser (heap, package init functions). The VM never
// calls _initialize and a start section would run without gas, so we run it ourselves, once,
// from allocate and every entry point — whichever the VM calls first.
//
//export _initialize
func runtimeInitialize()

var runtimeReady bool

func ensureRuntime() {
	if !runtimeReady {
		runtimeReady = true
		runtimeInitialize()
	}
}

//export interface_version_8
func interfaceVersion8() {}

// maxAllocation bounds one allocation: 64 MiB is already twice the memory a contract may grow to.
const maxAllocation = 64 << 20

// allocate hands the VM a region of size bytes, for arguments and for data returned by imports
// (the VM calls it re-entrantly during db_read, query_chain, ...). Header and data come from one
// heap allocation. With the leaking GC nothing is ever freed: every call runs in a fresh instance.
//
//export allocate
func allocate(size uint32) uint32 {
	ensureRuntime()
	return uint32(uintptr(unsafe.Pointer(newRegion(size))))
}

// deallocate is a no-op: the heap never frees (see allocate), and the VM discards the instance.
//
//export deallocate
func deallocate(ptr uint32) {}

func newRegion(size uint32) *region {
	if size > maxAllocation {
		Abort("allocation too large")
	}
	buf := make([]byte, 12+int(size))
	r := (*region)(unsafe.Pointer(unsafe.SliceData(buf)))
	r.offset = uint32(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))) + 12
	r.capacity = size
	r.length = 0
	return r
}

// zeroByte gives empty slices a non-zero address: the VM rejects regions at offset 0.
var zeroByte [1]byte

// regionOf describes an existing slice without copying it.
func regionOf(b []byte) *region {
	p := unsafe.SliceData(b)
	if p == nil {
		p = &zeroByte[0]
	}
	return &region{offset: uint32(uintptr(unsafe.Pointer(p))), capacity: uint32(len(b)), length: uint32(len(b))}
}

func ptrOf(r *region) uint32 { return uint32(uintptr(unsafe.Pointer(r))) }

// consume returns the bytes of a region the VM created with allocate (argument or import result).
func consume(ptr uint32) []byte {
	if ptr == 0 {
		Abort("null region")
	}
	r := (*region)(unsafe.Pointer(uintptr(ptr)))
	if r.length > r.capacity {
		Abort("corrupt region")
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(uintptr(r.offset))), r.length)
}

func hostDeps() *Deps {
	return &Deps{Storage: hostStorage{}, API: hostAPI{}, Querier: Querier{Chain: hostQuerier{}}}
}

// result holds the region of the value an entry point returns. It must outlive the call (the VM
// reads it afterwards), so it is kept in a global: that also keeps TinyGo from placing it on the
// stack.
var result *region

func run(ep EntryPoint, env, a, b []byte) uint32 {
	result = regionOf(Dispatch(ep, hostDeps(), env, a, b))
	return ptrOf(result)
}

//export instantiate
func wasmInstantiate(env, info, msg uint32) uint32 {
	ensureRuntime()
	return run(EntryInstantiate, consume(env), consume(info), consume(msg))
}

//export execute
func wasmExecute(env, info, msg uint32) uint32 {
	ensureRuntime()
	return run(EntryExecute, consume(env), consume(info), consume(msg))
}

//export query
func wasmQuery(env, msg uint32) uint32 {
	ensureRuntime()
	return run(EntryQuery, consume(env), consume(msg), nil)
}

// migrate takes three arguments; the VM passes MigrateInfo when the export has that arity.
//
//export migrate
func wasmMigrate(env, msg, info uint32) uint32 {
	ensureRuntime()
	return run(EntryMigrate, consume(env), consume(msg), consume(info))
}

//export sudo
func wasmSudo(env, msg uint32) uint32 {
	ensureRuntime()
	return run(EntrySudo, consume(env), consume(msg), nil)
}

//export reply
func wasmReply(env, reply uint32) uint32 {
	ensureRuntime()
	return run(EntryReply, consume(env), consume(reply), nil)
}
