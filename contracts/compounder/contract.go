// Command compounder is an auto-compounding vault for one alliance asset. Depositors' stake grows
// without any action of theirs: anyone may call `harvest` (at most once per harvest_interval),
// which claims the alliance rewards of every delegation, takes the performance fee, swaps the rest
// into the staked asset through the configured Astroport-style pair and restakes what came back,
// together with rewards paid in the asset itself and any idle asset. Built with TinyGo to
// contracts/artifacts/compounder.wasm; README.md documents every message and query.
//
// Shares are the bank denom factory/{compounder}/{symbol} (share.go). total_staked is read from
// the chain (the contract's alliance delegations of the asset, listed without naming validators,
// so a validator x/staking deleted cannot make the read fail), so slashing and the take rate show
// up in the exchange rate at once. Shares queued for withdrawal still own their part of the stake
// until their batch is processed:
//
//	rate supply = total_shares + queued_shares
//	deposit:  shares = floor(amount · rate supply / value)  (down: existing holders keep the dust)
//	          value = total_staked + free asset + rewards pending or held, routed ones at a TWAP
//	          (vault.value): a deposit buys no part of rewards earned before it
//	first:    shares = amount − 1000; 1000 shares are minted to the contract itself, which never
//	          sends them (first-depositor protection)
//	process:  undelegated = floor(queued · total_staked / rate supply)  (down: remaining holders keep the dust)
//
// Withdrawals are batched (execute_withdraw.go): `withdraw` burns the shares sent with it and
// only queues them in the open batch; `process_withdrawals` (anyone, once per unbond_epoch)
// undelegates the batch's value, largest stakes first, one unbonding entry per validator touched. The chain keeps at most max_entries
// immature entries per (delegator, validator, denom) for unbonding_time, so unbond_epoch ·
// max_entries > unbonding_time is required (checked against the chain's staking_params at
// instantiate and on every config change), and any number of users leave in one unbonding period.
// Batches are settled against what the chain actually returned (slashes of unbonding entries are
// shared pro rata), every due batch at once, and `claim` pays settled batches.
//
// Harvest (execute_harvest.go) is one transaction of sub-messages: claims, then fee + swap per route
// (bounded by max_spread and the pair's TWAP; a balance too large for one swap within max_spread
// is swapped in part and the rest kept for the next harvest), then one restake.
package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

func init() {
	std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query), std.OnReply(reply))
}

func main() {}

const (
	// MaxFeeBps caps the performance fee at 20%.
	MaxFeeBps     = 2000
	bpsDenom      = 10_000
	MinimumShares = 1000
	// MaxValidators bounds the configured validators (a message per validator at most).
	MaxValidators = 20
	MaxRoutes     = 5
	maxHistory    = 5
	// maxClaims bounds one owner's claims (one per batch): claim matured ones to queue again.
	maxClaims     = 30
	secondsInYear = 365 * 24 * 3600
	// MaxTwapWindow is 30 days.
	MaxTwapWindow = 30 * 24 * 3600
	// MaxUnbondEpoch is 30 days.
	MaxUnbondEpoch = 30 * 24 * 3600
	// MaxUnsettledBatches bounds the processed batches waiting for settlement. With unbond_epoch ·
	// max_entries > unbonding_time at most max_entries batches unbond at once; the bound only
	// bites after governance lengthened the unbonding time a lot (process waits for settlements).
	MaxUnsettledBatches = 32
	// delegationPages and unbondingPages bound the list queries (bt.MaxPageLimit entries a page).
	delegationPages = 3
	unbondingPages  = 16
	nsPerSecond     = 1_000_000_000

	replyClaim      = 1
	replySwap       = 2
	replyUndelegate = 3
)

var (
	maxAllowedSpread = mustDecimal("0.5")
	// priceScale is 10^18: the pair's prices are in 10^-18 units.
	priceScale = std.NewUint128(1_000_000_000_000_000_000)
)

func mustDecimal(s string) std.Decimal {
	d, err := std.ParseDecimal(s)
	if err != nil {
		std.Abort("bad decimal constant " + s)
	}
	return d
}

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	cfg := Config{Owner: info.Sender, AssetDenom: msg.AssetDenom, Validators: msg.Validators, Routes: msg.Routes,
		FeeBps: msg.FeeBps, FeeRecipient: msg.FeeRecipient, HarvestInterval: msg.HarvestInterval,
		MaxSpread: msg.MaxSpread, TwapWindow: msg.TwapWindow,
		ShareDenom: tokenfactory.FullDenom(env.Contract.Address, msg.Share.Symbol)}
	if msg.Owner != nil {
		cfg.Owner = *msg.Owner
	}
	if msg.UnbondEpoch != nil {
		cfg.UnbondEpoch = *msg.UnbondEpoch
	}
	if err := validateShare(msg.Share); err != nil {
		return std.Response{}, err
	}
	if err := validateConfig(deps.API, &cfg); err != nil {
		return std.Response{}, err
	}
	if err := checkEpoch(deps, &cfg); err != nil {
		return std.Response{}, err
	}
	// The chain refuses a malformed validator address, or one listed twice in another spelling,
	// in the stakes query every deposit and harvest sends: refuse it now, not on every deposit.
	v := &vault{}
	if err := v.survey(deps, env, cfg, false); err != nil {
		return std.Response{}, withCause(ErrValidators, err)
	}
	// Last, once the configuration is known good: a bad configuration is reported as such even
	// when the fee is short too.
	create, err := createShare(deps, info, cfg, msg.Share)
	if err != nil {
		return std.Response{}, err
	}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	if err := totalShares.Save(deps.Storage, std.Uint128{}); err != nil {
		return std.Response{}, err
	}
	if err := book.Save(deps.Storage, Book{BatchStart: uint64(env.Block.Time)}); err != nil {
		return std.Response{}, err
	}
	// The first observations: the first harvest needs twap_window seconds of liquidity after them.
	for _, rt := range cfg.Routes {
		if err := observeRoute(deps, env, cfg.AssetDenom, rt); err != nil {
			return std.Response{}, err
		}
	}
	resp := std.Response{}.WithAttribute("action", "instantiate").WithAttribute("asset", cfg.AssetDenom).
		WithAttribute("share_denom", cfg.ShareDenom).WithAttribute("unbond_epoch", uintString(cfg.UnbondEpoch))
	for _, m := range create { // create_denom and at most one refund
		resp = resp.WithMessage(m)
	}
	return resp, nil
}

func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	if msg.Deposit == nil && msg.Withdraw == nil && msg.Exit == nil && len(info.Funds) > 0 {
		return std.Response{}, ErrFundsNotAccepted
	}
	switch {
	case msg.Deposit != nil:
		return deposit(deps, env, info, cfg)
	case msg.Withdraw != nil:
		return withdraw(deps, info, cfg)
	case msg.ProcessWithdrawals != nil:
		return processWithdrawals(deps, env, cfg)
	case msg.Claim != nil:
		return claim(deps, env, info, cfg)
	case msg.Exit != nil:
		return exit(deps, env, info, cfg)
	case msg.Harvest != nil:
		return harvest(deps, env, cfg)
	case msg.Observe != nil:
		return observe(deps, env, cfg)
	case msg.UpdateConfig != nil:
		return updateConfig(deps, env, info, cfg, msg.UpdateConfig)
	case msg.TransferOwnership != nil:
		return transferOwnership(deps, info, cfg, msg.TransferOwnership.NewOwner)
	case msg.AcceptOwnership != nil:
		return acceptOwnership(deps, info, cfg)
	case msg.CancelOwnershipTransfer != nil:
		return cancelOwnership(deps, info, cfg)
	}
	return std.Response{}, ErrNoVariant
}

func reply(deps *std.Deps, env std.Env, r std.Reply) (std.Response, error) {
	if r.Result.Ok == nil {
		return std.Response{}, withDetail("", ErrSubMsgFailed, ": "+r.Result.Err)
	}
	switch r.ID {
	case replyClaim:
		return replyClaimed(deps, env, r)
	case replySwap:
		return replySwapped(deps, env)
	case replyUndelegate:
		return replyUndelegated(deps, r)
	}
	return std.Response{}, ErrUnknownReply
}

// uintString is v in decimal (attribute values and error texts).
func uintString(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}
