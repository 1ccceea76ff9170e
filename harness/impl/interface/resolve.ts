import type { Build } from "./build.ts";
import type { Implementation, ImplementationOptions } from "./implementation.ts";
import { specNamesBuild } from "./spec.ts";

/**
 * {@linkcode Implementation.resolve} for an implementation whose builds are all listed: every
 * listed build (`undefined`), or those a version spec names ({@linkcode specNamesBuild}).
 *
 * @throws {Error} naming the spec, the builds there are and the command that fetches it.
 * @example
 * ```ts ignore
 * import { resolveListed } from "./resolve.ts";
 * const builds = await resolveListed(wolfssl, "5.7", { cacheDir });
 * ```
 */
export async function resolveListed(
  impl: Implementation,
  version: string | undefined,
  options: ImplementationOptions,
): Promise<Build[]> {
  const listed = await impl.list(options);
  const found = version === undefined ? listed : listed.filter((b) => specNamesBuild(version, b));
  if (found.length > 0) return found;
  const spec = version === undefined ? impl.name : `${impl.name}:${version}`;
  const have = listed.length ? listed.map((b) => b.id).join(", ") : "none";
  const fetchable = version === undefined
    ? impl.versions.length > 0
    : impl.versions.some((v) =>
      v === version || v.startsWith(`${version}.`) ||
      version.startsWith(`${v}.`)
    );
  const how = fetchable
    ? `fetch it with "deno task harness builds fetch ${spec}"`
    : impl.versions.length
    ? `${impl.title} versions that can be fetched: ${impl.versions.join(", ")}`
    : `${impl.title} has no other build`;
  throw new Error(`Unknown build "${spec}": ${impl.title} builds here: ${have}; ${how}`);
}
