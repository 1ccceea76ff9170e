import assert from "node:assert/strict";
import { parseClientTranscript, parseServerPage, parseSessionBlock } from "./mod.ts";
import {
  type Fixture,
  hex,
  loadManifest,
  readFixture,
  readFixtureIfAny,
  REQUIRED_LINES,
} from "../../testing/transcript/test_fixtures.ts";

const fixtures = await loadManifest();
const builds = [...new Set(fixtures.map((f) => f.build))].sort();

function of(build: string, kind: string): Fixture[] {
  return fixtures.filter((f) => f.build === build && f.kind === kind);
}

Deno.test("fixtures cover every OpenSSL release line", () => {
  for (const line of REQUIRED_LINES) {
    assert.ok(
      builds.some((b) => b.startsWith(line)),
      `no fixtures for OpenSSL ${line} in ${builds.join(", ")}`,
    );
  }
  for (const build of builds) {
    assert.ok(of(build, "s_client-stdout").length > 0, `${build}: no s_client transcripts`);
    assert.ok(of(build, "www-page").length > 0, `${build}: no -www pages`);
    assert.ok(of(build, "sess_id-text").length > 0, `${build}: no sess_id outputs`);
  }
});

for (const build of builds) {
  Deno.test(`parseClientTranscript() reads every ${build} s_client transcript`, async (t) => {
    for (const f of of(build, "s_client-stdout")) {
      await t.step(f.file, async () => {
        const text = await readFixture(f.file);
        const stderr = await readFixtureIfAny(f.file.replace(/stdout\.txt$/, "stderr.txt"));
        const tr = parseClientTranscript(text, { file: f.file, stderr });
        assert.equal(tr.connections.length, 1, "one CONNECTED line, one connection");
        assert.equal(tr.first, tr.connections[0]);
        assert.equal(tr.last, tr.connections[0]);
        const c = tr.connections[0];
        assert.equal(c.connected, "00000003");
        assert.ok(c.handshakeBytes, "SSL handshake has read … bytes");
        if (f.params.expectHandshake === "fail") {
          assert.ok(tr.errors.length > 0, "a failed handshake reports an error line");
          assert.ok(tr.errors.every((e) => e.includes(":error:")));
          if (f.params.failure === "version-mismatch") {
            assert.equal(tr.handshake, undefined, "New, (NONE) is no handshake");
            assert.deepEqual(tr.sessions, []);
            assert.equal(c.handshakeLine?.cipher, "(NONE)");
            assert.equal(c.noPeerCertificate, true);
            assert.equal(c.summarySession?.cipher, "0000");
          } else {
            // The client gives up after the server's certificate, yet s_client prints a
            // "New, TLSv1.3" line: only the verification result and the errors tell.
            assert.equal(c.verification?.ok, false);
            assert.equal(c.verifyReturnCode, 20);
            assert.ok(tr.verifyErrors.some((v) => v.includes("num=20")));
            assert.deepEqual(c.tickets, []);
          }
          return;
        }
        assert.deepEqual(tr.errors, []);
        assert.ok(tr.handshake, "New/Reused line");
        assert.equal(tr.handshake.reused, f.params.resumeFrom !== undefined);
        assert.equal(c.protocol, f.params.protocol);
        assert.equal(c.verification?.ok, true);
        if (!tr.handshake.reused) {
          assert.equal(c.certificateChain, true);
          assert.equal(c.chainLength, 1);
        }
        assert.equal(c.serverCertificate, true);
        if (f.params.protocol === "TLSv1.3") {
          const want = f.params.resumeFrom !== undefined ? 1 : f.params.numTickets ?? 2;
          assert.equal(tr.tickets.length, want, "ticket blocks = tickets the server sends");
          assert.equal(c.summarySession, undefined);
          assert.equal(c.verifyReturnCode, 0);
          for (const s of tr.tickets) {
            assert.equal(s.protocol, "TLSv1.3");
            assert.equal(s.resumptionPsk?.length, 48);
            assert.equal(s.masterKey, undefined);
            assert.ok(s.ticket && s.ticket.length > 0);
            assert.equal(s.ticketLifetimeHint, 7200);
            assert.equal(s.maxEarlyData, 0);
            assert.equal(s.verifyReturnCode, 0);
            assert.deepEqual(s.unknownLines, []);
          }
          if (tr.tickets.length >= 2) {
            const [a, z] = [tr.tickets[0], tr.tickets[tr.tickets.length - 1]];
            assert.notEqual(hex(a.resumptionPsk), hex(z.resumptionPsk), "PSKs differ");
            assert.notEqual(hex(a.ticket), hex(z.ticket), "tickets differ");
            assert.notEqual(hex(a.sessionId), hex(z.sessionId), "session IDs differ");
          }
        } else {
          assert.equal(tr.tickets.length, 0);
          const s = c.summarySession;
          assert.ok(s, "TLS 1.2 prints the session in the summary");
          assert.equal(s.protocol, "TLSv1.2");
          assert.equal(s.masterKey?.length, 48);
          assert.equal(s.resumptionPsk, undefined);
          assert.equal(s.extendedMasterSecret, true);
          assert.equal(s.maxEarlyData, undefined);
          assert.equal(s.ticket !== undefined, !f.params.noTicket);
        }
        // What -sess_out wrote is the last session block of the transcript.
        const sessId = await readFixtureIfAny(f.file.replace(/stdout\.txt$/, "sess_id.txt"));
        if (sessId !== undefined) {
          const file = f.file.replace(/stdout\.txt$/, "sess_id.txt");
          const saved = parseSessionBlock(sessId, { file });
          const last = tr.lastSession!;
          assert.equal(hex(saved.sessionId), hex(last.sessionId));
          assert.equal(
            hex(saved.resumptionPsk ?? saved.masterKey),
            hex(last.resumptionPsk ?? last.masterKey),
          );
          assert.equal(hex(saved.ticket), hex(last.ticket));
          assert.equal(saved.startTime, last.startTime);
          assert.equal(saved.timeout, last.timeout);
        }
      });
    }
  });

  Deno.test(`parseSessionBlock() reads every ${build} sess_id -text output`, async (t) => {
    for (const f of of(build, "sess_id-text")) {
      await t.step(f.file, async () => {
        const s = parseSessionBlock(await readFixture(f.file), { file: f.file });
        assert.equal(s.protocol, f.params.protocol);
        assert.equal(s.line, 1);
        assert.equal(s.timeout, 7200);
        assert.ok(s.startTime && s.startTime > 1_600_000_000);
        assert.equal(s.verifyReturnCode, 0);
        assert.equal(s.verifyReturnText, "ok");
        assert.deepEqual(s.unknownLines, []);
        if (f.params.protocol === "TLSv1.3") assert.equal(s.resumptionPsk?.length, 48);
        else assert.equal(s.masterKey?.length, 48);
      });
    }
  });

  Deno.test(`parseServerPage() reads every ${build} -www page`, async (t) => {
    for (const f of of(build, "www-page")) {
      await t.step(f.file, async () => {
        const page = parseServerPage(await readFixture(f.file), { file: f.file });
        const resumed = f.params.resumeFrom !== undefined;
        assert.equal(page.status, "HTTP/1.0 200 ok");
        assert.equal(page.reused, resumed);
        assert.equal(page.protocol, f.params.protocol);
        assert.match(page.commandLine ?? "", /^s_server .*-www/);
        assert.equal(page.clientCertificate, false);
        assert.equal(page.cache.hits, resumed ? 1 : 0);
        assert.equal(page.cache.serverAccepts, f.connection);
        assert.equal(page.cache.serverAcceptsFinished, f.connection);
        assert.equal(page.cache.cacheSize, 128);
        assert.equal(Object.keys(page.counters).length, 12);
        assert.equal(page.session.verifyReturnCode, 0);
        // The server's session holds the key of the client's last session (-sess_out).
        const sessId = await readFixtureIfAny(f.file.replace(/www\.txt$/, "sess_id.txt"));
        if (sessId !== undefined) {
          const client = parseSessionBlock(sessId);
          assert.equal(
            hex(page.session.resumptionPsk ?? page.session.masterKey),
            hex(client.resumptionPsk ?? client.masterKey),
          );
        }
      });
    }
  });
}
