/**
 * Ops about the driver itself: `hello`, the observation lists (`freed_sessions`, `handles`) and
 * the test-only `crash` / `hang`, which let tests check the parent's crash and timeout paths.
 *
 * @example
 * ```ts ignore
 * import { GENERAL_OPS } from "./ops_general.ts";
 * console.log(Object.keys(GENERAL_OPS));
 * ```
 * @module
 */

import type { HelloResult } from "./protocol.ts";
import { cString, pointerHex } from "./libssl.ts";
import type { DriverState } from "./driver_state.ts";
import { OpError } from "./op_error.ts";
import type { OpTable } from "./op_impl.ts";

/** What the driver says on start. */
export function hello(d: DriverState): HelloResult {
  return {
    version: d.lib.version,
    versionNumber: d.lib.versionNumber,
    missingSymbols: [...d.lib.missingSymbols],
    libssl: d.lib.paths.libssl,
    libcrypto: d.lib.paths.libcrypto,
    pid: Deno.pid,
    mutant: d.mutant,
  };
}

/** hello, freed_sessions, handles, crash, hang. */
export const GENERAL_OPS = {
  hello,

  freed_sessions: (d) => ({ handles: [...d.sessions.freed], untagged: d.sessions.untaggedFrees }),

  handles: (d) => ({
    live: d.handles.live().map((e) => ({ handle: e.id, kind: e.kind, ptr: pointerHex(e.ptr) })),
    dead: d.handles.dead(),
  }),

  crash(d, args) {
    if (args.kind === "abort") {
      if (d.lib.has("OPENSSL_die")) {
        d.lib.fn("OPENSSL_die")(cString("crash op: deliberate abort"), cString("driver.ts"), 1);
      }
      throw new OpError("OPENSSL_die is not exported: cannot abort");
    }
    // Reads a field through a NULL SSL_SESSION*: SIGSEGV inside libssl.
    d.lib.fn("SSL_SESSION_get_protocol_version")(null);
    throw new OpError("Dereferencing NULL did not crash");
  },

  hang: () => new Promise(() => {}),
} satisfies OpTable;
