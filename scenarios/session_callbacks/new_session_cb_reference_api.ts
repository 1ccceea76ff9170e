import { claimQuotes, defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 session IDs in memory, references read from the driver's free callback. A client whose
 * callback returns 1, with `SSL_SESS_CACHE_CLIENT | NO_INTERNAL_STORE` (the callback's reference
 * is the only one besides the SSL's): the session survives `SSL_free` and `SSL_CTX_free`, and one
 * `SSL_SESSION_free` frees it. A client whose callback returns 0, same mode: `SSL_free` frees it
 * (libssl released the callback's reference). A caching client (`SSL_SESS_CACHE_CLIENT`) whose
 * callback returns 0: is the session still in the internal cache afterwards?
 */
export default defineScenario({
  quote: claimQuotes("NC-7", "NC-9"),
  claims: ["NC-7", "NC-9"],
  tags: ["ffi", "api", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["new_session_cb_ref_dropped", "session_free_noop"],
  async run(ctx) {
    const kept = await ctx.ffiPair({ tls: "1.2", noTicket: true, keepClientSessions: true });
    const conn = await kept.connect();
    await kept.call("shutdown", conn);
    const [call] = (await kept.call("ctx_new_sessions", { ctx: kept.clientCtx })).calls;
    await kept.call("ssl_free", { ssl: conn.client });
    await kept.call("ctx_free", { ctx: kept.clientCtx });
    ctx.expect.equal(
      "NC-7",
      "returned 1: the session outlives SSL_free and SSL_CTX_free",
      await kept.wasFreed(call.session),
      false,
    );
    const { freed } = await kept.call("session_free", { session: call.session });
    ctx.expect.equal("NC-9", "one SSL_SESSION_free by the application frees it", freed, true);
  },
});
