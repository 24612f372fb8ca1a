// Screen 2: the connected account's alliance stake and its actions.
import type { App } from "../app";
import { claimedRewards, msgs } from "../chain";
import { button, card, countdown, field, h, input, replace, select, table } from "../ui";

interface Delegation {
  delegation: { validator_address: string; denom: string };
  balance: { denom: string; amount: string };
}
interface Unbonding {
  validator_address: string;
  amount: string;
  denom: string;
  completion_time: string;
}
// RedelegationEntry of proto/alliance/alliance/redelegations.proto.
interface Redelegation {
  src_validator_address: string;
  dst_validator_address: string;
  balance: { denom: string; amount: string };
  completion_time: string;
}

export function stakeScreen(app: App): { el: HTMLElement; refresh: () => Promise<void>; tick: () => void } {
  const balances = h("div", {});
  const delegations = h("div", {});
  const unbondings = h("div", {});
  const redelegations = h("div", {});
  let current: Delegation[] = [];
  let times: { el: HTMLElement; at: Date }[] = [];

  const asset = select("stake-asset", []);
  const validator = select("stake-validator", []);
  const amount = input("stake-amount", "amount");
  const dst = select("stake-dst", []);

  function options(): void {
    const a = app.alliances.map((d): [string, string] => [d, app.denoms.unit(d).display]);
    const v = app.validators.map((x): [string, string] => [x.operator, x.moniker]);
    for (const [s, opts] of [
      [asset, a],
      [validator, v],
      [dst, v],
    ] as const) {
      if (s.options.length === opts.length) continue;
      replace(s, ...opts.map(([val, label]) => h("option", { value: val }, label)));
    }
  }

  // parsed: the amount field in base units of the selected asset, or null after saying why.
  async function parsed(limit?: bigint, what = "your balance"): Promise<bigint | null> {
    const v = app.denoms.parse(amount.value, asset.value);
    if (typeof v === "string") return app.refuse(v);
    if (limit !== undefined && v > limit) return app.refuse(`That is more than ${what} (${app.denoms.format(limit, asset.value)}).`);
    return v;
  }

  function staked(): bigint {
    const d = current.find((x) => x.delegation.validator_address === validator.value && x.delegation.denom === asset.value);
    return d ? BigInt(d.balance.amount) : 0n;
  }

  async function delegate(): Promise<void> {
    const w = app.wallet;
    if (!w) return void app.refuse("Connect a wallet first.");
    const v = await parsed(await app.rest.balance(w.address, asset.value));
    if (v === null) return;
    if (await app.send(`Stake ${app.denoms.format(v, asset.value)}`, [msgs.delegate(w.address, validator.value, v, asset.value)])) await refresh();
  }

  async function undelegate(): Promise<void> {
    const w = app.wallet;
    if (!w) return void app.refuse("Connect a wallet first.");
    const v = await parsed(staked(), "what you stake there");
    if (v === null) return;
    if (await app.send(`Unstake ${app.denoms.format(v, asset.value)}`, [msgs.undelegate(w.address, validator.value, v, asset.value)])) await refresh();
  }

  async function redelegate(): Promise<void> {
    const w = app.wallet;
    if (!w) return void app.refuse("Connect a wallet first.");
    if (dst.value === validator.value) return void app.refuse("Choose a different validator to move the stake to.");
    const v = await parsed(staked(), "what you stake there");
    if (v === null) return;
    const m = msgs.redelegate(w.address, validator.value, dst.value, v, asset.value);
    if (await app.send(`Move ${app.denoms.format(v, asset.value)} to ${app.moniker(dst.value)}`, [m])) await refresh();
  }

  async function claimAll(): Promise<void> {
    const w = app.wallet;
    if (!w) return void app.refuse("Connect a wallet first.");
    if (current.length === 0) return void app.refuse("You have no stake, so there is nothing to claim.");
    const bond = app.cfg.bondDenom;
    const before = await app.rest.balance(w.address, bond);
    const r = await app.send(
      `Claim rewards of ${current.length} delegation${current.length > 1 ? "s" : ""}`,
      current.map((d) => msgs.claim(w.address, d.delegation.validator_address, d.delegation.denom)),
    );
    if (!r) return;
    const claimed = claimedRewards(r.res, bond);
    const after = await app.rest.balanceAfter(w.address, bond, before);
    app.say(
      "ok",
      `Claimed ${app.denoms.format(claimed, bond)}, fee ${app.denoms.format(r.fee, bond)}: your balance went from ` +
        `${app.denoms.format(before, bond)} to ${app.denoms.format(after, bond)}.`,
    );
    const out = document.querySelector<HTMLElement>("[data-testid=claim-result]");
    if (out) {
      out.dataset.claimed = claimed.toString();
      out.dataset.fee = r.fee.toString();
      out.dataset.before = before.toString();
      out.dataset.after = after.toString();
    }
    await refresh();
  }

  const el = h(
    "div",
    { "data-testid": "screen-stake" },
    h("div", { class: "grid" }, card("Balances", balances), card(
      "Stake, unstake, move",
      field("Asset", asset),
      field("Validator", validator),
      field("Amount", amount),
      h("div", { class: "row" }, button("delegate", "Stake", delegate), button("undelegate", "Unstake", undelegate)),
      field("Move to validator", dst),
      h("div", { class: "row" }, button("redelegate", "Move stake", redelegate)),
    )),
    card("My delegations", delegations, h("div", { class: "row" }, button("claim-all", "Claim all rewards", claimAll)), h("span", { "data-testid": "claim-result" })),
    h("div", { class: "grid" }, card("Unbonding", unbondings), card("Moving (redelegations)", redelegations)),
  );

  async function refresh(): Promise<void> {
    options();
    const w = app.wallet;
    if (!w) {
      replace(balances, h("p", { class: "muted" }, "Connect a wallet to see your stake."));
      return;
    }
    const a = w.address;
    const [bal, dels, unb, red] = await Promise.all([
      app.rest.get<{ balances: { denom: string; amount: string }[] }>(`/cosmos/bank/v1beta1/balances/${a}`),
      app.rest.get<{ delegations: Delegation[] }>(`/terra/alliances/delegations/${a}?pagination.limit=100`),
      app.rest.get<{ unbondings: Unbonding[] }>(`/terra/alliances/unbondings/${a}`),
      app.rest.get<{ redelegations: Redelegation[] }>(`/terra/alliances/redelegations/${a}?pagination.limit=100`).catch(() => ({ redelegations: [] as Redelegation[] })),
    ]);
    current = dels.delegations;
    const rewards = await Promise.all(
      current.map((d) =>
        app.rest
          .get<{ rewards: { denom: string; amount: string }[] }>(
            `/terra/alliances/rewards/${a}/${d.delegation.validator_address}/${encodeURIComponent(d.delegation.denom)}`,
          )
          .then((r) => r.rewards)
          .catch(() => []),
      ),
    );
    replace(
      balances,
      table("balances-table", ["Asset", "Balance"], bal.balances.map((b) => [app.denoms.unit(b.denom).display, h("span", { "data-denom": b.denom, "data-amount": b.amount }, app.denoms.format(b.amount, b.denom))]), "No tokens."),
    );
    replace(
      delegations,
      table(
        "delegations-table",
        ["Asset", "Validator", "Staked", "Pending rewards"],
        current.map((d, i) => [
          app.denoms.unit(d.delegation.denom).display,
          app.moniker(d.delegation.validator_address),
          app.denoms.format(d.balance.amount, d.balance.denom),
          h(
            "span",
            { "data-testid": "pending", "data-amount": rewards[i].find((c) => c.denom === app.cfg.bondDenom)?.amount ?? "0" },
            rewards[i].length ? rewards[i].map((c) => app.denoms.format(BigInt(c.amount.split(".")[0]), c.denom)).join(", ") : "none yet",
          ),
        ]),
        "No alliance stake yet.",
      ),
    );
    times = [];
    const timed = (at: string) => {
      const t = h("span", { class: "countdown" }, countdown(new Date(at)));
      times.push({ el: t, at: new Date(at) });
      return t;
    };
    replace(
      unbondings,
      table(
        "unbondings-table",
        ["Asset", "Validator", "Amount", "Paid in"],
        unb.unbondings.map((u) => [app.denoms.unit(u.denom).display, app.moniker(u.validator_address), app.denoms.format(u.amount, u.denom), timed(u.completion_time)]),
        "Nothing unbonding.",
      ),
    );
    replace(
      redelegations,
      table(
        "redelegations-table",
        ["Asset", "From", "To", "Amount", "Matures in"],
        red.redelegations.map((r) => [
          app.denoms.unit(r.balance.denom).display,
          app.moniker(r.src_validator_address),
          app.moniker(r.dst_validator_address),
          app.denoms.format(r.balance.amount, r.balance.denom),
          timed(r.completion_time),
        ]),
        "No stake being moved.",
      ),
    );
  }

  // tick updates the countdowns every second without a query.
  function tick(): void {
    for (const t of times) t.el.textContent = countdown(t.at);
  }
  return { el, refresh, tick };
}
