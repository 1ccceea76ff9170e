/** Protocol versions the peers can be pinned to. */
export type TlsVersion = "1.2" | "1.3";

/**
 * The GnuTLS priority string for the tools' `--priority`: `NORMAL`, or `NORMAL` restricted to one
 * protocol version (`NORMAL:-VERS-ALL:+VERS-TLS1.3`), which every version from 3.7.1 to 3.8.13
 * accepts on both tools.
 *
 * @example
 * ```ts
 * import { priorityFor } from "./priority.ts";
 * console.log(priorityFor("1.2")); // NORMAL:-VERS-ALL:+VERS-TLS1.2
 * ```
 */
export function priorityFor(tls?: TlsVersion): string {
  return tls ? `NORMAL:-VERS-ALL:+VERS-TLS${tls}` : "NORMAL";
}
