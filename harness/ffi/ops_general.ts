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
import { SSL_OPS } from "./ops_ssl.ts";
import { CTX_OPS } from "./ops_ctx.ts";
import { closeListeners } from "./ops_tcp_server.ts";

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
    observesFrees: d.sessions.observesFrees,
    unobservedFrees: d.sessions.unobservedReason,
  };
}

/**
 * The end of a scope (one scenario of a shared driver): its TCP listeners are closed, its SSLs
 * (with their sockets), then its
 * SSL_CTXs are freed, as the end of a driver process did before; sessions it still holds stay
 * allocated (whether a handle is a reference the scenario owns is not known). Its record of
 * frees is dropped.
 */
function scopeEnd(d: DriverState): { ssl: number; ctx: number; errors: string[] } {
  const scope = d.handles.scope;
  if (scope === null) throw new RangeError(`"scope_end" needs a request with a scope`);
  closeListeners(d, scope);
  const errors: string[] = [];
  const freed = { ssl: 0, ctx: 0 };
  for (const kind of ["ssl", "ctx"] as const) {
    for (const e of d.handles.live(kind)) {
      try {
        (kind === "ssl" ? SSL_OPS.ssl_free : CTX_OPS.ctx_free)(d, { [kind]: e.id });
        freed[kind]++;
      } catch (err) {
        errors.push(`${kind} ${e.id}: ${(err as Error).message}`);
      }
    }
  }
  d.sessions.forget(scope);
  d.handles.forgetDead(scope);
  return { ...freed, errors };
}

/** hello, freed_sessions, handles, scope_end, crash, hang. */
export const GENERAL_OPS = {
  hello,

  freed_sessions(d) {
    if (!d.sessions.observesFrees) {
      throw new OpError(d.sessions.unobservedReason!, [], "observable frees");
    }
    return d.sessions.observed(d.handles.scope);
  },

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

  scope_end: scopeEnd,

  hang: () => new Promise(() => {}),
} satisfies OpTable;
