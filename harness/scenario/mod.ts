/**
 * Scenarios: how one is declared ({@linkcode defineScenario}), the claims it may name, the
 * context API it runs against (peers, session files, expectations), and how scenario files are
 * found, loaded and validated before anything runs.
 *
 * @example
 * ```ts ignore
 * import { loadScenarios, validateScenarios } from "./mod.ts";
 * const { scenarios } = await loadScenarios(BUILTIN_SCENARIOS_DIR);
 * validateScenarios(scenarios);
 * ```
 * @module
 */
export * from "./claims.ts";
export * from "./context.ts";
export * from "./deno_peers.ts";
export * from "./expectations.ts";
export * from "./load.ts";
export * from "./scenario.ts";
export * from "./thrown.ts";
export * from "./option_check.ts";
export * from "./validate.ts";
export * from "./variants.ts";
export * from "./resumption_modes.ts";
export * from "./ffi_pair.ts";
export * from "./tls_server.ts";
