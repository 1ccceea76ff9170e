import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.3 in memory, N = 0, 1, 2, 3 tickets (`SSL_CTX_set_num_tickets`): when the handshake
 * has completed but the tickets are unread the client's callback has not fired; after reading
 * them it has fired exactly N times, with N distinct sessions (kept, so distinct objects), each
 * resumable. Control (TLS 1.2, session ID): one established session, one callback, at the end
 * of the handshake.
 *
 * It fails if the callback fired at handshake completion in TLS 1.3 (a session not yet
 * established), fired a number of times other than the tickets sent, or handed over a
 * non-resumable or repeated session.
 */
export default defineScenario({
  quote: "The new session callback is only invoked when a session is actually established. It " +
    "also enables applications to obtain information about all sessions sent by the server.",
  claims: ["GS-11"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["new_session_cb_once"],
  async run(ctx) {
    for (const n of [0, 1, 2, 3]) {
      const pair = await ctx.ffiPair({ tls: "1.3", numTickets: n, keepClientSessions: true });
      const conn = await pair.connect({ readTickets: false });
      ctx.expect.equal(
        "GS-11",
        `${n} ticket(s): no callback at the end of the handshake`,
        (await pair.call("ctx_new_sessions", { ctx: pair.clientCtx })).count,
        0,
      );
      const read = await pair.call("read_tickets", { client: conn.client });
      const { calls } = await pair.call("ctx_new_sessions", { ctx: pair.clientCtx });
      ctx.expect.equal("GS-11", `${n} ticket(s): ${n} callback(s)`, calls.length, n);
      ctx.expect.equal("GS-11", `${n} ticket(s): all while reading`, read.newSessionCalls, n);
      ctx.expect.equal(
        "GS-11",
        `${n} ticket(s): ${n} distinct sessions`,
        new Set(calls.map((c) => c.session)).size,
        n,
      );
      for (const [i, call] of calls.entries()) {
        const { resumable } = await pair.call("session_is_resumable", { session: call.session });
        ctx.expect.equal(
          "GS-11",
          `${n} ticket(s): session #${i + 1} is resumable`,
          resumable,
          true,
        );
        await pair.call("session_free", { session: call.session });
      }
    }

    const tls12 = await ctx.ffiPair({ tls: "1.2", noTicket: true, keepClientSessions: true });
    await tls12.connect({ readTickets: false });
    const { calls } = await tls12.call("ctx_new_sessions", { ctx: tls12.clientCtx });
    ctx.expect.equal(
      "GS-11",
      "TLS 1.2 control: one callback by the handshake's end",
      calls.length,
      1,
    );
    for (const call of calls) await tls12.call("session_free", { session: call.session });
  },
});
