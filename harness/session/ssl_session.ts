/**
 * The typed SSL_SESSION and its exact DER codec, following the ASN.1 that `ssl/ssl_asn1.c`
 * writes in OpenSSL 1.1.1 through 4.0:
 *
 * ```
 * SSL_SESSION_ASN1 ::= SEQUENCE {
 *   version                  UINT32,                        -- always 1
 *   ssl_version              INT32,                         -- 0x0303, 0x0304, …
 *   cipher                   OCTET STRING (SIZE(2)),        -- IANA cipher suite id
 *   session_id               OCTET STRING,                  -- ≤ 32 bytes
 *   master_key               OCTET STRING,                  -- ≤ 64 bytes (TLS 1.3: PSK)
 *   key_arg              [0] IMPLICIT OCTET STRING OPTIONAL,-- SSLv2 relic, never written
 *   time                 [1] EXPLICIT INT64 OPTIONAL,       -- seconds since 1970, 0 omitted
 *   timeout              [2] EXPLICIT INT64 OPTIONAL,       -- seconds, 0 omitted
 *   peer                 [3] EXPLICIT Certificate OPTIONAL,
 *   session_id_context   [4] EXPLICIT OCTET STRING OPTIONAL,-- written even when empty
 *   verify_result        [5] EXPLICIT INT32 OPTIONAL,       -- 0 (X509_V_OK) omitted
 *   hostname             [6] EXPLICIT OCTET STRING OPTIONAL,
 *   psk_identity_hint    [7] EXPLICIT OCTET STRING OPTIONAL,
 *   psk_identity         [8] EXPLICIT OCTET STRING OPTIONAL,
 *   ticket_lifetime_hint [9] EXPLICIT UINT64 OPTIONAL,      -- 0 omitted
 *   ticket              [10] EXPLICIT OCTET STRING OPTIONAL,
 *   comp_id             [11] EXPLICIT OCTET STRING (SIZE(1)) OPTIONAL,
 *   srp_username        [12] EXPLICIT OCTET STRING OPTIONAL,
 *   flags               [13] EXPLICIT UINT64 OPTIONAL,      -- 0 omitted; bit 0 = EMS
 *   ticket_age_add      [14] EXPLICIT UINT32 OPTIONAL,      -- 0 omitted
 *   max_early_data      [15] EXPLICIT UINT32 OPTIONAL,      -- 0 omitted
 *   alpn_selected       [16] EXPLICIT OCTET STRING OPTIONAL,
 *   max_fragment_len    [17] EXPLICIT UINT32 OPTIONAL,      -- 0 omitted
 *   ticket_appdata      [18] EXPLICIT OCTET STRING OPTIONAL,
 *   kex_group           [19] EXPLICIT UINT32 OPTIONAL,      -- newer builds; written even if 0
 *   peer_rpk            [20] EXPLICIT OCTET STRING OPTIONAL -- 3.2+: SubjectPublicKeyInfo DER
 * }
 * ```
 *
 * Decoding keeps the exact bytes of every element beside the value it decoded, so that
 * `encodeSessionDer(decodeSessionDer(x))` is byte-identical for every input the decoder accepts:
 * an element is re-emitted verbatim while its value is unchanged, and encoded canonically (the
 * way OpenSSL's i2d_SSL_SESSION would) once it changed. Context tags this codec does not know
 * (above [20]) are kept in {@linkcode SslSession.unknownFields} and written back in tag order.
 *
 * @module
 */
import {
  concatBytes,
  decodeIntegerContent,
  type DerContext,
  derError,
  type DerHeader,
  describeTag,
  encodeElement,
  encodeIntegerContent,
  expectHeader,
  readHeader,
  TagClass,
  UniversalTag,
  walkDer,
} from "./der.ts";

/** A context-tagged element this codec does not know, kept so that nothing is dropped. */
export interface UnknownField {
  /** The context tag number (> 20 for every OpenSSL up to 4.0). */
  tag: number;
  /** The complete DER element: identifier, length and content, exactly as read. */
  bytes: Uint8Array;
}

/**
 * An SSL_SESSION as OpenSSL serialises it (`i2d_SSL_SESSION`, `-sess_out`). Byte fields are
 * `Uint8Array`s; optional fields are `undefined` when the element is absent. Integer fields
 * whose absence means 0 in OpenSSL are plain numbers (0 when absent).
 */
export interface SslSession {
  /** The ASN.1 structure version (`SSL_SESSION_ASN1_VERSION`); 1 in every version. */
  asn1Version: number;
  /** The protocol version (`ssl_version`): 0x0303 TLS 1.2, 0x0304 TLS 1.3, 0xfefd DTLS 1.2… */
  protocolVersion: number;
  /**
   * The 2-byte cipher suite id as stored in the file, which is the IANA id (0x1302 for
   * TLS_AES_256_GCM_SHA384, 0xc02c for ECDHE-ECDSA-AES256-GCM-SHA384).
   */
  cipherId: number;
  /**
   * What OpenSSL makes of {@linkcode cipherId} in memory (`SSL_CIPHER_get_id`):
   * `0x03000000 | cipherId`. Set by the decoder for reference; the encoder ignores it and
   * writes `cipherId` only.
   */
  opensslCipherId?: number;
  /** The session id (≤ 32 bytes; TLS 1.3 clients fill it with random bytes). */
  sessionId: Uint8Array;
  /** The master secret (TLS ≤ 1.2) or the resumption PSK (TLS 1.3); ≤ 64 bytes. */
  masterKey: Uint8Array;
  /** `[0]` key_arg: an SSLv2 relic no version since 1.1.0 writes. */
  keyArg?: Uint8Array;
  /** `[1]` when the session was established, in seconds since the epoch (0 when absent). */
  time: number;
  /** `[2]` lifetime in seconds (0 when absent; OpenSSL then assumes 3 s). */
  timeout: number;
  /** `[3]` the peer's certificate, DER (absent for PSK-only sessions and server sessions without client auth). */
  peerCertificate?: Uint8Array;
  /** `[4]` the session id context (empty when unset; OpenSSL writes it even when empty). */
  sessionIdContext: Uint8Array;
  /** `[5]` the X509 verify result of the peer's chain (0 = X509_V_OK, when absent). */
  verifyResult: number;
  /** `[6]` the SNI host name, decoded as UTF-8. */
  hostname?: string;
  /** `[7]` the PSK identity hint, decoded as UTF-8. */
  pskIdentityHint?: string;
  /** `[8]` the PSK identity, decoded as UTF-8. */
  pskIdentity?: string;
  /** `[9]` the ticket lifetime hint in seconds (0 when absent). */
  ticketLifetimeHint: number;
  /** `[10]` the session ticket; `undefined` when there is none. */
  ticket?: Uint8Array;
  /** `[11]` the compression method id (one byte); absent when no compression. */
  compressionId?: number;
  /** `[12]` the SRP user name, decoded as UTF-8. */
  srpUsername?: string;
  /** `[13]` session flags (0 when absent); bit 0 is {@linkcode SESSION_FLAG_EXTMS}. */
  flags: number;
  /** `[14]` TLS 1.3 ticket_age_add (0 when absent). */
  ticketAgeAdd: number;
  /** `[15]` TLS 1.3 max_early_data (0 when absent). */
  maxEarlyData: number;
  /** `[16]` the selected ALPN protocol, raw bytes (e.g. "h2"). */
  alpnSelected?: Uint8Array;
  /** `[17]` the max fragment length mode (RFC 6066: 1 = 512 … 4 = 4096; 0 when absent). */
  maxFragmentLength: number;
  /** `[18]` application data stored in the ticket (SSL_SESSION_set1_ticket_appdata). */
  ticketAppdata?: Uint8Array;
  /**
   * `[19]` the key exchange group (TLS group id, e.g. 0x1d = x25519; 0 for PSK-only). Absent in
   * files from builds that do not write it (1.1.1). OpenSSL writes it even when 0.
   */
  kexGroup?: number;
  /** `[20]` the peer's raw public key (RFC 7250), SubjectPublicKeyInfo DER (3.2+). */
  peerRpk?: Uint8Array;
  /** Context-tagged elements this codec does not know, in tag order. */
  unknownFields: UnknownField[];
}

/** `flags` bit: the session used the extended master secret (RFC 7627). */
export const SESSION_FLAG_EXTMS = 0x1;

/** The value of `asn1Version` in every OpenSSL from 1.0 to 4.0. */
export const SSL_SESSION_ASN1_VERSION = 1;

/** Options for {@linkcode decodeSessionDer}. */
export interface DecodeOptions {
  /** The file the bytes came from, quoted in error messages. */
  file?: string;
}

/** The fields a caller must give {@linkcode createSession}; the rest default as OpenSSL's do. */
export type SslSessionInit =
  & Pick<SslSession, "protocolVersion" | "cipherId">
  & Partial<SslSession>;

// ---------------------------------------------------------------------------------------------
// The schema: one row per context tag, in the order OpenSSL declares them.

type IntKind = "uint32" | "int32" | "int64" | "uint64";
type Kind = IntKind | "octets" | "string" | "certificate" | "spki" | "comp";

interface FieldSpec {
  tag: number;
  name: keyof SslSession;
  kind: Kind;
  /** Integer fields whose 0 is omitted on output (OpenSSL's Z-types) and implied when absent. */
  zeroDefault?: boolean;
  /** key_arg is IMPLICIT: the [0] tag replaces the OCTET STRING tag. */
  implicit?: boolean;
  /** Written even when empty by OpenSSL (session_id_context). */
  alwaysWritten?: boolean;
  /** Longest content OpenSSL's d2i_SSL_SESSION accepts. */
  maxLength?: number;
}

const TAGGED: readonly FieldSpec[] = [
  { tag: 0, name: "keyArg", kind: "octets", implicit: true },
  { tag: 1, name: "time", kind: "int64", zeroDefault: true },
  { tag: 2, name: "timeout", kind: "int64", zeroDefault: true },
  { tag: 3, name: "peerCertificate", kind: "certificate" },
  { tag: 4, name: "sessionIdContext", kind: "octets", alwaysWritten: true, maxLength: 32 },
  { tag: 5, name: "verifyResult", kind: "int32", zeroDefault: true },
  { tag: 6, name: "hostname", kind: "string" },
  { tag: 7, name: "pskIdentityHint", kind: "string" },
  { tag: 8, name: "pskIdentity", kind: "string" },
  { tag: 9, name: "ticketLifetimeHint", kind: "uint64", zeroDefault: true },
  { tag: 10, name: "ticket", kind: "octets" },
  { tag: 11, name: "compressionId", kind: "comp" },
  { tag: 12, name: "srpUsername", kind: "string" },
  { tag: 13, name: "flags", kind: "uint64", zeroDefault: true },
  { tag: 14, name: "ticketAgeAdd", kind: "uint32", zeroDefault: true },
  { tag: 15, name: "maxEarlyData", kind: "uint32", zeroDefault: true },
  { tag: 16, name: "alpnSelected", kind: "octets" },
  { tag: 17, name: "maxFragmentLength", kind: "uint32", zeroDefault: true },
  { tag: 18, name: "ticketAppdata", kind: "octets" },
  { tag: 19, name: "kexGroup", kind: "uint32" },
  { tag: 20, name: "peerRpk", kind: "spki" },
];

/** The highest context tag this codec knows; anything above is an unknown field. */
export const LAST_KNOWN_TAG = 20;

const MAX_SESSION_ID = 32;
const MAX_MASTER_KEY = 64;

const INT_RANGE: Record<IntKind, [bigint, bigint]> = {
  uint32: [0n, 0xffff_ffffn],
  int32: [-0x8000_0000n, 0x7fff_ffffn],
  // 64-bit fields are exposed as numbers, so they are limited to the safe integer range.
  int64: [BigInt(Number.MIN_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER)],
  uint64: [0n, BigInt(Number.MAX_SAFE_INTEGER)],
};

// ---------------------------------------------------------------------------------------------
// Original encodings, kept beside a decoded session so that unchanged fields round-trip exactly.

/** What the decoder saw for one field: the value it produced and the element's bytes. */
interface Original {
  value: unknown;
  /** The full element (for tagged fields: the outer [n] element); undefined when absent. */
  bytes?: Uint8Array;
}

const originals = new WeakMap<SslSession, Map<string, Original>>();

const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Decode the DER of an SSL_SESSION (what `i2d_SSL_SESSION` and `sess_id -outform DER` write).
 * Strict DER: definite minimal lengths, minimal INTEGERs, fields in tag order, nothing after
 * the SEQUENCE. It also refuses what OpenSSL's own `d2i_SSL_SESSION` refuses (version ≠ 1, a
 * protocol major other than 3/0xfe, a cipher that is not 2 bytes, a session id over 32 bytes, a
 * master key over 64, a session id context over 32, a compression id that is not 1 byte).
 *
 * @example
 * ```ts
 * import { decodeSessionDer, encodeSessionDer, createSession } from "./ssl_session.ts";
 * const der = encodeSessionDer(createSession({ protocolVersion: 0x0304, cipherId: 0x1302 }));
 * const session = decodeSessionDer(der, { file: "example.der" });
 * console.log(session.cipherId.toString(16)); // "1302"
 * ```
 * @throws {SyntaxError} naming the file, the byte offset and what was expected.
 */
export function decodeSessionDer(bytes: Uint8Array, options: DecodeOptions = {}): SslSession {
  return decodeWithContext(bytes, { file: options.file });
}

/** {@linkcode decodeSessionDer} with a full error context (used by the PEM layer). */
export function decodeWithContext(bytes: Uint8Array, ctx: DerContext): SslSession {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`Cannot decode SSL session: expected a Uint8Array, got ${typeof bytes}`);
  }
  if (bytes.length === 0) throw derError(ctx, 0, "expected a SEQUENCE, found no bytes at all");
  const seq = expectHeader(bytes, 0, bytes.length, ctx, {
    tagClass: TagClass.universal,
    constructed: true,
    tagNumber: UniversalTag.sequence,
  }, "a SEQUENCE (SSL_SESSION)");
  if (seq.end !== bytes.length) {
    throw derError(
      ctx,
      seq.end,
      `expected the end of the data after the SSL_SESSION SEQUENCE, found ${
        bytes.length - seq.end
      } trailing bytes`,
    );
  }
  // One private copy holds the original bytes of every element (views into it); the fields
  // handed out are separate copies, so changing them cannot change what "original" means.
  const src = bytes.slice();
  const orig = new Map<string, Original>();
  const end = seq.end;
  let pos = seq.contentStart;

  const universal = (tagNumber: number, what: string): DerHeader => {
    const h = expectHeader(bytes, pos, end, ctx, {
      tagClass: TagClass.universal,
      constructed: false,
      tagNumber,
    }, what);
    orig.set(what, { value: undefined, bytes: src.subarray(h.start, h.end) });
    pos = h.end;
    return h;
  };

  const vHeader = universal(UniversalTag.integer, "the INTEGER version");
  const asn1Version = intValue(bytes, vHeader, "uint32", ctx, "version");
  if (asn1Version !== SSL_SESSION_ASN1_VERSION) {
    throw derError(ctx, vHeader.start, `expected version 1, found ${asn1Version}`);
  }
  const pHeader = universal(UniversalTag.integer, "the INTEGER ssl_version");
  const protocolVersion = intValue(bytes, pHeader, "int32", ctx, "ssl_version");
  // d2i_SSL_SESSION's own check: SSL 3 / TLS major 3, DTLS major 0xfe, or DTLS1_BAD_VER.
  if (
    (protocolVersion >> 8) !== 0x03 && (protocolVersion >> 8) !== 0xfe && protocolVersion !== 0x100
  ) {
    throw derError(
      ctx,
      pHeader.start,
      `expected a TLS or DTLS protocol version, found 0x${protocolVersion.toString(16)}`,
    );
  }
  const cHeader = universal(UniversalTag.octetString, "the OCTET STRING cipher");
  if (cHeader.end - cHeader.contentStart !== 2) {
    throw derError(
      ctx,
      cHeader.start,
      `expected a 2-byte cipher id, found ${cHeader.end - cHeader.contentStart} bytes`,
    );
  }
  const cipherId = (bytes[cHeader.contentStart] << 8) | bytes[cHeader.contentStart + 1];
  const sHeader = universal(UniversalTag.octetString, "the OCTET STRING session_id");
  const sessionId = bytes.slice(sHeader.contentStart, sHeader.end);
  if (sessionId.length > MAX_SESSION_ID) {
    throw derError(
      ctx,
      sHeader.start,
      `expected a session id of at most 32 bytes, found ${sessionId.length}`,
    );
  }
  const mHeader = universal(UniversalTag.octetString, "the OCTET STRING master_key");
  const masterKey = bytes.slice(mHeader.contentStart, mHeader.end);
  if (masterKey.length > MAX_MASTER_KEY) {
    throw derError(
      ctx,
      mHeader.start,
      `expected a master key of at most 64 bytes, found ${masterKey.length}`,
    );
  }
  const header = { asn1Version, protocolVersion, cipherId, sessionId, masterKey };
  orig.set("header", {
    value: {
      ...header,
      sessionId: src.subarray(sHeader.contentStart, sHeader.end),
      masterKey: src.subarray(mHeader.contentStart, mHeader.end),
    },
  });

  const session: SslSession = {
    asn1Version,
    protocolVersion,
    cipherId,
    opensslCipherId: (0x0300_0000 | cipherId) >>> 0,
    sessionId,
    masterKey,
    keyArg: undefined,
    time: 0,
    timeout: 0,
    peerCertificate: undefined,
    sessionIdContext: new Uint8Array(0),
    verifyResult: 0,
    hostname: undefined,
    pskIdentityHint: undefined,
    pskIdentity: undefined,
    ticketLifetimeHint: 0,
    ticket: undefined,
    compressionId: undefined,
    srpUsername: undefined,
    flags: 0,
    ticketAgeAdd: 0,
    maxEarlyData: 0,
    alpnSelected: undefined,
    maxFragmentLength: 0,
    ticketAppdata: undefined,
    kexGroup: undefined,
    peerRpk: undefined,
    unknownFields: [],
  };
  const record = session as unknown as Record<string, unknown>;

  let lastTag = -1;
  let specIndex = 0;
  while (pos < end) {
    const h = readHeader(bytes, pos, end, ctx);
    if (h.tagClass !== TagClass.context) {
      throw derError(
        ctx,
        pos,
        `expected a context-tagged field [0]…[${LAST_KNOWN_TAG}], found ${describeTag(h)}`,
      );
    }
    if (h.tagNumber <= lastTag) {
      // OpenSSL's template decoder reads the optional fields in order and fails on a field
      // that comes too late; a repeated or out-of-order tag is never valid.
      throw derError(
        ctx,
        pos,
        `expected a context tag above [${lastTag}] (fields in tag order), found [${h.tagNumber}]`,
      );
    }
    lastTag = h.tagNumber;
    if (h.tagNumber > LAST_KNOWN_TAG) {
      if (h.constructed) walkDer(bytes, h.contentStart, h.end, ctx);
      session.unknownFields.push({ tag: h.tagNumber, bytes: bytes.slice(h.start, h.end) });
      pos = h.end;
      continue;
    }
    while (TAGGED[specIndex].tag !== h.tagNumber) specIndex++;
    const spec = TAGGED[specIndex];
    const value = decodeTagged(bytes, h, spec, ctx);
    record[spec.name] = value;
    orig.set(spec.name, { value: snapshot(value), bytes: src.subarray(h.start, h.end) });
    pos = h.end;
  }
  for (const spec of TAGGED) {
    if (!orig.has(spec.name)) orig.set(spec.name, { value: snapshot(record[spec.name]) });
  }
  originals.set(session, orig);
  return session;
}

function decodeTagged(bytes: Uint8Array, h: DerHeader, spec: FieldSpec, ctx: DerContext): unknown {
  if (spec.implicit) {
    if (h.constructed) {
      throw derError(
        ctx,
        h.start,
        `expected a primitive [${spec.tag}] (IMPLICIT OCTET STRING), found a constructed one`,
      );
    }
    return bytes.slice(h.contentStart, h.end);
  }
  if (!h.constructed) {
    throw derError(
      ctx,
      h.start,
      `expected a constructed [${spec.tag}] (EXPLICIT tag), found a primitive one`,
    );
  }
  const name = `${String(spec.name)} [${spec.tag}]`;
  const isInt = spec.kind === "uint32" || spec.kind === "int32" || spec.kind === "int64" ||
    spec.kind === "uint64";
  const inner = spec.kind === "certificate"
    ? expectHeader(bytes, h.contentStart, h.end, ctx, {
      tagClass: TagClass.universal,
      constructed: true,
      tagNumber: UniversalTag.sequence,
    }, `a certificate SEQUENCE inside ${name}`)
    : expectHeader(bytes, h.contentStart, h.end, ctx, {
      tagClass: TagClass.universal,
      constructed: false,
      tagNumber: isInt ? UniversalTag.integer : UniversalTag.octetString,
    }, `${isInt ? "an INTEGER" : "an OCTET STRING"} inside ${name}`);
  if (inner.end !== h.end) {
    throw derError(
      ctx,
      inner.end,
      `expected the end of ${name}, found ${h.end - inner.end} more bytes`,
    );
  }
  const content = () => bytes.slice(inner.contentStart, inner.end);
  switch (spec.kind) {
    case "uint32":
    case "int32":
    case "int64":
    case "uint64":
      return intValue(bytes, inner, spec.kind, ctx, name);
    case "octets": {
      const c = content();
      if (spec.maxLength !== undefined && c.length > spec.maxLength) {
        throw derError(
          ctx,
          inner.start,
          `expected at most ${spec.maxLength} bytes in ${name}, found ${c.length}`,
        );
      }
      return c;
    }
    case "string":
      return utf8.decode(content());
    case "comp": {
      if (inner.end - inner.contentStart !== 1) {
        throw derError(
          ctx,
          inner.start,
          `expected a 1-byte compression id in ${name}, found ${
            inner.end - inner.contentStart
          } bytes`,
        );
      }
      return bytes[inner.contentStart];
    }
    case "certificate": {
      checkShape(bytes, inner, ctx, [
        UniversalTag.sequence,
        UniversalTag.sequence,
        UniversalTag.bitString,
      ], `the certificate in ${name}`);
      return bytes.slice(inner.start, inner.end);
    }
    case "spki": {
      const spki = readHeader(bytes, inner.contentStart, inner.end, ctx);
      if (spki.start !== inner.contentStart || spki.end !== inner.end) {
        throw derError(ctx, inner.contentStart, `expected one SubjectPublicKeyInfo in ${name}`);
      }
      if (
        !(spki.tagClass === TagClass.universal && spki.constructed &&
          spki.tagNumber === UniversalTag.sequence)
      ) {
        throw derError(
          ctx,
          spki.start,
          `expected a SubjectPublicKeyInfo SEQUENCE in ${name}, found ${describeTag(spki)}`,
        );
      }
      checkShape(
        bytes,
        spki,
        ctx,
        [UniversalTag.sequence, UniversalTag.bitString],
        `the public key in ${name}`,
      );
      return content();
    }
  }
}

/** Check that a SEQUENCE holds exactly the given universal children and is well-formed inside. */
function checkShape(
  bytes: Uint8Array,
  seq: DerHeader,
  ctx: DerContext,
  children: number[],
  what: string,
): void {
  let pos = seq.contentStart;
  for (const tagNumber of children) {
    const h = expectHeader(bytes, pos, seq.end, ctx, {
      tagClass: TagClass.universal,
      constructed: tagNumber === UniversalTag.sequence,
      tagNumber,
    }, `${tagNumber === UniversalTag.sequence ? "a SEQUENCE" : "a BIT STRING"} in ${what}`);
    pos = h.end;
  }
  if (pos !== seq.end) throw derError(ctx, pos, `expected the end of ${what}, found more elements`);
  walkDer(bytes, seq.contentStart, seq.end, ctx);
}

function intValue(
  bytes: Uint8Array,
  h: DerHeader,
  kind: IntKind,
  ctx: DerContext,
  name: string,
): number {
  const v = decodeIntegerContent(bytes, h, ctx);
  const [lo, hi] = INT_RANGE[kind];
  if (v < lo || v > hi) {
    throw derError(ctx, h.start, `expected ${name} in ${describeRange(kind)}, found ${v}`);
  }
  return Number(v);
}

function describeRange(kind: IntKind): string {
  switch (kind) {
    case "uint32":
      return "0..2^32-1 (UINT32)";
    case "int32":
      return "-2^31..2^31-1 (INT32)";
    case "int64":
      return "the safe integer range (INT64 exposed as a number)";
    case "uint64":
      return "0..2^53-1 (UINT64 exposed as a number)";
  }
}

function snapshot(value: unknown): unknown {
  return value instanceof Uint8Array ? value.slice() : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return a === b;
}

// ---------------------------------------------------------------------------------------------
// Construction and encoding

/**
 * A new session with OpenSSL's defaults for everything not given (asn1Version 1, empty
 * session id / master key / context, zero integers, no optional elements).
 *
 * @example
 * ```ts
 * import { createSession, encodeSessionDer } from "./ssl_session.ts";
 * const s = createSession({ protocolVersion: 0x0303, cipherId: 0xc02f, time: 1700000000, timeout: 7200 });
 * console.log(encodeSessionDer(s).length);
 * ```
 */
export function createSession(init: SslSessionInit): SslSession {
  return {
    asn1Version: SSL_SESSION_ASN1_VERSION,
    sessionId: new Uint8Array(0),
    masterKey: new Uint8Array(0),
    time: 0,
    timeout: 0,
    sessionIdContext: new Uint8Array(0),
    verifyResult: 0,
    ticketLifetimeHint: 0,
    flags: 0,
    ticketAgeAdd: 0,
    maxEarlyData: 0,
    maxFragmentLength: 0,
    unknownFields: [],
    ...init,
  };
}

/**
 * Encode a session as DER. Fields unchanged since {@linkcode decodeSessionDer} produced the
 * object are written with their original bytes (so a decode/encode round trip is
 * byte-identical); everything else is encoded the way OpenSSL's `i2d_SSL_SESSION` does:
 * minimal INTEGERs, zero-valued Z-fields omitted, `session_id_context` always present,
 * `kex_group` present whenever set, unknown fields merged in tag order.
 *
 * @example
 * ```ts
 * import { createSession, encodeSessionDer } from "./ssl_session.ts";
 * const der = encodeSessionDer(createSession({ protocolVersion: 0x0304, cipherId: 0x1301 }));
 * console.log(der[0] === 0x30); // true: a SEQUENCE
 * ```
 * @throws {TypeError} when a field has the wrong type, {@linkcode RangeError} when a number does
 * not fit its ASN.1 type.
 */
export function encodeSessionDer(session: SslSession): Uint8Array {
  if (typeof session !== "object" || session === null) {
    throw new TypeError("Cannot encode SSL session: expected an object");
  }
  const orig = originals.get(session);
  const parts: Uint8Array[] = [];

  const header = orig?.get("header")?.value as
    | Pick<SslSession, "asn1Version" | "protocolVersion" | "cipherId" | "sessionId" | "masterKey">
    | undefined;
  const keep = (
    key: "asn1Version" | "protocolVersion" | "cipherId" | "sessionId" | "masterKey",
    label: string,
    fresh: () => Uint8Array,
  ) => {
    const o = orig?.get(label);
    if (header && o?.bytes && sameValue(header[key], session[key])) parts.push(o.bytes);
    else parts.push(fresh());
  };
  keep(
    "asn1Version",
    "the INTEGER version",
    () => integerElement(checkInt(session.asn1Version, "uint32", "asn1Version")),
  );
  keep(
    "protocolVersion",
    "the INTEGER ssl_version",
    () => integerElement(checkInt(session.protocolVersion, "int32", "protocolVersion")),
  );
  const cipherId = checkCipher(session);
  keep(
    "cipherId",
    "the OCTET STRING cipher",
    () => octetElement(Uint8Array.of(cipherId >> 8, cipherId & 0xff)),
  );
  keep(
    "sessionId",
    "the OCTET STRING session_id",
    () => octetElement(checkBytes(session.sessionId, "sessionId")),
  );
  keep(
    "masterKey",
    "the OCTET STRING master_key",
    () => octetElement(checkBytes(session.masterKey, "masterKey")),
  );

  const unknown = checkUnknown(session.unknownFields);
  let u = 0;
  const record = session as unknown as Record<string, unknown>;
  for (const spec of TAGGED) {
    while (u < unknown.length && unknown[u].tag < spec.tag) parts.push(unknown[u++].bytes);
    const value = record[spec.name];
    const o = orig?.get(spec.name);
    if (o && sameValue(o.value, value)) {
      if (o.bytes) parts.push(o.bytes);
      continue;
    }
    const fresh = encodeTagged(spec, value);
    if (fresh) parts.push(fresh);
  }
  while (u < unknown.length) parts.push(unknown[u++].bytes);
  return encodeElement(
    { tagClass: TagClass.universal, constructed: true, tagNumber: UniversalTag.sequence },
    concatBytes(parts),
  );
}

function encodeTagged(spec: FieldSpec, value: unknown): Uint8Array | undefined {
  const field = String(spec.name);
  const explicit = (inner: Uint8Array) =>
    encodeElement({ tagClass: TagClass.context, constructed: true, tagNumber: spec.tag }, inner);
  switch (spec.kind) {
    case "uint32":
    case "int32":
    case "int64":
    case "uint64": {
      if (value === undefined && !spec.zeroDefault) return undefined;
      const v = checkInt(value ?? 0, spec.kind, field);
      if (spec.zeroDefault && v === 0n) return undefined;
      return explicit(integerElement(v));
    }
    case "octets": {
      if (value === undefined) {
        return spec.alwaysWritten ? explicit(octetElement(new Uint8Array(0))) : undefined;
      }
      const b = checkBytes(value, field);
      if (spec.implicit) {
        return encodeElement({
          tagClass: TagClass.context,
          constructed: false,
          tagNumber: spec.tag,
        }, b);
      }
      return explicit(octetElement(b));
    }
    case "string": {
      if (value === undefined) return undefined;
      if (typeof value !== "string") {
        throw new TypeError(
          `Cannot encode SSL session: expected "${field}" to be a string, got ${typeof value}`,
        );
      }
      return explicit(octetElement(utf8Encoder.encode(value)));
    }
    case "comp": {
      if (value === undefined) return undefined;
      const v = checkInt(value, "uint32", field);
      if (v > 255n) {
        throw new RangeError(
          `Cannot encode SSL session: "${field}" must fit in one byte, got ${v}`,
        );
      }
      return explicit(octetElement(Uint8Array.of(Number(v))));
    }
    case "certificate": {
      if (value === undefined) return undefined;
      return explicit(checkBytes(value, field));
    }
    case "spki": {
      if (value === undefined) return undefined;
      return explicit(octetElement(checkBytes(value, field)));
    }
  }
}

function integerElement(v: bigint): Uint8Array {
  return encodeElement(
    { tagClass: TagClass.universal, constructed: false, tagNumber: UniversalTag.integer },
    encodeIntegerContent(v),
  );
}

function octetElement(b: Uint8Array): Uint8Array {
  return encodeElement(
    { tagClass: TagClass.universal, constructed: false, tagNumber: UniversalTag.octetString },
    b,
  );
}

function checkInt(value: unknown, kind: IntKind, field: string): bigint {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(
      `Cannot encode SSL session: expected "${field}" to be an integer, got ${String(value)}`,
    );
  }
  const v = BigInt(value);
  const [lo, hi] = INT_RANGE[kind];
  if (v < lo || v > hi) {
    throw new RangeError(
      `Cannot encode SSL session: "${field}" must be in ${describeRange(kind)}, got ${value}`,
    );
  }
  return v;
}

function checkBytes(value: unknown, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`Cannot encode SSL session: expected "${field}" to be a Uint8Array`);
  }
  return value;
}

function checkCipher(session: SslSession): number {
  const id = Number(checkInt(session.cipherId, "uint32", "cipherId"));
  if (id > 0xffff) {
    throw new RangeError(
      `Cannot encode SSL session: "cipherId" must be a 2-byte id, got 0x${id.toString(16)}`,
    );
  }
  return id;
}

function checkUnknown(fields: unknown): UnknownField[] {
  if (fields === undefined) return [];
  if (!Array.isArray(fields)) {
    throw new TypeError(`Cannot encode SSL session: expected "unknownFields" to be an array`);
  }
  const sorted = [...fields as UnknownField[]].sort((a, b) => a.tag - b.tag);
  let last = LAST_KNOWN_TAG;
  for (const f of sorted) {
    if (!Number.isInteger(f?.tag) || f.tag <= last) {
      throw new TypeError(
        `Cannot encode SSL session: unknown field tags must be distinct integers above [${LAST_KNOWN_TAG}], got [${f?.tag}]`,
      );
    }
    last = f.tag;
    const bytes = checkBytes(f.bytes, `unknownFields[${f.tag}].bytes`);
    let h: DerHeader;
    try {
      h = readHeader(bytes, 0, bytes.length, {});
      if (h.constructed) walkDer(bytes, h.contentStart, h.end, {});
    } catch (e) {
      throw new TypeError(
        `Cannot encode SSL session: unknownFields[${f.tag}].bytes is not one DER element: ${
          (e as Error).message
        }`,
      );
    }
    if (h.tagClass !== TagClass.context || h.tagNumber !== f.tag || h.end !== bytes.length) {
      throw new TypeError(
        `Cannot encode SSL session: unknownFields[${f.tag}].bytes must be exactly one context [${f.tag}] element`,
      );
    }
  }
  return sorted;
}
