import type { OpensslBuild } from "../openssl/mod.ts";

/** Where the system's libssl.so.3 lives on Debian-like x86_64 hosts (first match wins). */
const SYSTEM_LIB_DIRS = [
  "/usr/lib/x86_64-linux-gnu",
  "/lib/x86_64-linux-gnu",
  "/usr/lib64",
  "/usr/lib",
];

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * The libssl / libcrypto paths to load for a build: its own `libssl` / `libcrypto` fields, or
 * for the system build (which `systemBuild()` does not describe) the host's `libssl.so.3`.
 *
 * @throws {TypeError} naming the build when no libraries are known for it.
 * @example
 * ```ts
 * import { ffiLibraries } from "./ffi_libraries.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * console.log(ffiLibraries(await systemBuild()));
 * ```
 */
export function ffiLibraries(build: OpensslBuild): { libssl: string; libcrypto: string } {
  if (build.libssl && build.libcrypto) return { libssl: build.libssl, libcrypto: build.libcrypto };
  if (build.source === "system") {
    for (const dir of SYSTEM_LIB_DIRS) {
      const libssl = `${dir}/libssl.so.3`;
      const libcrypto = `${dir}/libcrypto.so.3`;
      if (isFile(libssl) && isFile(libcrypto)) return { libssl, libcrypto };
    }
  }
  throw new TypeError(
    `Build "${build.id}" has no "libssl"/"libcrypto" paths: cannot run FFI checks on it`,
  );
}

/**
 * The command that starts a Deno process able to load the build's libssl: the build's
 * `ffiLaunch` (a dynamic loader with a library path, for builds needing a newer glibc) or this
 * very Deno. Deno's own arguments (`run …`) come after `args`.
 *
 * @example
 * ```ts
 * import { ffiLaunch } from "./ffi_libraries.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * console.log(ffiLaunch(await systemBuild()).command);
 * ```
 */
export function ffiLaunch(
  build: OpensslBuild,
): { command: string; args: string[]; env: Record<string, string> } {
  return build.ffiLaunch ?? { command: Deno.execPath(), args: [], env: {} };
}
