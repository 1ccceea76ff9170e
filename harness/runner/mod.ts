/**
 * The runner: selects and shards scenarios, runs each on every build with its own context, and
 * emits typed {@linkcode RunEvent}s for the reporters; expected deviations
 * (`expected_deviations.json`) turn known failures into `xfail` (and an unexpected pass into
 * `xpass`).
 *
 * @example
 * ```ts ignore
 * import { runScenarios } from "./mod.ts";
 * for await (const event of runScenarios({ scenarios, builds })) console.log(event.type);
 * ```
 * @module
 */
export * from "./deviations.ts";
export * from "./events.ts";
export * from "./name_pattern.ts";
export * from "./run_mutations.ts";
export * from "./run_scenarios.ts";
export * from "./select.ts";
export * from "./shard.ts";
export * from "./task_durations.ts";
export * from "./redact.ts";
