/**
 * The readiness line of the peers we write ourselves (servers/deno_tls_server.ts): printed once
 * on stdout when listening, `READY <host>:<port>`. It lives here, beside the code that waits for
 * readiness, so that the peer and the harness that starts it share it without the harness
 * depending on servers/. Pure: no I/O.
 * @module
 */

/** The readiness line's shape: `READY <host>:<port>`, with IPv6 hosts in brackets. */
export const READY_LINE: RegExp = /^READY (\[[0-9a-fA-F:]+\]|[0-9.]+):(\d+)$/;

/**
 * The readiness line a peer prints (once, on stdout) when it is listening.
 *
 * @example
 * ```ts
 * import { formatReadyLine } from "./ready_line.ts";
 * formatReadyLine("127.0.0.1", 4433); // "READY 127.0.0.1:4433"
 * ```
 */
export function formatReadyLine(host: string, port: number): string {
  return `READY ${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * Read a readiness line back: host (without brackets) and port. Throws a `SyntaxError` naming
 * what was expected when the line is not one.
 *
 * @example
 * ```ts
 * import { parseReadyLine } from "./ready_line.ts";
 * parseReadyLine("READY 127.0.0.1:4433"); // { host: "127.0.0.1", port: 4433 }
 * ```
 */
export function parseReadyLine(line: string): { host: string; port: number } {
  const m = READY_LINE.exec(line.trim());
  if (!m) {
    throw new SyntaxError(
      `Invalid readiness line "${line}": expected "READY <host>:<port>"`,
    );
  }
  return { host: m[1].replace(/^\[(.*)\]$/, "$1"), port: Number(m[2]) };
}
