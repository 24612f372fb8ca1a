import { describe, expect, it } from "vitest";
import { toHex } from "@cosmjs/encoding";
import { Denoms, formatUnits, parseUnits } from "./amount";
import { ceilFee, dec, decText } from "./app";
import { checkAddress, explain, msgs, registry } from "./chain";
import { takePerYear, yieldPerUnit } from "./screens/alliances";
import { atLeast, beliefPrice, share } from "./screens/pool";

describe("amounts", () => {
  it("parses display units into base units exactly", () => {
    expect(parseUnits("1.5", 6, "ATOM")).toBe(1_500_000n);
    expect(parseUnits("0.000001", 6, "ATOM")).toBe(1n);
    expect(parseUnits("1,000", 6, "ATOM")).toBe(1_000_000_000n);
    expect(parseUnits(".5", 6, "ATOM")).toBe(500_000n);
    expect(parseUnits("12345678901234567890", 6, "ATOM")).toBe(12345678901234567890_000000n);
  });

  it("refuses what is not a positive amount in words", () => {
    expect(parseUnits("0", 6, "ATOM")).toBe("The amount must be more than zero.");
    expect(parseUnits("0.000000", 6, "ATOM")).toBe("The amount must be more than zero.");
    expect(parseUnits("", 6, "ATOM")).toBe("Enter an amount.");
    expect(parseUnits("-1", 6, "ATOM")).toBe('"-1" is not a number.');
    expect(parseUnits("1e6", 6, "ATOM")).toBe('"1e6" is not a number.');
    expect(parseUnits(".", 6, "ATOM")).toBe('"." is not a number.');
    expect(parseUnits("1.0000001", 6, "ATOM")).toBe("ATOM has at most 6 decimals.");
    expect(parseUnits("1.5", 0, "STAKE")).toBe("STAKE has at most 0 decimals.");
  });

  it("formats base units with the metadata's exponent", () => {
    expect(formatUnits(1_500_000n, 6)).toBe("1.5");
    expect(formatUnits(1n, 6)).toBe("0.000001");
    expect(formatUnits(1_234_567_000_000n, 6)).toBe("1,234,567");
    expect(formatUnits(42n, 0)).toBe("42");
    const d = new Denoms();
    d.load([{ base: "uatom", display: "atom", symbol: "ATOM", denom_units: [{ denom: "uatom", exponent: 0 }, { denom: "atom", exponent: 6 }] }]);
    expect(d.format(2_500_000n, "uatom")).toBe("2.5 ATOM");
    // A denom without metadata stays in base units under its own name.
    expect(d.format(7n, "ibc/X")).toBe("7 ibc/X");
  });
});

describe("fees and decimals", () => {
  it("rounds the fee up", () => {
    // 123,457 gas × 0.01 = 1,234.57 -> 1,235
    expect(ceilFee(123_457, "0.01")).toBe(1235n);
    expect(ceilFee(100_000, "0.01")).toBe(1000n);
    expect(ceilFee(1, "0.0025")).toBe(1n);
    expect(ceilFee(100, "0")).toBe(0n);
  });

  it("reads contract decimals at 18 digits", () => {
    expect(dec("1")).toBe(10n ** 18n);
    expect(dec("1.000067250")).toBe(1_000_067_250_000_000_000n);
    expect(decText(dec("1.000067250"), 9)).toBe("1.000067250");
    expect(decText(dec("0.5"))).toBe("0.500000");
  });

  it("estimates an asset's yield in native display units", () => {
    // 127,400,000 stake a year (130M provisions after a 2 % tax); ATOM weight 0.5 is the only
    // asset with stake, so it earns 0.5 / 1.5 of it: 42,466,666.67 stake over 100 ATOM
    // (100,000,000 uatom) = 0.424666 STAKE (6 decimals) per ATOM, rounded down.
    const v = yieldPerUnit(127_400_000n * 10n ** 18n, dec("0.5"), dec("0.5"), 100_000_000n, 6, 6);
    expect(decText(v, 6)).toBe("0.424666");
  });

  it("compounds the take rate over a year", () => {
    // 1 − (1 − 0.000001)^(31,557,600 / 300) = 1 − e^(105,192 × ln(0.999999)) ≈ 0.09985
    expect(takePerYear(0.000001, 300)).toBeCloseTo(0.09985, 4);
    expect(takePerYear(0, 300)).toBe(0);
    expect(takePerYear(0.1, 0)).toBe(0);
  });
});

describe("addresses", () => {
  const good = "alliance1cyyzpxplxdzkeea7kwsydadg87357qnaznl0wd";
  it("accepts a valid address of the chain's prefix", () => {
    expect(checkAddress(good, "alliance")).toBeNull();
  });
  it("refuses malformed, mistyped and foreign addresses", () => {
    expect(checkAddress("alliance1notanaddress", "alliance")).toMatch(/is not a valid address/);
    expect(checkAddress(good.slice(0, -1) + "x", "alliance")).toMatch(/is not a valid address/);
    // The same key on another chain: a valid address, refused for its prefix.
    expect(checkAddress("cosmos1cyyzpxplxdzkeea7kwsydadg87357qnalx9dqz", "alliance")).toBe(
      "This is a cosmos address; this chain's addresses start with alliance1.",
    );
    expect(checkAddress(" ", "alliance")).toBe("Enter an address.");
  });
});

describe("alliance messages", () => {
  it("encodes MsgDelegate as upstream's proto (fields 1, 2, 3 = Coin{denom 1, amount 2})", () => {
    const bytes = registry().encode(msgs.delegate("a", "v", 5n, "u"));
    // 0a 01 'a' | 12 01 'v' | 1a 06 (0a 01 'u' 12 01 '5')
    expect(toHex(bytes)).toBe("0a0161" + "120176" + "1a06" + "0a0175" + "120135");
  });
  it("encodes MsgRedelegate with the source and destination in fields 2 and 3, the coin in 4", () => {
    const bytes = registry().encode(msgs.redelegate("a", "s", "d", 7n, "u"));
    expect(toHex(bytes)).toBe("0a0161" + "120173" + "1a0164" + "2206" + "0a0175" + "120137");
  });
  it("encodes MsgClaimDelegationRewards as delegator, validator, denom", () => {
    expect(toHex(registry().encode(msgs.claim("a", "v", "u")))).toBe("0a0161" + "120176" + "1a0175");
  });
});

describe("chain errors in words", () => {
  it("translates the errors users meet", () => {
    expect(explain("failed to execute message; message index: 0: spendable balance 5stake is smaller than 9stake: insufficient funds")).toBe(
      "Your balance is too low for this amount plus the fee.",
    );
    expect(explain("account sequence mismatch, expected 4, got 3: incorrect account sequence")).toMatch(/Please try again/);
    expect(explain("Failed to fetch")).toBe("The node cannot be reached. Is it running?");
  });
  it("quotes a contract's own error", () => {
    expect(explain("failed to execute message; message index: 0: Unauthorized: execute wasm contract failed")).toBe("The contract refused: Unauthorized");
  });
  it("keeps the chain's words for anything else", () => {
    expect(explain("failed to execute message; message index: 0: something new [cosmos/x]")).toBe("The chain refused the transaction: something new");
  });
});

describe("pool math", () => {
  it("values LP shares as the pair pays them: floor(lp × reserve / total)", () => {
    // 5,000,000 of 100,000,000 shares of a 101,000,000 reserve: 5,050,000 exactly; of 99,012,872: 4,950,643.6 → 4,950,643.
    expect(share(5_000_000n, 101_000_000n, 100_000_000n)).toBe(5_050_000n);
    expect(share(5_000_000n, 99_012_872n, 100_000_000n)).toBe(4_950_643n);
    expect(share(1n, 5n, 0n)).toBe(0n);
  });
  it("sends a belief price the pair's floor(offer / price) turns back into at most the quote", () => {
    // 1,000,000 offered for 987,128 quoted: 10^24 / 987,128 = 1,013,039,848,935,497,726.6 atomics, rounded up.
    expect(beliefPrice(1_000_000n, 987_128n)).toBe("1.013039848935497727");
    expect(beliefPrice(2n, 1n)).toBe("2.000000000000000000");
    // floor(1,000,000 × 10^18 / 1,013,039,848,935,497,727) = 987,127 (not above the quote).
    expect((1_000_000n * 10n ** 18n) / 1_013_039_848_935_497_727n).toBe(987_127n);
  });
  it("rounds the minimum after slippage down", () => {
    expect(atLeast(987_128n, 10n ** 16n)).toBe(977_256n); // 987,128 × 0.99 = 977,256.72
    expect(atLeast(100n, 0n)).toBe(100n);
  });
});
