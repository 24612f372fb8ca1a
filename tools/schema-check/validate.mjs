// Validates contract messages and query answers against the contracts' cosmwasm schemas with ajv
// (JSON Schema draft-07), as a dApp or an indexer would.
//
//   node validate.mjs <traffic.json> <repo root>
//
// traffic.json is a list of {"contract","kind","msg","answer"} (kind: instantiate, execute, query;
// answer only for queries), written by the e2e test that records what the tests sent. Each message
// must match the schema of its entry point and each answer the schema of its query's response. As
// a check that the schemas are not vacuous, each message with one unknown top-level key added must
// be refused. Prints a summary line per contract; exits 1 on the first kind of failure found.
import fs from "node:fs";
import { ajv, validator as compiled } from "./schemas.mjs";

const [trafficFile, root] = process.argv.slice(2);
if (!trafficFile || !root) {
  console.error("usage: node validate.mjs <traffic.json> <repo root>");
  process.exit(2);
}
const validator = (contract, section, variant) =>
  compiled(root, contract, variant === undefined ? section : `${section}/${variant}`);

const traffic = JSON.parse(fs.readFileSync(trafficFile, "utf8"));
const counts = {};
const failures = [];
for (const rec of traffic) {
  const c = (counts[rec.contract] ??= { instantiate: 0, execute: 0, query: 0, answer: 0 });
  const check = (v, value, what) => {
    if (!v(value)) {
      failures.push(`${rec.contract} ${what} ${JSON.stringify(value)}: ${ajv.errorsText(v.errors)}`);
      return false;
    }
    return true;
  };
  const v = validator(rec.contract, rec.kind);
  if (check(v, rec.msg, rec.kind)) c[rec.kind]++;
  const extra = { ...rec.msg, cwgen_unknown: {} };
  if (v(extra)) failures.push(`${rec.contract} ${rec.kind}: the schema accepts an unknown key: ${JSON.stringify(extra)}`);
  if (rec.kind === "query") {
    const variant = Object.keys(rec.msg)[0];
    if (check(validator(rec.contract, "responses", variant), rec.answer, `answer to ${variant}`)) c.answer++;
  }
}
for (const [contract, c] of Object.entries(counts)) {
  console.log(`${contract}: ${c.instantiate} instantiate, ${c.execute} execute, ${c.query} query messages and ${c.answer} answers valid`);
}
if (failures.length > 0) {
  console.error(failures.slice(0, 20).join("\n"));
  console.error(`${failures.length} failures`);
  process.exit(1);
}
