import type { Build, Launch, SymbolMap } from "../impl/interface/mod.ts";

/**
 * A build the FFI driver can load: any {@linkcode Build} with `ffi`, or an OpenSSL build, whose
 * manifests (older than `ffi`) keep `libssl`, `libcrypto` and `ffiLaunch` at the top.
 */
export type FfiBuild = Build & { libssl?: string; libcrypto?: string; ffiLaunch?: Launch };

/**
 * The libssl / libcrypto paths to load for a build: its `ffi` libraries, or an OpenSSL build's
 * own `libssl` / `libcrypto` fields.
 *
 * @throws {TypeError} naming the build when no libraries are known for it.
 * @example
 * ```ts
 * import { ffiLibraries } from "./ffi_libraries.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * console.log(ffiLibraries(await systemBuild()));
 * ```
 */
export function ffiLibraries(build: FfiBuild): { libssl: string; libcrypto: string } {
  if (build.ffi) return { libssl: build.ffi.libssl, libcrypto: build.ffi.libcrypto };
  if (build.libssl && build.libcrypto) return { libssl: build.libssl, libcrypto: build.libcrypto };
  throw new TypeError(
    `Build "${build.id}" (${build.implementation}) has no libssl/libcrypto paths: cannot run ` +
      `FFI checks on it`,
  );
}

/**
 * The command that starts a Deno process able to load the build's libssl: its `ffi.launch` (or
 * an OpenSSL build's `ffiLaunch`: a dynamic loader with a library path, for builds needing a
 * newer glibc) or this very Deno. Deno's own arguments (`run …`) come after `args`.
 *
 * @example
 * ```ts
 * import { ffiLaunch } from "./ffi_libraries.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * console.log(ffiLaunch(await systemBuild()).command);
 * ```
 */
export function ffiLaunch(build: FfiBuild): Launch {
  return build.ffi?.launch ?? build.ffiLaunch ?? { command: Deno.execPath(), args: [], env: {} };
}

/**
 * The symbol map the driver binds for a build (`undefined`: OpenSSL's own names).
 *
 * @example
 * ```ts
 * import { ffiSymbols } from "./ffi_libraries.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * console.log(ffiSymbols(await systemBuild())); // undefined
 * ```
 */
export function ffiSymbols(build: FfiBuild): SymbolMap | undefined {
  return build.ffi?.symbols;
}
