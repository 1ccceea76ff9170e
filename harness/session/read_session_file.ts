/**
 * The codec's only I/O: read a session file (PEM or DER) from disk.
 *
 * @module
 */
import { decodeSessionDer, type SslSession } from "./ssl_session.ts";
import { decodeSessionPem } from "./session_pem.ts";
import { toHex } from "../encoding/mod.ts";

/** Options for {@linkcode readSessionFile}. */
export interface ReadSessionFileOptions {
  /** Aborting stops the read. */
  signal?: AbortSignal;
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
 * @throws {SyntaxError} when the file is empty or does not hold a valid session.
 * @throws {Deno.errors.NotFound} when there is no such file.
 */
export async function readSessionFile(
  path: string,
  options: ReadSessionFileOptions = {},
): Promise<SslSession> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path, { signal: options.signal });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Session file "${path}" does not exist`, { cause: e });
    }
    throw e;
  }
  if (bytes.length === 0) {
    throw new SyntaxError(
      `Cannot read SSL session in "${path}": the file is empty (expected a PEM ` +
        `"-----BEGIN SSL SESSION PARAMETERS-----" block or DER)`,
    );
  }
  if (bytes[0] === 0x30) return decodeSessionDer(bytes, { file: path });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SyntaxError(
      `Cannot read SSL session in "${path}": expected PEM text or DER starting with 0x30, ` +
        `found bytes that are neither (first byte 0x${toHex(bytes.subarray(0, 1))})`,
    );
  }
  return decodeSessionPem(text, { file: path });
}
