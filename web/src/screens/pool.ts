// Screen 5: the constant-product pair (contracts/pair): reserves, prices, its LP shares (the bank
// denom factory/{pair}/lp), swap either way, provide and withdraw liquidity.
import { ONE, decText, type App } from "../app";
import { parseUnits } from "../amount";
import { explain } from "../chain";
import { button, card, field, h, input, replace, select } from "../ui";

interface AssetInfo {
  native_token?: { denom: string };
  token?: { contract_addr: string };
}
interface Asset {
  info: AssetInfo;
  amount: string;
}
interface Simulation {
  return_amount: string;
  spread_amount: string;
  commission_amount: string;
}

const denomOf = (i: AssetInfo): string => i.native_token?.denom ?? i.token?.contract_addr ?? "";

// share: what `lp` shares withdraw from a reserve, floor(lp × reserve / total) as the pair pays
// it (rounded down: the remaining holders keep the dust); 0 for an empty pool.
export function share(lp: bigint, reserve: bigint, total: bigint): bigint {
  return total === 0n ? 0n : (lp * reserve) / total;
}

// beliefPrice: offer ÷ the quoted return as an 18-decimal Decimal, rounded up, so the pair's
// expected return floor(offer / belief_price) is never above the quote and max_spread bounds how
// far below the quote the swap may fill.
export function beliefPrice(offer: bigint, ret: bigint): string {
  return decText((offer * ONE + ret - 1n) / ret, 18);
}

// atLeast: amount × (1 − slippage), rounded down (never stricter than the slippage allows).
export function atLeast(amount: bigint, slippage: bigint): bigint {
  return (amount * (ONE - slippage)) / ONE;
}

export function poolScreen(app: App): { el: HTMLElement; refresh: () => Promise<void> } {
  const contract = app.cfg.contracts.pair ?? "";
  const info = h("div", {});
  const mine = h("div", {});
  const quote = h("div", {});
  let infos: AssetInfo[] = [];
  let denoms: string[] = [];
  let lpDenom = "";
  let reserves: bigint[] = [0n, 0n];
  let total = 0n;
  let lp = 0n;

  const offer = select("swap-offer", []);
  const swapAmount = input("swap-amount", "amount to sell");
  const slippage = input("pool-slippage", "max slippage, %");
  slippage.value = "1";
  const provide = [input("provide-0", "first asset"), input("provide-1", "second asset")];
  const provideLabel = [h("span", {}, "Provide"), h("span", {}, "and")];
  const withdrawAmount = input("withdraw-amount", "LP shares");

  const fmt = (v: bigint | string, d: string) => app.denoms.format(v, d);
  const name = (d: string) => app.denoms.unit(d).display;
  const funds = (coins: { denom: string; amount: bigint }[]) => coins.filter((c) => c.amount > 0n).sort((a, b) => (a.denom < b.denom ? -1 : 1));

  async function exec(label: string, msg: unknown, coins: { denom: string; amount: bigint }[]): Promise<void> {
    if (await app.execute(label, contract, msg, funds(coins))) await refresh();
  }

  // maxSpread: the slippage field (percent) as a fraction in 10^-18 units, at most 50 % (the pair's
  // own limit); null after saying why.
  function maxSpread(): bigint | null {
    const v = parseUnits(slippage.value, 16, "The slippage (%)");
    if (typeof v === "string") return app.refuse(`Slippage: ${v}`);
    if (v > ONE / 2n) return app.refuse("The slippage may be at most 50 %.");
    return v;
  }

  function simulate(d: string, amount: bigint): Promise<Simulation> {
    return app.rest.smart<Simulation>(contract, { simulation: { offer_asset: { info: infos[denoms.indexOf(d)], amount: amount.toString() } } });
  }

  function showQuote(d: string, sim: Simulation): void {
    const ask = denoms[1 - denoms.indexOf(d)];
    replace(
      quote,
      h("p", {}, "You receive: ", h("strong", { "data-testid": "swap-return", "data-amount": sim.return_amount }, fmt(sim.return_amount, ask))),
      h("p", { class: "muted small" }, `Commission (to the LPs): ${fmt(sim.commission_amount, ask)}; price impact: ${fmt(sim.spread_amount, ask)}`),
    );
  }

  // quoted: the swap amount checked against the balance and the pair's simulation of it; null
  // after saying why.
  async function quoted(): Promise<{ d: string; v: bigint; ret: bigint } | null> {
    const w = app.wallet;
    if (!w) return app.refuse("Connect a wallet first.");
    const d = offer.value;
    const v = app.amount(swapAmount.value, d, await app.rest.balance(w.address, d));
    if (v === null) return null;
    let sim: Simulation;
    try {
      sim = await simulate(d, v);
    } catch (e) {
      return app.refuse(explain(String((e as Error).message ?? e)));
    }
    showQuote(d, sim);
    const ret = BigInt(sim.return_amount);
    if (ret === 0n) return app.refuse("The pool would return nothing for this amount.");
    return { d, v, ret };
  }

  async function swap(): Promise<void> {
    const ms = maxSpread();
    if (ms === null) return;
    const q = await quoted();
    if (!q) return;
    const ask = denoms[1 - denoms.indexOf(q.d)];
    const msg = { swap: { offer_asset: { info: infos[denoms.indexOf(q.d)], amount: q.v.toString() }, belief_price: beliefPrice(q.v, q.ret), max_spread: decText(ms, 18) } };
    await exec(`Swap ${fmt(q.v, q.d)} for ${fmt(q.ret, ask)} (at least ${fmt(atLeast(q.ret, ms), ask)})`, msg, [{ denom: q.d, amount: q.v }]);
  }

  async function provideLiquidity(): Promise<void> {
    const w = app.wallet;
    if (!w) return void app.refuse("Connect a wallet first.");
    const amounts: bigint[] = [];
    for (const [i, d] of denoms.entries()) {
      const v = app.amount(provide[i].value, d, await app.rest.balance(w.address, d));
      if (v === null) return;
      amounts.push(v);
    }
    // The pair mints the smaller of floor(amount_i × total / reserve_i) and refunds the rest.
    const minted = reserves.every((r) => r > 0n) ? amounts.map((a, i) => (a * total) / reserves[i]).reduce((a, b) => (a < b ? a : b)) : null;
    const what = minted === null ? "" : ` for ${fmt(minted, lpDenom)}; what exceeds the pool's ratio is refunded`;
    const msg = { provide_liquidity: { assets: infos.map((i, k) => ({ info: i, amount: amounts[k].toString() })) } };
    await exec(`Provide ${fmt(amounts[0], denoms[0])} + ${fmt(amounts[1], denoms[1])}${what}`, msg, denoms.map((d, i) => ({ denom: d, amount: amounts[i] })));
  }

  async function withdraw(): Promise<void> {
    const v = app.amount(withdrawAmount.value, lpDenom, lp, "your LP shares");
    if (v === null) return;
    const ms = maxSpread();
    if (ms === null) return;
    const out = reserves.map((r) => share(v, r, total));
    const min = infos.map((i, k) => ({ info: i, amount: atLeast(out[k], ms).toString() }));
    // The LP coins go with the message as funds; the pair burns them and pays both sides.
    await exec(
      `Withdraw ${fmt(v, lpDenom)} for ${fmt(out[0], denoms[0])} + ${fmt(out[1], denoms[1])}`,
      { withdraw_liquidity: { min_assets_to_receive: min } },
      [{ denom: lpDenom, amount: v }],
    );
  }

  async function quoteOnly(): Promise<void> {
    if (await quoted()) app.say("info", "Quoted by the pair's simulation at the current reserves.");
  }

  const el = h(
    "div",
    { "data-testid": "screen-pool" },
    h("div", { class: "grid" }, card("Pool", info), card("My liquidity", mine)),
    card(
      "Swap",
      field("Sell", offer),
      field("Amount", swapAmount),
      field("Max slippage (%)", slippage),
      h("div", { class: "row" }, button("swap-quote", "Quote", quoteOnly), button("swap", "Swap", swap)),
      quote,
    ),
    card(
      "Liquidity",
      field(provideLabel[0], provide[0]),
      field(provideLabel[1], provide[1]),
      h("p", { class: "muted small" }, "Both sides are needed; the pair takes them at its current ratio and refunds what exceeds it."),
      h("div", { class: "row" }, button("provide", "Provide", provideLiquidity)),
      field("Withdraw", withdrawAmount),
      h("p", { class: "muted small" }, "Pays your share of both reserves; refused if either is below the current amount minus the slippage."),
      h("div", { class: "row" }, button("withdraw", "Withdraw", withdraw)),
    ),
  );

  async function refresh(): Promise<void> {
    if (!contract) {
      replace(info, "No pair contract configured.");
      return;
    }
    if (!lpDenom) {
      const p = await app.rest.smart<{ asset_infos: AssetInfo[]; liquidity_token: string }>(contract, { pair: {} });
      infos = p.asset_infos;
      denoms = infos.map(denomOf);
      lpDenom = p.liquidity_token;
      replace(offer, ...denoms.map((d, i) => h("option", { value: d }, `${name(d)} → ${name(denoms[1 - i])}`)));
      denoms.forEach((d, i) => {
        provide[i].placeholder = `amount of ${name(d)}`;
        replace(provideLabel[i], `${i ? "and" : "Provide"} ${name(d)}`);
      });
    }
    const [pool, cfg, supply] = await Promise.all([
      app.rest.smart<{ assets: Asset[]; total_share: string }>(contract, { pool: {} }),
      app.rest.smart<{ fee_bps: number }>(contract, { config: {} }),
      app.rest.get<{ amount: { amount: string } }>(`/cosmos/bank/v1beta1/supply/by_denom?denom=${encodeURIComponent(lpDenom)}`),
    ]);
    reserves = denoms.map((d) => BigInt(pool.assets.find((a) => denomOf(a.info) === d)?.amount ?? "0"));
    total = BigInt(pool.total_share);
    const [n0, n1] = denoms.map(name);
    replace(
      info,
      h(
        "p",
        {},
        "Reserves: ",
        ...denoms.flatMap((d, i) => [i ? " and " : "", h("strong", { "data-testid": `pool-reserve-${i}`, "data-amount": String(reserves[i]) }, fmt(reserves[i], d))]),
      ),
      h("p", { "data-testid": "pool-price" }, `1 ${n0} = ${price(0)} ${n1}; 1 ${n1} = ${price(1)} ${n0} (before the fee and the price impact)`),
      h("p", {}, `Fee: ${cfg.fee_bps / 100} % of what a swap returns, kept in the pool for the LPs`),
      h("p", {}, "LP shares: the bank coin ", h("code", { "data-testid": "pool-lp-denom" }, lpDenom)),
      h("p", {}, "Total LP supply: ", h("strong", { "data-testid": "pool-lp-supply", "data-amount": supply.amount.amount }, fmt(supply.amount.amount, lpDenom))),
      app.alliances.includes(lpDenom) ? h("p", { class: "muted small" }, "The LP shares are an alliance asset: stake them on “My stake”.") : null,
    );
    const w = app.wallet;
    if (!w) {
      replace(mine, h("p", { class: "muted" }, "Connect a wallet to see your LP shares."));
      return;
    }
    lp = await app.rest.balance(w.address, lpDenom);
    replace(
      mine,
      h("p", {}, "LP shares: ", h("strong", { "data-testid": "pool-lp", "data-amount": String(lp) }, fmt(lp, lpDenom))),
      h(
        "p",
        {},
        "Worth: ",
        ...denoms.flatMap((d, i) => [i ? " + " : "", h("strong", { "data-testid": `pool-lp-worth-${i}`, "data-amount": String(share(lp, reserves[i], total)) }, fmt(share(lp, reserves[i], total), d))]),
      ),
    );
  }

  // price(i): what one display unit of side i buys of the other side at the reserves (spot),
  // rounded down to 6 decimals.
  function price(i: number): string {
    const [ri, ro] = [reserves[i], reserves[1 - i]];
    if (ri === 0n) return "—";
    const [ei, eo] = [denoms[i], denoms[1 - i]].map((d) => 10n ** BigInt(app.denoms.unit(d).exponent));
    return decText((ro * ei * ONE) / (ri * eo));
  }

  return { el, refresh };
}
