/**
 * Live cross-checks against the system `openssl`: sessions captured now (s_server / s_client
 * -sess_out) decode to what `sess_id -text -noout` prints, and sessions this codec encodes
 * (fresh or edited) are accepted by `sess_id -inform DER` and print back the same values.
 */
import assert from "node:assert/strict";
import { createTestPki } from "../pki/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { run } from "../process/mod.ts";
import {
  createSession,
  decodeSessionDer,
  encodeSessionDer,
  type SslSession,
} from "./ssl_session.ts";
import { encodeSessionPem, pemToDer } from "./session_pem.ts";
import { readSessionFile } from "./read_session_file.ts";
import { CAPTURE_CASES, captureSession, sessIdText } from "../../testing/mod.ts";
import { FAKE_SPKI, hex, toHex } from "../../testing/session/samples.ts";
import { compareWithSessIdText, parseSessIdText } from "../../testing/session/sess_id_text.ts";

async function sessIdAgrees(path: string, session: SslSession, inform: "PEM" | "DER" = "PEM") {
  const r = await sessIdText(path, { inform });
  assert.equal(r.code, 0, `sess_id refused ${path}: ${r.stderr}`);
  assert.deepEqual(compareWithSessIdText(session, parseSessIdText(r.stdout, path)), []);
}

Deno.test("decodeSessionPem() agrees with the system openssl for freshly captured sessions", async (t) => {
  await using pki = await createTestPki();
  await using dir = await makePrivateTempDir({ prefix: "session-live-" });
  for (const kase of CAPTURE_CASES) {
    await t.step(kase.name, async () => {
      const path = await captureSession(pki, dir.path, kase);
      const session = await readSessionFile(path);
      const pem = await Deno.readTextFile(path);
      assert.equal(encodeSessionPem(session), pem, "PEM round trip");
      await sessIdAgrees(path, session);
      // sess_id's own DER output is the same bytes as the PEM's content.
      const der = `${path}.der`;
      const r = await run("openssl", {
        args: ["sess_id", "-in", path, "-outform", "DER", "-out", der],
        timeoutMs: 10_000,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(toHex(await Deno.readFile(der)), toHex(pemToDer(pem).der));
      if (kase.name === "tls12_psk") {
        assert.equal(session.pskIdentity, "client-id");
        assert.equal(session.pskIdentityHint, "hint-1");
        assert.equal(session.peerCertificate, undefined);
        assert.equal(session.kexGroup, 0, "3.0 writes [19] even when it is 0");
      }
      if (kase.name === "tls13_alpn_sni") {
        assert.equal(new TextDecoder().decode(session.alpnSelected), "h2");
      }
      if (kase.name === "tls13_early_data") assert.equal(session.maxEarlyData, 16384);
      if (kase.name === "tls12_maxfrag") {
        assert.equal(session.maxFragmentLength, 2, "1024 bytes = mode 2");
      }
      if (kase.name.startsWith("tls12_") && kase.name !== "tls12_psk") {
        assert.equal(session.flags & 1, 1, "EMS");
      }
    });
  }
});

Deno.test("encodeSessionDer() output is accepted by the system openssl sess_id", async (t) => {
  await using dir = await makePrivateTempDir({ prefix: "session-live-" });
  const write = async (name: string, s: SslSession) => {
    const path = `${dir.path}/${name}.der`;
    await Deno.writeFile(path, encodeSessionDer(s));
    return path;
  };
  await t.step("a fresh TLS 1.3 session with every field OpenSSL 3.0 knows", async () => {
    const s = createSession({
      protocolVersion: 0x0304,
      cipherId: 0x1301,
      sessionId: hex("11".repeat(32)),
      masterKey: hex("22".repeat(32)),
      time: 1_700_000_000,
      timeout: 300,
      sessionIdContext: hex("0102"),
      verifyResult: 20,
      hostname: "example.test",
      pskIdentityHint: "hint",
      pskIdentity: "id",
      ticketLifetimeHint: 600,
      ticket: hex("ab".repeat(40) + "20 00"), // ends in a space and a NUL: BIO_dump truncates them
      srpUsername: "srp-user",
      flags: 1,
      ticketAgeAdd: 0xdeadbeef,
      maxEarlyData: 1024,
      alpnSelected: new TextEncoder().encode("h2"),
      maxFragmentLength: 3,
      ticketAppdata: hex("c0ffee"),
      kexGroup: 0x17,
    });
    const path = await write("fresh13", s);
    await sessIdAgrees(path, s, "DER");
  });
  await t.step("a fresh TLS 1.2 session with defaults only", async () => {
    const s = createSession({
      protocolVersion: 0x0303,
      cipherId: 0xc02f,
      time: 1_600_000_000,
      timeout: 7200,
    });
    await sessIdAgrees(await write("fresh12", s), s, "DER");
  });
  await t.step("a captured session with edited fields", async () => {
    await using pki = await createTestPki();
    const captured = await readSessionFile(await captureSession(pki, dir.path, CAPTURE_CASES[0]));
    captured.timeout = 42;
    captured.time += 1;
    captured.ticket = hex("0102030405");
    captured.verifyResult = 10;
    const path = await write("edited", captured);
    await sessIdAgrees(path, captured, "DER");
    assert.equal(decodeSessionDer(await Deno.readFile(path)).timeout, 42);
  });
  await t.step("OpenSSL refuses what only this codec keeps: an unknown [21] field", async () => {
    // Every OpenSSL's template decoder fails on an element after the last one it knows, so
    // unknownFields can only ever come from a newer writer.
    const s = createSession({
      protocolVersion: 0x0304,
      cipherId: 0x1301,
      unknownFields: [{ tag: 21, bytes: hex("b5 03 020105") }],
    });
    const r = await sessIdText(await write("unknown21", s), { inform: "DER" });
    assert.notEqual(r.code, 0, "sess_id accepted a session with an unknown [21]");
    assert.doesNotThrow(() => decodeSessionDer(encodeSessionDer(s)));
  });
  await t.step("OpenSSL 3.0 refuses a [20] peer_rpk field (added in 3.2)", async () => {
    const s = createSession({ protocolVersion: 0x0304, cipherId: 0x1301, peerRpk: FAKE_SPKI });
    const r = await sessIdText(await write("rpk", s), { inform: "DER" });
    // 3.0 knows fields up to [19] kex_group; its decoder then names the field it expected.
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Field=kex_group/);
  });
});
