/**
 * The SSL_SESSION encoder: a typed {@linkcode SslSession} out as DER, in OpenSSL's field
 * order; fields unchanged since decoding are written back with their original bytes.
 *
 * @module
 */
import {
  concatBytes,
  type DerHeader,
  encodeElement,
  encodeIntegerContent,
  readHeader,
  TagClass,
  UniversalTag,
  walkDer,
} from "./der.ts";
import type { SslSession, SslSessionInit, UnknownField } from "./session_types.ts";
import {
  describeRange,
  type FieldSpec,
  INT_RANGE,
  type IntKind,
  LAST_KNOWN_TAG,
  originals,
  sameValue,
  SSL_SESSION_ASN1_VERSION,
  TAGGED,
} from "./_session_schema.ts";

const utf8Encoder = new TextEncoder();

/**
 * A new session with OpenSSL's defaults for everything not given (asn1Version 1, empty
 * session id / master key / context, zero integers, no optional elements).
 *
 * @example
 * ```ts
 * import { createSession, encodeSessionDer } from "./session_types.ts";
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
 * import { createSession, encodeSessionDer } from "./session_types.ts";
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
