/**
 * `bssl-tool server` as a peer: started with `-accept 0`, its kernel-chosen port read from
 * `/proc` (it prints nothing when it starts listening), stopped by PID through the process
 * layer.
 *
 * What the tool allows, measured on 13.0.0 and 14.0.0 (same flags in both):
 * - `-accept` takes a port only and binds the IPv6 wildcard (`*:<port>` in `ss -ltn`, dual
 *   stack): it cannot be limited to 127.0.0.1. `-accept 127.0.0.1:0` is read as port 127 (the
 *   number's prefix), so the harness passes `0` and checks the address it got.
 * - No ticket flags (`-num-tickets`, `-no-ticket`): it sends BoringSSL's default two TLS 1.3
 *   tickets, and TLS 1.2 tickets; no TLS 1.3 stateful resumption.
 * - TLS 1.3 tickets leave only with the server's first write: with `-www` that is the reply to
 *   a `GET`, otherwise a line written to its stdin ({@linkcode BsslServer.write}).
 * - stdin at EOF makes it close each connection right after the handshake (before any ticket),
 *   so stdin stays piped open.
 * - Every line it prints goes to stderr (`Connected.` + `  Key: value` per connection).
 *
 * @module
 */
import { type ChildProcess, type ProcessResult, spawn } from "../../process/mod.ts";
import type { Build } from "./_interface.ts";
import { type BsslOutput, parseBsslOutput } from "./client_output.ts";
import { type ListeningSocket, listeningSockets } from "./listening_sockets.ts";

/** Options for {@linkcode startBsslServer}. */
export interface BsslServerOptions {
  /** Leaf certificate followed by its chain (PEM). */
  cert: string;
  /** Private key (PEM). */
  key: string;
  /** Pin the protocol version (both `-min-version` and `-max-version`). @default {both allowed} */
  tls?: "1.2" | "1.3";
  /** `-loop`: keep accepting connections one after another. @default {true} */
  loop?: boolean;
  /** `-www`: answer a `GET` with the connection's details. @default {false} */
  www?: boolean;
  /** Deadline for the port to appear, in milliseconds. @default {5000} */
  readyTimeoutMs?: number;
  /** Aborting kills the server. */
  signal?: AbortSignal;
}

/** A running `bssl-tool server`. Dispose of it to kill and reap it. */
export interface BsslServer extends AsyncDisposable {
  /** The kernel-chosen port. */
  port: number;
  /** Where it listens (from `/proc`: "::" for the wildcard the tool always binds). */
  listening: ListeningSocket;
  /** Its process ID. */
  pid: number;
  /** Resolve once `count` connections printed `Connected.` (stderr). */
  waitForConnections(
    count: number,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<void>;
  /** Write to the server's stdin: sent to the current connection (flushes TLS 1.3 tickets). */
  write(text: string): Promise<void>;
  /** Its connection blocks so far (stderr), parsed. */
  output(): BsslOutput;
  /** Kill, reap and return what it printed. */
  stop(): Promise<ProcessResult>;
}

const POLL_MS = 20;

/**
 * Start `bssl-tool server -accept 0` and wait until it listens.
 *
 * @throws {RangeError} when the build has no `bssl-tool` (BoringSSL 10.0.0).
 * @throws {ProcessError} (from the process layer) when it exits or misses the deadline before
 * listening, carrying its command line and output.
 * @example
 * ```ts ignore
 * import { startBsslServer } from "./cli_server.ts";
 * await using server = await startBsslServer(build, { cert: pki.chain, key: pki.key, www: true });
 * console.log(server.port);
 * ```
 */
export async function startBsslServer(
  build: Build,
  options: BsslServerOptions,
): Promise<BsslServer> {
  const bssl = build.cli?.bssl;
  if (!bssl) {
    throw new RangeError(`Build "${build.id}" has no bssl-tool: it cannot run a CLI server`);
  }
  const args = [...bssl.args, "server", "-accept", "0", "-cert", options.cert, "-key", options.key];
  if (options.tls) {
    const v = options.tls === "1.2" ? "tls1.2" : "tls1.3";
    args.push("-min-version", v, "-max-version", v);
  }
  if (options.loop ?? true) args.push("-loop");
  if (options.www) args.push("-www");
  const child = spawn(bssl.command, {
    args,
    env: bssl.env,
    stdin: true,
    signal: options.signal,
  });
  try {
    const listening = await waitListening(child, options.readyTimeoutMs ?? 5000, options.signal);
    return {
      port: listening.port,
      listening,
      pid: child.pid,
      waitForConnections: async (count, o = {}) => {
        let seen = 0;
        await child.waitForLine(
          (line, stream) => stream === "stderr" && line === "Connected." && ++seen >= count,
          { timeoutMs: o.timeoutMs ?? 5000, signal: o.signal },
        );
      },
      write: (text) => child.write(text),
      output: () => parseBsslOutput(child.stderr, { file: `${build.id} server stderr` }),
      stop: () => child.kill(),
      [Symbol.asyncDispose]: async () => {
        await child.kill();
      },
    };
  } catch (e) {
    await child.kill();
    throw e;
  }
}

async function waitListening(
  child: ChildProcess,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ListeningSocket> {
  const deadline = performance.now() + timeoutMs;
  while (true) {
    if (signal?.aborted) throw child.error("wait aborted", { cause: signal.reason });
    if (child.exited) {
      throw child.error("bssl-tool server exited before listening", undefined, child.stderr.trim());
    }
    const sockets = await listeningSockets(child.pid);
    if (sockets.length > 0) return sockets[0];
    if (performance.now() > deadline) {
      throw child.error(`bssl-tool server did not listen within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
