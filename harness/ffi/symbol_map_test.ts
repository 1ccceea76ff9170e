import assert from "node:assert/strict";
import { FfiDriver } from "./mod.ts";
import { createTestPki } from "../pki/mod.ts";
import { FORK_API_BUILDS } from "../../testing/impl/fork_api_builds.ts";

// Live tests: every op the API scenarios use (scenarios/**/*_api.ts and harness/scenario/ffi_pair.ts), on
// every fetched BoringSSL and wolfSSL build through its symbol map and driver options. A fork
// that is not fetched has no test (FORK_API_BUILDS lists the fetched ones).

const CLIENT_NO_STORE = 0x201;
// wolfSSL 4.6.0 (measured, research/implapi.md): a client whose cache mode has
// NO_INTERNAL_STORE has no session after a handshake, and a TLS 1.3 client gets no
// new-session callback and no session at all.
const noClientSession = (family: string) => family === "4.6";

for (const build of FORK_API_BUILDS) {
  const noNumTickets = build.ffi?.symbols?.SSL_CTX_set_num_tickets === null;
  Deno.test(`symbol map: every API-scenario op on ${build.id}`, async (t) => {
    await using pki = await createTestPki();
    await using d = await FfiDriver.start(build);
    const hello = await d.call("hello", {});
    const pair = async (
      tls: "1.2" | "1.3",
      extra: { numTickets?: number; noTicket?: boolean } = {},
    ) => {
      const { ctx: sctx } = await d.call("ctx_new", {
        role: "server",
        cert: pki.chain,
        key: pki.key,
        minVersion: tls,
        maxVersion: tls,
        cacheMode: "server",
        timeout: 600,
        keepNewSessions: false,
        ...extra,
      });
      const { ctx: cctx } = await d.call("ctx_new", {
        role: "client",
        caFile: pki.caCert,
        minVersion: tls,
        maxVersion: tls,
        cacheMode: CLIENT_NO_STORE,
        keepNewSessions: true,
      });
      const { ssl: server } = await d.call("ssl_new", { ctx: sctx });
      const { ssl: client } = await d.call("ssl_new", { ctx: cctx });
      return { sctx, cctx, server, client };
    };

    await t.step(
      "ctx_new: min/max version, cache mode, timeout, noTicket, numTickets",
      async () => {
        const p = await pair("1.2", { noTicket: true });
        const hs = await d.call("handshake", { client: p.client, server: p.server });
        assert.equal(hs.version, 0x0303, "maxVersion 1.2 holds");
        const { session } = await d.call("get_session", { ssl: p.client });
        if (noClientSession(build.family)) {
          assert.equal(session, null);
          return;
        }
        const info = await d.call("session_info", { session: session! });
        assert.equal(info.hasTicket === true, false, "noTicket: no TLS 1.2 ticket");
        assert.notEqual(info.id, "", "noTicket: a session ID instead");
        if (noNumTickets) {
          await assert.rejects(() => pair("1.3", { numTickets: 1 }), /SSL_CTX_set_num_tickets/);
        }
      },
    );

    await t.step(
      "handshake + read_tickets: TLS 1.3 tickets reach the new-session callback",
      async () => {
        const p = await pair("1.3", noNumTickets ? {} : { numTickets: 3 });
        const hs = await d.call("handshake", {
          client: p.client,
          server: p.server,
          readTickets: true,
        });
        assert.equal(hs.version, 0x0304);
        const { calls } = await d.call("ctx_new_sessions", { ctx: p.cctx });
        if (noClientSession(build.family)) assert.equal(calls.length, 0);
        else assert.ok(calls.length >= 1, `tickets received: ${calls.length}`);
        if (!noNumTickets) assert.equal(calls.length, 3, "numTickets 3");
        for (const c of calls) await d.call("session_free", { session: c.session });
        const more = await d.call("read_tickets", { client: p.client, server: p.server });
        assert.equal(more.newSessionCalls, 0, "no more tickets later");
      },
    );

    await t.step(
      "get_session (get/get0/get1), set_session, session_reused, resumption",
      async () => {
        const p = await pair("1.2");
        await d.call("handshake", { client: p.client, server: p.server });
        const g = await d.call("get_session", { ssl: p.client });
        const g0 = await d.call("get_session", { ssl: p.client, variant: "get0" });
        const g1 = await d.call("get_session", { ssl: p.client, variant: "get1" });
        assert.ok(g.session !== null || build.family === "4.6", "a session (4.6.0: may be NULL)");
        assert.equal(g0.ptr, g.ptr);
        assert.equal(g1.ptr, g.ptr);
        if (g1.session === null) return;
        const { resumable } = await d.call("session_is_resumable", { session: g1.session });
        assert.equal(typeof resumable, "boolean");
        const { ssl: again } = await d.call("ssl_new", { ctx: p.cctx });
        const { ssl: server2 } = await d.call("ssl_new", { ctx: p.sctx });
        assert.equal((await d.call("set_session", { ssl: again, session: g1.session })).rc, 1);
        const hs = await d.call("handshake", { client: again, server: server2 });
        assert.equal(hs.clientReused, true, "the session resumes");
        assert.equal((await d.call("session_reused", { ssl: again })).reused, true);
        await d.call("session_free", { session: g1.session });
      },
    );

    await t.step(
      "session_new, up_ref, free, freed_sessions (when frees are observable)",
      async () => {
        const { session } = await d.call("session_new", {});
        assert.ok(session !== null);
        assert.equal((await d.call("session_up_ref", { session: session! })).rc, 1);
        const first = await d.call("session_free", { session: session! });
        const second = await d.call("session_free", { session: session! });
        if (hello.observesFrees) {
          assert.equal(first.freed, false, "one reference left");
          assert.equal(second.freed, true, "the last reference");
          const { handles } = await d.call("freed_sessions", {});
          assert.ok(handles.includes(session!));
          assert.equal((await d.call("session_free", { session: null })).freed, false);
        } else {
          // Not an empty observation: reading it is unsupported, naming why.
          assert.throws(() => second.freed, { name: "FfiError", message: /unsupported.*free/ });
          await assert.rejects(() => d.call("freed_sessions", {}), /free callback|CRYPTO_get_ex/);
        }
      },
    );

    await t.step("session_dup / i2d / id / info / ctx ops / ssl_clear / shutdowns", async () => {
      const p = await pair("1.2");
      await d.call("handshake", { client: p.client, server: p.server });
      const { session } = await d.call("get_session", { ssl: p.client, variant: "get1" });
      if (session === null) return; // wolfSSL 4.6.0 (see the step above)
      if (build.ffi?.symbols?.SSL_SESSION_dup === null) {
        await assert.rejects(() => d.call("session_dup", { session }), /SSL_SESSION_dup/);
      } else {
        const copy = await d.call("session_dup", { session });
        assert.notEqual(copy.ptr, null);
        assert.notEqual(copy.session, session);
      }
      const { der } = await d.call("session_i2d", { session });
      assert.ok(der.length > 0);
      assert.equal(typeof (await d.call("session_id", { session })).id, "string");
      const info = await d.call("session_info", { session });
      assert.equal(info.timeout !== null, true);
      if (build.ffi?.symbols?.SSL_SESSION_get_protocol_version === null) {
        // No getter (wolfSSL): reading the field is unsupported, naming the symbol, not a null.
        assert.throws(() => info.protocolVersion, {
          name: "FfiError",
          message: /unsupported.*SSL_SESSION_get_protocol_version/,
        });
      } else {
        assert.equal(info.protocolVersion, 0x0303);
      }
      assert.equal(typeof (await d.call("ctx_sess_number", { ctx: p.sctx })).count, "number");
      // The cache getters reach the library (wolfSSL's SSL_CTX_ctrl ignores them and reads 0):
      // the mode ctx_new set reads back, the cache size is not 0 (wolfSSL's is fixed at 33:
      // whether a set changes it is the scenarios' question).
      if (build.ffi?.symbols?.SSL_CTX_ctrl !== null || build.implementation === "wolfssl") {
        assert.equal((await d.call("ctx_cache_mode", { ctx: p.sctx })).mode, 2, "SERVER");
        assert.ok((await d.call("ctx_cache_size", { ctx: p.sctx })).size > 0);
        assert.equal(typeof (await d.call("ctx_stats", { ctx: p.sctx })).accept, "number");
      }
      const flushed = await d.call("ctx_flush_sessions", { ctx: p.sctx, time: 0 });
      if (hello.observesFrees) assert.ok(Array.isArray(flushed.freed));
      assert.equal(
        typeof (await d.call("ctx_set_timeout", { ctx: p.sctx, seconds: 77 })).previous,
        "number",
      );
      const sh = await d.call("shutdown", { client: p.client, server: p.server });
      assert.equal(typeof sh.client, "number");
      assert.equal(typeof (await d.call("ssl_clear", { ssl: p.client })).rc, "number");
      const single = await d.call("ssl_shutdown", { ssl: p.server });
      assert.equal(typeof single.rc, "number");
      await d.call("ssl_free", { ssl: p.client });
      await d.call("session_free", { session });
    });
  });
}
