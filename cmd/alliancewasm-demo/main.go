// Command alliancewasm-demo runs the demo story (package demo) on an
// in-process chain and prints its progress and final tables.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/alliancewasm/alliancewasm/demo"
)

func main() {
	blocks := flag.Int("blocks", 60, "blocks of rewards before the claims (5 s of chain time each)")
	flag.Parse()
	if _, err := demo.Run(demo.Options{Out: os.Stdout, Blocks: *blocks}); err != nil {
		fmt.Fprintln(os.Stderr, "demo failed:", err)
		os.Exit(1)
	}
	fmt.Println("\ndemo finished")
}
