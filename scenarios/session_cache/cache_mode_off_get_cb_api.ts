import { claimQuotes, defineScenario } from "../../mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory. A server context with `SSL_SESS_CACHE_OFF` and a get-session
 * callback (an external cache) that answers a session issued by another server of the same
 * certificate; the client offers that session and resumes. `SSL_CTX_sess_number` of the
 * OFF context afterwards: no caching means 0. Control: the same without the callback caches
 * nothing either (and does not resume).
 */
export default defineScenario({
  quote: claimQuotes("CM-4"),
  claims: ["CM-4"],
  tags: ["ffi", "api", "cache", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["get_cb_unset", "cache_mode_ignored"],
  async run(ctx) {
    for (const external of [false, true]) {
      const what = external ? "OFF with a get callback" : "control: OFF";
      const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: "off" });
      const issuer = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: 0x202 });
      const { serverSession: served, clientSession: offered } = await cleanConnection(issuer, {
        keepServerSession: true,
      });
      if (external) {
        await pair.call("ctx_session_callbacks", { ctx: pair.serverCtx, get: true });
        await pair.call("ctx_get_cb_serve", { ctx: pair.serverCtx, session: served });
      }
      const conn = await pair.connect({ session: offered });
      await pair.call("shutdown", conn);
      const cached = (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count;
      ctx.note(`${what}: reused ${conn.reused}, sess_number ${cached}`);
      await pair.call("session_free", { session: served });
      await pair.call("session_free", { session: offered });
      ctx.expect.equal("CM-4", `${what}: resumed`, conn.reused, external);
      ctx.expect.equal("CM-4", `${what}: nothing in the internal cache`, cached, 0);
    }
  },
});
