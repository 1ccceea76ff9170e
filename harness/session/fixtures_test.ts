/**
 * The codec against every real session file committed under testdata/ (all OpenSSL builds),
 * and against the `sess_id -text -noout` output the same build printed for each.
 */
import assert from "node:assert/strict";
import { decodeSessionDer, encodeSessionDer } from "./ssl_session.ts";
import { encodeSessionPem } from "./session_pem.ts";
import { readSessionFile } from "./read_session_file.ts";
import { findFixtureSessions, TESTDATA } from "../../testing/mod.ts";
import { toHex } from "../../testing/session/samples.ts";
import { compareWithSessIdText, parseSessIdText } from "../../testing/session/sess_id_text.ts";

interface ManifestEntry {
  build: string;
  scenario: string;
  kind: string;
  connection?: number;
  file: string;
}

async function manifestEntries(): Promise<ManifestEntry[]> {
  const text = await Deno.readTextFile(new URL("manifest.json", TESTDATA));
  return (JSON.parse(text) as { fixtures: ManifestEntry[] }).fixtures;
}

const sessions = await findFixtureSessions();

Deno.test("fixtures: testdata/ holds session files from several OpenSSL versions", () => {
  assert.ok(
    sessions.length > 0,
    "no session files under testdata/: the fixture tests would prove nothing",
  );
  const versions = new Set(sessions.map((s) => s.version));
  assert.ok(versions.size >= 2, `sessions from one version only: ${[...versions]}`);
});

Deno.test("decodeSessionDer() round-trips every fixture session byte for byte", async (t) => {
  assert.ok(sessions.length > 0);
  for (const f of sessions) {
    await t.step(f.name, () => {
      const s = decodeSessionDer(f.der, { file: f.name });
      assert.equal(toHex(encodeSessionDer(s)), toHex(f.der));
      // Without the remembered bytes, the canonical encoding is what OpenSSL wrote too.
      assert.equal(toHex(encodeSessionDer({ ...s })), toHex(f.der), "canonical re-encoding");
      assert.equal(
        s.time > 1_500_000_000 && s.time < 4_000_000_000,
        true,
        `time ${s.time} is in seconds`,
      );
      assert.deepEqual(s.unknownFields, [], "no OpenSSL version up to 4.0 writes tags above [20]");
    });
  }
});

Deno.test("encodeSessionPem() writes every fixture session file exactly as OpenSSL did", async (t) => {
  const files = sessions.filter((f) => f.kind === "session-file");
  assert.ok(files.length > 0);
  for (const f of files) {
    await t.step(f.name, async () => {
      const s = await readSessionFile(f.path);
      assert.equal(encodeSessionPem(s), await Deno.readTextFile(f.path));
    });
  }
});

Deno.test("decodeSessionDer() agrees with the committed sess_id -text output of each build", async (t) => {
  const entries = await manifestEntries();
  const pems = entries.filter((e) => e.kind === "session-pem");
  assert.ok(pems.length > 0, "manifest.json lists no session-pem fixtures");
  let compared = 0;
  for (const pem of pems) {
    const text = entries.find((e) =>
      e.kind === "sess_id-text" && e.build === pem.build && e.scenario === pem.scenario &&
      e.connection === pem.connection
    );
    await t.step(pem.file, async () => {
      assert.ok(text, `no sess_id-text fixture beside ${pem.file}`);
      const s = await readSessionFile(decodeURIComponent(new URL(pem.file, TESTDATA).pathname));
      const printed = parseSessIdText(
        await Deno.readTextFile(new URL(text.file, TESTDATA)),
        text.file,
      );
      assert.deepEqual(compareWithSessIdText(s, printed), []);
      compared++;
    });
  }
  assert.equal(compared, pems.length);
});

Deno.test("fixtures: every version writes time and timeout in seconds, kex_group from 3.0 on", () => {
  // Observed facts, asserted so that a regenerated fixture set that changes them is noticed.
  for (const f of sessions) {
    const s = decodeSessionDer(f.der, { file: f.name });
    assert.equal(s.timeout, 7200, `${f.name}: timeout`);
    if (f.version.startsWith("1.1.1")) {
      assert.equal(s.kexGroup, undefined, `${f.name}: 1.1.1 has no [19]`);
    } else assert.notEqual(s.kexGroup, undefined, `${f.name}: 3.x writes [19] kex_group`);
  }
});
