// Screen 4: the auto-compounder (contracts/compounder): shares grow as anyone harvests.
import { dec, decText, type App } from "../app";
import { button, card, countdown, field, h, input, replace, sparkline, table } from "../ui";
import { RateHistory, nsDate } from "./token";

interface State {
  total_staked: string;
  total_shares: string;
  queued_shares: string;
  exchange_rate: string;
  last_harvest: string | null;
  batch: number;
  processable_from: string;
}
interface Claim {
  batch_id: number;
  shares: string;
  amount: string | null;
  release_at: string | null;
  payout: string | null;
}

// Vault shares are the bank denom factory/{compounder}/{symbol} (config's share_denom), counted
// like the asset's base units (1 share per unit at the start).
const SHARES = "compounder-shares";

export function compounderScreen(app: App): { el: HTMLElement; refresh: () => Promise<void>; tick: () => void } {
  const contract = app.cfg.contracts.compounder ?? "";
  const info = h("div", {});
  const mine = h("div", {});
  const claims = h("div", {});
  const history = new RateHistory();
  let asset = "";
  let shareDenom = "";
  let harvestInterval = 0;
  let shares = 0n;
  let since: { el: HTMLElement; at: Date } | null = null;

  const depositAmount = input("vault-deposit-amount", "amount of the asset");
  const withdrawAmount = input("vault-withdraw-amount", "shares");

  async function exec(label: string, msg: unknown, funds: { denom: string; amount: bigint }[] = []): Promise<void> {
    if (await app.execute(label, contract, msg, funds)) await refresh();
  }

  async function deposit(): Promise<void> {
    const w = app.wallet;
    if (!w || !asset) return void app.refuse("Connect a wallet first.");
    const v = app.amount(depositAmount.value, asset, await app.rest.balance(w.address, asset));
    if (v === null) return;
    await exec(`Deposit ${app.denoms.format(v, asset)}`, { deposit: {} }, [{ denom: asset, amount: v }]);
  }

  async function withdraw(): Promise<void> {
    const v = app.amount(withdrawAmount.value, SHARES, shares, "your shares");
    if (v === null) return;
    // The shares go with the message as funds; the vault burns them and queues their value.
    await exec(`Withdraw ${app.denoms.format(v, SHARES)}`, { withdraw: {} }, [{ denom: shareDenom, amount: v }]);
  }

  const el = h(
    "div",
    { "data-testid": "screen-compounder" },
    h("div", { class: "grid" }, card("Auto-compounder", info), card("My position", mine)),
    card(
      "Actions",
      field("Deposit", depositAmount),
      h("div", { class: "row" }, button("vault-deposit", "Deposit", deposit)),
      field("Withdraw", withdrawAmount),
      h(
        "div",
        { class: "row" },
        button("vault-withdraw", "Withdraw", withdraw),
        button("vault-process", "Process withdrawals", () => exec("Process the withdrawal batch", { process_withdrawals: {} })),
        button("vault-claim", "Claim", () => exec("Claim unbonded", { claim: {} })),
        button("vault-harvest", "Harvest (anyone)", () => exec("Harvest", { harvest: {} })),
      ),
    ),
    card("My withdrawal claims", claims),
  );

  async function refresh(): Promise<void> {
    if (!contract) {
      replace(info, "No compounder contract configured.");
      return;
    }
    if (!asset) {
      const c = await app.rest.smart<{ asset_denom: string; share_denom: string; harvest_interval: number }>(contract, { config: {} });
      asset = c.asset_denom;
      shareDenom = c.share_denom;
      harvestInterval = c.harvest_interval;
      app.denoms.set(SHARES, { display: "shares", exponent: app.denoms.unit(asset).exponent });
    }
    const [st, apr] = await Promise.all([
      app.rest.smart<State>(contract, { state: {} }),
      app.rest.smart<{ apr: string | null }>(contract, { apr: {} }),
    ]);
    history.add(app.height, st.exchange_rate);
    const last = st.last_harvest ? nsDate(st.last_harvest) : null;
    since = last ? { el: h("span", {}, ""), at: last } : null;
    tick();
    replace(
      info,
      h("p", {}, "Share value: ", h("strong", { "data-testid": "vault-rate" }, `${decText(dec(st.exchange_rate), 9)} ${app.denoms.unit(asset).display}`), " per share"),
      sparkline("vault-chart", history.points.map((p) => p.rate)),
      h("p", { class: "muted small" }, `over the last ${history.points.length} blocks seen by this page`),
      h("p", {}, `Growth: ${apr.apr ? (Number(apr.apr) * 100).toFixed(2) + " % / year over the last harvests" : "needs two harvests"}`),
      h("p", {}, "Last harvest: ", since ? since.el : "never", `; anyone may harvest every ${harvestInterval} s`),
      h("p", {}, `Total staked: ${app.denoms.format(st.total_staked, asset)}`),
      h("p", { class: "muted small" }, "Shares are the bank coin ", h("code", { "data-testid": "vault-share-denom" }, shareDenom), ": send them like any coin."),
    );
    const w = app.wallet;
    if (!w) {
      replace(mine, h("p", { class: "muted" }, "Connect a wallet to see your shares."));
      return;
    }
    const [pos, cl] = await Promise.all([
      app.rest.smart<{ shares: string; value: string }>(contract, { position: { address: w.address } }),
      app.rest.smart<{ claims: Claim[] }>(contract, { claims: { address: w.address } }),
    ]);
    shares = BigInt(pos.shares); // the bank balance of the share denom
    replace(
      mine,
      h("p", {}, "Shares: ", h("strong", { "data-testid": "vault-shares", "data-amount": pos.shares }, app.denoms.format(pos.shares, SHARES))),
      h("p", {}, "Worth: ", h("strong", { "data-testid": "vault-value", "data-amount": pos.value }, app.denoms.format(pos.value, asset))),
    );
    replace(
      claims,
      table(
        "vault-claims-table",
        ["Batch", "Shares", "Asset", "Paid in"],
        cl.claims.map((x) => [
          `#${x.batch_id}`,
          app.denoms.format(x.shares, SHARES),
          x.payout ? app.denoms.format(x.payout, asset) : x.amount ? app.denoms.format(x.amount, asset) : "at processing",
          x.release_at ? countdown(nsDate(x.release_at)) : "after processing",
        ]),
        "No withdrawal claims.",
      ),
    );
  }

  function tick(): void {
    if (since) since.el.textContent = `${countdown(new Date(Date.now() * 2 - since.at.getTime()))} ago`;
  }
  return { el, refresh, tick };
}
