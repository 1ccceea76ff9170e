import type { Build, ImplementationName } from "./build.ts";

/** Options every {@linkcode Implementation} method takes. */
export interface ImplementationOptions {
  /** The harness cache folder (builds live in `<cacheDir>/builds/`). */
  cacheDir: string;
  /** Aborting stops the work (a fetch leaves the cache as it was). */
  signal?: AbortSignal;
  /** Called with one human-readable line per step. */
  log?: (line: string) => void;
  /**
   * Deadline of each command a build's probe runs (`openssl version`, a `-help`), in ms: the
   * run's `--timeout`, so a loaded machine that gives a scenario more time gives its probes as
   * much. @default {each implementation's own (OpenSSL's: 60 s)}
   */
  probeTimeoutMs?: number;
}

/**
 * One TLS implementation the harness can run: how to get its builds, which ones are here, and
 * which ones a spec names. What a build can do is data on each {@linkcode Build} (probed once by
 * the implementation and cached beside the build's manifest), so nothing outside the
 * implementation's folder reads its version text or knows its tools.
 *
 * @example
 * ```ts ignore
 * import type { Implementation } from "./implementation.ts";
 * export const mystack: Implementation = {
 *   name: "mystack",
 *   title: "MyStack",
 *   versions: ["1.2"],
 *   fetch: (version, o) => fetchMystack(version ?? "all", o),
 *   list: (o) => cachedMystack(o.cacheDir),
 *   resolve: (version, o) => resolveFromList(mystack, version, o),
 * };
 * ```
 */
export interface Implementation {
  /** The name in specs, JSON and deviations ("openssl", "boringssl", …). */
  name: ImplementationName;
  /** The name people write ("OpenSSL", "BoringSSL", "Deno (rustls)"). */
  title: string;
  /**
   * The versions `builds fetch IMPL` (and `all`) fetches, one per family, oldest first; empty
   * when the implementation is not fetched (rustls ships inside Deno).
   */
  versions: readonly string[];
  /**
   * Fetch one version (`undefined`: every one of {@linkcode Implementation.versions}) into the
   * cache and return its builds, probed. A build already in the cache is not downloaded again.
   *
   * @throws {RangeError} for a version it cannot fetch, naming the ones it can.
   */
  fetch(version: string | undefined, options: ImplementationOptions): Promise<Build[]>;
  /**
   * The builds usable without fetching (cached, system, built in), probed: a build's probe runs
   * once and its result is cached; a build whose probe failed carries `probeError`.
   */
  list(options: ImplementationOptions): Promise<Build[]>;
  /**
   * The builds a version spec names (`undefined`: every listed build), in order.
   *
   * @throws {Error} naming the spec, what is available and how to fetch it.
   */
  resolve(version: string | undefined, options: ImplementationOptions): Promise<Build[]>;
}
