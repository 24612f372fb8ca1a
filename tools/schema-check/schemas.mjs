// The contracts' schemas compiled with ajv (JSON Schema draft-07), shared by validate.mjs and
// corpus.mjs.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";

export const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
// The integer formats schemars writes; JSON numbers beyond 2^53 are not exact in JavaScript, so
// uint64 is checked for being a non-negative integer only.
ajv.addFormat("uint32", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
ajv.addFormat("uint64", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 });

const idls = new Map();
const validators = new Map();

// validator returns the compiled schema of a contract's section: "instantiate", "execute",
// "query", ... or "responses/<query>".
export function validator(root, contract, section) {
  const key = `${contract}/${section}`;
  if (!validators.has(key)) {
    if (!idls.has(contract)) {
      const file = path.join(root, "contracts", contract, "schema", `${contract}.json`);
      idls.set(contract, JSON.parse(fs.readFileSync(file, "utf8")));
    }
    const [top, sub] = section.split("/");
    const schema = sub === undefined ? idls.get(contract)[top] : idls.get(contract)[top]?.[sub];
    if (!schema) throw new Error(`${contract}: the schema has no ${section}`);
    validators.set(key, ajv.compile(schema));
  }
  return validators.get(key);
}
