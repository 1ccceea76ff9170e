/**
 * An SSL's memory BIOs pumped through a TCP socket: what the SSL wrote goes to the socket
 * (`flushTcp`), what the socket delivers is read with a deadline (`readTcp`); a read that times
 * out stays pending on the SSL's {@linkcode TcpState} for the next call, so no bytes are lost.
 *
 * @example
 * ```ts ignore
 * import { flushTcp } from "./tcp_pump.ts";
 * // d: DriverState, e: SslEntry connected by connect_tcp
 * await flushTcp(d.lib, e);
 * ```
 * @module
 */

import type { Libssl } from "./libssl.ts";
import type { SslData, SslEntry, TcpState } from "./driver_state.ts";
import { drain } from "./bio_pump.ts";

/** Send what the SSL wrote to its socket (nothing when it has none). */
export async function flushTcp(lib: Libssl, e: SslEntry): Promise<void> {
  const tcp = e.data.tcp;
  if (!tcp) return;
  const bytes = drain(lib, e.data.wbio);
  let off = 0;
  while (off < bytes.length) off += await tcp.conn.write(bytes.subarray(off));
}

/** Next chunk from the socket, "eof", or "timeout" (the read stays pending for next time). */
export async function readTcp(
  tcp: TcpState,
  deadline: number,
): Promise<Uint8Array | "eof" | "timeout"> {
  if (tcp.eof) return "eof";
  if (!tcp.pending) {
    const buf = new Uint8Array(16 * 1024);
    tcp.pending = tcp.conn.read(buf).then((n) => (n === null ? null : buf.subarray(0, n)));
    tcp.pending.catch(() => {}); // a close while reading is not an unhandled rejection
  }
  const left = deadline - performance.now();
  if (left <= 0) return "timeout";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), left)));
  try {
    const first = await Promise.race([tcp.pending, timeout]);
    if (first === "timeout") return "timeout";
    tcp.pending = null;
    if (first === null) {
      tcp.eof = true;
      return "eof";
    }
    return first;
  } catch {
    tcp.pending = null;
    tcp.eof = true;
    return "eof";
  } finally {
    clearTimeout(timer);
  }
}

/** Close the SSL's socket, if any, without any TLS shutdown. */
export function closeTcp(d: SslData): void {
  if (!d.tcp) return;
  try {
    d.tcp.conn.close();
  } catch { /* already closed */ }
  d.tcp = null;
}
