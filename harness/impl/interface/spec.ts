import type { Build } from "./build.ts";

/** A parsed build spec: `IMPL`, `IMPL:VERSION` or `all`. */
export interface BuildSpec {
  /** The implementation, or `undefined` for `all` (every implementation). */
  implementation?: string;
  /** The version part, as written (`"3.5"`, `"14"`, `"system"`, a path); absent: every build. */
  version?: string;
}

/**
 * Split a `--build` / `builds fetch` spec. `IMPL:VERSION` splits at the first colon (a path
 * after `openssl:` may hold more); `IMPL:all` is `IMPL`.
 *
 * @throws {RangeError} for an empty spec or an empty part.
 * @example
 * ```ts
 * import { parseBuildSpec } from "./spec.ts";
 * console.log(parseBuildSpec("openssl:3.5")); // { implementation: "openssl", version: "3.5" }
 * console.log(parseBuildSpec("all")); // {}
 * ```
 */
export function parseBuildSpec(spec: string): BuildSpec {
  if (spec === "all") return {};
  const i = spec.indexOf(":");
  const implementation = i < 0 ? spec : spec.slice(0, i);
  const version = i < 0 ? undefined : spec.slice(i + 1);
  if (!/^[a-z][a-z0-9-]*$/.test(implementation) || version === "") {
    throw new RangeError(
      `Bad build spec "${spec}": expected IMPL or IMPL:VERSION ("openssl:3.5", "boringssl:14", ` +
        `"rustls") or "all"`,
    );
  }
  return version === undefined || version === "all" ? { implementation } : {
    implementation,
    version,
  };
}

/**
 * The version number a build's id carries ("boringssl-14.0.0" → "14.0.0", "1.1.1w" → "1.1.1w",
 * "gnutls-3.8.9" → "3.8.9"), or `undefined` (a path, "system").
 *
 * @example
 * ```ts
 * import { idVersion } from "./spec.ts";
 * console.log(idVersion("wolfssl-5.7.2")); // "5.7.2"
 * ```
 */
export function idVersion(id: string): string | undefined {
  return /(?:^|-)(\d+(?:\.\d+)*[a-z]?)$/.exec(id)?.[1];
}

/**
 * Whether a version spec names a build: its id, or its id's version or its family or a prefix
 * of either ending at a component boundary ("5.7" names 5.7.2, "3.8" names 3.8.13 but "3.8.1" does not).
 *
 * @example
 * ```ts
 * import { specNamesBuild } from "./spec.ts";
 * console.log(specNamesBuild("14", { id: "boringssl-14.0.0", family: "14" })); // true
 * console.log(specNamesBuild("3.8.1", { id: "gnutls-3.8.13", family: "3.8" })); // false
 * ```
 */
export function specNamesBuild(spec: string, build: Pick<Build, "id" | "family">): boolean {
  if (spec === build.id) return true;
  return [idVersion(build.id), build.family].some((v) => {
    if (!v || !v.startsWith(spec)) return false;
    const next = v[spec.length];
    return next === undefined || next === "." || (/[a-z]/.test(next) && /\d$/.test(spec));
  });
}

/**
 * A build's version as numbers, for version ranges: its `versionNumber`, else its id's version,
 * else its family ("1.1.1w" → [1, 1, 1]; nothing numeric → [0, 0, 0]).
 *
 * @example
 * ```ts
 * import { buildVersionTriple } from "./spec.ts";
 * console.log(buildVersionTriple({ id: "boringssl-14.0.0", family: "14" })); // [14, 0, 0]
 * console.log(buildVersionTriple({ id: "system", family: "3.0", versionNumber: "3.0.19" })); // [3, 0, 19]
 * ```
 */
export function buildVersionTriple(
  build: Pick<Build, "id" | "family" | "versionNumber">,
): [number, number, number] {
  const text = build.versionNumber ?? idVersion(build.id) ?? build.family;
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : [0, 0, 0];
}
