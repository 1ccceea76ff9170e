/**
 * One `bssl-tool client` run against 127.0.0.1: connect (twice with `-test-resumption`), keep
 * stdin open long enough for TLS 1.3 tickets, close it, wait for the exit within a deadline,
 * and report the tool's own word on resumption (`Resumed session: yes|no`).
 *
 * How the tool ends, measured on 13.0.0 and 14.0.0:
 * - On stdin EOF it closes the socket without sending close_notify. OpenSSL 3.x servers answer
 *   with a `decode_error` alert ("unexpected eof while reading"), the tool prints
 *   `Error while reading: TLSV1_ALERT_DECODE_ERROR` and exits 1 — after a successful handshake.
 *   So the exit code says nothing about the handshake; the `Connected.` blocks do.
 * - OpenSSL's server drops a TLS 1.2 session-ID session from its cache on that unclean end
 *   (unless `-ignore_unexpected_eof`): session-ID resumption against `openssl s_server` fails.
 * - `-test-resumption` waits (without a deadline of its own) for the first connection's
 *   session; against a BoringSSL TLS 1.3 server that never writes, none comes. Our deadline
 *   ends it.
 * - `-session-out` truncates the file at start and appends one PEM block per session received.
 *
 * @module
 */
import { type ProcessResult, spawn } from "../../process/mod.ts";
import type { Build } from "./_interface.ts";
import { type BsslConnection, type BsslError, parseBsslOutput } from "./client_output.ts";
import { parseSessionFile } from "./session_file.ts";

/** Options for {@linkcode runBsslClient}. */
export interface BsslClientOptions {
  /** CA certificate to verify the server with (`-root-certs`). */
  caFile: string;
  /** Pin the protocol version (`-min-version` and `-max-version`). @default {both allowed} */
  tls?: "1.2" | "1.3";
  /** `-session-in FILE`: offer this session (the file's first block). */
  sessIn?: string;
  /** `-session-out FILE`: write every session received. */
  sessOut?: string;
  /** `-test-resumption`: connect twice in one process, the second offering the first session. */
  resumeInProcess?: boolean;
  /** Text written to stdin first (e.g. `GET / HTTP/1.0\r\n\r\n` for a `-www` server). */
  request?: string;
  /** How long stdin stays open after connecting, so tickets can arrive. @default {300} */
  holdMs?: number;
  /** Deadline for the whole run, in milliseconds. @default {10000} */
  timeoutMs?: number;
  /** Aborting kills the client. */
  signal?: AbortSignal;
}

/** What one client run showed. */
export interface BsslClientRun {
  /** Whether at least one handshake completed (a `Connected.` block). */
  handshake: boolean;
  /** The last connection's `Resumed session:` (the second one with `-test-resumption`). */
  reused: boolean;
  /** Every connection block. */
  connections: BsslConnection[];
  /** Failure lines (after a handshake too: see the module notes on how the tool ends). */
  errors: BsslError[];
  /** The lines that decided `handshake` and `reused`. */
  evidence: string[];
  /** True when the harness's deadline ended it. */
  timedOut: boolean;
  /** Sessions in the `sessOut` file after the run (undefined without `sessOut`). */
  sessionsWritten?: number;
  /** The process result (stdout, stderr, exit code). */
  result: ProcessResult;
}

/**
 * Run `bssl-tool client -connect 127.0.0.1:<port>`.
 *
 * @throws {RangeError} when the build has no `bssl-tool`.
 * @example
 * ```ts ignore
 * import { runBsslClient } from "./cli_client.ts";
 * const r = await runBsslClient(build, { port }, { caFile: pki.caCert, resumeInProcess: true });
 * console.log(r.reused, r.evidence);
 * ```
 */
export async function runBsslClient(
  build: Build,
  target: { port: number },
  options: BsslClientOptions,
): Promise<BsslClientRun> {
  const bssl = build.cli?.bssl;
  if (!bssl) {
    throw new RangeError(`Build "${build.id}" has no bssl-tool: it cannot run a CLI client`);
  }
  const args = [
    ...bssl.args,
    "client",
    "-connect",
    `127.0.0.1:${target.port}`,
    "-root-certs",
    options.caFile,
  ];
  if (options.tls) {
    const v = options.tls === "1.2" ? "tls1.2" : "tls1.3";
    args.push("-min-version", v, "-max-version", v);
  }
  if (options.sessIn) args.push("-session-in", options.sessIn);
  if (options.sessOut) args.push("-session-out", options.sessOut);
  if (options.resumeInProcess) args.push("-test-resumption");
  const timeoutMs = options.timeoutMs ?? 10_000;
  await using child = spawn(bssl.command, {
    args,
    env: bssl.env,
    stdin: true,
    signal: options.signal,
  });
  let timedOut = false;
  let result: ProcessResult;
  try {
    // Wait for the (last) handshake before writing, so a request is not read as early data
    // and the hold time counts from the connection, not from process start.
    const wanted = options.resumeInProcess ? 2 : 1;
    let seen = 0;
    await child.waitForLine(
      (line, stream) => stream === "stderr" && line === "Connected." && ++seen >= wanted,
      { timeoutMs, signal: options.signal },
    ).catch(() => {/* judged from the output below */});
    if (options.request !== undefined) await child.write(options.request);
    await sleep(options.holdMs ?? 300, options.signal);
    await child.closeStdin();
    result = await child.wait({ timeoutMs, signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    timedOut = true;
    result = await child.kill();
  }
  const out = parseBsslOutput(result.stderr, { file: `${build.id} client stderr` });
  const last = out.connections.at(-1);
  const evidence = out.connections.flatMap((c) => [
    `line ${c.line}: Connected. (${c.version})`,
    `  Resumed session: ${c.resumed ? "yes" : "no"}`,
  ]);
  let sessionsWritten: number | undefined;
  if (options.sessOut) {
    const text = await Deno.readTextFile(options.sessOut).catch(() => "");
    sessionsWritten = parseSessionFile(text, options.sessOut).length;
  }
  return {
    handshake: out.connections.length > 0,
    reused: last?.resumed ?? false,
    connections: out.connections,
    errors: out.errors,
    evidence,
    timedOut,
    sessionsWritten,
    result,
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
