/**
 * A Deno TLS server (`Deno.listenTls`, i.e. rustls) that the harness runs as a peer of OpenSSL,
 * either in-process ({@linkcode startDenoTlsServer}) or as a child process (this file's CLI).
 *
 * Each connection gets a greeting, `HELLO conn=<n>`, after the handshake, then a small line
 * protocol that lets the client see what the server saw: `INFO`, `ECHO <text>`, `QUIT`, `STOP`,
 * and `GET <path> HTTP/1.x` for a tiny text page. See servers/README.md.
 *
 * @example
 * ```sh
 * deno run --allow-net --allow-read servers/deno_tls_server.ts --cert leaf.pem --key leaf.key
 * # READY 127.0.0.1:40123
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  describeError,
  formatHostPort,
  isLoopbackAddress,
  LineReader,
  printErrorLine,
  printLine,
  printText,
  writeText,
} from "./_conn_io.ts";
import { formatReadyLine } from "../harness/process/mod.ts";

/** Options for {@linkcode startDenoTlsServer}. */
export interface DenoTlsServerOptions {
  /** Path of the certificate chain (PEM): a leaf, optionally followed by its CA. */
  cert: string;
  /** Path of the leaf's private key (PEM). */
  key: string;
  /** Loopback address to bind (127.0.0.0/8 or ::1); anything else is refused. @default {"127.0.0.1"} */
  host?: string;
  /** Port to bind; 0 lets the kernel pick one. @default {0} */
  port?: number;
  /** ALPN protocols to offer, in preference order. @default {[] (no ALPN extension)} */
  alpn?: string[];
  /**
   * Accept at most this many connections, then close the listener and stop once they are all
   * closed (like `s_server -naccept`). @default {unlimited}
   */
  maxConnections?: number;
  /** Aborting stops the server (like {@linkcode DenoTlsServer.stop}). */
  signal?: AbortSignal;
  /** Receives one diagnostic line per connection event. @default {discard} */
  log?: (line: string) => void;
}

/** What the server knows about one connection. */
export interface DenoTlsConnectionInfo {
  /** Connection number, from 1, in accept order (the `n` of `HELLO conn=<n>`). */
  conn: number;
  /** The client's address, `host:port`. */
  remote: string;
  /** ALPN protocol the handshake selected, `null` for none or before the handshake. */
  alpn: string | null;
  /**
   * What `Deno.TlsConn.handshake()` returned, as it was (Deno 2.9.6: `{ alpnProtocol }` only:
   * no protocol version, cipher or resumption flag). `null` until the handshake completes.
   */
  handshake: Record<string, unknown> | null;
  /** Commands received, in order (request lines as they came, without the line end). */
  commands: string[];
  /** True while the connection is open. */
  open: boolean;
  /** Why the connection ended abnormally (handshake failure, read error…), if it did. */
  error?: string;
}

/** Why a {@linkcode DenoTlsServer} stopped. */
export type DenoTlsStopReason =
  | "stop-command"
  | "stop-call"
  | "abort"
  | "max-connections"
  | "os-signal"
  | "listener-error";

/** A running Deno TLS server. Dispose of it (with `await using`) to stop it. */
export interface DenoTlsServer extends AsyncDisposable {
  /** The address it is bound to. */
  readonly host: string;
  /** The port it is bound to (the kernel's pick when asked for 0). */
  readonly port: number;
  /** `host:port` (IPv6 in brackets), as in the readiness line. */
  readonly address: string;
  /** A snapshot of every connection accepted so far, in accept order. */
  connections(): DenoTlsConnectionInfo[];
  /**
   * Stop: close the listener, close every open connection and wait for their handlers.
   * Idempotent; resolves once everything is closed.
   */
  stop(): Promise<void>;
  /** Resolves with the reason once the server has stopped, however that happened. */
  readonly finished: Promise<DenoTlsStopReason>;
}

// The readiness line is shared with the harness that starts this file as a process.
export { formatReadyLine, parseReadyLine, READY_LINE } from "../harness/process/mod.ts";

/** The line the CLI prints on stdout once it has stopped. */
export const STOPPED_LINE = "STOPPED";

/**
 * Start a Deno TLS server in this process. It answers the line protocol described in the module
 * documentation on every connection until stopped (by {@linkcode DenoTlsServer.stop}, the `STOP`
 * command, `signal`, or `maxConnections`).
 *
 * Deno 2.9.6 offers no choice of TLS version: rustls' defaults apply (TLS 1.2 and TLS 1.3), and
 * nothing tells the server whether a connection was resumed.
 *
 * @example
 * ```ts
 * import { startDenoTlsServer } from "./deno_tls_server.ts";
 * import { createTestPki } from "../harness/pki/mod.ts";
 * await using pki = await createTestPki();
 * await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key });
 * console.log(server.address, server.connections().length);
 * ```
 */
export async function startDenoTlsServer(options: DenoTlsServerOptions): Promise<DenoTlsServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackAddress(host)) {
    throw new RangeError(
      `Invalid host "${host}": the Deno TLS server binds only to a loopback address (127.0.0.1 or ::1)`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Invalid port "${port}": expected an integer from 0 to 65535`);
  }
  const max = options.maxConnections;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(`Invalid maxConnections "${max}": expected a positive integer`);
  }
  options.signal?.throwIfAborted();
  const cert = await readPem(options.cert, "certificate");
  const key = await readPem(options.key, "private key");
  const listener = Deno.listenTls({
    hostname: host.replace(/^\[(.*)\]$/, "$1"),
    port,
    cert,
    key,
    ...(options.alpn?.length ? { alpnProtocols: options.alpn } : {}),
  });
  return new Server(listener, options);
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new Error(`Cannot read the ${what} "${path}": ${describeError(e)}`, { cause: e });
  }
}

class Server implements DenoTlsServer {
  readonly host: string;
  readonly port: number;
  readonly address: string;
  readonly finished: Promise<DenoTlsStopReason>;

  #listener: Deno.TlsListener;
  #log: (line: string) => void;
  #infos: DenoTlsConnectionInfo[] = [];
  #open = new Set<Deno.TlsConn>();
  #handlers = new Set<Promise<void>>();
  #stopping: Promise<void> | undefined;
  #reason: DenoTlsStopReason = "stop-call";
  #resolveFinished!: (r: DenoTlsStopReason) => void;
  #acceptLoop: Promise<void>;
  #signal?: AbortSignal;
  #onAbort = () => void this.#stop("abort");

  constructor(listener: Deno.TlsListener, options: DenoTlsServerOptions) {
    this.#listener = listener;
    this.#log = options.log ?? (() => {});
    const addr = listener.addr as Deno.NetAddr;
    this.host = addr.hostname;
    this.port = addr.port;
    this.address = formatHostPort(this.host, this.port);
    this.finished = new Promise((r) => this.#resolveFinished = r);
    this.#signal = options.signal;
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
    this.#acceptLoop = this.#accept(options.maxConnections ?? Infinity);
  }

  connections(): DenoTlsConnectionInfo[] {
    return this.#infos.map((i) => ({
      ...i,
      commands: [...i.commands],
      handshake: i.handshake && { ...i.handshake },
    }));
  }

  stop(): Promise<void> {
    return this.#stop("stop-call");
  }

  /** Stop for a reason other than a `stop()` call (the CLI's signal handler uses this). */
  stopFor(reason: DenoTlsStopReason): Promise<void> {
    return this.#stop(reason);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #stop(reason: DenoTlsStopReason): Promise<void> {
    if (!this.#stopping) {
      this.#reason = reason;
      this.#stopping = this.#shutdown();
    }
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    try {
      this.#listener.close();
    } catch { /* already closed after maxConnections */ }
    await this.#acceptLoop;
    for (const conn of this.#open) closeQuietly(conn);
    await Promise.allSettled([...this.#handlers]);
    this.#log(`stopped (${this.#reason})`);
    this.#resolveFinished(this.#reason);
  }

  async #accept(max: number): Promise<void> {
    let accepted = 0;
    while (accepted < max) {
      let conn: Deno.TlsConn;
      try {
        conn = await this.#listener.accept();
      } catch (e) {
        // Closing the listener is how stop() ends this loop; anything else is a real failure.
        if (!this.#stopping) {
          this.#log(`listener failed: ${describeError(e)}`);
          void this.#stop("listener-error");
        }
        return;
      }
      accepted++;
      const handler = this.#serve(conn, accepted);
      this.#handlers.add(handler);
      handler.finally(() => this.#handlers.delete(handler));
    }
    // Like `s_server -naccept`: no more connections; stop once the accepted ones are done.
    try {
      this.#listener.close();
    } catch { /* stop() closed it first */ }
    void Promise.allSettled([...this.#handlers]).then(() => this.#stop("max-connections"));
  }

  async #serve(conn: Deno.TlsConn, n: number): Promise<void> {
    const remote = conn.remoteAddr;
    const info: DenoTlsConnectionInfo = {
      conn: n,
      remote: formatHostPort(remote.hostname, remote.port),
      alpn: null,
      handshake: null,
      commands: [],
      open: true,
    };
    this.#infos.push(info);
    this.#open.add(conn);
    this.#log(`conn=${n} accepted from ${info.remote}`);
    try {
      const hs = await conn.handshake();
      info.handshake = { ...hs };
      info.alpn = hs.alpnProtocol;
      this.#log(`conn=${n} handshake done alpn=${info.alpn ?? "-"}`);
      await writeText(conn, `HELLO conn=${n}\n`);
      const reader = new LineReader(conn);
      while (true) {
        const line = await reader.readLine();
        if (line === null) break;
        if (line.trim() === "") continue;
        info.commands.push(line);
        const next = await this.#answer(conn, info, line);
        if (next === "close") {
          await conn.closeWrite().catch(() => {});
          break;
        }
        if (next === "stop") {
          void this.#stop("stop-command");
          break;
        }
      }
    } catch (e) {
      // Errors caused by our own stop() (cancelled reads) are not the connection's fault.
      if (!this.#stopping) {
        info.error = describeError(e);
        this.#log(`conn=${n} error: ${info.error}`);
      }
    } finally {
      closeQuietly(conn);
      this.#open.delete(conn);
      info.open = false;
      this.#log(`conn=${n} closed`);
    }
  }

  async #answer(
    conn: Deno.TlsConn,
    info: DenoTlsConnectionInfo,
    line: string,
  ): Promise<"continue" | "close" | "stop"> {
    const [word, ...rest] = line.split(" ");
    // Commands are case-insensitive so that `openssl s_client` users can type `quit`: s_client
    // itself acts on lines starting with "Q" or "R" (and "k"/"K" in 3.x) unless -nocommands.
    switch (word.toUpperCase()) {
      case "INFO":
        await writeText(conn, JSON.stringify(this.#infoJson(info)) + "\n");
        return "continue";
      case "ECHO":
        await writeText(conn, rest.join(" ") + "\n");
        return "continue";
      case "QUIT":
        await writeText(conn, "BYE\n");
        return "close";
      case "STOP":
        await writeText(conn, "STOPPING\n");
        return "stop";
      case "GET":
        if (/^GET \S+ HTTP\/1\.[01]$/.test(line)) {
          await writeText(conn, this.#page(info));
          return "close";
        }
        break;
    }
    await writeText(conn, `ERR unknown command ${JSON.stringify(line.slice(0, 200))}\n`);
    return "continue";
  }

  #infoJson(info: DenoTlsConnectionInfo): Record<string, unknown> {
    return {
      conn: info.conn,
      alpn: info.alpn,
      remote: info.remote,
      local: this.address,
      handshake: info.handshake,
      accepted: this.#infos.length,
    };
  }

  #page(info: DenoTlsConnectionInfo): string {
    const body = [
      `deno-tls-server conn=${info.conn}`,
      `remote: ${info.remote}`,
      `alpn: ${info.alpn ?? "(none)"}`,
      `handshake: ${JSON.stringify(info.handshake)}`,
      "Deno.TlsConn does not tell the server the TLS version or whether the session was resumed.",
      "",
    ].join("\n");
    return [
      "HTTP/1.0 200 OK",
      "Content-Type: text/plain; charset=utf-8",
      `Content-Length: ${new TextEncoder().encode(body).length}`,
      "Connection: close",
      "",
      body,
    ].join("\r\n");
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}

/** Usage text of the server CLI (`--help`). */
export const SERVER_HELP: string = `\
Usage: deno run --allow-net --allow-read servers/deno_tls_server.ts --cert FILE --key FILE [options]

A Deno (rustls) TLS server for interop tests. When listening it prints exactly one line on
stdout, "READY <host>:<port>", and "STOPPED" when it has stopped; diagnostics go to stderr.

Options:
  --cert FILE             certificate chain (PEM): leaf, optionally followed by its CA
  --key FILE              the leaf's private key (PEM)
  --host ADDR             loopback address to bind: 127.0.0.1 (default) or another 127.x / ::1
  --port N                port to bind; 0 (default) lets the kernel pick
  --alpn P1,P2,...        ALPN protocols to offer (default: none)
  --max-connections N     accept N connections, then stop once they are closed
  -h, --help              print this help

Per connection: after the handshake the server writes "HELLO conn=<n>", then answers lines
(commands are case-insensitive):
  INFO                    one JSON line: {"conn","alpn","remote","local","handshake","accepted"}
  ECHO <text>             <text>
  QUIT                    "BYE", then the server closes this connection
  STOP                    "STOPPING", then the server stops and the process exits with 0
  GET <path> HTTP/1.0     a small text/plain page, then the server closes this connection
  anything else           "ERR unknown command ..."
SIGTERM and SIGINT stop the server cleanly as well (exit code 0).
`;

/** The parsed command line of the server CLI. */
export type ServerCliArgs =
  | { help: true }
  | { help: false; options: Omit<DenoTlsServerOptions, "signal" | "log"> };

/**
 * Parse the server CLI's arguments. Throws a `TypeError` (unknown or missing option) or a
 * `RangeError` (bad value) that names the option.
 *
 * @example
 * ```ts
 * import { parseServerArgs } from "./deno_tls_server.ts";
 * parseServerArgs(["--cert", "c.pem", "--key", "k.pem", "--port", "4433"]);
 * ```
 */
export function parseServerArgs(args: string[]): ServerCliArgs {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      cert: { type: "string" },
      key: { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      alpn: { type: "string" },
      "max-connections": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true };
  if (!values.cert) throw new TypeError("Missing option: --cert FILE is required");
  if (!values.key) throw new TypeError("Missing option: --key FILE is required");
  const options: Omit<DenoTlsServerOptions, "signal" | "log"> = {
    cert: values.cert,
    key: values.key,
  };
  if (values.host !== undefined) options.host = values.host;
  if (values.port !== undefined) options.port = intOption("--port", values.port, 0, 65535);
  if (values.alpn !== undefined) options.alpn = values.alpn.split(",").filter((p) => p !== "");
  if (values["max-connections"] !== undefined) {
    options.maxConnections = intOption("--max-connections", values["max-connections"], 1);
  }
  return { help: false, options };
}

function intOption(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new RangeError(`Invalid ${name} "${text}": expected an integer from ${min} to ${max}`);
  }
  return n;
}

/**
 * The CLI: parse `args`, serve until stopped, and resolve with the exit code (0 after a clean
 * stop, 2 for bad arguments, 1 when the server could not start). Never calls `Deno.exit`.
 *
 * @example
 * ```ts
 * import { serverMain } from "./deno_tls_server.ts";
 * const code = await serverMain(["--help"]);
 * ```
 */
export async function serverMain(args: string[]): Promise<number> {
  let parsed: ServerCliArgs;
  try {
    parsed = parseServerArgs(args);
  } catch (e) {
    printErrorLine(`error: ${(e as Error).message}`);
    printErrorLine("Run with --help for usage.");
    return 2;
  }
  if (parsed.help) {
    printText(SERVER_HELP);
    return 0;
  }
  let server: Server;
  try {
    server = await startDenoTlsServer({ ...parsed.options, log: printErrorLine }) as Server;
  } catch (e) {
    printErrorLine(`error: ${describeError(e)}`);
    return 1;
  }
  const signals: Deno.Signal[] = ["SIGTERM", "SIGINT"];
  const onSignal = () => void server.stopFor("os-signal");
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  printLine(formatReadyLine(server.host, server.port));
  try {
    await server.finished;
  } finally {
    // Signal listeners keep the event loop alive: remove them so the process can end.
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  }
  printLine(STOPPED_LINE);
  return 0;
}

if (import.meta.main) {
  Deno.exitCode = await serverMain(Deno.args);
}
