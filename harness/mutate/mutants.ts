/**
 * Mutants: peers with exactly one behaviour removed. A scenario names, in its `mutants` field,
 * the mutants that remove what it checks; `harness mutate` runs it against each and expects it
 * to fail ("killed"). One that still passes ("survived") cannot see the behaviour it claims to
 * verify: fix the scenario.
 */
export interface Mutant {
  /** Name used in scenario declarations and reports. */
  name: string;
  /** What the mutant removes, for people. */
  removes: string;
  /** Which peer it changes: the `openssl` CLI (through a shim) or the FFI driver. */
  layer: "cli" | "ffi";
}

/** Every mutant the harness knows. Keep `openssl_mutant.sh` in step with the CLI ones. */
export const MUTANTS: readonly Mutant[] = [
  {
    name: "no_tickets",
    layer: "cli",
    removes: "s_server sends no session tickets (-num_tickets 0 -no_ticket)",
  },
  {
    name: "full_handshakes",
    layer: "cli",
    removes:
      "s_server never resumes: every handshake is full (-no_cache -no_ticket -num_tickets 0)",
  },
  { name: "empty_session_file", layer: "cli", removes: "s_client's -sess_out file is left empty" },
  { name: "corrupt_session_file", layer: "cli", removes: "s_client's -sess_out file is corrupted" },
  {
    name: "first_ticket_kept",
    layer: "cli",
    removes:
      "s_client's -sess_out file keeps the first session received, not the last (tickets reordered)",
  },
  {
    name: "wrong_session",
    layer: "cli",
    removes: "s_client -sess_in is handed another session (or none)",
  },
  {
    name: "verify_ignored",
    layer: "cli",
    removes:
      "s_client continues a handshake whose certificate check failed (no -verify_return_error)",
  },
  {
    name: "untrusted_ca",
    layer: "cli",
    removes: "s_client trusts no CA, so no handshake completes",
  },
  {
    name: "ignore_unexpected_eof",
    layer: "cli",
    removes:
      "s_server treats a connection ended without close_notify as clean (-ignore_unexpected_eof)",
  },
  {
    name: "anti_replay_everywhere",
    layer: "cli",
    removes: "s_server refuses a second use of any TLS 1.3 ticket (anti-replay on via -early_data)",
  }, // FFI mutants: the FFI driver (harness/ffi/driver_ops.ts) alters one libssl behaviour as its
  // ops report it. Keep harness/ffi/ffi_mutant.ts in step (a test checks).
  {
    name: "get1_without_ref",
    layer: "ffi",
    removes: "SSL_get1_session takes no reference (get_session get1 behaves like get)",
  },
  {
    name: "get1_two_refs",
    layer: "ffi",
    removes: "SSL_get1_session takes two references instead of one",
  },
  {
    name: "get0_takes_ref",
    layer: "ffi",
    removes: "SSL_get_session / SSL_get0_session take a reference, like SSL_get1_session",
  },
  {
    name: "get0_stale",
    layer: "ffi",
    removes: "SSL_get0_session keeps returning the first session it returned on that SSL",
  },
  {
    name: "get_returns_first_ticket",
    layer: "ffi",
    removes:
      "SSL_get_session (all variants) returns the first session the new-session callback saw " +
      "on that SSL (the first ticket), not the current one",
  },
  {
    name: "get_returns_set_session",
    layer: "ffi",
    removes:
      "SSL_get_session (all variants) returns the session given to SSL_set_session, used or not",
  },
  {
    name: "fresh_ssl_has_session",
    layer: "ffi",
    removes: "SSL_new leaves the SSL without a session (a blank one is set on every new SSL)",
  },
  { name: "session_new_null", layer: "ffi", removes: "SSL_SESSION_new returns NULL" },
  {
    name: "session_free_noop",
    layer: "ffi",
    removes: "SSL_SESSION_free does nothing (the reference is never released)",
  },
  {
    name: "up_ref_noop",
    layer: "ffi",
    removes: "SSL_SESSION_up_ref returns 1 without incrementing the reference count",
  },
  {
    name: "dup_as_up_ref",
    layer: "ffi",
    removes: "SSL_SESSION_dup copies nothing: it returns the source with one more reference",
  },
  {
    name: "set_session_noop",
    layer: "ffi",
    removes: "SSL_set_session returns 1 without setting anything",
  },
  {
    name: "set_session_leaks_previous",
    layer: "ffi",
    removes: "SSL_set_session does not release the session it replaces",
  },
  {
    name: "set_session_held_until_free",
    layer: "ffi",
    removes:
      "SSL_connect does not release a session it did not reuse: the set session is held until " +
      "SSL_free",
  },
  {
    name: "flush_noop",
    layer: "ffi",
    removes: "SSL_CTX_flush_sessions removes nothing, expired or not",
  },
  {
    name: "resumable_always_1",
    layer: "ffi",
    removes: "SSL_SESSION_is_resumable returns 1 for every session",
  },
  {
    name: "ssl_free_as_clean",
    layer: "ffi",
    removes:
      "SSL_free without SSL_shutdown no longer counts as unclean (the SSL is marked shut down " +
      "first): the session stays resumable and cached",
  },
  {
    name: "shutdown_skipped",
    layer: "ffi",
    removes: "SSL_shutdown is never called (the ops report success)",
  },
  {
    name: "new_session_cb_once",
    layer: "ffi",
    removes:
      "the new-session callback is invoked once per connection, not once per session (ticket)",
  },
  {
    name: "tickets_unread",
    layer: "ffi",
    removes: "the client never processes post-handshake messages (TLS 1.3 tickets stay unread)",
  },
];

const byName = new Map(MUTANTS.map((m) => [m.name, m]));

/** The mutant with this name, or undefined. */
export function findMutant(name: string): Mutant | undefined {
  return byName.get(name);
}

/** Register FFI-layer mutants (the FFI driver implements them). */
export function registerMutant(mutant: Mutant): void {
  if (!byName.has(mutant.name)) {
    (MUTANTS as Mutant[]).push(mutant);
    byName.set(mutant.name, mutant);
  }
}
