import { defineScenario } from "../../mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * The server context's cache statistics after resumption attempts, in memory. TLS 1.2 session
 * ID and TLS 1.3 ticket resumptions: one hit each. An external cache (server mode
 * `SERVER | NO_INTERNAL`, a get-session callback answering the session kept from the first
 * connection): one hit and one callback hit. A session of server A offered to server B: one miss
 * at B. A cached session back-dated past its timeout, then offered: a full handshake, one
 * timeout, no hit. A cache of size 1 after two connections: one session dropped for space.
 */
export default defineScenario({
  quote: "In server mode a session successfully retrieved from internal or external cache is " +
    "counted as a hit.",
  claims: ["CS-10", "CS-11", "CS-12", "CS-13", "CS-14", "CS-15"],
  tags: ["ffi", "api", "cache"],
  requires: ["api"],
  mutants: ["stats_zero", "get_cb_unset"],
  async run(ctx) {
    for (const tls of ["1.2", "1.3"] as const) {
      const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2" });
      const first = await cleanConnection(pair);
      const again = await cleanConnection(pair, { session: first.clientSession });
      const s = await pair.call("ctx_stats", { ctx: pair.serverCtx });
      ctx.expect.equal(
        "CS-10",
        `TLS ${tls} ${tls === "1.2" ? "session ID" : "ticket"}: resumed, one hit`,
        [again.reused, s.hits],
        [true, 1],
      );
      for (const x of [first, again]) {
        await pair.call("session_free", { session: x.clientSession });
      }
    }

    const ext = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: 0x302 });
    await ext.call("ctx_session_callbacks", { ctx: ext.serverCtx, get: true });
    const { serverSession: kept, clientSession: offered } = await cleanConnection(ext, {
      keepServerSession: true,
    });
    await ext.call("ctx_get_cb_serve", { ctx: ext.serverCtx, session: kept });
    const fromExternal = await cleanConnection(ext, { session: offered });
    const es = await ext.call("ctx_stats", { ctx: ext.serverCtx });
    ctx.expect.equal(
      "CS-10",
      "external cache: resumed, one hit",
      [fromExternal.reused, es.hits],
      [true, 1],
    );
    ctx.expect.equal("CS-11", "external cache: one callback hit", es.cbHits, 1);
    for (const x of [kept, offered, fromExternal.clientSession]) {
      await ext.call("session_free", { session: x });
    }

    const a = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const b = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const ofA = await cleanConnection(a);
    const atB = await cleanConnection(b, { session: ofA.clientSession });
    const bs = await ext.call("ctx_stats", { ctx: b.serverCtx });
    ctx.expect.equal(
      "CS-12",
      "a session B never had: full handshake, one miss",
      [atB.reused, bs.misses],
      [false, 1],
    );

    const old = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverTimeout: 300 });
    const first = await cleanConnection(old);
    await ext.call("session_set_time", {
      session: first.serverSession,
      time: Math.floor(Date.now() / 1000) - 1000,
    });
    const late = await cleanConnection(old, { session: first.clientSession });
    const os = await ext.call("ctx_stats", { ctx: old.serverCtx });
    ctx.expect.equal(
      "CS-13",
      "an expired cached session offered: full handshake, one timeout",
      [late.reused, os.timeouts],
      [false, 1],
    );
    ctx.expect.equal("CS-14", "and no hit", os.hits, 0);

    const tiny = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    await ext.call("ctx_cache_size", { ctx: tiny.serverCtx, set: 1 });
    const tinyOnes = [await cleanConnection(tiny), await cleanConnection(tiny)];
    const ts = await ext.call("ctx_stats", { ctx: tiny.serverCtx });
    ctx.expect.equal(
      "CS-15",
      "size 1, two sessions: one dropped for space",
      [ts.number, ts.cacheFull],
      [1, 1],
    );
    for (const x of [ofA, atB, first, late, ...tinyOnes]) {
      await ext.call("session_free", { session: x.clientSession });
    }
  },
});
