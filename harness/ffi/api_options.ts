/**
 * What the FFI driver needs to know about an implementation besides its symbol map: constants
 * whose values differ from OpenSSL's, functions to call before anything else, and the one
 * protocol behaviour the in-memory ops must accommodate. Data, written by each implementation
 * (`harness/impl/<name>/api.ts`), handed to the driver as `--api JSON`.
 *
 * @example
 * ```ts
 * import { type FfiApiOptions, driverConstants } from "./api_options.ts";
 * const wolf: FfiApiOptions = { constants: { SSL_OP_NO_TICKET: 1 << 19 }, init: ["wolfSSL_Init"] };
 * console.log(driverConstants(wolf).SSL_OP_NO_TICKET); // 524288
 * ```
 * @module
 */

import { SSL_OP_NO_TICKET, SSL_SESS_CACHE } from "./constants.ts";

/** Constants the driver passes to the library whose values an implementation may change. */
export interface DriverConstants {
  /** `SSL_OP_NO_TICKET` for `SSL_CTX_set_options` (OpenSSL and BoringSSL: 1 << 14). */
  SSL_OP_NO_TICKET: number;
  /** `SSL_SESS_CACHE_NO_AUTO_CLEAR` (OpenSSL and BoringSSL: 0x80; wolfSSL: 0x8). */
  SSL_SESS_CACHE_NO_AUTO_CLEAR: number;
}

/**
 * Per-implementation driver options (all absent: OpenSSL). A type, not an interface, so that a
 * build's `ffi.api` (plain data to the engine) holds one.
 */
export type FfiApiOptions = {
  /** Constants whose values differ from OpenSSL's. */
  constants?: Partial<DriverConstants>;
  /**
   * Functions called once at start, in order, each with no argument and expected to return 1
   * (names of `IMPL_SYMBOLS` in `symbols.ts`, bound through the symbol map).
   */
  init?: readonly string[];
  /**
   * A TLS 1.3 server queues its NewSessionTicket messages until its first `SSL_write`
   * (BoringSSL): when a client reads tickets in memory and none came, the driver makes the
   * server write zero bytes, which flushes them.
   */
  ticketsOnFirstWrite?: boolean;
  /**
   * How many TLS 1.3 tickets a server sends per handshake when the build has no
   * `SSL_CTX_set_num_tickets` (BoringSSL 10.0.0: 2; wolfSSL 4.6.0: 1): `ctx_new` accepts that
   * `numTickets` (nothing to set) and reports any other as unsupported.
   */
  fixedTickets?: number;
  /**
   * `SSL_set_session` on an SSL whose handshake has begun calls `abort()` (BoringSSL:
   * `ssl_session.cc`, "It is an error to call this function after the handshake has begun"):
   * the driver refuses the op with an error instead of losing the process.
   */
  setSessionBeforeHandshakeOnly?: boolean;
  /**
   * The library frees through a replaceable free function (wolfSSL: `wolfSSL_SetAllocators`,
   * an `IMPL_SYMBOLS` entry its map names): the driver installs one that notes each session
   * pointer freed, then calls libc's `free`. Frees are then seen when the memory is released,
   * whether or not the ex_data free callback runs (wolfSSL 4.6.0 cannot register one, 5.5.4
   * never calls it, 5.7/5.9 call it with a NULL value and not for every session).
   */
  allocatorFrees?: boolean;
};

/** OpenSSL's values of {@linkcode DriverConstants}. */
export const OPENSSL_DRIVER_CONSTANTS: Readonly<DriverConstants> = {
  SSL_OP_NO_TICKET: Number(SSL_OP_NO_TICKET),
  SSL_SESS_CACHE_NO_AUTO_CLEAR: SSL_SESS_CACHE.NO_AUTO_CLEAR,
};

/** The constants in force: OpenSSL's, overridden by the implementation's. */
export function driverConstants(options: FfiApiOptions = {}): DriverConstants {
  return { ...OPENSSL_DRIVER_CONSTANTS, ...options.constants };
}
