/**
 * SSL_SESSION ops: making sessions (`session_new`, `session_dup`, `session_d2i`), references
 * (`session_up_ref`, `session_free`), and reading or changing their fields (`session_info`,
 * `session_id`, `session_i2d`, `session_is_resumable`, `session_set_timeout`,
 * `session_set_time`).
 *
 * @example
 * ```ts ignore
 * import { SESSION_OPS } from "./ops_session.ts";
 * console.log(Object.keys(SESSION_OPS));
 * ```
 * @module
 */

import { type AnySymbol, pointerValue } from "./libssl.ts";
import type { DriverState } from "./driver_state.ts";
import { num, str } from "./op_args.ts";
import type { OpTable } from "./op_impl.ts";

function sessionId(d: DriverState, p: Deno.PointerObject): string {
  const len = new Uint32Array(1);
  const idPtr = d.lib.fn("SSL_SESSION_get_id")(p, len);
  if (!idPtr || len[0] === 0) return "";
  return new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(idPtr, len[0]).slice(0)).toHex();
}

function resumable(d: DriverState, p: Deno.PointerObject): boolean {
  return d.lib.fn("SSL_SESSION_is_resumable")(p) === 1;
}

/** The session_* ops. */
export const SESSION_OPS = {
  session_new: (d) =>
    d.hooks.sessionNew(() => {
      const p = d.newSessionObject();
      if (!p) d.fail("SSL_SESSION_new");
      return d.sessions.ref(p);
    }),

  session_dup(d, args) {
    const s = d.session(args);
    const p = d.lib.fn("SSL_SESSION_dup")(s.ptr);
    if (!p) d.fail("SSL_SESSION_dup");
    return d.sessions.ref(p);
  },

  session_up_ref(d, args) {
    const s = d.session(args);
    return { rc: d.lib.fn("SSL_SESSION_up_ref")(s.ptr) };
  },

  session_free(d, args) {
    if (args.session === null) {
      // SN-4: SSL_SESSION_free(NULL) does nothing.
      d.lib.fn("SSL_SESSION_free")(null);
      return { freed: false };
    }
    const s = d.session(args);
    const { freed } = d.sessions.watchFrees(() => d.lib.fn("SSL_SESSION_free")(s.ptr));
    return { freed: freed.includes(s.id) };
  },

  session_is_resumable: (d, args) => ({ resumable: resumable(d, d.session(args).ptr) }),

  session_info(d, args) {
    const s = d.session(args);
    const lib = d.lib;
    const unsupported: Record<string, string> = {};
    const maybe = <T>(field: string, sym: AnySymbol, f: () => T): T | null => {
      if (lib.has(sym)) return f();
      unsupported[field] = sym;
      return null;
    };
    const time = lib.has("SSL_SESSION_get_time_ex")
      ? Number(lib.fn("SSL_SESSION_get_time_ex")(s.ptr))
      : maybe("time", "SSL_SESSION_get_time", () => Number(lib.fn("SSL_SESSION_get_time")(s.ptr)));
    const info = {
      protocolVersion: maybe(
        "protocolVersion",
        "SSL_SESSION_get_protocol_version",
        () => lib.fn("SSL_SESSION_get_protocol_version")(s.ptr),
      ),
      id: maybe("id", "SSL_SESSION_get_id", () => sessionId(d, s.ptr)),
      time,
      timeout: maybe(
        "timeout",
        "SSL_SESSION_get_timeout",
        () => Number(lib.fn("SSL_SESSION_get_timeout")(s.ptr)),
      ),
      hasTicket: maybe(
        "hasTicket",
        "SSL_SESSION_has_ticket",
        () => lib.fn("SSL_SESSION_has_ticket")(s.ptr) === 1,
      ),
      ticketLifetimeHint: maybe(
        "ticketLifetimeHint",
        "SSL_SESSION_get_ticket_lifetime_hint",
        () => Number(lib.fn("SSL_SESSION_get_ticket_lifetime_hint")(s.ptr)),
      ),
      resumable: maybe("resumable", "SSL_SESSION_is_resumable", () => resumable(d, s.ptr)),
    };
    return Object.keys(unsupported).length > 0 ? { ...info, unsupported } : info;
  },

  session_id: (d, args) => ({ id: sessionId(d, d.session(args).ptr) }),

  session_i2d(d, args) {
    const s = d.session(args);
    const i2d = d.lib.fn("i2d_SSL_SESSION");
    const len = i2d(s.ptr, null);
    if (len <= 0) d.fail("i2d_SSL_SESSION");
    const buf = new Uint8Array(len);
    // i2d writes through (and advances) *pp: hand it a pointer to our buffer's address.
    const pp = new BigUint64Array([pointerValue(Deno.UnsafePointer.of(buf))]);
    const written = i2d(s.ptr, pp);
    if (written !== len) d.fail("i2d_SSL_SESSION");
    return { der: buf.toBase64() };
  },

  session_d2i(d, args) {
    const der = Uint8Array.fromBase64(str(args, "der"));
    const pp = new BigUint64Array([pointerValue(Deno.UnsafePointer.of(der))]);
    const p = d.lib.fn("d2i_SSL_SESSION")(null, pp, BigInt(der.length));
    if (!p) d.fail("d2i_SSL_SESSION");
    return d.sessions.ref(p);
  },

  session_set_timeout(d, args) {
    const s = d.session(args);
    const rc = d.lib.fn("SSL_SESSION_set_timeout")(s.ptr, BigInt(num(args, "seconds")));
    return { rc: Number(rc) };
  },

  session_set_time(d, args) {
    const s = d.session(args);
    const name = d.lib.has("SSL_SESSION_set_time_ex")
      ? "SSL_SESSION_set_time_ex"
      : "SSL_SESSION_set_time";
    const rc = d.lib.fn(name as "SSL_SESSION_set_time")(s.ptr, BigInt(num(args, "time")));
    return { rc: Number(rc), function: name };
  },
} satisfies OpTable;
