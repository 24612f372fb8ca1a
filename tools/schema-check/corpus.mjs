// Checks that each contract's schema accepts exactly the documents its generated decoder accepts,
// over the corpus cwgentest.Check writes (random values of every message and answer type, and
// their mutations: a required field removed, an option absent or null, an unknown field, a second
// or an unknown enum variant).
//
//   node corpus.mjs <corpus dir> <repo root>
import fs from "node:fs";
import path from "node:path";
import { ajv, validator } from "./schemas.mjs";

const [dir, root] = process.argv.slice(2);
if (!dir || !root) {
  console.error("usage: node corpus.mjs <corpus dir> <repo root>");
  process.exit(2);
}
const counts = {};
const failures = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
  for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n")) {
    if (line === "") continue;
    const e = JSON.parse(line);
    const v = validator(root, e.contract, e.schema);
    const ok = v(e.doc);
    const c = (counts[`${e.contract} ${e.schema}`] ??= { valid: 0, invalid: 0 });
    c[e.valid ? "valid" : "invalid"]++;
    if (ok !== e.valid) {
      failures.push(`${e.contract} ${e.schema} (${e.why}): the decoder ${e.valid ? "accepts" : "refuses"} ${JSON.stringify(e.doc)} but the schema ${ok ? "accepts" : "refuses"} it${ok ? "" : ": " + ajv.errorsText(v.errors)}`);
    }
  }
}
for (const [k, c] of Object.entries(counts)) console.log(`${k}: ${c.valid} accepted and ${c.invalid} refused by both`);
if (Object.keys(counts).length === 0) {
  console.error("empty corpus");
  process.exit(1);
}
if (failures.length > 0) {
  console.error(failures.slice(0, 20).join("\n"));
  console.error(`${failures.length} disagreements`);
  process.exit(1);
}
