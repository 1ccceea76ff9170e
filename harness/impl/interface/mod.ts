/**
 * The implementation interface: what a {@linkcode Build} is (implementation, version, paths,
 * capabilities as data), what an {@linkcode Implementation} provides (fetch, list, resolve), the
 * requirements scenarios declare and how a build meets them, build specs, and the probe cache.
 * It imports nothing of the harness: every implementation folder and the engine depend on it.
 *
 * @example
 * ```ts
 * import { parseBuildSpec, parseRequirement } from "./mod.ts";
 * console.log(parseBuildSpec("boringssl:14").implementation, parseRequirement("api").side);
 * ```
 * @module
 */
export * from "./build.ts";
export * from "./capability.ts";
export * from "./implementation.ts";
export * from "./probe_cache.ts";
export * from "./spec.ts";
export * from "./resolve.ts";
