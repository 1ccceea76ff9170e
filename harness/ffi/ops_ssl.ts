/**
 * SSL ops: `ssl_new` (two memory BIOs and the connect / accept state), `ssl_free`, `ssl_clear`,
 * `ssl_info`, and the SSL's session: `get_session` (get / get0 / get1), `set_session`,
 * `session_reused`.
 *
 * @example
 * ```ts ignore
 * import { SSL_OPS } from "./ops_ssl.ts";
 * console.log(Object.keys(SSL_OPS));
 * ```
 * @module
 */

import type { SessionRef } from "./protocol.ts";
import { pointerHex, pointerValue } from "./libssl.ts";
import type { DriverState, SslData, SslEntry } from "./driver_state.ts";
import type { GetVariant } from "./driver_hooks.ts";
import { closeTcp } from "./tcp_pump.ts";
import { OpError } from "./op_error.ts";
import type { Args } from "./op_args.ts";
import type { OpTable } from "./op_impl.ts";

/**
 * What get_session answers when a hook substitutes another session for the SSL's current one
 * (`current`, already counted as the variant counts it); `current` when it does not. A
 * substitute the SSL no longer holds may be dead: it is handed back as it is (handle and old
 * pointer, which libssl may since have reused for another object), without calling libssl on it.
 */
function substitute(
  d: DriverState,
  e: SslEntry,
  variant: GetVariant,
  current: SessionRef,
): SessionRef {
  const h = d.hooks.substituteSession(e, variant, current);
  const other = h === null ? undefined : d.handles.peek(h);
  if (!other || other.id === current.session) return current;
  if (variant === "get1") {
    // The caller owns one reference: give it on the substitute, take back the current one's
    // (the SSL still holds the current session, so this free cannot free it).
    if (other.alive) d.lib.fn("SSL_SESSION_up_ref")(other.ptr);
    if (current.session !== null) {
      d.lib.fn("SSL_SESSION_free")(d.handles.peek(current.session)!.ptr);
    }
  }
  return { session: other.id, ptr: pointerHex(other.ptr) };
}

/** The ssl_* ops and the SSL's session. */
export const SSL_OPS = {
  ssl_new(d: DriverState, args: Args) {
    const c = d.ctx(args);
    const role = (args.role ?? (c.data.role === "any" ? undefined : c.data.role)) as
      | "client"
      | "server"
      | undefined;
    if (role !== "client" && role !== "server") {
      throw new TypeError(
        `Field "role" must be "client" or "server" for an SSL of an "any" context`,
      );
    }
    const lib = d.lib;
    const ssl = lib.fn("SSL_new")(c.ptr);
    if (!ssl) d.fail("SSL_new");
    const rbio = lib.fn("BIO_new")(lib.fn("BIO_s_mem")());
    const wbio = lib.fn("BIO_new")(lib.fn("BIO_s_mem")());
    if (!rbio || !wbio) {
      if (rbio) lib.fn("BIO_free")(rbio);
      if (wbio) lib.fn("BIO_free")(wbio);
      lib.fn("SSL_free")(ssl);
      d.fail("BIO_new(BIO_s_mem())");
    }
    // SSL_set_bio hands both BIOs to the SSL: SSL_free frees them.
    lib.fn("SSL_set_bio")(ssl, rbio, wbio);
    if (role === "client") lib.fn("SSL_set_connect_state")(ssl);
    else lib.fn("SSL_set_accept_state")(ssl);
    const data: SslData = {
      role,
      ctx: c.id,
      rbio,
      wbio,
      newSessionCalls: 0,
      tcp: null,
      peer: null,
      started: false,
    };
    const h = d.handles.add("ssl", ssl, data);
    d.sslByPtr.set(pointerValue(ssl), h);
    return { ssl: h };
  },

  ssl_free(d, args) {
    const e = d.ssl(args);
    closeTcp(e.data);
    const { freed } = d.sessions.watchFrees(() => d.lib.fn("SSL_free")(e.ptr));
    d.handles.kill(e.id);
    d.sslByPtr.delete(pointerValue(e.ptr));
    return { freed };
  },

  ssl_clear(d, args) {
    const e = d.ssl(args);
    const { value, freed } = d.sessions.watchFrees(() => d.lib.fn("SSL_clear")(e.ptr));
    if (value === 1) e.data.started = false;
    return { rc: value, freed };
  },

  ssl_info(d, args) {
    const e = d.ssl(args);
    return {
      version: d.lib.fn("SSL_version")(e.ptr),
      initFinished: d.lib.fn("SSL_is_init_finished")(e.ptr) === 1,
      role: e.data.role,
    };
  },

  get_session(d, args) {
    const e = d.ssl(args);
    const variant = args.variant ?? "get";
    const lib = d.lib;
    let fn: string;
    let p: Deno.PointerValue;
    if (variant === "get") {
      fn = "SSL_get_session";
      p = lib.fn("SSL_get_session")(e.ptr);
    } else if (variant === "get0") {
      // A macro for SSL_get_session in 1.1.1 and 3.x: call the real symbol when one exists.
      if (lib.has("SSL_get0_session")) {
        fn = "SSL_get0_session";
        p = lib.fn("SSL_get0_session")(e.ptr);
      } else {
        fn = "SSL_get_session (SSL_get0_session is a macro)";
        p = lib.fn("SSL_get_session")(e.ptr);
      }
    } else if (variant === "get1") {
      fn = "SSL_get1_session";
      p = lib.fn("SSL_get1_session")(e.ptr);
    } else {
      throw new TypeError(`Field "variant" must be "get", "get0" or "get1"`);
    }
    const current = d.sessions.ref(p);
    return { ...substitute(d, e, variant, current), function: fn };
  },

  set_session(d, args) {
    const e = d.ssl(args);
    const s = args.session === null ? null : d.session(args);
    if (e.data.started && d.api.setSessionBeforeHandshakeOnly) {
      // The library would abort() (FfiApiOptions.setSessionBeforeHandshakeOnly): refuse, so the
      // process, shared by other scenarios, lives on.
      throw new OpError(
        `SSL_set_session after the handshake began aborts the process in ${d.lib.version}: ` +
          `not called`,
      );
    }
    const { value, freed } = d.sessions.watchFrees(() =>
      d.lib.fn("SSL_set_session")(e.ptr, s ? s.ptr : null)
    );
    return { rc: value, freed };
  },

  session_reused: (d, args) => ({
    reused: d.lib.fn("SSL_session_reused")(d.ssl(args).ptr) === 1,
  }),
} satisfies OpTable;
