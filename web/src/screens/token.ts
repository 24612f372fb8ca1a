// Screen 3: the wrapped alliance-staking token (contracts/token, a cw20 over an alliance stake).
import { ONE, dec, decText, type App } from "../app";
import { checkAddress, msgs } from "../chain";
import { button, card, countdown, field, h, input, replace, sparkline, table } from "../ui";

interface State {
  total_staked: string;
  total_supply: string;
  exchange_rate: string;
  queued_shares: string;
}
interface Config {
  asset_denom: string;
  reward_denom: string;
  unbond_epoch: number;
}
interface Batch {
  id: number;
  shares: string;
  claims: number;
  processable_from: string;
}
interface Claim {
  batch_id: number;
  shares: string;
  amount: string | null;
  state: string;
  completion_time: string | null;
  payout: string | null;
}

export function nsDate(ns: string): Date {
  return new Date(Number(BigInt(ns) / 1_000_000n));
}

// RateHistory keeps the exchange rate at every block the app has seen (the contract keeps none).
export class RateHistory {
  points: { height: number; rate: number }[] = [];
  add(height: number, rate: string): void {
    const last = this.points[this.points.length - 1];
    if (last && last.height === height) return;
    this.points.push({ height, rate: Number(rate) });
    if (this.points.length > 300) this.points.shift();
  }
}

export function tokenScreen(app: App): { el: HTMLElement; refresh: () => Promise<void>; tick: () => void } {
  const contract = app.cfg.contracts.token ?? "";
  const info = h("div", {});
  const mine = h("div", {});
  const claims = h("div", {});
  const history = new RateHistory();
  let cfg: Config | null = null;
  let symbol = "shares";
  let shares = 0n;
  let batchAt: { el: HTMLElement; at: Date } | null = null;

  const depositAmount = input("token-deposit-amount", "amount of the asset");
  const unbondAmount = input("token-unbond-amount", "shares");
  const recipient = input("token-recipient", "alliance1…");
  const transferAmount = input("token-transfer-amount", "shares");

  const share = (text: string) => app.denoms.parse(text, contract);

  async function exec(label: string, msg: unknown, funds: { denom: string; amount: bigint }[] = []): Promise<void> {
    const w = app.wallet;
    if (!w) return void app.refuse("Connect a wallet first.");
    if (await app.send(label, [msgs.execute(w.address, contract, msg, funds)])) await refresh();
  }

  async function deposit(): Promise<void> {
    const w = app.wallet;
    if (!w || !cfg) return void app.refuse("Connect a wallet first.");
    const v = app.denoms.parse(depositAmount.value, cfg.asset_denom);
    if (typeof v === "string") return void app.refuse(v);
    const bal = await app.rest.balance(w.address, cfg.asset_denom);
    if (v > bal) return void app.refuse(`That is more than your balance (${app.denoms.format(bal, cfg.asset_denom)}).`);
    await exec(`Deposit ${app.denoms.format(v, cfg.asset_denom)}`, { deposit: {} }, [{ denom: cfg.asset_denom, amount: v }]);
  }

  async function unbond(): Promise<void> {
    const v = share(unbondAmount.value);
    if (typeof v === "string") return void app.refuse(v);
    if (v > shares) return void app.refuse(`That is more than your shares (${app.denoms.format(shares, contract)}).`);
    await exec(`Unbond ${app.denoms.format(v, contract)}`, { unbond: { amount: v.toString() } });
  }

  async function transfer(): Promise<void> {
    const bad = checkAddress(recipient.value, app.cfg.bech32Prefix);
    if (bad) return void app.refuse(bad);
    const v = share(transferAmount.value);
    if (typeof v === "string") return void app.refuse(v);
    if (v > shares) return void app.refuse(`That is more than your shares (${app.denoms.format(shares, contract)}).`);
    await exec(`Send ${app.denoms.format(v, contract)}`, { transfer: { recipient: recipient.value.trim(), amount: v.toString() } });
  }

  const el = h(
    "div",
    { "data-testid": "screen-token" },
    h("div", { class: "grid" }, card("Wrapped token", info), card("My position", mine)),
    h(
      "div",
      { class: "grid" },
      card(
        "Deposit and unbond",
        field("Deposit", depositAmount),
        h("div", { class: "row" }, button("token-deposit", "Deposit", deposit)),
        field("Unbond", unbondAmount),
        h("div", { class: "row" }, button("token-unbond", "Unbond", unbond)),
        h(
          "div",
          { class: "row" },
          button("token-process", "Process the batch", () => exec("Process the unbond batch", { process_unbonds: {} })),
          button("token-withdraw", "Withdraw matured", () => exec("Withdraw matured claims", { withdraw: {} })),
          button("token-claim", "Claim rewards", () => exec("Claim token rewards", { claim_rewards: {} })),
        ),
      ),
      card("Send shares", field("Recipient", recipient), field("Amount", transferAmount), h("div", { class: "row" }, button("token-transfer", "Send", transfer))),
    ),
    card("My unbond claims", claims),
  );

  async function refresh(): Promise<void> {
    if (!contract) {
      replace(info, "No token contract configured.");
      return;
    }
    if (!cfg) {
      cfg = await app.rest.smart<Config>(contract, { config: {} });
      const ti = await app.rest.smart<{ symbol: string; decimals: number }>(contract, { token_info: {} });
      symbol = ti.symbol;
      app.denoms.set(contract, { display: symbol, exponent: ti.decimals });
    }
    const c = cfg;
    const [st, batch] = await Promise.all([
      app.rest.smart<State>(contract, { state: {} }),
      app.rest.smart<Batch>(contract, { current_batch: {} }),
    ]);
    history.add(app.height, st.exchange_rate);
    const at = nsDate(batch.processable_from);
    batchAt = { el: h("span", { "data-testid": "token-batch-countdown" }, ""), at };
    tick();
    replace(
      info,
      h("p", {}, "Exchange rate: ", h("strong", { "data-testid": "token-rate" }, `${decText(dec(st.exchange_rate))} ${app.denoms.unit(c.asset_denom).display}`), ` per ${symbol}`),
      sparkline("token-chart", history.points.map((p) => p.rate)),
      h("p", { class: "muted small" }, `over the last ${history.points.length} blocks seen by this page`),
      h("p", {}, `Total staked: ${app.denoms.format(st.total_staked, c.asset_denom)}; supply ${app.denoms.format(st.total_supply, contract)}`),
      h("p", {}, `Current batch #${batch.id}: ${app.denoms.format(batch.shares, contract)} queued by ${batch.claims} holder(s); can be processed in `, batchAt.el),
    );
    const w = app.wallet;
    if (!w) {
      replace(mine, h("p", { class: "muted" }, "Connect a wallet to see your shares."));
      return;
    }
    const [bal, pend, cl] = await Promise.all([
      app.rest.smart<{ balance: string }>(contract, { balance: { address: w.address } }),
      app.rest.smart<{ rewards: string; denom: string }>(contract, { pending_rewards: { address: w.address } }),
      app.rest.smart<{ claims: Claim[] }>(contract, { claims: { address: w.address } }),
    ]);
    shares = BigInt(bal.balance);
    // Value at the reported rate, rounded down as the contract does.
    const value = (shares * dec(st.exchange_rate)) / ONE;
    replace(
      mine,
      h("p", {}, "Shares: ", h("strong", { "data-testid": "token-shares", "data-amount": bal.balance }, app.denoms.format(shares, contract))),
      h("p", {}, `Worth about ${app.denoms.format(value, c.asset_denom)}`),
      h("p", {}, "Rewards to claim: ", h("span", { "data-testid": "token-pending" }, app.denoms.format(pend.rewards, pend.denom || c.reward_denom))),
    );
    replace(
      claims,
      table(
        "token-claims-table",
        ["Batch", "Shares", "Asset", "State", "Paid in"],
        cl.claims.map((x) => [
          `#${x.batch_id}`,
          app.denoms.format(x.shares, contract),
          x.payout ? app.denoms.format(x.payout, c.asset_denom) : x.amount ? app.denoms.format(x.amount, c.asset_denom) : "at processing",
          x.state,
          x.state === "pending" || !x.completion_time ? "after processing" : countdown(nsDate(x.completion_time)),
        ]),
        "No unbond claims.",
      ),
    );
  }

  function tick(): void {
    if (batchAt) batchAt.el.textContent = countdown(batchAt.at) === "done" ? "now (anyone may)" : countdown(batchAt.at);
  }
  return { el, refresh, tick };
}
