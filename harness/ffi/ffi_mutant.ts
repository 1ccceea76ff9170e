/**
 * The mutants the FFI driver implements: each alters exactly one libssl behaviour as the ops
 * report it, so that `harness mutate` can check that the FFI scenarios see that behaviour.
 * {@linkcode FFI_MUTANTS} names them and says what each removes; how the driver does it is in
 * `mutant_overrides.ts`.
 *
 * The driver learns its mutant from the {@linkcode FFI_MUTANT_ENV} environment variable (set by
 * `mutantBuild()` in the build's `ffiLaunch.env`), says which one is active in its hello, and
 * refuses to start with a name it does not implement (a typo must not silently run the real
 * behaviour). No mutant ever makes the driver touch freed memory: a mutant that hands back a
 * session the SSL no longer holds hands back its (possibly dead) handle, and ops refuse dead
 * handles as always.
 *
 * @example
 * ```ts
 * import { parseFfiMutant } from "./ffi_mutant.ts";
 * console.log(parseFfiMutant("get1_without_ref"), parseFfiMutant(undefined));
 * ```
 * @module
 */

/** The environment variable that names the driver's mutant. */
export const FFI_MUTANT_ENV = "TLS_HARNESS_FFI_MUTANT";

/**
 * Every mutant the driver implements, by name, with what it removes (for people: `harness mutate
 * --help` and its reports). This is the one list: `harness/mutate/mutants.ts` derives the ffi
 * layer from it, and the driver's override table (`mutant_overrides.ts`) and the per-mutant
 * probes of `ffi_mutant_test.ts` are typed by its keys, so neither can miss or add a name.
 */
export const FFI_MUTANTS = {
  get1_without_ref: "SSL_get1_session takes no reference (get_session get1 behaves like get)",
  get1_two_refs: "SSL_get1_session takes two references instead of one",
  get0_takes_ref: "SSL_get_session / SSL_get0_session take a reference, like SSL_get1_session",
  get0_stale: "SSL_get0_session keeps returning the first session it returned on that SSL",
  get_returns_first_ticket:
    "SSL_get_session (all variants) returns the first session the new-session callback saw " +
    "on that SSL (the first ticket), not the current one",
  get_returns_set_session:
    "SSL_get_session (all variants) returns the session given to SSL_set_session, used or not",
  fresh_ssl_has_session:
    "SSL_new leaves the SSL without a session (a blank one is set on every new SSL)",
  session_new_null: "SSL_SESSION_new returns NULL",
  session_free_noop: "SSL_SESSION_free does nothing (the reference is never released)",
  up_ref_noop: "SSL_SESSION_up_ref returns 1 without incrementing the reference count",
  dup_as_up_ref: "SSL_SESSION_dup copies nothing: it returns the source with one more reference",
  set_session_noop: "SSL_set_session returns 1 without setting anything",
  set_session_leaks_previous: "SSL_set_session does not release the session it replaces",
  set_session_held_until_free:
    "SSL_connect does not release a session it did not reuse: the set session is held until " +
    "SSL_free",
  flush_noop: "SSL_CTX_flush_sessions removes nothing, expired or not",
  resumable_always_1: "SSL_SESSION_is_resumable returns 1 for every session",
  ssl_free_as_clean:
    "SSL_free without SSL_shutdown no longer counts as unclean (the SSL is marked shut down " +
    "first): the session stays resumable and cached",
  shutdown_skipped: "SSL_shutdown is never called (the ops report success)",
  new_session_cb_once:
    "the new-session callback is invoked once per connection, not once per session (ticket)",
  tickets_unread:
    "the client never processes post-handshake messages (TLS 1.3 tickets stay unread)",
  // Session fields and timeouts (the session chapter's getter/setter pages).
  protocol_version_zero: "SSL_SESSION_get_protocol_version returns 0",
  set_protocol_version_noop: "SSL_SESSION_set_protocol_version returns 1 without setting anything",
  get0_cipher_null: "SSL_SESSION_get0_cipher returns NULL",
  set_cipher_noop: "SSL_SESSION_set_cipher returns 1 without setting anything",
  get0_peer_null: "SSL_SESSION_get0_peer returns NULL",
  randoms_swapped: "SSL_get_client_random copies the server random and vice versa",
  master_key_zeroed: "SSL_SESSION_get_master_key copies zero bytes instead of the master key",
  set1_master_key_alias:
    "SSL_SESSION_set1_master_key keeps nothing: the getter reads the key last passed in, as the " +
    "caller's buffer holds it now",
  hostname_null: "SSL_SESSION_get0_hostname returns NULL",
  alpn_set_noop: "SSL_SESSION_set1_alpn_selected returns 1 without setting anything",
  has_ticket_0: "SSL_SESSION_has_ticket returns 0",
  has_ticket_1: "SSL_SESSION_has_ticket returns 1",
  ticket_len_only: "SSL_SESSION_get0_ticket writes the length but never the ticket pointer",
  id_context_set_noop: "SSL_SESSION_set1_id_context returns 1 without setting anything",
  set1_id_unchecked: "SSL_SESSION_set1_id accepts any length (it sets at most 32 bytes, returns 1)",
  set_time_noop: "SSL_SESSION_set_time(_ex) returns 1 without setting anything",
  set_timeout_noop: "SSL_SESSION_set_timeout returns 1 without setting anything",
  ctx_timeout_ignored: "SSL_CTX_set_timeout sets nothing (and returns the current value)",
  d2i_null: "d2i_SSL_SESSION returns NULL for any input",
  // The session chapter's cache, callbacks and tickets.
  num_tickets_ignored:
    "SSL_CTX_set_num_tickets / SSL_set_num_tickets return 1 without changing the ticket count",
  new_session_ticket_noop: "SSL_new_session_ticket returns 1 without requesting a ticket",
  cache_mode_ignored: "SSL_CTX_set_session_cache_mode returns the current mode without changing it",
  cache_size_ignored: "SSL_CTX_sess_set_cache_size returns the current size without changing it",
  stats_zero: "the SSL_CTX_sess_* statistics counters (connect … cache_full) all read 0",
  add_session_noop: "SSL_CTX_add_session returns 1 without adding the session",
  remove_session_noop: "SSL_CTX_remove_session returns 1 without removing the session",
  sid_ctx_ignored:
    "SSL_CTX_set_session_id_context / SSL_set_session_id_context return 1 without setting it",
  remove_cb_unset: "SSL_CTX_sess_set_remove_cb installs nothing (the remove callback never runs)",
  get_cb_unset: "SSL_CTX_sess_set_get_cb installs nothing (the get callback never runs)",
  new_session_cb_ref_dropped:
    "the new-session callback's 1 is ignored: libssl keeps no reference for the application",
  default_timeout_per_protocol:
    "SSL_get_default_timeout answers one second more on a connection that negotiated TLS 1.3",
  alpn_get_null: "SSL_SESSION_get0_alpn_selected reports no protocol (NULL, length 0)",
  i2d_empty: "i2d_SSL_SESSION encodes an empty SEQUENCE (30 00) for every session",
} as const;

/** Every mutant's name, in {@linkcode FFI_MUTANTS} order. */
export const FFI_MUTANT_NAMES = Object.keys(FFI_MUTANTS) as FfiMutantName[];

/** The name of an FFI mutant. */
export type FfiMutantName = keyof typeof FFI_MUTANTS;

/**
 * The mutant an environment value names: null when unset or empty.
 *
 * @throws {RangeError} naming the value and the known mutants when the driver has no such mutant.
 * @example
 * ```ts
 * import { FFI_MUTANT_ENV, parseFfiMutant } from "./ffi_mutant.ts";
 * console.log(parseFfiMutant(Deno.env.get(FFI_MUTANT_ENV)));
 * ```
 */
export function parseFfiMutant(value: string | undefined): FfiMutantName | null {
  if (value === undefined || value === "") return null;
  if (Object.hasOwn(FFI_MUTANTS, value)) return value as FfiMutantName;
  throw new RangeError(
    `${FFI_MUTANT_ENV}="${value}" names no mutant the FFI driver implements (known: ${
      FFI_MUTANT_NAMES.join(", ")
    })`,
  );
}
