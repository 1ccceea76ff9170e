/**
 * How each OpenSSL symbol the FFI driver binds (`harness/ffi/symbols.ts`) is exported by
 * Android's BoringSSL (`libssl.so.0` / `libcrypto.so.0` of Debian's `android-libboringssl`), per
 * version. Written from the `android-libboringssl-dev` headers of each version
 * (`usr/include/android/openssl/*.h`) and checked against `nm -D` of the libraries; the probe
 * (`probe.ts`) dlopens every non-null entry with its signature, so a wrong entry fails there.
 *
 * The three versions (10.0.0 bullseye, 13.0.0 bookworm, 14.0.0 trixie/sid) declare every mapped
 * function with the same signature; the only export that differs is `SSL_CTX_set_num_tickets`
 * (absent from 10.0.0). C types on x86_64 Linux: `uint32_t` → u32, `uint16_t` → u16,
 * `size_t` → usize, `uint64_t` → u64.
 *
 * @module
 */
import { LIBCRYPTO_SYMBOLS, LIBSSL_SYMBOLS } from "../../ffi/symbols.ts";
import type { SymbolMap } from "./_interface.ts";

/** The BoringSSL families this map knows. */
export type BoringsslFamily = "10" | "13" | "14";

type Entry = NonNullable<SymbolMap[string]>;
const same = (name: string, note?: string): Entry => note ? { name, note } : { name };
const typed = (
  name: string,
  parameters: Deno.NativeType[],
  result: Deno.NativeResultType,
  note: string,
): Entry => ({ name, parameters, result, note });

/** Entries shared by every version. */
const COMMON: SymbolMap = {
  TLS_method: same("TLS_method"),
  TLS_client_method: same("TLS_client_method"),
  TLS_server_method: same("TLS_server_method"),
  SSL_CTX_new: same("SSL_CTX_new"),
  SSL_CTX_free: same("SSL_CTX_free"),
  // BoringSSL has no SSL_CTX_ctrl: what OpenSSL spells as macros over it are real functions,
  // listed below under the macro names the driver needs.
  SSL_CTX_ctrl: null,
  SSL_CTX_set_session_cache_mode: typed(
    "SSL_CTX_set_session_cache_mode",
    ["pointer", "i32"],
    "i32",
    "OpenSSL: macro over SSL_CTX_ctrl(ctx, 44, mode, NULL); BoringSSL: int f(SSL_CTX *, int)",
  ),
  SSL_CTX_sess_number: typed(
    "SSL_CTX_sess_number",
    ["pointer"],
    "usize",
    "OpenSSL: macro over SSL_CTX_ctrl(ctx, 20, 0, NULL) (long); BoringSSL: size_t f(const SSL_CTX *)",
  ),
  SSL_CTX_set_min_proto_version: typed(
    "SSL_CTX_set_min_proto_version",
    ["pointer", "u16"],
    "i32",
    "OpenSSL: macro over SSL_CTX_ctrl(ctx, 123, v, NULL); BoringSSL: int f(SSL_CTX *, uint16_t)",
  ),
  SSL_CTX_set_max_proto_version: typed(
    "SSL_CTX_set_max_proto_version",
    ["pointer", "u16"],
    "i32",
    "OpenSSL: macro over SSL_CTX_ctrl(ctx, 124, v, NULL); BoringSSL: int f(SSL_CTX *, uint16_t)",
  ),
  SSL_CTX_use_certificate_chain_file: same("SSL_CTX_use_certificate_chain_file"),
  SSL_CTX_use_PrivateKey_file: same("SSL_CTX_use_PrivateKey_file"),
  SSL_CTX_load_verify_locations: same("SSL_CTX_load_verify_locations"),
  SSL_CTX_set_verify: same("SSL_CTX_set_verify"),
  SSL_CTX_set_options: typed(
    "SSL_CTX_set_options",
    ["pointer", "u32"],
    "u32",
    "uint32_t options (OpenSSL: unsigned long in 1.1.1, uint64_t in 3.x); SSL_OP_NO_TICKET is " +
      "0x4000 in both",
  ),
  SSL_CTX_set_session_id_context: typed(
    "SSL_CTX_set_session_id_context",
    ["pointer", "buffer", "usize"],
    "i32",
    "the length is size_t (OpenSSL: unsigned int): binding it as u32 leaves the upper half of " +
      "the register undefined",
  ),
  SSL_CTX_set_timeout: typed(
    "SSL_CTX_set_timeout",
    ["pointer", "u32"],
    "u32",
    "uint32_t seconds (OpenSSL: long)",
  ),
  SSL_CTX_flush_sessions: typed(
    "SSL_CTX_flush_sessions",
    ["pointer", "u64"],
    "void",
    "uint64_t time (OpenSSL: long; same width, unsigned)",
  ),
  // OpenSSL 3.4+ only.
  SSL_CTX_flush_sessions_ex: null,
  SSL_CTX_add_session: same("SSL_CTX_add_session"),
  SSL_CTX_remove_session: same("SSL_CTX_remove_session"),
  SSL_CTX_sess_set_new_cb: same(
    "SSL_CTX_sess_set_new_cb",
    "called only for resumable sessions: a TLS 1.2 server with its cache off and tickets off " +
      "sends no session ID, and the client's callback never fires",
  ),
  SSL_new: same("SSL_new"),
  SSL_free: same("SSL_free"),
  SSL_clear: same("SSL_clear"),
  SSL_get_SSL_CTX: same("SSL_get_SSL_CTX"),
  SSL_set_bio: same("SSL_set_bio"),
  SSL_set_connect_state: same("SSL_set_connect_state"),
  SSL_set_accept_state: same("SSL_set_accept_state"),
  SSL_do_handshake: same("SSL_do_handshake"),
  SSL_read: same("SSL_read"),
  SSL_write: same(
    "SSL_write",
    "a TLS 1.3 server sends its NewSessionTicket messages only with its first write (a " +
      "zero-length write flushes them); OpenSSL sends them at the end of the handshake",
  ),
  SSL_shutdown: same("SSL_shutdown"),
  SSL_set_shutdown: same("SSL_set_shutdown"),
  SSL_get_error: same("SSL_get_error"),
  SSL_version: same("SSL_version"),
  SSL_is_init_finished: same("SSL_is_init_finished"),
  SSL_get_session: same(
    "SSL_get_session",
    "TLS 1.3 client: returns the handshake's own session, which is never resumable (13, 14); " +
      "tickets reach only the new-session callback",
  ),
  // A macro for SSL_get_session in OpenSSL 1.1.1/3.x, and not exported by BoringSSL either:
  // the driver implements it as SSL_get_session.
  SSL_get0_session: null,
  SSL_get1_session: same("SSL_get1_session"),
  SSL_set_session: same("SSL_set_session"),
  SSL_session_reused: same("SSL_session_reused"),
  SSL_SESSION_new: typed(
    "SSL_SESSION_new",
    ["pointer"],
    "pointer",
    "BoringSSL: SSL_SESSION *SSL_SESSION_new(const SSL_CTX *ctx) (OpenSSL: no argument); the " +
      "ctx supplies the X.509 method, so NULL is not allowed",
  ),
  // Not in BoringSSL (SSL_SESSION_copy_without_early_data is not a copy of everything).
  SSL_SESSION_dup: null,
  SSL_SESSION_up_ref: same("SSL_SESSION_up_ref"),
  SSL_SESSION_free: same("SSL_SESSION_free"),
  SSL_SESSION_has_ticket: same("SSL_SESSION_has_ticket"),
  SSL_SESSION_get_ticket_lifetime_hint: typed(
    "SSL_SESSION_get_ticket_lifetime_hint",
    ["pointer"],
    "u32",
    "uint32_t (OpenSSL: unsigned long)",
  ),
  SSL_SESSION_get_protocol_version: typed(
    "SSL_SESSION_get_protocol_version",
    ["pointer"],
    "u16",
    "uint16_t (OpenSSL: int)",
  ),
  SSL_SESSION_get_id: same("SSL_SESSION_get_id"),
  SSL_SESSION_get_time: typed(
    "SSL_SESSION_get_time",
    ["pointer"],
    "u64",
    "uint64_t (OpenSSL: long)",
  ),
  SSL_SESSION_get_time_ex: null, // OpenSSL 3.3+
  SSL_SESSION_set_time: typed(
    "SSL_SESSION_set_time",
    ["pointer", "u64"],
    "u64",
    "uint64_t (OpenSSL: long)",
  ),
  SSL_SESSION_set_time_ex: null, // OpenSSL 3.3+
  SSL_SESSION_get_timeout: typed(
    "SSL_SESSION_get_timeout",
    ["pointer"],
    "u32",
    "uint32_t (OpenSSL: long)",
  ),
  SSL_SESSION_set_timeout: typed(
    "SSL_SESSION_set_timeout",
    ["pointer", "u32"],
    "u32",
    "uint32_t (OpenSSL: long)",
  ),
  SSL_SESSION_set_ex_data: same("SSL_SESSION_set_ex_data"),
  SSL_SESSION_get_ex_data: same("SSL_SESSION_get_ex_data"),
  i2d_SSL_SESSION: same(
    "i2d_SSL_SESSION",
    "BoringSSL's own SSL_SESSION ASN.1 (tags [13]–[30] differ): OpenSSL's d2i cannot read it",
  ),
  d2i_SSL_SESSION: same("d2i_SSL_SESSION"),
  // libcrypto
  OpenSSL_version: same("OpenSSL_version", 'prints "BoringSSL" whatever the argument'),
  OpenSSL_version_num: same(
    "OpenSSL_version_num",
    "0x1010007f (10.0.0) or 0x1010107f (13, 14): an OpenSSL 1.1.0/1.1.1 impersonation, not a " +
      "BoringSSL version",
  ),
  ERR_get_error: typed("ERR_get_error", [], "u32", "uint32_t (OpenSSL: unsigned long)"),
  ERR_error_string_n: typed(
    "ERR_error_string_n",
    ["u32", "buffer", "usize"],
    "void",
    "uint32_t code; returns char * in 13/14 (void in 10.0.0 and OpenSSL): the result is ignored",
  ),
  ERR_clear_error: same("ERR_clear_error"),
  // BoringSSL exports a CRYPTO_get_ex_new_index with an internal, different signature
  // (ex_data_class *, int *out_index, argl, argp, free_func): calling it as OpenSSL's would
  // crash. The per-type index function is the public equivalent.
  CRYPTO_get_ex_new_index: typed(
    "SSL_SESSION_get_ex_new_index",
    ["i64", "pointer", "pointer", "pointer", "function"],
    "i32",
    "OpenSSL: CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_SESSION, argl, argp, new, dup, free); " +
      "BoringSSL: SSL_SESSION_get_ex_new_index(argl, argp, unused, dup_unused, free) — drop the " +
      "class argument, pass NULL for new/dup; the free callback has OpenSSL's signature",
  ),
  BIO_s_mem: same("BIO_s_mem"),
  BIO_new: same("BIO_new"),
  BIO_read: same("BIO_read"),
  BIO_write: same("BIO_write"),
  BIO_ctrl_pending: same("BIO_ctrl_pending"),
  BIO_free: same("BIO_free"),
  // No OPENSSL_die in BoringSSL; the driver's test-only crash op is unsupported here.
  OPENSSL_die: null,
  // Session fields, callbacks and the rest bound by the later scenarios (issue 12). Exports
  // checked with `nm -D` of 10.0.0, 13.0.0 and 14.0.0 (all three export the mapped ones);
  // signatures from BoringSSL's include/openssl/ssl.h and x509.h.
  SSL_SESSION_set_protocol_version: typed(
    "SSL_SESSION_set_protocol_version",
    ["pointer", "u16"],
    "i32",
    "uint16_t version (OpenSSL: int)",
  ),
  SSL_SESSION_get0_cipher: same("SSL_SESSION_get0_cipher"),
  SSL_SESSION_set_cipher: null, // not in BoringSSL
  SSL_CIPHER_get_name: same("SSL_CIPHER_get_name"),
  SSL_CIPHER_find: null, // not in BoringSSL
  SSL_get_current_cipher: same("SSL_get_current_cipher"),
  SSL_SESSION_get0_peer: same("SSL_SESSION_get0_peer"),
  SSL_get_client_random: same("SSL_get_client_random"),
  SSL_get_server_random: same("SSL_get_server_random"),
  SSL_SESSION_get_master_key: same("SSL_SESSION_get_master_key"),
  SSL_SESSION_set1_master_key: null, // not in BoringSSL
  SSL_SESSION_get0_hostname: null, // not in BoringSSL
  SSL_SESSION_set1_hostname: null, // not in BoringSSL
  SSL_SESSION_get0_alpn_selected: null, // not in BoringSSL
  SSL_SESSION_set1_alpn_selected: null, // not in BoringSSL
  SSL_SESSION_set1_id: typed(
    "SSL_SESSION_set1_id",
    ["pointer", "buffer", "usize"],
    "i32",
    "size_t length (OpenSSL: unsigned int)",
  ),
  SSL_SESSION_get0_id_context: same("SSL_SESSION_get0_id_context"),
  SSL_SESSION_set1_id_context: typed(
    "SSL_SESSION_set1_id_context",
    ["pointer", "buffer", "usize"],
    "i32",
    "size_t length (OpenSSL: unsigned int)",
  ),
  SSL_SESSION_get0_ticket: same("SSL_SESSION_get0_ticket"),
  SSL_CTX_get_timeout: typed(
    "SSL_CTX_get_timeout",
    ["pointer"],
    "u32",
    "uint32_t (OpenSSL: long)",
  ),
  SSL_get_default_timeout: same("SSL_get_default_timeout"),
  // No SSL_ctrl / SSL_CTX_callback_ctrl: BoringSSL has real functions instead of ctrl macros.
  SSL_ctrl: null,
  SSL_CTX_callback_ctrl: null,
  SSL_CTX_set_alpn_protos: typed(
    "SSL_CTX_set_alpn_protos",
    ["pointer", "buffer", "usize"],
    "i32",
    "size_t length (OpenSSL: unsigned int)",
  ),
  SSL_CTX_set_alpn_select_cb: same("SSL_CTX_set_alpn_select_cb"),
  // OpenSSL's SSL_get_time & co. are old aliases of the SSL_SESSION_ functions; not in BoringSSL.
  SSL_get_time: null,
  SSL_set_time: null,
  SSL_get_timeout: null,
  SSL_set_timeout: null,
  SSL_CTX_sess_set_remove_cb: same("SSL_CTX_sess_set_remove_cb"),
  SSL_CTX_sess_set_get_cb: same("SSL_CTX_sess_set_get_cb"),
  SSL_CTX_sess_get_new_cb: same("SSL_CTX_sess_get_new_cb"),
  SSL_CTX_sess_get_remove_cb: same("SSL_CTX_sess_get_remove_cb"),
  SSL_CTX_sess_get_get_cb: same("SSL_CTX_sess_get_get_cb"),
  // Per-SSL ticket counts, SSL_new_session_ticket and post-handshake auth: not in BoringSSL.
  SSL_set_num_tickets: null,
  SSL_get_num_tickets: null,
  SSL_new_session_ticket: null,
  SSL_set_post_handshake_auth: null,
  SSL_verify_client_post_handshake: null,
  SSL_set_verify: same("SSL_set_verify"),
  SSL_renegotiate: same("SSL_renegotiate"),
  SSL_renegotiate_pending: same("SSL_renegotiate_pending"),
  SSL_set_session_id_context: typed(
    "SSL_set_session_id_context",
    ["pointer", "buffer", "usize"],
    "i32",
    "size_t length (OpenSSL: unsigned int)",
  ),
  X509_get_subject_name: same("X509_get_subject_name"),
  X509_NAME_oneline: same("X509_NAME_oneline"),
  SSL_set_options: typed(
    "SSL_set_options",
    ["pointer", "u32"],
    "u32",
    "uint32_t options (OpenSSL: uint64_t)",
  ),
  // libcrypto: the ticket key callback's cipher and MAC (exported by 10, 13 and 14).
  EVP_aes_128_cbc: same("EVP_aes_128_cbc"),
  EVP_sha256: same("EVP_sha256"),
  EVP_EncryptInit_ex: same("EVP_EncryptInit_ex"),
  EVP_DecryptInit_ex: same("EVP_DecryptInit_ex"),
  HMAC_Init_ex: typed(
    "HMAC_Init_ex",
    ["pointer", "buffer", "usize", "pointer", "pointer"],
    "i32",
    "size_t key length (OpenSSL: int)",
  ),
};

/**
 * The symbol map of one BoringSSL family.
 *
 * @example
 * ```ts
 * import { boringsslSymbols } from "./symbols.ts";
 * console.log(boringsslSymbols("14").SSL_SESSION_new?.note);
 * console.log(boringsslSymbols("10").SSL_CTX_set_num_tickets); // null
 * ```
 */
export function boringsslSymbols(family: BoringsslFamily): SymbolMap {
  return {
    ...COMMON,
    SSL_SESSION_is_resumable: family === "10"
      ? same(
        "SSL_SESSION_is_resumable",
        "10.0.0 returns 1 for every session, even a fresh SSL_SESSION_new() and the TLS 1.3 " +
          "handshake session before any ticket",
      )
      : same("SSL_SESSION_is_resumable"),
    // Exported by 14.0.0 only (nm -D).
    SSL_CTX_get_num_tickets: family === "14" ? same("SSL_CTX_get_num_tickets") : null,
    SSL_CTX_set_num_tickets: family === "10"
      // Added to BoringSSL after Android 10; 10.0.0's server always sends two tickets.
      ? null
      : same("SSL_CTX_set_num_tickets", "large counts are capped by the library; the default is 2"),
  };
}

/** A mapped symbol with its full signature. */
export interface ResolvedSymbol {
  /** Exported name. */
  name: string;
  /** Parameter types. */
  parameters: Deno.NativeType[];
  /** Result type. */
  result: Deno.NativeResultType;
}

type Signature = { parameters: readonly Deno.NativeType[]; result: Deno.NativeResultType };
const DRIVER_SIGNATURES: Record<string, Signature> = { ...LIBSSL_SYMBOLS, ...LIBCRYPTO_SYMBOLS };

/**
 * Every non-null entry of a map with its full signature: its own where it differs, else the
 * OpenSSL one the driver declares (`harness/ffi/symbols.ts`).
 *
 * @throws {TypeError} naming the entry when neither gives a signature.
 * @example
 * ```ts
 * import { boringsslSymbols, resolveSignatures } from "./symbols.ts";
 * console.log(resolveSignatures(boringsslSymbols("14")).SSL_SESSION_new);
 * // { name: "SSL_SESSION_new", parameters: ["pointer"], result: "pointer" }
 * ```
 */
export function resolveSignatures(map: SymbolMap): Record<string, ResolvedSymbol> {
  const out: Record<string, ResolvedSymbol> = {};
  for (const [openssl, entry] of Object.entries(map)) {
    if (!entry) continue;
    const parameters = entry.parameters ?? DRIVER_SIGNATURES[openssl]?.parameters;
    const result = entry.result ?? DRIVER_SIGNATURES[openssl]?.result;
    if (!parameters || !result) {
      throw new TypeError(`Symbol map entry "${openssl}" needs parameters and result`);
    }
    out[openssl] = { name: entry.name, parameters: [...parameters], result };
  }
  return out;
}
