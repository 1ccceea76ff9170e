import {
  type Build,
  type Implementation,
  type ImplementationOptions,
  parseBuildSpec,
} from "./interface/mod.ts";
import { openssl } from "../openssl/implementation.ts";
import { rustls } from "./rustls/mod.ts";
import { boringssl } from "./boringssl/implementation.ts";
import { wolfssl } from "./wolfssl/mod.ts";
import { gnutls } from "./gnutls/mod.ts";

/**
 * Every implementation the harness knows, in the order `all` lists them. Adding a stack is a
 * folder under `harness/impl/` exporting an {@linkcode Implementation}, and one entry here.
 */
export const IMPLEMENTATIONS: readonly Implementation[] = [
  openssl,
  rustls,
  boringssl,
  wolfssl,
  gnutls,
];

/**
 * The implementation of that name.
 *
 * @throws {RangeError} naming the known ones.
 * @example
 * ```ts
 * import { implementationNamed } from "./registry.ts";
 * console.log(implementationNamed("boringssl").title); // "BoringSSL"
 * ```
 */
export function implementationNamed(name: string): Implementation {
  const impl = IMPLEMENTATIONS.find((i) => i.name === name);
  if (!impl) {
    throw new RangeError(
      `Unknown implementation "${name}": known are ${
        IMPLEMENTATIONS.map((i) => `"${i.name}"`).join(", ")
      }`,
    );
  }
  return impl;
}

function dedupe(builds: Build[]): Build[] {
  const seen = new Set<string>();
  return builds.filter((b) => {
    const key = `${b.implementation}\0${b.id}\0${b.path ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The builds `--build` specs name, in order, without duplicates: `all` (every listed build of
 * every implementation), `IMPL` (every listed build of it), `IMPL:VERSION` (what the
 * implementation's resolve makes of VERSION: `openssl:3.5`, `openssl:system`, `boringssl:14`,
 * `openssl:/opt/ssl`). Builds come probed; nothing is fetched. Once `options.signal` is aborted
 * it resolves no further spec and returns the builds so far.
 *
 * @throws {RangeError} for a malformed spec or an unknown implementation; {@linkcode Error} for
 * a version that names no build here (saying how to fetch it).
 * @example
 * ```ts
 * import { resolveBuildSpecs } from "./registry.ts";
 * import { cacheDir } from "../cache_dir/mod.ts";
 * const builds = await resolveBuildSpecs(["openssl:system", "rustls"], { cacheDir: cacheDir() });
 * console.log(builds.map((b) => `${b.implementation}:${b.id}`));
 * ```
 */
export async function resolveBuildSpecs(
  specs: readonly string[],
  options: ImplementationOptions,
): Promise<Build[]> {
  const out: Build[] = [];
  for (const text of specs) {
    // Interrupted: probe no further (each probe would start, and be killed, in turn).
    if (options.signal?.aborted) break;
    const spec = parseBuildSpec(text);
    if (spec.implementation === undefined) {
      for (const impl of IMPLEMENTATIONS) {
        if (!options.signal?.aborted) out.push(...await impl.list(options));
      }
    } else {
      out.push(...await implementationNamed(spec.implementation).resolve(spec.version, options));
    }
  }
  return dedupe(out);
}

/**
 * Fetch what specs name (`all`, `IMPL`, `IMPL:VERSION`) into the cache and return the builds,
 * probed. Builds already in the cache are not downloaded again (each implementation's fetch
 * checks its cache first).
 *
 * @throws {RangeError} for a malformed spec, an unknown implementation or a version it cannot
 * fetch, before anything is downloaded.
 * @example
 * ```ts ignore
 * import { fetchBuildSpecs } from "./registry.ts";
 * const builds = await fetchBuildSpecs(["boringssl:14", "wolfssl"], { cacheDir, log: console.log });
 * ```
 */
export async function fetchBuildSpecs(
  specs: readonly string[],
  options: ImplementationOptions,
): Promise<Build[]> {
  const plan = specs.flatMap((text) => {
    const spec = parseBuildSpec(text);
    const impls = spec.implementation === undefined
      ? IMPLEMENTATIONS
      : [implementationNamed(spec.implementation)];
    return impls.map((impl) => ({ impl, version: spec.version }));
  });
  const out: Build[] = [];
  for (const { impl, version } of plan) out.push(...await impl.fetch(version, options));
  return dedupe(out);
}
