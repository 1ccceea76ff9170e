/**
 * Probe what a fetched BoringSSL build can do, by running it:
 * - `cli-client` / `session-file`: `bssl-tool client -<unknown>` lists `-connect`,
 *   `-test-resumption`, `-session-in` and `-session-out`;
 * - `cli-server`: `bssl-tool server -<unknown>` lists `-accept`;
 * - `api`: a Deno process started as the build's `ffi.launch` dlopens libcrypto + libssl, finds
 *   every non-null entry of the symbol map, and makes an `SSL_SESSION` with
 *   `SSL_SESSION_new(ctx)`.
 *
 * Not claimed: `tcp-peer` (the driver's socket ops are not mapped for BoringSSL yet).
 *
 * @module
 */
import { run } from "../../process/mod.ts";
import type { Build, Capability } from "./_interface.ts";
import { resolveSignatures } from "./symbols.ts";
import { parseUsageFlags } from "./client_output.ts";

/** Options for {@linkcode probeBoringssl}. */
export interface ProbeBoringsslOptions {
  /** Deadline per probe process, in milliseconds. @default {30000} */
  timeoutMs?: number;
  /** Aborting stops the probe. */
  signal?: AbortSignal;
}

/** What {@linkcode probeBoringssl} found. */
export interface BoringsslProbe {
  /** The capabilities, in the interface's order. */
  capabilities: Capability[];
  /** `bssl-tool client` flags (empty without the tool). */
  clientFlags: string[];
  /** `bssl-tool server` flags. */
  serverFlags: string[];
  /** Symbol-map entries the libraries do not export (each one a bug in `symbols.ts`). */
  missingSymbols: string[];
  /** `OpenSSL_version(0)` as the library prints it. */
  libraryVersion?: string;
  /** Why `api` is missing, when it is. */
  apiProblem?: string;
}

/**
 * Run the probes.
 *
 * @example
 * ```ts ignore
 * import { probeBoringssl } from "./probe.ts";
 * console.log((await probeBoringssl(build)).capabilities);
 * ```
 */
export async function probeBoringssl(
  build: Build,
  options: ProbeBoringsslOptions = {},
): Promise<BoringsslProbe> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const caps = new Set<Capability>();
  let clientFlags: string[] = [];
  let serverFlags: string[] = [];
  const bssl = build.cli?.bssl;
  if (bssl) {
    // No -help: an unknown flag prints "Unknown argument" and the list, exit code 1.
    const usage = async (sub: string) => {
      const r = await run(bssl.command, {
        args: [...bssl.args, sub, "-tls-session-harness-probe"],
        env: bssl.env,
        timeoutMs,
        signal: options.signal,
      });
      return parseUsageFlags(r.stderr + r.stdout);
    };
    clientFlags = await usage("client");
    serverFlags = await usage("server");
    if (["-connect", "-root-certs", "-test-resumption"].every((f) => clientFlags.includes(f))) {
      caps.add("cli-client");
    }
    if (serverFlags.includes("-accept")) caps.add("cli-server");
    if (clientFlags.includes("-session-in") && clientFlags.includes("-session-out")) {
      caps.add("session-file");
    }
  }
  let missingSymbols: string[] = [];
  let libraryVersion: string | undefined;
  let apiProblem: string | undefined;
  if (build.ffi?.launch) {
    const r = await run(build.ffi.launch.command, {
      args: [...build.ffi.launch.args, "eval", "--no-config", ffiProbeCode(build)],
      env: { ...build.ffi.launch.env, DENO_NO_UPDATE_CHECK: "1" },
      timeoutMs,
      signal: options.signal,
    });
    if (r.code === 0) {
      const found = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
      missingSymbols = found.missing;
      libraryVersion = found.version;
      if (missingSymbols.length === 0 && found.sessionNew) {
        caps.add("api");
        // The FFI driver's socket ops (ops_tcp.ts) over the same library: measured with
        // tcp_peer_tickets_api against OpenSSL's s_server on 10, 13 and 14.
        caps.add("tcp-peer");
      } else {apiProblem = `missing ${
          missingSymbols.join(", ")
        }; SSL_SESSION_new: ${found.sessionNew}`;}
    } else {
      apiProblem = `the FFI probe exited with ${r.code}: ${r.stderr.trim().split("\n").at(-1)}`;
    }
  }
  const order: Capability[] = ["cli-client", "cli-server", "session-file", "api", "tcp-peer"];
  return {
    capabilities: order.filter((c) => caps.has(c)),
    clientFlags,
    serverFlags,
    missingSymbols,
    libraryVersion,
    apiProblem,
  };
}

/**
 * The script the probe runs: one process per build (two BoringSSL libssl.so.0 cannot share a
 * process: the second would bind to the first's libcrypto by soname).
 */
function ffiProbeCode(build: Build): string {
  const entries: Record<string, unknown> = {};
  for (const s of Object.values(resolveSignatures(build.ffi!.symbols))) {
    entries[s.name] = { parameters: s.parameters, result: s.result, optional: true };
  }
  return `
    const want = ${JSON.stringify(entries)};
    const crypto = Deno.dlopen(${JSON.stringify(build.ffi!.libcrypto)}, want);
    const ssl = Deno.dlopen(${JSON.stringify(build.ffi!.libssl)}, want);
    const missing = Object.keys(want).filter((n) => !crypto.symbols[n] && !ssl.symbols[n]);
    let sessionNew = false;
    if (missing.length === 0) {
      const ctx = ssl.symbols.SSL_CTX_new(ssl.symbols.TLS_method());
      const s = ssl.symbols.SSL_SESSION_new(ctx);
      sessionNew = s !== null;
      if (s !== null) ssl.symbols.SSL_SESSION_free(s);
      ssl.symbols.SSL_CTX_free(ctx);
    }
    const v = (crypto.symbols.OpenSSL_version ?? ssl.symbols.OpenSSL_version)(0);
    console.log(JSON.stringify({ missing, sessionNew, version: Deno.UnsafePointerView.getCString(v) }));
  `;
}
