/**
 * Test helper: every fetched BoringSSL and wolfSSL build as an FFI build the driver can start
 * (its libraries, its loader, its symbol map and driver options), for the live per-op tests
 * and the per-fork scenario runs.
 *
 * @module
 */
import type { FfiBuildApi } from "../../harness/ffi/mod.ts";
import type { FfiBuild } from "../../harness/ffi/ffi_libraries.ts";
import { boringsslApi } from "../../harness/impl/boringssl/api.ts";
import { wolfsslApi } from "../../harness/impl/wolfssl/api.ts";
import type { BoringsslFamily } from "../../harness/impl/boringssl/symbols.ts";
import { FETCHED as BORINGSSL } from "./boringssl_builds.ts";
import { FETCHED as WOLFSSL } from "./wolfssl_builds.ts";

/** A fork's build as the driver takes it, with its implementation and family. */
export type ForkApiBuild = FfiBuild & FfiBuildApi & {
  /** "boringssl" or "wolfssl". */
  implementation: "boringssl" | "wolfssl";
  /** "10", "13", "14", "4.6", "5.5", "5.7", "5.9". */
  family: string;
};

function asFfiBuild(
  implementation: ForkApiBuild["implementation"],
  b: {
    id: string;
    version: string;
    family: string;
    ffi?: { libssl: string; libcrypto: string; launch?: FfiBuild["ffiLaunch"] };
  },
  api: FfiBuildApi,
): ForkApiBuild {
  if (!b.ffi) throw new TypeError(`Build "${b.id}" has no ffi libraries`);
  return {
    implementation,
    family: b.family,
    id: b.id,
    version: b.version,
    source: "fetched",
    path: b.ffi.libssl,
    // No openssl CLI: API scenarios use only the driver.
    capabilities: ["api"],
    libssl: b.ffi.libssl,
    libcrypto: b.ffi.libcrypto,
    ffiLaunch: b.ffi.launch,
    ...api,
  };
}

/** The fetched forks, BoringSSL families first, oldest first. */
export const FORK_API_BUILDS: readonly ForkApiBuild[] = [
  ...[...BORINGSSL.values()].map((b) => {
    const { symbols, api } = boringsslApi(b.family as BoringsslFamily);
    return asFfiBuild("boringssl", b, { ffiSymbols: symbols, ffiApi: api });
  }),
  ...WOLFSSL.map((b) => {
    const { symbols, api } = wolfsslApi(b.family);
    return asFfiBuild("wolfssl", b, { ffiSymbols: symbols, ffiApi: api });
  }),
];
