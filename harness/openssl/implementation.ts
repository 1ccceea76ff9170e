import type { Implementation } from "../impl/interface/mod.ts";
import type { OpensslBuild } from "./build.ts";
import { fetchedBuilds, resolveBuilds } from "./builds.ts";
import { fetchBuilds } from "./fetch.ts";
import { FETCHABLE_LABELS } from "./fetch_recipes.ts";

/**
 * OpenSSL as an {@linkcode Implementation}: the system `openssl`, the builds fetched from
 * Debian's archive (one per family, and point releases), and builds given by path. A version
 * spec is what `--openssl` takes (`system`, `3.5`, `4.0.3`, `all`, a path); its builds'
 * capabilities come from their files (see {@linkcode opensslBuild}), so listing them runs
 * nothing but `openssl version` of the system build.
 *
 * @example
 * ```ts
 * import { openssl } from "./implementation.ts";
 * import { cacheDir } from "../cache_dir/mod.ts";
 * const builds = await openssl.resolve("system", { cacheDir: cacheDir() });
 * console.log(builds[0].implementation, builds[0].capabilities);
 * ```
 */
export const openssl: Implementation & {
  resolve(version: string | undefined, o: { cacheDir: string }): Promise<OpensslBuild[]>;
} = {
  name: "openssl",
  title: "OpenSSL",
  versions: FETCHABLE_LABELS,
  fetch: (version, o) =>
    fetchBuilds([version ?? "all"], {
      cacheDir: o.cacheDir,
      signal: o.signal,
      onProgress: o.log,
    }),
  async list(o) {
    const system = await resolveBuilds(["system"], o).catch(() => []);
    return [...system, ...await fetchedBuilds({ cacheDir: o.cacheDir })];
  },
  resolve: (version, o) => resolveBuilds([version ?? "all"], o),
};
