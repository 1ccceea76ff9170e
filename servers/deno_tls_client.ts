/**
 * A Deno TLS client driver (`Deno.connectTls`, i.e. rustls): N connections, one after another,
 * in one process, each sending one request and reading the whole response. It exists to answer
 * whether a Deno client ever resumes a session across connections (claim DT-3), so it returns
 * the raw response text (for `openssl s_server -www`, the page that says "New," or "Reused,").
 *
 * @example
 * ```sh
 * deno run --allow-net --allow-read servers/deno_tls_client.ts \
 *   --connect 127.0.0.1:4433 --ca ca.pem --count 3
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  describeError,
  formatHostPort,
  isLoopbackAddress,
  printErrorLine,
  printLine,
  printText,
  writeText,
} from "./_conn_io.ts";

/** Options for {@linkcode runDenoTlsClient}. */
export interface DenoTlsClientOptions {
  /** Server port. */
  port: number;
  /** Loopback address of the server (127.0.0.0/8 or ::1). @default {"127.0.0.1"} */
  host?: string;
  /** Path of the CA certificate (PEM) that signed the server's certificate. */
  ca: string;
  /** Number of connections, made one after another. @default {1} */
  count?: number;
  /**
   * Bytes sent on each connection once the handshake is done, verbatim (UTF-8).
   * @default {"GET / HTTP/1.0\r\n\r\n"}
   */
  request?: string;
  /**
   * Name to verify the certificate against (and send as SNI when it is a DNS name). When it
   * differs from `host`, the client connects with `Deno.connect` + `Deno.startTls`, because
   * `Deno.connectTls` 2.9.6 has no option for it. @default {host}
   */
  serverName?: string;
  /** ALPN protocols to offer. @default {[] (no ALPN extension)} */
  alpn?: string[];
  /** Deadline per connection (connect, handshake, request, response) in ms. @default {10000} */
  timeoutMs?: number;
  /** Aborting ends the current connection and skips the rest. */
  signal?: AbortSignal;
}

/** What happened on one connection. */
export interface DenoTlsClientResult {
  /** Connection number, from 1. */
  conn: number;
  /** True when connect, handshake, request and reading to end of stream all succeeded. */
  ok: boolean;
  /** ALPN protocol the handshake selected, `null` for none (or when the handshake failed). */
  alpn: string | null;
  /** Everything the server sent, as text (also the partial response when `ok` is false). */
  response: string;
  /** Why the connection failed, when `ok` is false. */
  error?: string;
  /** Which Deno API made the connection. */
  via: "connectTls" | "startTls";
  /** The client's own address for this connection (to match server logs), when connected. */
  local?: string;
}

/** The default request: what `openssl s_server -www` answers with its status page. */
export const DEFAULT_REQUEST = "GET / HTTP/1.0\r\n\r\n";

/**
 * Make `count` TLS connections one after another, each sending `request` and reading until the
 * server closes. Never throws for a failed connection: each result says what happened. Throws
 * `RangeError` for bad options and an `Error` when the CA file cannot be read.
 *
 * @example
 * ```ts
 * import { runDenoTlsClient } from "./deno_tls_client.ts";
 * const results = await runDenoTlsClient({ port: 4433, ca: "ca.pem", count: 3 });
 * for (const r of results) console.log(r.conn, /^Reused,/m.test(r.response));
 * ```
 */
export async function runDenoTlsClient(
  options: DenoTlsClientOptions,
): Promise<DenoTlsClientResult[]> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackAddress(host)) {
    throw new RangeError(
      `Invalid host "${host}": the Deno TLS client connects only to a loopback address`,
    );
  }
  const { port } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`Invalid port "${port}": expected an integer from 1 to 65535`);
  }
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`Invalid count "${count}": expected a positive integer`);
  }
  let caPem: string;
  try {
    caPem = await Deno.readTextFile(options.ca);
  } catch (e) {
    throw new Error(`Cannot read the CA certificate "${options.ca}": ${describeError(e)}`, {
      cause: e,
    });
  }
  const results: DenoTlsClientResult[] = [];
  for (let i = 1; i <= count; i++) {
    if (options.signal?.aborted) break;
    results.push(await oneConnection(i, host, caPem, options));
  }
  return results;
}

async function oneConnection(
  n: number,
  host: string,
  caPem: string,
  options: DenoTlsClientOptions,
): Promise<DenoTlsClientResult> {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const serverName = options.serverName ?? bare;
  const via = serverName === bare ? "connectTls" : "startTls";
  const result: DenoTlsClientResult = { conn: n, ok: false, alpn: null, response: "", via };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const alpn = options.alpn?.length ? { alpnProtocols: options.alpn } : {};
  let conn: Deno.TlsConn | undefined;
  let tcp: Deno.TcpConn | undefined;
  // Closing the connection is the only way to cancel a pending handshake or read.
  const onAbort = () => {
    try {
      (conn ?? tcp)?.close();
    } catch { /* already closed */ }
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  try {
    if (via === "connectTls") {
      conn = await Deno.connectTls({
        hostname: bare,
        port: options.port,
        caCerts: [caPem],
        ...alpn,
      });
    } else {
      tcp = await Deno.connect({ hostname: bare, port: options.port, signal });
      conn = await Deno.startTls(tcp, { hostname: serverName, caCerts: [caPem], ...alpn });
    }
    if (signal.aborted) onAbort();
    result.local = formatHostPort(conn.localAddr.hostname, conn.localAddr.port);
    const hs = await conn.handshake();
    result.alpn = hs.alpnProtocol;
    await writeText(conn, options.request ?? DEFAULT_REQUEST);
    const buf = new Uint8Array(16 * 1024);
    while (true) {
      const got = await conn.read(buf);
      if (got === null) break;
      result.response += decoder.decode(buf.subarray(0, got), { stream: true });
    }
    result.response += decoder.decode();
    result.ok = true;
  } catch (e) {
    result.response += decoder.decode();
    result.error = signal.aborted
      ? (deadline.aborted
        ? `Timed out after ${timeoutMs} ms (${describeError(e)})`
        : `Aborted (${describeError(e)})`)
      : describeError(e);
  } finally {
    signal.removeEventListener("abort", onAbort);
    onAbort();
  }
  return result;
}

/** Usage text of the client CLI (`--help`). */
export const CLIENT_HELP: string = `\
Usage: deno run --allow-net --allow-read servers/deno_tls_client.ts --connect HOST:PORT --ca FILE [options]

A Deno (rustls) TLS client driver. Makes N connections one after another in one process; on
each it sends the request, reads until the server closes, and prints one JSON line on stdout:
  {"conn":1,"ok":true,"alpn":null,"response":"...","via":"connectTls","local":"127.0.0.1:N"}
  {"conn":2,"ok":false,"alpn":null,"response":"","error":"...","via":"connectTls"}
Exit code: 0 when every connection was ok, 1 otherwise, 2 for bad arguments.

Options:
  --connect HOST:PORT     server address; HOST must be a loopback address (127.x or [::1])
  --ca FILE               CA certificate (PEM) to verify the server with
  --count N               number of connections (default 1)
  --request TEXT          what to send on each connection (default "GET / HTTP/1.0");
                          the escapes \\r, \\n and \\\\ are understood, and "\\r\\n\\r\\n" is
                          appended unless TEXT already ends with a newline
  --server-name NAME      name to verify the certificate against (default: HOST); when it
                          differs from HOST the connection is made with Deno.startTls
  --alpn P1,P2,...        ALPN protocols to offer (default: none)
  --timeout-ms N          deadline per connection in milliseconds (default 10000)
  -h, --help              print this help
`;

/** The parsed command line of the client CLI. */
export type ClientCliArgs =
  | { help: true }
  | { help: false; options: Omit<DenoTlsClientOptions, "signal"> };

/**
 * Parse the client CLI's arguments. Throws a `TypeError` (unknown or missing option) or a
 * `RangeError` (bad value) that names the option.
 *
 * @example
 * ```ts
 * import { parseClientArgs } from "./deno_tls_client.ts";
 * parseClientArgs(["--connect", "127.0.0.1:4433", "--ca", "ca.pem", "--count", "3"]);
 * ```
 */
export function parseClientArgs(args: string[]): ClientCliArgs {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      connect: { type: "string" },
      ca: { type: "string" },
      count: { type: "string" },
      request: { type: "string" },
      "server-name": { type: "string" },
      alpn: { type: "string" },
      "timeout-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true };
  if (!values.connect) throw new TypeError("Missing option: --connect HOST:PORT is required");
  if (!values.ca) throw new TypeError("Missing option: --ca FILE is required");
  const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d+)$/.exec(values.connect);
  if (!m) {
    throw new RangeError(`Invalid --connect "${values.connect}": expected HOST:PORT`);
  }
  const options: Omit<DenoTlsClientOptions, "signal"> = {
    host: m[1],
    port: intOption("--connect port", m[2], 1, 65535),
    ca: values.ca,
  };
  if (values.count !== undefined) options.count = intOption("--count", values.count, 1);
  if (values.request !== undefined) options.request = cliRequest(values.request);
  if (values["server-name"] !== undefined) options.serverName = values["server-name"];
  if (values.alpn !== undefined) options.alpn = values.alpn.split(",").filter((p) => p !== "");
  if (values["timeout-ms"] !== undefined) {
    options.timeoutMs = intOption("--timeout-ms", values["timeout-ms"], 1);
  }
  return { help: false, options };
}

function cliRequest(text: string): string {
  const unescaped = text.replace(
    /\\([rn\\])/g,
    (_, c) => c === "r" ? "\r" : c === "n" ? "\n" : "\\",
  );
  return unescaped.endsWith("\n") ? unescaped : unescaped + "\r\n\r\n";
}

function intOption(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new RangeError(`Invalid ${name} "${text}": expected an integer from ${min} to ${max}`);
  }
  return n;
}

/**
 * The CLI: parse `args`, run the connections, print one JSON line per connection, and resolve
 * with the exit code (0 all ok, 1 some failed or the client could not start, 2 bad arguments).
 * Never calls `Deno.exit`.
 *
 * @example
 * ```ts
 * import { clientMain } from "./deno_tls_client.ts";
 * const code = await clientMain(["--help"]);
 * ```
 */
export async function clientMain(args: string[]): Promise<number> {
  let parsed: ClientCliArgs;
  try {
    parsed = parseClientArgs(args);
  } catch (e) {
    printErrorLine(`error: ${(e as Error).message}`);
    printErrorLine("Run with --help for usage.");
    return 2;
  }
  if (parsed.help) {
    printText(CLIENT_HELP);
    return 0;
  }
  let results: DenoTlsClientResult[];
  try {
    results = await runDenoTlsClient(parsed.options);
  } catch (e) {
    printErrorLine(`error: ${describeError(e)}`);
    return 1;
  }
  for (const r of results) printLine(JSON.stringify(r));
  return results.every((r) => r.ok) ? 0 : 1;
}

if (import.meta.main) {
  Deno.exitCode = await clientMain(Deno.args);
}
