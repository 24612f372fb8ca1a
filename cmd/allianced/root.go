package main

import (
	"errors"
	"io"
	"os"

	cmtcfg "github.com/cometbft/cometbft/config"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cast"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"cosmossdk.io/log"
	confixcmd "cosmossdk.io/tools/confix/cmd"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/client/debug"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/pruning"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/client/snapshot"
	"github.com/cosmos/cosmos-sdk/server"
	srvconfig "github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	authcmd "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"

	"github.com/CosmWasm/wasmd/x/wasm"
	wasmcli "github.com/CosmWasm/wasmd/x/wasm/client/cli"
	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"
	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	"github.com/alliancewasm/alliancewasm/app"
)

// NewRootCmd builds the `allianced` command tree.
func NewRootCmd() (*cobra.Command, error) {
	app.SetAddressPrefixes()

	// A throw-away app gives the codecs and module basics the CLI needs; its
	// temp home holds the wasm cache it opens, so remove it afterwards.
	tmp, err := os.MkdirTemp("", "allianced-cli")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	tempApp, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, false, simtestutil.NewAppOptionsWithFlagHome(tmp), nil)
	if err != nil {
		return nil, err
	}

	initClientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithTxConfig(tempApp.TxConfig()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(app.DefaultNodeHome).
		WithViper("ALLIANCED")

	rootCmd := &cobra.Command{
		Use:           "allianced",
		Short:         "alliancewasm: a Cosmos chain with the Alliance module and CosmWasm",
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())
			ctx := initClientCtx.WithCmdContext(cmd.Context())
			ctx, err := client.ReadPersistentCommandFlags(ctx, cmd.Flags())
			if err != nil {
				return err
			}
			if ctx, err = config.ReadFromClientConfig(ctx); err != nil {
				return err
			}
			if err := client.SetCmdClientContextHandler(ctx, cmd); err != nil {
				return err
			}
			appTemplate, appConfig := appConfig()
			return server.InterceptConfigsPreRunHandler(cmd, appTemplate, appConfig, cmtcfg.DefaultConfig())
		},
	}

	basics := tempApp.BasicModuleManager
	genesisCmd := genutilcli.Commands(tempApp.TxConfig(), basics, app.DefaultNodeHome)
	genesisCmd.AddCommand(convertUpstreamCmd(tempApp.AppCodec()))
	rootCmd.AddCommand(
		genutilcli.InitCmd(basics, app.DefaultNodeHome),
		genesisCmd,
		NewTestnetCmd(basics),
		debug.Cmd(),
		confixcmd.ConfigCommand(),
		pruning.Cmd(newApp, app.DefaultNodeHome),
		snapshot.Cmd(newApp),
	)
	server.AddCommands(rootCmd, app.DefaultNodeHome, newApp, exportApp, wasm.AddModuleInitFlags)
	wasmcli.ExtendUnsafeResetAllCmd(rootCmd)
	rootCmd.AddCommand(
		server.StatusCommand(),
		queryCommand(),
		txCommand(),
		keys.Commands(),
	)

	// autocli adds every module's query and tx subcommands from its services.
	autoCli := tempApp.AutoCliOpts()
	initClientCtx, _ = config.ReadFromClientConfig(initClientCtx)
	autoCli.ClientCtx = initClientCtx
	if err := autoCli.EnhanceRootCommand(rootCmd); err != nil {
		return nil, err
	}
	return rootCmd, nil
}

// appTOML is app.toml: the SDK's server config plus wasm's node config.
type appTOML struct {
	srvconfig.Config `mapstructure:",squash"`
	Wasm             wasmtypes.NodeConfig `mapstructure:"wasm"`
}

// appConfig returns the app.toml template and defaults of the daemon.
func appConfig() (string, appTOML) {
	srv := srvconfig.DefaultConfig()
	// A node refuses to start with an empty minimum gas price; zero fees in
	// the bond denom keep local chains and the demo free to use.
	srv.MinGasPrices = "0" + app.BondDenom
	return srvconfig.DefaultConfigTemplate + wasmtypes.DefaultConfigTemplate(),
		appTOML{Config: *srv, Wasm: wasmtypes.DefaultNodeConfig()}
}

func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "query",
		Aliases: []string{"q"},
		Short:   "Query the chain",
		RunE:    client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.QueryEventForTxCmd(),
		rpc.WaitTxCmd(),
		server.QueryBlockCmd(),
		server.QueryBlocksCmd(),
		server.QueryBlockResultsCmd(),
		authcmd.QueryTxsByEventsCmd(),
		authcmd.QueryTxCmd(),
	)
	return cmd
}

func txCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tx",
		Short: "Build, sign and broadcast transactions",
		RunE:  client.ValidateCmd,
	}
	cmd.AddCommand(
		authcmd.GetSignCommand(),
		authcmd.GetSignBatchCommand(),
		authcmd.GetMultiSignCommand(),
		authcmd.GetMultiSignBatchCmd(),
		authcmd.GetValidateSignaturesCommand(),
		authcmd.GetBroadcastCommand(),
		authcmd.GetEncodeCommand(),
		authcmd.GetDecodeCommand(),
		authcmd.GetSimulateCmd(),
	)
	return cmd
}

// newApp is how `start` builds the application.
func newApp(logger log.Logger, db dbm.DB, traceStore io.Writer, appOpts servertypes.AppOptions) servertypes.Application {
	var wasmOpts []wasmkeeper.Option
	if cast.ToBool(appOpts.Get("telemetry.enabled")) {
		wasmOpts = append(wasmOpts, wasmkeeper.WithVMCacheMetrics(prometheus.DefaultRegisterer))
	}
	a, err := app.New(logger, db, traceStore, true, appOpts, wasmOpts, server.DefaultBaseappOptions(appOpts)...)
	if err != nil {
		// The server API has no error return here; a node that cannot build
		// its app must not start.
		panic(err)
	}
	return a
}

// exportApp is how `export` builds the application at a height.
func exportApp(logger log.Logger, db dbm.DB, traceStore io.Writer, height int64, forZeroHeight bool,
	jailAllowedAddrs []string, appOpts servertypes.AppOptions, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	if home, _ := appOpts.Get(flags.FlagHome).(string); home == "" {
		return servertypes.ExportedApp{}, errors.New("export: the application home is not set")
	}
	if v, ok := appOpts.(*viper.Viper); ok {
		v.Set(server.FlagInvCheckPeriod, 1)
	}
	a, err := app.New(logger, db, traceStore, height == -1, appOpts, nil)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	if height != -1 {
		if err := a.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	}
	return a.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}
