import { defineScenario } from "../../mod.ts";

/**
 * For N = 1, 2, 3 tickets in one TLS 1.3 connection (in memory), the client's new-session
 * callback is handed N distinct sessions (kept, so each stays a distinct object); after they
 * were read SSL_get_session() returns the N-th, not the first; and each is resumable.
 *
 * It fails if get_session returned the first session received (or the handshake's own, not
 * resumable session) when more arrived.
 */
export default defineScenario({
  quote: "In TLSv1.3, a server can send multiple messages that establish a session for a single " +
    "connection. In that case the above functions will only return information on the last " +
    "session that was received.",
  claims: ["GS-9"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["get_returns_first_ticket"],
  async run(ctx) {
    for (const n of [1, 2, 3]) {
      const pair = await ctx.ffiPair({ tls: "1.3", numTickets: n, keepClientSessions: true });
      const conn = await pair.connect();
      const { calls } = await pair.call("ctx_new_sessions", { ctx: pair.clientCtx });
      ctx.expect.equal("GS-9", `${n} ticket(s): ${n} sessions received`, calls.length, n);
      const current = pair.expectSession(
        "GS-9",
        `${n} ticket(s): get_session returns a session`,
        await pair.call("get_session", { ssl: conn.client }),
      );
      ctx.expect.equal(
        "GS-9",
        `${n} ticket(s): it is the last session received`,
        current,
        calls.at(-1)?.session,
      );
      if (n > 1) {
        ctx.expect.notEqual(
          "GS-9",
          `${n} tickets: it is not the first one`,
          current,
          calls[0].session,
        );
      }
      const { resumable } = await pair.call("session_is_resumable", { session: current });
      ctx.expect.equal("GS-9", `${n} ticket(s): and it is resumable`, resumable, true);
      for (const call of calls) await pair.call("session_free", { session: call.session });
    }
  },
});
