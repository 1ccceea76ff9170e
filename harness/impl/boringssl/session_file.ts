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

import {
  decodeIntegerContent,
  derError,
  describeTag,
  readHeader,
  TagClass,
  UniversalTag,
} from "../../session/der.ts";

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

/** The fields of a BoringSSL SSL_SESSION that say which ticket it holds. */
export interface BoringsslSessionFields {
  /** `sslVersion` (0x0304 for TLS 1.3). */
  protocolVersion: number;
  /** `[9]` ticketLifetimeHint, seconds (0 when absent). */
  ticketLifetimeHint: number;
  /** `[10]` ticket (absent: no ticket). */
  ticket?: Uint8Array;
  /** `[21]` ticketAgeAdd: BoringSSL stores it as a 4-byte OCTET STRING (absent: none). */
  ticketAgeAdd?: number;
}

/**
 * Read the ticket fields of BoringSSL's own SSL_SESSION DER (ssl/ssl_asn1.cc's layout, which
 * OpenSSL's codec refuses from `[13]` on): the SEQUENCE's `sslVersion`, then the explicitly
 * tagged `[9]`, `[10]` and `[21]`; every other field is stepped over by its DER length.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and offset for DER that does not parse.
 * @example
 * ```ts
 * import { readBoringsslSession } from "./session_file.ts";
 * // SEQUENCE { 1, 0x0304, cipher, id, secret, [10] { OCTET STRING be ef } }
 * const der = new Uint8Array([0x30, 0x16, 2, 1, 1, 2, 2, 3, 4, 4, 2, 0x13, 1, 4, 0, 4, 1, 0xaa,
 *   0xaa, 4, 4, 2, 0xbe, 0xef]);
 * console.log(readBoringsslSession(der).ticket); // Uint8Array(2) [ 190, 239 ]
 * ```
 */
export function readBoringsslSession(
  der: Uint8Array,
  file = "<BoringSSL session>",
): BoringsslSessionFields {
  const ctx = { file };
  const seq = readHeader(der, 0, der.length, ctx);
  if (seq.tagClass !== TagClass.universal || seq.tagNumber !== UniversalTag.sequence) {
    throw derError(ctx, 0, `expected a SEQUENCE (SSL_SESSION), found ${describeTag(seq)}`);
  }
  const version = readHeader(der, seq.contentStart, seq.end, ctx);
  const ssl = readHeader(der, version.end, seq.end, ctx);
  if (ssl.tagNumber !== UniversalTag.integer) {
    throw derError(ctx, ssl.start, `expected the INTEGER sslVersion, found ${describeTag(ssl)}`);
  }
  const out: BoringsslSessionFields = {
    protocolVersion: Number(decodeIntegerContent(der, ssl, ctx)),
    ticketLifetimeHint: 0,
  };
  let pos = ssl.end;
  while (pos < seq.end) {
    const h = readHeader(der, pos, seq.end, ctx);
    pos = h.end;
    if (h.tagClass !== TagClass.context || ![9, 10, 21].includes(h.tagNumber)) continue;
    const inner = readHeader(der, h.contentStart, h.end, ctx);
    if (h.tagNumber === 9) {
      out.ticketLifetimeHint = Number(decodeIntegerContent(der, inner, ctx));
    } else if (h.tagNumber === 10) {
      out.ticket = der.slice(inner.contentStart, inner.end);
    } else if (inner.end - inner.contentStart === 4) {
      out.ticketAgeAdd = new DataView(der.buffer, der.byteOffset + inner.contentStart, 4)
        .getUint32(0);
    } else {
      throw derError(ctx, inner.start, "expected a 4-byte ticketAgeAdd in [21]");
    }
  }
  return out;
}
