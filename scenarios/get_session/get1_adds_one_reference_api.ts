import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * Counted through the driver's free callback only (libssl calls it when the count reaches 0):
 * with no cache and no callback holding the session, the SSL is its only owner. After
 * SSL_get1_session() the session outlives SSL_free() and exactly one SSL_SESSION_free() frees
 * it; after two get1 calls, exactly two. Same pointer as SSL_get_session(). Done on the client
 * (TLS 1.2 session ID, TLS 1.3 ticket session) and on the server (cache off).
 *
 * It fails if get1 did not increment (the session would be freed inside SSL_free), or
 * incremented by more than one (one SSL_SESSION_free would not free it).
 */
export default defineScenario({
  quote: "SSL_get1_session() is the same as SSL_get_session(), but the reference count of the " +
    "SSL_SESSION is incremented by one.",
  claims: ["GS-3"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["get1_without_ref", "get1_two_refs"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2", serverCacheMode: "off" });
    for (const side of ["client", "server"] as const) {
      for (const calls of [1, 2]) {
        const conn = await pair.connect();
        await pair.call("shutdown", { client: conn.client, server: conn.server });
        const ssl = conn[side];
        const plain = await pair.call("get_session", { ssl, variant: "get" });
        let session = 0;
        for (let i = 0; i < calls; i++) {
          const got = await pair.call("get_session", { ssl, variant: "get1" });
          session = pair.expectSession("GS-3", `${side}: get1 returns a session`, got);
          ctx.expect.equal(
            "GS-3",
            `${side}: get1 returns the pointer SSL_get_session returns`,
            got.ptr,
            plain.ptr,
          );
        }
        await pair.call("ssl_free", { ssl: conn.client });
        await pair.call("ssl_free", { ssl: conn.server });
        ctx.expect.equal(
          "GS-3",
          `${side}, ${calls} get1 call(s): the session outlives SSL_free`,
          await pair.wasFreed(session),
          false,
        );
        for (let i = 1; i <= calls; i++) {
          const { freed } = await pair.call("session_free", { session });
          ctx.expect.equal(
            "GS-3",
            `${side}, ${calls} get1 call(s): SSL_SESSION_free #${i} ${
              i === calls ? "frees it" : "does not free it yet"
            }`,
            freed,
            i === calls,
          );
        }
      }
    }
  },
});
