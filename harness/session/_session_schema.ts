/**
 * Private to the codec: the SSL_SESSION schema (one row per context tag, in OpenSSL's order),
 * the integer ranges and limits OpenSSL's d2i_SSL_SESSION enforces, and the original encodings
 * a decoded session keeps so that unchanged fields are written back byte for byte. Shared by
 * the decoder and the encoder.
 *
 * @module
 */
import type { SslSession } from "./session_types.ts";

/** The value of `asn1Version` in every OpenSSL from 1.0 to 4.0. */
export const SSL_SESSION_ASN1_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// The schema: one row per context tag, in the order OpenSSL declares them.

export type IntKind = "uint32" | "int32" | "int64" | "uint64";
export type Kind = IntKind | "octets" | "string" | "certificate" | "spki" | "comp";

export interface FieldSpec {
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

export const TAGGED: readonly FieldSpec[] = [
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

export const MAX_SESSION_ID = 32;
export const MAX_MASTER_KEY = 64;

export const INT_RANGE: Record<IntKind, [bigint, bigint]> = {
  uint32: [0n, 0xffff_ffffn],
  int32: [-0x8000_0000n, 0x7fff_ffffn],
  // 64-bit fields are exposed as numbers, so they are limited to the safe integer range.
  int64: [BigInt(Number.MIN_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER)],
  uint64: [0n, BigInt(Number.MAX_SAFE_INTEGER)],
};

// ---------------------------------------------------------------------------------------------
// Original encodings, kept beside a decoded session so that unchanged fields round-trip exactly.

/** What the decoder saw for one field: the value it produced and the element's bytes. */
export interface Original {
  value: unknown;
  /** The full element (for tagged fields: the outer [n] element); undefined when absent. */
  bytes?: Uint8Array;
}

export const originals = new WeakMap<SslSession, Map<string, Original>>();

export function describeRange(kind: IntKind): string {
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

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return a === b;
}
