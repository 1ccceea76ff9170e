import { isDeepStrictEqual } from "node:util";
import { toHex } from "../encoding/mod.ts";

/** One check a scenario made, tied to the claim it verifies. */
export interface ExpectationRecord {
  /** Claim ID the check verifies. */
  claim: string;
  /** What was checked, in words. */
  description: string;
  /** Whether it held. */
  passed: boolean;
  /** What was observed, rendered for people. */
  actual: string;
  /** What the claim says should be observed, rendered for people. */
  expected: string;
}

/** Thrown by a failed expectation: the scenario's verdict is "fail" (not "error"). */
export class ExpectationError extends Error {
  /** The failed check. */
  readonly record: ExpectationRecord;
  /** The error of the failed check `record`. */
  constructor(record: ExpectationRecord) {
    super(
      `Expectation failed for ${record.claim}: ${record.description}: ` +
        `expected ${record.expected}, got ${record.actual}`,
    );
    this.name = "ExpectationError";
    this.record = record;
  }
}

/** Render a value for a report: bytes as hex, strings quoted, the rest as Deno shows it. */
export function formatValue(value: unknown): string {
  if (value instanceof Uint8Array) {
    const hex = toHex(value.subarray(0, 48));
    return value.length > 48 ? `<${value.length} bytes ${hex}…>` : `<${value.length} bytes ${hex}>`;
  }
  if (typeof value === "string") return JSON.stringify(value);
  return Deno.inspect(value, { depth: 4, colors: false, compact: true, breakLength: Infinity });
}

/**
 * The checks of one scenario. Each takes the claim ID first, so a report can say which claim
 * held and which did not; a claim the scenario did not declare is a mistake in the scenario
 * (TypeError), not a verdict. The first failed check throws {@linkcode ExpectationError}.
 */
export class Expectations {
  /** Every check made so far, in order. */
  readonly records: ExpectationRecord[] = [];
  #claims: ReadonlySet<string>;
  #scenario: string;

  /** Checks of `scenario`, which may cite only the claims it declares. */
  constructor(scenario: string, claims: readonly string[]) {
    this.#scenario = scenario;
    this.#claims = new Set(claims);
  }

  /** `actual` deep-equals `expected` (bytes compared by content). */
  equal<T>(claim: string, description: string, actual: T, expected: T): void {
    this.#record(claim, description, isDeepStrictEqual(actual, expected), actual, expected);
  }

  /** `actual` does not deep-equal `unexpected`. */
  notEqual<T>(claim: string, description: string, actual: T, unexpected: T): void {
    const passed = !isDeepStrictEqual(actual, unexpected);
    this.#recordText(
      claim,
      description,
      passed,
      formatValue(actual),
      `not ${formatValue(unexpected)}`,
    );
  }

  /** `condition` holds; `observed` says what was seen, for the report. */
  ok(claim: string, description: string, condition: boolean, observed?: unknown): void {
    this.#recordText(
      claim,
      description,
      condition === true,
      observed === undefined ? String(condition) : formatValue(observed),
      observed === undefined ? "true" : "the condition to hold",
    );
  }

  /** `text` matches `pattern`. */
  match(claim: string, description: string, text: string | undefined, pattern: RegExp): void {
    this.#recordText(
      claim,
      description,
      text !== undefined && pattern.test(text),
      formatValue(text),
      `a match for ${pattern}`,
    );
  }

  /** Number of checks that held. */
  get passedCount(): number {
    return this.records.filter((r) => r.passed).length;
  }

  #record(claim: string, description: string, passed: boolean, actual: unknown, expected: unknown) {
    this.#recordText(claim, description, passed, formatValue(actual), formatValue(expected));
  }

  #recordText(
    claim: string,
    description: string,
    passed: boolean,
    actual: string,
    expected: string,
  ) {
    if (!this.#claims.has(claim)) {
      throw new TypeError(
        `Scenario "${this.#scenario}" checks claim "${claim}" that it does not declare: ` +
          `add it to "claims" or name one of ${[...this.#claims].join(", ")}`,
      );
    }
    const record = { claim, description, passed, actual, expected };
    this.records.push(record);
    if (!passed) throw new ExpectationError(record);
  }
}
