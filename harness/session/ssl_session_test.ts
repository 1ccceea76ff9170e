import assert from "node:assert/strict";
import {
  createSession,
  decodeSessionDer,
  encodeSessionDer,
  SESSION_FLAG_EXTMS,
  type SslSession,
} from "./ssl_session.ts";
import { encodeElement } from "./der.ts";
import {
  FAKE_CERTIFICATE,
  FAKE_SPKI,
  fullSession,
  hex,
  toHex,
} from "../../testing/session/samples.ts";

/** A minimal valid TLS 1.3 session, hand-written so that offsets in messages are known. */
const MINIMAL = hex(
  "30 14" + // SEQUENCE
    "02 01 01" + // version 1            @2
    "02 02 03 04" + // TLS 1.3           @5
    "04 02 13 02" + // cipher 0x1302     @9
    "04 00" + // empty session id        @13
    "04 01 aa" + // master key           @15
    "a4 02 04 00", // [4] empty sid ctx  @18
);

function fields(s: SslSession): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k] = v instanceof Uint8Array ? toHex(v) : v;
  return out;
}

Deno.test("decodeSessionDer() reads a minimal session", () => {
  const s = decodeSessionDer(MINIMAL);
  assert.equal(s.asn1Version, 1);
  assert.equal(s.protocolVersion, 0x0304);
  assert.equal(s.cipherId, 0x1302);
  assert.equal(s.opensslCipherId, 0x03001302);
  assert.deepEqual(s.sessionId, new Uint8Array(0));
  assert.deepEqual(s.masterKey, hex("aa"));
  assert.deepEqual(s.sessionIdContext, new Uint8Array(0));
  assert.equal(s.ticket, undefined);
  assert.equal(s.time, 0);
  assert.equal(s.timeout, 0);
  assert.equal(s.kexGroup, undefined);
  assert.deepEqual(s.unknownFields, []);
  assert.deepEqual(encodeSessionDer(s), MINIMAL);
});

Deno.test("encodeSessionDer() and decodeSessionDer() carry every field", () => {
  const original = fullSession();
  const der = encodeSessionDer(original);
  const back = decodeSessionDer(der);
  assert.deepEqual(fields(back), fields({ ...original, opensslCipherId: 0x03001302 }));
  assert.deepEqual(encodeSessionDer(back), der);
  // A copy without the remembered encodings is encoded canonically: the same bytes here.
  assert.deepEqual(encodeSessionDer({ ...back }), der);
  assert.equal(back.flags & SESSION_FLAG_EXTMS, 1);
  assert.deepEqual(back.peerCertificate, FAKE_CERTIFICATE);
  assert.deepEqual(back.peerRpk, FAKE_SPKI);
});

Deno.test("decodeSessionDer() keeps unknown tags", () => {
  const der = encodeSessionDer(fullSession());
  const s = decodeSessionDer(der);
  assert.deepEqual(s.unknownFields.map((f) => f.tag), [21, 40]);
  assert.equal(toHex(s.unknownFields[0].bytes), "b503020105");
  assert.equal(toHex(s.unknownFields[1].bytes), "9f28020102");
  // Changing a known field keeps the unknown ones, in tag order.
  s.timeout = 300;
  const re = decodeSessionDer(encodeSessionDer(s));
  assert.equal(re.timeout, 300);
  assert.deepEqual(re.unknownFields, s.unknownFields);
});

Deno.test("decodeSessionDer() keeps non-canonical but valid elements byte for byte", () => {
  // Explicit zeros that OpenSSL would omit ([5] verify_result 0, [13] flags 0) and an
  // absent [4]: all valid, none canonical.
  const der = seq("020101 02020303 0402c02f 0400 0400 a503020100 ad03020100 b303020100");
  const s = decodeSessionDer(der);
  assert.equal(s.verifyResult, 0);
  assert.equal(s.flags, 0);
  assert.equal(s.kexGroup, 0);
  assert.deepEqual(encodeSessionDer(s), der);
  // Once a field changes, that field (only) is written canonically.
  s.flags = 1;
  assert.equal(
    toHex(encodeSessionDer(s)),
    "301e020101020203030402c02f04000400a503020100ad03020101b303020100",
  );
  s.verifyResult = 0;
  s.flags = 0;
  s.sessionIdContext = new Uint8Array(0);
  assert.deepEqual(
    encodeSessionDer(s),
    der,
    "values equal to the original keep the original bytes",
  );
});

Deno.test("encodeSessionDer() writes a fresh session the way OpenSSL does", () => {
  const s = createSession({
    protocolVersion: 0x0303,
    cipherId: 0xc02f,
    time: 0x6b0215ee,
    timeout: 7200,
  });
  assert.equal(
    toHex(encodeSessionDer(s)),
    "3021020101020203030402c02f04000400a10602046b0215eea20402021c20a4020400",
  );
  // Integers are minimal, with a sign byte where the top bit is set.
  s.ticketAgeAdd = 0x80000000;
  s.verifyResult = -1;
  const der = toHex(encodeSessionDer(s));
  assert.match(der, /ae0702050080000000/);
  assert.match(der, /a5030201ff/);
});

Deno.test("encodeSessionDer() refuses values that do not fit their ASN.1 type", () => {
  const base = () => createSession({ protocolVersion: 0x0304, cipherId: 0x1301 });
  assert.throws(() => encodeSessionDer({ ...base(), cipherId: 0x10000 }), RangeError);
  assert.throws(() => encodeSessionDer({ ...base(), ticketAgeAdd: -1 }), RangeError);
  assert.throws(() => encodeSessionDer({ ...base(), maxEarlyData: 2 ** 32 }), RangeError);
  assert.throws(() => encodeSessionDer({ ...base(), time: 1.5 }), TypeError);
  assert.throws(
    () => encodeSessionDer({ ...base(), ticket: [1, 2] as unknown as Uint8Array }),
    TypeError,
  );
  assert.throws(() => encodeSessionDer({ ...base(), hostname: 3 as unknown as string }), TypeError);
  assert.throws(() => encodeSessionDer({ ...base(), compressionId: 256 }), RangeError);
  assert.throws(
    () => encodeSessionDer({ ...base(), unknownFields: [{ tag: 5, bytes: hex("a5 03 020101") }] }),
    /above \[20\]/,
  );
  assert.throws(
    () => encodeSessionDer({ ...base(), unknownFields: [{ tag: 22, bytes: hex("b6 03 0201") }] }),
    /not one DER element/,
  );
  assert.throws(
    () => encodeSessionDer({ ...base(), unknownFields: [{ tag: 22, bytes: hex("b7 00") }] }),
    /exactly one context \[22\] element/,
  );
});

/** A SEQUENCE around the given hex body, with the length computed. */
function seq(body: string): Uint8Array {
  return encodeElement({ tagClass: 0, constructed: true, tagNumber: 0x10 }, hex(body));
}

/**
 * Bad inputs, each with what the message must say (offset and expectation). `body` is wrapped
 * in a SEQUENCE with a 2-byte header; `der` is used as it is.
 */
const BAD: { name: string; der?: string; body?: string; message: RegExp }[] = [
  { name: "no bytes", der: "", message: /at byte 0: expected a SEQUENCE, found no bytes/ },
  {
    name: "wrong outer tag",
    der: "31 00",
    message: /at byte 0: expected a SEQUENCE \(SSL_SESSION\), found SET/,
  },
  {
    name: "length past the end",
    der: "30 20 020101",
    message: /at byte 0: expected 32 content bytes for SEQUENCE \(constructed\)/,
  },
  {
    name: "absurd length 2^31",
    der: "30 84 80000000 020101",
    message:
      /at byte 0: expected 2147483648 content bytes for SEQUENCE \(constructed\), but only 3 remain/,
  },
  {
    name: "five length octets",
    der: "30 85 0100000000",
    message: /at byte 1: expected at most 4 length octets, found 5/,
  },
  {
    name: "indefinite length",
    der: "30 80 020101 0000",
    message: /at byte 1: expected a definite length \(DER\), found the indefinite form/,
  },
  {
    name: "non-minimal long length",
    der: "30 81 05 020101 0400",
    message: /at byte 0: expected length 5 in the short form/,
  },
  {
    name: "leading zero length octet",
    der: "30 82 0005 020101 0400",
    message: /at byte 2: expected a minimal length/,
  },
  {
    name: "trailing bytes",
    der: hexOf(MINIMAL) + "00",
    message:
      /at byte 22: expected the end of the data after the SSL_SESSION SEQUENCE, found 1 trailing bytes/,
  },
  {
    name: "empty sequence",
    der: "30 00",
    message: /at byte 2: expected the INTEGER version, found the end of the data/,
  },
  { name: "version 2", body: "020102", message: /at byte 2: expected version 1, found 2/ },
  {
    name: "padded integer",
    der: "30 04 02020001",
    message: /at byte 4: expected a minimally encoded INTEGER, found padding/,
  },
  {
    name: "empty integer",
    der: "30 02 0200",
    message: /at byte 2: expected at least one content byte/,
  },
  {
    name: "not TLS",
    body: "020101 02020200",
    message: /at byte 5: expected a TLS or DTLS protocol version, found 0x200/,
  },
  {
    name: "cipher of 3 bytes",
    body: "020101 02020303 0403000001",
    message: /at byte 9: expected a 2-byte cipher id, found 3 bytes/,
  },
  {
    name: "session id of 33 bytes",
    body: "020101 02020303 0402c02f 0421" + "00".repeat(33),
    message: /at byte 13: expected a session id of at most 32 bytes, found 33/,
  },
  {
    name: "missing master key",
    body: "020101 02020303 0402c02f 0400",
    message: /at byte 15: expected the OCTET STRING master_key, found the end/,
  },
  {
    name: "universal tag among fields",
    body: "020101 02020303 0402c02f 0400 0400 0403000000",
    message: /at byte 17: expected a context-tagged field \[0\]…\[20\], found OCTET STRING/,
  },
  {
    name: "fields out of order",
    body: "020101 02020303 0402c02f 0400 0400 a2030201 01 a1030201 01",
    message: /at byte 22: expected a context tag above \[2\] \(fields in tag order\), found \[1\]/,
  },
  {
    name: "repeated field",
    body: "020101 02020303 0402c02f 0400 0400 a2030201 01 a2030201 01",
    message: /found \[2\]/,
  },
  {
    name: "primitive explicit tag",
    body: "020101 02020303 0402c02f 0400 0400 8201 01",
    message: /at byte 17: expected a constructed \[2\] \(EXPLICIT tag\)/,
  },
  {
    name: "wrong type inside [2]",
    body: "020101 02020303 0402c02f 0400 0400 a2020400",
    message: /at byte 19: expected an INTEGER inside timeout \[2\], found OCTET STRING/,
  },
  {
    name: "extra bytes inside [1]",
    body: "020101 02020303 0402c02f 0400 0400 a104020101 00",
    message: /expected the end of time \[1\], found 1 more bytes/,
  },
  {
    name: "negative uint32",
    body: "020101 02020304 04021302 0400 0400 ae03 0201ff",
    message: /expected ticketAgeAdd \[14\] in 0\.\.2\^32-1 \(UINT32\), found -1/,
  },
  {
    name: "uint32 too large",
    body: "020101 02020304 04021302 0400 0400 ae07 02050100000000",
    message: /found 4294967296/,
  },
  {
    name: "int64 beyond 2^53",
    body: "020101 02020304 04021302 0400 0400 a109 020720000000000000",
    message: /expected time \[1\] in the safe integer range/,
  },
  {
    name: "compression id of 2 bytes",
    body: "020101 02020303 0402c02f 0400 0400 ab04 04020101",
    message: /expected a 1-byte compression id in compressionId \[11\], found 2 bytes/,
  },
  {
    name: "sid ctx of 33 bytes",
    body: "020101 02020303 0402c02f 0400 0400 a423 0421" + "00".repeat(33),
    message: /expected at most 32 bytes in sessionIdContext \[4\], found 33/,
  },
  {
    name: "peer that is not a certificate",
    body: "020101 02020303 0402c02f 0400 0400 a304 3002 0500",
    message: /expected a SEQUENCE in the certificate in peerCertificate \[3\], found NULL/,
  },
  {
    name: "high tag number in low form",
    body: "020101 02020303 0402c02f 0400 0400 bf0500",
    message: /expected tag number 5 in the low-tag form/,
  },
];

function hexOf(b: Uint8Array): string {
  return toHex(b);
}

Deno.test("decodeSessionDer() names the offset and the expectation for bad input", async (t) => {
  for (const bad of BAD) {
    await t.step(bad.name, () => {
      const der = bad.body === undefined ? hex(bad.der ?? "") : seq(bad.body);
      assert.throws(() => decodeSessionDer(der, { file: "bad.der" }), (e: unknown) => {
        assert.ok(e instanceof SyntaxError, `expected a SyntaxError, got ${e}`);
        assert.match(e.message, /^Cannot decode SSL session in "bad\.der" at byte \d+/);
        assert.match(e.message, bad.message);
        return true;
      });
    });
  }
});

Deno.test("decodeSessionDer() refuses deep nesting inside a certificate", () => {
  // A certificate whose first child nests SEQUENCEs 40 deep.
  let inner = hex("0500");
  for (let i = 0; i < 40; i++) inner = seq(toHex(inner));
  const cert = seq(toHex(inner) + "3000 0300");
  const der = seq(
    "020101 02020303 0402c02f 0400 0400 " +
      toHex(encodeElement({ tagClass: 2, constructed: true, tagNumber: 3 }, cert)),
  );
  assert.throws(() => decodeSessionDer(der), /expected nesting at most 30 levels deep/);
  // 29 levels is fine.
  inner = hex("0500");
  for (let i = 0; i < 26; i++) inner = seq(toHex(inner));
  const ok = seq(
    "020101 02020303 0402c02f 0400 0400 " +
      toHex(
        encodeElement(
          { tagClass: 2, constructed: true, tagNumber: 3 },
          seq(toHex(inner) + "3000 030100"),
        ),
      ),
  );
  assert.equal(decodeSessionDer(ok).peerCertificate?.length, ok.length - 2 - 13 - 2 - 2);
});

Deno.test("decodeSessionDer() throws only SyntaxErrors for every truncation and every bit flip", () => {
  const der = encodeSessionDer(fullSession());
  let accepted = 0;
  for (let n = 0; n < der.length; n++) {
    assert.throws(() => decodeSessionDer(der.subarray(0, n)), SyntaxError, `prefix of ${n} bytes`);
  }
  for (let i = 0; i < der.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      const m = der.slice();
      m[i] ^= 1 << bit;
      try {
        const s = decodeSessionDer(m);
        accepted++;
        assert.deepEqual(encodeSessionDer(s), m, `flip ${i}/${bit} must round-trip`);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
      }
    }
  }
  assert.ok(accepted > 0, "flips inside byte strings are still valid sessions");
});

Deno.test("decodeSessionDer() copies its input (later changes to the buffer do not leak in)", () => {
  const der = encodeSessionDer(fullSession());
  const s = decodeSessionDer(der);
  const before = toHex(s.ticket!);
  der.fill(0);
  assert.equal(toHex(s.ticket!), before);
});

Deno.test("encodeSessionDer() notices in-place changes to byte fields", () => {
  const s = decodeSessionDer(encodeSessionDer(fullSession()));
  s.ticket![0] = 0x55;
  assert.equal(decodeSessionDer(encodeSessionDer(s)).ticket![0], 0x55);
});
