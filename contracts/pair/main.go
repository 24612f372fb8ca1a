// Command pair is a minimal constant-product (x·y = k) pool for two native denoms, with the
// subset of the Astroport pair interface the auto-compounder uses: `swap` with `offer_asset`,
// `belief_price`, `max_spread` and `to`, the `simulation` and `pool` queries, and
// `provide_liquidity` / `withdraw_liquidity` with LP shares kept as an internal balance.
// Built with TinyGo to contracts/artifacts/pair.wasm.
//
// Swap math, all in exact integers, every rounding in favour of the pool:
//
//	gross      = floor(ask_pool · offer / (offer_pool + offer))   what the curve pays before the fee
//	commission = ceil(gross · fee_bps / 10000)                   stays in the pool (goes to LPs)
//	return     = gross − commission                              sent to the trader
//	ideal      = floor(ask_pool · offer / offer_pool)             at the spot price, no impact
//	spread     = ideal − gross                                    the price impact
//
// Slippage check (before anything moves): with belief_price, expected = floor(offer / belief_price)
// and the swap fails when return < expected and expected − return > floor(expected · max_spread);
// without it, the swap fails when spread > floor(ideal · max_spread). max_spread defaults to 0.005
// and may not exceed 0.5.
//
// Price oracle (time-weighted). Before every change of the reserves (provide, withdraw, swap) the
// pool accrues, for the seconds dt since its last accrual (block time, whole seconds):
//
//	price_i        = floor(reserve_other · 10^18 / reserve_i)   denom i priced in the other denom, in
//	                                                            10^-18 units (floor: never overstated)
//	cumulative_i  += price_i · dt      (mod 2^128: wraps on overflow; only differences are meaningful)
//	liquid_seconds += dt               (only while both reserves are positive; empty time adds nothing)
//
// price_i itself may exceed 2^128 (a reserve ratio above ~3.4e20, e.g. tokens of very different
// decimals): it is computed exactly in 192 bits and only its value mod 2^128 is added, which is
// all a wrapping accumulator needs, so no reserve ratio can make an accrual (and with it every
// execute) fail, as in Uniswap v2.
//
// Because the accrual happens before the change, a reserve change made in a block is weighted only
// by the time that passes after it: a price pushed and pulled back within one block (a sandwich)
// adds nothing, and holding a manipulated price costs real time at arbitrageable prices. A consumer
// reads `cumulative_prices` twice and takes TWAP_i = (cumulative_i' − cumulative_i) mod 2^128 /
// (liquid_seconds' − liquid_seconds), which is exact as long as a window's true increase stays
// below 2^128 (e.g. a price of 10^6 for 10^14 seconds; a price at or above 2^128/window per second
// makes the window's TWAP meaningless, but nothing fails). The query extends the stored values with the
// current reserves up to the querying block's time, so it is always current.
package main

import (
	"errors"
	"math/bits"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func init() {
	std.Register(std.OnInstantiate(instantiate), std.OnExecute(execute), std.OnQuery(query))
}

func main() {}

var (
	config   = std.NewItem[Config]("config")
	reserves = std.NewItem[Reserves]("reserves")
	shares   = std.NewMap[string, std.Uint128]("shares", std.StringKey)
)

const (
	// MaxFeeBps caps the swap fee at 10%.
	MaxFeeBps = 1000
	bpsDenom  = 10_000
	// MinimumLiquidity LP shares of the first provision are locked forever (owned by nobody), so
	// the share price can never be pushed so high that later providers' shares round to zero.
	MinimumLiquidity = 1000
)

var (
	defaultMaxSpread = mustDecimal("0.005")
	maxAllowedSpread = mustDecimal("0.5")
	bps              = std.NewUint128(bpsDenom)
)

func mustDecimal(s string) std.Decimal {
	d, err := std.ParseDecimal(s)
	if err != nil {
		std.Abort("bad decimal constant " + s)
	}
	return d
}

var (
	errEmptyPool      = errors.New("the pool has no liquidity")
	errMaxSpread      = errors.New("max spread assertion: the swap would return less than max_spread allows")
	errNothingReturns = errors.New("swap too small: it would return nothing")
)

// priceScale is 10^18: prices are in 10^-18 units of the other denom.
var priceScale = std.NewUint128(1_000_000_000_000_000_000)

// wrappingAdd returns (a + b) mod 2^128.
func wrappingAdd(a, b std.Uint128) std.Uint128 {
	ah, al := a.Parts()
	bh, bl := b.Parts()
	lo, carry := bits.Add64(al, bl, 0)
	hi, _ := bits.Add64(ah, bh, carry)
	return std.Uint128FromParts(hi, lo)
}

// wrappingMul64 returns (a · m) mod 2^128.
func wrappingMul64(a std.Uint128, m uint64) std.Uint128 {
	ah, al := a.Parts()
	hi, lo := bits.Mul64(al, m)
	return std.Uint128FromParts(hi+ah*m, lo)
}

// priceScaleU64 is 10^18 < 2^64.
const priceScaleU64 = 1_000_000_000_000_000_000

// priceMod returns floor(other · 10^18 / self) mod 2^128 for self > 0. The quotient needs up to
// 188 bits: when self ≥ 2^64 it is below 2^124 and MulDivFloor is exact; when self < 2^64 the
// 192-bit product is divided limb by limb (bits.Div64, each step's remainder below self), which
// is exact too, and the top limb (≥ 2^128) is what the wrapping accumulator drops.
func priceMod(other, self std.Uint128) (std.Uint128, error) {
	sh, sl := self.Parts()
	if sh != 0 {
		return other.MulDivFloor(priceScale, self) // < 2^128 · 2^60 / 2^64: fits
	}
	if sl == 0 {
		return std.Uint128{}, errEmptyPool // unreachable: the caller checks both reserves
	}
	oh, ol := other.Parts()
	// other · 10^18 = n2·2^128 + n1·2^64 + n0.
	c0, n0 := bits.Mul64(ol, priceScaleU64)
	c1, l1 := bits.Mul64(oh, priceScaleU64)
	n1, carry := bits.Add64(l1, c0, 0)
	n2 := c1 + carry // < 2^60 + 1: no overflow
	_, r := bits.Div64(0, n2, sl)
	q1, r := bits.Div64(r, n1, sl)
	q0, _ := bits.Div64(r, n0, sl)
	return std.Uint128FromParts(q1, q0), nil
}

// accrue brings the oracle of res up to now (Unix seconds), with the reserves as they are.
func accrue(res *Reserves, now uint64) error {
	if now <= res.LastTime {
		return nil // same block (or a clock that went back): no time to weight
	}
	dt := now - res.LastTime
	if res.Amounts[0].IsZero() || res.Amounts[1].IsZero() {
		res.LastTime = now
		return nil
	}
	var p [2]std.Uint128
	for i := range p {
		v, err := priceMod(res.Amounts[1-i], res.Amounts[i]) // reserve_i > 0: checked above
		if err != nil {
			return err // res unchanged
		}
		p[i] = v
	}
	res.LastTime = now
	for i := range p {
		res.Cumulative[i] = wrappingAdd(res.Cumulative[i], wrappingMul64(p[i], dt))
	}
	res.LiquidSeconds += dt
	return nil
}

func instantiate(deps *std.Deps, env std.Env, info std.MessageInfo, msg InstantiateMsg) (std.Response, error) {
	if len(msg.AssetInfos) != 2 {
		return std.Response{}, errors.New("asset_infos must name exactly two denoms")
	}
	var denoms [2]string
	for i, a := range msg.AssetInfos {
		d, err := a.denom()
		if err != nil {
			return std.Response{}, err
		}
		denoms[i] = d
	}
	if denoms[0] == "" || denoms[1] == "" {
		return std.Response{}, errors.New("denoms must not be empty")
	}
	if denoms[0] == denoms[1] {
		return std.Response{}, errors.New("the two denoms must differ")
	}
	if msg.FeeBps > MaxFeeBps {
		return std.Response{}, errors.New("fee_bps may not exceed 1000 (10%)")
	}
	cfg := Config{Denoms: denoms, FeeBps: msg.FeeBps}
	if err := config.Save(deps.Storage, cfg); err != nil {
		return std.Response{}, err
	}
	if err := reserves.Save(deps.Storage, Reserves{LastTime: env.Block.Time.Seconds()}); err != nil {
		return std.Response{}, err
	}
	return std.Response{}.WithAttribute("action", "instantiate").
		WithAttribute("pair", cfg.Denoms[0]+"-"+cfg.Denoms[1]), nil
}

func execute(deps *std.Deps, env std.Env, info std.MessageInfo, msg ExecuteMsg) (std.Response, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	res, err := reserves.Load(deps.Storage)
	if err != nil {
		return std.Response{}, err
	}
	// Every variant may change the reserves: the oracle accrues first, at the old prices.
	if err := accrue(&res, env.Block.Time.Seconds()); err != nil {
		return std.Response{}, err
	}
	switch {
	case msg.ProvideLiquidity != nil:
		return provide(deps, info, cfg, res, msg.ProvideLiquidity)
	case msg.WithdrawLiquidity != nil:
		return withdraw(deps, info, cfg, res, msg.WithdrawLiquidity.Amount)
	case msg.Swap != nil:
		return swap(deps, info, cfg, res, msg.Swap)
	}
	return std.Response{}, errors.New("no execute variant set")
}

// index returns the position of denom in the pair, or an error naming it.
func (c Config) index(denom string) (int, error) {
	switch denom {
	case c.Denoms[0]:
		return 0, nil
	case c.Denoms[1]:
		return 1, nil
	}
	return 0, errors.New("denom " + denom + " is not in this pair")
}

// fundsExactly checks that funds hold exactly want (amount per pair index) and nothing else.
func fundsExactly(cfg Config, funds []std.Coin, want [2]std.Uint128) error {
	var got [2]std.Uint128
	for _, c := range funds {
		i, err := cfg.index(c.Denom)
		if err != nil {
			return errors.New("funds: " + err.Error())
		}
		s, err := got[i].CheckedAdd(c.Amount)
		if err != nil {
			return err
		}
		got[i] = s
	}
	for i := range want {
		if got[i] != want[i] {
			return errors.New("funds do not match the assets: sent " + got[i].String() + cfg.Denoms[i] +
				", declared " + want[i].String() + cfg.Denoms[i])
		}
	}
	return nil
}

// sqrtProduct returns floor(sqrt(a·b)), exact for any a, b < 2^128: the product is formed in
// 256 bits and the root (< 2^128) is found bit by bit from the top, keeping a bit when the
// candidate's square (256 bits) does not exceed the product. 128 steps, no division.
func sqrtProduct(a, b std.Uint128) std.Uint128 {
	n := mul256(a, b)
	var xh, xl uint64
	for bit := 127; bit >= 0; bit-- {
		yh, yl := xh, xl
		if bit >= 64 {
			yh |= 1 << uint(bit-64)
		} else {
			yl |= 1 << uint(bit)
		}
		y := std.Uint128FromParts(yh, yl)
		if cmp256(mul256(y, y), n) <= 0 {
			xh, xl = yh, yl
		}
	}
	return std.Uint128FromParts(xh, xl)
}

// mul256 returns a·b as four 64-bit limbs, least significant first.
func mul256(a, b std.Uint128) [4]uint64 {
	ah, al := a.Parts()
	bh, bl := b.Parts()
	var r [4]uint64
	h, l := bits.Mul64(al, bl)
	r[0] = l
	acc1 := h
	h1, l1 := bits.Mul64(ah, bl)
	h2, l2 := bits.Mul64(al, bh)
	h3, l3 := bits.Mul64(ah, bh)
	var c uint64
	acc1, c = bits.Add64(acc1, l1, 0)
	acc2, c2 := bits.Add64(h1, h2, c)
	acc1, c = bits.Add64(acc1, l2, 0)
	acc2, c3 := bits.Add64(acc2, l3, c)
	r[1] = acc1
	r[2] = acc2
	r[3] = h3 + c2 + c3 // the full product is < 2^256: no carry out
	return r
}

// cmp256 compares two 256-bit numbers given as limbs, least significant first.
func cmp256(x, y [4]uint64) int {
	for i := 3; i >= 0; i-- {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

func provide(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, msg *ProvideLiquidityMsg) (std.Response, error) {
	if len(msg.Assets) != 2 {
		return std.Response{}, errors.New("provide_liquidity needs both assets")
	}
	var amt [2]std.Uint128
	var seen [2]bool
	for _, a := range msg.Assets {
		denom, err := a.Info.denom()
		if err != nil {
			return std.Response{}, err
		}
		i, err := cfg.index(denom)
		if err != nil {
			return std.Response{}, err
		}
		if seen[i] {
			return std.Response{}, errors.New("asset " + denom + " listed twice")
		}
		seen[i], amt[i] = true, a.Amount
	}
	if amt[0].IsZero() || amt[1].IsZero() {
		return std.Response{}, errors.New("both amounts must be positive")
	}
	if err := fundsExactly(cfg, info.Funds, amt); err != nil {
		return std.Response{}, err
	}
	receiver := info.Sender
	if msg.Receiver != nil {
		if err := deps.API.AddrValidate(*msg.Receiver); err != nil {
			return std.Response{}, errors.New("invalid receiver: " + err.Error())
		}
		receiver = *msg.Receiver
	}

	var minted std.Uint128
	used := amt
	minLiq := std.NewUint128(MinimumLiquidity)
	if res.TotalShare.IsZero() {
		// First provision: floor(sqrt(a·b)) shares (< 2^128 for any amounts), of which
		// MinimumLiquidity are locked.
		total := sqrtProduct(amt[0], amt[1])
		if !total.Gt(minLiq) {
			return std.Response{}, errors.New("initial liquidity too small: sqrt(a*b) must exceed 1000")
		}
		minted, _ = total.CheckedSub(minLiq)
		res.TotalShare = total
	} else {
		if res.Amounts[0].IsZero() || res.Amounts[1].IsZero() {
			return std.Response{}, errEmptyPool
		}
		// Shares for each side, rounded down (in favour of the pool); the smaller one wins.
		s0, err := amt[0].MulDivFloor(res.TotalShare, res.Amounts[0])
		if err != nil {
			return std.Response{}, err
		}
		s1, err := amt[1].MulDivFloor(res.TotalShare, res.Amounts[1])
		if err != nil {
			return std.Response{}, err
		}
		minted = s0.Min(s1)
		if minted.IsZero() {
			return std.Response{}, errors.New("deposit too small: it would mint no LP shares")
		}
		// The side in excess is used only as far as the minted shares need, rounded up (in
		// favour of the pool); the rest is refunded.
		for i := range used {
			need, err := minted.MulDivCeil(res.Amounts[i], res.TotalShare)
			if err != nil {
				return std.Response{}, err
			}
			used[i] = need.Min(amt[i])
		}
		if res.TotalShare, err = res.TotalShare.CheckedAdd(minted); err != nil {
			return std.Response{}, err
		}
	}
	for i := range used {
		var err error
		if res.Amounts[i], err = res.Amounts[i].CheckedAdd(used[i]); err != nil {
			return std.Response{}, err
		}
	}
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	if _, err := shares.Update(deps.Storage, receiver, func(v std.Uint128, _ bool) (std.Uint128, error) {
		return v.CheckedAdd(minted)
	}); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.WithAttribute("action", "provide_liquidity").
		WithAttribute("receiver", receiver).
		WithAttribute("assets", used[0].String()+cfg.Denoms[0]+", "+used[1].String()+cfg.Denoms[1]).
		WithAttribute("share", minted.String())
	var refund []std.Coin
	for i := range used {
		if r, _ := amt[i].CheckedSub(used[i]); !r.IsZero() {
			refund = append(refund, std.Coin{Denom: cfg.Denoms[i], Amount: r})
		}
	}
	if len(refund) > 0 {
		resp = resp.WithMessage(std.BankSendMsg(info.Sender, refund...))
	}
	return resp, nil
}

func withdraw(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, amount std.Uint128) (std.Response, error) {
	if amount.IsZero() {
		return std.Response{}, errors.New("amount must be positive")
	}
	have, _, err := shares.MayLoad(deps.Storage, info.Sender)
	if err != nil {
		return std.Response{}, err
	}
	if amount.Gt(have) {
		return std.Response{}, errors.New("insufficient LP shares: have " + have.String() + ", withdrawing " + amount.String())
	}
	var out [2]std.Uint128
	var coins []std.Coin
	for i := range out {
		// Rounded down: the remaining providers keep the dust. TotalShare > 0 because amount > 0.
		if out[i], err = amount.MulDivFloor(res.Amounts[i], res.TotalShare); err != nil {
			return std.Response{}, err
		}
		res.Amounts[i], _ = res.Amounts[i].CheckedSub(out[i])
		if !out[i].IsZero() {
			coins = append(coins, std.Coin{Denom: cfg.Denoms[i], Amount: out[i]})
		}
	}
	res.TotalShare, _ = res.TotalShare.CheckedSub(amount)
	left, _ := have.CheckedSub(amount)
	if left.IsZero() {
		shares.Remove(deps.Storage, info.Sender)
	} else if err := shares.Save(deps.Storage, info.Sender, left); err != nil {
		return std.Response{}, err
	}
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	resp := std.Response{}.WithAttribute("action", "withdraw_liquidity").
		WithAttribute("withdrawn_share", amount.String()).
		WithAttribute("refund_assets", out[0].String()+cfg.Denoms[0]+", "+out[1].String()+cfg.Denoms[1])
	if len(coins) > 0 {
		resp = resp.WithMessage(std.BankSendMsg(info.Sender, coins...))
	}
	return resp, nil
}

// quote is the result of the swap math for offer of the pair's denom at index from.
type quote struct {
	from, to                                    int
	gross, commission, ret, ideal, spreadAmount std.Uint128
}

func computeSwap(cfg Config, res Reserves, offer Asset, ask *AssetInfo) (quote, error) {
	var q quote
	offerDenom, err := offer.Info.denom()
	if err != nil {
		return q, err
	}
	from, err := cfg.index(offerDenom)
	if err != nil {
		return q, err
	}
	q.from, q.to = from, 1-from
	if ask != nil {
		askDenom, err := ask.denom()
		if err != nil {
			return q, err
		}
		if askDenom != cfg.Denoms[q.to] {
			return q, errors.New("ask asset " + askDenom + " is not the other side of the pair")
		}
	}
	if offer.Amount.IsZero() {
		return q, errors.New("offer amount must be positive")
	}
	offerPool, askPool := res.Amounts[q.from], res.Amounts[q.to]
	if offerPool.IsZero() || askPool.IsZero() {
		return q, errEmptyPool
	}
	den, err := offerPool.CheckedAdd(offer.Amount)
	if err != nil {
		return q, err
	}
	// floor: the pool keeps the fraction.
	if q.gross, err = askPool.MulDivFloor(offer.Amount, den); err != nil {
		return q, err
	}
	// ceil: the fee is never rounded away. commission <= gross since fee_bps <= 10000.
	if q.commission, err = q.gross.MulDivCeil(std.NewUint128(uint64(cfg.FeeBps)), bps); err != nil {
		return q, err
	}
	q.ret, _ = q.gross.CheckedSub(q.commission)
	// floor, like gross, so spread = ideal − gross is the pure price impact (never negative:
	// offer_pool < offer_pool + offer).
	if q.ideal, err = askPool.MulDivFloor(offer.Amount, offerPool); err != nil {
		// ideal can exceed 128 bits only for absurd offers; such a trade is refused anyway.
		return q, errors.New("offer too large for this pool")
	}
	q.spreadAmount = q.ideal.SaturatingSub(q.gross)
	return q, nil
}

// checkSpread applies the max_spread rule of the package comment.
func checkSpread(q quote, offer std.Uint128, beliefPrice, maxSpread *std.Decimal) error {
	ms := defaultMaxSpread
	if maxSpread != nil {
		ms = *maxSpread
	}
	if ms.Cmp(maxAllowedSpread) > 0 {
		return errors.New("max_spread may not exceed 0.5")
	}
	if beliefPrice != nil {
		if beliefPrice.IsZero() {
			return errors.New("belief_price must be positive")
		}
		expected, err := offer.DivFloor(*beliefPrice)
		if err != nil {
			return err
		}
		if q.ret.Lt(expected) {
			allowed, err := expected.MulFloor(ms)
			if err != nil {
				return err
			}
			if shortfall, _ := expected.CheckedSub(q.ret); shortfall.Gt(allowed) {
				return errMaxSpread
			}
		}
		return nil
	}
	allowed, err := q.ideal.MulFloor(ms)
	if err != nil {
		return err
	}
	if q.spreadAmount.Gt(allowed) {
		return errMaxSpread
	}
	return nil
}

func swap(deps *std.Deps, info std.MessageInfo, cfg Config, res Reserves, msg *SwapMsg) (std.Response, error) {
	q, err := computeSwap(cfg, res, msg.OfferAsset, msg.AskAssetInfo)
	if err != nil {
		return std.Response{}, err
	}
	var want [2]std.Uint128
	want[q.from] = msg.OfferAsset.Amount
	if err := fundsExactly(cfg, info.Funds, want); err != nil {
		return std.Response{}, err
	}
	if q.ret.IsZero() {
		return std.Response{}, errNothingReturns
	}
	if err := checkSpread(q, msg.OfferAsset.Amount, msg.BeliefPrice, msg.MaxSpread); err != nil {
		return std.Response{}, err
	}
	to := info.Sender
	if msg.To != nil {
		if err := deps.API.AddrValidate(*msg.To); err != nil {
			return std.Response{}, errors.New("invalid to: " + err.Error())
		}
		to = *msg.To
	}
	// The offer joins the pool; return leaves it; the commission stays.
	if res.Amounts[q.from], err = res.Amounts[q.from].CheckedAdd(msg.OfferAsset.Amount); err != nil {
		return std.Response{}, err
	}
	res.Amounts[q.to], _ = res.Amounts[q.to].CheckedSub(q.ret) // ret <= gross < ask_pool
	if err := reserves.Save(deps.Storage, res); err != nil {
		return std.Response{}, err
	}
	askDenom := cfg.Denoms[q.to]
	return std.Response{}.
		WithAttribute("action", "swap").
		WithAttribute("sender", info.Sender).
		WithAttribute("receiver", to).
		WithAttribute("offer_asset", cfg.Denoms[q.from]).
		WithAttribute("ask_asset", askDenom).
		WithAttribute("offer_amount", msg.OfferAsset.Amount.String()).
		WithAttribute("return_amount", q.ret.String()).
		WithAttribute("spread_amount", q.spreadAmount.String()).
		WithAttribute("commission_amount", q.commission.String()).
		WithMessage(std.BankSendMsg(to, std.Coin{Denom: askDenom, Amount: q.ret})), nil
}

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	switch {
	case msg.Config != nil:
		return cfg.answer(), nil
	case msg.Pool != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		return PoolResponse{
			Assets:     [2]Asset{nativeAsset(cfg.Denoms[0], res.Amounts[0]), nativeAsset(cfg.Denoms[1], res.Amounts[1])},
			TotalShare: res.TotalShare,
		}.answer(), nil
	case msg.Simulation != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		q, err := computeSwap(cfg, res, msg.Simulation.OfferAsset, msg.Simulation.AskAssetInfo)
		if err != nil {
			return nil, err
		}
		return SimulationResponse{ReturnAmount: q.ret, SpreadAmount: q.spreadAmount, CommissionAmount: q.commission}.answer(), nil
	case msg.CumulativePrices != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		if err := accrue(&res, env.Block.Time.Seconds()); err != nil {
			return nil, err
		}
		return CumulativePricesResponse{Denoms: cfg.Denoms, Cumulative: res.Cumulative, LiquidSeconds: res.LiquidSeconds, Time: res.LastTime}.answer(), nil
	case msg.Share != nil:
		v, _, err := shares.MayLoad(deps.Storage, msg.Share.Address)
		if err != nil {
			return nil, err
		}
		return ShareResponse{Shares: v}.answer(), nil
	}
	return nil, errors.New("no query variant set")
}
