/**
 * Test helpers: synthetic sessions with every field set and hex helpers, shared by the codec's
 * tests. Not exported from mod.ts. (The walk over testdata/'s sessions is
 * testing/fixture_sessions.ts: it reads files, and this folder stays pure.)
 *
 * @module
 */
import { concatBytes, encodeElement, TagClass, UniversalTag } from "../../harness/session/der.ts";
import { createSession, type SslSession } from "../../harness/session/ssl_session.ts";

/** Bytes from a hex string (spaces, colons and dashes ignored). */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/[\s:-]/g, "");
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new TypeError(`Not a hex string: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return Uint8Array.from(
    { length: clean.length / 2 },
    (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16),
  );
}

export { toHex } from "../../harness/encoding/mod.ts";

const seq = (...children: Uint8Array[]) =>
  encodeElement({
    tagClass: TagClass.universal,
    constructed: true,
    tagNumber: UniversalTag.sequence,
  }, concatBytes(children));
const prim = (tagNumber: number, content: Uint8Array) =>
  encodeElement({ tagClass: TagClass.universal, constructed: false, tagNumber }, content);

/** Something certificate-shaped: SEQUENCE { SEQUENCE {INTEGER}, SEQUENCE {OID}, BIT STRING }. */
export const FAKE_CERTIFICATE: Uint8Array = seq(
  seq(prim(UniversalTag.integer, Uint8Array.of(2))),
  seq(prim(0x06, hex("2a8648ce3d040302"))),
  prim(UniversalTag.bitString, hex("00 01 02 03")),
);

/** A SubjectPublicKeyInfo shape: SEQUENCE { SEQUENCE { OID }, BIT STRING }. */
export const FAKE_SPKI: Uint8Array = seq(
  seq(prim(0x06, hex("2b656e"))),
  prim(UniversalTag.bitString, hex("00 11 22 33")),
);

/** A session with every known field set plus two unknown ones ([21] and the high tag [40]). */
export function fullSession(): SslSession {
  return createSession({
    protocolVersion: 0x0304,
    cipherId: 0x1302,
    sessionId: hex("01".repeat(32)),
    masterKey: hex("02".repeat(48)),
    keyArg: hex("0304"),
    time: 1_700_000_000,
    timeout: 7200,
    peerCertificate: FAKE_CERTIFICATE,
    sessionIdContext: hex("0a0b0c"),
    verifyResult: 18,
    hostname: "localhost",
    pskIdentityHint: "hint",
    pskIdentity: "identity",
    ticketLifetimeHint: 7200,
    ticket: hex("aa".repeat(100)),
    compressionId: 1,
    srpUsername: "user",
    flags: 1,
    ticketAgeAdd: 0xfedcba98,
    maxEarlyData: 16384,
    alpnSelected: new TextEncoder().encode("h2"),
    maxFragmentLength: 2,
    ticketAppdata: hex("beef"),
    kexGroup: 0x1d,
    peerRpk: FAKE_SPKI,
    unknownFields: [
      {
        tag: 21,
        bytes: encodeElement(
          { tagClass: TagClass.context, constructed: true, tagNumber: 21 },
          prim(UniversalTag.integer, Uint8Array.of(5)),
        ),
      },
      {
        tag: 40,
        bytes: encodeElement(
          { tagClass: TagClass.context, constructed: false, tagNumber: 40 },
          hex("0102"),
        ),
      },
    ],
  });
}
