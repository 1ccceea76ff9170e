/**
 * One TLS server of the server build, whatever its implementation (`ctx.tlsServer()`): which
 * peer serves is decided from the build's capabilities alone ({@linkcode chooseTlsServer}, pure,
 * so a test can pin the dispatch), and each peer honours the options it can and refuses the
 * others with an {@linkcode UnsupportedError} naming the option and the build: a server is never
 * started with an option silently dropped.
 *
 * | server build                          | peer                                   |
 * | ------------------------------------- | -------------------------------------- |
 * | `cli-server`, dialect "openssl"       | `openssl s_server` (`ctx.sServer()`)   |
 * | `cli-server`, dialect "bssl"          | `bssl server -loop`                    |
 * | `cli-server`, dialect "gnutls"        | `gnutls-serv --echo`                   |
 * | `api` + `tcp-peer` (no CLI server, or one that cannot honour the options) | the FFI driver's `listen_tcp` |
 * | rustls (`tcp-peer`, no library)       | the Deno TLS server (`ctx.denoServer()`) |
 *
 * @module
 */
import type { Build } from "../impl/mod.ts";
import type { ClientTarget } from "../openssl/mod.ts";
import { UnsupportedError } from "./unsupported_error.ts";

/** What a scenario asks of the server; every field is honoured or refused, never ignored. */
export interface TlsServerOptions {
  /**
   * The protocol of its connections: pinned where the server can pin it; the Deno (rustls)
   * server cannot, it allows both 1.2 and 1.3 and the client pins the version.
   */
  tls: "1.2" | "1.3";
  /** Session tickets (TLS 1.2 tickets, TLS 1.3 tickets). @default {true} */
  tickets?: boolean;
  /** TLS 1.3 tickets per connection. @default {the implementation's own number} */
  numTickets?: number;
  /** The server's session cache (TLS 1.2 session IDs). @default {true} */
  cache?: boolean;
}

/** The peers {@linkcode chooseTlsServer} dispatches to. */
export type TlsServerKind = "s_server" | "bssl server" | "gnutls-serv" | "ffi" | "deno";

/** Options each peer cannot honour (field and value), with why; absent: honoured. */
const CANNOT: Readonly<Record<TlsServerKind, (o: TlsServerOptions) => string | undefined>> = {
  "s_server": () => undefined,
  // bssl-tool server has no ticket, ticket-count or cache flag (cli_server.ts, 13 and 14).
  "bssl server": (o) =>
    o.tickets === false
      ? "tickets: false (bssl server has no -no-ticket flag)"
      : o.numTickets !== undefined
      ? `numTickets: ${o.numTickets} (bssl server has no ticket-count flag; it sends two)`
      : o.cache === false
      ? "cache: false (bssl server has no flag to turn its session cache off)"
      : undefined,
  "gnutls-serv": (o) =>
    o.numTickets !== undefined
      ? `numTickets: ${o.numTickets} (gnutls-serv has no ticket-count option)`
      : undefined,
  "ffi": () => undefined,
  // servers/deno_tls_server.ts: Deno.listenTls takes a certificate and ALPN, nothing else.
  "deno": (o) =>
    o.tickets === false
      ? "tickets: false (Deno.listenTls has no ticket option)"
      : o.numTickets !== undefined
      ? `numTickets: ${o.numTickets} (Deno.listenTls has no ticket-count option)`
      : o.cache === false
      ? "cache: false (Deno.listenTls has no session-cache option)"
      : undefined,
};

/**
 * Which peer serves for this build and these options: the build's CLI server when it has one
 * that honours them, else the FFI driver as a TCP server (builds with `api` and `tcp-peer`),
 * else the Deno server (rustls).
 *
 * @throws {UnsupportedError} naming the build and, for each peer it has, the option it cannot
 * honour (or the capability it lacks).
 * @example
 * ```ts ignore
 * import { chooseTlsServer } from "./tls_server.ts";
 * console.log(chooseTlsServer(ctx.serverBuild, { tls: "1.3" })); // "s_server" on OpenSSL
 * ```
 */
export function chooseTlsServer(build: Build, options: TlsServerOptions): TlsServerKind {
  const has = (c: string) => (build.capabilities as readonly string[]).includes(c);
  const candidates: TlsServerKind[] = [];
  if (has("cli-server")) {
    const dialect = build.cliDialect;
    if (dialect === "openssl") candidates.push("s_server");
    else if (dialect === "bssl") candidates.push("bssl server");
    else if (dialect === "gnutls") candidates.push("gnutls-serv");
  }
  if (has("tcp-peer") && has("api")) candidates.push("ffi");
  else if (has("tcp-peer") && build.implementation === "rustls") candidates.push("deno");
  const refused: string[] = [];
  for (const kind of candidates) {
    const why = CANNOT[kind](options);
    if (why === undefined) return kind;
    refused.push(`${kind} cannot honour ${why}`);
  }
  throw new UnsupportedError(
    `server build "${build.id}" (${build.implementation}) has no TLS server for these options: ${
      refused.length
        ? refused.join("; ")
        : `no CLI server of a known dialect, and not both "api" and "tcp-peer" (it has ${
          build.capabilities.join(", ") || "no capability"
        })`
    }`,
  );
}

/** What a server said of one connection it served (its own word). */
export interface ServedConnection {
  /** Whether it resumed a session. */
  resumed: boolean;
  /** The lines (or FFI result) that say so. */
  evidence: string;
}

/**
 * A TLS server of the server build on 127.0.0.1 ({@linkcode chooseTlsServer} chose the peer):
 * a target for every client step, plus what the server itself tells of its connections.
 * Stopped when the scenario ends.
 */
export interface TlsServer extends ClientTarget {
  /** The peer serving. */
  readonly kind: TlsServerKind;
  /** Port on 127.0.0.1. */
  readonly port: number;
  /** How it was started, for the report. */
  readonly description: string;
  /**
   * The connections it served, in order, once `count` of them are known (waits at most the
   * step deadline, then returns what it has); undefined for a peer that does not say whether it
   * resumed (`s_server` without `-www`, the Deno server).
   */
  served(count: number): Promise<ServedConnection[] | undefined>;
  /** Stop it (kill and reap its process, or close its listener). */
  stop(): Promise<void>;
}

/** `ctx.tlsServer()`'s option schema (see `option_check.ts`). */
export const TLS_SERVER_OPTION_KINDS = {
  tls: ["1.2", "1.3"],
  tickets: "boolean",
  numTickets: "integer",
  cache: "boolean",
} as const;
