/**
 * Test and bench support: what the tests, `deno task fuzz` and `deno task bench` need but the
 * engine does not. Nothing under harness/ imports from here (except `*_test.ts` files).
 *
 * - `faults/`: fake `openssl` builds that hang, crash or print garbage, a `/proc` process
 *   table, and the fault tests that drive the CLI through them.
 * - `fixture_sessions.ts`: every session committed under testdata/ (codec tests, bench).
 * - `fuzz_mutations.ts`: a seeded PRNG and a DER-aware byte mutator (codec fuzz test, `fuzz/`).
 * - `headless_chromium.ts`: the HTML report's test opens the page in headless chromium.
 * - `session_capture.ts`: captures real session files from the system `openssl` for the
 *   codec's live tests.
 *
 * @example
 * ```ts
 * import { createRng, mutateBytes } from "./mod.ts";
 * const rng = createRng(1);
 * console.log(mutateBytes(new Uint8Array([0x30, 0x00]), rng));
 * ```
 * @module
 */
export * from "./fixture_sessions.ts";
export * from "./fuzz_mutations.ts";
export * from "./headless_chromium.ts";
export * from "./session_capture.ts";
