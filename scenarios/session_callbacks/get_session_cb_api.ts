import { claimQuotes, defineScenario } from "../../mod.ts";
import { cleanConnection } from "../session_cache/_clean_connection.ts";

/** The server's cache modes: nothing internal (an external cache only), and caching off. */
const EXTERNAL = 0x302; // SERVER | NO_INTERNAL

/**
 * TLS 1.2 session IDs in memory; the server's get callback (the driver's) answers the server
 * session kept from a first connection to another server of the same certificate (session IDs, no store), the
 * client offering that connection's session.
 * `SSL_SESS_CACHE_SERVER | NO_INTERNAL` (an external cache only): one call, given the ID the
 * client's session has, and the connection resumes; the client's own get callback is never
 * called. `SSL_SESS_CACHE_OFF`: still called. External cache only, with `*copy` = 1 or left as
 * libssl set it (1): the served session outlives the connection until the application frees
 * it; with `*copy` = 0 libssl took the application's reference, so freeing the SSL frees it.
 */
export default defineScenario({
  quote: claimQuotes("NC-3", "NC-15"),
  claims: ["NC-3", "NC-15", "NC-16", "NC-17", "NC-18"],
  tags: ["ffi", "api", "callbacks", "tls12"],
  requires: ["api"],
  mutants: ["get_cb_unset"],
  async run(ctx) {
    for (
      const [mode, copy] of [[EXTERNAL, undefined], [0, undefined], [EXTERNAL, 1], [
        EXTERNAL,
        0,
      ]] as const
    ) {
      const what = `${mode === 0 ? "cache OFF" : "external cache only"}, copy ${
        copy ?? "unwritten"
      }`;
      const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: mode });
      await pair.call("ctx_session_callbacks", { ctx: pair.serverCtx, get: true });
      await pair.call("ctx_session_callbacks", { ctx: pair.clientCtx, get: true });
      // Issued by a server that gives session IDs (one with caching off gives none to offer)
      // but does not store them (its cache would hold a reference of its own).
      const issuer = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverCacheMode: 0x202 });
      const { serverSession: served, clientSession: offered } = await cleanConnection(issuer, {
        keepServerSession: true,
      });
      await pair.call("ctx_get_cb_serve", { ctx: pair.serverCtx, session: served, copy });
      const conn = await pair.connect({ session: offered });
      const { lookups } = await pair.call("ctx_callback_calls", { ctx: pair.serverCtx });
      const { id } = await pair.call("session_id", { session: offered });
      ctx.expect.equal(
        mode === 0 ? "NC-16" : "NC-3",
        `${what}: called once, and the connection resumes`,
        [lookups.length, conn.reused],
        [1, true],
      );
      ctx.expect.equal("NC-15", `${what}: given the client's session ID`, lookups[0]?.id, id);
      ctx.expect.equal(
        "NC-15",
        `${what}: the client's get callback is never called`,
        (await pair.call("ctx_callback_calls", { ctx: pair.clientCtx })).lookups.length,
        0,
      );
      await pair.call("shutdown", conn);
      await pair.call("ssl_free", { ssl: conn.client });
      if (mode === 0) {
        // Not a claim of this page: with caching off the served session still lands in the
        // internal cache (session_cache/cache_mode_off_get_cb_api), whose reference would hide
        // the ones counted below.
        await pair.call("ssl_free", { ssl: conn.server });
        await pair.call("session_free", { session: served });
        await pair.call("session_free", { session: offered });
        continue;
      }
      await pair.call("ssl_free", { ssl: conn.server });
      const freedWithSsl = await pair.wasFreed(served);
      if (copy === undefined) {
        ctx.expect.equal(
          "NC-18",
          `${what}: *copy was 1 before the call`,
          lookups[0]?.copyBefore,
          1,
        );
      }
      ctx.expect.equal(
        copy === undefined ? "NC-18" : "NC-17",
        `${what}: ${
          copy === 0
            ? "the reference was taken over: SSL_free frees it"
            : "a reference was added: it outlives SSL_free"
        }`,
        freedWithSsl,
        copy === 0,
      );
      if (!freedWithSsl) {
        const { freed } = await pair.call("session_free", { session: served });
        ctx.expect.equal(
          copy === undefined ? "NC-18" : "NC-17",
          `${what}: the application's SSL_SESSION_free then frees it`,
          freed,
          true,
        );
      }
      await pair.call("session_free", { session: offered });
    }
  },
});
