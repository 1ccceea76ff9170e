/**
 * Moving TLS bytes through an SSL's two memory BIOs, and the SSL I/O steps the pumps are built
 * from: drain the output BIO, feed the input BIO, one handshake step, SSL_read of everything
 * available. Both the in-process pumps (`ops_io.ts`) and the TCP pumps (`tcp_pump.ts`,
 * `ops_tcp.ts`) use them.
 *
 * @example
 * ```ts ignore
 * import { transfer } from "./bio_pump.ts";
 * // d: DriverState, client / server: SslEntry
 * console.log(transfer(d.lib, client, server), "bytes moved");
 * ```
 * @module
 */

import type { SslCallResult } from "./protocol.ts";
import type { Libssl } from "./libssl.ts";
import type { SslEntry } from "./driver_state.ts";
import { OpError } from "./op_error.ts";
import { SSL_ERROR, sslErrorName } from "./constants.ts";

/** Everything pending in a memory BIO. */
export function drain(lib: Libssl, bio: Deno.PointerObject): Uint8Array {
  const pending = Number(lib.fn("BIO_ctrl_pending")(bio));
  if (pending === 0) return new Uint8Array(0);
  const out = new Uint8Array(pending);
  let off = 0;
  while (off < pending) {
    const n = lib.fn("BIO_read")(bio, out.subarray(off), pending - off);
    if (n <= 0) break;
    off += n;
  }
  return out.subarray(0, off);
}

/** Write all of `bytes` into a memory BIO. @throws {OpError} when BIO_write fails. */
export function feed(lib: Libssl, bio: Deno.PointerObject, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    const n = lib.fn("BIO_write")(bio, bytes.subarray(off), bytes.length - off);
    if (n <= 0) throw new OpError("BIO_write failed", lib.errors());
    off += n;
  }
}

/** Move what `from` wrote to `to`'s input; returns the byte count. */
export function transfer(lib: Libssl, from: SslEntry, to: SslEntry): number {
  const bytes = drain(lib, from.data.wbio);
  if (bytes.length) feed(lib, to.data.rbio, bytes);
  return bytes.length;
}

/** One SSL I/O call's return value with SSL_get_error when it is not a success. */
export function sslResult(lib: Libssl, e: SslEntry, rc: number): SslCallResult {
  if (rc > 0) return { rc, error: null };
  return { rc, error: sslErrorName(lib.fn("SSL_get_error")(e.ptr, rc)) };
}

/**
 * Step a handshake; true when finished. WANT_READ/WANT_WRITE are progress, not failure.
 *
 * @throws {OpError} naming `who` and the SSL_get_error code on any other failure.
 */
export function step(lib: Libssl, e: SslEntry, who: string): boolean {
  e.data.started = true;
  const rc = lib.fn("SSL_do_handshake")(e.ptr);
  if (rc === 1) return true;
  const err = lib.fn("SSL_get_error")(e.ptr, rc);
  if (err === SSL_ERROR.WANT_READ || err === SSL_ERROR.WANT_WRITE) return false;
  throw new OpError(
    `SSL_do_handshake failed on the ${who} (handle ${e.id}): rc ${rc}, ${sslErrorName(err)}`,
    lib.errors(),
  );
}

// One read buffer for every SSL_read: the driver answers one op at a time and reads are
// synchronous, so no two reads overlap.
const readBuf = new Uint8Array(16 * 1024);

/** SSL_read everything available (processing post-handshake messages); returns the data. */
export function readAvailable(
  lib: Libssl,
  e: SslEntry,
): { data: Uint8Array; result: SslCallResult } {
  e.data.started = true;
  const chunks: Uint8Array[] = [];
  let result: SslCallResult = { rc: 0, error: null };
  for (let i = 0; i < 1000; i++) {
    const rc = lib.fn("SSL_read")(e.ptr, readBuf, readBuf.length);
    result = sslResult(lib, e, rc);
    if (rc <= 0) break;
    chunks.push(readBuf.slice(0, rc));
  }
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    data.set(c, off);
    off += c.length;
  }
  return { data, result };
}
