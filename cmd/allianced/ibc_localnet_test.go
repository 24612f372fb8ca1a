package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTwoChainsAllianceOverARealRelayer is the alliance between two chains as operators run it: two
// allianced nodes under CometBFT on loopback and the Go relayer (cosmos/relayer v2, built from the
// module proxy on first use by scripts/localnet-ibc-relayer.sh). scripts/localnet-ibc.sh links the
// chains; scripts/localnet-ibc-story.sh bridges, lists by gov, stakes, claims, pays the take rate,
// unstakes and bridges home in both directions, stops and restarts the relayer, times a transfer
// out and tries a wrong channel, and ends on exact balances. Any difference fails the script with
// its own message, which this test prints.
func TestTwoChainsAllianceOverARealRelayer(t *testing.T) {
	rly := relayerBinary(t)
	dir := filepath.Join(t.TempDir(), "localnet-ibc")
	baseA := freePortBlock(t, 5)
	baseB := freePortBlock(t, 5)
	for baseB > baseA-5 && baseB < baseA+5 {
		baseB = freePortBlock(t, 5)
	}
	env := append(os.Environ(), "RLY="+rly, "BIN="+binary, "DIR="+dir,
		"BASE_A="+strconv.Itoa(baseA), "BASE_B="+strconv.Itoa(baseB))
	script := func(name string, args ...string) (string, error) {
		cmd := exec.Command("bash", append([]string{filepath.Join("..", "..", "scripts", name)}, args...)...)
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, log := range []string{"a.log", "b.log", "relayer.log"} {
				bz, _ := os.ReadFile(filepath.Join(dir, log))
				if len(bz) > 3000 {
					bz = bz[len(bz)-3000:]
				}
				t.Logf("tail of %s:\n%s", log, bz)
			}
		}
		out, err := script("localnet-ibc.sh", "stop", binary, dir)
		if err != nil {
			t.Logf("stop: %v\n%s", err, out)
		}
	})

	out, err := script("localnet-ibc.sh", "start", binary, dir)
	require.NoError(t, err, "localnet-ibc start:\n%s", out)
	t.Logf("start:\n%s", out)

	out, err = script("localnet-ibc-story.sh")
	require.NoError(t, err, "two-chain story:\n%s", out)
	require.Contains(t, out, "two-chain story complete", out)
	t.Logf("story:\n%s", out)
}

// relayerBinary is $RLY if set, else the pinned relayer in the user cache, built on first use.
func relayerBinary(t *testing.T) string {
	t.Helper()
	if rly := os.Getenv("RLY"); rly != "" {
		return rly
	}
	script := filepath.Join("..", "..", "scripts", "localnet-ibc-relayer.sh")
	path, err := exec.Command("bash", script, "path").Output()
	require.NoError(t, err)
	out, err := exec.Command("bash", script).CombinedOutput()
	require.NoError(t, err, "building the relayer:\n%s", out)
	t.Logf("%s", out)
	return strings.TrimSpace(string(path))
}
