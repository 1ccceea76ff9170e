/**
 * Session cache ops of the session chapter: the cache mode and size (`ctx_cache_mode`,
 * `ctx_cache_size`), the statistics counters (`ctx_stats`), the session ID context of a context,
 * and an SSL (`ctx_set_session_id_context`, `ssl_set_session_id_context`; a session's own ID and
 * context are fields of `session_get0` / `session_set1`, ops_session_fields.ts). The cache mode,
 * size and statistics are `SSL_CTX_ctrl` macros in every version.
 *
 * @example
 * ```ts ignore
 * import { CACHE_OPS } from "./ops_cache.ts";
 * console.log(Object.keys(CACHE_OPS));
 * ```
 * @module
 */

import type { DriverState } from "./driver_state.ts";
import { type Args, num, str } from "./op_args.ts";
import type { OpTable } from "./op_impl.ts";
import { SSL_CTRL } from "./constants.ts";

/** The statistics counters in `ctx_stats` order, each with its `SSL_CTRL_SESS_*` command. */
const STATS = {
  number: SSL_CTRL.SESS_NUMBER,
  connect: SSL_CTRL.SESS_CONNECT,
  connectGood: SSL_CTRL.SESS_CONNECT_GOOD,
  connectRenegotiate: SSL_CTRL.SESS_CONNECT_RENEGOTIATE,
  accept: SSL_CTRL.SESS_ACCEPT,
  acceptGood: SSL_CTRL.SESS_ACCEPT_GOOD,
  acceptRenegotiate: SSL_CTRL.SESS_ACCEPT_RENEGOTIATE,
  hits: SSL_CTRL.SESS_HIT,
  cbHits: SSL_CTRL.SESS_CB_HIT,
  misses: SSL_CTRL.SESS_MISSES,
  timeouts: SSL_CTRL.SESS_TIMEOUTS,
  cacheFull: SSL_CTRL.SESS_CACHE_FULL,
} as const;

/** The bytes of a hex string field (even length, hex digits only). */
export function hexBytes(args: Args, field: string): Uint8Array<ArrayBuffer> {
  const hex = str(args, field);
  try {
    return Uint8Array.fromHex(hex);
  } catch {
    throw new TypeError(`Field "${field}" must be hex digits in pairs, got ${JSON.stringify(hex)}`);
  }
}

/**
 * `SSL_CTX_ctrl` set-then-get: with `set`, the set command's return value; then the get command's
 * value.
 */
function setThenGet(
  d: DriverState,
  args: Args,
  cmds: { set: number; get: number },
): { returned: number | null; value: number } {
  const ctx = d.ctx(args).ptr;
  const returned = args.set === undefined ? null : d.ctxCtrl(ctx, cmds.set, num(args, "set"));
  return { returned, value: d.ctxCtrl(ctx, cmds.get, 0) };
}

/** Call a setter with the bytes of `args.hex`; its return value and the error queue after it. */
function setBytes(
  d: DriverState,
  args: Args,
  set: (bytes: Uint8Array<ArrayBuffer>) => number,
): { rc: number; errors: string[] } {
  const rc = set(hexBytes(args, "hex"));
  return { rc, errors: d.lib.errors() };
}

/** The cache ops. */
export const CACHE_OPS = {
  ctx_cache_mode(d, args) {
    const { returned, value } = setThenGet(d, args, {
      set: SSL_CTRL.SET_SESS_CACHE_MODE,
      get: SSL_CTRL.GET_SESS_CACHE_MODE,
    });
    return { returned, mode: value };
  },

  ctx_cache_size(d, args) {
    const { returned, value } = setThenGet(d, args, {
      set: SSL_CTRL.SET_SESS_CACHE_SIZE,
      get: SSL_CTRL.GET_SESS_CACHE_SIZE,
    });
    return { returned, size: value };
  },

  ctx_stats(d, args) {
    const ctx = d.ctx(args).ptr;
    return Object.fromEntries(
      Object.entries(STATS).map(([name, cmd]) => [name, d.ctxCtrl(ctx, cmd, 0)]),
    );
  },

  ctx_set_session_id_context: (d, args) =>
    setBytes(
      d,
      args,
      (b) => d.lib.fn("SSL_CTX_set_session_id_context")(d.ctx(args).ptr, b, b.length),
    ),

  ssl_set_session_id_context: (d, args) =>
    setBytes(d, args, (b) => d.lib.fn("SSL_set_session_id_context")(d.ssl(args).ptr, b, b.length)),
} satisfies OpTable;
