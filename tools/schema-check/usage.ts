// Typed calls a dApp makes with the clients @cosmwasm/ts-codegen generates from our schemas. It is
// type-checked (tsc --strict) next to the generated files by schemacheck_test.go, never run: a
// wrong field name or a number where the schema says string fails the check.
import { PairClient, PairQueryClient } from "./Pair.client";
import { Asset, ExecuteMsg, PoolResponse, QueryMsg, SimulationResponse } from "./Pair.types";
import { CounterClient, CounterQueryClient } from "./Counter.client";
import { ExecuteMsg as CounterExecuteMsg, TallyResponse } from "./Counter.types";
import { TokenClient, TokenQueryClient } from "./Token.client";
import { ExecuteMsg as TokenExecuteMsg, ClaimsResponse, Expiration, StateResponse } from "./Token.types";
import { CompounderClient, CompounderQueryClient } from "./Compounder.client";
import { ExecuteMsg as CompounderExecuteMsg, PositionResponse } from "./Compounder.types";

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
  await c.withdrawLiquidity({ minAssetsToReceive: [offer] }, "auto", undefined, [{ denom: "factory/alliance1pair/lp", amount: "100" }]);
}

export async function count(q: CounterQueryClient, c: CounterClient): Promise<number> {
  await c.reset({ count: "0" });
  const page: TallyResponse = await q.tally({ limit: 10, startAfter: undefined });
  return page.entries.length + Number((await q.count()).forwarded);
}

// The wrapped staking token: a cw20 with deposit/unbond around it.
const never: Expiration = { never: {} };
export const allowMsg: TokenExecuteMsg = { increase_allowance: { spender: "alliance1spender", amount: "5", expires: never } };

export async function wrap(c: TokenClient, q: TokenQueryClient): Promise<string> {
  await c.deposit("auto", undefined, [{ denom: "ualliance", amount: "1000" }]);
  await c.send({ contract: "alliance1vault", amount: "10", msg: btoa(JSON.stringify({ stake: {} })) });
  await c.unbond({ amount: "100" });
  const s: StateResponse = await q.state();
  const claims: ClaimsResponse = await q.claims({ address: c.sender });
  return s.exchange_rate + "/" + (await q.balance({ address: c.sender })).balance + "/" + claims.claims.length;
}

// The auto-compounder: deposit, withdraw shares (sent as funds: a bank denom), update the routes as its owner.
export const harvestMsg: CompounderExecuteMsg = { harvest: {} };

export async function compound(c: CompounderClient, q: CompounderQueryClient): Promise<string> {
  await c.deposit("auto", undefined, [{ denom: "ualliance", amount: "1000" }]);
  await c.withdraw("auto", undefined, [{ denom: "factory/alliance1vault/cualliance", amount: "10" }]);
  await c.updateConfig({ maxSpread: "0.01", harvestInterval: 3600, validators: ["alliancevaloper1x"] });
  const p: PositionResponse = await q.position({ address: c.sender });
  return p.value + "/" + p.shares + "/" + (await q.state()).exchange_rate;
}
