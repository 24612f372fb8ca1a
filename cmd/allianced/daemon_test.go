package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// These tests drive the real `allianced` binary, built once for the package,
// the way a user would: init a node, start it under CometBFT, query and send
// through the CLI; and run a 3-validator localnet on loopback.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "allianced-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "allianced")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build allianced:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run executes the binary and returns stdout, failing the test on error.
func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := runErr(args...)
	require.NoError(t, err, "allianced %s", strings.Join(args, " "))
	return out
}

func runErr(args ...string) (string, error) {
	cmd := exec.Command(binary, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%w: %s%s", err, stderr.String(), stdout.String())
	}
	return stdout.String(), nil
}

// startNode runs `allianced start` until the test ends.
func startNode(t *testing.T, home string, args ...string) {
	t.Helper()
	logFile, err := os.Create(filepath.Join(home, "node.log"))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, append([]string{"start", "--home", home}, args...)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		logFile.Close()
		if t.Failed() {
			bz, _ := os.ReadFile(logFile.Name())
			if len(bz) > 4000 {
				bz = bz[len(bz)-4000:]
			}
			t.Logf("tail of %s:\n%s", logFile.Name(), bz)
		}
	})
}

// freePortBlock finds n consecutive free loopback ports.
func freePortBlock(t *testing.T, n int) int {
	t.Helper()
	for attempt := 0; attempt < 50; attempt++ {
		base := 20000 + rand.Intn(30000)
		free := true
		for p := base; p < base+n && free; p++ {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
			if err != nil {
				free = false
				continue
			}
			l.Close()
		}
		if free {
			return base
		}
	}
	t.Fatal("no free block of loopback ports")
	return 0
}

type rpcStatus struct {
	Result struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	} `json:"result"`
}

// rpcGet decodes a CometBFT RPC GET answer.
func rpcGet(rpcAddr, path string, out any) error {
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://" + rpcAddr + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

func height(rpcAddr string) int64 {
	var s rpcStatus
	if err := rpcGet(rpcAddr, "/status", &s); err != nil {
		return 0
	}
	h, _ := strconv.ParseInt(s.Result.SyncInfo.LatestBlockHeight, 10, 64)
	return h
}

func waitForHeight(t *testing.T, rpcAddr string, want int64, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if height(rpcAddr) >= want {
			return
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Fatalf("node at %s did not reach height %d within %s (at %d)", rpcAddr, want, within, height(rpcAddr))
}

func TestSingleNodeInitStartQueryAndSend(t *testing.T) {
	home := t.TempDir()
	const chainID = "single-1"
	kr := []string{"--keyring-backend", "test", "--home", home}

	run(t, "init", "node", "--chain-id", chainID, "--home", home)
	run(t, append([]string{"keys", "add", "val"}, kr...)...)
	run(t, append([]string{"keys", "add", "bob"}, kr...)...)
	val := strings.TrimSpace(run(t, append([]string{"keys", "show", "val", "-a"}, kr...)...))
	bob := strings.TrimSpace(run(t, append([]string{"keys", "show", "bob", "-a"}, kr...)...))
	require.True(t, strings.HasPrefix(val, "alliance1"), val)

	run(t, "genesis", "add-genesis-account", val, "1000000000000stake,5000uasset", "--home", home)
	run(t, append([]string{"genesis", "gentx", "val", "100000000stake", "--chain-id", chainID}, kr...)...)
	run(t, "genesis", "collect-gentxs", "--home", home)
	run(t, "genesis", "validate", "--home", home)

	base := freePortBlock(t, 5)
	rpc := fmt.Sprintf("127.0.0.1:%d", base+1)
	startNode(t, home,
		"--p2p.laddr", fmt.Sprintf("tcp://127.0.0.1:%d", base),
		"--rpc.laddr", "tcp://"+rpc,
		"--grpc.address", fmt.Sprintf("127.0.0.1:%d", base+2),
		"--api.address", fmt.Sprintf("tcp://127.0.0.1:%d", base+3),
		"--proxy_app", fmt.Sprintf("tcp://127.0.0.1:%d", base+4),
	)
	waitForHeight(t, rpc, 3, time.Minute)

	node := []string{"--node", "tcp://" + rpc, "-o", "json"}
	var balances struct {
		Balances []struct{ Denom, Amount string }
	}
	require.NoError(t, json.Unmarshal([]byte(run(t, append([]string{"query", "bank", "balances", val}, node...)...)), &balances))
	// Genesis funds minus the self-bond.
	require.Equal(t, []struct{ Denom, Amount string }{{"stake", "999900000000"}, {"uasset", "5000"}}, balances.Balances)

	// A CLI transaction through the node's mempool.
	out := run(t, append([]string{"tx", "bank", "send", "val", bob, "1234uasset", "--chain-id", chainID, "--yes", "--node", "tcp://" + rpc, "-o", "json"}, kr...)...)
	var sent struct{ Code int }
	require.NoError(t, json.Unmarshal([]byte(out), &sent))
	require.Zero(t, sent.Code, out)
	deadline := time.Now().Add(30 * time.Second)
	for {
		q := run(t, append([]string{"query", "bank", "balance", bob, "uasset"}, node...)...)
		var got struct{ Balance struct{ Amount string } }
		require.NoError(t, json.Unmarshal([]byte(q), &got))
		if got.Balance.Amount == "1234" {
			break
		}
		require.True(t, time.Now().Before(deadline), "bob never received the coins: %s", q)
		time.Sleep(500 * time.Millisecond)
	}

	// Bad input is refused by the CLI before anything is sent.
	_, err := runErr(append([]string{"tx", "bank", "send", "val", "alliance1invalid", "5uasset", "--chain-id", chainID, "--yes", "--node", "tcp://" + rpc}, kr...)...)
	require.Error(t, err)
	require.Contains(t, err.Error(), "decoding bech32 failed")
}

func TestLocalnetThreeValidatorsAgreeOnAppHash(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "localnet")
	base := freePortBlock(t, 30)
	run(t, "testnet", "--validators", "3", "--output-dir", dir, "--base-port", strconv.Itoa(base),
		"--block-time", "500ms", "--voting-period", "8s", "--unbonding-time", "30s")
	for i := 0; i < 3; i++ {
		startNode(t, filepath.Join(dir, fmt.Sprintf("node%d", i)))
	}
	rpcs := []string{}
	for i := 0; i < 3; i++ {
		rpcs = append(rpcs, fmt.Sprintf("127.0.0.1:%d", base+10*i+1))
	}
	for _, r := range rpcs {
		waitForHeight(t, r, 5, 2*time.Minute)
	}
	// The app hash in the header of block 5 commits to the state after block 4:
	// every node must report the same one.
	var hashes []string
	for _, r := range rpcs {
		var blk struct {
			Result struct {
				Block struct {
					Header struct {
						AppHash string `json:"app_hash"`
					} `json:"header"`
				} `json:"block"`
			} `json:"result"`
		}
		require.NoError(t, rpcGet(r, "/block?height=5", &blk))
		require.NotEmpty(t, blk.Result.Block.Header.AppHash)
		hashes = append(hashes, blk.Result.Block.Header.AppHash)
	}
	require.Equal(t, hashes[0], hashes[1])
	require.Equal(t, hashes[0], hashes[2])

	// Starting over the same directory is refused instead of overwriting keys.
	_, err := runErr("testnet", "--output-dir", dir)
	require.ErrorContains(t, err, "already exists")

	// The alliance story through the CLI, against this localnet: gov listing
	// with every validator voting, delegate, rewards, claim, unbond, payout.
	story := exec.Command("bash", "../../scripts/localnet-story.sh")
	story.Env = append(os.Environ(), "BIN="+binary, "DIR="+dir, "BASE_PORT="+strconv.Itoa(base))
	out, err := story.CombinedOutput()
	require.NoError(t, err, "localnet story:\n%s", out)
	require.Contains(t, string(out), "story complete")
}
