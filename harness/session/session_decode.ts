import { checkInputSize } from "../encoding/mod.ts";
/**
 * The SSL_SESSION decoder: strict DER in, a typed {@linkcode SslSession} out, with each
 * field's original bytes remembered for the encoder.
 *
 * @module
 */
import {
  decodeIntegerContent,
  type DerContext,
  derError,
  type DerHeader,
  describeTag,
  expectHeader,
  readHeader,
  TagClass,
  UniversalTag,
  walkDer,
} from "./der.ts";
import type { DecodeOptions, SslSession } from "./session_types.ts";
import {
  describeRange,
  type FieldSpec,
  INT_RANGE,
  type IntKind,
  LAST_KNOWN_TAG,
  MAX_MASTER_KEY,
  MAX_SESSION_ID,
  type Original,
  originals,
  SSL_SESSION_ASN1_VERSION,
  TAGGED,
} from "./_session_schema.ts";

const utf8 = new TextDecoder("utf-8");

/**
 * Decode the DER of an SSL_SESSION (what `i2d_SSL_SESSION` and `sess_id -outform DER` write).
 * Strict DER: definite minimal lengths, minimal INTEGERs, fields in tag order, nothing after
 * the SEQUENCE. It also refuses what OpenSSL's own `d2i_SSL_SESSION` refuses (version ≠ 1, a
 * protocol major other than 3/0xfe, a cipher that is not 2 bytes, a session id over 32 bytes, a
 * master key over 64, a session id context over 32, a compression id that is not 1 byte).
 *
 * @example
 * ```ts
 * import { decodeSessionDer, encodeSessionDer, createSession } from "./session_types.ts";
 * const der = encodeSessionDer(createSession({ protocolVersion: 0x0304, cipherId: 0x1302 }));
 * const session = decodeSessionDer(der, { file: "example.der" });
 * console.log(session.cipherId.toString(16)); // "1302"
 * ```
 * @throws {SyntaxError} naming the file, the byte offset and what was expected.
 */
export function decodeSessionDer(bytes: Uint8Array, options: DecodeOptions = {}): SslSession {
  if (bytes instanceof Uint8Array) {
    checkInputSize(bytes.length, options.file ?? "<SSL session DER>", options.maxBytes);
  }
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

function snapshot(value: unknown): unknown {
  return value instanceof Uint8Array ? value.slice() : value;
}
