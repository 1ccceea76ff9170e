/**
 * GnuTLS as an implementation of the harness (issue 10): Debian's `gnutls-bin` 3.7.1 (bullseye),
 * 3.7.9 (bookworm), 3.8.9 (trixie) and 3.8.13 (sid), fetched into the shared cache, offering
 * `gnutls-serv` ("cli-server") and `gnutls-cli` ("cli-client") as interop peers. GnuTLS's session
 * API is not OpenSSL's, so there is no symbol map and no "api" capability; gnutls-cli cannot
 * save or load a session file, so there is no "session-file" either.
 *
 * @example
 * ```ts
 * import { gnutls } from "./mod.ts";
 * const cacheDir = `${Deno.env.get("HOME")}/.cache/tls-session-harness`;
 * for (const b of await gnutls.fetched(cacheDir)) console.log(b.id, b.capabilities);
 * ```
 * @module
 */
export * from "./draft_interface.ts";
export * from "./fetch.ts";
export * from "./probe.ts";
export * from "./priority.ts";
export * from "./serv_output.ts";
export * from "./cli_output.ts";
export * from "./cli_server.ts";
export * from "./cli_client.ts";

import { type GnutlsClientOptions, type GnutlsClientRun, runGnutlsCli } from "./cli_client.ts";
import { GnutlsServer, type GnutlsServerOptions } from "./cli_server.ts";
import type { Capability, ImplementationName } from "./draft_interface.ts";
import { fetchedGnutls, fetchGnutls, type GnutlsBuild, resolveGnutlsSpec } from "./fetch.ts";
import { probeGnutls } from "./probe.ts";

/** The draft's `Implementation`, for GnuTLS. */
export interface GnutlsImplementation {
  /** "gnutls". */
  name: ImplementationName;
  /** Labels named by a spec ("gnutls", "gnutls:3.8", "gnutls:3.7.9"). */
  resolveSpec(spec: string): string[];
  /** Fetch one label into the cache (or return the cached build). */
  fetch(
    label: string,
    options: { cacheDir: string; signal?: AbortSignal; log?: (l: string) => void },
  ): Promise<GnutlsBuild>;
  /** The builds in the cache (manifests only). */
  fetched(cacheDir: string): Promise<GnutlsBuild[]>;
  /** Probe a build's capabilities by running its tools' `--help`. */
  probe(build: GnutlsBuild, options?: { signal?: AbortSignal }): Promise<Capability[]>;
  /** Start a `gnutls-serv` of the build. */
  startServer(build: GnutlsBuild, options: GnutlsServerOptions): Promise<GnutlsServer>;
  /** Run the build's `gnutls-cli` against a port. */
  runClient(
    build: GnutlsBuild,
    target: { port: number; host?: string },
    options: GnutlsClientOptions,
  ): Promise<GnutlsClientRun>;
}

function requireCapability(build: GnutlsBuild, capability: Capability): void {
  if (!build.capabilities.includes(capability)) {
    throw new TypeError(
      `Build "${build.id}" lacks the "${capability}" capability (it has: ${
        build.capabilities.join(", ") || "none"
      })`,
    );
  }
}

/**
 * GnuTLS behind the draft interface. The context argument of the draft's `startServer` /
 * `runClient` is replaced by the build and explicit options here, until the engine's context
 * type exists.
 */
export const gnutls: GnutlsImplementation = {
  name: "gnutls",
  resolveSpec: (spec) => resolveGnutlsSpec(spec),
  fetch: async (label, options) => (await fetchGnutls([label], options))[0],
  fetched: (cacheDir) => fetchedGnutls(cacheDir),
  probe: (build, options) => probeGnutls(build, options),
  startServer: async (build, options) => {
    requireCapability(build, "cli-server");
    return await GnutlsServer.start(build.cli["gnutls-serv"], options);
  },
  runClient: async (build, target, options) => {
    requireCapability(build, "cli-client");
    return await runGnutlsCli(build.cli["gnutls-cli"], target, options);
  },
};
