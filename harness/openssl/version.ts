/**
 * The version an `openssl version` line (or `OpenSSL_version()`) names: "OpenSSL 3.0.19 27 Jan
 * 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)" → "3.0.19", "OpenSSL 1.1.1w  11 Sep 2023" →
 * "1.1.1w". `undefined` when the text names no OpenSSL version (another stack, a fake build).
 *
 * @example
 * ```ts
 * import { opensslVersionId } from "./version.ts";
 * console.log(opensslVersionId("OpenSSL 3.5.7 9 Jun 2026")); // "3.5.7"
 * ```
 */
export function opensslVersionId(version: string): string | undefined {
  return /OpenSSL (\S+)/.exec(version)?.[1];
}

/**
 * The numeric version of a build from its version string: [major, minor, patch] ("1.1.1w" is
 * [1, 1, 1]); [0, 0, 0] when it names no OpenSSL version.
 *
 * @example
 * ```ts
 * import { versionTriple } from "./version.ts";
 * console.log(versionTriple("OpenSSL 1.1.1w  11 Sep 2023")); // [1, 1, 1]
 * ```
 */
export function versionTriple(version: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(opensslVersionId(version) ?? "");
  if (!m) return [0, 0, 0];
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * True when `openssl version` printed an OpenSSL version line ("OpenSSL 3.0.19 27 Jan 2026",
 * "OpenSSL 3.6.0-dev …"): what a build must answer before it is used.
 *
 * @example
 * ```ts
 * import { isOpensslVersionLine } from "./version.ts";
 * console.log(isOpensslVersionLine("OpenSSL 1.1.1w  11 Sep 2023")); // true
 * console.log(isOpensslVersionLine("usage: foo")); // false
 * ```
 */
export function isOpensslVersionLine(text: string): boolean {
  return /^OpenSSL \d+\.\d+\.\d+\S*(\s|$)/.test(text);
}
