/**
 * TLS implementations as an axis of the matrix: the interface every implementation folder
 * provides (`interface/`), the registry of them (OpenSSL, rustls, BoringSSL, wolfSSL, GnuTLS),
 * and build specs resolved and fetched across all of them.
 *
 * @example
 * ```ts
 * import { IMPLEMENTATIONS, resolveBuildSpecs } from "./mod.ts";
 * import { cacheDir } from "../cache_dir/mod.ts";
 * console.log(IMPLEMENTATIONS.map((i) => i.name));
 * console.log((await resolveBuildSpecs(["rustls"], { cacheDir: cacheDir() }))[0].capabilities);
 * ```
 * @module
 */
export * from "./interface/mod.ts";
export * from "./registry.ts";
