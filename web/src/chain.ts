// The chain: REST queries, the wallets, the alliance messages (protobuf by hand: four small
// messages do not justify a generated package) and the translation of chain errors into words.
import { DirectSecp256k1HdWallet, Registry, type EncodeObject, type OfflineSigner } from "@cosmjs/proto-signing";
import { SigningStargateClient, defaultRegistryTypes, type DeliverTxResponse } from "@cosmjs/stargate";
import { fromBech32, toBase64, toUtf8 } from "@cosmjs/encoding";
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";

export interface Config {
  chainId: string;
  chainName: string;
  rpc: string;
  rest: string;
  bech32Prefix: string;
  bondDenom: string;
  gasPrice: string; // in bondDenom per gas unit
  local: boolean;
  devMnemonic?: string;
  contracts: { token?: string; compounder?: string; pair?: string };
}

export async function loadConfig(): Promise<Config> {
  const res = await fetch("config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as Config;
}

export function abs(url: string): string {
  return new URL(url, location.href).toString().replace(/\/$/, "");
}

// ---- queries (REST) ----

export class Rest {
  constructor(private base: string) {}

  async get<T>(path: string): Promise<T> {
    const res = await fetch(this.base + path);
    const body = await res.text();
    if (!res.ok) {
      let msg = body;
      try {
        msg = JSON.parse(body).message ?? body;
      } catch {
        /* plain text */
      }
      throw new Error(msg);
    }
    return JSON.parse(body) as T;
  }

  smart<T>(contract: string, msg: unknown): Promise<T> {
    const q = toBase64(toUtf8(JSON.stringify(msg)));
    return this.get<{ data: T }>(`/cosmwasm/wasm/v1/contract/${contract}/smart/${encodeURIComponent(q)}`).then((r) => r.data);
  }

  async balance(addr: string, denom: string): Promise<bigint> {
    const r = await this.get<{ balance: { amount: string } }>(
      `/cosmos/bank/v1beta1/balances/${addr}/by_denom?denom=${encodeURIComponent(denom)}`,
    );
    return BigInt(r.balance?.amount ?? "0");
  }

  // balanceAfter: right after a tx is seen in a block the REST server may still answer from the
  // block before for a moment; wait (at most 5 s) until the balance moved from `before`.
  async balanceAfter(addr: string, denom: string, before: bigint): Promise<bigint> {
    for (let i = 0; i < 20; i++) {
      const b = await this.balance(addr, denom);
      if (b !== before) return b;
      await new Promise((r) => setTimeout(r, 250));
    }
    return before;
  }
}

// ---- alliance messages ----

interface AllianceStake {
  delegatorAddress: string;
  validatorAddress: string;
  amount?: Coin;
}
interface AllianceRedelegate {
  delegatorAddress: string;
  validatorSrcAddress: string;
  validatorDstAddress: string;
  amount?: Coin;
}
interface AllianceClaim {
  delegatorAddress: string;
  validatorAddress: string;
  denom: string;
}

// codec builds the ts-proto shaped type cosmjs' Registry wants from a field writer.
function codec<T extends object>(write: (m: T, w: BinaryWriter) => void) {
  return {
    encode(m: T, w: BinaryWriter = BinaryWriter.create()): BinaryWriter {
      write(m, w);
      return w;
    },
    decode(): T {
      throw new Error("decoding alliance messages is not needed by the app");
    },
    fromPartial(o: Partial<T>): T {
      return o as T;
    },
  };
}

function writeStake(m: AllianceStake, w: BinaryWriter): void {
  w.uint32(10).string(m.delegatorAddress);
  w.uint32(18).string(m.validatorAddress);
  if (m.amount) Coin.encode(m.amount, w.uint32(26).fork()).ldelim();
}

export const allianceTypes = {
  delegate: "/alliance.alliance.MsgDelegate",
  undelegate: "/alliance.alliance.MsgUndelegate",
  redelegate: "/alliance.alliance.MsgRedelegate",
  claim: "/alliance.alliance.MsgClaimDelegationRewards",
  claimResponse: "/alliance.alliance.MsgClaimDelegationRewardsResponse",
};

export function registry(): Registry {
  const r = new Registry(defaultRegistryTypes);
  r.register(allianceTypes.delegate, codec<AllianceStake>(writeStake));
  r.register(allianceTypes.undelegate, codec<AllianceStake>(writeStake));
  r.register(
    allianceTypes.redelegate,
    codec<AllianceRedelegate>((m, w) => {
      w.uint32(10).string(m.delegatorAddress);
      w.uint32(18).string(m.validatorSrcAddress);
      w.uint32(26).string(m.validatorDstAddress);
      if (m.amount) Coin.encode(m.amount, w.uint32(34).fork()).ldelim();
    }),
  );
  r.register(
    allianceTypes.claim,
    codec<AllianceClaim>((m, w) => {
      w.uint32(10).string(m.delegatorAddress);
      w.uint32(18).string(m.validatorAddress);
      w.uint32(26).string(m.denom);
    }),
  );
  r.register("/cosmwasm.wasm.v1.MsgExecuteContract", MsgExecuteContract);
  return r;
}

export const msgs = {
  delegate: (d: string, v: string, amount: bigint, denom: string): EncodeObject => ({
    typeUrl: allianceTypes.delegate,
    value: { delegatorAddress: d, validatorAddress: v, amount: { denom, amount: amount.toString() } },
  }),
  undelegate: (d: string, v: string, amount: bigint, denom: string): EncodeObject => ({
    typeUrl: allianceTypes.undelegate,
    value: { delegatorAddress: d, validatorAddress: v, amount: { denom, amount: amount.toString() } },
  }),
  redelegate: (d: string, src: string, dst: string, amount: bigint, denom: string): EncodeObject => ({
    typeUrl: allianceTypes.redelegate,
    value: { delegatorAddress: d, validatorSrcAddress: src, validatorDstAddress: dst, amount: { denom, amount: amount.toString() } },
  }),
  claim: (d: string, v: string, denom: string): EncodeObject => ({
    typeUrl: allianceTypes.claim,
    value: { delegatorAddress: d, validatorAddress: v, denom },
  }),
  execute: (sender: string, contract: string, msg: unknown, funds: { denom: string; amount: bigint }[] = []): EncodeObject => ({
    typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
    value: MsgExecuteContract.fromPartial({
      sender,
      contract,
      msg: toUtf8(JSON.stringify(msg)),
      funds: funds.map((f) => ({ denom: f.denom, amount: f.amount.toString() })),
    }),
  }),
};

// claimedRewards reads the coins paid by every MsgClaimDelegationRewards of a tx from its
// responses (repeated Coin rewards = 1).
export function claimedRewards(res: DeliverTxResponse, denom: string): bigint {
  let total = 0n;
  for (const r of res.msgResponses ?? []) {
    if (r.typeUrl !== allianceTypes.claimResponse) continue;
    const rd = new BinaryReader(r.value);
    while (rd.pos < rd.len) {
      const tag = rd.uint32();
      if (tag >>> 3 !== 1) {
        rd.skipType(tag & 7);
        continue;
      }
      const c = Coin.decode(rd, rd.uint32());
      if (c.denom === denom) total += BigInt(c.amount);
    }
  }
  return total;
}

// ---- addresses ----

export function checkAddress(text: string, prefix: string): string | null {
  const t = text.trim();
  if (t === "") return "Enter an address.";
  try {
    // An explicit length limit: cosmjs 0.39 passes Infinity to its bech32 library, which refuses it.
    const { prefix: p } = fromBech32(t, 90);
    if (p !== prefix) return `This is a ${p} address; this chain's addresses start with ${prefix}1.`;
    return null;
  } catch {
    return `"${t}" is not a valid address (it should start with ${prefix}1 and pass its checksum).`;
  }
}

// ---- wallets ----

export interface Wallet {
  kind: "dev" | "keplr";
  address: string;
  client: SigningStargateClient;
}

export function devWalletAllowed(cfg: Config, networkOfNode: string): boolean {
  // The dev mnemonic is public: only on a chain that says it is local, and only when the node
  // the app talks to runs that chain.
  return cfg.local && !!cfg.devMnemonic && /local/.test(cfg.chainId) && networkOfNode === cfg.chainId;
}

async function connect(cfg: Config, signer: OfflineSigner, kind: Wallet["kind"]): Promise<Wallet> {
  const [account] = await signer.getAccounts();
  const client = await SigningStargateClient.connectWithSigner(abs(cfg.rpc), signer, { registry: registry() });
  return { kind, address: account.address, client };
}

export async function connectDev(cfg: Config): Promise<Wallet> {
  const signer = await DirectSecp256k1HdWallet.fromMnemonic(cfg.devMnemonic ?? "", { prefix: cfg.bech32Prefix });
  return connect(cfg, signer, "dev");
}

interface Keplr {
  experimentalSuggestChain(info: unknown): Promise<void>;
  enable(chainId: string): Promise<void>;
  getOfflineSigner(chainId: string): OfflineSigner;
}

export function keplrChainInfo(cfg: Config, denoms: { base: string; display: string; exponent: number }[]) {
  const currency = (d: { base: string; display: string; exponent: number }) => ({
    coinDenom: d.display,
    coinMinimalDenom: d.base,
    coinDecimals: d.exponent,
  });
  const bond = denoms.find((d) => d.base === cfg.bondDenom) ?? { base: cfg.bondDenom, display: cfg.bondDenom, exponent: 0 };
  const p = cfg.bech32Prefix;
  return {
    chainId: cfg.chainId,
    chainName: cfg.chainName,
    rpc: abs(cfg.rpc),
    rest: abs(cfg.rest),
    bip44: { coinType: 118 },
    bech32Config: {
      bech32PrefixAccAddr: p,
      bech32PrefixAccPub: p + "pub",
      bech32PrefixValAddr: p + "valoper",
      bech32PrefixValPub: p + "valoperpub",
      bech32PrefixConsAddr: p + "valcons",
      bech32PrefixConsPub: p + "valconspub",
    },
    currencies: denoms.map(currency),
    feeCurrencies: [{ ...currency(bond), gasPriceStep: { low: Number(cfg.gasPrice), average: Number(cfg.gasPrice), high: Number(cfg.gasPrice) * 2 } }],
    stakeCurrency: currency(bond),
  };
}

export async function connectKeplr(cfg: Config, info: unknown): Promise<Wallet> {
  const keplr = (window as unknown as { keplr?: Keplr }).keplr;
  if (!keplr) throw new Error("Keplr is not installed in this browser.");
  await keplr.experimentalSuggestChain(info);
  await keplr.enable(cfg.chainId);
  return connect(cfg, keplr.getOfflineSigner(cfg.chainId), "keplr");
}

// ---- errors ----

const known: [RegExp, string][] = [
  [/insufficient funds|insufficient fee|smaller than/i, "Your balance is too low for this amount plus the fee."],
  [/account sequence mismatch/i, "Another transaction from this account was being processed. Please try again."],
  [/does not exist on chain|account .* not found/i, "This account has never received tokens, so it cannot sign yet. Fund it first."],
  [/out of gas/i, "The transaction ran out of gas. Please try again (the app estimates gas anew)."],
  [/validator does not exist|no validator|validator not found/i, "That validator does not exist on this chain."],
  [/delegation does not exist|no delegation|not found: delegation|delegation not found/i, "You have no stake of this asset on that validator."],
  [/too many unbonding|max entries|too many redelegation/i, "The chain allows only 7 pending unbondings or redelegations per validator and asset. Wait until one completes."],
  [/redelegation to the same validator|self redelegation|same validator/i, "Choose a different validator to move the stake to."],
  [/alliance .*not found|asset not found|no alliance/i, "This asset is not an alliance asset on this chain."],
  [/worthless/i, "The stake on that validator is worth nothing now (slashed or taken by the take rate); choose another validator."],
  [/Request rejected|rejected by user/i, "You rejected the request in your wallet."],
  [/Failed to fetch|NetworkError|ECONNREFUSED/i, "The node cannot be reached. Is it running?"],
];

// explain turns a raw chain or wallet error into a sentence; a contract's own error (cw20-base
// style, already written for people) is quoted.
export function explain(raw: string): string {
  for (const [re, words] of known) if (re.test(raw)) return words;
  // wasmd: "…message index: 0: <the contract's error>: execute wasm contract failed"
  const wasm = raw.match(/message index: \d+: (.*): execute wasm contract failed/) ?? raw.match(/^(.*): execute wasm contract failed/);
  if (wasm) return `The contract refused: ${wasm[1].replace(/^Generic error: /, "")}`;
  const short = raw.replace(/^.*message index: \d+: /, "").replace(/^Query failed with \(\d+\): /, "").replace(/ \[.*$/, "");
  return `The chain refused the transaction: ${short}`;
}
