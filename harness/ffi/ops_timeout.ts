/**
 * Timeout ops of SSL_CTX_set_timeout(3) and SSL_SESSION_get_time(3) that `ops_ctx.ts` and
 * `ops_session.ts` do not have: `ctx_get_timeout`, `ssl_default_timeout`, and
 * `session_time_call`, which calls one time function by its exact name (the `SSL_*` synonyms
 * included) on a session or on NULL. Types are in `protocol_session_fields.ts`.
 *
 * @example
 * ```ts ignore
 * import { TIMEOUT_OPS } from "./ops_timeout.ts";
 * console.log(Object.keys(TIMEOUT_OPS));
 * ```
 * @module
 */

import type { OpTable } from "./op_impl.ts";
import { num } from "./op_args.ts";
import type { TimeFunction } from "./protocol_session_fields.ts";

const TIME_FUNCTIONS: readonly TimeFunction[] = [
  "SSL_SESSION_get_time",
  "SSL_SESSION_set_time",
  "SSL_SESSION_get_timeout",
  "SSL_SESSION_set_timeout",
  "SSL_get_time",
  "SSL_set_time",
  "SSL_get_timeout",
  "SSL_set_timeout",
];

/** The timeout ops. */
export const TIMEOUT_OPS = {
  ctx_get_timeout: (d, args) => ({
    timeout: Number(d.lib.fn("SSL_CTX_get_timeout")(d.ctx(args).ptr)),
  }),

  ssl_default_timeout: (d, args) => ({
    timeout: Number(d.lib.fn("SSL_get_default_timeout")(d.ssl(args).ptr)),
  }),

  session_time_call(d, args) {
    const name = args.function as TimeFunction;
    if (!TIME_FUNCTIONS.includes(name)) {
      throw new TypeError(
        `Field "function" must be one of ${TIME_FUNCTIONS.join(", ")}, got ${
          JSON.stringify(args.function)
        }`,
      );
    }
    const session = args.session === null ? null : d.session(args).ptr;
    if (name.includes("_set_")) {
      const set = d.lib.fn(name as "SSL_SESSION_set_time");
      return { rc: Number(set(session, BigInt(num(args, "value")))) };
    }
    return { rc: Number(d.lib.fn(name as "SSL_SESSION_get_time")(session)) };
  },
} satisfies OpTable;
