// Package artifacts gives Go code the committed contract fixtures
// (<name>.wasm, built by `make contracts`), embedded at compile time so that
// tests, the demo and benchmarks read the very bytes that checksums.txt
// lists, from any working directory.
package artifacts

import (
	"embed"
	"fmt"
)

//go:embed *.wasm checksums.txt
var files embed.FS

// Read returns the fixture called name (e.g. "token.wasm").
func Read(name string) ([]byte, error) {
	bz, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("contract fixture %s: %w (build it with make contracts)", name, err)
	}
	return bz, nil
}
