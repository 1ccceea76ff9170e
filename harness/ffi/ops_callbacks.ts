/**
 * The remove-session and get-session callbacks of SSL_CTX_sess_set_new_cb(3) (the new-session
 * callback is the driver's own, always installed: `driver_state.ts`): `ctx_session_callbacks`
 * installs them on a context, `ctx_get_cb_serve` says what the get callback answers,
 * `ctx_callback_calls` reads what they saw and `ctx_callback_pointers` what
 * `SSL_CTX_sess_get_*_cb` return.
 *
 * The two callbacks are `Deno.UnsafeCallback`s made once per driver, like the new-session one,
 * and never closed while it runs: libssl may call them after the scenario that installed them
 * has ended (wolfSSL's session cache is global, and it removes a freed context's sessions later,
 * inside another scenario's handshake: a closed callback there was a SIGSEGV). What they see is
 * kept per context, with its handle entry, so nothing of one scenario reaches the next: a call
 * for a context whose scope has ended finds no record and does nothing.
 *
 * @example
 * ```ts ignore
 * import { CALLBACK_OPS } from "./ops_callbacks.ts";
 * console.log(Object.keys(CALLBACK_OPS));
 * ```
 * @module
 */

import type { GetCall, Handle, RemoveCall } from "./protocol.ts";
import type { CtxEntry, DriverState } from "./driver_state.ts";
import { pointerHex, pointerValue } from "./libssl.ts";
import { CALLBACKS } from "./symbols.ts";
import type { OpTable } from "./op_impl.ts";
import type { Args } from "./op_args.ts";

/** What a context's get callback answers, and what its callbacks saw. */
interface CtxCallbacks {
  serve: { session: Handle | null; copy: 0 | 1 | null };
  removed: RemoveCall[];
  lookups: GetCall[];
}

type RemoveCallback = Deno.UnsafeCallback<typeof CALLBACKS.removeSession>;
type GetCallback = Deno.UnsafeCallback<typeof CALLBACKS.getSession>;

/** A driver's two callbacks. */
interface SessionCallbacks {
  remove: RemoveCallback;
  get: GetCallback;
}

const drivers = new WeakMap<DriverState, SessionCallbacks>();
const records = new WeakMap<CtxEntry, CtxCallbacks>();

function recordOf(entry: CtxEntry): CtxCallbacks {
  let r = records.get(entry);
  if (!r) {
    records.set(entry, r = { serve: { session: null, copy: null }, removed: [], lookups: [] });
  }
  return r;
}

/** The record of the context at `ctx` (a pointer libssl passed), if the driver made it. */
function recordAt(d: DriverState, ctx: Deno.PointerValue): CtxCallbacks | undefined {
  const h = d.ctxByPtr.get(pointerValue(ctx));
  const entry = h === undefined ? undefined : d.handles.peek(h) as CtxEntry | undefined;
  // Handles are numbered per scope: the pointer check keeps a stale mapping of an ended scope's
  // context from naming the current scope's context with the same number.
  return entry && pointerValue(entry.ptr) === pointerValue(ctx) ? recordOf(entry) : undefined;
}

function onRemove(d: DriverState, ctx: Deno.PointerValue, sess: Deno.PointerValue): void {
  const record = recordAt(d, ctx);
  if (!record) return; // a context of an ended scope: tag nothing, record nothing
  const ref = d.sessions.ref(sess);
  record.removed.push({ session: ref.session, ptr: ref.ptr });
}

function onGet(
  d: DriverState,
  ssl: Deno.PointerValue,
  data: Deno.PointerValue,
  len: number,
  copy: Deno.PointerValue,
): Deno.PointerValue {
  const r = recordAt(d, d.lib.fn("SSL_get_SSL_CTX")(ssl));
  if (!r) return null;
  const id = data && len > 0
    ? new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(data, len).slice(0)).toHex()
    : "";
  // getArrayBuffer views libssl's `int copy` itself (no copy), so it can be written.
  const copyCell = copy ? new Int32Array(Deno.UnsafePointerView.getArrayBuffer(copy, 4)) : null;
  const sslHandle = d.sslByPtr.get(pointerValue(ssl)) ?? null;
  const served = r.serve.session === null ? undefined : d.handles.peek(r.serve.session);
  const ptr = served?.alive && served.kind === "session" ? served.ptr : null;
  r.lookups.push({
    id,
    ssl: sslHandle,
    copyBefore: copyCell?.[0] ?? -1,
    returned: ptr ? served!.id : null,
  });
  if (ptr && copyCell && r.serve.copy !== null) copyCell[0] = r.serve.copy;
  return ptr;
}

/** The driver's callbacks, made on first use. */
function sessionCallbacks(d: DriverState): SessionCallbacks {
  let cbs = drivers.get(d);
  if (!cbs) {
    // A throw must not unwind into libssl: a failed record is a missing record.
    cbs = {
      remove: new Deno.UnsafeCallback(CALLBACKS.removeSession, (ctx, sess) => {
        try {
          onRemove(d, ctx, sess);
        } catch { /* not recorded */ }
      }),
      get: new Deno.UnsafeCallback(CALLBACKS.getSession, (ssl, data, len, copy) => {
        try {
          return onGet(d, ssl, data, len, copy);
        } catch {
          return null;
        }
      }),
    };
    drivers.set(d, cbs);
  }
  return cbs;
}

function ctxRecord(d: DriverState, args: Args): CtxCallbacks {
  // Readable after ctx_free too, like ctx_new_sessions: SSL_CTX_free is what empties the cache.
  const e = d.handles.peek(args.ctx as number);
  if (!e || e.kind !== "ctx") throw new RangeError(`Handle ${args.ctx} is not an SSL_CTX`);
  return recordOf(e as CtxEntry);
}

/** The callback ops. */
export const CALLBACK_OPS = {
  ctx_session_callbacks(d, args) {
    const e = d.ctx(args);
    recordOf(e);
    const cbs = sessionCallbacks(d);
    const out: { remove: string | null; get: string | null } = { remove: null, get: null };
    if (args.remove === true) {
      d.lib.fn("SSL_CTX_sess_set_remove_cb")(e.ptr, cbs.remove.pointer);
      out.remove = pointerHex(cbs.remove.pointer);
    }
    if (args.get === true) {
      d.lib.fn("SSL_CTX_sess_set_get_cb")(e.ptr, cbs.get.pointer);
      out.get = pointerHex(cbs.get.pointer);
    }
    return out;
  },

  ctx_get_cb_serve(d, args) {
    const r = recordOf(d.ctx(args));
    const session = args.session === null || args.session === undefined ? null : d.session(args).id;
    const copy = args.copy === 0 || args.copy === 1 ? args.copy : null;
    r.serve = { session, copy };
    return {};
  },

  ctx_callback_calls(d, args) {
    const r = ctxRecord(d, args);
    return { removed: [...r.removed], lookups: [...r.lookups] };
  },

  ctx_callback_pointers(d, args) {
    const ctx = d.ctx(args).ptr;
    return {
      new: pointerHex(d.lib.fn("SSL_CTX_sess_get_new_cb")(ctx)),
      remove: pointerHex(d.lib.fn("SSL_CTX_sess_get_remove_cb")(ctx)),
      get: pointerHex(d.lib.fn("SSL_CTX_sess_get_get_cb")(ctx)),
      driverNew: pointerHex(d.newSessionCallback.pointer),
    };
  },
} satisfies OpTable;
