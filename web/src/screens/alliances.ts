// Screen 1: every listed asset next to the native stake.
import { App, ONE, dec, decText } from "../app";
import { formatUnits } from "../amount";
import { card, h, replace, table } from "../ui";

interface Alliance {
  denom: string;
  reward_weight: string;
  take_rate: string;
  total_tokens: string;
  reward_change_rate: string;
  reward_change_interval: string;
  last_reward_change_time: string;
  reward_weight_range?: { min: string; max: string };
}

const YEAR_S = 31_557_600;

function seconds(d: string): number {
  return Number(d.replace(/s$/, "")) || 0;
}

// takePerYear: the take rate applies every claim interval, compounding on what is left:
// 1 − (1 − t)^(year / interval).
export function takePerYear(t: number, intervalS: number): number {
  if (intervalS <= 0 || t <= 0) return 0;
  return 1 - Math.pow(1 - t, YEAR_S / intervalS);
}

// yieldPerUnit: native display units an asset display unit earns in a year, 1e18-scaled, rounded
// down: rewards × w / (1 + Σw) / total × 10^(asset exponent) / 10^(native exponent). rewards,
// weight and weights (Σ over assets with stake) are 1e18-scaled; total is in base units (> 0).
export function yieldPerUnit(rewards: bigint, weight: bigint, weights: bigint, total: bigint, assetExp: number, bondExp: number): bigint {
  return (rewards * weight * 10n ** BigInt(assetExp)) / (ONE + weights) / total / 10n ** BigInt(bondExp);
}

function schedule(a: Alliance): string {
  const iv = seconds(a.reward_change_interval);
  const rate = Number(a.reward_change_rate);
  if (iv === 0 || rate === 1) return "fixed";
  const next = new Date(new Date(a.last_reward_change_time).getTime() + iv * 1000);
  const range = a.reward_weight_range ? ` within [${Number(a.reward_weight_range.min)}, ${Number(a.reward_weight_range.max)}]` : "";
  return `× ${rate} every ${iv >= 3600 ? iv / 3600 + " h" : iv + " s"}${range}; next ${next.toLocaleTimeString("en-GB")}`;
}

export function alliancesScreen(app: App): { el: HTMLElement; refresh: () => Promise<void> } {
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  const el = h(
    "div",
    { "data-testid": "screen-alliances" },
    card("Alliances", body),
    h(
      "p",
      { class: "muted small" },
      "Estimated yield: the chain's current annual provisions (x/mint) after the community tax, split between the native stake and " +
        "every asset with stake by reward weight (an asset's virtual stake is its weight × the native stake), divided by what is staked. " +
        "Before validator commission and without the take rate paid to native stakers. For an asset it is in the native denom per unit staked, " +
        "not a percentage: the chain knows no prices.",
    ),
  );

  async function refresh(): Promise<void> {
    const [al, params, pool, prov, dist] = await Promise.all([
      app.rest.get<{ alliances: Alliance[] }>("/terra/alliances?pagination.limit=100"),
      app.rest.get<{ params: { take_rate_claim_interval: string } }>("/terra/alliances/params"),
      app.rest.get<{ pool: { bonded_tokens: string } }>("/cosmos/staking/v1beta1/pool"),
      app.rest.get<{ annual_provisions: string }>("/cosmos/mint/v1beta1/annual_provisions").catch(() => ({ annual_provisions: "0" })),
      app.rest.get<{ params: { community_tax: string } }>("/cosmos/distribution/v1beta1/params"),
    ]);
    const bond = app.cfg.bondDenom;
    const interval = seconds(params.params.take_rate_claim_interval);
    const staked = al.alliances.filter((a) => BigInt(a.total_tokens) > 0n);
    const weights = staked.reduce((s, a) => s + dec(a.reward_weight), 0n);
    const rewards = (dec(prov.annual_provisions) * (ONE - dec(dist.params.community_tax))) / ONE; // stake/year, 1e18
    const bonded = BigInt(pool.pool.bonded_tokens);
    const native = (bonded * ONE * ONE) / (ONE + weights) / ONE; // native stake (1e0): bonded / (1 + Σw)
    const rows = al.alliances.map((a) => {
      const total = BigInt(a.total_tokens);
      const u = app.denoms.unit(a.denom);
      let yieldText = "nobody stakes it yet";
      if (total > 0n) {
        const perUnit = yieldPerUnit(rewards, dec(a.reward_weight), weights, total, u.exponent, app.denoms.unit(bond).exponent);
        yieldText = `${decText(perUnit, 6)} ${app.denoms.unit(bond).display} per ${u.display} / year`;
      }
      return [
        h("span", { class: "asset" }, u.display, h("small", {}, a.denom)),
        Number(a.reward_weight).toString(),
        schedule(a),
        `${(takePerYear(Number(a.take_rate), interval) * 100).toFixed(2)} % / year (${+(Number(a.take_rate) * 100).toPrecision(6)} % every ${interval} s)`,
        app.denoms.format(total, a.denom),
        yieldText,
      ];
    });
    const nativeApr = native > 0n ? Number((rewards * 10000n) / ONE / bonded) / 100 : 0;
    rows.push([
      h("span", { class: "asset" }, app.denoms.unit(bond).display, h("small", {}, "native stake")),
      "1 (reference)",
      "—",
      "—",
      `${formatUnits(native, app.denoms.unit(bond).exponent)} ${app.denoms.unit(bond).display}`,
      `${nativeApr.toFixed(2)} % / year`,
    ]);
    replace(
      body,
      table("alliances-table", ["Asset", "Reward weight", "Weight schedule", "Take rate", "Total staked", "Estimated yield"], rows, "No alliances listed."),
    );
  }
  return { el, refresh };
}
