import { type ChildProcess, freePort, spawn } from "../../process/mod.ts";
import type { ToolLaunch } from "./draft_interface.ts";
import { priorityFor, type TlsVersion } from "./priority.ts";
import {
  parseListenLine,
  parseServOutput,
  type ServConnection,
  type ServOutput,
} from "./serv_output.ts";

/** Options for {@linkcode GnutlsServer.start}. */
export interface GnutlsServerOptions {
  /** Leaf certificate (PEM). */
  cert: string;
  /** Its private key (PEM). */
  key: string;
  /** Pin the protocol version (through `--priority`). @default {both 1.2 and 1.3} */
  tls?: TlsVersion;
  /**
   * `--noticket`: no TLS 1.2 tickets and no TLS 1.3 tickets at all (measured: gnutls-serv then
   * sends no NewSessionTicket, so TLS 1.3 cannot resume; TLS 1.2 resumes by session ID).
   * @default {false}
   */
  noTicket?: boolean;
  /** `--nodb`: no session-ID cache (TLS 1.2 resumption then needs a ticket). @default {false} */
  noDb?: boolean;
  /** `--http` instead of `--echo`. The page shows the session ID but not "resumed". @default {false} */
  http?: boolean;
  /** A priority string instead of the one {@linkcode tls} implies. */
  priority?: string;
  /** Working directory. */
  cwd?: string;
  /** Deadline for the listening line, per attempt, in milliseconds. @default {10000} */
  readyTimeoutMs?: number;
  /** Ports tried before giving up (a port can be taken between choosing and binding). @default {3} */
  attempts?: number;
  /** Listen on this port instead of a free one (then only one attempt is made). */
  port?: number;
  /** Aborting kills the server (and stops a start in progress). */
  signal?: AbortSignal;
}

/** How a stopped server ended. */
export interface ServerExit {
  /** Exit code (1 after SIGTERM: it prints "Exiting via signal 15"); null when killed by SIGKILL. */
  code: number | null;
  /** Everything it wrote to stdout. */
  stdout: string;
  /** Everything it wrote to stderr. */
  stderr: string;
}

/**
 * A running `gnutls-serv`. It has no option to choose its address: it binds the wildcard
 * addresses `0.0.0.0` and `::` (every version, 3.7.1 to 3.8.13), so the project's "127.0.0.1
 * only" rule cannot be kept for it; clients here still connect to 127.0.0.1. `--port 0` is
 * accepted, but then the IPv4 and IPv6 sockets get different kernel ports and the tool prints
 * "port 0", so the harness picks a free port itself ({@linkcode freePort}). When the IPv4 bind
 * fails ("...bind() failed: Address already in use"), gnutls-serv does not exit: it keeps running
 * on IPv6 only, so the start treats that line as a failure, kills it and tries another port.
 */
export class GnutlsServer implements AsyncDisposable {
  /** The port it listens on (IPv4 and IPv6). */
  readonly port: number;
  /** Process id. */
  readonly pid: number;
  /** The pasteable command line. */
  readonly command: string;
  #process: ChildProcess;
  /** The listening line that proved readiness. */
  readonly readyLine: string;

  private constructor(port: number, process: ChildProcess, readyLine: string) {
    this.port = port;
    this.#process = process;
    this.pid = process.pid;
    this.command = process.command;
    this.readyLine = readyLine;
  }

  /**
   * The arguments `gnutls-serv` is started with for these options and port.
   *
   * @example
   * ```ts
   * import { GnutlsServer } from "./cli_server.ts";
   * console.log(GnutlsServer.args({ cert: "c.pem", key: "k.pem", tls: "1.3" }, 4433).join(" "));
   * ```
   */
  static args(options: GnutlsServerOptions, port: number): string[] {
    return [
      options.http ? "--http" : "--echo",
      "--port",
      String(port),
      "--x509certfile",
      options.cert,
      "--x509keyfile",
      options.key,
      "--priority",
      options.priority ?? priorityFor(options.tls),
      ...(options.noTicket ? ["--noticket"] : []),
      ...(options.noDb ? ["--nodb"] : []),
    ];
  }

  /**
   * Start a server on a free port and wait for "… listening on IPv4 0.0.0.0 port N...done" on
   * stderr (it is unbuffered; the per-connection stdout blocks also arrive as they happen).
   *
   * @throws {ProcessError} with its output when it exits, stays silent past the deadline, or
   * cannot bind after {@linkcode GnutlsServerOptions.attempts} ports.
   * @example
   * ```ts
   * import { GnutlsServer } from "./cli_server.ts";
   * import { fetchedGnutls } from "./fetch.ts";
   * const [build] = await fetchedGnutls(`${Deno.env.get("HOME")}/.cache/tls-session-harness`);
   * await using server = await GnutlsServer.start(build.cli["gnutls-serv"], {
   *   cert: "leaf.pem",
   *   key: "leaf.key",
   * });
   * console.log(server.port);
   * ```
   */
  static async start(tool: ToolLaunch, options: GnutlsServerOptions): Promise<GnutlsServer> {
    const attempts = options.port === undefined ? options.attempts ?? 3 : 1;
    let last: Error | undefined;
    for (let i = 0; i < attempts; i++) {
      const port = options.port ?? freePort();
      const child = spawn(tool.command, {
        args: [...tool.args, ...GnutlsServer.args(options, port)],
        env: tool.env,
        cwd: options.cwd,
        signal: options.signal,
      });
      try {
        const line = await child.waitForLine(
          (l, stream) => stream === "stderr" && parseListenLine(l)?.family === "IPv4",
          { timeoutMs: options.readyTimeoutMs ?? 10_000, signal: options.signal },
        );
        if (parseListenLine(line)!.ok) return new GnutlsServer(port, child, line);
        last = child.error(`gnutls-serv could not bind port ${port}: "${line}"`);
        await child.kill();
      } catch (e) {
        await child.kill();
        throw e;
      }
    }
    throw last!;
  }

  /** Its output so far, parsed. */
  output(): ServOutput {
    return parseServOutput(this.#process.stdout, this.#process.stderr, `gnutls-serv:${this.port}`);
  }

  /**
   * Wait until `count` connections have been accepted and reported (their "- Version:" line
   * printed), and return them all.
   *
   * @param options.timeoutMs Deadline. @default {10000}
   */
  async waitForConnections(
    count: number,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<ServConnection[]> {
    const done = () => this.output().connections.filter((c) => c.version !== undefined);
    await this.#process.waitForLine(() => done().length >= count, options);
    return done();
  }

  /** Kill (SIGTERM, then SIGKILL) and reap it. It prints "Exiting via signal 15" and exits 1. */
  async stop(): Promise<ServerExit> {
    const r = await this.#process.kill();
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  }

  /** Stop it (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
