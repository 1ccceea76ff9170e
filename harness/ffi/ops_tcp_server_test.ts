import assert from "node:assert/strict";
import { FfiDriver } from "./ffi_driver.ts";
import { systemBuild } from "../openssl/mod.ts";
import { createTestPki } from "../pki/mod.ts";
import { FORK_API_BUILDS } from "../../testing/impl/fork_api_builds.ts";
import type { Build } from "../impl/mod.ts";

const ONLY = Deno.env.get("TCP_SERVER_TEST_BUILDS")?.split(",");
const SYSTEM = await systemBuild();
const BUILDS: Build[] = [SYSTEM, ...FORK_API_BUILDS]
  .filter((b) => !ONLY || ONLY.some((o) => b.id.includes(o)));

/**
 * What the OpenSSL client gets from a server build that departs from the others (measured; the
 * interop scenarios record the same as expected deviations): wolfSSL 4.6.0 sends no
 * renegotiation_info, which OpenSSL 3 refuses under TLS 1.2, and does not resume under TLS 1.3.
 */
const DEPARTS: Record<string, { "1.2"?: RegExp; "1.3"?: "no resumption" }> = {
  "wolfssl-4.6.0": { "1.2": /unsafe legacy renegotiation disabled/, "1.3": "no resumption" },
};

for (const build of BUILDS) {
  for (const tls of ["1.3", "1.2"] as const) {
    Deno.test(
      `listen_tcp on ${build.id} serves TLS ${tls}: greets, and an OpenSSL client's next ` +
        `connection resumes the session it issued${build === SYSTEM ? " (same driver)" : ""}`,
      async () => {
        await using pki = await createTestPki();
        await using d = await FfiDriver.start(build);
        // The client is the system OpenSSL (a known-good resumer); on the system build it is
        // the same driver, so the server's serving interleaves with the client's ops.
        await using other = build === SYSTEM ? undefined : await FfiDriver.start(SYSTEM);
        const c = other ?? d;
        const { ctx: sctx } = await d.call("ctx_new", {
          role: "server",
          cert: pki.chain,
          key: pki.key,
          minVersion: tls,
          maxVersion: tls,
        });
        const { listener, port } = await d.call("listen_tcp", { ctx: sctx, connectionMs: 5000 });
        const { ctx: cctx } = await c.call("ctx_new", {
          role: "client",
          caFile: pki.caCert,
          cacheMode: "client",
          minVersion: tls,
          maxVersion: tls,
        });
        const { ssl: first } = await c.call("ssl_new", { ctx: cctx });
        const refused = DEPARTS[build.id]?.[tls];
        if (refused instanceof RegExp) {
          await assert.rejects(
            c.call("connect_tcp", { ssl: first, port, timeoutMs: 5000 }),
            refused,
          );
          const seen = await d.call("accepted_tcp", { listener, count: 1, timeoutMs: 5000 });
          assert.equal(seen.connections[0].end, "error");
          return;
        }
        const resumes = refused === undefined;
        const c1 = await c.call("connect_tcp", { ssl: first, port, timeoutMs: 5000 });
        assert.equal(c1.reused, false);
        // The greeting comes after the tickets: reading it means every ticket was read.
        const r1 = await c.call("read_tcp", { ssl: first, timeoutMs: 500 });
        assert.match(r1.data, /^HELLO conn=1\n/);
        const { session } = await c.call("get_session", { ssl: first, variant: "get1" });
        await c.call("ssl_shutdown", { ssl: first });
        await c.call("close_tcp", { ssl: first });

        const { ssl: second } = await c.call("ssl_new", { ctx: cctx });
        await c.call("set_session", { ssl: second, session });
        const c2 = await c.call("connect_tcp", { ssl: second, port, timeoutMs: 5000 });
        assert.equal(c2.reused, resumes, "the server resumes what it issued");
        assert.match((await c.call("read_tcp", { ssl: second, timeoutMs: 500 })).data, /conn=2/);
        await c.call("close_tcp", { ssl: second });

        const seen = await d.call("accepted_tcp", { listener, count: 2, timeoutMs: 5000 });
        assert.equal(seen.accepted, 2);
        assert.deepEqual(
          seen.connections.map((c) => [c.conn, c.reused, c.end, c.error]),
          [[1, false, "close_notify", null], [2, resumes, "eof", null]],
        );
        assert.equal(seen.connections[0].version, tls === "1.3" ? 0x0304 : 0x0303);
        const closed = await d.call("close_listener", { listener });
        assert.equal(closed.accepted, 2);
        await assert.rejects(d.call("accepted_tcp", { listener }), /no listener/);
      },
    );
  }
}

Deno.test("listen_tcp refuses a client context; accepted_tcp names an unknown listener", async () => {
  await using d = await FfiDriver.start(await systemBuild());
  const { ctx } = await d.call("ctx_new", { role: "client" });
  await assert.rejects(d.call("listen_tcp", { ctx }), /is a client context/);
  await assert.rejects(d.call("accepted_tcp", { listener: 999 }), /no listener 999/);
});

for (const build of BUILDS.filter((b) => b !== SYSTEM)) {
  Deno.test(
    `an OpenSSL listen_tcp server's two TLS 1.3 tickets reach a ${build.id} client (read_tcp)`,
    async () => {
      // wolfSSL 4.6.0 included: its client keeps the tickets of a server that sends them (its
      // own server sends none, so a 4.6.0 pair alone cannot tell the two sides apart).
      await using pki = await createTestPki();
      await using server = await FfiDriver.start(SYSTEM);
      await using client = await FfiDriver.start(build);
      const { ctx: sctx } = await server.call("ctx_new", {
        role: "server",
        cert: pki.chain,
        key: pki.key,
        minVersion: "1.3",
        maxVersion: "1.3",
      });
      const { listener, port } = await server.call("listen_tcp", { ctx: sctx });
      const { ctx } = await client.call("ctx_new", {
        role: "client",
        caFile: pki.caCert,
        cacheMode: "client",
        minVersion: "1.3",
        maxVersion: "1.3",
      });
      const { ssl } = await client.call("ssl_new", { ctx });
      await client.call("connect_tcp", { ssl, port, timeoutMs: 5000 });
      const r = await client.call("read_tcp", { ssl, tickets: 2, timeoutMs: 5000 });
      assert.equal(r.newSessionCalls, 2);
      assert.notEqual((await client.call("get_session", { ssl })).session, null);
      await client.call("close_tcp", { ssl });
      const seen = await server.call("accepted_tcp", { listener, count: 1, timeoutMs: 5000 });
      assert.equal(seen.connections[0].newSessionCalls, 2, "the server made two sessions");
    },
  );
}

Deno.test("scope_end while a listen_tcp connection is open frees its SSL; the driver lives on", async () => {
  await using pki = await createTestPki();
  await using d = await FfiDriver.start(SYSTEM);
  await using c = await FfiDriver.start(SYSTEM);
  const scope = d.scoped();
  const { ctx: sctx } = await scope.call("ctx_new", {
    role: "server",
    cert: pki.chain,
    key: pki.key,
  });
  const { port } = await scope.call("listen_tcp", { ctx: sctx, connectionMs: 10_000 });
  const { ctx } = await c.call("ctx_new", { role: "client", caFile: pki.caCert });
  const { ssl } = await c.call("ssl_new", { ctx });
  await c.call("connect_tcp", { ssl, port, timeoutMs: 5000 });
  assert.match((await c.call("read_tcp", { ssl, timeoutMs: 500 })).data, /HELLO conn=1/);
  // The server is now waiting for the client's data: end its scope under it.
  await scope.close();
  const r = await c.call("read_tcp", { ssl, timeoutMs: 2000 });
  assert.equal(r.eof, true, "the server's socket was closed");
  assert.equal(d.alive, true);
  assert.equal((await d.call("handles", {})).live.length, 0);
  await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port }), "the listener is closed");
});

Deno.test("read_tcp untilData stops at the server's greeting, with every ticket sent before it read", async () => {
  await using pki = await createTestPki();
  await using d = await FfiDriver.start(SYSTEM);
  await using c = await FfiDriver.start(SYSTEM);
  const { ctx: sctx } = await d.call("ctx_new", {
    role: "server",
    cert: pki.chain,
    key: pki.key,
    minVersion: "1.3",
    maxVersion: "1.3",
  });
  const { port } = await d.call("listen_tcp", { ctx: sctx, connectionMs: 5000 });
  const { ctx } = await c.call("ctx_new", {
    role: "client",
    caFile: pki.caCert,
    cacheMode: "client",
  });
  const { ssl } = await c.call("ssl_new", { ctx });
  await c.call("connect_tcp", { ssl, port, timeoutMs: 5000 });
  // More tickets than OpenSSL sends (2): only the greeting can end this read before 5 s.
  const r = await c.call("read_tcp", { ssl, tickets: 5, untilData: true, timeoutMs: 5000 });
  assert.match(r.data, /^HELLO conn=1/);
  assert.deepEqual([r.newSessionCalls, r.timedOut], [2, false]);
  await c.call("close_tcp", { ssl });
});
