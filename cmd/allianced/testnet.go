package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/spf13/cobra"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	srvconfig "github.com/cosmos/cosmos-sdk/server/config"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/app"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// localnetOptions are the knobs of `allianced testnet`.
type localnetOptions struct {
	validators    int
	outputDir     string
	chainID       string
	basePort      int
	unbondingTime time.Duration
	votingPeriod  time.Duration
	blockTime     time.Duration
	rewardDelay   time.Duration
	extraDenoms   []string
}

// Each node gets a block of portsPerNode consecutive loopback ports.
const (
	portsPerNode = 10
	p2pOffset    = 0
	rpcOffset    = 1
	grpcOffset   = 2
	apiOffset    = 3
	abciOffset   = 4
)

// Balances every localnet validator account starts with.
var (
	localnetBondTokens  = sdk.TokensFromConsensusPower(100, sdk.DefaultPowerReduction)
	localnetAccountBond = sdk.TokensFromConsensusPower(1_000, sdk.DefaultPowerReduction)
	localnetAssetTokens = sdk.TokensFromConsensusPower(1_000, sdk.DefaultPowerReduction)
)

// NewTestnetCmd writes the homes of an N-validator network whose nodes all
// listen on loopback, ready to be started with `allianced start --home …`.
func NewTestnetCmd(basics module.BasicManager) *cobra.Command {
	var o localnetOptions
	cmd := &cobra.Command{
		Use:   "testnet",
		Short: "Write the home directories of an N-validator network on 127.0.0.1",
		Long: `testnet writes one home directory per validator (node0, node1, …) under --output-dir.
Each node listens on its own block of loopback ports starting at --base-port
(p2p +0, rpc +1, grpc +2, rest api +3), knows all other nodes as persistent peers,
and shares one genesis in which every validator is bonded. Keys use the "test"
keyring backend in each home, under the name "validator"; the mnemonic is in
<home>/key_seed.json. Start a node with: allianced start --home <output-dir>/node0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			if o.validators < 1 {
				return fmt.Errorf("--validators must be at least 1, got %d", o.validators)
			}
			if o.basePort < 1024 || o.basePort+o.validators*portsPerNode > 65535 {
				return fmt.Errorf("--base-port %d leaves no room for %d nodes below port 65535", o.basePort, o.validators)
			}
			return writeLocalnet(cmd, clientCtx, basics, o)
		},
	}
	cmd.Flags().IntVar(&o.validators, "validators", 3, "number of validators")
	cmd.Flags().StringVarP(&o.outputDir, "output-dir", "o", "./build/localnet", "directory that receives one home per node")
	cmd.Flags().StringVar(&o.chainID, "chain-id", "alliance-localnet", "chain ID of the network")
	cmd.Flags().IntVar(&o.basePort, "base-port", 26600, "first loopback port; node i uses base-port+10*i … +9")
	cmd.Flags().DurationVar(&o.unbondingTime, "unbonding-time", 2*time.Minute, "x/staking unbonding time (also the alliance unbonding time)")
	cmd.Flags().DurationVar(&o.votingPeriod, "voting-period", 20*time.Second, "gov voting period")
	cmd.Flags().DurationVar(&o.blockTime, "block-time", time.Second, "target time between blocks (CometBFT timeout_commit)")
	cmd.Flags().DurationVar(&o.rewardDelay, "alliance-reward-delay", 0, "x/alliance reward_delay_time: how long a new alliance waits before it earns")
	cmd.Flags().StringSliceVar(&o.extraDenoms, "fund-denoms", []string{"uasset"}, "extra denoms every validator account is funded with (alliance assets to play with)")
	return cmd
}

type localnetNode struct {
	name    string
	home    string
	nodeID  string
	pubKey  cryptotypes.PubKey
	account sdk.AccAddress
	port    int // first port of the node's block
}

func (n localnetNode) addr(offset int) string { return fmt.Sprintf("127.0.0.1:%d", n.port+offset) }

func writeLocalnet(cmd *cobra.Command, clientCtx client.Context, basics module.BasicManager, o localnetOptions) error {
	if _, err := os.Stat(o.outputDir); err == nil {
		return fmt.Errorf("%s already exists: remove it or choose another --output-dir", o.outputDir)
	}
	gentxDir := filepath.Join(o.outputDir, "gentxs")
	if err := os.MkdirAll(gentxDir, 0o755); err != nil {
		return err
	}
	out := cmd.ErrOrStderr()

	nodes := make([]localnetNode, o.validators)
	var balances []banktypes.Balance
	var accounts []authtypes.GenesisAccount
	for i := range nodes {
		n := &nodes[i]
		n.name = fmt.Sprintf("node%d", i)
		n.home = filepath.Join(o.outputDir, n.name)
		n.port = o.basePort + i*portsPerNode
		if err := os.MkdirAll(filepath.Join(n.home, "config"), 0o755); err != nil {
			return err
		}
		cfg := localnetCometConfig(*n, o)
		var err error
		if n.nodeID, n.pubKey, err = genutil.InitializeNodeValidatorFiles(cfg); err != nil {
			return fmt.Errorf("%s: validator files: %w", n.name, err)
		}
		kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, n.home, bufio.NewReader(cmd.InOrStdin()), clientCtx.Codec)
		if err != nil {
			return err
		}
		record, mnemonic, err := kr.NewMnemonic("validator", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
		if err != nil {
			return fmt.Errorf("%s: key: %w", n.name, err)
		}
		if n.account, err = record.GetAddress(); err != nil {
			return err
		}
		seed, _ := json.Marshal(map[string]string{"name": "validator", "address": n.account.String(), "mnemonic": mnemonic})
		if err := os.WriteFile(filepath.Join(n.home, "key_seed.json"), seed, 0o600); err != nil {
			return err
		}
		coins := sdk.NewCoins(sdk.NewCoin(app.BondDenom, localnetAccountBond))
		for _, d := range o.extraDenoms {
			coins = coins.Add(sdk.NewCoin(d, localnetAssetTokens))
		}
		balances = append(balances, banktypes.Balance{Address: n.account.String(), Coins: coins})
		accounts = append(accounts, authtypes.NewBaseAccount(n.account, nil, 0, 0))
		if err := writeGentx(cmd, clientCtx, kr, *n, o.chainID, filepath.Join(gentxDir, n.name+".json")); err != nil {
			return fmt.Errorf("%s: gentx: %w", n.name, err)
		}
		fmt.Fprintf(out, "wrote %s: p2p %s, rpc %s, validator %s\n", n.home, n.addr(p2pOffset), n.addr(rpcOffset), n.account)
	}

	genesis, err := localnetGenesis(clientCtx, basics, o, accounts, balances)
	if err != nil {
		return err
	}
	genesisTime := time.Now().UTC().Truncate(time.Second)
	for _, n := range nodes {
		cfg := localnetCometConfig(n, o)
		g := *genesis
		g.GenesisTime = genesisTime
		initCfg := genutiltypes.NewInitConfig(o.chainID, gentxDir, n.nodeID, n.pubKey)
		// Collects every gentx, sets the other nodes as persistent peers from
		// the gentx memos and writes config.toml and genesis.json.
		if _, err := genutil.GenAppStateFromConfig(clientCtx.Codec, clientCtx.TxConfig, cfg, initCfg, &g,
			banktypes.GenesisBalancesIterator{}, genutiltypes.DefaultMessageValidator,
			clientCtx.TxConfig.SigningContext().ValidatorAddressCodec()); err != nil {
			return fmt.Errorf("%s: genesis: %w", n.name, err)
		}
		writeLocalnetAppConfig(n)
	}
	fmt.Fprintf(out, "localnet %q with %d validators written to %s\n", o.chainID, o.validators, o.outputDir)
	return nil
}

// localnetCometConfig is the CometBFT config of one node: loopback ports,
// several nodes allowed on one IP, fast blocks.
func localnetCometConfig(n localnetNode, o localnetOptions) *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(n.home)
	cfg.Moniker = n.name
	cfg.P2P.ListenAddress = "tcp://" + n.addr(p2pOffset)
	cfg.P2P.AllowDuplicateIP = true
	cfg.P2P.AddrBookStrict = false
	cfg.P2P.PexReactor = false
	cfg.RPC.ListenAddress = "tcp://" + n.addr(rpcOffset)
	cfg.RPC.PprofListenAddress = ""
	cfg.ProxyApp = "tcp://" + n.addr(abciOffset)
	cfg.Consensus.TimeoutCommit = o.blockTime
	cfg.Consensus.TimeoutPropose = 2 * o.blockTime
	return cfg
}

func writeLocalnetAppConfig(n localnetNode) {
	template, cfg := appConfig()
	cfg.GRPC.Address = n.addr(grpcOffset)
	cfg.API.Enable = true
	cfg.API.Address = "tcp://" + n.addr(apiOffset)
	srvconfig.SetConfigTemplate(template)
	srvconfig.WriteConfigFile(filepath.Join(n.home, "config", "app.toml"), cfg)
}

func writeGentx(cmd *cobra.Command, clientCtx client.Context, kr keyring.Keyring, n localnetNode, chainID, file string) error {
	valAddr, err := clientCtx.TxConfig.SigningContext().ValidatorAddressCodec().BytesToString(sdk.ValAddress(n.account))
	if err != nil {
		return err
	}
	msg, err := stakingtypes.NewMsgCreateValidator(valAddr, n.pubKey,
		sdk.NewCoin(app.BondDenom, localnetBondTokens),
		stakingtypes.NewDescription(n.name, "", "", "", ""),
		stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(5, 2), math.LegacyNewDecWithPrec(20, 2), math.LegacyNewDecWithPrec(1, 2)),
		math.OneInt())
	if err != nil {
		return err
	}
	builder := clientCtx.TxConfig.NewTxBuilder()
	if err := builder.SetMsgs(msg); err != nil {
		return err
	}
	memo := fmt.Sprintf("%s@%s", n.nodeID, n.addr(p2pOffset))
	builder.SetMemo(memo)
	factory := tx.Factory{}.WithChainID(chainID).WithMemo(memo).WithKeybase(kr).WithTxConfig(clientCtx.TxConfig)
	if err := tx.Sign(cmd.Context(), factory, "validator", builder, true); err != nil {
		return err
	}
	bz, err := clientCtx.TxConfig.TxJSONEncoder()(builder.GetTx())
	if err != nil {
		return err
	}
	return os.WriteFile(file, bz, 0o644)
}

// localnetGenesis is the default genesis with the validator accounts funded
// and short unbonding and voting periods, so stories finish in minutes.
func localnetGenesis(clientCtx client.Context, basics module.BasicManager, o localnetOptions,
	accounts []authtypes.GenesisAccount, balances []banktypes.Balance,
) (*genutiltypes.AppGenesis, error) {
	cdc := clientCtx.Codec
	state := basics.DefaultGenesis(cdc)

	var authGen authtypes.GenesisState
	cdc.MustUnmarshalJSON(state[authtypes.ModuleName], &authGen)
	packed, err := authtypes.PackAccounts(accounts)
	if err != nil {
		return nil, err
	}
	authGen.Accounts = packed
	state[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGen)

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bankGen)
	bankGen.Balances = banktypes.SanitizeGenesisBalances(balances)
	for _, b := range bankGen.Balances {
		bankGen.Supply = bankGen.Supply.Add(b.Coins...)
	}
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	var stakingGen stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(state[stakingtypes.ModuleName], &stakingGen)
	stakingGen.Params.UnbondingTime = o.unbondingTime
	stakingGen.Params.BondDenom = app.BondDenom
	state[stakingtypes.ModuleName] = cdc.MustMarshalJSON(&stakingGen)

	var govGen govv1.GenesisState
	cdc.MustUnmarshalJSON(state["gov"], &govGen)
	voting := o.votingPeriod
	expedited := voting / 2
	govGen.Params.VotingPeriod = &voting
	govGen.Params.ExpeditedVotingPeriod = &expedited
	state["gov"] = cdc.MustMarshalJSON(&govGen)

	var allianceGen alliancetypes.GenesisState
	cdc.MustUnmarshalJSON(state[alliancetypes.ModuleName], &allianceGen)
	allianceGen.Params.RewardDelayTime = o.rewardDelay
	state[alliancetypes.ModuleName] = cdc.MustMarshalJSON(&allianceGen)

	appState, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		return nil, err
	}
	return genutiltypes.NewAppGenesisWithVersion(o.chainID, appState), nil
}
