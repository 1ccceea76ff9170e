import { claimQuotes, defineScenario } from "../../mod.ts";
import { cleanConnection } from "../session_cache/_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory, the server context's remove callback installed (the driver's
 * `Deno.UnsafeCallback`). Each way a session leaves the internal cache is made to happen once and
 * the callback's calls compared with the session that left: `SSL_CTX_remove_session`; a session
 * made to time out (`SSL_SESSION_set_timeout` 1 s, back-dated) then `SSL_CTX_flush_sessions`; a
 * connection freed without `SSL_shutdown` (its session is removed); and `SSL_CTX_free` of a
 * context holding three sessions: three calls. A clean shutdown removes nothing (control). The
 * sessions the scenario edits or removes itself are kept with `SSL_get1_session`: a cache need
 * not hold the SSL's own object (wolfSSL's holds a copy and frees the SSL's with it).
 */
export default defineScenario({
  quote: claimQuotes("NC-12", "NC-13"),
  claims: ["NC-2", "NC-12", "NC-13", "NC-14"],
  tags: ["ffi", "api", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["remove_cb_unset"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    await pair.call("ctx_session_callbacks", { ctx: pair.serverCtx, remove: true });
    const removed = async () =>
      (await pair.call("ctx_callback_calls", { ctx: pair.serverCtx })).removed.map((r) =>
        r.session
      );
    const held: number[] = [];

    const a = await cleanConnection(pair, { keepServerSession: true });
    held.push(a.clientSession, a.serverSession);
    ctx.expect.equal("NC-12", "control: a clean connection removes nothing", await removed(), []);
    await pair.call("ctx_remove_session", { ctx: pair.serverCtx, session: a.serverSession });
    ctx.expect.equal(
      "NC-2",
      "SSL_CTX_remove_session: called for that session",
      await removed(),
      [a.serverSession],
    );

    const b = await cleanConnection(pair, { keepServerSession: true });
    held.push(b.clientSession, b.serverSession);
    await pair.call("session_set_timeout", { session: b.serverSession, seconds: 1 });
    await pair.call("session_set_time", {
      session: b.serverSession,
      time: Math.floor(Date.now() / 1000) - 100,
    });
    await pair.call("ctx_flush_sessions", {
      ctx: pair.serverCtx,
      time: Math.floor(Date.now() / 1000),
    });
    ctx.expect.equal(
      "NC-13",
      "an expired session flushed: called for it",
      (await removed()).slice(1),
      [b.serverSession],
    );

    const ssls = await pair.newSsls();
    await pair.call("handshake", ssls);
    const unclean = (await pair.call("get_session", { ssl: ssls.server })).session!;
    await pair.call("ssl_free", { ssl: ssls.server });
    await pair.call("ssl_free", { ssl: ssls.client });
    ctx.expect.equal(
      "NC-13",
      "a connection freed without shutdown: called for its session",
      (await removed()).slice(2),
      [unclean],
    );

    const three = [];
    for (let i = 0; i < 3; i++) {
      const c = await cleanConnection(pair);
      held.push(c.clientSession);
      three.push(c.serverSession);
    }
    const before = (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count;
    await pair.call("ctx_free", { ctx: pair.serverCtx });
    ctx.expect.equal(
      "NC-14",
      "SSL_CTX_free: called for every cached session",
      [before, (await removed()).slice(3).sort()],
      [3, [...three].sort()],
    );
    for (const s of held) await pair.call("session_free", { session: s });
  },
});
