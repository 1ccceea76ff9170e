import { checkInputSize } from "../encoding/mod.ts";
/**
 * PEM armour for SSL sessions: `-----BEGIN SSL SESSION PARAMETERS-----` blocks as written by
 * `PEM_write_SSL_SESSION` (`s_client -sess_out`, `sess_id`).
 *
 * @module
 */
import { decodeWithContext, type SslSession } from "./ssl_session.ts";
import { encodeSessionDer } from "./ssl_session.ts";

/** The PEM label OpenSSL uses for sessions. */
export const SESSION_PEM_LABEL = "SSL SESSION PARAMETERS";

const BEGIN = `-----BEGIN ${SESSION_PEM_LABEL}-----`;
const END = `-----END ${SESSION_PEM_LABEL}-----`;

/** Options for {@linkcode decodeSessionPem} and {@linkcode pemToDer}. */
export interface PemOptions {
  /** The file the text came from, quoted in error messages. */
  file?: string;
  /** Longest input accepted, in bytes: anything longer is refused at once. @default {1048576} */
  maxBytes?: number;
}

/** Where the DER came from inside a PEM text. */
export interface PemBlock {
  /** The decoded bytes. */
  der: Uint8Array;
  /** 1-based line of the BEGIN line. */
  beginLine: number;
  /** 1-based line of the END line. */
  endLine: number;
}

function pemError(options: PemOptions, line: number, detail: string): SyntaxError {
  const file = options.file === undefined ? "" : ` in "${options.file}"`;
  return new SyntaxError(`Cannot read SSL session PEM${file} at line ${line}: ${detail}`);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/**
 * Extract the DER of the one `SSL SESSION PARAMETERS` block in a PEM text. Like OpenSSL, text
 * before the BEGIN line and after the END line is ignored (so are other PEM blocks); unlike
 * OpenSSL's reader this one is exact inside the armour: canonical base64 only (alphabet, `=`
 * padding only at the very end, zero padding bits), no blank lines, no RFC 1421 headers (an
 * encrypted session is not something OpenSSL writes), and exactly one session block per text.
 *
 * @example
 * ```ts
 * import { pemToDer } from "./session_pem.ts";
 * const block = pemToDer(
 *   "-----BEGIN SSL SESSION PARAMETERS-----\nMAA=\n-----END SSL SESSION PARAMETERS-----\n",
 * );
 * console.log(block.der); // Uint8Array [ 48, 0 ]
 * ```
 * @throws {SyntaxError} naming the file, the line and what was expected.
 */
export function pemToDer(text: string, options: PemOptions = {}): PemBlock {
  if (typeof text !== "string") {
    throw new TypeError(`Cannot read SSL session PEM: expected a string, got ${typeof text}`);
  }
  checkInputSize(text.length, options.file ?? "<SSL session PEM>", options.maxBytes);
  if (text.length === 0) {
    throw pemError(options, 1, `the text is empty: expected a "${BEGIN}" line`);
  }
  const lines = text.split("\n").map((l) => l.replace(/[ \t\r]+$/, ""));
  const begin = lines.indexOf(BEGIN);
  if (begin < 0) {
    const near = lines.findIndex((l) => l.includes("-----BEGIN"));
    throw pemError(
      options,
      near < 0 ? 1 : near + 1,
      near < 0
        ? `expected a "${BEGIN}" line, found no PEM armour`
        : `expected "${BEGIN}", found ${JSON.stringify(lines[near].slice(0, 80))}`,
    );
  }
  let b64 = "";
  let end = -1;
  let paddingSeenAt = -1;
  for (let i = begin + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === END) {
      end = i;
      break;
    }
    if (line.startsWith("-----")) {
      throw pemError(
        options,
        i + 1,
        `expected base64 or "${END}", found ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    if (line.length === 0) {
      throw pemError(options, i + 1, `expected base64 or "${END}", found an empty line`);
    }
    if (line.includes(":")) {
      throw pemError(
        options,
        i + 1,
        "expected base64, found a PEM header line (encrypted sessions are not supported)",
      );
    }
    if (paddingSeenAt >= 0) {
      throw pemError(
        options,
        i + 1,
        `expected "${END}" after the "=" padding on line ${paddingSeenAt + 1}`,
      );
    }
    for (let c = 0; c < line.length; c++) {
      const code = line.charCodeAt(c);
      if (code === 0x3d) {
        if (!/^=?=$/.test(line.slice(c))) {
          throw pemError(
            options,
            i + 1,
            `expected "=" padding only at the end of the base64, found ${
              JSON.stringify(line.slice(c, c + 10))
            } at column ${c + 1}`,
          );
        }
        paddingSeenAt = i;
        break;
      }
      if (code > 127 || B64_VALUE[code] < 0) {
        throw pemError(
          options,
          i + 1,
          `expected a base64 character, found ${JSON.stringify(line[c])} at column ${c + 1}`,
        );
      }
    }
    b64 += line;
  }
  if (end < 0) {
    throw pemError(options, lines.length, `expected "${END}" before the end of the text`);
  }
  if (b64.length === 0) {
    throw pemError(options, end + 1, "expected base64 data between BEGIN and END, found none");
  }
  if (b64.length % 4 !== 0) {
    throw pemError(options, end, `expected a multiple of 4 base64 characters, found ${b64.length}`);
  }
  const der = decodeBase64(
    b64,
    () => pemError(options, end, "expected canonical base64 (zero padding bits)"),
  );
  for (let i = end + 1; i < lines.length; i++) {
    if (lines[i] === BEGIN) {
      throw pemError(
        options,
        i + 1,
        `expected one session per text, found a second "${BEGIN}" (the first is at line ${
          begin + 1
        })`,
      );
    }
  }
  return { der, beginLine: begin + 1, endLine: end + 1 };
}

function decodeBase64(b64: string, nonCanonical: () => SyntaxError): Uint8Array {
  const pad = b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((b64.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < b64.length; i += 4) {
    const a = B64_VALUE[b64.charCodeAt(i)];
    const b = B64_VALUE[b64.charCodeAt(i + 1)];
    const c = b64[i + 2] === "=" ? 0 : B64_VALUE[b64.charCodeAt(i + 2)];
    const d = b64[i + 3] === "=" ? 0 : B64_VALUE[b64.charCodeAt(i + 3)];
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
    if (
      i + 4 === b64.length && ((pad === 2 && (n & 0xffff) !== 0) || (pad === 1 && (n & 0xff) !== 0))
    ) {
      throw nonCanonical();
    }
  }
  return out;
}

/**
 * Armour DER as OpenSSL does: the BEGIN line, base64 in 64-character lines, the END line, each
 * ending in "\n".
 *
 * @example
 * ```ts
 * import { derToPem } from "./session_pem.ts";
 * console.log(derToPem(Uint8Array.of(0x30, 0x00)));
 * ```
 */
export function derToPem(der: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < der.length; i += 0x8000) {
    bin += String.fromCharCode(...der.subarray(i, i + 0x8000));
  }
  const b64 = btoa(bin);
  const lines = [BEGIN];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  lines.push(END, "");
  return lines.join("\n");
}

/**
 * Decode a PEM session file's text (what `s_client -sess_out` writes).
 *
 * @example
 * ```ts
 * import { decodeSessionPem, encodeSessionPem } from "./session_pem.ts";
 * import { createSession } from "./ssl_session.ts";
 * const pem = encodeSessionPem(createSession({ protocolVersion: 0x0304, cipherId: 0x1302 }));
 * const session = decodeSessionPem(pem, { file: "example.pem" });
 * console.log(session.protocolVersion === 0x0304); // true
 * ```
 * @throws {SyntaxError} naming the file and the line (armour) or byte offset (DER).
 */
export function decodeSessionPem(text: string, options: PemOptions = {}): SslSession {
  const block = pemToDer(text, options);
  return decodeWithContext(block.der, {
    file: options.file,
    where: `of the DER in the PEM block at lines ${block.beginLine}-${block.endLine}`,
  });
}

/**
 * Encode a session as a PEM block, byte-for-byte what OpenSSL's PEM_write_SSL_SESSION writes
 * for the same DER.
 *
 * @example
 * ```ts
 * import { encodeSessionPem } from "./session_pem.ts";
 * import { createSession } from "./ssl_session.ts";
 * console.log(encodeSessionPem(createSession({ protocolVersion: 0x0303, cipherId: 0xc02f })));
 * ```
 */
export function encodeSessionPem(session: SslSession): string {
  return derToPem(encodeSessionDer(session));
}
