import { claimQuotes, defineScenario } from "../../mod.ts";
import { ffiPair, wasFreed } from "../get_session/_ffi_pair_api.ts";

/**
 * TLS 1.2 session IDs in memory, references read from the driver's free callback. A client whose
 * callback returns 1, with `SSL_SESS_CACHE_CLIENT | NO_INTERNAL_STORE` (the callback's reference
 * is the only one besides the SSL's): the session survives `SSL_free` and `SSL_CTX_free`, and one
 * `SSL_SESSION_free` frees it. A client whose callback returns 0, same mode: `SSL_free` frees it
 * (libssl released the callback's reference). A caching client (`SSL_SESS_CACHE_CLIENT`) whose
 * callback returns 0: is the session still in the internal cache afterwards?
 */
export default defineScenario({
  name: "session_callbacks/new_session_cb_reference_api",
  quote: claimQuotes("NC-7", "NC-9"),
  claims: ["NC-7", "NC-9"],
  tags: ["ffi", "api", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["new_session_cb_ref_dropped", "session_free_noop"],
  async run(ctx) {
    const kept = await ffiPair(ctx, { tls: "1.2", noTicket: true, keepClientSessions: true });
    const d = kept.driver;
    const conn = await kept.connect();
    await d.call("shutdown", conn);
    const [call] = (await d.call("ctx_new_sessions", { ctx: kept.clientCtx })).calls;
    await d.call("ssl_free", { ssl: conn.client });
    await d.call("ctx_free", { ctx: kept.clientCtx });
    ctx.expect.equal(
      "NC-7",
      "returned 1: the session outlives SSL_free and SSL_CTX_free",
      await wasFreed(d, call.session),
      false,
    );
    const { freed } = await d.call("session_free", { session: call.session });
    ctx.expect.equal("NC-9", "one SSL_SESSION_free by the application frees it", freed, true);
  },
});
