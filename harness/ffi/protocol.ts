/**
 * The JSON line protocol between {@linkcode FfiDriver} (parent) and `driver.ts` (child), and the
 * typed argument / result of every op. One request per line on the driver's stdin, one response
 * per line on its stdout, answered in order:
 *
 * ```text
 * → {"id":1,"op":"ctx_new","args":{"role":"server","cert":"/…/leaf.pem","key":"/…/leaf.key"}}
 * ← {"id":1,"ok":true,"result":{"handle":1}}
 * → {"id":2,"op":"ssl_free","args":{"ssl":99}}
 * ← {"id":2,"ok":false,"error":"Handle 99 does not exist"}
 * ```
 *
 * On start the driver writes `{"id":0,"ok":true,"result":<HelloResult>}` (or `ok:false` when the
 * libraries cannot be opened) before reading anything.
 *
 * Objects are small integer handles (one number space for SSL_CTX, SSL and SSL_SESSION, never
 * reused). Pointers cross only as opaque hex strings (`ptr`) for "same object?" comparisons.
 *
 * @example
 * ```ts
 * import type { FfiRequest } from "./protocol.ts";
 * const req: FfiRequest = { id: 1, op: "session_new", args: {} };
 * console.log(JSON.stringify(req));
 * ```
 * @module
 */

import type { TlsVersionName } from "./constants.ts";
import type { Handle } from "./handle.ts";
import type { SessionFieldOps } from "./protocol_session_fields.ts";

/** One request line. */
export interface FfiRequest {
  /** Positive, increasing; echoed in the response. */
  id: number;
  /** Op name (a key of {@linkcode FfiOps}). */
  op: string;
  /** Op arguments. */
  args?: Record<string, unknown>;
  /**
   * The scope (one scenario of a driver shared by several) the request belongs to: handles it
   * makes belong to that scope, handles of other scopes are refused, `freed_sessions` and
   * `handles` see only that scope, and `scope_end` frees what it made. @default {none}
   */
  scope?: number;
}

/** One response line. */
export type FfiResponse =
  | { id: number; ok: true; result: unknown }
  | {
    id: number;
    ok: false;
    /** What went wrong, sentence case. */
    error: string;
    /** libcrypto's error queue at the time (`ERR_error_string_n` texts), when not empty. */
    opensslErrors?: string[];
    /** What the build lacks, when that is the reason (a symbol name, "observable frees"). */
    unsupported?: string;
  };

export type { Handle } from "./handle.ts";

/** A session returned to the parent: its handle and pointer (both null for a NULL pointer). */
export interface SessionRef {
  /** Handle of the SSL_SESSION; the same object always gets the same handle. */
  session: Handle | null;
  /** The pointer as an opaque hex string ("0x55…"), for pointer-equality checks. */
  ptr: string | null;
}

/** What the driver says on start (and what `hello` returns). */
export interface HelloResult {
  /** `OpenSSL_version(OPENSSL_VERSION)`, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
  version: string;
  /** `OpenSSL_version_num()`. */
  versionNumber: number;
  /** Symbols the driver looked for and this build does not export. */
  missingSymbols: string[];
  /** The libssl that was opened. */
  libssl: string;
  /** The libcrypto that was opened. */
  libcrypto: string;
  /** Driver process id. */
  pid: number;
  /**
   * The mutant this driver runs (`TLS_HARNESS_FFI_MUTANT`, see `ffi_mutant.ts`): one libssl
   * behaviour altered for `harness mutate`; null for the real behaviour.
   */
  mutant: string | null;
  /**
   * Whether the driver sees sessions freed (measured on start: a tagged `SSL_SESSION_new` freed
   * once). False where the library never calls the ex_data free callback: `freed` results and
   * `freed_sessions` then stay empty whatever is freed.
   */
  observesFrees: boolean;
  /** Why {@linkcode observesFrees} is false; null when it is true. */
  unobservedFrees: string | null;
}

/** The side bits of a cache mode by name. */
export type CacheSide = "off" | "client" | "server" | "both";

/**
 * Session cache modes by name (or the raw `SSL_SESS_CACHE_*` bits). `|no-auto-clear` adds
 * `SSL_SESS_CACHE_NO_AUTO_CLEAR` as the implementation spells it (OpenSSL 0x80, wolfSSL 0x8):
 * the driver's constants, never a number written in a scenario.
 */
export type CacheMode = CacheSide | `${CacheSide}|no-auto-clear` | number;

/** Arguments of `ctx_new`. Unset fields keep OpenSSL's defaults. */
export interface CtxNewArgs {
  /** Which method: TLS_client_method, TLS_server_method, or TLS_method for "any". */
  role: "client" | "server" | "any";
  /** `SSL_CTX_set_min_proto_version`. */
  minVersion?: TlsVersionName;
  /** `SSL_CTX_set_max_proto_version`. */
  maxVersion?: TlsVersionName;
  /** `SSL_CTX_set_num_tickets` (TLS 1.3 tickets a server sends; OpenSSL's default is 2). */
  numTickets?: number;
  /** `SSL_CTX_set_session_id_context` (UTF-8 bytes of this string). */
  sessionIdContext?: string;
  /** Certificate chain file (PEM) for `SSL_CTX_use_certificate_chain_file`. */
  cert?: string;
  /** Private key file (PEM) for `SSL_CTX_use_PrivateKey_file`. */
  key?: string;
  /** CA file for `SSL_CTX_load_verify_locations`; also turns on SSL_VERIFY_PEER. */
  caFile?: string;
  /** `SSL_CTX_set_session_cache_mode`. OpenSSL's default is "server". */
  cacheMode?: CacheMode;
  /** Set `SSL_OP_NO_TICKET`. */
  noTicket?: boolean;
  /** `SSL_CTX_set_timeout` in seconds. */
  timeout?: number;
  /**
   * What the new-session callback returns: true → 1 (the driver keeps the reference it was
   * given, so the session handle stays valid until someone calls `session_free` on it);
   * false → 0 (libssl keeps ownership). The callback is always installed and always records.
   * @default {true}
   */
  keepNewSessions?: boolean;
  /** Leave the context without the driver's new-session callback. @default {false} */
  noNewSessionCallback?: boolean;
}

/** The session cache statistics of a context (`SSL_CTX_sess_*`, SSL_CTX_sess_number(3)). */
export interface CacheStats {
  /** `SSL_CTX_sess_number`. */
  number: number;
  /** `SSL_CTX_sess_connect`. */
  connect: number;
  /** `SSL_CTX_sess_connect_good`. */
  connectGood: number;
  /** `SSL_CTX_sess_connect_renegotiate`. */
  connectRenegotiate: number;
  /** `SSL_CTX_sess_accept`. */
  accept: number;
  /** `SSL_CTX_sess_accept_good`. */
  acceptGood: number;
  /** `SSL_CTX_sess_accept_renegotiate`. */
  acceptRenegotiate: number;
  /** `SSL_CTX_sess_hits`. */
  hits: number;
  /** `SSL_CTX_sess_cb_hits`. */
  cbHits: number;
  /** `SSL_CTX_sess_misses`. */
  misses: number;
  /** `SSL_CTX_sess_timeouts`. */
  timeouts: number;
  /** `SSL_CTX_sess_cache_full`. */
  cacheFull: number;
}

/** One call of a context's remove-session callback. */
export interface RemoveCall {
  /** The session removed (tagged during the call if the driver had not seen it). */
  session: Handle | null;
  /** Its pointer. */
  ptr: string | null;
}

/** One call of a context's get-session callback. */
export interface GetCall {
  /** The session ID the client proposed, as lowercase hex. */
  id: string;
  /** The SSL it was called for (null when not the driver's). */
  ssl: Handle | null;
  /** `*copy` as libssl set it before the call. */
  copyBefore: number;
  /** The session the callback returned (null: NULL). */
  returned: Handle | null;
}

/** One call of the new-session callback. */
export interface NewSessionCall {
  /** The session handle passed to the callback. */
  session: Handle;
  /** Its pointer. */
  ptr: string;
  /** The SSL handle it was called for (null when the SSL was not created by the driver). */
  ssl: Handle | null;
  /** What the callback returned (1 = it kept a reference). */
  returned: 0 | 1;
}

/** One connection a `listen_tcp` listener served, once it ended. */
export interface AcceptedTcp {
  /** Its number, from 1, in accept order. */
  conn: number;
  /** The server SSL it was served with (alive until the scope ends); null when none was made. */
  ssl: Handle | null;
  /** `SSL_version` after the handshake; null when the handshake failed. */
  version: number | null;
  /** `SSL_session_reused` after the handshake; null when the handshake failed. */
  reused: boolean | null;
  /** New-session callbacks on that SSL (sessions the server made: one per ticket or ID). */
  newSessionCalls: number;
  /** Application data the client sent. */
  data: string;
  /** How it ended: the client's close_notify, EOF without one, the deadline, or a failure. */
  end: "close_notify" | "eof" | "timeout" | "error";
  /** The failure (with the library's error queue) when `end` is "error". */
  error: string | null;
}

/** Result of an SSL I/O call: the return value and `SSL_get_error` of it. */
export interface SslCallResult {
  /** Raw return value. */
  rc: number;
  /** `SSL_get_error(ssl, rc)` as a name ("SSL_ERROR_WANT_READ"…), or null when rc > 0. */
  error: string | null;
}

/** Every op: its arguments and its result (session fields and timeouts: `SessionFieldOps`). */
export interface FfiOps extends SessionFieldOps {
  /** Version and missing symbols (also sent unasked on start). */
  hello: { args: Record<string, never>; result: HelloResult };
  /** `SSL_CTX_new` plus configuration; the new-session callback is installed. */
  ctx_new: { args: CtxNewArgs; result: { ctx: Handle } };
  /** `SSL_CTX_free`. Cached sessions are released (watch `freed_sessions`). */
  ctx_free: { args: { ctx: Handle }; result: Record<string, never> };
  /** `SSL_CTX_sess_number` (macro over `SSL_CTX_ctrl(ctx, 20, 0, NULL)`). */
  ctx_sess_number: { args: { ctx: Handle }; result: { count: number } };
  /**
   * `SSL_CTX_flush_sessions_ex` when exported, else `SSL_CTX_flush_sessions`. `time` is seconds
   * since the epoch: sessions expired at that time are removed. Result names the function used.
   */
  ctx_flush_sessions: {
    args: { ctx: Handle; time: number };
    result: { function: string; freed: Handle[] };
  };
  /** `SSL_CTX_set_timeout`; returns the previous value. */
  ctx_set_timeout: { args: { ctx: Handle; seconds: number }; result: { previous: number } };
  /** `SSL_CTX_add_session`. */
  ctx_add_session: { args: { ctx: Handle; session: Handle }; result: { rc: number } };
  /** `SSL_CTX_remove_session`. */
  ctx_remove_session: { args: { ctx: Handle; session: Handle }; result: { rc: number } };
  /** Every call of this context's new-session callback so far. */
  ctx_new_sessions: { args: { ctx: Handle }; result: { count: number; calls: NewSessionCall[] } };
  /**
   * `SSL_new` with two memory BIOs (`SSL_set_bio`) and the connect / accept state from `role`
   * (default: the context's role; "any" contexts need it).
   */
  ssl_new: { args: { ctx: Handle; role?: "client" | "server" }; result: { ssl: Handle } };
  /** `SSL_free` (closes its TCP socket if any). Sessions it released show in `freed`. */
  ssl_free: { args: { ssl: Handle }; result: { freed: Handle[] } };
  /** `SSL_clear`. */
  ssl_clear: { args: { ssl: Handle }; result: { rc: number; freed: Handle[] } };
  /** `SSL_get_session` / `SSL_get0_session` / `SSL_get1_session`. */
  get_session: {
    args: { ssl: Handle; variant?: "get" | "get0" | "get1" };
    result: SessionRef & { function: string };
  };
  /** `SSL_set_session` (session null → NULL). */
  set_session: {
    args: { ssl: Handle; session: Handle | null };
    result: { rc: number; freed: Handle[] };
  };
  /** `SSL_session_reused`. */
  session_reused: { args: { ssl: Handle }; result: { reused: boolean } };
  /** `SSL_version` and whether the handshake finished. */
  ssl_info: {
    args: { ssl: Handle };
    result: { version: number; initFinished: boolean; role: "client" | "server" };
  };
  /** `SSL_SESSION_new`. */
  session_new: { args: Record<string, never>; result: SessionRef };
  /** `SSL_SESSION_dup`. */
  session_dup: { args: { session: Handle }; result: SessionRef };
  /** `SSL_SESSION_up_ref`. */
  session_up_ref: { args: { session: Handle }; result: { rc: number } };
  /** `SSL_SESSION_free`; `freed` says whether this call really freed it. */
  session_free: { args: { session: Handle | null }; result: { freed: boolean } };
  /** `SSL_SESSION_is_resumable`. */
  session_is_resumable: { args: { session: Handle }; result: { resumable: boolean } };
  /** Read-only facts about a session (each null when the build lacks the getter). */
  session_info: {
    args: { session: Handle };
    result: {
      protocolVersion: number | null;
      id: string | null;
      time: number | null;
      timeout: number | null;
      hasTicket: boolean | null;
      ticketLifetimeHint: number | null;
      resumable: boolean | null;
      /**
       * Fields this build cannot give (field → the symbol it does not export); the parent
       * makes reading such a field throw an "unsupported" FfiError naming it.
       */
      unsupported?: Record<string, string>;
    };
  };
  /** `SSL_SESSION_get_id` as lowercase hex. */
  session_id: { args: { session: Handle }; result: { id: string } };
  /** `i2d_SSL_SESSION` as base64. */
  session_i2d: { args: { session: Handle }; result: { der: string } };
  /** `d2i_SSL_SESSION` of base64 DER (the caller owns the new reference). */
  session_d2i: { args: { der: string }; result: SessionRef };
  /** `SSL_SESSION_set_timeout`. */
  session_set_timeout: { args: { session: Handle; seconds: number }; result: { rc: number } };
  /** `SSL_SESSION_set_time_ex` when exported, else `SSL_SESSION_set_time`. */
  session_set_time: {
    args: { session: Handle; time: number };
    result: { rc: number; function: string };
  };
  /** Every session really freed so far (free callback), in order; `untagged` = never seen ones. */
  freed_sessions: { args: Record<string, never>; result: { handles: Handle[]; untagged: number } };
  /** Live and dead handles, for debugging. */
  handles: {
    args: Record<string, never>;
    result: { live: { handle: Handle; kind: string; ptr: string }[]; dead: Handle[] };
  };
  /**
   * Pump memory BIOs between two SSLs of this process until both finished the handshake
   * (at most `maxIterations` rounds). `readTickets` then runs `read_tickets`.
   */
  handshake: {
    args: { client: Handle; server: Handle; maxIterations?: number; readTickets?: boolean };
    result: {
      iterations: number;
      version: number;
      clientReused: boolean;
      serverReused: boolean;
      newSessionCalls?: number;
    };
  };
  /**
   * `count` connections between fresh SSLs of two contexts, each made, handshaken and freed
   * without a shutdown (`ssl_new` ×2, `handshake`, `ssl_free` ×2 in one request); with
   * `untilServerCacheEmpty`, stopping after the first one that leaves the server context's cache
   * empty. `connections`: how many were made. `count` is an integer ≥ 1; the request holds the
   * build's shared driver for its whole run (about 1 ms a connection here), so it must end well
   * within the call's timeout.
   */
  connections: {
    args: {
      clientCtx: Handle;
      serverCtx: Handle;
      count: number;
      untilServerCacheEmpty?: boolean;
    };
    result: { connections: number; serverCacheEmpty: boolean };
  };
  /**
   * Move what `server` wrote to `client` (when given) and let `client` process it with a
   * non-blocking SSL_read (TLS 1.3 tickets are post-handshake messages). Returns how many
   * new-session callbacks fired and any application data read.
   */
  read_tickets: {
    args: { client: Handle; server?: Handle };
    result: { newSessionCalls: number; data: string };
  };
  /** Move pending bytes from one SSL's output BIO to another's input BIO. */
  transfer: { args: { from: Handle; to: Handle }; result: { bytes: number } };
  /** `SSL_write` of UTF-8 text (into the memory BIO; flushed to TCP when connected). */
  ssl_write: { args: { ssl: Handle; data: string }; result: SslCallResult };
  /** `SSL_read` until WANT_READ / error; returns the text read. */
  ssl_read: { args: { ssl: Handle }; result: SslCallResult & { data: string } };
  /** `SSL_shutdown` once (flushed to TCP when connected). */
  ssl_shutdown: { args: { ssl: Handle }; result: SslCallResult };
  /** Clean bidirectional shutdown of an in-process pair. */
  shutdown: {
    args: { client: Handle; server: Handle };
    result: { client: number; server: number };
  };
  /** TCP connect and client handshake over it (memory BIOs pumped through the socket). */
  connect_tcp: {
    args: { ssl: Handle; host?: string; port: number; timeoutMs?: number };
    result: { version: number; reused: boolean };
  };
  /** Send application data over the TCP connection. */
  write_tcp: { args: { ssl: Handle; data: string }; result: Record<string, never> };
  /**
   * Read from the TCP peer and feed SSL_read until the peer closes, `tickets` new-session
   * callbacks have fired on this SSL, application data arrived (`untilData`: the tickets a
   * server sends before its greeting have then been read), or `timeoutMs` passed (not an
   * error: tickets may never come). Returns the application data read.
   */
  read_tcp: {
    args: { ssl: Handle; timeoutMs?: number; tickets?: number; untilData?: boolean };
    result: { data: string; eof: boolean; newSessionCalls: number; timedOut: boolean };
  };
  /** Close the TCP socket without any TLS shutdown. */
  close_tcp: { args: { ssl: Handle }; result: Record<string, never> };
  /**
   * Listen on 127.0.0.1 (kernel-chosen port) and serve every connection in the background with
   * an SSL of this server context (`ops_tcp_server.ts`): handshake, `HELLO conn=<n>`, read until
   * the client closes or `connectionMs` passed. @default {connectionMs: 10000}
   */
  listen_tcp: {
    args: { ctx: Handle; host?: string; connectionMs?: number };
    result: { listener: number; port: number };
  };
  /**
   * Wait until `count` connections of the listener ended, or `timeoutMs` passed (not an error:
   * the caller compares the count); returns every connection that ended so far.
   */
  accepted_tcp: {
    args: { listener: number; count?: number; timeoutMs?: number };
    result: { accepted: number; connections: AcceptedTcp[] };
  };
  /** Stop listening (connections being served finish on their own deadline). */
  close_listener: {
    args: { listener: number };
    result: { accepted: number; connections: AcceptedTcp[] };
  };
  /**
   * End the request's scope: free its live SSLs (closing their sockets), then its SSL_CTXs;
   * `errors` lists any that libssl refused.
   */
  scope_end: {
    args: Record<string, never>;
    result: { ssl: number; ctx: number; errors: string[] };
  };
  /** Test-only: crash the driver ("segv" dereferences NULL inside libssl, "abort" aborts). */
  crash: { args: { kind: "segv" | "abort" }; result: never };
  /** Test-only: never answer. */
  hang: { args: Record<string, never>; result: never };
  // The session cache, its callbacks and tickets (ops_cache.ts, ops_callbacks.ts, ops_tickets.ts).
  /**
   * `SSL_CTX_set_session_cache_mode(set)` when `set` is given (`returned`: what it returned), then
   * `SSL_CTX_get_session_cache_mode`.
   */
  ctx_cache_mode: {
    args: { ctx: Handle; set?: number };
    result: { returned: number | null; mode: number };
  };
  /** `SSL_CTX_sess_set_cache_size(set)` when `set` is given, then `SSL_CTX_sess_get_cache_size`. */
  ctx_cache_size: {
    args: { ctx: Handle; set?: number };
    result: { returned: number | null; size: number };
  };
  /** `SSL_CTX_sess_number` and every `SSL_CTX_sess_*` statistics counter. */
  ctx_stats: { args: { ctx: Handle }; result: CacheStats };
  /** `SSL_CTX_set_session_id_context` of the bytes `hex`; `errors`: the error queue after it. */
  ctx_set_session_id_context: {
    args: { ctx: Handle; hex: string };
    result: { rc: number; errors: string[] };
  };
  /** `SSL_set_session_id_context` of the bytes `hex`. */
  ssl_set_session_id_context: {
    args: { ssl: Handle; hex: string };
    result: { rc: number; errors: string[] };
  };
  /**
   * Install the driver's remove-session and/or get-session callback on a context (recording for
   * that context); returns their pointers.
   */
  ctx_session_callbacks: {
    args: { ctx: Handle; remove?: boolean; get?: boolean };
    result: { remove: string | null; get: string | null };
  };
  /**
   * What the context's get-session callback returns: `session` (null: NULL) and what it writes
   * to `*copy` (`copy` absent: nothing).
   */
  ctx_get_cb_serve: {
    args: { ctx: Handle; session: Handle | null; copy?: 0 | 1 };
    result: Record<string, never>;
  };
  /** Every call of the context's remove and get callbacks (readable after ctx_free). */
  ctx_callback_calls: {
    args: { ctx: Handle };
    result: { removed: RemoveCall[]; lookups: GetCall[] };
  };
  /** `SSL_CTX_sess_get_new_cb` / `_remove_cb` / `_get_cb`, and the driver's new-session callback. */
  ctx_callback_pointers: {
    args: { ctx: Handle };
    result: {
      new: string | null;
      remove: string | null;
      get: string | null;
      driverNew: string | null;
    };
  };
  /** `SSL_CTX_set_num_tickets(set)` when `set` is given, then `SSL_CTX_get_num_tickets`. */
  ctx_num_tickets: {
    args: { ctx: Handle; set?: number };
    result: { returned: number | null; count: number };
  };
  /** `SSL_set_num_tickets(set)` when `set` is given, then `SSL_get_num_tickets`. */
  ssl_num_tickets: {
    args: { ssl: Handle; set?: number };
    result: { returned: number | null; count: number };
  };
  /** `SSL_new_session_ticket`. */
  ssl_new_session_ticket: { args: { ssl: Handle }; result: { rc: number } };
  /** `SSL_do_handshake` once. */
  ssl_do_handshake: { args: { ssl: Handle }; result: SslCallResult };
  /** `SSL_set_post_handshake_auth(ssl, 1)` (a client, before its handshake). */
  ssl_post_handshake_auth: { args: { ssl: Handle }; result: Record<string, never> };
  /**
   * `SSL_set_verify(PEER | POST_HANDSHAKE)` then `SSL_verify_client_post_handshake` (a server,
   * after its TLS 1.3 handshake); the request goes out with the server's next write or
   * `SSL_do_handshake`.
   */
  ssl_verify_client_post_handshake: { args: { ssl: Handle }; result: { rc: number } };
  /** `SSL_set_options(ssl, bits)`; the options after it. */
  ssl_set_options: { args: { ssl: Handle; bits: number }; result: { options: number } };
  /**
   * `SSL_renegotiate` on the initiator's SSL, then both pumped until its
   * `SSL_renegotiate_pending` is 0 (nothing more when `rc` is not 1). 3.0+ servers refuse a
   * client's by default (no SSL_OP_ALLOW_CLIENT_RENEGOTIATION).
   */
  renegotiate: {
    args: {
      client: Handle;
      server: Handle;
      initiator: "client" | "server";
      maxIterations?: number;
    };
    result: { rc: number; iterations: number; pending: boolean | null };
  };
}

/** An op name. */
export type FfiOpName = keyof FfiOps;
/** The arguments of an op. */
export type FfiOpArgs<K extends FfiOpName> = FfiOps[K]["args"];
/** The result of an op. */
export type FfiOpResult<K extends FfiOpName> = FfiOps[K]["result"];
