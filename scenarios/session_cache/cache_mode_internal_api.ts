import { defineScenario } from "../../mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory; a first clean connection, then the client offers its session.
 * Server `SERVER | NO_INTERNAL_LOOKUP`: the session is stored (`SSL_CTX_sess_number` 1) but not
 * found (full handshake); control `SERVER`: resumed. Client
 * `CLIENT | NO_INTERNAL_LOOKUP` (server `SERVER`): the client still resumes with
 * `SSL_set_session`. Server `SERVER | NO_INTERNAL_STORE`: nothing is stored and the resumption
 * is a full handshake; after `SSL_CTX_add_session` of the server's session it is stored and
 * resumed.
 */
export default defineScenario({
  quote: "By setting this flag, session-resume operations in an SSL/TLS server will not " +
    "automatically look up sessions in the internal cache, even if sessions are automatically " +
    "stored there.",
  claims: ["CM-11", "CM-12", "CM-13"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  mutants: ["cache_mode_ignored"],
  async run(ctx) {
    for (const lookup of [false, true]) {
      const what = lookup ? "SERVER|NO_INTERNAL_LOOKUP" : "control SERVER";
      const pair = await ctx.ffiPair({
        tls: "1.2",
        noTicket: true,
        serverCacheMode: lookup ? 0x102 : 0x002,
      });
      const first = await cleanConnection(pair);
      const again = await cleanConnection(pair, { session: first.clientSession });
      const stats = await pair.call("ctx_stats", { ctx: pair.serverCtx });
      ctx.expect.equal(
        "CM-11",
        `${what}: stored, and resumed`,
        [stats.number >= 1, again.reused],
        [true, !lookup],
      );
      // Not a claim: the miss counter counts failed internal lookups, so none is made here.
      ctx.note(`${what}: SSL_CTX_sess_misses ${stats.misses}`);
      for (const s of [first, again]) await pair.call("session_free", { session: s.clientSession });
    }

    const client = await ctx.ffiPair({ tls: "1.2", noTicket: true, clientCacheMode: 0x101 });
    const c1 = await cleanConnection(client);
    const c2 = await cleanConnection(client, { session: c1.clientSession });
    ctx.expect.equal("CM-12", "client CLIENT|NO_INTERNAL_LOOKUP still resumes", c2.reused, true);
    for (const s of [c1, c2]) {
      await client.call("session_free", { session: s.clientSession });
    }

    const store = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: 0x202 });
    const { serverSession, clientSession } = await cleanConnection(store, {
      keepServerSession: true,
    });
    ctx.expect.equal(
      "CM-13",
      "SERVER|NO_INTERNAL_STORE: nothing stored",
      (await store.call("ctx_sess_number", { ctx: store.serverCtx })).count,
      0,
    );
    const missed = await cleanConnection(store, { session: clientSession });
    ctx.expect.equal("CM-13", "so the session is not resumed", missed.reused, false);
    const { rc } = await store.call("ctx_add_session", {
      ctx: store.serverCtx,
      session: serverSession,
    });
    ctx.expect.equal(
      "CM-13",
      "SSL_CTX_add_session stores it",
      [rc, (await store.call("ctx_sess_number", { ctx: store.serverCtx })).count],
      [1, 1],
    );
    const added = await cleanConnection(store, { session: clientSession });
    ctx.expect.equal("CM-13", "and then it is resumed", added.reused, true);
    for (const s of [serverSession, clientSession, missed.clientSession]) {
      await store.call("session_free", { session: s });
    }
    await store.call("session_free", { session: added.clientSession });
  },
});
