/**
 * Numeric values of the OpenSSL macros the driver needs. They come from the public headers
 * (`include/openssl/ssl.h.in`, `tls1.h`, `crypto.h.in`, `bio.h.in`) and are the same in 1.1.1,
 * 3.x and 4.0: OpenSSL keeps them stable because they are part of the ABI of `SSL_CTX_ctrl`.
 *
 * @example
 * ```ts
 * import { SSL_CTRL, TLS_VERSION } from "./constants.ts";
 * console.log(SSL_CTRL.SESS_NUMBER, TLS_VERSION["1.3"]);
 * ```
 * @module
 */

/** `SSL_CTRL_*` commands for `SSL_CTX_ctrl` / `SSL_ctrl` (the macros behind several "functions"). */
export const SSL_CTRL = {
  /** `SSL_CTX_sess_number()` */
  SESS_NUMBER: 20,
  /** `SSL_CTX_set_options()` in 1.0.x (a function since 1.1.0; kept as a fallback). */
  OPTIONS: 32,
  /** `SSL_CTX_set_session_cache_mode()` */
  SET_SESS_CACHE_MODE: 44,
  /** `SSL_CTX_set_min_proto_version()` */
  SET_MIN_PROTO_VERSION: 123,
  /** `SSL_CTX_set_max_proto_version()` */
  SET_MAX_PROTO_VERSION: 124,
  /** `SSL_CTX_sess_connect()` … `SSL_CTX_sess_cache_full()`: the cache statistics, in order. */
  SESS_CONNECT: 21,
  SESS_CONNECT_GOOD: 22,
  SESS_CONNECT_RENEGOTIATE: 23,
  SESS_ACCEPT: 24,
  SESS_ACCEPT_GOOD: 25,
  SESS_ACCEPT_RENEGOTIATE: 26,
  SESS_HIT: 27,
  SESS_CB_HIT: 28,
  SESS_MISSES: 29,
  SESS_TIMEOUTS: 30,
  SESS_CACHE_FULL: 31,
  /** `SSL_CTX_sess_set_cache_size()` / `SSL_CTX_sess_get_cache_size()` */
  SET_SESS_CACHE_SIZE: 42,
  GET_SESS_CACHE_SIZE: 43,
  /** `SSL_CTX_get_session_cache_mode()` */
  GET_SESS_CACHE_MODE: 45,
} as const;

/** Wire versions accepted by the min/max protocol version controls. */
export const TLS_VERSION = {
  "1.0": 0x0301,
  "1.1": 0x0302,
  "1.2": 0x0303,
  "1.3": 0x0304,
} as const;

/** A TLS version name the driver accepts in `minVersion` / `maxVersion`. */
export type TlsVersionName = keyof typeof TLS_VERSION;

/** `SSL_SESS_CACHE_*` bits for `SSL_CTX_set_session_cache_mode()`. */
export const SSL_SESS_CACHE = {
  OFF: 0x0000,
  CLIENT: 0x0001,
  SERVER: 0x0002,
  BOTH: 0x0003,
  NO_AUTO_CLEAR: 0x0080,
  NO_INTERNAL_LOOKUP: 0x0100,
  NO_INTERNAL_STORE: 0x0200,
  NO_INTERNAL: 0x0300,
  /** 3.2+ (ignored by older versions). */
  UPDATE_TIME: 0x0400,
} as const;

/** `SSL_ERROR_*` results of `SSL_get_error()`. */
export const SSL_ERROR = {
  NONE: 0,
  SSL: 1,
  WANT_READ: 2,
  WANT_WRITE: 3,
  WANT_X509_LOOKUP: 4,
  SYSCALL: 5,
  ZERO_RETURN: 6,
  WANT_CONNECT: 7,
  WANT_ACCEPT: 8,
} as const;

/** Names of the `SSL_ERROR_*` codes, for messages. */
export function sslErrorName(code: number): string {
  for (const [k, v] of Object.entries(SSL_ERROR)) if (v === code) return `SSL_ERROR_${k}`;
  return `SSL_ERROR_${code}`;
}

/** `SSL_OP_ALLOW_CLIENT_RENEGOTIATION` (bit 8, 3.0+; 3.0+ servers refuse a client's otherwise). */
export const SSL_OP_ALLOW_CLIENT_RENEGOTIATION = 1 << 8;

/** `SSL_OP_NO_TICKET` (bit 14, the same value in 1.1.1 and 3.x). */
export const SSL_OP_NO_TICKET = 1n << 14n;

/** `SSL_FILETYPE_PEM` (= `X509_FILETYPE_PEM`). */
export const SSL_FILETYPE_PEM = 1;

/** `SSL_VERIFY_NONE` / `SSL_VERIFY_PEER` / `SSL_VERIFY_POST_HANDSHAKE`. */
export const SSL_VERIFY = { NONE: 0, PEER: 1, POST_HANDSHAKE: 0x08 } as const;

/** `CRYPTO_EX_INDEX_SSL_SESSION`: the ex_data class of SSL_SESSION objects. */
export const CRYPTO_EX_INDEX_SSL_SESSION = 2;

/** `OPENSSL_VERSION` argument of `OpenSSL_version()`: the full version text. */
export const OPENSSL_VERSION_TEXT = 0;

/** `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits of `SSL_set_shutdown` (ssl.h). */
export const SSL_SHUTDOWN_BITS = { SENT: 1, RECEIVED: 2 } as const;

/**
 * TLS extension controls and callback answers (`ssl.h`, `tls1.h`):
 * `SSL_CTRL_SET_TLSEXT_SERVERNAME_CB`, `SSL_CTRL_SET_TLSEXT_HOSTNAME`, `TLSEXT_NAMETYPE_host_name`, `SSL_TLSEXT_ERR_OK` /
 * `SSL_TLSEXT_ERR_NOACK` (also what an ALPN select callback answers).
 */
export const TLSEXT = {
  SET_SERVERNAME_CB: 53,
  SET_HOSTNAME: 55,
  /** `SSL_CTRL_SET_TLSEXT_TICKET_KEY_CB`. */
  SET_TICKET_KEY_CB: 72,
  NAMETYPE_HOST_NAME: 0,
  ERR_OK: 0,
  ERR_NOACK: 3,
} as const;
