/**
 * Mutants for mutation testing of scenarios: peers with one behaviour removed, and the builds
 * that carry them. The runner's `runMutations()` (harness/runner) checks that every scenario
 * fails against the mutants it declares; `harness mutate` (harness/cli) is its command.
 *
 * @example
 * ```ts
 * import { MUTANTS } from "./mod.ts";
 * console.log(MUTANTS.map((m) => m.name));
 * ```
 * @module
 */
export * from "./mutants.ts";
export * from "./mutant_build.ts";
