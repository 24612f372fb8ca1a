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
import path from "node:path";
import Ajv from "ajv";

const [trafficFile, root] = process.argv.slice(2);
if (!trafficFile || !root) {
  console.error("usage: node validate.mjs <traffic.json> <repo root>");
  process.exit(2);
}

const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
// The integer formats schemars writes; JSON numbers beyond 2^53 are not exact in JavaScript, so
// uint64 is checked for being a non-negative integer only.
ajv.addFormat("uint32", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
ajv.addFormat("uint64", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 });

const idls = new Map();
const validators = new Map();

function validator(contract, section, variant) {
  const key = `${contract}/${section}/${variant ?? ""}`;
  if (!validators.has(key)) {
    if (!idls.has(contract)) {
      const file = path.join(root, "contracts", contract, "schema", `${contract}.json`);
      idls.set(contract, JSON.parse(fs.readFileSync(file, "utf8")));
    }
    const idl = idls.get(contract);
    const schema = variant === undefined ? idl[section] : idl.responses?.[variant];
    if (!schema) throw new Error(`${contract}: the schema has no ${section} ${variant ?? ""}`);
    validators.set(key, ajv.compile(schema));
  }
  return validators.get(key);
}

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
