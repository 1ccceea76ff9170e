import assert from "node:assert/strict";
import { createTestPki } from "../../pki/mod.ts";
import { liveChildCount, ProcessError } from "../../process/mod.ts";
import { runGnutlsCli } from "./cli_client.ts";
import { GnutlsServer } from "./cli_server.ts";
import { fetchedBuilds } from "../../../testing/impl/gnutls_fixtures.ts";
import { gnutls } from "./mod.ts";

const builds = await fetchedBuilds();

Deno.test("GnutlsServer.args() maps the options to gnutls-serv flags", () => {
  assert.deepEqual(
    GnutlsServer.args({ cert: "c", key: "k", tls: "1.2", noTicket: true, noDb: true }, 4433),
    [
      "--echo",
      "--port",
      "4433",
      "--x509certfile",
      "c",
      "--x509keyfile",
      "k",
      "--priority",
      "NORMAL:-VERS-ALL:+VERS-TLS1.2",
      "--noticket",
      "--nodb",
    ],
  );
  assert.equal(GnutlsServer.args({ cert: "c", key: "k", http: true }, 1)[0], "--http");
});

for (const build of builds) {
  Deno.test(`${build.id}: gnutls-cli --resume resumes against gnutls-serv (TLS 1.3 ticket, TLS 1.2 session ID)`, async () => {
    await using pki = await createTestPki();
    {
      await using server = await gnutls.startServer(build, { cert: pki.cert, key: pki.key });
      const run = await gnutls.runClient(build, { port: server.port }, {
        caFile: pki.caCert,
        tls: "1.3",
        resumeInProcess: true,
      });
      assert.equal(run.handshake, true, run.stdout + run.stderr);
      assert.equal(run.reused, true, run.stdout);
      assert.ok(run.evidence.includes("*** This is a resumed session"));
      const conns = await server.waitForConnections(2);
      assert.deepEqual(conns.map((c) => [c.version, c.resumed]), [["TLS1.3", false], [
        "TLS1.3",
        true,
      ]]);
      assert.match(
        server.readyLine,
        new RegExp(`IPv4 0\\.0\\.0\\.0 port ${server.port}\\.\\.\\.done`),
      );
    }
    {
      await using server = await gnutls.startServer(build, {
        cert: pki.cert,
        key: pki.key,
        tls: "1.2",
        noTicket: true,
      });
      const run = await gnutls.runClient(build, { port: server.port }, {
        caFile: pki.caCert,
        resumeInProcess: true,
      });
      assert.equal(run.reused, true, run.stdout);
      const conns = await server.waitForConnections(2);
      assert.deepEqual(conns.map((c) => c.resumed), [false, true]);
      assert.equal(conns[0].sessionId, conns[1].sessionId);
    }
    assert.equal(liveChildCount(), 0);
  });

  Deno.test(`${build.id}: gnutls-serv --noticket cannot resume TLS 1.3; inline ^resume^ alternates full and resumed handshakes`, async () => {
    await using pki = await createTestPki();
    {
      await using server = await gnutls.startServer(build, {
        cert: pki.cert,
        key: pki.key,
        tls: "1.3",
        noTicket: true,
      });
      const run = await gnutls.runClient(build, { port: server.port }, {
        caFile: pki.caCert,
        resumeInProcess: true,
      });
      assert.equal(run.handshake, true, run.stdout + run.stderr);
      assert.equal(run.reused, false, run.stdout);
      assert.equal(run.connections[1].handshake, "resume");
    }
    {
      await using server = await gnutls.startServer(build, { cert: pki.cert, key: pki.key });
      const run = await gnutls.runClient(build, { port: server.port }, {
        caFile: pki.caCert,
        // TLS 1.2: the session is complete when the handshake is; a TLS 1.3 ^resume^ sent right
        // after "Handshake was completed" can precede the ticket and make a full handshake.
        tls: "1.2",
        inlineResumes: 3,
      });
      assert.deepEqual(
        run.connections.map((c) => c.resumed),
        [false, true, false, true],
        run.stdout,
      );
      assert.equal(run.reused, true);
      const conns = await server.waitForConnections(4);
      assert.deepEqual(conns.map((c) => c.resumed), [false, true, false, true]);
      const result = await server.stop();
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^Exiting via signal 15$/m);
    }
    assert.equal(liveChildCount(), 0);
  });
}

Deno.test("GnutlsServer.start() fails when the IPv4 bind fails, though gnutls-serv keeps running", async () => {
  const [build] = builds;
  if (!build) return;
  await using pki = await createTestPki();
  // Measured: with 127.0.0.1:P taken, gnutls-serv prints "...bind() failed" for IPv4, binds IPv6
  // and stays up; a start that waited only for "done" would hand out a port it does not serve.
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (taken.addr as Deno.NetAddr).port;
    await assert.rejects(
      () => GnutlsServer.start(build.cli["gnutls-serv"], { cert: pki.cert, key: pki.key, port }),
      (e: Error) => e instanceof ProcessError && e.message.includes(`could not bind port ${port}`),
    );
    assert.equal(liveChildCount(), 0);
  } finally {
    taken.close();
  }
});

Deno.test("runGnutlsCli() is killed at its deadline when the server never answers", async () => {
  const [build] = builds;
  if (!build) return;
  await using pki = await createTestPki();
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const c of silent) held.push(c);
  })();
  try {
    const port = (silent.addr as Deno.NetAddr).port;
    await assert.rejects(
      () => runGnutlsCli(build.cli["gnutls-cli"], { port }, { caFile: pki.caCert, timeoutMs: 800 }),
      (e: Error) => e instanceof ProcessError && /timed out after 800 ms|aborted/.test(e.message),
    );
    assert.equal(liveChildCount(), 0);
  } finally {
    silent.close();
    for (const c of held) c.close();
    await accepting.catch(() => {});
  }
});

Deno.test("gnutls.startServer() refuses a build without the cli-server capability", async () => {
  const [build] = builds;
  if (!build) return;
  await assert.rejects(
    () => gnutls.startServer({ ...build, capabilities: ["cli-client"] }, { cert: "c", key: "k" }),
    /lacks the "cli-server" capability/,
  );
});

for (const build of builds) {
  Deno.test(`${build.id}: runGnutlsCli() noTicket resumes TLS 1.2 by session ID only`, async () => {
    await using pki = await createTestPki();
    for (const noDb of [false, true]) {
      await using server = await gnutls.startServer(build, {
        cert: pki.cert,
        key: pki.key,
        tls: "1.2",
        noDb,
      });
      const run = await gnutls.runClient(build, { port: server.port }, {
        caFile: pki.caCert,
        resumeInProcess: true,
        noTicket: true,
      });
      // Without tickets only the server's session cache can resume; --nodb removes it.
      assert.equal(run.reused, !noDb, `noDb=${noDb}\n${run.stdout}`);
      assert.match(run.command, /NORMAL:%NO_TICKETS/);
    }
  });
}
