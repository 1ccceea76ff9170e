import assert from "node:assert/strict";
import { createTestPki } from "../../pki/mod.ts";
import { liveChildCount } from "../../process/mod.ts";
import { runBsslClient } from "./cli_client.ts";
import { startBsslServer } from "./cli_server.ts";
import { FETCHED, liveName } from "../../../testing/impl/boringssl_builds.ts";

const GET = "GET / HTTP/1.0\r\n\r\n";

for (const family of ["13", "14"]) {
  const build = FETCHED.get(family);
  Deno.test({
    name: liveName("startBsslServer() listens on a kernel-chosen port and stops by PID", family),
    ignore: !build,
    async fn() {
      await using pki = await createTestPki();
      const server = await startBsslServer(build!, { cert: pki.chain, key: pki.key });
      assert.ok(server.port > 0);
      // The tool binds the wildcard: recorded, because it cannot be told to bind 127.0.0.1.
      assert.equal(server.listening.address, "::");
      const r = await server.stop();
      assert.equal(r.killed, true);
      assert.equal(liveChildCount(), 0);
    },
  });

  Deno.test({
    name: liveName(
      "runBsslClient() writes both TLS 1.3 tickets of a -www server and resumes",
      family,
    ),
    ignore: !build,
    async fn() {
      await using pki = await createTestPki();
      await using server = await startBsslServer(build!, {
        cert: pki.chain,
        key: pki.key,
        www: true,
      });
      const sess = `${pki.dir}/s.pem`;
      const first = await runBsslClient(build!, server, {
        caFile: pki.caCert,
        sessOut: sess,
        request: GET,
      });
      assert.equal(first.handshake, true, first.result.stderr);
      assert.equal(first.reused, false);
      assert.equal(first.connections[0].version, "TLSv1.3");
      assert.equal(first.sessionsWritten, 2, "BoringSSL's server sends two tickets");
      assert.match(first.result.stdout, /^HTTP\/1\.0 200 OK/);
      const second = await runBsslClient(build!, server, { caFile: pki.caCert, sessIn: sess });
      assert.equal(second.reused, true, second.result.stderr);
      assert.deepEqual(second.evidence.at(-1), "  Resumed session: yes");
      assert.deepEqual(server.output().connections.map((c) => c.resumed), [false, true]);
    },
  });

  Deno.test({
    name: liveName(
      "runBsslClient() gets no TLS 1.3 ticket from a server that never writes",
      family,
    ),
    ignore: !build,
    async fn() {
      await using pki = await createTestPki();
      await using server = await startBsslServer(build!, { cert: pki.chain, key: pki.key });
      const sess = `${pki.dir}/s.pem`;
      const r = await runBsslClient(build!, server, {
        caFile: pki.caCert,
        sessOut: sess,
        holdMs: 200,
      });
      assert.equal(r.handshake, true, r.result.stderr);
      assert.equal(r.sessionsWritten, 0, "tickets leave only with the server's first write");
    },
  });

  Deno.test({
    name: liveName(
      "runBsslClient() -test-resumption resumes a TLS 1.2 ticket in one process",
      family,
    ),
    ignore: !build,
    async fn() {
      await using pki = await createTestPki();
      await using server = await startBsslServer(build!, {
        cert: pki.chain,
        key: pki.key,
        tls: "1.2",
      });
      const r = await runBsslClient(build!, server, { caFile: pki.caCert, resumeInProcess: true });
      assert.equal(r.timedOut, false);
      assert.deepEqual(r.connections.map((c) => [c.version, c.resumed]), [
        ["TLSv1.2", false],
        ["TLSv1.2", true],
      ]);
      assert.equal(r.reused, true);
    },
  });

  Deno.test({
    name: liveName(
      "runBsslClient() ends a -test-resumption that waits forever at the deadline",
      family,
    ),
    ignore: !build,
    async fn() {
      await using pki = await createTestPki();
      await using server = await startBsslServer(build!, {
        cert: pki.chain,
        key: pki.key,
        tls: "1.3",
      });
      const r = await runBsslClient(build!, server, {
        caFile: pki.caCert,
        resumeInProcess: true,
        timeoutMs: 800,
      });
      assert.equal(r.timedOut, true);
      assert.equal(r.connections.length, 1);
      assert.equal(r.reused, false);
    },
  });
}

for (const family of ["13", "14"]) {
  const build = FETCHED.get(family);
  Deno.test({
    name: liveName(
      "BsslServer.write() flushes TLS 1.3 tickets so -test-resumption resumes",
      family,
    ),
    ignore: !build,
    async fn() {
      await using pki = await createTestPki();
      await using server = await startBsslServer(build!, {
        cert: pki.chain,
        key: pki.key,
        tls: "1.3",
      });
      const running = runBsslClient(build!, server, { caFile: pki.caCert, resumeInProcess: true });
      await server.waitForConnections(1);
      await server.write("x\n");
      const r = await running;
      assert.equal(r.timedOut, false, r.result.stderr);
      assert.deepEqual(r.connections.map((c) => c.resumed), [false, true]);
    },
  });
}
