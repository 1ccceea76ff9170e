/**
 * The codec's only I/O: read a session file (PEM or DER) from disk.
 *
 * @module
 */
import { decodeSessionDer, type SslSession } from "./ssl_session.ts";
import { decodeSessionPem } from "./session_pem.ts";
import { DEFAULT_MAX_INPUT_BYTES, toHex } from "../encoding/mod.ts";

/** Options for {@linkcode readSessionFile}. */
export interface ReadSessionFileOptions {
  /** Aborting stops the read. */
  signal?: AbortSignal;
  /** Largest file accepted, in bytes (a session file is a few KB). @default {1048576} */
  maxBytes?: number;
}

/**
 * Read and decode a session file. A file starting with a SEQUENCE byte (0x30) is taken as DER,
 * anything else as PEM text. An empty file is a {@linkcode SyntaxError} that says so (the
 * caller usually wanted to know that no session was saved); a missing file is a
 * `Deno.errors.NotFound` naming the path. (OpenSSL 3.0's `s_client -sess_out` writes no file at
 * all when it received no session, so NotFound is the common "no session" case, and an empty
 * file points at something else truncating it.)
 *
 * @example
 * ```ts
 * import { readSessionFile } from "./read_session_file.ts";
 * import { encodeSessionPem } from "./session_pem.ts";
 * import { createSession } from "./ssl_session.ts";
 * const path = await Deno.makeTempFile({ suffix: ".pem" });
 * await Deno.writeTextFile(path, encodeSessionPem(createSession({ protocolVersion: 0x0304, cipherId: 0x1301 })));
 * const session = await readSessionFile(path);
 * console.log(session.cipherId.toString(16)); // "1301"
 * await Deno.remove(path);
 * ```
 *
 * Hostile paths are refused before a byte is read: the path is looked at with `stat` first, so
 * a FIFO with no writer, a device (`/dev/zero` would grow without bound), a socket or a
 * directory is a `TypeError` naming what it is, without being opened; a file over
 * `options.maxBytes` is a `RangeError` naming the limit. The read itself stops at the limit too
 * (a file that grows after the `stat` cannot get past it).
 *
 * @throws {SyntaxError} when the file is empty or does not hold a valid session.
 * @throws {TypeError} when the path is not a regular file (checked before it is opened).
 * @throws {RangeError} when the file is larger than `options.maxBytes`.
 * @throws {Deno.errors.NotFound} when there is no such file.
 */
export async function readSessionFile(
  path: string,
  options: ReadSessionFileOptions = {},
): Promise<SslSession> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Session file "${path}" does not exist`, { cause: e });
    }
    throw e;
  }
  if (!info.isFile) {
    throw new TypeError(
      `Cannot read SSL session in "${path}": it is ${describeKind(info)}, not a regular file`,
    );
  }
  if (info.size > maxBytes) tooLarge(path, `${info.size} bytes`, maxBytes);
  const bytes = await readAtMost(path, maxBytes, options.signal);
  if (bytes.length === 0) {
    throw new SyntaxError(
      `Cannot read SSL session in "${path}": the file is empty (expected a PEM ` +
        `"-----BEGIN SSL SESSION PARAMETERS-----" block or DER)`,
    );
  }
  if (bytes[0] === 0x30) return decodeSessionDer(bytes, { file: path, maxBytes });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SyntaxError(
      `Cannot read SSL session in "${path}": expected PEM text or DER starting with 0x30, ` +
        `found bytes that are neither (first byte 0x${toHex(bytes.subarray(0, 1))})`,
    );
  }
  return decodeSessionPem(text, { file: path, maxBytes });
}

/** What a non-regular path is, for a message ("a FIFO", "a character device", …). */
function describeKind(info: Deno.FileInfo): string {
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO (named pipe)";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  if (info.isSocket) return "a socket";
  return "not a regular file";
}

function tooLarge(path: string, size: string, maxBytes: number): never {
  throw new RangeError(
    `Cannot read SSL session in "${path}": ${size} is over the limit of ${maxBytes} bytes ` +
      `(maxBytes; a session file is a few KB)`,
  );
}

/** Read a regular file, but never more than `maxBytes` + 1 bytes of it. */
async function readAtMost(
  path: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  using file = await Deno.open(path, { read: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(64 * 1024);
  while (true) {
    signal?.throwIfAborted();
    const n = await file.read(buffer);
    if (n === null) break;
    chunks.push(buffer.slice(0, n));
    total += n;
    if (total > maxBytes) tooLarge(path, "the file (it grew while read)", maxBytes);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
