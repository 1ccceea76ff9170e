import { claimQuotes, defineScenario } from "../../mod.ts";
import { ffiPair, wasFreed } from "../get_session/_ffi_pair_api.ts";

/**
 * TLS 1.2 session IDs in memory, the client's new-session callback returning 0. With
 * `SSL_SESS_CACHE_CLIENT | NO_INTERNAL_STORE`: `SSL_free` frees the session (the reference
 * taken for the callback was released). With `SSL_SESS_CACHE_CLIENT` (internal store on): after
 * the callback returned 0, `SSL_CTX_sess_number` of the client context and whether
 * `SSL_CTX_remove_session` still finds the session.
 */
export default defineScenario({
  name: "session_callbacks/new_session_cb_return_0_api",
  quote: claimQuotes("NC-8"),
  claims: ["NC-8"],
  tags: ["ffi", "api", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["session_free_noop", "cache_mode_ignored"],
  async run(ctx) {
    const noStore = await ffiPair(ctx, { tls: "1.2", noTicket: true });
    const d = noStore.driver;
    const conn = await noStore.connect();
    await d.call("shutdown", conn);
    const [call] = (await d.call("ctx_new_sessions", { ctx: noStore.clientCtx })).calls;
    await d.call("ssl_free", { ssl: conn.client });
    ctx.expect.equal(
      "NC-8",
      "returned 0: the reference is released (SSL_free frees the session)",
      [call.returned, await wasFreed(d, call.session)],
      [0, true],
    );

    const caching = await ffiPair(ctx, { tls: "1.2", noTicket: true, clientCacheMode: "client" });
    const c2 = await caching.connect();
    await d.call("shutdown", c2);
    const { session } = await d.call("get_session", { ssl: c2.client, variant: "get1" });
    const cached = (await d.call("ctx_sess_number", { ctx: caching.clientCtx })).count;
    const removed =
      (await d.call("ctx_remove_session", { ctx: caching.clientCtx, session: session! })).rc;
    ctx.note(
      `caching client, callback returned 0: sess_number ${cached}, remove_session rc ${removed}`,
    );
    await d.call("session_free", { session: session! });
    ctx.expect.equal(
      "NC-8",
      "returned 0: the session is removed from the internal cache [sess_number, found by remove]",
      [cached, removed],
      [0, 0],
    );
  },
});
