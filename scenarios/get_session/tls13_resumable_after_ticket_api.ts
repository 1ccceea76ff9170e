import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.3 in memory: right after the handshake (SSL_connect done, the server's ticket still
 * unread in the client's input BIO) SSL_get_session() returns a session and
 * SSL_SESSION_is_resumable() says 0, and no new-session callback has fired; once the client
 * reads the ticket, SSL_get_session() returns a resumable session (the one the callback was
 * given), and a connection given it resumes. With `num_tickets` 0 the session never becomes
 * resumable. (The scenario get_session/tcp_peer_tickets_api checks the same over TCP against
 * `openssl s_server` of the server build.)
 *
 * It fails if the session were resumable before the ticket, or not after it.
 */
export default defineScenario({
  quote: "Calling these functions on the client side in TLSv1.3 before the session has been " +
    "established will still return an SSL_SESSION object but that object cannot be used for " +
    "resuming the session.",
  claims: ["GS-8"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["resumable_always_1", "tickets_unread"],
  async run(ctx) {
    for (const tickets of [1, 0]) {
      const pair = await ctx.ffiPair({ tls: "1.3", numTickets: tickets });
      const conn = await pair.connect({ readTickets: false });
      const before = pair.expectSession(
        "GS-8",
        `${tickets} ticket(s): before the ticket is read get_session returns a session`,
        await pair.call("get_session", { ssl: conn.client }),
      );
      const early = await pair.call("session_is_resumable", { session: before });
      ctx.expect.equal(
        "GS-8",
        `${tickets} ticket(s): that session is not resumable`,
        early.resumable,
        false,
      );
      ctx.expect.equal(
        "GS-8",
        `${tickets} ticket(s): no session established yet (no new-session callback)`,
        (await pair.call("ctx_new_sessions", { ctx: pair.clientCtx })).count,
        0,
      );

      const read = await pair.call("read_tickets", { client: conn.client });
      ctx.expect.equal(
        "GS-8",
        `${tickets} ticket(s): reading them establishes ${tickets} session(s)`,
        read.newSessionCalls,
        tickets,
      );
      const after = pair.expectSession(
        "GS-8",
        `${tickets} ticket(s): after reading get_session returns a session`,
        await pair.call("get_session", { ssl: conn.client }),
      );
      const late = await pair.call("session_is_resumable", { session: after });
      ctx.expect.equal(
        "GS-8",
        `${tickets} ticket(s): ${tickets ? "now it is resumable" : "it is still not resumable"}`,
        late.resumable,
        tickets > 0,
      );
      if (tickets > 0) {
        const { calls } = await pair.call("ctx_new_sessions", { ctx: pair.clientCtx });
        ctx.expect.equal(
          "GS-8",
          "the resumable session is the one the new-session callback was given",
          after,
          calls.at(-1)?.session,
        );
        await pair.call("shutdown", { client: conn.client, server: conn.server });
        const resumed = await pair.connect({ session: after });
        ctx.expect.equal("GS-8", "a connection given it resumes", resumed.reused, true);
      }
    }
  },
});
