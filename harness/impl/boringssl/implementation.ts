/**
 * BoringSSL as one implementation of the draft interface (research/IMPL_INTERFACE.md): specs,
 * fetch, manifests, probe, and the CLI peers.
 *
 * @module
 */
import type { Build, Capability, ImplementationName } from "./_interface.ts";
import { type BsslClientOptions, type BsslClientRun, runBsslClient } from "./cli_client.ts";
import { type BsslServer, type BsslServerOptions, startBsslServer } from "./cli_server.ts";
import {
  BORINGSSL_LABELS,
  fetchBoringssl,
  type FetchBoringsslOptions,
  fetchedBoringssl,
  saveCapabilities,
} from "./fetch.ts";
import { probeBoringssl, type ProbeBoringsslOptions } from "./probe.ts";

/** The BoringSSL implementation. */
export interface BoringsslImplementation {
  /** Always "boringssl". */
  name: ImplementationName;
  /** Specs → fetchable labels. */
  resolveSpec(spec: string): string[];
  /** Fetch one label (cached when already there) and probe it once. */
  fetch(label: string, options: FetchBoringsslOptions & { cacheDir: string }): Promise<Build>;
  /** The builds already in the cache (manifests only). */
  fetched(cacheDir: string): Promise<Build[]>;
  /** Run the probes. */
  probe(build: Build, options?: ProbeBoringsslOptions): Promise<Capability[]>;
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

/**
 * The BoringSSL implementation object.
 *
 * @example
 * ```ts ignore
 * import { boringssl } from "./implementation.ts";
 * const [build] = await boringssl.fetched(cacheDir());
 * await using server = await boringssl.startServer(build, { cert: pki.chain, key: pki.key });
 * const r = await boringssl.runClient(build, server, { caFile: pki.caCert, resumeInProcess: true });
 * ```
 */
export const boringssl: BoringsslImplementation = {
  name: "boringssl",
  resolveSpec: resolveBoringsslSpec,
  async fetch(label, options) {
    const build = await fetchBoringssl(label, options);
    if (build.capabilities.length > 0) return build;
    const capabilities = await this.probe(build, { signal: options.signal });
    await saveCapabilities(options.cacheDir, label, capabilities);
    return { ...build, capabilities };
  },
  fetched: fetchedBoringssl,
  async probe(build, options) {
    return (await probeBoringssl(build, options)).capabilities;
  },
  startServer: startBsslServer,
  runClient: runBsslClient,
};
