// The measured facts in servers/README.md come from these tests (system OpenSSL 3.0.x against
// Deno 2.9.6's rustls). They assert what was measured, so a Deno or OpenSSL upgrade that changes
// a fact fails here and the README must be updated with it.
import assert from "node:assert/strict";
import { createTestPki, type TestPki } from "../harness/pki/mod.ts";
import { type ChildProcess, type ProcessResult, spawn } from "../harness/process/mod.ts";
import { runDenoTlsClient } from "./deno_tls_client.ts";
import { startDenoTlsServer } from "./deno_tls_server.ts";
import { spawnDenoServer, SYSTEM_OPENSSL } from "./_testing.ts";

const TICKET_LINE = "Post-Handshake New Session Ticket arrived:";

/**
 * One `openssl s_client` connection to the Deno TLS server. stdin stays open until the server's
 * greeting arrives: rustls sends its tickets before the greeting, and s_client handles them in
 * the same read, so by then `-sess_out` has been written. Then "quit" (lower case: s_client
 * itself acts on lines starting with "Q") makes the server close, and s_client exits. Its
 * stdout is block-buffered into the pipe, so the transcript is read only after it exits.
 */
async function sClient(port: number, pki: TestPki, args: string[]): Promise<ProcessResult> {
  await using child = spawn(SYSTEM_OPENSSL, {
    args: ["s_client", "-connect", `127.0.0.1:${port}`, "-CAfile", pki.caCert, ...args],
    stdin: true,
  });
  await child.waitForLine(/^HELLO conn=\d+$/, { timeoutMs: 10_000 });
  await child.write("quit\n");
  const r = await child.wait({ timeoutMs: 10_000 });
  assert.equal(r.code, 0, `s_client failed:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^\s*Verify return code: 0 \(ok\)$/m);
  return r;
}

/** The "New, …" or "Reused, …" line of an s_client transcript or an s_server -www page. */
function sessionLine(text: string): string {
  const m = /^(New|Reused), (TLSv[\d.]+),.*$/m.exec(text);
  assert.ok(m, `no "New," / "Reused," line in:\n${text}`);
  return `${m[1]}, ${m[2]}`;
}

function ticketCount(transcript: string): number {
  return transcript.split("\n").filter((l) => l === TICKET_LINE).length;
}

Deno.test("deno_tls_server.ts gives s_client two TLS 1.3 tickets; the saved one resumes once", async () => {
  await using pki = await createTestPki();
  const { child, port } = await spawnDenoServer(pki);
  await using _server = child;
  const sess = `${pki.dir}/deno_server_session.pem`;

  const first = await sClient(port, pki, ["-sess_out", sess]);
  assert.equal(sessionLine(first.stdout), "New, TLSv1.3");
  assert.equal(ticketCount(first.stdout), 2, first.stdout);
  assert.match(await Deno.readTextFile(sess), /^-----BEGIN SSL SESSION PARAMETERS-----$/m);

  // DT-1: the saved ticket (s_client keeps the last one it got) resumes.
  const resumed = await sClient(port, pki, ["-sess_in", sess]);
  assert.equal(sessionLine(resumed.stdout), "Reused, TLSv1.3");
  // A resumed connection gets two fresh tickets as well.
  assert.equal(ticketCount(resumed.stdout), 2, resumed.stdout);

  // DT-2: rustls keeps TLS 1.3 tickets in a server-side cache and takes them out on use, so
  // the same ticket does not resume a second time.
  const again = await sClient(port, pki, ["-sess_in", sess]);
  assert.equal(sessionLine(again.stdout), "New, TLSv1.3");

  const r = await child.kill();
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    [...r.stderr.matchAll(/^conn=(\d+) handshake done/gm)].map((m) => Number(m[1])),
    [1, 2, 3],
  );
});

Deno.test("startDenoTlsServer() speaks TLS 1.2 when s_client insists, with reusable session IDs", async () => {
  await using pki = await createTestPki();
  await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key });
  const sess = `${pki.dir}/tls12_session.pem`;

  const first = await sClient(server.port, pki, ["-tls1_2", "-sess_out", sess]);
  assert.equal(sessionLine(first.stdout), "New, TLSv1.2");
  // No TLS 1.2 ticket: the session block has no "TLS session ticket:" and s_client's
  // session ID is the server's (stateful cache).
  assert.doesNotMatch(first.stdout, /TLS session ticket:/);
  assert.match(first.stdout, /^\s+Session-ID: [0-9A-F]{64}$/m);

  const second = await sClient(server.port, pki, ["-tls1_2", "-sess_in", sess]);
  const third = await sClient(server.port, pki, ["-tls1_2", "-sess_in", sess]);
  assert.equal(sessionLine(second.stdout), "Reused, TLSv1.2");
  assert.equal(sessionLine(third.stdout), "Reused, TLSv1.2");

  // Nothing in what Deno tells the server distinguishes a resumed connection or the version.
  const seen = server.connections().map((c) => c.handshake);
  assert.deepEqual(seen, [1, 2, 3].map(() => ({ alpnProtocol: null })));
});

/** `openssl s_server -www` on a kernel-picked port; resolves once it prints `ACCEPT`. */
async function startSServer(
  pki: TestPki,
  args: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(SYSTEM_OPENSSL, {
    args: [
      "s_server",
      "-www",
      "-accept",
      "127.0.0.1:0",
      "-cert",
      pki.cert,
      "-key",
      pki.key,
      ...args,
    ],
  });
  try {
    const accept = await child.waitForLine(/^ACCEPT 127\.0\.0\.1:\d+$/, { timeoutMs: 10_000 });
    return { child, port: Number(accept.split(":")[1]) };
  } catch (e) {
    await child.kill();
    throw e;
  }
}

Deno.test("runDenoTlsClient() never resumes against openssl s_server -www (DT-3)", async () => {
  await using pki = await createTestPki();
  const { child: sServer, port } = await startSServer(pki, ["-naccept", "5"]);
  await using _sServer = sServer;

  const results = await runDenoTlsClient({ port, ca: pki.caCert, count: 3, timeoutMs: 10_000 });
  assert.deepEqual(results.map((r) => [r.ok, r.error]), [1, 2, 3].map(() => [true, undefined]));
  // The page states the server's view: every Deno connection was a full handshake.
  assert.deepEqual(
    results.map((r) => sessionLine(r.response)),
    ["New, TLSv1.3", "New, TLSv1.3", "New, TLSv1.3"],
  );

  // Control: the same s_server does resume a client that offers a ticket, so the "New," above
  // is the Deno client's doing.
  const sess = `${pki.dir}/s_server_session.pem`;
  const page = async (args: string[]) => {
    await using c = spawn(SYSTEM_OPENSSL, {
      args: ["s_client", "-connect", `127.0.0.1:${port}`, "-CAfile", pki.caCert, ...args],
      stdin: true,
    });
    await c.write("GET / HTTP/1.0\r\n\r\n");
    const r = await c.wait({ timeoutMs: 10_000 });
    const body = r.stdout.slice(r.stdout.indexOf("HTTP/1.0 200 ok"));
    return sessionLine(body);
  };
  assert.equal(await page(["-sess_out", sess]), "New, TLSv1.3");
  assert.equal(await page(["-sess_in", sess]), "Reused, TLSv1.3");

  const r = await sServer.wait({ timeoutMs: 10_000 });
  assert.equal(r.code, 0, r.stderr);
});

Deno.test("runDenoTlsClient() speaks TLS 1.2 to s_server -tls1_2 and does not resume there either", async () => {
  await using pki = await createTestPki();
  const { child: sServer, port } = await startSServer(pki, ["-tls1_2", "-naccept", "2"]);
  await using _sServer = sServer;
  const results = await runDenoTlsClient({ port, ca: pki.caCert, count: 2, timeoutMs: 10_000 });
  assert.deepEqual(
    results.map((r) => r.ok ? sessionLine(r.response) : r.error),
    ["New, TLSv1.2", "New, TLSv1.2"],
  );
  const r = await sServer.wait({ timeoutMs: 10_000 });
  assert.equal(r.code, 0, r.stderr);
});
