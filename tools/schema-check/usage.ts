// Typed calls a dApp makes with the clients @cosmwasm/ts-codegen generates from our schemas. It is
// type-checked (tsc --strict) next to the generated files by schemacheck_test.go, never run: a
// wrong field name or a number where the schema says string fails the check.
import { PairClient, PairQueryClient } from "./Pair.client";
import { Asset, ExecuteMsg, PoolResponse, QueryMsg, SimulationResponse } from "./Pair.types";
import { CounterClient, CounterQueryClient } from "./Counter.client";
import { ExecuteMsg as CounterExecuteMsg, TallyResponse } from "./Counter.types";

const offer: Asset = { info: { native_token: { denom: "stake" } }, amount: "10000" };

export const swapMsg: ExecuteMsg = {
  swap: { offer_asset: offer, ask_asset_info: { native_token: { denom: "ulsd" } }, belief_price: "1", max_spread: "0.02", to: null },
};
export const simulationMsg: QueryMsg = { simulation: { offer_asset: offer } };
export const incrementMsg: CounterExecuteMsg = { increment: {} };

export async function quote(q: PairQueryClient): Promise<string> {
  const s: SimulationResponse = await q.simulation({ offerAsset: offer });
  const p: PoolResponse = await q.pool();
  return s.return_amount + "/" + p.assets[0].amount + "/" + p.total_share;
}

export async function trade(c: PairClient): Promise<void> {
  await c.swap({ offerAsset: offer, beliefPrice: "1", maxSpread: "0.02" }, "auto", undefined, [{ denom: "stake", amount: "10000" }]);
  await c.withdrawLiquidity({ amount: "100" });
}

export async function count(q: CounterQueryClient, c: CounterClient): Promise<number> {
  await c.reset({ count: "0" });
  const page: TallyResponse = await q.tally({ limit: 10, startAfter: undefined });
  return page.entries.length + Number((await q.count()).forwarded);
}
