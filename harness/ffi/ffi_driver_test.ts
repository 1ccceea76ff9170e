import assert from "node:assert/strict";
import { FfiDriver } from "./ffi_driver.ts";
import { FfiError } from "./ffi_error.ts";
import { fetchedBuilds, type OpensslBuild, systemBuild, versionTriple } from "../openssl/mod.ts";
import { createTestPki, type TestPki } from "../pki/mod.ts";
import { spawn } from "../process/mod.ts";
import type { Handle } from "./protocol.ts";

const system = await systemBuild();
const fetched = await fetchedBuilds().catch(() => [] as OpensslBuild[]);

/** A server and a client SSL over fresh contexts, handshaken (and tickets read). */
async function connectedPair(
  d: FfiDriver,
  pki: TestPki,
  version: "1.2" | "1.3",
  client: { cacheMode?: "client"; keepNewSessions?: boolean } = {},
): Promise<
  { sctx: Handle; cctx: Handle; server: Handle; client: Handle; newSessionCalls: number }
> {
  const { ctx: sctx } = await d.call("ctx_new", {
    role: "server",
    cert: pki.cert,
    key: pki.key,
    minVersion: version,
    maxVersion: version,
  });
  const { ctx: cctx } = await d.call("ctx_new", { role: "client", caFile: pki.caCert, ...client });
  const { ssl: server } = await d.call("ssl_new", { ctx: sctx });
  const { ssl: clientSsl } = await d.call("ssl_new", { ctx: cctx });
  const hs = await d.call("handshake", { client: clientSsl, server, readTickets: true });
  assert.equal(hs.version, version === "1.2" ? 0x0303 : 0x0304);
  return { sctx, cctx, server, client: clientSsl, newSessionCalls: hs.newSessionCalls ?? 0 };
}

async function freedSet(d: FfiDriver): Promise<Set<number>> {
  return new Set((await d.call("freed_sessions", {})).handles);
}

for (const build of [system, ...fetched]) {
  Deno.test(`FfiDriver on ${build.id} drives the session API over memory BIOs`, async (t) => {
    await using pki = await createTestPki();
    await using d = await FfiDriver.start(build);

    await t.step("FfiDriver.start() reports the version of the loaded libssl", () => {
      assert.deepEqual(versionTriple(d.libraryVersion), versionTriple(build.version));
      assert.ok(Array.isArray(d.missingSymbols));
      assert.equal(d.hello.libssl.includes("libssl.so"), true);
    });

    for (const v of ["1.2", "1.3"] as const) {
      await t.step(`handshake completes for TLS ${v} and the client can resume`, async () => {
        const p = await connectedPair(d, pki, v, { cacheMode: "client" });
        // TLS 1.3: OpenSSL servers send two tickets by default; TLS 1.2: one session.
        assert.equal(p.newSessionCalls, v === "1.3" ? 2 : 0);
        const calls = await d.call("ctx_new_sessions", { ctx: p.cctx });
        assert.equal(calls.count, v === "1.3" ? 2 : 1);
        const g1 = await d.call("get_session", { ssl: p.client, variant: "get1" });
        assert.ok(g1.session !== null);
        assert.equal(
          (await d.call("session_is_resumable", { session: g1.session! })).resumable,
          true,
        );
        assert.deepEqual(await d.call("shutdown", { client: p.client, server: p.server }), {
          client: 1,
          server: 1,
        });
        const { ssl: server2 } = await d.call("ssl_new", { ctx: p.sctx });
        const { ssl: client2 } = await d.call("ssl_new", { ctx: p.cctx });
        assert.equal((await d.call("set_session", { ssl: client2, session: g1.session })).rc, 1);
        const hs = await d.call("handshake", { client: client2, server: server2 });
        assert.equal(hs.clientReused, true);
        assert.equal(hs.serverReused, true);
        assert.equal((await d.call("session_reused", { ssl: client2 })).reused, true);
        for (const ssl of [p.client, p.server, client2, server2]) await d.call("ssl_free", { ssl });
        await d.call("session_free", { session: g1.session });
        for (const ctx of [p.cctx, p.sctx]) await d.call("ctx_free", { ctx });
      });
    }

    await t.step("connections: fresh SSLs handshaken and freed in one request", async () => {
      const { ctx: sctx } = await d.call("ctx_new", {
        role: "server",
        cert: pki.cert,
        key: pki.key,
        minVersion: "1.2",
        maxVersion: "1.2",
        noTicket: true,
        cacheMode: "server",
      });
      const { ctx: cctx } = await d.call("ctx_new", { role: "client", caFile: pki.caCert });
      const live = async () =>
        (await d.call("handles", {})).live.filter((h) => h.kind === "ssl").length;
      const before = await live();
      const three = await d.call("connections", { clientCtx: cctx, serverCtx: sctx, count: 3 });
      assert.deepEqual(three, { connections: 3, serverCacheEmpty: false });
      assert.equal((await d.call("ctx_stats", { ctx: sctx })).acceptGood, 3);
      assert.equal(await live(), before, "every SSL it made is freed");
      // An SSL freed without a shutdown takes its session out of the cache: empty at once.
      const until = await d.call("connections", {
        clientCtx: cctx,
        serverCtx: sctx,
        count: 5,
        untilServerCacheEmpty: true,
      });
      assert.deepEqual(until, { connections: 1, serverCacheEmpty: true });
      assert.equal((await d.call("ctx_stats", { ctx: sctx })).acceptGood, 4);
      await assert.rejects(
        d.call("connections", { clientCtx: sctx, serverCtx: 999_999, count: 1 }),
        /serverCtx/,
      );
      for (const count of [0, -1, 2.5]) {
        await assert.rejects(
          d.call("connections", { clientCtx: cctx, serverCtx: sctx, count }),
          /"count" must be an integer/,
        );
      }
      assert.equal((await d.call("ctx_stats", { ctx: sctx })).acceptGood, 4, "none ran");
    });

    await t.step("session_free of a fresh SSL_SESSION_new fires the free callback", async () => {
      const { session } = await d.call("session_new", {});
      assert.ok(session !== null);
      assert.equal((await freedSet(d)).has(session!), false);
      assert.deepEqual(await d.call("session_free", { session }), { freed: true });
      assert.equal((await freedSet(d)).has(session!), true);
      // The handle is dead: using it again is refused, and the driver survives.
      await assert.rejects(
        d.call("session_free", { session }),
        (e) => e instanceof FfiError && e.kind === "op" && /dead/.test(e.message),
      );
      assert.equal(d.alive, true);
      // SN-4: free(NULL) does nothing.
      assert.deepEqual(await d.call("session_free", { session: null }), { freed: false });
    });

    await t.step("session_up_ref makes session_free need two calls", async () => {
      const { session } = await d.call("session_new", {});
      assert.equal((await d.call("session_up_ref", { session: session! })).rc, 1);
      assert.deepEqual(await d.call("session_free", { session }), { freed: false });
      assert.deepEqual(await d.call("session_free", { session }), { freed: true });
    });

    await t.step("session_dup gives a new object that is freed separately", async () => {
      const p = await connectedPair(d, pki, "1.2");
      const g = await d.call("get_session", { ssl: p.client });
      const dup = await d.call("session_dup", { session: g.session! });
      assert.notEqual(dup.session, g.session);
      assert.notEqual(dup.ptr, g.ptr);
      const a = await d.call("session_i2d", { session: g.session! });
      const b = await d.call("session_i2d", { session: dup.session! });
      assert.equal(a.der, b.der);
      assert.deepEqual(await d.call("session_free", { session: dup.session }), { freed: true });
      assert.equal((await freedSet(d)).has(g.session!), false, "the original must survive");
      for (const ssl of [p.client, p.server]) await d.call("ssl_free", { ssl });
      for (const ctx of [p.cctx, p.sctx]) await d.call("ctx_free", { ctx });
    });

    for (const v of ["1.2", "1.3"] as const) {
      await t.step(`get/get0/get1 return the same pointer (TLS ${v})`, async () => {
        const p = await connectedPair(d, pki, v);
        const g = await d.call("get_session", { ssl: p.client, variant: "get" });
        const g0 = await d.call("get_session", { ssl: p.client, variant: "get0" });
        const g1 = await d.call("get_session", { ssl: p.client, variant: "get1" });
        assert.ok(g.ptr !== null);
        assert.equal(g0.ptr, g.ptr);
        assert.equal(g1.ptr, g.ptr);
        assert.equal(g0.session, g.session);
        await d.call("session_free", { session: g1.session });
        for (const ssl of [p.client, p.server]) await d.call("ssl_free", { ssl });
        for (const ctx of [p.cctx, p.sctx]) await d.call("ctx_free", { ctx });
      });

      await t.step(
        `get1 then SSL_free keeps the session until one SSL_SESSION_free (TLS ${v})`,
        async () => {
          const p = await connectedPair(d, pki, v);
          const g1 = await d.call("get_session", { ssl: p.client, variant: "get1" });
          const s = g1.session!;
          const gone = await d.call("ssl_free", { ssl: p.client });
          assert.equal(gone.freed.includes(s), false);
          assert.equal((await freedSet(d)).has(s), false);
          // Still a live object (the driver would refuse a dead handle). GS-12: SSL_free without
          // SSL_shutdown marks it non-resumable.
          assert.equal((await d.call("session_is_resumable", { session: s })).resumable, false);
          assert.deepEqual(await d.call("session_free", { session: s }), { freed: true });
          await d.call("ssl_free", { ssl: p.server });
          for (const ctx of [p.cctx, p.sctx]) await d.call("ctx_free", { ctx });
        },
      );

      await t.step(`a kept session stays resumable after a clean shutdown (TLS ${v})`, async () => {
        const p = await connectedPair(d, pki, v);
        const g1 = await d.call("get_session", { ssl: p.client, variant: "get1" });
        await d.call("shutdown", { client: p.client, server: p.server });
        for (const ssl of [p.client, p.server]) await d.call("ssl_free", { ssl });
        assert.equal(
          (await d.call("session_is_resumable", { session: g1.session! })).resumable,
          true,
        );
        assert.deepEqual(await d.call("session_free", { session: g1.session }), { freed: true });
        for (const ctx of [p.cctx, p.sctx]) await d.call("ctx_free", { ctx });
      });

      await t.step(`get0 then SSL_free frees the session (TLS ${v})`, async () => {
        const p = await connectedPair(d, pki, v);
        const g0 = await d.call("get_session", { ssl: p.client, variant: "get0" });
        const gone = await d.call("ssl_free", { ssl: p.client });
        assert.deepEqual(gone.freed.includes(g0.session!), true);
        await assert.rejects(
          d.call("session_is_resumable", { session: g0.session! }),
          (e) => e instanceof FfiError && e.kind === "op",
        );
        await d.call("ssl_free", { ssl: p.server });
        for (const ctx of [p.cctx, p.sctx]) await d.call("ctx_free", { ctx });
      });
    }

    await t.step("a fresh SSL has no session (get returns null)", async () => {
      const { ctx } = await d.call("ctx_new", { role: "client" });
      const { ssl } = await d.call("ssl_new", { ctx });
      assert.deepEqual(await d.call("get_session", { ssl }), {
        session: null,
        ptr: null,
        function: "SSL_get_session",
      });
      await d.call("ssl_free", { ssl });
      await d.call("ctx_free", { ctx });
    });

    await t.step("ops on the wrong kind of handle are refused", async () => {
      const { ctx } = await d.call("ctx_new", { role: "client" });
      await assert.rejects(
        d.call("session_free", { session: ctx }),
        (e) => e instanceof FfiError && e.kind === "op" && /not an SSL_SESSION/.test(e.message),
      );
      await assert.rejects(
        d.call("no_such_op", {}),
        (e) => e instanceof FfiError && e.kind === "op" && /Unknown op/.test(e.message),
      );
      await d.call("ctx_free", { ctx });
      assert.equal(d.alive, true);
    });

    await t.step(
      "connect_tcp handshakes with an openssl s_server and reads its tickets",
      async () => {
        await using server = spawn(system.path, {
          args: [
            "s_server",
            "-accept",
            "127.0.0.1:0",
            "-naccept",
            "1",
            "-cert",
            pki.cert,
            "-key",
            pki.key,
            "-tls1_3",
            "-num_tickets",
            "3",
          ],
          stdin: true,
        });
        const accept = await server.waitForLine(/^ACCEPT /, { timeoutMs: 10_000 });
        const port = Number(accept.split(":").at(-1));
        const { ctx } = await d.call("ctx_new", {
          role: "client",
          caFile: pki.caCert,
          cacheMode: "client",
        });
        const { ssl } = await d.call("ssl_new", { ctx });
        const c = await d.call("connect_tcp", { ssl, port, timeoutMs: 10_000 });
        assert.equal(c.version, 0x0304);
        const r = await d.call("read_tcp", { ssl, tickets: 3, timeoutMs: 5000 });
        assert.equal(r.newSessionCalls, 3);
        await d.call("ssl_shutdown", { ssl });
        await d.call("ssl_free", { ssl });
        await d.call("ctx_free", { ctx });
      },
    );
  });

  Deno.test(`FfiDriver on ${build.id} reports a libssl crash as an error with stderr`, async () => {
    for (const kind of ["segv", "abort"] as const) {
      await using d = await FfiDriver.start(build);
      const err = await d.call("crash", { kind }).then(
        () => assert.fail("crash returned"),
        (e: unknown) => e as FfiError,
      );
      assert.ok(err instanceof FfiError);
      assert.equal(err.kind, "crash");
      assert.match(err.exit ?? "", kind === "segv" ? /SIGSEGV/ : /SIGABRT/);
      if (kind === "abort") assert.match(err.stderr, /deliberate abort/);
      assert.equal(d.alive, false);
      await assert.rejects(
        d.call("hello", {}),
        (e) => e instanceof FfiError && e.kind === "closed",
      );
    }
  });
}

Deno.test("FfiDriver.call() times out on an op that never answers, and kills the driver", async () => {
  await using d = await FfiDriver.start(system);
  const started = performance.now();
  await assert.rejects(
    d.call("hang", {}, { timeoutMs: 300 }),
    (e) => e instanceof FfiError && e.kind === "timeout" && /300 ms/.test(e.message),
  );
  assert.ok(performance.now() - started < 5000);
  assert.equal(d.alive, false);
  await assert.rejects(d.call("hello", {}), (e) => e instanceof FfiError && e.kind === "closed");
});

Deno.test('FfiDriver.start() fails with kind "start" when libssl cannot be opened', async () => {
  const bogus: OpensslBuild = {
    ...system,
    id: "bogus",
    libssl: "/nonexistent/libssl.so.3",
    libcrypto: "/nonexistent/libcrypto.so.3",
  };
  await assert.rejects(
    FfiDriver.start(bogus),
    (e) => e instanceof FfiError && e.kind === "start" && /nonexistent/.test(e.message),
  );
});

Deno.test({
  name: "FfiDriver tests found fetched builds to run on",
  ignore: fetched.length === 0,
  fn: () => {
    assert.ok(fetched.every((b) => b.libssl && b.libcrypto));
  },
});
