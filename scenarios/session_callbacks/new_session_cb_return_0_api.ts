import { claimQuotes, defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 session IDs in memory, the client's new-session callback returning 0. With
 * `SSL_SESS_CACHE_CLIENT | NO_INTERNAL_STORE`: `SSL_free` frees the session (the reference
 * taken for the callback was released). With `SSL_SESS_CACHE_CLIENT` (internal store on): after
 * the callback returned 0, `SSL_CTX_sess_number` of the client context and whether
 * `SSL_CTX_remove_session` still finds the session.
 */
export default defineScenario({
  quote: claimQuotes("NC-8"),
  claims: ["NC-8"],
  tags: ["ffi", "api", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["session_free_noop", "cache_mode_ignored"],
  async run(ctx) {
    const noStore = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const conn = await noStore.connect();
    await noStore.call("shutdown", conn);
    const [call] = (await noStore.call("ctx_new_sessions", { ctx: noStore.clientCtx })).calls;
    await noStore.call("ssl_free", { ssl: conn.client });
    ctx.expect.equal(
      "NC-8",
      "returned 0: the reference is released (SSL_free frees the session)",
      [call.returned, await noStore.wasFreed(call.session)],
      [0, true],
    );

    const caching = await ctx.ffiPair({ tls: "1.2", noTicket: true, clientCacheMode: "client" });
    const c2 = await caching.connect();
    await noStore.call("shutdown", c2);
    const { session } = await noStore.call("get_session", { ssl: c2.client, variant: "get1" });
    const cached = (await noStore.call("ctx_sess_number", { ctx: caching.clientCtx })).count;
    const removed =
      (await noStore.call("ctx_remove_session", { ctx: caching.clientCtx, session: session! })).rc;
    ctx.note(
      `caching client, callback returned 0: sess_number ${cached}, remove_session rc ${removed}`,
    );
    await noStore.call("session_free", { session: session! });
    ctx.expect.equal(
      "NC-8",
      "returned 0: the session is removed from the internal cache [sess_number, found by remove]",
      [cached, removed],
      [0, 0],
    );
  },
});
