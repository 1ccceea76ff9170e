/**
 * Running binaries built for a newer glibc than the host's: under the dynamic loader of
 * trixie's `libc6`, extracted next to them. Debian's builds from trixie on need glibc ≥ 2.38,
 * which bookworm lacks; the loader runs them (and Deno itself, for FFI) with an explicit
 * library path, one library set per process.
 *
 * @module
 */

/** The multiarch library folder of Debian's x86_64 packages. */
export const MULTIARCH = "usr/lib/x86_64-linux-gnu";

/** The package set that brings the loader: trixie's `libc6`, extracted into `libc6/`. */
export const TRIXIE_LIBC6 = { suite: "trixie", packages: ["libc6"], into: "libc6" } as const;

/** Where the loader and its libraries sit once `libc6` is extracted into `libc6Root`. */
export interface LoaderLayout {
  /** `ld-linux-x86-64.so.2` of the extracted libc6. */
  loader: string;
  /** The folder holding the extracted libc. */
  libcLibs: string;
}

/**
 * The loader layout of a libc6 extracted into a folder.
 *
 * @example
 * ```ts
 * import { loaderLayout } from "./trixie_loader.ts";
 * console.log(loaderLayout("/cache/builds/3.5/libc6").loader);
 * // /cache/builds/3.5/libc6/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
 * ```
 */
export function loaderLayout(libc6Root: string): LoaderLayout {
  const libcLibs = `${libc6Root}/${MULTIARCH}`;
  return { loader: `${libcLibs}/ld-linux-x86-64.so.2`, libcLibs };
}

/**
 * How to start `program` under the loader with the given library folders first and the
 * extracted libc last: `{ command: <ld.so>, args: ["--library-path", "<a>:<b>:<libc>", program] }`.
 * Arguments of the program itself go after these.
 *
 * @example
 * ```ts
 * import { loaderLaunch, loaderLayout } from "./trixie_loader.ts";
 * const l = loaderLaunch(loaderLayout("/b/libc6"), ["/b/root/usr/lib/x86_64-linux-gnu"], "/b/root/usr/bin/openssl");
 * console.log(l.command, l.args.join(" "));
 * ```
 */
export function loaderLaunch(
  layout: LoaderLayout,
  libraryDirs: readonly string[],
  program: string,
): { command: string; args: string[]; env: Record<string, string> } {
  const libraryPath = [...libraryDirs, layout.libcLibs].join(":");
  return { command: layout.loader, args: ["--library-path", libraryPath, program], env: {} };
}

/**
 * Whether a path is a dynamic loader (`ld-linux*.so*`): under a foreign loader
 * `Deno.execPath()` is the loader, not Deno.
 *
 * @example
 * ```ts
 * import { isLoader } from "./trixie_loader.ts";
 * console.log(isLoader("/b/libc6/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")); // true
 * ```
 */
export function isLoader(path: string): boolean {
  return /\/ld-linux[^/]*\.so[^/]*$/.test(path);
}
