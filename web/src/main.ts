import "./style.css";
import { App } from "./app";
import { Rest, abs, connectDev, connectKeplr, devWalletAllowed, explain, keplrChainInfo, loadConfig } from "./chain";
import { alliancesScreen } from "./screens/alliances";
import { compounderScreen } from "./screens/compounder";
import { poolScreen } from "./screens/pool";
import { stakeScreen } from "./screens/stake";
import { tokenScreen } from "./screens/token";
import { button, h, replace } from "./ui";

interface Screen {
  el: HTMLElement;
  refresh: () => Promise<void>;
  tick?: () => void;
}

const started = performance.now();

async function main(): Promise<void> {
  const root = document.getElementById("app")!;
  const notice = h("div", { class: "notice", "data-testid": "notice", role: "status" });
  const modal = h("div", { class: "modal", hidden: true });
  const cfg = await loadConfig();
  const app = new App(cfg, new Rest(abs(cfg.rest)), notice, modal);

  const [meta, vals, nodeInfo, al] = await Promise.all([
    app.rest.get<{ metadatas: Parameters<App["denoms"]["load"]>[0] }>("/cosmos/bank/v1beta1/denoms_metadata"),
    app.rest.get<{ validators: { operator_address: string; description: { moniker: string } }[] }>(
      "/cosmos/staking/v1beta1/validators?status=BOND_STATUS_BONDED&pagination.limit=200",
    ),
    app.rest.get<{ default_node_info: { network: string } }>("/cosmos/base/tendermint/v1beta1/node_info"),
    app.rest.get<{ alliances: { denom: string }[] }>("/terra/alliances?pagination.limit=100"),
  ]);
  app.denoms.load(meta.metadatas);
  app.validators = vals.validators.map((v) => ({ operator: v.operator_address, moniker: v.description.moniker }));
  app.alliances = al.alliances.map((a) => a.denom);
  const network = nodeInfo.default_node_info.network;
  if (network !== cfg.chainId) app.say("error", `The node runs chain ${network}, but the app is configured for ${cfg.chainId}.`);

  const screens: Record<string, [string, Screen]> = {
    alliances: ["Alliances", alliancesScreen(app)],
    stake: ["My stake", stakeScreen(app)],
    token: ["Wrapped token", tokenScreen(app)],
    compounder: ["Compounder", compounderScreen(app)],
    pool: ["Pool", poolScreen(app)],
  };
  let current = "alliances";
  const view = h("div", {});
  const tabs = Object.entries(screens).map(([key, [label]]) =>
    h("button", { "data-testid": `tab-${key}`, onclick: () => show(key) }, label),
  );

  const walletBox = h("div", { class: "wallet", "data-testid": "wallet" });
  function renderWallet(): void {
    const w = app.wallet;
    if (w) {
      replace(
        walletBox,
        w.kind === "dev" ? h("span", { class: "devlabel" }, "DEV WALLET — public test key, local chain only") : "Keplr",
        h("code", { "data-testid": "address" }, w.address),
      );
      return;
    }
    const buttons: HTMLElement[] = [
      button("connect-keplr", "Connect Keplr", async () => {
        try {
          const info = keplrChainInfo(
            cfg,
            [...new Set([cfg.bondDenom, ...app.alliances])].map((d) => ({ base: d, ...app.denoms.unit(d) })),
          );
          app.wallet = await connectKeplr(cfg, info);
          renderWallet();
          void refresh();
        } catch (e) {
          app.say("error", explain(String((e as Error).message ?? e)));
        }
      }),
    ];
    if (devWalletAllowed(cfg, network)) {
      buttons.push(
        button("connect-dev", "Use the dev wallet (local chain)", async () => {
          try {
            app.wallet = await connectDev(cfg);
            renderWallet();
            void refresh();
          } catch (e) {
            app.say("error", explain(String((e as Error).message ?? e)));
          }
        }),
      );
    }
    replace(walletBox, ...buttons);
  }

  let refreshing = false;
  async function refresh(): Promise<void> {
    if (refreshing) return;
    refreshing = true;
    try {
      await screens[current][1].refresh();
      const t = document.querySelector("table");
      if (t && !document.body.dataset.firstTableMs) document.body.dataset.firstTableMs = String(Math.round(performance.now() - started));
    } catch (e) {
      app.say("error", `Could not read the chain: ${explain(String((e as Error).message ?? e))}`);
    } finally {
      refreshing = false;
    }
  }

  function show(key: string): void {
    current = key;
    tabs.forEach((t) => t.classList.toggle("active", t.dataset.testid === `tab-${key}`));
    replace(view, screens[key][1].el);
    void refresh();
  }

  const heightEl = h("span", { class: "muted small", "data-testid": "height" });
  replace(
    root,
    h("header", {}, h("h1", {}, "alliancewasm"), h("nav", {}, ...tabs), heightEl, walletBox),
    h("main", {}, notice, view),
    modal,
  );
  renderWallet();
  show(current);

  // New block: refresh the visible screen. Every second: countdowns.
  setInterval(async () => {
    try {
      const b = await app.rest.get<{ block: { header: { height: string } } }>("/cosmos/base/tendermint/v1beta1/blocks/latest");
      const height = Number(b.block.header.height);
      if (height !== app.height) {
        app.height = height;
        heightEl.textContent = `${network} · block ${height}`;
        if (!app.busy) void refresh();
      }
    } catch {
      heightEl.textContent = "node unreachable";
    }
  }, 1000);
  setInterval(() => Object.values(screens).forEach(([, s]) => s.tick?.()), 1000);
}

main().catch((e) => {
  document.getElementById("app")!.textContent = `The app could not start: ${String((e as Error).message ?? e)}`;
});
