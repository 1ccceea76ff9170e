/**
 * Mutation testing of scenarios: peers with one behaviour removed, and a runner that checks
 * that every scenario fails against the mutants it declares.
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
export * from "./run_mutations.ts";
