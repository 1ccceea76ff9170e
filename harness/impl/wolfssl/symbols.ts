/**
 * wolfSSL's OpenSSL compatibility layer as a symbol map for the FFI driver: for every OpenSSL
 * name the driver binds (`harness/ffi/symbols.ts`), the function wolfSSL exports, the signature
 * where it differs, and the first Debian version that exports it.
 *
 * Sources: the `wolfssl/ssl.h` and `wolfssl/openssl/ssl.h` headers of each Debian
 * `libwolfssl-dev` (4.6.0 bullseye, 5.5.4 bookworm, 5.7.2 trixie, 5.9.2 sid), where the OpenSSL
 * names are macros onto `wolfSSL_*` functions, and `nm -D --defined-only` of each
 * `libwolfssl.so.N` (research notes: `/work/research/impl-wolfssl.md`). wolfSSL puts libssl and
 * libcrypto in one shared object, so both halves of the map resolve in the same file.
 *
 * Besides names, wolfSSL differs from OpenSSL in a few constants and `SSL_CTX_ctrl` commands the
 * driver uses; those are data too ({@linkcode WOLFSSL_CONSTANTS}, {@linkcode CTRL_EQUIVALENTS}).
 *
 * @example
 * ```ts
 * import { wolfsslSymbolMap } from "./symbols.ts";
 * const map = wolfsslSymbolMap("4.6");
 * console.log(map.SSL_get1_session?.name, map.SSL_SESSION_is_resumable); // wolfSSL_get1_session null
 * ```
 * @module
 */

import { CTRL_FUNCTIONS } from "../../ffi/symbols.ts";

/** The wolfSSL families Debian ships (bullseye, bookworm, trixie, sid), oldest first. */
export const WOLFSSL_FAMILIES = ["4.6", "5.5", "5.7", "5.9"] as const;

/** One of {@linkcode WOLFSSL_FAMILIES}. */
export type WolfsslFamily = typeof WOLFSSL_FAMILIES[number];

/** One entry of a symbol map (the shape of the draft `SymbolMap` of issue 10). */
export interface SymbolEntry {
  /** The exported wolfSSL function. */
  name: string;
  /** Only when they differ from the OpenSSL declaration in `harness/ffi/symbols.ts`. */
  parameters?: Deno.NativeType[];
  /** Only when it differs from the OpenSSL declaration. */
  result?: Deno.NativeResultType;
  /** What differs, and why it matters to the driver. */
  note?: string;
}

/** OpenSSL name → wolfSSL entry, or null when this version exports no equivalent. */
export type SymbolMap = Record<string, SymbolEntry | null>;

interface Row extends SymbolEntry {
  /** First family that exports it. @default {"4.6"} */
  since?: WolfsslFamily;
  /** Only these families export it (a build option of Debian's package). */
  only?: readonly WolfsslFamily[];
  /** Per-family overrides of the entry (merged over it). */
  byFamily?: Partial<Record<WolfsslFamily, Partial<SymbolEntry>>>;
}

/**
 * The table. A row with only a name means: same signature as OpenSSL's, exported by every
 * Debian version. A key set to null is exported by none.
 */
const ROWS: Record<string, Row | null> = {
  // Methods and contexts.
  TLS_method: {
    name: "wolfSSLv23_method",
    note: "the compat macro maps TLS_method to wolfSSLv23_method (any version, TLS 1.3 included)",
  },
  TLS_client_method: { name: "wolfTLS_client_method" },
  TLS_server_method: { name: "wolfTLS_server_method" },
  SSL_CTX_new: { name: "wolfSSL_CTX_new" },
  SSL_CTX_free: { name: "wolfSSL_CTX_free" },
  SSL_CTX_ctrl: {
    name: "wolfSSL_CTX_ctrl",
    note: "implements few commands: see CTRL_EQUIVALENTS for the ones the driver sends",
  },
  SSL_CTX_use_certificate_file: { name: "wolfSSL_CTX_use_certificate_file" },
  SSL_CTX_use_certificate_chain_file: { name: "wolfSSL_CTX_use_certificate_chain_file" },
  SSL_CTX_use_PrivateKey_file: { name: "wolfSSL_CTX_use_PrivateKey_file" },
  SSL_CTX_load_verify_locations: {
    name: "wolfSSL_CTX_load_verify_locations",
    note: "the compat macro points at _ex (4.6–5.7) or _compat (5.9); the plain function has " +
      "OpenSSL's signature and returns 1 on success in all four",
  },
  SSL_CTX_set_verify: { name: "wolfSSL_CTX_set_verify" },
  SSL_CTX_set_options: {
    name: "wolfSSL_CTX_set_options",
    parameters: ["pointer", "i64"],
    result: "i64",
    note: "long, not uint64_t; wolfSSL's option bits differ (SSL_OP_NO_TICKET is 1 << 19)",
  },
  SSL_CTX_get_options: { name: "wolfSSL_CTX_get_options", result: "i64", note: "long" },
  SSL_CTX_set_num_tickets: {
    name: "wolfSSL_CTX_set_num_tickets",
    since: "5.5",
    note: "absent from 4.6.0, which always sends one TLS 1.3 ticket",
  },
  SSL_CTX_set_session_id_context: { name: "wolfSSL_CTX_set_session_id_context" },
  SSL_CTX_set_timeout: {
    name: "wolfSSL_CTX_set_timeout",
    parameters: ["pointer", "u32"],
    result: "i32",
    note: "int wolfSSL_CTX_set_timeout(WOLFSSL_CTX*, unsigned int): pass a number, not a " +
      "bigint; returns the previous timeout (measured 500, then 77)",
    byFamily: {
      "4.6": {
        note: "int wolfSSL_CTX_set_timeout(WOLFSSL_CTX*, unsigned int): returns 1 (success), " +
          "not the previous timeout (measured 1, 1)",
      },
    },
  },
  SSL_CTX_flush_sessions: {
    name: "wolfSSL_CTX_flush_sessions",
    note: "not the compat macro's target: the macro names wolfSSL_flush_sessions, an empty " +
      "function (`ret`) in all four versions; wolfSSL_CTX_flush_sessions does the work",
    byFamily: {
      "4.6": {
        name: "wolfSSL_flush_sessions",
        note: "an empty function (`ret`): flushing does nothing (no wolfSSL_CTX_flush_sessions " +
          "before 5.7)",
      },
      "5.5": {
        name: "wolfSSL_flush_sessions",
        note: "an empty function (`ret`): flushing does nothing (no wolfSSL_CTX_flush_sessions " +
          "before 5.7)",
      },
    },
  },
  SSL_CTX_flush_sessions_ex: null,
  SSL_CTX_add_session: { name: "wolfSSL_CTX_add_session" },
  SSL_CTX_remove_session: { name: "wolfSSL_SSL_CTX_remove_session" },
  SSL_CTX_sess_set_new_cb: { name: "wolfSSL_CTX_sess_set_new_cb" },
  // Connections.
  SSL_new: { name: "wolfSSL_new" },
  SSL_free: { name: "wolfSSL_free" },
  SSL_clear: { name: "wolfSSL_clear" },
  SSL_get_SSL_CTX: { name: "wolfSSL_get_SSL_CTX" },
  SSL_set_bio: { name: "wolfSSL_set_bio" },
  SSL_set_connect_state: { name: "wolfSSL_set_connect_state" },
  SSL_set_accept_state: { name: "wolfSSL_set_accept_state" },
  SSL_connect: { name: "wolfSSL_connect" },
  SSL_accept: { name: "wolfSSL_accept" },
  SSL_do_handshake: { name: "wolfSSL_SSL_do_handshake" },
  SSL_read: { name: "wolfSSL_read" },
  SSL_write: { name: "wolfSSL_write" },
  SSL_shutdown: { name: "wolfSSL_shutdown" },
  SSL_set_shutdown: { name: "wolfSSL_set_shutdown" },
  SSL_get_error: {
    name: "wolfSSL_get_error",
    note: "SSL_ERROR_SSL is 85 in 4.6–5.7 (1 in 5.9); the WANT_* codes equal OpenSSL's",
  },
  SSL_version: { name: "wolfSSL_version" },
  SSL_is_init_finished: { name: "wolfSSL_is_init_finished" },
  SSL_in_init: { name: "wolfSSL_SSL_in_init" },
  // Sessions.
  SSL_get_session: {
    name: "wolfSSL_get_session",
    note: "5.5+: never NULL, a fresh SSL already holds an empty session; 4.6.0: NULL on a " +
      "client unless its cache mode has SSL_SESS_CACHE_CLIENT without NO_INTERNAL_STORE",
  },
  SSL_get0_session: {
    name: "wolfSSL_SSL_get0_session",
    note: "a real function here (a macro in OpenSSL)",
  },
  SSL_get1_session: { name: "wolfSSL_get1_session" },
  SSL_set_session: {
    name: "wolfSSL_set_session",
    note: "SSL_set_session(ssl, NULL) returns 0 and keeps the session (OpenSSL: 1, clears it)",
  },
  SSL_session_reused: { name: "wolfSSL_session_reused" },
  SSL_SESSION_new: {
    name: "wolfSSL_SESSION_new",
    note: "exported by 4.6.0 although its compat header has no SSL_SESSION_new macro",
  },
  SSL_SESSION_dup: { name: "wolfSSL_SESSION_dup" },
  SSL_SESSION_up_ref: { name: "wolfSSL_SESSION_up_ref" },
  SSL_SESSION_free: { name: "wolfSSL_SESSION_free" },
  SSL_SESSION_is_resumable: { name: "wolfSSL_SESSION_is_resumable", since: "5.5" },
  SSL_SESSION_has_ticket: { name: "wolfSSL_SESSION_has_ticket", since: "5.5" },
  SSL_SESSION_get_ticket_lifetime_hint: {
    name: "wolfSSL_SESSION_get_ticket_lifetime_hint",
    since: "5.5",
  },
  SSL_SESSION_get_protocol_version: null,
  SSL_SESSION_get_id: { name: "wolfSSL_SESSION_get_id" },
  SSL_SESSION_get_time: { name: "wolfSSL_SESSION_get_time" },
  SSL_SESSION_get_time_ex: null,
  SSL_SESSION_set_time: { name: "wolfSSL_SESSION_set_time", since: "5.7" },
  SSL_SESSION_set_time_ex: null,
  SSL_SESSION_get_timeout: { name: "wolfSSL_SESSION_get_timeout" },
  SSL_SESSION_set_timeout: { name: "wolfSSL_SSL_SESSION_set_timeout" },
  SSL_SESSION_set_ex_data: { name: "wolfSSL_SESSION_set_ex_data" },
  SSL_SESSION_get_ex_data: { name: "wolfSSL_SESSION_get_ex_data" },
  i2d_SSL_SESSION: { name: "wolfSSL_i2d_SSL_SESSION" },
  d2i_SSL_SESSION: { name: "wolfSSL_d2i_SSL_SESSION" },
  // libcrypto's half (the same shared object).
  OpenSSL_version: {
    name: "wolfSSL_OpenSSL_version",
    byFamily: {
      "4.6": {
        parameters: [],
        note: "const char *wolfSSL_OpenSSL_version(void) in 4.6.0: the type argument is gone",
      },
    },
  },
  OpenSSL_version_num: { name: "wolfSSL_OpenSSL_version_num" },
  ERR_get_error: { name: "wolfSSL_ERR_get_error" },
  ERR_error_string_n: { name: "wolfSSL_ERR_error_string_n" },
  ERR_clear_error: { name: "wolfSSL_ERR_clear_error" },
  CRYPTO_get_ex_new_index: {
    name: "wolfSSL_CRYPTO_get_ex_new_index",
    since: "5.5",
    note: "absent from 4.6.0. The free callback is never called in 5.5.4; in 5.7.2/5.9.2 it is " +
      "called with the session as parent but NULL as the ex_data value, and only for sessions " +
      "that own their ex_data (see FREE_OBSERVATION)",
  },
  BIO_s_mem: { name: "wolfSSL_BIO_s_mem" },
  BIO_new: { name: "wolfSSL_BIO_new" },
  BIO_read: { name: "wolfSSL_BIO_read" },
  BIO_write: { name: "wolfSSL_BIO_write" },
  BIO_ctrl_pending: { name: "wolfSSL_BIO_ctrl_pending" },
  BIO_free: { name: "wolfSSL_BIO_free" },
  OPENSSL_die: null,
  // Session fields, callbacks and the rest bound by the later scenarios (issue 12): names from
  // the compat macros of 5.7.2's wolfssl/openssl/ssl.h, signatures from its wolfssl/ssl.h, and
  // which version exports each from `nm -D` of all four. null: no macro and no export.
  SSL_SESSION_set_protocol_version: null,
  SSL_SESSION_get0_cipher: null,
  SSL_SESSION_set_cipher: { name: "wolfSSL_SESSION_set_cipher", since: "5.5" },
  SSL_CIPHER_get_name: { name: "wolfSSL_CIPHER_get_name" },
  SSL_CIPHER_find: null,
  SSL_get_current_cipher: { name: "wolfSSL_get_current_cipher" },
  SSL_SESSION_get0_peer: { name: "wolfSSL_SESSION_get0_peer" },
  SSL_get_client_random: { name: "wolfSSL_get_client_random" },
  SSL_get_server_random: { name: "wolfSSL_get_server_random" },
  SSL_SESSION_get_master_key: {
    name: "wolfSSL_SESSION_get_master_key",
    parameters: ["pointer", "buffer", "i32"],
    result: "i32",
    note: "int outSz and an int result (OpenSSL: size_t both)",
  },
  SSL_SESSION_set1_master_key: null,
  SSL_SESSION_get0_hostname: null,
  SSL_SESSION_set1_hostname: null,
  SSL_SESSION_get0_alpn_selected: null,
  SSL_SESSION_set1_alpn_selected: null,
  SSL_SESSION_set1_id: { name: "wolfSSL_SESSION_set1_id", since: "5.7" },
  SSL_SESSION_get0_id_context: { name: "wolfSSL_SESSION_get0_id_context", since: "5.7" },
  SSL_SESSION_set1_id_context: { name: "wolfSSL_SESSION_set1_id_context", since: "5.7" },
  SSL_SESSION_get0_ticket: null,
  SSL_CTX_get_timeout: { name: "wolfSSL_SSL_CTX_get_timeout" },
  // A macro for the constant 500 (no function to call).
  SSL_get_default_timeout: null,
  SSL_ctrl: { name: "wolfSSL_ctrl" },
  SSL_CTX_callback_ctrl: { name: "wolfSSL_CTX_callback_ctrl" },
  SSL_CTX_set_alpn_protos: { name: "wolfSSL_CTX_set_alpn_protos" },
  SSL_CTX_set_alpn_select_cb: { name: "wolfSSL_CTX_set_alpn_select_cb" },
  SSL_get_time: null,
  SSL_set_time: null,
  SSL_get_timeout: null,
  SSL_set_timeout: {
    name: "wolfSSL_SSL_SESSION_set_timeout",
    note: "the compat macro points SSL_set_timeout at the session's setter, as OpenSSL's alias",
  },
  SSL_CTX_sess_set_remove_cb: { name: "wolfSSL_CTX_sess_set_remove_cb" },
  SSL_CTX_sess_set_get_cb: { name: "wolfSSL_CTX_sess_set_get_cb" },
  SSL_CTX_sess_get_new_cb: null,
  SSL_CTX_sess_get_remove_cb: null,
  SSL_CTX_sess_get_get_cb: null,
  SSL_CTX_get_num_tickets: { name: "wolfSSL_CTX_get_num_tickets", since: "5.5" },
  SSL_set_num_tickets: null,
  SSL_get_num_tickets: null,
  SSL_new_session_ticket: null,
  SSL_set_post_handshake_auth: {
    name: "wolfSSL_set_post_handshake_auth",
    result: "i32",
    note: "returns int (OpenSSL: void)",
  },
  SSL_verify_client_post_handshake: { name: "wolfSSL_verify_client_post_handshake" },
  SSL_set_verify: { name: "wolfSSL_set_verify" },
  SSL_renegotiate: {
    name: "wolfSSL_Rehandshake",
    only: ["5.5"],
    note: "the compat macro's target; exported by 5.5.4 only (Debian's other builds lack " +
      "secure renegotiation)",
  },
  SSL_renegotiate_pending: { name: "wolfSSL_SSL_renegotiate_pending", since: "5.5" },
  SSL_set_session_id_context: { name: "wolfSSL_set_session_id_context" },
  X509_get_subject_name: { name: "wolfSSL_X509_get_subject_name" },
  X509_NAME_oneline: { name: "wolfSSL_X509_NAME_oneline" },
  SSL_set_options: {
    name: "wolfSSL_set_options",
    parameters: ["pointer", "i64"],
    result: "i64",
    note: "long, not uint64_t; wolfSSL's option bits differ",
  },
  // libcrypto's half: the ticket key callback's cipher and MAC (all four export them).
  EVP_aes_128_cbc: { name: "wolfSSL_EVP_aes_128_cbc" },
  EVP_sha256: { name: "wolfSSL_EVP_sha256" },
  EVP_EncryptInit_ex: { name: "wolfSSL_EVP_EncryptInit_ex" },
  EVP_DecryptInit_ex: { name: "wolfSSL_EVP_DecryptInit_ex" },
  HMAC_Init_ex: { name: "wolfSSL_HMAC_Init_ex" },
  // Not bound by the OpenSSL driver (a macro over CRYPTO_get_ex_new_index there). Listed so
  // nobody mistakes it for 4.6.0's way to register a free callback: it is not one.
  SSL_SESSION_get_ex_new_index: {
    name: "wolfSSL_SESSION_get_ex_new_index",
    parameters: ["i64", "pointer", "pointer", "pointer", "function"],
    result: "i32",
    note: "int (long argl, void *argp, new_func, dup_func, free_func). 4.6.0: a stub that " +
      'strcmp()s argp with "redirect index" (NULL argp: SIGSEGV) and ignores the callbacks',
  },
  // Functions for the SSL_CTX_ctrl commands wolfSSL_CTX_ctrl does not implement.
  SSL_CTX_sess_number: {
    name: "wolfSSL_CTX_sess_number",
    parameters: ["pointer"],
    result: "i64",
    note: "a stub returning 0 in all four versions (OpenSSL's is a macro over SSL_CTX_ctrl(20))",
  },
  SSL_CTX_set_session_cache_mode: {
    name: "wolfSSL_CTX_set_session_cache_mode",
    parameters: ["pointer", "i64"],
    result: "i64",
    note: "a function here; OpenSSL's is a macro over SSL_CTX_ctrl(44)",
  },
  SSL_CTX_get_session_cache_mode: {
    name: "wolfSSL_CTX_get_session_cache_mode",
    parameters: ["pointer"],
    result: "i64",
    note: "a function here; OpenSSL's is a macro over SSL_CTX_ctrl(45), which wolfSSL ignores",
  },
  SSL_CTX_sess_set_cache_size: {
    name: "wolfSSL_CTX_sess_set_cache_size",
    parameters: ["pointer", "i64"],
    result: "i64",
    note: "a function here; OpenSSL's is a macro over SSL_CTX_ctrl(42)",
  },
  SSL_CTX_sess_get_cache_size: {
    name: "wolfSSL_CTX_sess_get_cache_size",
    parameters: ["pointer"],
    result: "i64",
    note: "a function here; OpenSSL's is a macro over SSL_CTX_ctrl(43)",
  },
  // The statistics counters, OpenSSL's macros over SSL_CTX_ctrl(21..31).
  SSL_CTX_sess_connect: {
    name: "wolfSSL_CTX_sess_connect",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_connect_good: {
    name: "wolfSSL_CTX_sess_connect_good",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_connect_renegotiate: {
    name: "wolfSSL_CTX_sess_connect_renegotiate",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_accept: { name: "wolfSSL_CTX_sess_accept", parameters: ["pointer"], result: "i64" },
  SSL_CTX_sess_accept_good: {
    name: "wolfSSL_CTX_sess_accept_good",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_accept_renegotiate: {
    name: "wolfSSL_CTX_sess_accept_renegotiate",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_hits: { name: "wolfSSL_CTX_sess_hits", parameters: ["pointer"], result: "i64" },
  SSL_CTX_sess_cb_hits: {
    name: "wolfSSL_CTX_sess_cb_hits",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_misses: { name: "wolfSSL_CTX_sess_misses", parameters: ["pointer"], result: "i64" },
  SSL_CTX_sess_timeouts: {
    name: "wolfSSL_CTX_sess_timeouts",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_sess_cache_full: {
    name: "wolfSSL_CTX_sess_cache_full",
    parameters: ["pointer"],
    result: "i64",
  },
  SSL_CTX_set_min_proto_version: {
    name: "wolfSSL_CTX_set_min_proto_version",
    parameters: ["pointer", "i32"],
    result: "i32",
    note: "a function here; OpenSSL's is a macro over SSL_CTX_ctrl(123)",
  },
  SSL_CTX_set_max_proto_version: {
    name: "wolfSSL_CTX_set_max_proto_version",
    parameters: ["pointer", "i32"],
    result: "i32",
    note: "a function here; OpenSSL's is a macro over SSL_CTX_ctrl(124)",
  },
  // Needed before anything else (see WOLFSSL_INIT).
  wolfSSL_Init: { name: "wolfSSL_Init", parameters: [], result: "i32" },
  // How the driver sees sessions freed (see FREE_OBSERVATION).
  wolfSSL_SetAllocators: {
    name: "wolfSSL_SetAllocators",
    note: "stores the three functions; wolfSSL_Free calls the free one when it is not NULL, " +
      "else libc's free (disassembled in all four); NULL malloc/realloc keep libc's",
  },
};

/**
 * The symbol map of one family: every key of the table, null where that version exports no
 * equivalent.
 *
 * @example
 * ```ts
 * import { wolfsslSymbolMap } from "./symbols.ts";
 * console.log(wolfsslSymbolMap("5.7").SSL_SESSION_set_time?.name); // wolfSSL_SESSION_set_time
 * ```
 */
export function wolfsslSymbolMap(family: WolfsslFamily): SymbolMap {
  const at = WOLFSSL_FAMILIES.indexOf(family);
  if (at < 0) {
    throw new RangeError(
      `Unknown wolfSSL family "${family}": expected one of ${WOLFSSL_FAMILIES.join(", ")}`,
    );
  }
  const out: SymbolMap = {};
  for (const [key, row] of Object.entries(ROWS)) {
    if (
      row === null || WOLFSSL_FAMILIES.indexOf(row.since ?? "4.6") > at ||
      (row.only && !row.only.includes(family))
    ) {
      out[key] = null;
      continue;
    }
    const { since: _since, only: _only, byFamily, ...entry } = row;
    out[key] = { ...entry, ...byFamily?.[family] };
  }
  return out;
}

/**
 * Calls the driver must make once, before any other, in this order. `wolfSSL_CTX_new` calls
 * `wolfSSL_Init` by itself, but the ex_data index is registered before any context exists.
 */
export const WOLFSSL_INIT: readonly { call: string; expect: number }[] = [
  { call: "wolfSSL_Init", expect: 1 },
];

/** Constants the driver passes or compares whose wolfSSL values differ from OpenSSL's. */
export interface WolfsslConstants {
  /** `SSL_OP_NO_TICKET` (OpenSSL: 1 << 14). */
  SSL_OP_NO_TICKET: bigint;
  /** `SSL_ERROR_SSL` as `SSL_get_error` returns it (OpenSSL: 1). */
  SSL_ERROR_SSL: number;
  /** `SSL_SESS_CACHE_NO_AUTO_CLEAR` (OpenSSL: 0x80). */
  SSL_SESS_CACHE_NO_AUTO_CLEAR: number;
}

/**
 * Per family, from each version's `wolfssl/ssl.h` enums. The other constants the driver uses
 * (SSL_FILETYPE_PEM 1, SSL_VERIFY_PEER 1, the WANT_READ/WRITE/ZERO_RETURN/SYSCALL errors,
 * SENT/RECEIVED_SHUTDOWN, the OFF/CLIENT/SERVER/BOTH/NO_INTERNAL* cache bits,
 * CRYPTO_EX_INDEX_SSL_SESSION 2) equal OpenSSL's.
 */
export const WOLFSSL_CONSTANTS: Readonly<Record<WolfsslFamily, WolfsslConstants>> = {
  "4.6": { SSL_OP_NO_TICKET: 1n << 19n, SSL_ERROR_SSL: 85, SSL_SESS_CACHE_NO_AUTO_CLEAR: 0x8 },
  "5.5": { SSL_OP_NO_TICKET: 1n << 19n, SSL_ERROR_SSL: 85, SSL_SESS_CACHE_NO_AUTO_CLEAR: 0x8 },
  "5.7": { SSL_OP_NO_TICKET: 1n << 19n, SSL_ERROR_SSL: 85, SSL_SESS_CACHE_NO_AUTO_CLEAR: 0x8 },
  "5.9": { SSL_OP_NO_TICKET: 1n << 19n, SSL_ERROR_SSL: 1, SSL_SESS_CACHE_NO_AUTO_CLEAR: 0x8 },
};

/**
 * `SSL_CTX_ctrl` commands the OpenSSL driver sends (its `SSL_CTRL` constants) → the map key of
 * the function to call instead (with `larg` as its second argument): the driver's own table,
 * every key of which this map names. Measured with `wolfSSL_CTX_ctrl` itself: 20 (sess_number)
 * and 44 (set cache mode) return 0 and do nothing in all four versions; 45 and 43 read 0 for a
 * fresh context, whose mode and size the functions give as 2 and 33; the statistics (21-31) read
 * 0 through either; 123/124 (min/max protocol) return 0 in 4.6.0 and 1 from 5.5; 32 (options)
 * works everywhere. Note `wolfSSL_CTX_sess_number` is itself a stub (`xor eax,eax; ret`): the
 * count is always 0.
 */
export const CTRL_EQUIVALENTS: Readonly<Record<number, string>> = CTRL_FUNCTIONS;

/** How the driver can see an SSL_SESSION being really freed, per family. */
export type FreeObservation =
  /**
   * Through the library's free function (`wolfSSL_SetAllocators`): a session is freed when its
   * memory is. The ex_data free callback is no witness: 4.6.0 cannot register one, 5.5.4 never
   * calls it, 5.7.2/5.9.2 call it with NULL as its `ptr` and skip sessions whose ex_data the
   * cache owns (`ownExData` 0), which is how an unseen free let a later object at the same
   * address pass for a tracked session (the SS-2 flake).
   */
  | "allocator-free"
  /**
   * None the driver trusts (4.6.0): it has no ex_data index registration, `SSL_get_session`
   * hands out entries of the static session cache (never freed), and the hook saw no free of a
   * new-session callback's session after `SSL_free` (measured: callback returned 0, cache mode
   * CLIENT|NO_INTERNAL_STORE); whether that session is leaked or lives inside another object was
   * not established, so a free there cannot be told from no free.
   */
  | "none";

/**
 * Measured with the driver's start probe (`SSL_SESSION_new`, tagged, freed: the hooked free
 * function saw its pointer) in all four, and on sessions of real connections (5.5.4-5.9.2: the
 * client's callback session freed by `SSL_free`; 4.6.0: not, see "none"); before, with `CRYPTO_get_ex_new_index(2, …, free_cb)`,
 * `up_ref` and two `SSL_SESSION_free`: the callback ran once, with `ptr` NULL, in 5.7.2 and
 * 5.9.2, never in 5.5.4.
 */
export const FREE_OBSERVATION: Readonly<Record<WolfsslFamily, FreeObservation>> = {
  "4.6": "none",
  "5.5": "allocator-free",
  "5.7": "allocator-free",
  "5.9": "allocator-free",
};
