import assert from "node:assert/strict";
import { parseSessionFile, readBoringsslSession } from "./session_file.ts";
import { decodeSessionDer } from "../../session/mod.ts";

const TESTDATA = new URL("../../../testdata/boringssl/", import.meta.url);

Deno.test("parseSessionFile() splits a TLS 1.3 -session-out file into one block per ticket", async () => {
  for (const v of ["13", "14"]) {
    const text = await Deno.readTextFile(new URL(`${v}/client_tls13.session-out`, TESTDATA));
    const blocks = parseSessionFile(text, `${v}/client_tls13.session-out`);
    assert.equal(blocks.length, 2, v);
    assert.equal(blocks[0].line, 1);
    for (const b of blocks) assert.equal(b.der[0], 0x30, "a DER SEQUENCE");
    const tls12 = parseSessionFile(
      await Deno.readTextFile(new URL(`${v}/client_tls12.session-out`, TESTDATA)),
    );
    assert.equal(tls12.length, 1, v);
  }
  assert.deepEqual(parseSessionFile(""), []);
});

Deno.test("decodeSessionDer() refuses BoringSSL's session DER (its tags are not OpenSSL's)", async () => {
  for (const v of ["13", "14"]) {
    for (const name of ["client_tls13.session-out", "client_tls12.session-out"]) {
      const [b] = parseSessionFile(await Deno.readTextFile(new URL(`${v}/${name}`, TESTDATA)));
      assert.throws(() => decodeSessionDer(b.der), SyntaxError, `${v}/${name}`);
    }
  }
});

Deno.test("parseSessionFile() names the line of an unterminated block", () => {
  assert.throws(
    () => parseSessionFile("\n-----BEGIN SSL SESSION PARAMETERS-----\nMAA=\n", "s.pem"),
    {
      name: "SyntaxError",
      message: /^s\.pem:2: expected "-----END SSL SESSION PARAMETERS-----"/,
    },
  );
});

Deno.test("readBoringsslSession() reads the ticket of each block of a real -session-out file", async () => {
  for (const v of ["13", "14"]) {
    const name = `${v}/client_tls13.session-out`;
    const blocks = parseSessionFile(await Deno.readTextFile(new URL(name, TESTDATA)), name);
    const sessions = blocks.map((b) => readBoringsslSession(b.der, name));
    for (const s of sessions) {
      assert.equal(s.protocolVersion, 0x0304, name);
      assert.ok(s.ticket && s.ticket.length > 0, `${name}: a ticket`);
      assert.equal(typeof s.ticketAgeAdd, "number", `${name}: [21] ticketAgeAdd`);
      // BoringSSL writes [9] for TLS 1.2 only (a TLS 1.3 lifetime goes into the timeout).
      assert.equal(s.ticketLifetimeHint, 0, `${name}: no [9] lifetime hint`);
    }
    assert.notDeepEqual(sessions[0].ticket, sessions[1].ticket, `${name}: one ticket per block`);
    const tls12 = `${v}/client_tls12.session-out`;
    const [b] = parseSessionFile(await Deno.readTextFile(new URL(tls12, TESTDATA)), tls12);
    const s12 = readBoringsslSession(b.der, tls12);
    assert.equal(s12.ticketLifetimeHint, 7200, `${tls12}: [9] lifetime hint`);
    assert.equal(s12.ticketAgeAdd, undefined, `${tls12}: no ticketAgeAdd`);
  }
});

Deno.test("readBoringsslSession() names the file and offset of DER that does not parse", () => {
  assert.throws(
    () => readBoringsslSession(new Uint8Array([0x30, 0x05, 2, 1]), "x.pem"),
    (e) => e instanceof SyntaxError && /x\.pem/.test(e.message),
  );
  assert.throws(() => readBoringsslSession(new Uint8Array([0x04, 0x00]), "y.pem"), /SEQUENCE/);
  // [21] must hold 4 bytes.
  const bad = new Uint8Array([
    0x30,
    0x10,
    2,
    1,
    1,
    2,
    2,
    3,
    4,
    4,
    2,
    0x13,
    1,
    4,
    0,
    4,
    0,
    0xb5,
    2,
    4,
    0,
  ]);
  bad[1] = bad.length - 2;
  assert.throws(() => readBoringsslSession(bad, "z.pem"), /4-byte ticketAgeAdd/);
});
