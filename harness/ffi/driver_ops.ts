/**
 * The driver's op table: every op of the protocol (`FfiOps`, `protocol.ts`) by name, over one
 * {@linkcode DriverState}. It runs inside `driver.ts`, the one process that holds this build's
 * libssl. The ops live by concern in `ops_general.ts`, `ops_ctx.ts`, `ops_ssl.ts`,
 * `ops_session.ts`, `ops_io.ts` (memory-BIO pumps), `ops_tcp.ts` (TCP pumps), `ops_tcp_server.ts` (TCP listeners), `ops_cache.ts`,
 * `ops_callbacks.ts` and `ops_tickets.ts` (the session chapter's cache, callbacks and tickets); how frees are
 * observed is in `session_tracker.ts`; what a mutant changes is in `mutant_overrides.ts`.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { DriverOps } from "./driver_ops.ts";
 * const ops = new DriverOps(openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" }));
 * const { session } = await ops.dispatch("session_new", {}) as { session: number };
 * console.log(await ops.dispatch("session_free", { session }));
 * ```
 * @module
 */

import type { FfiOpName, HelloResult } from "./protocol.ts";
import type { Libssl } from "./libssl.ts";
import { DriverState, type DriverStateOptions } from "./driver_state.ts";
import type { Args } from "./op_args.ts";
import { OpError } from "./op_error.ts";
import type { OpImpl } from "./op_impl.ts";
import { GENERAL_OPS, hello } from "./ops_general.ts";
import { CTX_OPS } from "./ops_ctx.ts";
import { SSL_OPS } from "./ops_ssl.ts";
import { SESSION_OPS } from "./ops_session.ts";
import { IO_OPS } from "./ops_io.ts";
import { TCP_OPS } from "./ops_tcp.ts";
import { TCP_SERVER_OPS } from "./ops_tcp_server.ts";
import { SESSION_FIELD_OPS } from "./ops_session_fields.ts";
import { TIMEOUT_OPS } from "./ops_timeout.ts";
import { WIRE_OPS } from "./ops_wire.ts";
import { CACHE_OPS } from "./ops_cache.ts";
import { CALLBACK_OPS } from "./ops_callbacks.ts";
import { TICKET_OPS } from "./ops_tickets.ts";
import { TICKET_KEY_OPS } from "./ops_ticket_keys.ts";

/** Every op's implementation; the type makes the keys exactly the protocol's op names. */
const OPS: { readonly [K in FfiOpName]: OpImpl } = {
  ...GENERAL_OPS,
  ...CTX_OPS,
  ...SSL_OPS,
  ...SESSION_OPS,
  ...IO_OPS,
  ...TCP_OPS,
  ...TCP_SERVER_OPS,
  ...SESSION_FIELD_OPS,
  ...TIMEOUT_OPS,
  ...WIRE_OPS,
  ...CACHE_OPS,
  ...CALLBACK_OPS,
  ...TICKET_OPS,
  ...TICKET_KEY_OPS,
};

/** Options of the {@linkcode DriverOps} constructor. */
export type DriverOpsOptions = DriverStateOptions;

/** One driver's state and its op dispatcher. One instance per driver process. */
export class DriverOps {
  /** The state the ops work on. */
  readonly state: DriverState;

  /** Open the driver over `lib`, running `options.mutant` if given. */
  constructor(lib: Libssl, options: DriverOpsOptions = {}) {
    this.state = new DriverState(lib, options);
  }

  /** Before the process exits: stop the hooks libssl would call into JS (SessionTracker.close). */
  close(): void {
    this.state.sessions.close();
  }

  /** What the driver says on start. */
  hello(): HelloResult {
    return hello(this.state);
  }

  /**
   * Run one op, in a scope (see `FfiRequest.scope`) or none. The caller runs ops one at a time
   * (an async op is awaited before the next starts), so the current scope is exact for the free
   * callbacks libssl makes during the op. Throws TypeError/RangeError for bad arguments, OpError
   * when libssl fails.
   */
  async dispatch(op: string, args: Args = {}, scope: number | null = null): Promise<unknown> {
    const lib = this.state.lib;
    lib.has("ERR_clear_error") && lib.fn("ERR_clear_error")();
    const impl = Object.hasOwn(OPS, op) ? OPS[op as FfiOpName] : undefined;
    if (!impl) throw new RangeError(`Unknown op "${op}"`);
    const unusable = this.state.mutantUnsupported;
    if (unusable) throw new OpError(unusable, [], unusable);
    this.state.handles.scope = scope;
    try {
      return await impl(this.state, args ?? {});
    } finally {
      this.state.handles.scope = null;
    }
  }
}
