import type { Scenario } from "../scenario/mod.ts";
import { SANITY_TAG } from "./run_scenarios.ts";
import { namePattern } from "./name_pattern.ts";

/** Selection criteria; each list is OR-ed, the kinds are AND-ed. Empty lists select all. */
export interface Selection {
  /** Name contains the pattern (`*` in it matches anything). */
  filters: string[];
  /** Scenario has one of these tags. */
  tags: string[];
  /** Scenario cites one of these claims. */
  claims: string[];
}

function nameMatches(pattern: string, name: string): boolean {
  return namePattern(pattern, { whole: false }).test(name);
}

/**
 * The scenarios a selection picks, in their original order. Sanity scenarios are always kept:
 * they run first and tell whether the rest can mean anything.
 *
 * @example
 * ```ts
 * import { selectScenarios } from "./select.ts";
 * console.log(selectScenarios([], { filters: ["ticket"], tags: [], claims: ["GS-9"] }));
 * ```
 */
export function selectScenarios(scenarios: readonly Scenario[], selection: Selection): Scenario[] {
  return scenarios.filter((s) =>
    s.tags.includes(SANITY_TAG) ||
    ((selection.filters.length === 0 || selection.filters.some((f) => nameMatches(f, s.name))) &&
      (selection.tags.length === 0 || selection.tags.some((t) => s.tags.includes(t))) &&
      (selection.claims.length === 0 || selection.claims.some((c) => s.claims.includes(c))))
  );
}
