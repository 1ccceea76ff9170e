/**
 * In-process TLS between two SSLs of this driver, over their memory BIOs: `handshake`,
 * `connections` (many handshakes of fresh SSLs in one request), `read_tickets` (TLS 1.3 tickets
 * are post-handshake messages), `transfer`, `shutdown`, and the single SSL I/O calls `ssl_write` /
 * `ssl_read` / `ssl_shutdown` (flushed to TCP when the SSL is connected).
 *
 * @example
 * ```ts ignore
 * import { IO_OPS } from "./ops_io.ts";
 * console.log(Object.keys(IO_OPS));
 * ```
 * @module
 */

import type { FfiOpResult } from "./protocol.ts";
import type { DriverState, SslEntry } from "./driver_state.ts";
import { type Args, num, str } from "./op_args.ts";
import { readAvailable, sslResult, step, transfer } from "./bio_pump.ts";
import { flushTcp } from "./tcp_pump.ts";
import { OpError } from "./op_error.ts";
import type { OpTable } from "./op_impl.ts";
import { SSL_OPS } from "./ops_ssl.ts";
import { CTX_OPS } from "./ops_ctx.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function readTickets(d: DriverState, args: Args): FfiOpResult<"read_tickets"> {
  const c = d.ssl(args, "client");
  const s = args.server !== undefined ? d.ssl(args, "server") : undefined;
  if (s) transfer(d.lib, s, c);
  // Without a server named, the handshake's peer (if still alive) can flush held tickets.
  const peer = s ?? (c.data.peer !== null ? d.handles.peek(c.data.peer) : undefined);
  const flushFrom = peer?.alive && peer.kind === "ssl" ? peer as SslEntry : undefined;
  return d.hooks.readTickets(c, () => {
    const before = c.data.newSessionCalls;
    const read = () => {
      const { data, result } = readAvailable(d.lib, c);
      if (result.error !== "SSL_ERROR_WANT_READ" && result.rc <= 0) {
        throw new OpError(`SSL_read failed: rc ${result.rc}, ${result.error}`, d.lib.errors());
      }
      return data;
    };
    let data = read();
    if (flushFrom && d.api.ticketsOnFirstWrite && c.data.newSessionCalls === before) {
      // The server still holds its tickets (FfiApiOptions.ticketsOnFirstWrite): a zero-length
      // SSL_write sends them and no application data.
      d.lib.fn("SSL_write")(flushFrom.ptr, new Uint8Array(1), 0);
      transfer(d.lib, flushFrom, c);
      data = new Uint8Array([...data, ...read()]);
    }
    return { newSessionCalls: c.data.newSessionCalls - before, data: decoder.decode(data) };
  });
}

/** Pump memory BIOs between two SSLs until both finished the handshake (the `handshake` op). */
function handshake(d: DriverState, args: Args): FfiOpResult<"handshake"> {
  const c = d.ssl(args, "client");
  const s = d.ssl(args, "server");
  c.data.peer = s.id;
  s.data.peer = c.id;
  const max = num(args, "maxIterations", 100);
  let cDone = false;
  let sDone = false;
  let i = 0;
  while (!(cDone && sDone)) {
    if (++i > max) {
      throw new OpError(
        `Handshake did not finish within ${max} iterations (client done: ${cDone}, server done: ${sDone})`,
        d.lib.errors(),
      );
    }
    if (!cDone) cDone = step(d.lib, c, "client");
    const moved1 = transfer(d.lib, c, s);
    if (!sDone) sDone = step(d.lib, s, "server");
    const moved2 = transfer(d.lib, s, c);
    if (!(cDone && sDone) && moved1 === 0 && moved2 === 0 && i > 1) {
      throw new OpError(
        `Handshake stalled after ${i} iterations: nothing to send (client done: ${cDone}, server done: ${sDone})`,
        d.lib.errors(),
      );
    }
  }
  const result: FfiOpResult<"handshake"> = {
    iterations: i,
    version: d.lib.fn("SSL_version")(c.ptr),
    clientReused: d.lib.fn("SSL_session_reused")(c.ptr) === 1,
    serverReused: d.lib.fn("SSL_session_reused")(s.ptr) === 1,
  };
  if (args.readTickets === true) {
    result.newSessionCalls = readTickets(d, { client: c.id, server: s.id }).newSessionCalls;
  }
  return result;
}

/**
 * `count` connections, each between a fresh client SSL of `clientCtx` and a fresh server SSL of
 * `serverCtx`: SSL_new of both, the handshake, SSL_free of both without a shutdown; what
 * `ssl_new` ×2, `handshake` and `ssl_free` ×2 do, in one request instead of five (a scenario that
 * needs hundreds of connections spent most of its time on the round trips). With
 * `untilServerCacheEmpty` it stops after the first connection at whose end the server context's
 * cache holds no session (`SSL_CTX_sess_number`).
 */
function connections(d: DriverState, args: Args): FfiOpResult<"connections"> {
  const count = num(args, "count");
  // A fraction or a negative count would silently run a different number of connections.
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`Field "count" must be an integer ≥ 1, got ${count}`);
  }
  const until = args.untilServerCacheEmpty === true;
  d.ctx(args, "serverCtx");
  d.ctx(args, "clientCtx");
  for (let n = 1; n <= count; n++) {
    const { ssl: client } = SSL_OPS.ssl_new(d, { ctx: args.clientCtx });
    const { ssl: server } = SSL_OPS.ssl_new(d, { ctx: args.serverCtx });
    try {
      handshake(d, { client, server });
    } finally {
      SSL_OPS.ssl_free(d, { ssl: client });
      SSL_OPS.ssl_free(d, { ssl: server });
    }
    if (until && CTX_OPS.ctx_sess_number(d, { ctx: args.serverCtx }).count === 0) {
      return { connections: n, serverCacheEmpty: true };
    }
  }
  return { connections: count, serverCacheEmpty: false };
}

/** The in-process pump ops and single SSL I/O calls. */
export const IO_OPS = {
  transfer: (d, args) => ({
    bytes: transfer(d.lib, d.ssl(args, "from"), d.ssl(args, "to")),
  }),

  handshake,

  connections,

  read_tickets: readTickets,

  ssl_write(d, args) {
    const e = d.ssl(args);
    const bytes = encoder.encode(str(args, "data"));
    e.data.started = true;
    const rc = d.lib.fn("SSL_write")(e.ptr, bytes, bytes.length);
    const r = sslResult(d.lib, e, rc);
    return flushTcp(d.lib, e).then(() => r);
  },

  ssl_read(d, args) {
    const e = d.ssl(args);
    const { data, result } = readAvailable(d.lib, e);
    return { ...result, data: decoder.decode(data) };
  },

  async ssl_shutdown(d, args) {
    const e = d.ssl(args);
    const r = sslResult(d.lib, e, d.lib.fn("SSL_shutdown")(e.ptr));
    await flushTcp(d.lib, e);
    return r;
  },

  shutdown(d, args) {
    const c = d.ssl(args, "client");
    const s = d.ssl(args, "server");
    const sh = d.lib.fn("SSL_shutdown");
    let rc = sh(c.ptr); // sends close_notify
    transfer(d.lib, c, s);
    let rs = sh(s.ptr); // sends its own close_notify
    if (rs === 0) rs = sh(s.ptr); // reads the client's
    transfer(d.lib, s, c);
    if (rc === 0) rc = sh(c.ptr); // reads the server's
    return { client: rc, server: rs };
  },
} satisfies OpTable;
