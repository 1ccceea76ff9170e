/** A TLS protocol version as the harness names it. */
export type TlsVersion = "1.2" | "1.3";

/** Options for an `openssl s_server` peer. Zero values mean "openssl's default". */
export interface SServerOptions {
  /** Only this protocol version (`-tls1_2` / `-tls1_3`). @default {both} */
  tls?: TlsVersion;
  /** TLS 1.3 tickets per handshake (`-num_tickets N`). @default {openssl's: 2} */
  numTickets?: number;
  /** No session tickets (`-no_ticket`): TLS 1.2 falls back to session IDs, TLS 1.3 to stateful tickets. */
  noTicket?: boolean;
  /** Session id context (`-context ID`). */
  context?: string;
  /** Answer `GET /` with a status page holding the server's SSL-Session block (`-www`). */
  www?: boolean;
  /** Exit after this many connections (`-naccept N`). */
  naccept?: number;
  /** Disable the session cache (`-no_cache`). */
  noCache?: boolean;
  /** Use a stateless TLS 1.3 ticket (`-stateless`: cookie exchange) — rarely what you want. */
  stateless?: boolean;
  /** TLS 1.3 anti-replay protection on (true) or off (false) (`-anti_replay` / `-no_anti_replay`). */
  antiReplay?: boolean;
  /**
   * A connection that ends without close_notify counts as cleanly closed
   * (`-ignore_unexpected_eof`, OpenSSL 3.0 and later). @default {false}
   */
  ignoreUnexpectedEof?: boolean;
  /**
   * Print every protocol message (`-msg`): the server's view of each handshake becomes one more
   * resumption signal for the clients that connect to it. @default {false}
   */
  msg?: boolean;
  /** Extra arguments appended as they are. */
  extraArgs?: string[];
}

/** Options for an `openssl s_client` peer. */
export interface SClientOptions {
  /** Only this protocol version (`-tls1_2` / `-tls1_3`). @default {both} */
  tls?: TlsVersion;
  /** Write the session to this file name in the scenario's temp dir (`-sess_out`). */
  sessOut?: string;
  /** Offer the session stored in this file (`-sess_in`). */
  sessIn?: string;
  /** Do not offer session tickets (`-no_ticket`). */
  noTicket?: boolean;
  /** Trust this CA file instead of the run's test CA (`-CAfile`); for failed-handshake checks. */
  caFile?: string;
  /** Abort the handshake when verification fails (`-verify_return_error`). @default {true} */
  verifyReturnError?: boolean;
  /** Server name to send and verify (`-servername`, `-verify_hostname`). @default {"localhost"} */
  serverName?: string;
  /**
   * Print every protocol message (`-msg`), the third resumption signal (a resumed handshake has
   * no Certificate message; a resumed TLS 1.3 ServerHello carries `pre_shared_key`). It makes
   * the output 2-4 times larger (about 2 ms more per connection), so by default it is on only
   * where a connection can resume: when a session is offered. @default {sessIn !== undefined}
   */
  msg?: boolean;
  /**
   * `-quiet`: no session or certificate output (and stdin's end is ignored, `-ign_eof`), so
   * only the barrier says the handshake completed; the harness ends it with a signal.
   */
  quiet?: boolean;
  /** Extra arguments appended as they are. */
  extraArgs?: string[];
}

/** The arguments after `openssl` for an s_server with these options. */
export function sServerArgs(
  options: SServerOptions,
  pki: { cert: string; key: string; chain?: string },
): string[] {
  // -no-CAfile -no-CApath: a server that does not ask for client certificates needs no trust
  // store, and loading the system bundle (~140 certificates) is most of an s_server's start-up:
  // 40-60 ms with 3.0's decoders against 8 ms without it, 10-19 ms against 5-9 ms for the others.
  const args = [
    "s_server",
    "-accept",
    "127.0.0.1:0",
    "-cert",
    pki.cert,
    "-key",
    pki.key,
    "-no-CAfile",
    "-no-CApath",
  ];
  if (options.tls) args.push(options.tls === "1.3" ? "-tls1_3" : "-tls1_2");
  if (options.numTickets !== undefined) args.push("-num_tickets", String(options.numTickets));
  if (options.noTicket) args.push("-no_ticket");
  if (options.context !== undefined) args.push("-context", options.context);
  if (options.www) args.push("-www");
  if (options.naccept !== undefined) args.push("-naccept", String(options.naccept));
  if (options.noCache) args.push("-no_cache");
  if (options.stateless) args.push("-stateless");
  if (options.antiReplay === true) args.push("-anti_replay");
  if (options.antiReplay === false) args.push("-no_anti_replay");
  if (options.ignoreUnexpectedEof) args.push("-ignore_unexpected_eof");
  if (options.msg) args.push("-msg");
  args.push(...(options.extraArgs ?? []));
  return args;
}

/** The arguments after `openssl` for an s_client with these options (paths already resolved). */
export function sClientArgs(
  options: SClientOptions,
  target: { port: number; caFile: string; sessOut?: string; sessIn?: string },
): string[] {
  const args = ["s_client", "-connect", `127.0.0.1:${target.port}`, "-CAfile", target.caFile];
  const name = options.serverName ?? "localhost";
  args.push("-servername", name, "-verify_hostname", name);
  if (options.verifyReturnError ?? true) args.push("-verify_return_error");
  if (options.tls) args.push(options.tls === "1.3" ? "-tls1_3" : "-tls1_2");
  if (target.sessOut) args.push("-sess_out", target.sessOut);
  if (target.sessIn) args.push("-sess_in", target.sessIn);
  if (options.noTicket) args.push("-no_ticket");
  if (options.msg ?? target.sessIn !== undefined) args.push("-msg");
  if (options.quiet) args.push("-quiet");
  args.push(...(options.extraArgs ?? []));
  return args;
}

/** What each {@linkcode SServerOptions} field takes, for checking a scenario's call. */
export const S_SERVER_OPTION_KINDS = {
  tls: ["1.2", "1.3"],
  numTickets: "integer",
  noTicket: "boolean",
  context: "string",
  www: "boolean",
  naccept: "integer",
  noCache: "boolean",
  stateless: "boolean",
  antiReplay: "boolean",
  ignoreUnexpectedEof: "boolean",
  msg: "boolean",
  extraArgs: "string[]",
} as const satisfies Record<keyof SServerOptions, unknown>;

/** What each {@linkcode SClientOptions} field takes, for checking a scenario's call. */
export const S_CLIENT_OPTION_KINDS = {
  tls: ["1.2", "1.3"],
  sessOut: "string",
  sessIn: "string",
  noTicket: "boolean",
  caFile: "string",
  verifyReturnError: "boolean",
  serverName: "string",
  msg: "boolean",
  quiet: "boolean",
  extraArgs: "string[]",
} as const satisfies Record<keyof SClientOptions, unknown>;
