// Command allianced is the alliancewasm daemon and CLI: it runs a node and
// builds, signs and sends transactions and queries against one.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/alliancewasm/alliancewasm/app"
)

func main() {
	rootCmd, err := NewRootCmd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "allianced:", err)
		os.Exit(1)
	}
	if err := svrcmd.Execute(rootCmd, "", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(rootCmd.ErrOrStderr(), "Error:", err)
		os.Exit(1)
	}
}
