import assert from "node:assert/strict";
import { createTestPki } from "../../pki/mod.ts";
import { liveChildCount, run, spawn } from "../../process/mod.ts";
import { fetchedBuilds } from "../../../testing/impl/gnutls_fixtures.ts";
import { gnutls } from "./mod.ts";

// The host's openssl as the other peer: what the interop scenarios will do through the engine.
const builds = await fetchedBuilds();
const haveOpenssl = await run("openssl", { args: ["version"], timeoutMs: 5000 }).then(
  (r) => r.code === 0,
  () => false,
);

/**
 * One s_client connection, closed after an echo round trip: s_client's stdout is block-buffered
 * on a pipe and writing the echo flushes it, so the ticket blocks (sent before the echo) are in.
 */
async function sClient(port: number, ca: string, args: string[]) {
  await using c = spawn("openssl", {
    args: ["s_client", "-connect", `127.0.0.1:${port}`, "-CAfile", ca, ...args],
    stdin: true,
  });
  await c.waitForLine(/^(New|Reused), /, { timeoutMs: 10_000 });
  await c.write("ping\n");
  await c.waitForLine(/^ping$/, { timeoutMs: 10_000 });
  await c.closeStdin();
  const r = await c.wait({ timeoutMs: 10_000 });
  const lines = r.stdout.split("\n");
  return {
    verdict: lines.find((l) => /^(New|Reused), /.test(l)),
    tickets: lines.filter((l) => l === "Post-Handshake New Session Ticket arrived:").length,
  };
}

const NEW_13 = "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384";

for (const build of builds) {
  Deno.test({
    name: `${build.id}: gnutls-serv sends two TLS 1.3 tickets; s_client resumes twice with one`,
    ignore: !haveOpenssl,
    fn: async () => {
      await using pki = await createTestPki();
      const sess = `${pki.dir}/s.pem`;
      await using server = await gnutls.startServer(build, { cert: pki.cert, key: pki.key });
      const first = await sClient(server.port, pki.caCert, ["-tls1_3", "-sess_out", sess]);
      assert.deepEqual(first, { verdict: NEW_13, tickets: 2 });
      for (let i = 0; i < 2; i++) {
        const again = await sClient(server.port, pki.caCert, ["-tls1_3", "-sess_in", sess]);
        assert.match(again.verdict ?? "", /^Reused, TLSv1\.3/, `use ${i + 1} of the same ticket`);
      }
      const conns = await server.waitForConnections(3);
      assert.deepEqual(conns.map((c) => c.resumed), [false, true, true]);
    },
  });

  Deno.test({
    name: `${build.id}: gnutls-serv --noticket sends no TLS 1.3 ticket; -sess_out writes nothing`,
    ignore: !haveOpenssl,
    fn: async () => {
      await using pki = await createTestPki();
      const sess = `${pki.dir}/s.pem`;
      await using server = await gnutls.startServer(build, {
        cert: pki.cert,
        key: pki.key,
        noTicket: true,
      });
      const r = await sClient(server.port, pki.caCert, ["-tls1_3", "-sess_out", sess]);
      assert.deepEqual(r, { verdict: NEW_13, tickets: 0 });
      await assert.rejects(() => Deno.stat(sess), Deno.errors.NotFound);
    },
  });
}

Deno.test("interop tests leave no process behind", () => {
  assert.equal(liveChildCount(), 0);
});
