/**
 * A driver SSL as the client of a TCP peer (an `openssl s_server`, a Deno TLS server): its
 * memory BIOs are pumped through the socket (`tcp_pump.ts`). `connect_tcp` handshakes,
 * `write_tcp` / `read_tcp` carry application data (and tickets), `close_tcp` drops the socket.
 *
 * @example
 * ```ts ignore
 * import { TCP_OPS } from "./ops_tcp.ts";
 * console.log(Object.keys(TCP_OPS));
 * ```
 * @module
 */

import type { FfiOpResult } from "./protocol.ts";
import type { DriverState, SslEntry, TcpState } from "./driver_state.ts";
import { num, optStr, str } from "./op_args.ts";
import { feed, readAvailable, sslResult, step } from "./bio_pump.ts";
import { closeTcp, flushTcp, readTcp } from "./tcp_pump.ts";
import { OpError } from "./op_error.ts";
import type { OpTable } from "./op_impl.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Feed SSL_read from the socket until the peer closes, `want` new-session callbacks fired,
 * application data arrived (with `untilData`), or the deadline passed (then `timedOut`).
 */
async function pumpRead(
  d: DriverState,
  e: SslEntry,
  tcp: TcpState,
  deadline: number,
  want: number,
  untilData: boolean,
): Promise<FfiOpResult<"read_tcp">> {
  const before = e.data.newSessionCalls;
  const chunks: string[] = [];
  let timedOut = false;
  for (;;) {
    const { data, result } = readAvailable(d.lib, e);
    chunks.push(decoder.decode(data));
    await flushTcp(d.lib, e);
    if (e.data.newSessionCalls - before >= want) break;
    // TLS delivers records in order: once application data was read, every ticket the peer
    // sent before it has been through SSL_read too, so none is still on its way.
    if (untilData && data.length > 0) break;
    if (result.error === "SSL_ERROR_ZERO_RETURN") break; // close_notify
    if (result.rc <= 0 && result.error !== "SSL_ERROR_WANT_READ") {
      if (tcp.eof) break;
      throw new OpError(`SSL_read failed: rc ${result.rc}, ${result.error}`, d.lib.errors());
    }
    if (tcp.eof) break;
    const chunk = await readTcp(tcp, deadline);
    if (chunk === "timeout") {
      timedOut = true;
      break;
    }
    if (chunk === "eof") continue; // one more SSL_read round sees what is buffered
    feed(d.lib, e.data.rbio, chunk);
  }
  return {
    data: chunks.join(""),
    eof: tcp.eof,
    newSessionCalls: e.data.newSessionCalls - before,
    timedOut,
  };
}

/** The *_tcp ops. */
export const TCP_OPS = {
  async connect_tcp(d, args) {
    const e = d.ssl(args);
    if (e.data.role !== "client") throw new TypeError(`SSL ${e.id} is not a client`);
    if (e.data.tcp) throw new RangeError(`SSL ${e.id} is already connected`);
    e.data.started = true;
    const timeoutMs = num(args, "timeoutMs", 10_000);
    const deadline = performance.now() + timeoutMs;
    const conn = await Deno.connect({
      hostname: optStr(args, "host") ?? "127.0.0.1",
      port: num(args, "port"),
    });
    const tcp: TcpState = { conn, pending: null, eof: false };
    e.data.tcp = tcp;
    try {
      for (;;) {
        const done = step(d.lib, e, "client");
        await flushTcp(d.lib, e);
        if (done) break;
        const chunk = await readTcp(tcp, deadline);
        if (chunk === "timeout") {
          throw new OpError(`TLS handshake over TCP timed out after ${timeoutMs} ms`);
        }
        if (chunk === "eof") {
          throw new OpError(
            "The TCP peer closed the connection during the handshake",
            d.lib.errors(),
          );
        }
        feed(d.lib, e.data.rbio, chunk);
      }
    } catch (err) {
      closeTcp(e.data);
      throw err;
    }
    return {
      version: d.lib.fn("SSL_version")(e.ptr),
      reused: d.lib.fn("SSL_session_reused")(e.ptr) === 1,
    };
  },

  async write_tcp(d, args) {
    const e = d.ssl(args);
    if (!e.data.tcp) throw new RangeError(`SSL ${e.id} is not connected over TCP`);
    const bytes = encoder.encode(str(args, "data"));
    const rc = d.lib.fn("SSL_write")(e.ptr, bytes, bytes.length);
    if (rc <= 0) {
      const r = sslResult(d.lib, e, rc);
      throw new OpError(`SSL_write failed: rc ${rc}, ${r.error}`, d.lib.errors());
    }
    await flushTcp(d.lib, e);
    return {};
  },

  read_tcp(d, args) {
    const e = d.ssl(args);
    const tcp = e.data.tcp;
    if (!tcp) throw new RangeError(`SSL ${e.id} is not connected over TCP`);
    const deadline = performance.now() + num(args, "timeoutMs", 2000);
    const want = args.tickets === undefined ? Infinity : num(args, "tickets");
    const untilData = args.untilData === true;
    return d.hooks.readTcp(e, tcp, () => pumpRead(d, e, tcp, deadline, want, untilData));
  },

  close_tcp(d, args) {
    closeTcp(d.ssl(args).data);
    return {};
  },
} satisfies OpTable;
