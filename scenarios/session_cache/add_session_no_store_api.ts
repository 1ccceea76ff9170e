import { defineScenario } from "../../mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory, a server with `SSL_SESS_CACHE_NO_INTERNAL_STORE`. Two clean
 * connections A and B: nothing is cached. The application adds only A's server session with
 * `SSL_CTX_add_session`: the client resumes A, not B. With `NO_INTERNAL_STORE |
 * NO_INTERNAL_LOOKUP` the added session is cached but not looked up: A is not resumed.
 */
export default defineScenario({
  quote:
    "So the application can use SSL_CTX_add_session() directly to have full control over the " +
    "sessions that can be resumed if desired.",
  claims: ["AS-8", "AS-9"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  mutants: ["add_session_noop", "cache_mode_ignored"],
  async run(ctx) {
    for (const mode of [0x202, 0x302]) {
      const what = mode === 0x202 ? "NO_INTERNAL_STORE" : "NO_INTERNAL_STORE|NO_INTERNAL_LOOKUP";
      const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: mode });
      const sessions = [];
      for (let i = 0; i < 2; i++) {
        const c = await cleanConnection(pair, { keepServerSession: true });
        sessions.push({ client: c.clientSession, server: c.serverSession });
      }
      ctx.expect.equal(
        "AS-8",
        `${what}: new sessions are not cached`,
        (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
        0,
      );
      await pair.call("ctx_add_session", { ctx: pair.serverCtx, session: sessions[0].server });
      const resumed = [];
      for (const s of sessions) {
        resumed.push((await pair.connect({ session: s.client })).reused);
      }
      ctx.expect.equal(
        mode === 0x202 ? "AS-9" : "AS-8",
        `${what}: after adding A only, resumed [A, B]`,
        resumed,
        mode === 0x202 ? [true, false] : [false, false],
      );
      for (const s of sessions) {
        await pair.call("session_free", { session: s.client });
        await pair.call("session_free", { session: s.server });
      }
    }
  },
});
