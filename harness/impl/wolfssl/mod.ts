/**
 * wolfSSL (Debian's `libwolfssl*`, 4.6.0 / 5.5.4 / 5.7.2 / 5.9.2) as an implementation of the
 * draft interface of issue 10. It has no CLI: its capabilities are `api` (the OpenSSL
 * compatibility layer through the FFI driver, with {@linkcode wolfsslSymbolMap}) and `tcp-peer`.
 *
 * @example
 * ```ts
 * import { wolfssl } from "./mod.ts";
 * console.log(wolfssl.name, wolfssl.resolveSpec("wolfssl")); // wolfssl ["4.6","5.5","5.7","5.9"]
 * ```
 * @module
 */

import { fetchedWolfssl, fetchWolfssl, type FetchWolfsslOptions, resolveSpec } from "./fetch.ts";
import { probeBuild } from "./probe.ts";
import type { WolfsslBuild, WolfsslCapability } from "./build.ts";
import type { WolfsslFamily } from "./symbols.ts";

export * from "./build.ts";
export * from "./fetch.ts";
export * from "./probe.ts";
export * from "./symbols.ts";

/** The `Implementation` object of the draft interface, for wolfSSL. */
export const wolfssl: {
  name: "wolfssl";
  resolveSpec(spec: string): WolfsslFamily[];
  fetch(label: WolfsslFamily, options: FetchWolfsslOptions): Promise<WolfsslBuild>;
  fetched(cacheDir: string): Promise<WolfsslBuild[]>;
  probe(build: WolfsslBuild, options?: { signal?: AbortSignal }): Promise<WolfsslCapability[]>;
} = {
  name: "wolfssl",
  resolveSpec,
  fetch: fetchWolfssl,
  fetched: fetchedWolfssl,
  async probe(build, options = {}) {
    return (await probeBuild(build, options)).capabilities;
  },
};
export * from "./api.ts";
