// The app in headless Chromium (Debian's package, driven by playwright-core), used as a person
// would against a real node set up by scripts/ui-node.sh. Every step asserts what the user sees.
//
//   BASE_URL=http://127.0.0.1:5180/ SHOTS=../build/web/screens node e2e/browser.mjs
//
// Prints one JSON line of measurements on success; exits 1 with the failed step otherwise.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { toBech32 } from "@cosmjs/encoding";

const base = process.env.BASE_URL ?? "http://127.0.0.1:5180/";
const shots = process.env.SHOTS ?? "../build/web/screens";
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
mkdirSync(shots, { recursive: true });

const TX_WAIT = 60_000;
const results = {};
let step = "start";
const check = (cond, what) => {
  if (!cond) throw new Error(`${what}`);
};

const browser = await chromium.launch({
  executablePath,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
// Nothing may be loaded from anywhere but the app's own origin (no CDN, no remote fonts).
const foreign = [];
page.on("request", (r) => {
  if (!r.url().startsWith(new URL(base).origin)) foreign.push(r.url());
});

const t = (id) => page.getByTestId(id);
const notice = () => t("notice");
const rest = async (path) => (await (await fetch(new URL("api" + path, base))).json());
let address = "";
const balance = async (denom) => BigInt((await rest(`/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${denom}`)).balance.amount);
// balanceAfter: the REST server may answer from the block before the one the wallet saw the tx
// in for a moment; wait until the balance moved from `before`.
async function balanceAfter(denom, before) {
  for (let i = 0; i < 20; i++) {
    const b = await balance(denom);
    if (b !== before) return b;
    await new Promise((r) => setTimeout(r, 250));
  }
  return before;
}

// refused: the input is refused in words that contain `words`, and nothing was sent (the
// account's sequence is unchanged).
async function refused(click, words) {
  const seq = (await rest(`/cosmos/auth/v1beta1/accounts/${address}`)).account.sequence;
  await t(click).click();
  await page.waitForFunction(
    ([w]) => {
      const n = document.querySelector("[data-testid=notice]");
      return n && n.dataset.kind === "error" && n.textContent.includes(w);
    },
    [words],
    { timeout: 10_000 },
  );
  check((await notice().textContent()).includes("Nothing was sent"), `${click}: the error says nothing was sent`);
  check((await rest(`/cosmos/auth/v1beta1/accounts/${address}`)).account.sequence === seq, `${click}: no tx was sent`);
}

// send clicks an action, checks the fee shown, signs and waits until the notice reports inclusion.
async function send(click) {
  await t(click).click();
  await t("confirm").waitFor({ timeout: 30_000 });
  const fee = await t("fee").textContent();
  check(/STAKE/.test(fee), `${click}: the fee is shown before signing (${fee})`);
  await t("confirm-tx").click();
  await page.waitForFunction(() => {
    const n = document.querySelector("[data-testid=notice]");
    return n && (n.dataset.kind === "ok" || n.dataset.kind === "error");
  }, null, { timeout: TX_WAIT });
  const text = await notice().textContent();
  check((await notice().getAttribute("data-kind")) === "ok", `${click}: ${text}`);
  return text;
}

// pool: the pair's reserves and total shares, from its pool query.
async function pool() {
  const pair = (await (await fetch(new URL("config.json", base))).json()).contracts.pair;
  const q = encodeURIComponent(Buffer.from(JSON.stringify({ pool: {} })).toString("base64"));
  const { data } = await rest(`/cosmwasm/wasm/v1/contract/${pair}/smart/${q}`);
  const r = Object.fromEntries(data.assets.map((a) => [a.info.native_token.denom, BigInt(a.amount)]));
  return { ulsd: r.ulsd, stake: r.stake, total: BigInt(data.total_share) };
}

// feePaid: the fee in base units from the notice ("… Fee paid: 0.012345 STAKE.").
function feePaid(text) {
  const m = /Fee paid: ([\d,]+)(?:\.(\d+))? STAKE/.exec(text);
  check(m, `the notice names the fee: ${text}`);
  return BigInt(m[1].replace(/,/g, "")) * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
}

async function amountOf(id) {
  await t(id).waitFor({ timeout: 20_000 });
  return BigInt(await t(id).getAttribute("data-amount"));
}

async function waitAmount(id, pred, what, timeout = 30_000) {
  const until = Date.now() + timeout;
  let v;
  for (;;) {
    v = await amountOf(id);
    if (pred(v)) return v;
    if (Date.now() > until) throw new Error(`${what}: last ${v}`);
    await page.waitForTimeout(500);
  }
}

try {
  step = "load: the alliances table renders";
  const t0 = Date.now();
  await page.goto(base);
  await t("alliances-table").waitFor({ timeout: 30_000 });
  results.loadToFirstTableMs = Date.now() - t0;
  results.appFirstTableMs = Number(await page.evaluate(() => document.body.dataset.firstTableMs));
  const rows = await t("alliances-table").locator("tbody tr").allTextContents();
  check(rows.length === 4, `4 rows (3 alliances + native), got ${rows.length}`);
  check(rows.some((r) => r.includes("LP") && r.includes("0.2")), `the pair's LP shares with weight 0.2: ${rows}`);
  check(rows.some((r) => r.includes("ATOM") && r.includes("0.5")), `ATOM with weight 0.5: ${rows}`);
  check(rows.some((r) => r.includes("LSD") && r.includes("× 0.99 every 1 h")), `LSD with its schedule: ${rows}`);
  check(rows.some((r) => r.includes("native stake") && /% \/ year/.test(r)), `native row with a yield: ${rows}`);
  await page.screenshot({ path: `${shots}/1-alliances.png`, fullPage: true });

  step = "connect the dev wallet";
  await t("connect-dev").click();
  address = (await t("address").textContent()).trim();
  check(address.startsWith("alliance1"), `address ${address}`);

  step = "my stake: bad input is refused";
  await t("tab-stake").click();
  await t("balances-table").waitFor({ timeout: 20_000 });
  await t("stake-asset").selectOption("uatom");
  await t("stake-amount").fill("0");
  await refused("delegate", "more than zero");
  await t("stake-amount").fill("1000000");
  await refused("delegate", "more than your balance");
  await t("stake-amount").fill("1.0000001");
  await refused("delegate", "at most 6 decimals");

  step = "my stake: delegate 100 ATOM";
  await t("stake-amount").fill("100");
  const atomBefore = await balance("uatom");
  await send("delegate");
  const atomAfter = await balanceAfter("uatom", atomBefore);
  check(atomAfter === atomBefore - 100_000_000n, `100 ATOM (100,000,000 uatom) left the wallet: ${atomBefore} -> ${atomAfter}`);
  await page.waitForFunction(() => /ATOM.*100 ATOM/.test(document.querySelector("[data-testid=delegations-table]")?.textContent ?? ""), null, { timeout: 20_000 });

  step = "my stake: pending rewards rise";
  const p1 = await waitAmount("pending", (v) => v > 0n, "rewards appear");
  const p2 = await waitAmount("pending", (v) => v > p1, "rewards rise");
  results.pendingRewards = [String(p1), String(p2)];

  step = "my stake: claim all";
  const stakeBefore = await balance("stake");
  await send("claim-all");
  await page.waitForFunction(() => document.querySelector("[data-testid=claim-result]")?.dataset.claimed, null, { timeout: 10_000 });
  const claimed = BigInt(await t("claim-result").getAttribute("data-claimed"));
  const fee = BigInt(await t("claim-result").getAttribute("data-fee"));
  const stakeAfter = await balanceAfter("stake", stakeBefore);
  check(claimed > fee, `the claim (${claimed}) pays more than its fee (${fee}) at the local gas price`);
  // The only change to the stake balance in that block: + claimed rewards − fee.
  check(stakeAfter === stakeBefore + claimed - fee, `balance ${stakeBefore} -> ${stakeAfter}, claimed ${claimed}, fee ${fee}`);
  results.claim = { claimed: String(claimed), fee: String(fee), before: String(stakeBefore), after: String(stakeAfter) };

  step = "my stake: unstake 10 ATOM, the countdown shows";
  await t("stake-amount").fill("10");
  await send("undelegate");
  await page.waitForFunction(() => /\dm \d\ds/.test(document.querySelector("[data-testid=unbondings-table]")?.textContent ?? ""), null, { timeout: 20_000 });
  await page.screenshot({ path: `${shots}/2-stake.png`, fullPage: true });

  step = "wrapped token: bad address, deposit, unbond";
  await t("tab-token").click();
  await t("token-shares").waitFor({ timeout: 20_000 });
  await t("token-recipient").fill("alliance1notanaddress");
  await t("token-transfer-amount").fill("1");
  await refused("token-transfer", "not a valid address");
  await t("token-deposit-amount").fill("50");
  await send("token-deposit");
  // First deposit: 50,000,000 uatom mint 50,000,000 − 1,000 locked shares.
  const shares = await waitAmount("token-shares", (v) => v > 0n, "shares appear");
  check(shares === 49_999_000n, `shares ${shares} (50,000,000 − 1,000 locked)`);
  await t("token-unbond-amount").fill("100");
  await refused("token-unbond", "more than your shares");
  await t("token-unbond-amount").fill("10");
  await send("token-unbond");
  await waitAmount("token-shares", (v) => v === 39_999_000n, "10 stATOM queued: 39,999,000 shares left");
  await page.waitForFunction(() => /#0.*10 stATOM.*pending/.test(document.querySelector("[data-testid=token-claims-table]")?.textContent ?? ""), null, { timeout: 20_000 });
  // The batch opened at instantiation; its 18 s epoch has passed by now: anyone may process it,
  // and the claim starts unbonding with a countdown.
  await page.waitForFunction(() => /now/.test(document.querySelector("[data-testid=token-batch-countdown]")?.textContent ?? ""), null, { timeout: 30_000 });
  await send("token-process");
  await page.waitForFunction(() => /#0.*10 stATOM.*unbonding\s*\dm \d\ds/.test(document.querySelector("[data-testid=token-claims-table]")?.textContent ?? ""), null, { timeout: 20_000 });
  // Send 1 stATOM to another account (20 bytes 0x01..0x14): 38,999,000 shares left.
  const friend = toBech32("alliance", Uint8Array.from({ length: 20 }, (_, i) => i + 1));
  await t("token-recipient").fill(friend);
  await t("token-transfer-amount").fill("1");
  await send("token-transfer");
  await waitAmount("token-shares", (v) => v === 38_999_000n, "1 stATOM sent: 38,999,000 shares left");
  results.tokenShares = String(shares);
  await page.screenshot({ path: `${shots}/3-token.png`, fullPage: true });

  step = "compounder: deposit, harvest, the share value rises";
  await t("tab-compounder").click();
  await t("vault-shares").waitFor({ timeout: 20_000 });
  await t("vault-deposit-amount").fill("20");
  await send("vault-deposit");
  const vshares = await waitAmount("vault-shares", (v) => v > 0n, "vault shares appear");
  check(vshares === 19_999_000n, `vault shares ${vshares} (20,000,000 − 1,000 locked)`);
  const v1 = await amountOf("vault-value");
  await page.waitForTimeout(6_000); // the harvest interval (5 s) and a few blocks of rewards
  await send("vault-harvest");
  const v2 = await waitAmount("vault-value", (v) => v > v1, "the position's value rises after the harvest");
  results.vaultValue = [String(v1), String(v2)];
  await t("vault-withdraw-amount").fill("100");
  await refused("vault-withdraw", "more than your shares");
  // The shares are a bank coin; a withdrawal sends 5 of them (5,000,000 units) with the message
  // and the vault burns them: 19,999,000 − 5,000,000 = 14,999,000 left, one claim queued.
  const shareDenom = (await t("vault-share-denom").textContent()) ?? "";
  check(shareDenom.startsWith("factory/alliance1") && shareDenom.endsWith("/culsd"), `share denom ${shareDenom}`);
  await t("vault-withdraw-amount").fill("5");
  await send("vault-withdraw");
  await waitAmount("vault-shares", (v) => v === 14_999_000n, "5 shares withdrawn: 14,999,000 left");
  await t("vault-claims-table").getByText("#0").waitFor({ timeout: 20_000 });
  results.vaultShares = "14999000";
  await page.screenshot({ path: `${shots}/4-compounder.png`, fullPage: true });

  step = "pool: swap, provide, withdraw";
  await t("tab-pool").click();
  await t("pool-lp").waitFor({ timeout: 20_000 });
  const lpDenom = (await t("pool-lp-denom").textContent()) ?? "";
  check(lpDenom.startsWith("factory/alliance1") && lpDenom.endsWith("/lp"), `LP denom ${lpDenom}`);
  // Swap 1 LSD for STAKE. The pair's math (contracts/pair/contract.go), from the reserves now:
  // gross = floor(stake · 1,000,000 / (lsd + 1,000,000)), commission = ceil(gross · 30 / 10,000).
  const pool0 = await pool();
  const gross = (pool0.stake * 1_000_000n) / (pool0.ulsd + 1_000_000n);
  const ret = gross - (gross * 30n + 9_999n) / 10_000n;
  await t("swap-offer").selectOption("ulsd");
  await t("swap-amount").fill("1");
  await t("swap-quote").click();
  await waitAmount("swap-return", (v) => v === ret, `the quote is the constant-product return ${ret}`);
  await t("swap-amount").fill("100000");
  await refused("swap", "more than your balance");
  await t("swap-amount").fill("1");
  const lsd0 = await balance("ulsd");
  await send("swap");
  const lsd1 = await balanceAfter("ulsd", lsd0);
  check(lsd1 === lsd0 - 1_000_000n, `1 LSD sold: ${lsd0} -> ${lsd1}`);
  const pool1 = await pool();
  check(pool1.ulsd === pool0.ulsd + 1_000_000n && pool1.stake === pool0.stake - ret, `reserves ${pool0.ulsd}/${pool0.stake} -> ${pool1.ulsd}/${pool1.stake}, ${ret} STAKE paid`);
  // Provide 10 LSD + 10 STAKE: the pair mints min(floor(10,000,000 · total / reserve_i)) and
  // takes ceil(minted · reserve_i / total) of each side; the rest comes back.
  const minted = [pool1.ulsd, pool1.stake].map((r) => (10_000_000n * pool1.total) / r).reduce((a, b) => (a < b ? a : b));
  const used = [pool1.ulsd, pool1.stake].map((r) => (minted * r + pool1.total - 1n) / pool1.total);
  await t("provide-0").fill("10");
  await t("provide-1").fill("10");
  const stake1 = await balance("stake");
  await send("provide");
  await waitAmount("pool-lp", (v) => v === minted, `${minted} LP shares minted`);
  const lsd2 = await balance("ulsd");
  const provideFee = feePaid(await notice().textContent());
  const stake2 = await balance("stake");
  check(lsd2 === lsd1 - used[0], `LSD taken ${lsd1 - lsd2}, expected ${used[0]}`);
  check(stake2 === stake1 - used[1] - provideFee, `STAKE taken ${stake1 - stake2} = ${used[1]} + fee ${provideFee} (the excess refunded)`);
  // Withdraw 5 LP (5,000,000 units): floor(5,000,000 · reserve_i / total) of each side.
  await t("withdraw-amount").fill("1000");
  await refused("withdraw", "more than your LP shares");
  const pool2 = await pool();
  const out = [pool2.ulsd, pool2.stake].map((r) => (5_000_000n * r) / pool2.total);
  await t("withdraw-amount").fill("5");
  await send("withdraw");
  const lsd3 = await balanceAfter("ulsd", lsd2);
  check(lsd3 === lsd2 + out[0], `withdrawal paid ${lsd3 - lsd2} LSD, expected ${out[0]}`);
  await waitAmount("pool-lp", (v) => v === minted - 5_000_000n, "5 LP shares burned");
  const pool3 = await pool();
  check(pool3.total === pool2.total - 5_000_000n && pool3.stake === pool2.stake - out[1], `pool after the withdrawal: ${JSON.stringify(pool3, (k, v) => String(v))}`);
  results.pool = { swapReturn: String(ret), lpMinted: String(minted), withdrawn: out.map(String) };
  await page.screenshot({ path: `${shots}/5-pool.png`, fullPage: true });

  step = "my stake: stake 1 LP share (an alliance asset)";
  await t("tab-stake").click();
  await t("stake-asset").selectOption(lpDenom);
  await t("stake-amount").fill("1");
  const lp0 = await balance(encodeURIComponent(lpDenom));
  await send("delegate");
  const lp1 = await balanceAfter(encodeURIComponent(lpDenom), lp0);
  check(lp1 === lp0 - 1_000_000n, `1 LP (1,000,000 units) staked: ${lp0} -> ${lp1}`);
  await page.waitForFunction(() => /LP.*1 LP/.test(document.querySelector("[data-testid=delegations-table]")?.textContent ?? ""), null, { timeout: 20_000 });

  check(pageErrors.length === 0, `page errors: ${pageErrors.join("; ")}`);
  check(foreign.length === 0, `requests outside the app's origin: ${foreign.join(", ")}`);
  console.log(JSON.stringify(results));
} catch (e) {
  await page.screenshot({ path: `${shots}/failed.png`, fullPage: true }).catch(() => {});
  console.error(`FAIL at "${step}": ${e.message}`);
  console.error(`notice: ${await notice().textContent().catch(() => "?")}`);
  if (pageErrors.length) console.error(`page errors: ${pageErrors.join("; ")}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
