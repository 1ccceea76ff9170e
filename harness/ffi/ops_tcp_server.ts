/**
 * A driver SSL_CTX as a TCP server: `listen_tcp` binds 127.0.0.1 (kernel-chosen port) and
 * serves every connection it accepts in the background, one SSL per connection made from that
 * one SSL_CTX (so its session cache and ticket keys carry over from one connection to the
 * next), its memory BIOs pumped through the socket (`tcp_pump.ts`). Each connection: the
 * server handshake, then a greeting `HELLO conn=<n>` (the same line as the Deno TLS server's,
 * so a client that printed it has read the tickets sent before it), then reads until the client
 * closes (close_notify or EOF) or the per-connection deadline, then `SSL_shutdown` and close.
 * `accepted_tcp` waits (bounded) until some connections ended and reports them; `close_listener`
 * stops it. The serving runs between ops in the driver's event loop, so the same driver can be
 * the client of its own server (a same-build pair).
 *
 * @example
 * ```ts ignore
 * import { TCP_SERVER_OPS } from "./ops_tcp_server.ts";
 * console.log(Object.keys(TCP_SERVER_OPS)); // listen_tcp, accepted_tcp, close_listener
 * ```
 * @module
 */

import type { AcceptedTcp, Handle } from "./protocol.ts";
import type { DriverState, SslEntry, TcpState } from "./driver_state.ts";
import { num, optStr } from "./op_args.ts";
import { feed, readAvailable, step } from "./bio_pump.ts";
import { closeTcp, flushTcp, readTcp } from "./tcp_pump.ts";
import { SSL_OPS } from "./ops_ssl.ts";
import type { OpTable } from "./op_impl.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** One listener of a driver. */
interface Listener {
  /** Its number (driver-wide). */
  id: number;
  /** The scope (scenario) that opened it: its SSLs belong to that scope. */
  scope: number | null;
  /** The context every accepted SSL is made from. */
  ctx: Handle;
  listener: Deno.TcpListener;
  port: number;
  /** Deadline for one connection (handshake to close), in milliseconds. */
  connectionMs: number;
  /** Connections accepted so far (numbered from 1, in accept order). */
  accepted: number;
  /** Connections that ended, in the order they ended. */
  done: AcceptedTcp[];
  /** Resolved whenever a connection ends (then replaced). */
  changed: PromiseWithResolvers<void>;
  closed: boolean;
}

// Per driver: a driver's listeners are state of that driver only.
const LISTENERS = new WeakMap<DriverState, Map<number, Listener>>();
let nextListener = 1;

function listenersOf(d: DriverState): Map<number, Listener> {
  let m = LISTENERS.get(d);
  if (!m) LISTENERS.set(d, m = new Map());
  return m;
}

function listenerOf(d: DriverState, id: unknown): Listener {
  const l = typeof id === "number" ? listenersOf(d).get(id) : undefined;
  if (!l || l.scope !== d.handles.scope) {
    throw new RangeError(`Field "listener": no listener ${JSON.stringify(id)} in this scope`);
  }
  return l;
}

/** An SSL of the listener's context, made in the listener's scope (outside any op's). */
function newServerSsl(d: DriverState, l: Listener): SslEntry {
  const saved = d.handles.scope;
  d.handles.scope = l.scope;
  try {
    const { ssl } = SSL_OPS.ssl_new(d, { ctx: l.ctx, role: "server" });
    return d.handles.peek(ssl) as SslEntry;
  } finally {
    d.handles.scope = saved;
  }
}

/** Thrown when the scope ended (its SSLs freed) while a connection was being served. */
class Freed extends Error {}

/**
 * After every wait: the scope may have ended meanwhile (`scope_end` frees the SSL and closes
 * its socket), and libssl must not be called on a freed SSL.
 */
function live(e: SslEntry): SslEntry {
  if (!e.alive) throw new Freed("the scope ended: the SSL was freed while serving");
  return e;
}

/** Serve one accepted connection to its end; never throws (the failure is its record's). */
async function serve(d: DriverState, l: Listener, conn: Deno.TcpConn, n: number): Promise<void> {
  const record: AcceptedTcp = {
    conn: n,
    ssl: null,
    version: null,
    reused: null,
    newSessionCalls: 0,
    data: "",
    end: "error",
    error: null,
  };
  const deadline = performance.now() + l.connectionMs;
  const tcp: TcpState = { conn, pending: null, eof: false };
  let e: SslEntry | undefined;
  try {
    e = newServerSsl(d, l);
    record.ssl = e.id;
    e.data.tcp = tcp;
    e.data.started = true;
    for (;;) {
      const finished = step(d.lib, e, "server");
      await flushTcp(d.lib, e);
      live(e);
      if (finished) break;
      const chunk = await readTcp(tcp, deadline);
      live(e);
      if (chunk === "timeout") throw new Error(`handshake timed out after ${l.connectionMs} ms`);
      if (chunk === "eof") throw new Error("the client closed during the handshake");
      feed(d.lib, e.data.rbio, chunk);
    }
    record.version = d.lib.fn("SSL_version")(e.ptr);
    record.reused = d.lib.fn("SSL_session_reused")(e.ptr) === 1;
    const hello = encoder.encode(`HELLO conn=${n}\n`);
    if (d.lib.fn("SSL_write")(e.ptr, hello, hello.length) <= 0) {
      throw new Error("SSL_write of the greeting failed");
    }
    await flushTcp(d.lib, e);
    record.end = await readToEnd(d, live(e), tcp, deadline, record);
    if (record.end === "close_notify" && e.alive) {
      d.lib.fn("SSL_shutdown")(e.ptr);
      await flushTcp(d.lib, e).catch(() => {}); // the client may be gone already
    }
  } catch (err) {
    record.end = "error";
    const queue = err instanceof Freed ? [] : d.lib.errors();
    record.error = `${(err as Error).message}${queue.length ? `: ${queue.join("; ")}` : ""}`;
  } finally {
    if (e) {
      record.newSessionCalls = e.data.newSessionCalls;
      if (e.alive) closeTcp(e.data);
    } else {
      try {
        conn.close();
      } catch { /* already closed */ }
    }
    l.done.push(record);
    l.changed.resolve();
    l.changed = Promise.withResolvers();
  }
}

/** SSL_read until the client closes or the deadline; the application data goes to `record`. */
async function readToEnd(
  d: DriverState,
  e: SslEntry,
  tcp: TcpState,
  deadline: number,
  record: AcceptedTcp,
): Promise<AcceptedTcp["end"]> {
  for (;;) {
    const { data, result } = readAvailable(d.lib, e);
    record.data += decoder.decode(data);
    await flushTcp(d.lib, e);
    live(e);
    if (result.error === "SSL_ERROR_ZERO_RETURN") return "close_notify";
    if (result.rc <= 0 && result.error !== "SSL_ERROR_WANT_READ") return tcp.eof ? "eof" : "error";
    if (tcp.eof) return "eof";
    const chunk = await readTcp(tcp, deadline);
    live(e);
    if (chunk === "timeout") return "timeout";
    if (chunk === "eof") continue; // one more SSL_read round sees what is buffered
    feed(d.lib, e.data.rbio, chunk);
  }
}

async function acceptLoop(d: DriverState, l: Listener): Promise<void> {
  for (;;) {
    let conn: Deno.TcpConn;
    try {
      conn = await l.listener.accept();
    } catch {
      return; // closed
    }
    if (l.closed) {
      conn.close();
      return;
    }
    serve(d, l, conn, ++l.accepted);
  }
}

function close(l: Listener): void {
  if (l.closed) return;
  l.closed = true;
  try {
    l.listener.close();
  } catch { /* already closed */ }
}

/** Close every listener of a scope that ends (`scope_end`); returns how many were open. */
export function closeListeners(d: DriverState, scope: number | null): number {
  let n = 0;
  for (const [id, l] of listenersOf(d)) {
    if (l.scope !== scope) continue;
    if (!l.closed) n++;
    close(l);
    listenersOf(d).delete(id);
  }
  return n;
}

/** The TCP server ops. */
export const TCP_SERVER_OPS = {
  listen_tcp(d, args) {
    const c = d.ctx(args);
    if (c.data.role === "client") throw new TypeError(`SSL_CTX ${c.id} is a client context`);
    const listener = Deno.listen({ hostname: optStr(args, "host") ?? "127.0.0.1", port: 0 });
    const l: Listener = {
      id: nextListener++,
      scope: d.handles.scope,
      ctx: c.id,
      listener,
      port: (listener.addr as Deno.NetAddr).port,
      connectionMs: num(args, "connectionMs", 10_000),
      accepted: 0,
      done: [],
      changed: Promise.withResolvers(),
      closed: false,
    };
    listenersOf(d).set(l.id, l);
    acceptLoop(d, l);
    return { listener: l.id, port: l.port };
  },

  async accepted_tcp(d, args) {
    const l = listenerOf(d, args.listener);
    const want = num(args, "count", 0);
    const deadline = performance.now() + num(args, "timeoutMs", 2000);
    while (l.done.length < want) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        l.changed.promise,
        new Promise((r) => (timer = setTimeout(r, left))),
      ]);
      clearTimeout(timer);
    }
    return { accepted: l.accepted, connections: [...l.done] };
  },

  close_listener(d, args) {
    const l = listenerOf(d, args.listener);
    close(l);
    listenersOf(d).delete(l.id);
    return { accepted: l.accepted, connections: [...l.done] };
  },
} satisfies OpTable;
