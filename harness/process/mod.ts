/**
 * The one place that starts processes: explicit stdio, output captured line by line as it
 * arrives, readiness with deadlines, kill-and-reap on disposal, and a registry so that nothing
 * outlives the harness.
 *
 * @example
 * ```ts
 * import { run } from "./mod.ts";
 * const r = await run("openssl", { args: ["version"], timeoutMs: 5000 });
 * console.log(r.stdout.trim());
 * ```
 * @module
 */
export * from "./process_error.ts";
export * from "./spawn.ts";
export * from "./ports.ts";
export * from "./ready_line.ts";
export * from "./watchdog.ts";
