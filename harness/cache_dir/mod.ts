/**
 * The harness's cache directory (fetched builds, probes, the test PKI, the session preload):
 * its own folder, below both harness/openssl and harness/process, which use it.
 *
 * @example
 * ```ts
 * import { cacheDir } from "./mod.ts";
 * console.log(cacheDir("/tmp/c")); // /tmp/c
 * ```
 * @module
 */
export * from "./cache_dir.ts";
