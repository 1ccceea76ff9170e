import assert from "node:assert/strict";
import { parseSessionFile } from "./session_file.ts";
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
