/**
 * SSL_CTX ops: `ctx_new` (method, configuration, the new-session callback), `ctx_free`, the
 * session cache (`ctx_sess_number`, `ctx_flush_sessions`, `ctx_set_timeout`,
 * `ctx_add_session` / `ctx_remove_session`) and the new-session callback's record
 * (`ctx_new_sessions`).
 *
 * @example
 * ```ts ignore
 * import { CTX_OPS } from "./ops_ctx.ts";
 * console.log(Object.keys(CTX_OPS));
 * ```
 * @module
 */

import { cString, pointerValue } from "./libssl.ts";
import type { CtxData, DriverState } from "./driver_state.ts";
import { type Args, num, optStr } from "./op_args.ts";
import type { OpTable } from "./op_impl.ts";
import {
  SSL_CTRL,
  SSL_FILETYPE_PEM,
  SSL_SESS_CACHE,
  SSL_VERIFY,
  TLS_VERSION,
  type TlsVersionName,
} from "./constants.ts";

const encoder = new TextEncoder();

const CACHE_MODES: Record<string, number> = {
  off: SSL_SESS_CACHE.OFF,
  client: SSL_SESS_CACHE.CLIENT,
  server: SSL_SESS_CACHE.SERVER,
  both: SSL_SESS_CACHE.BOTH,
};

/** The bits of a {@linkcode CacheMode}, the flag named after `|` in this implementation's value. */
function cacheModeBits(d: DriverState, mode: unknown): number {
  if (typeof mode === "number") return mode;
  const [side, flag, ...rest] = String(mode).split("|");
  const bits = CACHE_MODES[side];
  if (bits === undefined || (flag !== undefined && flag !== "no-auto-clear") || rest.length) {
    throw new TypeError(
      `Field "cacheMode" must be "off", "client", "server", "both" (each optionally with ` +
        `"|no-auto-clear") or a number, not ${JSON.stringify(mode)}`,
    );
  }
  return flag ? bits | d.constants.SSL_SESS_CACHE_NO_AUTO_CLEAR : bits;
}

function tlsVersion(args: Args, field: string): number {
  const v = args[field] as TlsVersionName;
  const n = TLS_VERSION[v];
  if (n === undefined) {
    throw new TypeError(
      `Field "${field}" must be one of ${Object.keys(TLS_VERSION).join(", ")}, got ${
        JSON.stringify(v)
      }`,
    );
  }
  return n;
}

/** Apply ctx_new's optional fields in a fixed order; throws on the first that libssl refuses. */
function configureCtx(d: DriverState, ctx: Deno.PointerObject, args: Args): void {
  const lib = d.lib;
  if (args.minVersion !== undefined) {
    const n = tlsVersion(args, "minVersion");
    if (d.ctxCtrl(ctx, SSL_CTRL.SET_MIN_PROTO_VERSION, n) !== 1) {
      d.fail("SSL_CTX_set_min_proto_version");
    }
  }
  if (args.maxVersion !== undefined) {
    const n = tlsVersion(args, "maxVersion");
    if (d.ctxCtrl(ctx, SSL_CTRL.SET_MAX_PROTO_VERSION, n) !== 1) {
      d.fail("SSL_CTX_set_max_proto_version");
    }
  }
  const fixed = d.api.fixedTickets;
  if (
    args.numTickets !== undefined &&
    !(fixed === args.numTickets && !lib.has("SSL_CTX_set_num_tickets"))
  ) {
    if (lib.fn("SSL_CTX_set_num_tickets")(ctx, BigInt(num(args, "numTickets"))) !== 1) {
      d.fail("SSL_CTX_set_num_tickets");
    }
  }
  const sidCtx = optStr(args, "sessionIdContext");
  if (sidCtx !== undefined) {
    const bytes = encoder.encode(sidCtx);
    if (lib.fn("SSL_CTX_set_session_id_context")(ctx, bytes, bytes.length) !== 1) {
      d.fail("SSL_CTX_set_session_id_context");
    }
  }
  const cert = optStr(args, "cert");
  if (cert !== undefined) {
    if (lib.fn("SSL_CTX_use_certificate_chain_file")(ctx, cString(cert)) !== 1) {
      d.fail(`SSL_CTX_use_certificate_chain_file("${cert}")`);
    }
  }
  const key = optStr(args, "key");
  if (key !== undefined) {
    if (lib.fn("SSL_CTX_use_PrivateKey_file")(ctx, cString(key), SSL_FILETYPE_PEM) !== 1) {
      d.fail(`SSL_CTX_use_PrivateKey_file("${key}")`);
    }
  }
  const caFile = optStr(args, "caFile");
  if (caFile !== undefined) {
    if (lib.fn("SSL_CTX_load_verify_locations")(ctx, cString(caFile), null) !== 1) {
      d.fail(`SSL_CTX_load_verify_locations("${caFile}")`);
    }
    lib.fn("SSL_CTX_set_verify")(ctx, SSL_VERIFY.PEER, null);
  }
  if (args.cacheMode !== undefined) {
    d.ctxCtrl(ctx, SSL_CTRL.SET_SESS_CACHE_MODE, cacheModeBits(d, args.cacheMode));
  }
  if (args.noTicket === true) {
    const bit = BigInt(d.constants.SSL_OP_NO_TICKET);
    if (lib.has("SSL_CTX_set_options")) lib.fn("SSL_CTX_set_options")(ctx, bit);
    else d.ctxCtrl(ctx, SSL_CTRL.OPTIONS, Number(bit));
  }
  if (args.timeout !== undefined) {
    lib.fn("SSL_CTX_set_timeout")(ctx, BigInt(num(args, "timeout")));
  }
  if (args.noNewSessionCallback !== true) {
    lib.fn("SSL_CTX_sess_set_new_cb")(ctx, d.newSessionCallback.pointer);
  }
}

/** The ctx_* ops. */
export const CTX_OPS = {
  ctx_new(d: DriverState, args: Args) {
    const role = args.role ?? "any";
    if (role !== "client" && role !== "server" && role !== "any") {
      throw new TypeError(
        `Field "role" must be "client", "server" or "any", got ${JSON.stringify(role)}`,
      );
    }
    const lib = d.lib;
    const method = role === "client"
      ? lib.fn("TLS_client_method")()
      : role === "server"
      ? lib.fn("TLS_server_method")()
      : lib.fn("TLS_method")();
    const ctx = lib.fn("SSL_CTX_new")(method);
    if (!ctx) d.fail("SSL_CTX_new");
    const data: CtxData = {
      role,
      keepNewSessions: args.keepNewSessions === undefined ? true : args.keepNewSessions === true,
      calls: [],
    };
    const h = d.handles.add("ctx", ctx, data);
    d.ctxByPtr.set(pointerValue(ctx), h);
    try {
      configureCtx(d, ctx, args);
    } catch (e) {
      lib.fn("SSL_CTX_free")(ctx);
      d.handles.kill(h);
      throw e;
    }
    return { ctx: h };
  },

  ctx_free(d, args) {
    const e = d.ctx(args);
    d.lib.fn("SSL_CTX_free")(e.ptr);
    // SSLs hold their own reference to the SSL_CTX, so the object may live on; the handle
    // does not (the caller gave up its reference). The pointer map stays for the callback.
    d.handles.kill(e.id);
    return {};
  },

  ctx_sess_number: (d, args) => ({ count: d.ctxCtrl(d.ctx(args).ptr, SSL_CTRL.SESS_NUMBER, 0) }),

  ctx_flush_sessions(d, args) {
    const e = d.ctx(args);
    const time = num(args, "time");
    const name = d.lib.has("SSL_CTX_flush_sessions_ex")
      ? "SSL_CTX_flush_sessions_ex"
      : "SSL_CTX_flush_sessions";
    const { freed } = d.sessions.watchFrees(() =>
      d.lib.fn(name as "SSL_CTX_flush_sessions")(e.ptr, BigInt(Math.trunc(time)))
    );
    return { function: name, freed };
  },

  ctx_set_timeout(d, args) {
    const e = d.ctx(args);
    const prev = d.lib.fn("SSL_CTX_set_timeout")(e.ptr, BigInt(num(args, "seconds")));
    return { previous: Number(prev) };
  },

  ctx_add_session(d, args) {
    const c = d.ctx(args);
    const s = d.session(args);
    return { rc: d.lib.fn("SSL_CTX_add_session")(c.ptr, s.ptr) };
  },

  ctx_remove_session(d, args) {
    const c = d.ctx(args);
    const s = d.session(args);
    return { rc: d.lib.fn("SSL_CTX_remove_session")(c.ptr, s.ptr) };
  },

  ctx_new_sessions(d, args) {
    // Readable after ctx_free too: observations outlive the handle.
    const e = d.handles.peek(num(args, "ctx"));
    if (!e || e.kind !== "ctx") throw new RangeError(`Handle ${args.ctx} is not an SSL_CTX`);
    const calls = (e.data as CtxData).calls;
    return { count: calls.length, calls: [...calls] };
  },
} satisfies OpTable;
