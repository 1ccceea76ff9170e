/**
 * Reporters over runner events: `pretty`, `json`, `junit`.
 *
 * @example
 * ```ts
 * import { REPORTERS } from "./mod.ts";
 * console.log(Object.keys(REPORTERS));
 * ```
 * @module
 */
import { jsonReporter } from "./json.ts";
import { junitReporter } from "./junit.ts";
import { prettyReporter } from "./pretty.ts";
import type { Reporter } from "./reporter.ts";

export * from "./reporter.ts";
export * from "./claims_table.ts";
export * from "./broadcast.ts";
export { describeFailure, prettyReporter } from "./pretty.ts";
export { jsonReporter, resultRecord } from "./json.ts";
export { junitReporter } from "./junit.ts";

/** Reporters by the name `--reporter` takes. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  pretty: prettyReporter,
  json: jsonReporter,
  junit: junitReporter,
};
