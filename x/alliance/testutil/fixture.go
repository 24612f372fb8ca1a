// Package testutil builds an in-memory chain with the SDK's real auth, bank,
// staking and distribution keepers plus the alliance keeper, for keeper tests,
// the simulation test, benchmarks and (later) the bindings' tests.
package testutil

import (
	"fmt"
	"sort"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"cosmossdk.io/store"
	"cosmossdk.io/store/metrics"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil/integration"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance"
	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const (
	BondDenom   = "stake"
	FaucetName  = "faucet"
	Bech32Acc   = "cosmos"
	UnbondingIn = time.Hour // unbonding time of the fixture (x/staking param)
)

// Fixture is the in-memory chain.
type Fixture struct {
	Ctx       sdk.Context
	Keys      map[string]*storetypes.KVStoreKey
	Encoding  moduletestutil.TestEncodingConfig
	Account   authkeeper.AccountKeeper
	Bank      bankkeeper.BaseKeeper
	Staking   *stakingkeeper.Keeper
	Distr     distrkeeper.Keeper
	Alliance  keeper.Keeper
	MsgServer types.MsgServer
	Query     types.QueryServer
	Router    *baseapp.MsgServiceRouter
	Authority string

	Validators []sdk.ValAddress
}

// Options tune the fixture.
type Options struct {
	Validators  int      // each self-bonds SelfBond
	SelfBond    math.Int // default 1_000_000
	RewardDelay time.Duration
	Logger      log.Logger // default: no-op
	// BlockRewardsPool makes alliance_rewards a blocked address in x/bank
	// (the alliance account receivable instead), as a chain may configure
	// it: x/distribution then pays the rewards to the alliance account and
	// the keeper moves them to the pool (the two-step path). By default the
	// fixture blocks accounts as the app does: the pool receives, the
	// alliance account is blocked.
	BlockRewardsPool bool
	// DB backs the IAVL stores (default: in memory). Benchmarks pass a
	// goleveldb to measure against a real database; the stores then get the
	// inter-block cache a node runs with (`inter-block-cache`, on by default
	// in app.toml and in server.DefaultBaseappOptions).
	DB dbm.DB
}

// New builds a chain at height 1 with opts.Validators bonded validators
// (0 % commission) and alliance params (reward delay opts.RewardDelay, take
// rate interval 5 min). Call Fixture.EndBlock to advance.
func New(opts Options) (*Fixture, error) {
	if opts.SelfBond.IsNil() {
		opts.SelfBond = math.NewInt(1_000_000)
	}
	enc := moduletestutil.MakeTestEncodingConfig(auth.AppModuleBasic{}, bank.AppModuleBasic{}, staking.AppModuleBasic{}, distr.AppModuleBasic{}, alliance.AppModuleBasic{})
	cdc := enc.Codec
	keys := storetypes.NewKVStoreKeys(authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, distrtypes.StoreKey, types.StoreKey)
	logger := opts.Logger
	if logger == nil {
		logger = log.NewNopLogger()
	}
	var cms storetypes.CommitMultiStore
	if opts.DB == nil {
		cms = integration.CreateMultiStore(keys, logger)
	} else {
		cms = store.NewCommitMultiStore(opts.DB, logger, metrics.NewNoOpMetrics())
		cms.SetInterBlockCache(store.NewCommitKVStoreCacheManager())
		for _, key := range keys {
			cms.MountStoreWithDB(key, storetypes.StoreTypeIAVL, nil)
		}
		if err := cms.LoadLatestVersion(); err != nil {
			return nil, err
		}
	}
	ctx := sdk.NewContext(cms, cmtproto.Header{Height: 1, Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, false, logger).
		WithConsensusParams(cmtproto.ConsensusParams{Validator: &cmtproto.ValidatorParams{PubKeyTypes: []string{"ed25519"}}})

	authority := authtypes.NewModuleAddress("gov").String()
	maccPerms := map[string][]string{
		authtypes.FeeCollectorName:     nil,
		distrtypes.ModuleName:          nil,
		stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
		stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
		types.ModuleName:               {authtypes.Minter, authtypes.Burner},
		types.RewardsPoolName:          nil,
		FaucetName:                     {authtypes.Minter},
	}
	ak := authkeeper.NewAccountKeeper(cdc, runtime.NewKVStoreService(keys[authtypes.StoreKey]), authtypes.ProtoBaseAccount,
		maccPerms, addresscodec.NewBech32Codec(Bech32Acc), Bech32Acc, authority)
	// x/distribution pays the virtual stake's rewards to the withdraw address
	// of the alliance account: the pool, or that account on a chain that
	// keeps the pool blocked. Only that one may receive.
	receiver := types.RewardsPoolName
	if opts.BlockRewardsPool {
		receiver = types.ModuleName
	}
	blocked := map[string]bool{}
	for name := range maccPerms {
		if name == receiver {
			continue
		}
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	bk := bankkeeper.NewBaseKeeper(cdc, runtime.NewKVStoreService(keys[banktypes.StoreKey]), ak, blocked, authority, logger)
	sk := stakingkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[stakingtypes.StoreKey]), ak, bk, authority,
		addresscodec.NewBech32Codec(Bech32Acc+"valoper"), addresscodec.NewBech32Codec(Bech32Acc+"valcons"))
	dk := distrkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[distrtypes.StoreKey]), ak, bk, sk, authtypes.FeeCollectorName, authority)
	allk := keeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[types.StoreKey]), ak, bk, sk, dk, authtypes.FeeCollectorName, authority)
	sk.SetHooks(stakingtypes.NewMultiStakingHooks(dk.Hooks(), allk.Hooks()))

	sp := stakingtypes.DefaultParams()
	sp.BondDenom = BondDenom
	sp.UnbondingTime = UnbondingIn
	if err := sk.SetParams(ctx, sp); err != nil {
		return nil, err
	}
	if err := dk.Params.Set(ctx, distrtypes.DefaultParams()); err != nil {
		return nil, err
	}
	if err := dk.FeePool.Set(ctx, distrtypes.InitialFeePool()); err != nil {
		return nil, err
	}
	if err := bk.SetParams(ctx, banktypes.DefaultParams()); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(maccPerms))
	for name := range maccPerms {
		names = append(names, name)
	}
	sort.Strings(names) // account numbers, hence the state, must not depend on map order
	for _, name := range names {
		ak.GetModuleAccount(ctx, name)
	}
	gs := types.DefaultGenesisState()
	gs.Params.RewardDelayTime = opts.RewardDelay
	if err := allk.InitGenesis(ctx, gs); err != nil {
		return nil, err
	}

	router := baseapp.NewMsgServiceRouter()
	router.SetInterfaceRegistry(enc.InterfaceRegistry)
	msgServer := keeper.NewMsgServerImpl(allk)
	types.RegisterMsgServer(router, msgServer)

	f := &Fixture{
		Ctx: ctx, Keys: keys, Encoding: enc, Account: ak, Bank: bk, Staking: sk, Distr: dk, Alliance: allk,
		MsgServer: msgServer, Query: keeper.NewQueryServerImpl(allk), Router: router, Authority: authority,
	}
	for i := 0; i < opts.Validators; i++ {
		if _, err := f.AddValidator(opts.SelfBond); err != nil {
			return nil, err
		}
	}
	if _, err := sk.EndBlocker(f.Ctx); err != nil { // bond them
		return nil, err
	}
	return f, nil
}

// Fund mints coins to addr.
func (f *Fixture) Fund(addr sdk.AccAddress, coins sdk.Coins) error {
	if err := f.Bank.MintCoins(f.Ctx, FaucetName, coins); err != nil {
		return err
	}
	return f.Bank.SendCoinsFromModuleToAccount(f.Ctx, FaucetName, addr, coins)
}

// AddValidator creates a validator with a 0 % commission self-bond.
func (f *Fixture) AddValidator(selfBond math.Int) (sdk.ValAddress, error) {
	n := len(f.Validators)
	pk := ed25519.GenPrivKeyFromSecret([]byte(fmt.Sprintf("validator-%d", n))).PubKey()
	acc := sdk.AccAddress(pk.Address())
	valAddr := sdk.ValAddress(pk.Address())
	if err := f.Fund(acc, sdk.NewCoins(sdk.NewCoin(BondDenom, selfBond))); err != nil {
		return nil, err
	}
	valStr, _ := f.Staking.ValidatorAddressCodec().BytesToString(valAddr)
	msg, err := stakingtypes.NewMsgCreateValidator(valStr, pk, sdk.NewCoin(BondDenom, selfBond),
		stakingtypes.NewDescription(fmt.Sprintf("v%d", n), "", "", "", ""),
		stakingtypes.NewCommissionRates(math.LegacyZeroDec(), math.LegacyZeroDec(), math.LegacyZeroDec()), math.OneInt())
	if err != nil {
		return nil, err
	}
	if _, err := stakingkeeper.NewMsgServerImpl(f.Staking).CreateValidator(f.Ctx, msg); err != nil {
		return nil, err
	}
	f.Validators = append(f.Validators, valAddr)
	return valAddr, nil
}

// Addr returns a deterministic test account address.
func Addr(name string) sdk.AccAddress {
	return sdk.AccAddress(ed25519.GenPrivKeyFromSecret([]byte("acct-" + name)).PubKey().Address())
}

// AccStr / ValStr render addresses.
func (f *Fixture) AccStr(a sdk.AccAddress) string {
	s, _ := f.Account.AddressCodec().BytesToString(a)
	return s
}

func (f *Fixture) ValStr(v sdk.ValAddress) string {
	s, _ := f.Staking.ValidatorAddressCodec().BytesToString(v)
	return s
}

// CreateAlliance lists an asset through the authority message.
func (f *Fixture) CreateAlliance(denom string, weight, takeRate math.LegacyDec, changeRate math.LegacyDec, interval time.Duration, min, max math.LegacyDec) error {
	_, err := f.MsgServer.CreateAlliance(f.Ctx, &types.MsgCreateAlliance{
		Authority: f.Authority, Denom: denom, RewardWeight: weight, TakeRate: takeRate,
		RewardChangeRate: changeRate, RewardChangeInterval: interval,
		RewardWeightRange: types.RewardWeightRange{Min: min, Max: max},
	})
	return err
}

// EndBlock runs the alliance then the staking EndBlocker (so virtual stake
// changes reach the validator set in the same block), moves to the next
// block, dt later, and runs the alliance BeginBlocker there.
func (f *Fixture) EndBlock(dt time.Duration) error {
	if err := f.Alliance.EndBlocker(f.Ctx); err != nil {
		return err
	}
	if _, err := f.Staking.EndBlocker(f.Ctx); err != nil {
		return err
	}
	f.Ctx = f.Ctx.WithBlockHeight(f.Ctx.BlockHeight() + 1).WithBlockTime(f.Ctx.BlockTime().Add(dt)).WithEventManager(sdk.NewEventManager())
	return f.Alliance.BeginBlocker(f.Ctx)
}

// AllocateRewards books coins as distribution rewards of val (funding the
// distribution account first), as x/distribution's BeginBlocker would.
func (f *Fixture) AllocateRewards(val sdk.ValAddress, coins sdk.Coins) error {
	if err := f.Bank.MintCoins(f.Ctx, FaucetName, coins); err != nil {
		return err
	}
	if err := f.Bank.SendCoinsFromModuleToModule(f.Ctx, FaucetName, distrtypes.ModuleName, coins); err != nil {
		return err
	}
	v, err := f.Staking.GetValidator(f.Ctx, val)
	if err != nil {
		return err
	}
	return f.Distr.AllocateTokensToValidator(f.Ctx, v, sdk.NewDecCoinsFromCoins(coins...))
}

// Balance of addr in denom.
func (f *Fixture) Balance(addr sdk.AccAddress, denom string) math.Int {
	return f.Bank.GetBalance(f.Ctx, addr, denom).Amount
}

// ModuleBalance of a module account.
func (f *Fixture) ModuleBalance(name, denom string) math.Int {
	return f.Bank.GetBalance(f.Ctx, authtypes.NewModuleAddress(name), denom).Amount
}

// VirtualStake is the module's x/staking delegation tokens on val.
func (f *Fixture) VirtualStake(val sdk.ValAddress) math.Int {
	d, err := f.Staking.GetDelegation(f.Ctx, authtypes.NewModuleAddress(types.ModuleName), val)
	if err != nil {
		return math.ZeroInt()
	}
	v, err := f.Staking.GetValidator(f.Ctx, val)
	if err != nil {
		return math.ZeroInt()
	}
	return v.TokensFromShares(d.Shares).TruncateInt()
}

// Invariants runs all alliance invariants.
func (f *Fixture) Invariants() (string, bool) { return keeper.AllInvariants(f.Alliance)(f.Ctx) }
