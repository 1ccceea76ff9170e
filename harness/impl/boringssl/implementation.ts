/**
 * BoringSSL as an implementation of the engine's interface (`harness/impl/interface/`): specs,
 * fetch, manifests, the probe (run once, cached in the manifest), and the CLI peers.
 *
 * @module
 */
import {
  type Capability,
  type Implementation,
  type ImplementationOptions,
  probeOnce,
  resolveListed,
} from "../interface/mod.ts";
import type { Build } from "./_interface.ts";
import { type BsslClientOptions, type BsslClientRun, runBsslClient } from "./cli_client.ts";
import { type BsslServer, type BsslServerOptions, startBsslServer } from "./cli_server.ts";
import { BORINGSSL_LABELS, boringsslBuildDir, fetchBoringssl, fetchedBoringssl } from "./fetch.ts";
import { probeBoringssl } from "./probe.ts";
import { boringsslApi } from "./api.ts";
import type { BoringsslFamily } from "./symbols.ts";

/** The BoringSSL implementation: the engine's interface, plus its CLI peers. */
export interface BoringsslImplementation extends Implementation {
  /** Start a `bssl-tool server` (builds with `cli-server`). */
  startServer(build: Build, options: BsslServerOptions): Promise<BsslServer>;
  /** Run a `bssl-tool client` (builds with `cli-client`). */
  runClient(
    build: Build,
    target: { port: number },
    options: BsslClientOptions,
  ): Promise<BsslClientRun>;
}

/**
 * The labels a spec names: "boringssl" (all), "boringssl:14", "boringssl:14.0.0",
 * "boringssl-13.0.0" (a build id).
 *
 * @throws {RangeError} naming the spec when it matches no label.
 * @example
 * ```ts
 * import { resolveBoringsslSpec } from "./implementation.ts";
 * console.log(resolveBoringsslSpec("boringssl")); // ["10", "13", "14"]
 * console.log(resolveBoringsslSpec("boringssl:14.0.0")); // ["14"]
 * ```
 */
export function resolveBoringsslSpec(spec: string): string[] {
  if (spec === "boringssl" || spec === "boringssl:all") return [...BORINGSSL_LABELS];
  const m = /^boringssl[:-](\d+)(?:\.0\.0)?$/.exec(spec);
  if (m && (BORINGSSL_LABELS as readonly string[]).includes(m[1])) return [m[1]];
  throw new RangeError(
    `Unknown BoringSSL spec "${spec}": expected "boringssl" or "boringssl:<version>" with a ` +
      `version among ${BORINGSSL_LABELS.map((l) => `"${l}"`).join(", ")}`,
  );
}

/** Bumped when what the probe concludes changes (2: tcp-peer with api; 3: why one is absent). */
const PROBE_REVISION = 3;

/** A build with its probed capabilities (probed once, then read from its manifest). */
function probed(fetched: Build, o: ImplementationOptions): Promise<Build> {
  const dir = boringsslBuildDir(o.cacheDir, fetched.family);
  // The pool's view: the symbol map and driver options of the family (SSL_SESSION_new(ctx),
  // tickets flushed on the first write), and the build's folder as its path.
  const { symbols, api } = boringsslApi(fetched.family as BoringsslFamily);
  const build: Build = {
    ...fetched,
    path: fetched.path ?? dir,
    ...(fetched.ffi ? { ffi: { ...fetched.ffi, symbols, api: { ...api } } } : {}),
  };
  return probeOnce(
    `${dir}/build.json`,
    build,
    async () => {
      const found = await probeBoringssl(build, { signal: o.signal, timeoutMs: o.probeTimeoutMs });
      // What the probe saw where a capability is absent: said in "unsupported" messages.
      const missing: Partial<Record<Capability, string>> = {};
      if (!build.cli?.bssl) {
        for (const c of ["cli-client", "cli-server", "session-file"] as const) {
          missing[c] = "this build has no bssl-tool";
        }
      }
      if (found.apiProblem) missing.api = missing["tcp-peer"] = found.apiProblem;
      return {
        capabilities: found.capabilities,
        // bssl-tool's own flags (-connect, -session-in …), not s_client's.
        cliDialect: "bssl",
        ...(build.sessionFileFormat ? { sessionFileFormat: build.sessionFileFormat } : {}),
        ...(Object.keys(missing).length ? { missing } : {}),
      };
    },
    // The symbol map, the driver options and the probe's own conclusions (PROBE_REVISION) are
    // code: a change in any probes again.
    JSON.stringify([PROBE_REVISION, build.ffi?.symbols ?? null, build.ffi?.api ?? null]),
  );
}

/**
 * The BoringSSL implementation object.
 *
 * @example
 * ```ts ignore
 * import { boringssl } from "./implementation.ts";
 * const [build] = await boringssl.resolve("14", { cacheDir: cacheDir() });
 * await using server = await boringssl.startServer(build, { cert: pki.chain, key: pki.key });
 * const r = await boringssl.runClient(build, server, { caFile: pki.caCert, resumeInProcess: true });
 * ```
 */
export const boringssl: BoringsslImplementation = {
  name: "boringssl",
  title: "BoringSSL",
  versions: BORINGSSL_LABELS,
  async fetch(version, o) {
    const labels = resolveBoringsslSpec(
      version === undefined ? "boringssl" : `boringssl:${version}`,
    );
    const out: Build[] = [];
    for (const label of labels) {
      const b = await fetchBoringssl(label, { cacheDir: o.cacheDir, signal: o.signal, log: o.log });
      out.push(await probed(b, o));
    }
    return out;
  },
  async list(o) {
    return await Promise.all((await fetchedBoringssl(o.cacheDir)).map((b) => probed(b, o)));
  },
  resolve: (version, o) => resolveListed(boringssl, version, o),
  startServer: startBsslServer,
  runClient: runBsslClient,
};
