/**
 * Session files of `bssl-tool client -session-out`: PEM blocks labelled
 * `SSL SESSION PARAMETERS` (OpenSSL's label) holding BoringSSL's own SSL_SESSION DER, one block
 * appended per session the client was given (a TLS 1.3 server's two tickets make two blocks;
 * `-session-in` reads the first). The DER is not OpenSSL's: the fields after `[4]` use
 * BoringSSL's tags ([13] peer SHA-256, [14] original handshake hash, [17] extended master secret,
 * [18] group ID, [19] cert chain, [21] ticket age add, [22] is-server, [23] peer signature
 * algorithm, [25] auth timeout, …), which OpenSSL's `d2i_SSL_SESSION` and the project's codec
 * refuse. Pure.
 *
 * @module
 */

const BEGIN = "-----BEGIN SSL SESSION PARAMETERS-----";
const END = "-----END SSL SESSION PARAMETERS-----";

/** One PEM block of a session file. */
export interface SessionFileBlock {
  /** 1-based line of the BEGIN line. */
  line: number;
  /** The DER bytes. */
  der: Uint8Array;
}

/**
 * Split a `-session-out` file into its PEM blocks (empty text → no blocks: the client writes
 * nothing when no session arrived, but it has already truncated the file).
 *
 * @param file Named in errors.
 * @throws {SyntaxError} `file:line: …` for an unterminated block or bad base64.
 * @example
 * ```ts
 * import { parseSessionFile } from "./session_file.ts";
 * const text = "-----BEGIN SSL SESSION PARAMETERS-----\nMAA=\n-----END SSL SESSION PARAMETERS-----\n";
 * console.log(parseSessionFile(text)[0].der); // Uint8Array(2) [ 48, 0 ]
 * ```
 */
export function parseSessionFile(text: string, file = "<session file>"): SessionFileBlock[] {
  const out: SessionFileBlock[] = [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let start = -1;
  let body = "";
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (start < 0) {
      if (line === BEGIN) {
        start = i + 1;
        body = "";
      }
      continue;
    }
    if (line === END) {
      let bin: string;
      try {
        bin = atob(body);
      } catch {
        throw new SyntaxError(`${file}:${start}: the PEM block's base64 does not decode`);
      }
      out.push({ line: start, der: Uint8Array.from(bin, (c) => c.charCodeAt(0)) });
      start = -1;
      continue;
    }
    body += line;
  }
  if (start >= 0) throw new SyntaxError(`${file}:${start}: expected "${END}" before the end`);
  return out;
}
