/**
 * SSL_SESSION files: PEM armour, a strict DER reader/writer, and the typed session codec for
 * what OpenSSL 1.1.1 through 4.0 write with `i2d_SSL_SESSION` / `s_client -sess_out`.
 * Decoding then encoding is byte-identical; bad input is a SyntaxError naming the file and the
 * line (PEM) or byte offset (DER). Only {@linkcode readSessionFile} does I/O.
 *
 * @example
 * ```ts
 * import { createSession, decodeSessionPem, encodeSessionPem } from "./mod.ts";
 * const pem = encodeSessionPem(createSession({ protocolVersion: 0x0304, cipherId: 0x1302 }));
 * const session = decodeSessionPem(pem);
 * console.log(session.cipherId.toString(16), session.ticket); // "1302" undefined
 * ```
 * @module
 */
export {
  createSession,
  type DecodeOptions,
  decodeSessionDer,
  encodeSessionDer,
  LAST_KNOWN_TAG,
  SESSION_FLAG_EXTMS,
  SSL_SESSION_ASN1_VERSION,
  type SslSession,
  type SslSessionInit,
  type UnknownField,
} from "./ssl_session.ts";
export {
  decodeSessionPem,
  derToPem,
  encodeSessionPem,
  type PemBlock,
  type PemOptions,
  pemToDer,
  SESSION_PEM_LABEL,
} from "./session_pem.ts";
export { readSessionFile, type ReadSessionFileOptions } from "./read_session_file.ts";
