/**
 * The foreign-function signatures of every libssl / libcrypto symbol the driver binds, written
 * from OpenSSL's public headers (1.1.1 `ssl.h`, 3.x/4.0 `ssl.h.in`, `crypto.h.in`, `bio.h.in`,
 * `err.h.in`). Every symbol is declared `optional: true`, so `Deno.dlopen` succeeds whatever a
 * version exports; {@linkcode REQUIRED_SYMBOLS} lists those without which the driver cannot work.
 *
 * C types on x86_64 Linux (LP64): `int` → i32, `long` / `time_t` → i64, `unsigned long` /
 * `uint64_t` → u64, `size_t` → usize, any pointer → pointer (or buffer when we pass JS memory).
 *
 * @example
 * ```ts
 * import { LIBSSL_SYMBOLS } from "./symbols.ts";
 * console.log(Object.keys(LIBSSL_SYMBOLS).length);
 * ```
 * @module
 */

const opt = <P extends readonly Deno.NativeType[], R extends Deno.NativeResultType>(
  parameters: P,
  result: R,
) => ({ parameters, result, optional: true }) as const;

/** Symbols looked up in libssl. */
export const LIBSSL_SYMBOLS = {
  // Methods and contexts.
  TLS_method: opt([], "pointer"),
  TLS_client_method: opt([], "pointer"),
  TLS_server_method: opt([], "pointer"),
  SSL_CTX_new: opt(["pointer"], "pointer"),
  SSL_CTX_free: opt(["pointer"], "void"),
  SSL_CTX_ctrl: opt(["pointer", "i32", "i64", "pointer"], "i64"),
  SSL_CTX_use_certificate_chain_file: opt(["pointer", "buffer"], "i32"),
  SSL_CTX_use_PrivateKey_file: opt(["pointer", "buffer", "i32"], "i32"),
  SSL_CTX_load_verify_locations: opt(["pointer", "buffer", "pointer"], "i32"),
  SSL_CTX_set_verify: opt(["pointer", "i32", "pointer"], "void"),
  // unsigned long in 1.1.1, uint64_t in 3.x: both 64-bit here.
  SSL_CTX_set_options: opt(["pointer", "u64"], "u64"),
  SSL_CTX_set_num_tickets: opt(["pointer", "usize"], "i32"),
  SSL_CTX_set_session_id_context: opt(["pointer", "buffer", "u32"], "i32"),
  SSL_CTX_set_timeout: opt(["pointer", "i64"], "i64"),
  SSL_CTX_flush_sessions: opt(["pointer", "i64"], "void"),
  SSL_CTX_flush_sessions_ex: opt(["pointer", "i64"], "void"),
  SSL_CTX_add_session: opt(["pointer", "pointer"], "i32"),
  SSL_CTX_remove_session: opt(["pointer", "pointer"], "i32"),
  SSL_CTX_sess_set_new_cb: opt(["pointer", "function"], "void"),
  // Connections.
  SSL_new: opt(["pointer"], "pointer"),
  SSL_free: opt(["pointer"], "void"),
  SSL_clear: opt(["pointer"], "i32"),
  SSL_get_SSL_CTX: opt(["pointer"], "pointer"),
  SSL_set_bio: opt(["pointer", "pointer", "pointer"], "void"),
  SSL_set_connect_state: opt(["pointer"], "void"),
  SSL_set_accept_state: opt(["pointer"], "void"),
  SSL_do_handshake: opt(["pointer"], "i32"),
  SSL_read: opt(["pointer", "buffer", "i32"], "i32"),
  SSL_write: opt(["pointer", "buffer", "i32"], "i32"),
  SSL_shutdown: opt(["pointer"], "i32"),
  SSL_set_shutdown: opt(["pointer", "i32"], "void"),
  SSL_get_error: opt(["pointer", "i32"], "i32"),
  SSL_version: opt(["pointer"], "i32"),
  SSL_is_init_finished: opt(["pointer"], "i32"),
  // Sessions.
  SSL_get_session: opt(["pointer"], "pointer"),
  SSL_get0_session: opt(["pointer"], "pointer"), // a macro for SSL_get_session in 1.1.1 / 3.x
  SSL_get1_session: opt(["pointer"], "pointer"),
  SSL_set_session: opt(["pointer", "pointer"], "i32"),
  SSL_session_reused: opt(["pointer"], "i32"),
  SSL_SESSION_new: opt([], "pointer"),
  SSL_SESSION_dup: opt(["pointer"], "pointer"),
  SSL_SESSION_up_ref: opt(["pointer"], "i32"),
  SSL_SESSION_free: opt(["pointer"], "void"),
  SSL_SESSION_is_resumable: opt(["pointer"], "i32"),
  SSL_SESSION_has_ticket: opt(["pointer"], "i32"),
  SSL_SESSION_get_ticket_lifetime_hint: opt(["pointer"], "u64"),
  SSL_SESSION_get_protocol_version: opt(["pointer"], "i32"),
  SSL_SESSION_get_id: opt(["pointer", "buffer"], "pointer"),
  SSL_SESSION_get_time: opt(["pointer"], "i64"),
  SSL_SESSION_get_time_ex: opt(["pointer"], "i64"), // 3.3+
  SSL_SESSION_set_time: opt(["pointer", "i64"], "i64"),
  SSL_SESSION_set_time_ex: opt(["pointer", "i64"], "i64"), // 3.3+
  SSL_SESSION_get_timeout: opt(["pointer"], "i64"),
  SSL_SESSION_set_timeout: opt(["pointer", "i64"], "i64"),
  SSL_SESSION_set_ex_data: opt(["pointer", "i32", "pointer"], "i32"),
  SSL_SESSION_get_ex_data: opt(["pointer", "i32"], "pointer"),
  i2d_SSL_SESSION: opt(["pointer", "buffer"], "i32"),
  d2i_SSL_SESSION: opt(["pointer", "buffer", "i64"], "pointer"),
  // Session fields and timeouts (ops_session_fields.ts, ops_timeout.ts).
  SSL_SESSION_set_protocol_version: opt(["pointer", "i32"], "i32"),
  SSL_SESSION_get0_cipher: opt(["pointer"], "pointer"),
  SSL_SESSION_set_cipher: opt(["pointer", "pointer"], "i32"),
  SSL_CIPHER_get_name: opt(["pointer"], "pointer"),
  SSL_CIPHER_find: opt(["pointer", "buffer"], "pointer"),
  SSL_get_current_cipher: opt(["pointer"], "pointer"),
  SSL_SESSION_get0_peer: opt(["pointer"], "pointer"),
  SSL_get_client_random: opt(["pointer", "buffer", "usize"], "usize"),
  SSL_get_server_random: opt(["pointer", "buffer", "usize"], "usize"),
  SSL_SESSION_get_master_key: opt(["pointer", "buffer", "usize"], "usize"),
  SSL_SESSION_set1_master_key: opt(["pointer", "buffer", "usize"], "i32"),
  SSL_SESSION_get0_hostname: opt(["pointer"], "pointer"),
  SSL_SESSION_set1_hostname: opt(["pointer", "buffer"], "i32"),
  SSL_SESSION_get0_alpn_selected: opt(["pointer", "buffer", "buffer"], "void"),
  SSL_SESSION_set1_alpn_selected: opt(["pointer", "buffer", "usize"], "i32"),
  SSL_SESSION_set1_id: opt(["pointer", "buffer", "u32"], "i32"),
  SSL_SESSION_get0_id_context: opt(["pointer", "buffer"], "pointer"),
  SSL_SESSION_set1_id_context: opt(["pointer", "buffer", "u32"], "i32"),
  SSL_SESSION_get0_ticket: opt(["pointer", "buffer", "buffer"], "void"),
  SSL_CTX_get_timeout: opt(["pointer"], "i64"),
  SSL_get_default_timeout: opt(["pointer"], "i64"),
  SSL_ctrl: opt(["pointer", "i32", "i64", "buffer"], "i64"),
  SSL_CTX_callback_ctrl: opt(["pointer", "i32", "function"], "i64"),
  SSL_CTX_set_alpn_protos: opt(["pointer", "buffer", "u32"], "i32"),
  SSL_CTX_set_alpn_select_cb: opt(["pointer", "function", "pointer"], "void"),
  // Macros for the SSL_SESSION_* time functions in every OpenSSL header; bound in case a build
  // exports them as functions (SSL_SESSION_get_time(3) calls them synonyms).
  SSL_get_time: opt(["pointer"], "i64"),
  SSL_set_time: opt(["pointer", "i64"], "i64"),
  SSL_get_timeout: opt(["pointer"], "i64"),
  SSL_set_timeout: opt(["pointer", "i64"], "i64"),
  // The session cache, its callbacks and ticket controls (scenarios of the session chapter).
  SSL_CTX_sess_set_remove_cb: opt(["pointer", "function"], "void"),
  SSL_CTX_sess_set_get_cb: opt(["pointer", "function"], "void"),
  SSL_CTX_sess_get_new_cb: opt(["pointer"], "pointer"),
  SSL_CTX_sess_get_remove_cb: opt(["pointer"], "pointer"),
  SSL_CTX_sess_get_get_cb: opt(["pointer"], "pointer"),
  SSL_CTX_get_num_tickets: opt(["pointer"], "usize"), // 1.1.1+
  SSL_set_num_tickets: opt(["pointer", "usize"], "i32"),
  SSL_get_num_tickets: opt(["pointer"], "usize"),
  SSL_new_session_ticket: opt(["pointer"], "i32"), // 3.0+
  SSL_set_post_handshake_auth: opt(["pointer", "i32"], "void"),
  SSL_verify_client_post_handshake: opt(["pointer"], "i32"),
  SSL_set_verify: opt(["pointer", "i32", "pointer"], "void"),
  SSL_renegotiate: opt(["pointer"], "i32"),
  SSL_renegotiate_pending: opt(["pointer"], "i32"),
  SSL_set_options: opt(["pointer", "u64"], "u64"),
  SSL_set_session_id_context: opt(["pointer", "buffer", "u32"], "i32"),
} as const;

/** Symbols looked up in libcrypto. */
export const LIBCRYPTO_SYMBOLS = {
  OpenSSL_version: opt(["i32"], "pointer"),
  OpenSSL_version_num: opt([], "u64"),
  ERR_get_error: opt([], "u64"),
  ERR_error_string_n: opt(["u64", "buffer", "usize"], "void"),
  ERR_clear_error: opt([], "void"),
  CRYPTO_get_ex_new_index: opt(
    ["i32", "i64", "pointer", "pointer", "function", "function"],
    "i32",
  ),
  BIO_s_mem: opt([], "pointer"),
  BIO_new: opt(["pointer"], "pointer"),
  BIO_read: opt(["pointer", "buffer", "i32"], "i32"),
  BIO_write: opt(["pointer", "buffer", "i32"], "i32"),
  BIO_ctrl_pending: opt(["pointer"], "usize"),
  BIO_free: opt(["pointer"], "i32"),
  // Test-only: how the hidden `crash` op aborts with a message on stderr.
  OPENSSL_die: opt(["buffer", "buffer", "i32"], "void"),
  // Peer certificates of sessions (ops_session_fields.ts).
  X509_get_subject_name: opt(["pointer"], "pointer"),
  X509_NAME_oneline: opt(["pointer", "buffer", "i32"], "pointer"),
  // A ticket key callback's cipher and MAC (ops_ticket_keys.ts).
  EVP_aes_128_cbc: opt([], "pointer"),
  EVP_sha256: opt([], "pointer"),
  EVP_EncryptInit_ex: opt(["pointer", "pointer", "pointer", "buffer", "pointer"], "i32"),
  EVP_DecryptInit_ex: opt(["pointer", "pointer", "pointer", "buffer", "pointer"], "i32"),
  HMAC_Init_ex: opt(["pointer", "buffer", "i32", "pointer", "pointer"], "i32"),
} as const;

/**
 * Functions OpenSSL does not export (its macros over `SSL_CTX_ctrl`, or nothing at all) that
 * other implementations do: bound only when the build's symbol map names them, and never counted
 * as missing. The signatures are the macros' OpenSSL types; a map gives the real ones
 * (BoringSSL's `uint16_t` versions, wolfSSL's `long` cache mode).
 */
export const IMPL_SYMBOLS = {
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_NUMBER, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_number: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_MODE, mode, NULL)` in OpenSSL. */
  SSL_CTX_set_session_cache_mode: opt(["pointer", "i64"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, v, NULL)` in OpenSSL. */
  SSL_CTX_set_min_proto_version: opt(["pointer", "i32"], "i32"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MAX_PROTO_VERSION, v, NULL)` in OpenSSL. */
  SSL_CTX_set_max_proto_version: opt(["pointer", "i32"], "i32"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_GET_SESS_CACHE_MODE, 0, NULL)` in OpenSSL. */
  SSL_CTX_get_session_cache_mode: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_SIZE, size, NULL)` in OpenSSL. */
  SSL_CTX_sess_set_cache_size: opt(["pointer", "i64"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_GET_SESS_CACHE_SIZE, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_get_cache_size: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_CONNECT, 0, NULL)` in OpenSSL (and so on to 31). */
  SSL_CTX_sess_connect: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_CONNECT_GOOD, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_connect_good: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_CONNECT_RENEGOTIATE, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_connect_renegotiate: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_ACCEPT, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_accept: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_ACCEPT_GOOD, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_accept_good: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_ACCEPT_RENEGOTIATE, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_accept_renegotiate: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_HIT, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_hits: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_CB_HIT, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_cb_hits: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_MISSES, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_misses: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_TIMEOUTS, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_timeouts: opt(["pointer"], "i64"),
  /** `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_CACHE_FULL, 0, NULL)` in OpenSSL. */
  SSL_CTX_sess_cache_full: opt(["pointer"], "i64"),
  /** A library initialiser (wolfSSL's `int wolfSSL_Init(void)`), for the driver's `init` list. */
  wolfSSL_Init: opt([], "i32"),
  /**
   * wolfSSL's `int wolfSSL_SetAllocators(wolfSSL_Malloc_cb, wolfSSL_Free_cb, wolfSSL_Realloc_cb)`:
   * every `XFREE` of the library goes through the free function given (NULL keeps the default),
   * which is how the driver sees sessions freed (`FfiApiOptions.allocatorFrees`).
   */
  wolfSSL_SetAllocators: opt(["pointer", "function", "pointer"], "i32"),
} as const;

/**
 * Which {@linkcode IMPL_SYMBOLS} function does the work of an `SSL_CTX_ctrl` command: the
 * driver calls it instead of `SSL_CTX_ctrl` when the build exports it.
 */
export const CTRL_FUNCTIONS: Readonly<Record<number, ImplSymbol>> = {
  20: "SSL_CTX_sess_number",
  21: "SSL_CTX_sess_connect",
  22: "SSL_CTX_sess_connect_good",
  23: "SSL_CTX_sess_connect_renegotiate",
  24: "SSL_CTX_sess_accept",
  25: "SSL_CTX_sess_accept_good",
  26: "SSL_CTX_sess_accept_renegotiate",
  27: "SSL_CTX_sess_hits",
  28: "SSL_CTX_sess_cb_hits",
  29: "SSL_CTX_sess_misses",
  30: "SSL_CTX_sess_timeouts",
  31: "SSL_CTX_sess_cache_full",
  42: "SSL_CTX_sess_set_cache_size",
  43: "SSL_CTX_sess_get_cache_size",
  44: "SSL_CTX_set_session_cache_mode",
  45: "SSL_CTX_get_session_cache_mode",
  123: "SSL_CTX_set_min_proto_version",
  124: "SSL_CTX_set_max_proto_version",
};

/** A libssl symbol name. */
export type LibsslSymbol = keyof typeof LIBSSL_SYMBOLS;
/** A symbol of {@linkcode IMPL_SYMBOLS}. */
export type ImplSymbol = keyof typeof IMPL_SYMBOLS;
/** A libcrypto symbol name. */
export type LibcryptoSymbol = keyof typeof LIBCRYPTO_SYMBOLS;

/**
 * Symbols without which the driver refuses to start (everything else degrades to an op error
 * naming the missing symbol). Macros (`SSL_get0_session`, `SSL_CTX_sess_number`, …) are not
 * here: the driver implements them itself.
 */
export const REQUIRED_SYMBOLS: readonly (LibsslSymbol | LibcryptoSymbol)[] = [
  "TLS_method",
  "TLS_client_method",
  "TLS_server_method",
  "SSL_CTX_new",
  "SSL_CTX_free",
  "SSL_CTX_ctrl",
  "SSL_new",
  "SSL_free",
  "SSL_set_bio",
  "SSL_do_handshake",
  "SSL_read",
  "SSL_write",
  "SSL_get_error",
  "SSL_get_session",
  "SSL_SESSION_free",
  "SSL_SESSION_set_ex_data",
  "SSL_SESSION_get_ex_data",
  "CRYPTO_get_ex_new_index",
  "BIO_s_mem",
  "BIO_new",
  "BIO_read",
  "BIO_write",
  "BIO_ctrl_pending",
  "OpenSSL_version",
  "ERR_get_error",
  "ERR_error_string_n",
];

/**
 * Required symbols an implementation may lack (its map says null) because the driver works
 * without them, and how: a capability probe counts these as present.
 */
export const REQUIRED_FALLBACKS: Readonly<Partial<Record<LibsslSymbol | LibcryptoSymbol, string>>> =
  {
    CRYPTO_get_ex_new_index: "ex_data slot 0 without registration; frees are then unobservable " +
      "(hello.observesFrees false)",
    SSL_CTX_ctrl: "the implementation's real functions for the ctrl macros (IMPL_SYMBOLS)",
  };

/** Callback signatures handed to libssl / libcrypto. */
export const CALLBACKS = {
  /** `int (*new_session_cb)(SSL *ssl, SSL_SESSION *sess)` */
  newSession: { parameters: ["pointer", "pointer"], result: "i32" },
  /**
   * `void CRYPTO_EX_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl,
   * void *argp)`
   */
  exFree: {
    parameters: ["pointer", "pointer", "pointer", "i32", "i64", "pointer"],
    result: "void",
  },
  /**
   * `int CRYPTO_EX_dup(CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from, void **from_d, int idx,
   * long argl, void *argp)` (1.1.1 spells `from_d` as `void *`, same ABI).
   */
  exDup: {
    parameters: ["pointer", "pointer", "pointer", "i32", "i64", "pointer"],
    result: "i32",
  },
  /** `void (*wolfSSL_Free_cb)(void *ptr)` (a build without WOLFSSL_DEBUG_MEMORY) */
  allocatorFree: { parameters: ["pointer"], result: "void" },
  /** `int (*servername_cb)(SSL *s, int *al, void *arg)` */
  servername: { parameters: ["pointer", "pointer", "pointer"], result: "i32" },
  /**
   * `int (*alpn_select_cb)(SSL *ssl, const unsigned char **out, unsigned char *outlen,
   * const unsigned char *in, unsigned int inlen, void *arg)`
   */
  alpnSelect: {
    parameters: ["pointer", "pointer", "pointer", "pointer", "u32", "pointer"],
    result: "i32",
  },
  /** `void (*remove_session_cb)(SSL_CTX *ctx, SSL_SESSION *sess)` */
  removeSession: { parameters: ["pointer", "pointer"], result: "void" },
  /**
   * `SSL_SESSION *(*get_session_cb)(SSL *ssl, const unsigned char *data, int len, int *copy)`
   * (1.1.0+: `data` is const).
   */
  getSession: { parameters: ["pointer", "pointer", "i32", "pointer"], result: "pointer" },
  /**
   * `int (*cb)(SSL *s, unsigned char key_name[16], unsigned char iv[16], EVP_CIPHER_CTX *ctx,
   * HMAC_CTX *hctx, int enc)` (SSL_CTX_set_tlsext_ticket_key_cb)
   */
  ticketKey: {
    parameters: ["pointer", "pointer", "pointer", "pointer", "pointer", "i32"],
    result: "i32",
  },
} as const;
