// Amounts are integers of base units (bigint); the chain's denom metadata gives display units.

export interface DenomUnit {
  display: string; // what the user reads: "ATOM"
  exponent: number; // base units per display unit = 10^exponent
}

export class Denoms {
  private units = new Map<string, DenomUnit>();

  // load reads the bank metadata list (/cosmos/bank/v1beta1/denoms_metadata).
  load(metadatas: { base: string; display: string; symbol?: string; denom_units: { denom: string; exponent: number }[] }[]): void {
    for (const m of metadatas) {
      const unit = m.denom_units.find((u) => u.denom === m.display);
      if (!unit) continue;
      this.units.set(m.base, { display: (m.symbol || m.display).toUpperCase(), exponent: unit.exponent });
    }
  }

  set(base: string, unit: DenomUnit): void {
    this.units.set(base, unit);
  }

  unit(base: string): DenomUnit {
    return this.units.get(base) ?? { display: base, exponent: 0 };
  }

  // format: "1.234567 ATOM"; trailing zeros dropped.
  format(amount: bigint | string, denom: string): string {
    const u = this.unit(denom);
    return `${formatUnits(BigInt(amount), u.exponent)} ${u.display}`;
  }

  // parse: user text in display units -> base units, or an error sentence.
  parse(text: string, denom: string): bigint | string {
    return parseUnits(text, this.unit(denom).exponent, this.unit(denom).display);
  }
}

export function formatUnits(v: bigint, exponent: number): string {
  const neg = v < 0n;
  if (neg) v = -v;
  const base = 10n ** BigInt(exponent);
  const whole = v / base;
  let frac = exponent > 0 ? (v % base).toString().padStart(exponent, "0").replace(/0+$/, "") : "";
  const w = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (frac.length > 0) frac = "." + frac;
  return (neg ? "-" : "") + w + frac;
}

export function parseUnits(text: string, exponent: number, name: string): bigint | string {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return "Enter an amount.";
  if (!/^\d*\.?\d*$/.test(t) || t === ".") return `"${text}" is not a number.`;
  const [w, f = ""] = t.split(".");
  if (f.length > exponent) return `${name} has at most ${exponent} decimals.`;
  const v = BigInt(w || "0") * 10n ** BigInt(exponent) + BigInt((f + "0".repeat(exponent)).slice(0, exponent) || "0");
  if (v === 0n) return "The amount must be more than zero.";
  return v;
}
