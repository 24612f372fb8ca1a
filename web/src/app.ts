// The app's shared state: config, queries, denoms, the wallet and the one way a tx is sent.
import type { EncodeObject } from "@cosmjs/proto-signing";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import { Denoms } from "./amount";
import { Rest, explain, msgs, type Config, type Wallet } from "./chain";
import { h, replace } from "./ui";

export interface Validator {
  operator: string;
  moniker: string;
}

export interface TxResult {
  res: DeliverTxResponse;
  fee: bigint;
}

export class App {
  denoms = new Denoms();
  wallet: Wallet | null = null;
  validators: Validator[] = [];
  alliances: string[] = [];
  height = 0;
  busy = false;

  constructor(
    public cfg: Config,
    public rest: Rest,
    private notice: HTMLElement,
    private modal: HTMLElement,
  ) {}

  moniker(op: string): string {
    return this.validators.find((v) => v.operator === op)?.moniker ?? op.slice(0, 20) + "…";
  }

  say(kind: "error" | "ok" | "info", text: string): void {
    this.notice.className = `notice ${kind}`;
    this.notice.dataset.kind = kind;
    replace(this.notice, text);
  }

  // refuse shows a problem with the user's input: nothing is sent.
  refuse(text: string): null {
    this.say("error", `${text} Nothing was sent.`);
    return null;
  }

  // amount: the user's text in the denom's display units, at most `limit` (a balance or a
  // holding); null after saying why (nothing is sent).
  amount(text: string, denom: string, limit: bigint, what = "your balance"): bigint | null {
    const v = this.denoms.parse(text, denom);
    if (typeof v === "string") return this.refuse(v);
    if (v > limit) return this.refuse(`That is more than ${what} (${this.denoms.format(limit, denom)}).`);
    return v;
  }

  // execute sends one contract message (with funds) from the wallet through send.
  execute(label: string, contract: string, msg: unknown, funds: { denom: string; amount: bigint }[] = []): Promise<TxResult | null> {
    const w = this.wallet;
    if (!w) return Promise.resolve(this.refuse("Connect a wallet first."));
    return this.send(label, [msgs.execute(w.address, contract, msg, funds)]);
  }

  // send simulates the messages, shows the fee and waits for the user's confirmation, signs,
  // broadcasts and waits for inclusion with progress. Every failure ends as a sentence in the
  // notice; the result is null then.
  async send(label: string, msgs: EncodeObject[]): Promise<TxResult | null> {
    const w = this.wallet;
    if (!w) return this.refuse("Connect a wallet first.");
    if (this.busy) return this.refuse("A transaction is already in progress.");
    this.busy = true;
    try {
      this.say("info", `Estimating the fee of ${label}…`);
      let gas: number;
      try {
        gas = await w.client.simulate(w.address, msgs, "");
      } catch (e) {
        return this.refuse(explain(String((e as Error).message ?? e)));
      }
      // A margin over the simulation: state can move between simulation and inclusion.
      const limit = Math.ceil(gas * 1.4);
      const fee = ceilFee(limit, this.cfg.gasPrice);
      const ok = await this.confirm(label, limit, fee);
      if (!ok) return this.refuse("Cancelled.");
      const started = Date.now();
      const tick = () => this.say("info", `Waiting for ${label} to be included in a block… ${Math.floor((Date.now() - started) / 1000)}s`);
      tick();
      const timer = setInterval(tick, 500);
      let res: DeliverTxResponse;
      try {
        res = await w.client.signAndBroadcast(
          w.address,
          msgs,
          { amount: [{ denom: this.cfg.bondDenom, amount: fee.toString() }], gas: String(limit) },
          "",
        );
      } catch (e) {
        this.say("error", explain(String((e as Error).message ?? e)));
        return null;
      } finally {
        clearInterval(timer);
      }
      if (res.code !== 0) {
        this.say("error", `${explain(res.rawLog ?? "")} (fee paid: ${this.denoms.format(fee, this.cfg.bondDenom)})`);
        return null;
      }
      await this.caughtUp(res.height);
      this.say("ok", `${label}: included at height ${res.height}. Fee paid: ${this.denoms.format(fee, this.cfg.bondDenom)}.`);
      return { res, fee };
    } finally {
      this.busy = false;
    }
  }

  // caughtUp waits (at most 5 s) until the REST server answers from the block of a tx, so the
  // screens refreshed next show its effect (the wallet learns of the block over RPC first).
  private async caughtUp(height: number): Promise<void> {
    for (let i = 0; i < 20; i++) {
      try {
        const b = await this.rest.get<{ block: { header: { height: string } } }>("/cosmos/base/tendermint/v1beta1/blocks/latest");
        if (Number(b.block.header.height) >= height) return;
      } catch {
        /* retried */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private confirm(label: string, gas: number, fee: bigint): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        this.modal.hidden = true;
        resolve(v);
      };
      replace(
        this.modal,
        h(
          "div",
          { class: "dialog", role: "dialog", "data-testid": "confirm" },
          h("h3", {}, label),
          h("p", {}, "Fee: ", h("strong", { "data-testid": "fee" }, this.denoms.format(fee, this.cfg.bondDenom)), ` (gas limit ${gas.toLocaleString("en")})`),
          h("p", { class: "muted" }, this.wallet?.kind === "keplr" ? "Keplr will ask you to approve." : "Signed by the dev wallet."),
          h(
            "div",
            { class: "row" },
            h("button", { "data-testid": "confirm-tx", onclick: () => done(true) }, "Sign and send"),
            h("button", { class: "secondary", "data-testid": "cancel-tx", onclick: () => done(false) }, "Cancel"),
          ),
        ),
      );
      this.modal.hidden = false;
    });
  }
}

// ceilFee: gas × price rounded up (the chain refuses a fee below its minimum).
export function ceilFee(gas: number, price: string): bigint {
  const [w, f = ""] = price.split(".");
  const scale = 10n ** BigInt(f.length);
  const p = BigInt(w || "0") * scale + BigInt(f || "0");
  return (BigInt(gas) * p + scale - 1n) / scale;
}

// Decimal strings of contracts (exchange rates) as bigint scaled by 1e18.
export const ONE = 10n ** 18n;
export function dec(s: string): bigint {
  const [w, f = ""] = s.split(".");
  return BigInt(w || "0") * ONE + BigInt((f + "0".repeat(18)).slice(0, 18) || "0");
}
export function decText(v: bigint, digits = 6): string {
  const whole = v / ONE;
  const frac = (v % ONE).toString().padStart(18, "0").slice(0, digits);
  return `${whole}.${frac}`;
}
