import assert from "node:assert/strict";
import {
  decideResumption,
  parseClientTranscript,
  parseHelloMessage,
  parseMessageTrace,
  ResumptionDisagreement,
  serverLinesSignal,
} from "./mod.ts";
import { MSG_CASES, MSG_FIXTURES } from "../../testing/transcript/capture_msg_traces.ts";

const builds = [...Deno.readDirSync(MSG_FIXTURES)].filter((e) => e.isDirectory)
  .map((e) => e.name).sort();
const read = (build: string, file: string) =>
  Deno.readTextFileSync(new URL(`${build}/${file}`, MSG_FIXTURES));

Deno.test("-msg fixtures cover 1.1.1, 3.0, 3.5 and 4.0", () => {
  for (const line of ["1.1.1", "3.0", "3.5", "4.0"]) {
    assert.ok(builds.some((b) => b.startsWith(line)), `no -msg fixtures for ${line}`);
  }
});

for (const build of builds) {
  Deno.test(`parseMessageTrace() reads every ${build} -msg trace`, async (t) => {
    for (const c of MSG_CASES) {
      const tls13 = c.server.tls === "1.3";
      await t.step(`${c.name}: the client's full handshake`, () => {
        const trace = parseMessageTrace(read(build, `${c.name}.client1.txt`), { side: "client" });
        assert.equal(trace.handshakes.length, 1);
        const [h] = trace.handshakes;
        assert.equal(h.version, tls13 ? 0x0304 : 0x0303);
        assert.equal(h.serverCertificate, true);
        assert.deepEqual([h.pskOffered, h.pskAccepted, h.sessionIdEchoed], [false, false, false]);
        assert.equal(h.newSessionTickets, tls13 ? 2 : c.server.noTicket ? 0 : 1);
        assert.ok(trace.messages.some((m) => m.detail === "warning close_notify"));
      });
      await t.step(`${c.name}: the client's resumed handshake`, () => {
        const trace = parseMessageTrace(read(build, `${c.name}.client2.txt`), { side: "client" });
        const [h] = trace.handshakes;
        assert.equal(h.serverCertificate, false, "a resumed handshake has no Certificate");
        assert.equal(h.pskOffered, tls13);
        assert.equal(h.pskAccepted, tls13, "a resumed TLS 1.3 ServerHello has pre_shared_key");
        assert.equal(h.sessionIdEchoed, !tls13, "a resumed TLS 1.2 ServerHello echoes the ID");
        assert.equal(h.ticketOffered, c.name === "tls12-ticket");
        // A resumed TLS 1.3 connection gets one ticket even with -num_tickets 2.
        assert.equal(h.newSessionTickets, tls13 ? 1 : 0);
      });
      await t.step(`${c.name}: the server's view of both`, () => {
        const trace = parseMessageTrace(read(build, `${c.name}.server.txt`), { side: "server" });
        assert.deepEqual(
          trace.handshakes.map((h) => [h.serverCertificate, h.pskAccepted || h.sessionIdEchoed]),
          [[true, false], [false, true]],
        );
      });
      await t.step(`${c.name}: every signal agrees`, () => {
        const server = parseMessageTrace(read(build, `${c.name}.server.txt`), { side: "server" });
        for (const [i, file] of ["client1", "client2"].entries()) {
          const text = read(build, `${c.name}.${file}.txt`);
          const connection = parseClientTranscript(text).first!;
          const verdict = decideResumption({
            connection,
            trace: parseMessageTrace(text, { side: "client" }).handshakes[0],
            serverTrace: server.handshakes[i],
          });
          assert.equal(verdict.reused, i === 1);
          assert.equal(verdict.signals.length, 6, verdict.signals.map((s) => s.name).join(", "));
        }
      });
    }
  });
}

Deno.test("decideResumption() is an error naming each signal when they disagree", () => {
  // A client that says "Reused," although the server sent its certificate and a ServerHello
  // without pre_shared_key: the line lies (or the trace belongs to another connection).
  const text = read(builds[0], "tls13-resume.client1.txt").replace(/^New, /m, "Reused, ");
  const connection = parseClientTranscript(text).first!;
  const trace = parseMessageTrace(text, { side: "client" }).handshakes[0];
  assert.throws(() => decideResumption({ connection, trace }), (e) => {
    assert.ok(e instanceof ResumptionDisagreement);
    assert.match(e.message, /s_client's handshake line says resumed \("Reused," \(line \d+\)\)/);
    assert.match(e.message, /s_client's certificate chain says full/);
    assert.match(e.message, /s_client -msg: Certificate message says full/);
    assert.match(e.message, /s_client -msg: ServerHello says full \(TLS 1\.3 ServerHello without/);
    assert.equal(e.signals.length, 4);
    return true;
  });
  // One signal out of step is enough: the -www page alone says otherwise.
  const honest = parseClientTranscript(read(builds[0], "tls13-resume.client1.txt")).first!;
  assert.throws(
    () => decideResumption({ connection: honest, page: { reused: true } }),
    /s_server -www page says resumed/,
  );
  assert.equal(decideResumption({ connection: honest, page: { reused: false } }).reused, false);
});

Deno.test("decideResumption() reads s_server's own lines as a signal", () => {
  const connection = parseClientTranscript("CONNECTED(00000003)\nReused, TLSv1.2, Cipher is X\n")
    .first!;
  const lines = ["CIPHER is X", "Reused session-id"];
  assert.equal(decideResumption({ connection, serverLines: lines }).signals.length, 3);
  assert.throws(
    () => decideResumption({ connection, serverLines: ["CIPHER is X"] }),
    /s_server's connection lines says full/,
  );
  // Without the summary line the server printed nothing about this connection: no signal.
  assert.equal(decideResumption({ connection, serverLines: [] }).signals.length, 2);
});

Deno.test("parseMessageTrace() refuses a dump shorter than its length", () => {
  assert.throws(
    () =>
      parseMessageTrace("x\n<<< TLS 1.3, Alert [length 0002], warning close_notify\n    01\n", {
        side: "client",
        file: "t.txt",
      }),
    /^SyntaxError: t\.txt:3: .*has length 2 but its dump holds 1 byte/,
  );
});

Deno.test("parseHelloMessage() refuses a truncated hello", () => {
  assert.throws(
    () => parseHelloMessage(new Uint8Array([2, 0, 0, 4, 3, 3, 0, 0]), "sh"),
    /^SyntaxError: sh: expected 32 more byte/,
  );
  assert.throws(() => parseHelloMessage(new Uint8Array([11, 0, 0, 0]), "c"), /handshake type 11/);
});

Deno.test("serverLinesSignal() reads s_server's connection summary, and nothing without one", () => {
  assert.equal(serverLinesSignal(["ACCEPT", "CIPHER is X", "Reused session-id"])?.resumed, true);
  assert.equal(
    serverLinesSignal(["CIPHER is X", "Secure Renegotiation IS supported"])?.resumed,
    false,
  );
  assert.equal(serverLinesSignal(["Reused session-id"]), undefined);
  assert.equal(serverLinesSignal([]), undefined);
});
