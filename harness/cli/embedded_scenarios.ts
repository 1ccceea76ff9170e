/**
 * Scenario files compiled into the CLI. In the repository this is `undefined` and scenarios are
 * imported from `scenarios/` at run time; `deno task bundle` swaps this module for one that
 * imports every scenario file statically, so a bundle carries its scenarios with it.
 * @module
 */

/** One scenario file compiled into a bundle. */
export interface EmbeddedScenarioFile {
  /** Its path in the repository, e.g. "scenarios/get_session/last_ticket_wins.ts". */
  file: string;
  /** The module's exports (`default` holds the scenario or an array of them). */
  module: Record<string, unknown>;
}

/**
 * The scenario files of a bundle, or `undefined` when running from the repository.
 *
 * @example
 * ```ts
 * import { EMBEDDED_SCENARIOS } from "./embedded_scenarios.ts";
 * console.log(EMBEDDED_SCENARIOS === undefined); // true outside a bundle
 * ```
 */
export const EMBEDDED_SCENARIOS: readonly EmbeddedScenarioFile[] | undefined = undefined;
