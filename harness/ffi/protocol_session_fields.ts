/**
 * Wire types of the ops that read and write single SSL_SESSION fields and the timeouts of the
 * session chapter (`ops_session_fields.ts`, `ops_timeout.ts`): protocol version, cipher, peer
 * certificate, master key and randoms, SNI hostname and ALPN, session ID and ID context, ticket,
 * creation time and timeout; and `transfer_seen`, which shows the bytes on the wire they are
 * compared with. {@linkcode FfiOps} (`protocol.ts`) includes them.
 *
 * @example
 * ```ts
 * import type { SessionFieldOps } from "./protocol_session_fields.ts";
 * const args: SessionFieldOps["session_get0"]["args"] = { session: 3, field: "hostname" };
 * console.log(args);
 * ```
 * @module
 */

import type { Handle } from "./handle.ts";

/**
 * A field `session_get0` reads, and the getter it calls:
 * `protocol_version` SSL_SESSION_get_protocol_version, `cipher` SSL_SESSION_get0_cipher (its
 * SSL_CIPHER_get_name), `peer` SSL_SESSION_get0_peer (its subject, X509_NAME_oneline),
 * `hostname` SSL_SESSION_get0_hostname, `alpn` SSL_SESSION_get0_alpn_selected, `id`
 * SSL_SESSION_get_id, `id_context` SSL_SESSION_get0_id_context, `ticket`
 * SSL_SESSION_get0_ticket, `has_ticket` SSL_SESSION_has_ticket, `ticket_lifetime_hint`
 * SSL_SESSION_get_ticket_lifetime_hint.
 */
export type SessionGetField =
  | "protocol_version"
  | "cipher"
  | "peer"
  | "hostname"
  | "alpn"
  | "id"
  | "id_context"
  | "ticket"
  | "has_ticket"
  | "ticket_lifetime_hint";

/**
 * A field `session_set1` writes, and the setter it calls: `protocol_version`
 * SSL_SESSION_set_protocol_version (`number`), `cipher` SSL_SESSION_set_cipher (the cipher
 * SSL_CIPHER_find finds on `cipherSsl` for the two bytes `hex`), `master_key`
 * SSL_SESSION_set1_master_key, `hostname` SSL_SESSION_set1_hostname (`text`), `alpn`
 * SSL_SESSION_set1_alpn_selected, `id` SSL_SESSION_set1_id, `id_context`
 * SSL_SESSION_set1_id_context (bytes as `hex`).
 */
export type SessionSetField =
  | "protocol_version"
  | "cipher"
  | "master_key"
  | "hostname"
  | "alpn"
  | "id"
  | "id_context";

/** What `copy_out` copies: SSL_get_client_random, SSL_get_server_random, SSL_SESSION_get_master_key. */
export type CopyOutField = "client_random" | "server_random" | "master_key";

/** A time function `session_time_call` calls by its exact name (no `_ex` preference). */
export type TimeFunction =
  | "SSL_SESSION_get_time"
  | "SSL_SESSION_set_time"
  | "SSL_SESSION_get_timeout"
  | "SSL_SESSION_set_timeout"
  | "SSL_get_time"
  | "SSL_set_time"
  | "SSL_get_timeout"
  | "SSL_set_timeout";

/** The session-field and timeout ops: arguments and results. */
export interface SessionFieldOps {
  /**
   * One getter of `field`. `value`: text (cipher name, peer subject, hostname), lowercase hex
   * (alpn, id, id_context, ticket) or a number; null when the getter returned NULL (or, with
   * `lenNull` / `tickNull`, when it was not asked for). `length`: what it wrote to `*len` (null
   * when the field has none or `lenNull`). `ptr`: the returned pointer (pointer fields only).
   * `lenNull` passes NULL as `len` (id_context); `tickNull` passes NULL as `tick` (ticket).
   */
  session_get0: {
    args: { session: Handle; field: SessionGetField; lenNull?: boolean; tickNull?: boolean };
    result: { value: string | number | null; length: number | null; ptr: string | null };
  };
  /**
   * One setter of `field` with `number`, `text` or `hex` (see {@linkcode SessionSetField}).
   * `overwriteInput` fills the input buffer with 0xEE right after the call (does the setter
   * copy?). Returns the setter's return value.
   */
  session_set1: {
    args: {
      session: Handle;
      field: SessionSetField;
      number?: number;
      text?: string;
      hex?: string;
      cipherSsl?: Handle;
      overwriteInput?: boolean;
    };
    result: { rc: number };
  };
  /**
   * SSL_get_client_random / SSL_get_server_random (of `ssl`) or SSL_SESSION_get_master_key (of
   * `session`) into an `outlen`-byte buffer pre-filled with 0xA5. `rc` is the return value,
   * `hex` the whole buffer after the call, `untouched` whether it still holds only 0xA5.
   */
  copy_out: {
    args: { field: CopyOutField; ssl?: Handle; session?: Handle; outlen: number };
    result: { rc: number; hex: string; untouched: boolean };
  };
  /** `i2d_SSL_SESSION(s, NULL)` (`size`), then, if positive, into a buffer (`written`, `der` base64). */
  session_i2d_raw: {
    args: { session: Handle };
    result: { size: number; written: number | null; der: string | null };
  };
  /** SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), null for NULL. */
  ssl_cipher: { args: { ssl: Handle }; result: { name: string | null } };
  /** `SSL_set_tlsext_host_name` (SSL_ctrl 55): the SNI a client sends. */
  ssl_set_sni: { args: { ssl: Handle; hostname: string }; result: { rc: number } };
  /**
   * A servername callback on a server context (SSL_CTX_set_tlsext_servername_callback) that
   * answers SSL_TLSEXT_ERR_OK (`ack`) or SSL_TLSEXT_ERR_NOACK.
   */
  ctx_sni_ack: { args: { ctx: Handle; ack: boolean }; result: Record<string, never> };
  /**
   * ALPN protocols: on a client context SSL_CTX_set_alpn_protos (`rc`: 0 is success); on a
   * server context a select callback choosing the client's first protocol in `protocols`.
   */
  ctx_alpn: {
    args: { ctx: Handle; role: "client" | "server"; protocols: string[] };
    result: { rc: number };
  };
  /** `SSL_CTX_get_timeout`. */
  ctx_get_timeout: { args: { ctx: Handle }; result: { timeout: number } };
  /** `SSL_get_default_timeout` (the SSL's method's default session timeout). */
  ssl_default_timeout: { args: { ssl: Handle }; result: { timeout: number } };
  /**
   * Call the time function named (set: with `value`) on `session`, or on NULL when `session`
   * is null. An op error names a function the build does not export.
   */
  session_time_call: {
    args: { function: TimeFunction; session: Handle | null; value?: number };
    result: { rc: number };
  };
  /** `transfer` (from's output BIO into to's input BIO), answering the bytes moved as hex. */
  transfer_seen: { args: { from: Handle; to: Handle }; result: { bytes: number; hex: string } };
  /**
   * A TLS 1.2 ticket key callback on a server context (SSL_CTX_set_tlsext_ticket_key_cb, fixed
   * test keys); with `renew` it answers 2 on decryption, so a resumed handshake gets a new
   * ticket. `rc` is SSL_CTX_callback_ctrl's.
   */
  ctx_ticket_keys: { args: { ctx: Handle; renew: boolean }; result: { rc: number } };
}
