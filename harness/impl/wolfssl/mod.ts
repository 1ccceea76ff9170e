/**
 * wolfSSL (Debian's `libwolfssl*`, 4.6.0 / 5.5.4 / 5.7.2 / 5.9.2) as an implementation of the
 * engine's interface (issue 10). It has no CLI: its capabilities are `api` (the OpenSSL
 * compatibility layer through the FFI driver, with {@linkcode wolfsslSymbolMap}) and `tcp-peer`.
 *
 * @example
 * ```ts
 * import { wolfssl } from "./mod.ts";
 * console.log(wolfssl.name, wolfssl.versions); // wolfssl ["4.6", "5.5", "5.7", "5.9"]
 * ```
 * @module
 */

import {
  type Build,
  type Implementation,
  type ImplementationOptions,
  probeOnce,
  resolveListed,
} from "../interface/mod.ts";
import { fetchedWolfssl, fetchWolfssl, resolveSpec } from "./fetch.ts";
import { probeBuild } from "./probe.ts";
import { REQUIRED_SYMBOLS } from "../../ffi/symbols.ts";
import type { WolfsslBuild } from "./build.ts";
import { WOLFSSL_FAMILIES } from "./symbols.ts";
import { wolfsslApi } from "./api.ts";

export * from "./build.ts";
export * from "./fetch.ts";
export * from "./probe.ts";
export * from "./symbols.ts";

/**
 * A build as the engine sees it, probed once (the probe's capabilities cached in its
 * manifest). The symbol map is code, not data: always this checkout's map of its family.
 */
function probed(build: WolfsslBuild, o: ImplementationOptions): Promise<Build> {
  // The symbol map and driver options (wolfSSL_Init, its SSL_OP_NO_TICKET) for the pool.
  const { symbols, api } = wolfsslApi(build.family);
  const current: WolfsslBuild = { ...build, ffi: { ...build.ffi, symbols } };
  return probeOnce(
    `${build.path}/build.json`,
    { ...current, ffi: { ...current.ffi, api: { ...api } } } as Build,
    async () => {
      const found = await probeBuild(current, { signal: o.signal, timeoutMs: o.probeTimeoutMs });
      const noCli = "wolfSSL ships no command-line tool (its capabilities are api and tcp-peer)";
      const noApi = found.missingRequired.length
        ? `the library does not export what the driver needs for ${
          found.missingRequired.join(", ")
        }`
        : undefined;
      return {
        capabilities: found.capabilities,
        missing: {
          "cli-client": noCli,
          "cli-server": noCli,
          "session-file": noCli,
          ...(noApi ? { api: noApi, "tcp-peer": noApi } : {}),
        },
      };
    },
    // The map, the driver's required names and what the probe says (v2: why one is absent)
    // are code: a change in any probes again.
    JSON.stringify(["v2", current.ffi.symbols, REQUIRED_SYMBOLS]),
  );
}

/** wolfSSL as an implementation of the engine's interface (`harness/impl/interface/`). */
export const wolfssl: Implementation & { resolveSpec(spec: string): string[] } = {
  name: "wolfssl",
  title: "wolfSSL",
  versions: WOLFSSL_FAMILIES,
  resolveSpec,
  async fetch(version, o) {
    const out: Build[] = [];
    for (const family of resolveSpec(version === undefined ? "wolfssl" : `wolfssl:${version}`)) {
      out.push(await probed(await fetchWolfssl(family, o), o));
    }
    return out;
  },
  async list(o) {
    return await Promise.all((await fetchedWolfssl(o.cacheDir)).map((b) => probed(b, o)));
  },
  resolve: (version, o) => resolveListed(wolfssl, version, o),
};
export * from "./api.ts";
