// Generates TypeScript clients of the contracts from their schemas with @cosmwasm/ts-codegen, the
// way a dApp would, into the directory given as the first argument.
//
//   node codegen.mjs <outdir> <name=schemaDir>...
import tsCodegen from "@cosmwasm/ts-codegen";

// The package is CommonJS: its default export arrives as .default under ESM.
const codegen = tsCodegen.default ?? tsCodegen;

const [outPath, ...specs] = process.argv.slice(2);
if (!outPath || specs.length === 0) {
  console.error("usage: node codegen.mjs <outdir> <Name=schemaDir>...");
  process.exit(2);
}
const contracts = specs.map((s) => {
  const [name, dir] = s.split("=");
  return { name, dir };
});
await codegen({
  contracts,
  outPath,
  options: {
    bundle: { enabled: false },
    types: { enabled: true },
    client: { enabled: true },
    messageComposer: { enabled: true },
    reactQuery: { enabled: false },
    recoil: { enabled: false },
    messageBuilder: { enabled: false },
    useContractsHook: { enabled: false },
  },
});
