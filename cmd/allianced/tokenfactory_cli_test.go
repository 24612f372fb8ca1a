package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The token factory through the real binary: a user creates a denom and
// mints to another account with the CLI, sees it in the CLI queries and over
// REST (the gRPC gateway), and the CLI refuses a subdenom that is too long
// before anything is sent.
func TestTokenFactoryThroughTheCLIAndREST(t *testing.T) {
	home := t.TempDir()
	const chainID = "tf-1"
	kr := []string{"--keyring-backend", "test", "--home", home}
	run(t, "init", "node", "--chain-id", chainID, "--home", home)
	run(t, append([]string{"keys", "add", "val"}, kr...)...)
	run(t, append([]string{"keys", "add", "bob"}, kr...)...)
	val := strings.TrimSpace(run(t, append([]string{"keys", "show", "val", "-a"}, kr...)...))
	bob := strings.TrimSpace(run(t, append([]string{"keys", "show", "bob", "-a"}, kr...)...))
	run(t, "genesis", "add-genesis-account", val, "1000000000000stake", "--home", home)
	run(t, append([]string{"genesis", "gentx", "val", "100000000stake", "--chain-id", chainID}, kr...)...)
	run(t, "genesis", "collect-gentxs", "--home", home)

	base := freePortBlock(t, 5)
	rpc, api := fmt.Sprintf("127.0.0.1:%d", base+1), fmt.Sprintf("127.0.0.1:%d", base+3)
	startNode(t, home,
		"--p2p.laddr", fmt.Sprintf("tcp://127.0.0.1:%d", base),
		"--rpc.laddr", "tcp://"+rpc,
		"--grpc.address", fmt.Sprintf("127.0.0.1:%d", base+2),
		"--api.enable", "--api.address", "tcp://"+api,
		"--proxy_app", fmt.Sprintf("tcp://127.0.0.1:%d", base+4),
	)
	waitForHeight(t, rpc, 2, time.Minute)
	node := []string{"--node", "tcp://" + rpc, "-o", "json"}
	tx := func(args ...string) {
		t.Helper()
		out := run(t, append(append([]string{"tx", "tokenfactory"}, args...), append([]string{"--from", "val", "--chain-id", chainID, "--yes", "--gas", "3000000"}, append(kr, node...)...)...)...)
		var res struct{ Code int }
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		require.Zero(t, res.Code, out)
	}
	eventually := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !ok() {
			require.True(t, time.Now().Before(deadline), what)
			time.Sleep(500 * time.Millisecond)
		}
	}

	denom := "factory/" + val + "/ushare"
	tx("create-denom", "ushare")
	var denoms struct{ Denoms []string }
	eventually("the denom was never created", func() bool {
		require.NoError(t, json.Unmarshal([]byte(run(t, append([]string{"query", "tokenfactory", "denoms-from-creator", val}, node...)...)), &denoms))
		return len(denoms.Denoms) == 1
	})
	require.Equal(t, []string{denom}, denoms.Denoms)

	tx("mint-to", bob, "1000"+denom)
	eventually("bob never received the minted coins", func() bool {
		var got struct{ Balance struct{ Amount string } }
		require.NoError(t, json.Unmarshal([]byte(run(t, append([]string{"query", "bank", "balance", bob, denom}, node...)...)), &got))
		return got.Balance.Amount == "1000"
	})

	// REST: the gateway serves the module's queries.
	var rest struct{ Denoms []string }
	resp, err := http.Get("http://" + api + "/osmosis/tokenfactory/v1beta1/denoms_from_creator/" + val)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&rest))
	require.Equal(t, []string{denom}, rest.Denoms)
	var params struct {
		Params struct {
			DenomCreationFee []struct{ Denom, Amount string } `json:"denom_creation_fee"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(run(t, append([]string{"query", "tokenfactory", "params"}, node...)...)), &params))
	require.Equal(t, []struct{ Denom, Amount string }{{"stake", "10000000"}}, params.Params.DenomCreationFee)

	_, err = runErr(append([]string{"tx", "tokenfactory", "create-denom", strings.Repeat("s", 45), "--from", "val", "--chain-id", chainID, "--yes"}, append(kr, node...)...)...)
	require.ErrorContains(t, err, "subdenom too long")
}
