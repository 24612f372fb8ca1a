// Package harness runs the whole alliancewasm app in process for end-to-end
// tests: real keepers, the real ante handler, the real wasmvm, a temp home.
// Blocks are produced by calling FinalizeBlock and Commit directly, with every
// genesis validator signing, so rewards, slashing and gov behave as on a
// live chain.
package harness

import (
	"encoding/json"
	"fmt"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	"github.com/alliancewasm/alliancewasm/app"
)

// Config describes the chain a test wants. The zero value is not useful; start
// from DefaultConfig.
type Config struct {
	ChainID       string
	Validators    int           // number of genesis validators, each bonding ValidatorBond
	ValidatorBond math.Int      // bond-denom tokens each validator self-delegates
	BlockTime     time.Duration // time between two blocks made by NextBlock
	UnbondingTime time.Duration // x/staking (and alliance) unbonding time
	VotingPeriod  time.Duration // gov voting period
	// Funds are extra genesis balances by account name (see Chain.Account).
	Funds map[string]sdk.Coins
	// AllianceRewardDelay is x/alliance's reward_delay_time: how long a new
	// alliance waits before it earns. Tests usually want 0.
	AllianceRewardDelay time.Duration
	// AllianceTakeRateInterval is x/alliance's take_rate_claim_interval.
	AllianceTakeRateInterval time.Duration
	// GenesisHook may change the genesis state (by module name) before the chain starts.
	GenesisHook func(cdc JSONCodec, state map[string]json.RawMessage)
	// WasmOptions are extra wasm keeper options (e.g. mocks for a test).
	WasmOptions []wasmkeeper.Option
}

// DefaultConfig is one validator, 5-second blocks, a 1-day unbonding time, a
// 1-minute voting period, alliances that earn from their creation and a take
// rate applied every 5 minutes.
func DefaultConfig() Config {
	return Config{
		ChainID:       "alliance-e2e-1",
		Validators:    1,
		ValidatorBond: sdk.TokensFromConsensusPower(100, sdk.DefaultPowerReduction),
		BlockTime:     5 * time.Second,
		UnbondingTime: 24 * time.Hour,
		VotingPeriod:  time.Minute,

		AllianceRewardDelay:      0,
		AllianceTakeRateInterval: 5 * time.Minute,
	}
}

// TB is what the harness needs from its caller: *testing.T and *testing.B
// satisfy it, and so can a program (the demo) that runs the chain outside
// of a test.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	TempDir() string
}

// Chain is one running in-process chain.
type Chain struct {
	t      TB
	cfg    Config
	App    *app.AllianceApp
	Home   string
	height int64
	time   time.Time

	validators []*Validator
	accounts   map[string]*Account
	offline    map[string]bool    // consensus addresses that sign no blocks
	evidence   []abci.Misbehavior // reported in the next block (DoubleSign)
}

// Validator is a genesis validator: its operator account signs its gentx and
// its gov votes, its consensus key "signs" every block.
type Validator struct {
	Operator *Account
	ConsKey  *ed25519.PrivKey
	ValAddr  sdk.ValAddress
	Power    int64
	ConsAddr sdk.ConsAddress
}

// NewChain starts a chain: genesis with the configured validators (created by
// real gentxs) and funded accounts, InitChain, and the first block.
func NewChain(t TB, cfg Config) *Chain {
	t.Helper()
	app.SetAddressPrefixes()
	home := t.TempDir()
	a, err := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(home), cfg.WasmOptions, baseapp.SetChainID(cfg.ChainID))
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	c := &Chain{
		t: t, cfg: cfg, App: a, Home: home,
		time:     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		accounts: map[string]*Account{},
		offline:  map[string]bool{},
	}
	for i := 0; i < cfg.Validators; i++ {
		consKey := ed25519.GenPrivKeyFromSecret([]byte(fmt.Sprintf("%s/validator-%d/consensus", cfg.ChainID, i)))
		op := c.Account(fmt.Sprintf("validator-%d", i))
		c.validators = append(c.validators, &Validator{
			Operator: op,
			ConsKey:  consKey,
			ValAddr:  sdk.ValAddress(op.Address),
			ConsAddr: sdk.ConsAddress(consKey.PubKey().Address()),
			Power:    sdk.TokensToConsensusPower(cfg.ValidatorBond, sdk.DefaultPowerReduction),
		})
	}
	appState := c.genesis()
	if _, err := a.InitChain(&abci.RequestInitChain{
		ChainId:         cfg.ChainID,
		Time:            c.time,
		InitialHeight:   1,
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   appState,
	}); err != nil {
		t.Fatalf("InitChain: %v", err)
	}
	c.NextBlock()
	return c
}

// Validators returns the genesis validators.
func (c *Chain) Validators() []*Validator { return c.validators }

// Height is the height of the last committed block.
func (c *Chain) Height() int64 { return c.height }

// Time is the time of the last committed block.
func (c *Chain) Time() time.Time { return c.time }

// Context returns a context on the last committed state, for reading keepers.
// It is a branch of that state: anything written through it is thrown away,
// so reading can never change what the next block sees.
func (c *Chain) Context() sdk.Context {
	ctx, _ := c.App.NewUncachedContext(false, cmtproto.Header{
		ChainID: c.cfg.ChainID, Height: c.height, Time: c.time,
	}).WithBlockHeight(c.height).WithBlockTime(c.time).CacheContext()
	return ctx
}

// NextBlock makes a block without transactions, BlockTime after the last one.
func (c *Chain) NextBlock() *abci.ResponseFinalizeBlock {
	return c.finalize(c.time.Add(c.cfg.BlockTime), nil)
}

// NextBlocks makes n empty blocks.
func (c *Chain) NextBlocks(n int) {
	for i := 0; i < n; i++ {
		c.NextBlock()
	}
}

// AdvanceTime makes one empty block d after the last one: everything due in
// between (unbondings, proposals, take rate) happens in that block.
func (c *Chain) AdvanceTime(d time.Duration) *abci.ResponseFinalizeBlock {
	return c.finalize(c.time.Add(d), nil)
}

// finalize runs FinalizeBlock with the given txs at the given time and
// commits. Every bonded validator is recorded as having signed the previous
// block, so distribution pays them and slashing sees them live.
func (c *Chain) finalize(blockTime time.Time, txs [][]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	height := c.height + 1
	res, err := c.App.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height:            height,
		Time:              blockTime,
		Txs:               txs,
		DecidedLastCommit: c.lastCommit(),
		ProposerAddress:   c.proposer(height),
		Misbehavior:       c.evidence,
	})
	c.evidence = nil
	if err != nil {
		c.t.Fatalf("FinalizeBlock at height %d: %v", height, err)
	}
	if _, err := c.App.Commit(); err != nil {
		c.t.Fatalf("Commit at height %d: %v", height, err)
	}
	c.height, c.time = height, blockTime
	return res
}

// lastCommit lists the current bonded validators as signers of the last block.
func (c *Chain) lastCommit() abci.CommitInfo {
	if c.height == 0 {
		return abci.CommitInfo{}
	}
	ctx := c.Context()
	var votes []abci.VoteInfo
	err := c.App.StakingKeeper.IterateLastValidatorPowers(ctx, func(op sdk.ValAddress, power int64) bool {
		val, err := c.App.StakingKeeper.GetValidator(ctx, op)
		if err != nil {
			return false
		}
		consAddr, err := val.GetConsAddr()
		if err != nil {
			return false
		}
		flag := cmtproto.BlockIDFlagCommit
		if c.offline[sdk.ConsAddress(consAddr).String()] {
			flag = cmtproto.BlockIDFlagAbsent
		}
		votes = append(votes, abci.VoteInfo{
			Validator:   abci.Validator{Address: consAddr, Power: power},
			BlockIdFlag: flag,
		})
		return false
	})
	if err != nil {
		c.t.Fatalf("read validator powers: %v", err)
	}
	return abci.CommitInfo{Round: 0, Votes: votes}
}

// SetOffline makes a validator stop (or resume) signing blocks. x/slashing
// slashes and jails it for downtime once it has missed more blocks of its
// signing window than the slashing params allow: the real slashing path,
// hooks included.
func (c *Chain) SetOffline(v *Validator, offline bool) {
	c.offline[v.ConsAddr.String()] = offline
}

// proposer rotates through the genesis validators that are online.
func (c *Chain) proposer(height int64) []byte {
	var online []*Validator
	for _, v := range c.validators {
		if !c.offline[v.ConsAddr.String()] {
			online = append(online, v)
		}
	}
	if len(online) == 0 {
		return nil
	}
	return online[int(height)%len(online)].ConsAddr
}

// BondedValidators returns the chain's bonded validators, most power first.
func (c *Chain) BondedValidators() []stakingtypes.Validator {
	vals, err := c.App.StakingKeeper.GetBondedValidatorsByPower(c.Context())
	if err != nil {
		c.t.Fatalf("bonded validators: %v", err)
	}
	return vals
}
