/**
 * The mutants the FFI driver implements: each alters exactly one libssl behaviour as the ops
 * report it, so that `harness mutate` can check that the FFI scenarios see that behaviour.
 * What each removes is described where every mutant is registered, in
 * `harness/mutate/mutants.ts` (layer "ffi"); a test keeps the two lists equal.
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

/** Every mutant the driver implements, by name. */
export const FFI_MUTANT_NAMES = [
  "get1_without_ref",
  "get1_two_refs",
  "get0_takes_ref",
  "get0_stale",
  "get_returns_first_ticket",
  "get_returns_set_session",
  "fresh_ssl_has_session",
  "session_new_null",
  "session_free_noop",
  "up_ref_noop",
  "dup_as_up_ref",
  "set_session_noop",
  "set_session_leaks_previous",
  "set_session_held_until_free",
  "flush_noop",
  "resumable_always_1",
  "ssl_free_as_clean",
  "shutdown_skipped",
  "new_session_cb_once",
  "tickets_unread",
] as const;

/** The name of an FFI mutant. */
export type FfiMutantName = typeof FFI_MUTANT_NAMES[number];

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
  if ((FFI_MUTANT_NAMES as readonly string[]).includes(value)) return value as FfiMutantName;
  throw new RangeError(
    `${FFI_MUTANT_ENV}="${value}" names no mutant the FFI driver implements (known: ${
      FFI_MUTANT_NAMES.join(", ")
    })`,
  );
}
