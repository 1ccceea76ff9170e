import { FFI_MUTANTS } from "../ffi/mod.ts";

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

/**
 * Every mutant the harness knows. Keep `openssl_mutant.sh` in step with the CLI ones; the FFI
 * ones come from the driver's own list.
 */
export const MUTANTS: readonly Mutant[] = [
  {
    name: "no_tickets",
    layer: "cli",
    removes: "s_server sends no session tickets (-num_tickets 0 -no_ticket)",
  },
  {
    name: "num_tickets_dropped",
    layer: "cli",
    removes: "s_server ignores -num_tickets (it sends its default, 2)",
  },
  {
    name: "no_cache_dropped",
    layer: "cli",
    removes: "s_server ignores -no_cache (its session cache stays on)",
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
    name: "faked_resumption",
    layer: "cli",
    removes:
      's_client -sess_in does a full handshake but prints "Reused," and no certificate chain (only -msg tells)',
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
  },
  // The FFI driver's mutants: one list, in harness/ffi/ffi_mutant.ts.
  ...Object.entries(FFI_MUTANTS).map(([name, removes]): Mutant => ({
    name,
    layer: "ffi",
    removes,
  })),
];

const byName = new Map(MUTANTS.map((m) => [m.name, m]));

/** The mutant with this name, or undefined. */
export function findMutant(name: string): Mutant | undefined {
  return byName.get(name);
}
