import { narrowVariants, type Scenario, variantLabel } from "../scenario/mod.ts";
import { SANITY_TAG } from "./run_scenarios.ts";
import { namePattern } from "./name_pattern.ts";

/** Selection criteria; each list is OR-ed, the kinds are AND-ed. Empty lists select all. */
export interface Selection {
  /**
   * `scenario[variant]` (the name alone for a scenario without variants) contains the pattern
   * (`*` in it matches anything): `x[tls1.2/*]` keeps the TLS 1.2 variants of x.
   */
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
 * The scenarios a selection picks, in their original order, each narrowed to the variants
 * `filters` pick (see {@linkcode narrowVariants}). Sanity scenarios are kept whatever the
 * selection (they run first and tell whether the rest can mean anything), unless
 * `options.keepSanity` is false: then they too must match.
 *
 * @example
 * ```ts
 * import { selectScenarios } from "./select.ts";
 * console.log(selectScenarios([], { filters: ["ticket"], tags: [], claims: ["GS-9"] }));
 * ```
 */
export function selectScenarios(
  scenarios: readonly Scenario[],
  selection: Selection,
  options: { keepSanity?: boolean } = {},
): Scenario[] {
  const keepSanity = options.keepSanity ?? true;
  return scenarios.flatMap((s) => {
    if (keepSanity && s.tags.includes(SANITY_TAG)) return [s];
    if (selection.tags.length && !selection.tags.some((t) => s.tags.includes(t))) return [];
    if (selection.claims.length && !selection.claims.some((c) => s.claims.includes(c))) return [];
    if (selection.filters.length === 0) return [s];
    const narrowed = narrowVariants(
      s,
      (v) => selection.filters.some((f) => nameMatches(f, variantLabel(s.name, v))),
    );
    return narrowed ? [narrowed] : [];
  });
}
