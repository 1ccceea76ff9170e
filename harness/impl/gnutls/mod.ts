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
import {
  type Capability,
  type Implementation,
  type ImplementationOptions,
  probeOnce,
  resolveListed,
} from "../interface/mod.ts";
import {
  fetchedGnutls,
  fetchGnutls,
  GNUTLS_LABELS,
  type GnutlsBuild,
  gnutlsBuildDir,
  resolveGnutlsSpec,
} from "./fetch.ts";
import { probeGnutls } from "./probe.ts";

/** GnuTLS as an implementation of the engine's interface, plus its CLI peers. */
export interface GnutlsImplementation extends Implementation {
  /** Labels named by a spec ("gnutls", "gnutls:3.8", "gnutls:3.7.9"). */
  resolveSpec(spec: string): string[];
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

/** A build with its capabilities probed once (`--help` of both tools), cached in its manifest. */
function probed(build: GnutlsBuild, o: ImplementationOptions): Promise<GnutlsBuild> {
  const label = GNUTLS_LABELS.find((l) => build.id === `gnutls-${l}`) ?? build.family;
  const dir = gnutlsBuildDir(o.cacheDir, label);
  return probeOnce(`${dir}/build.json`, { ...build, path: build.path ?? dir }, async () => {
    const capabilities = await probeGnutls(build, {
      signal: o.signal,
      timeoutMs: o.probeTimeoutMs,
    });
    const noApi = "GnuTLS's session API is not OpenSSL's: no symbol map, interop only";
    const lacks = (tool: string) => `${tool} does not list the options this folder drives`;
    return {
      capabilities,
      // gnutls-cli / gnutls-serv flags (--resume, --noticket …), not s_client's.
      cliDialect: "gnutls",
      missing: {
        ...(capabilities.includes("cli-client") ? {} : { "cli-client": lacks("gnutls-cli") }),
        ...(capabilities.includes("cli-server") ? {} : { "cli-server": lacks("gnutls-serv") }),
        "session-file": "gnutls-cli cannot save or load a session file (only --resume in-process)",
        api: noApi,
        "tcp-peer": noApi,
      },
    };
  }, "v2");
}

/** GnuTLS behind the engine's interface. */
export const gnutls: GnutlsImplementation = {
  name: "gnutls",
  title: "GnuTLS",
  versions: GNUTLS_LABELS,
  resolveSpec: (spec) => resolveGnutlsSpec(spec),
  async fetch(version, o) {
    const labels = resolveGnutlsSpec(version === undefined ? "gnutls" : `gnutls:${version}`);
    const builds = await fetchGnutls(labels, o);
    return await Promise.all(builds.map((b) => probed(b, o)));
  },
  async list(o) {
    return await Promise.all((await fetchedGnutls(o.cacheDir)).map((b) => probed(b, o)));
  },
  resolve: (version, o) => resolveListed(gnutls, version, o),
  startServer: async (build, options) => {
    requireCapability(build, "cli-server");
    return await GnutlsServer.start(build.cli["gnutls-serv"], options);
  },
  runClient: async (build, target, options) => {
    requireCapability(build, "cli-client");
    return await runGnutlsCli(build.cli["gnutls-cli"], target, options);
  },
};
