import { defineConfig } from "vite";

// The app talks to the node through its own server, same origin: /api -> the node's REST server,
// /rpc -> CometBFT's RPC. So the node's REST needs no CORS header (the SDK can only allow every
// origin) and nothing else on the machine can read it from a browser.
const rest = process.env.ALLIANCE_REST ?? "http://127.0.0.1:26703";
const rpc = process.env.ALLIANCE_RPC ?? "http://127.0.0.1:26701";
const proxy = {
  "/api": { target: rest, changeOrigin: true, rewrite: (p: string) => p.replace(/^\/api/, "") },
  "/rpc": { target: rpc, changeOrigin: true, rewrite: (p: string) => p.replace(/^\/rpc/, "") || "/" },
};

export default defineConfig({
  build: { outDir: process.env.WEB_OUT ?? "../build/web/dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: "127.0.0.1", proxy },
  preview: { host: "127.0.0.1", strictPort: true, proxy },
});
