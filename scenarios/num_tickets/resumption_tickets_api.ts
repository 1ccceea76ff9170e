import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.3 in memory, the client keeping its tickets. A server set to 5 tickets sends 5 after the
 * full handshake, and 1 when the client resumes with one of them. A server set to 0 sends none
 * after a full handshake; and a server that sent 2, then set to 0, sends none on the resumption
 * of one of those 2.
 */
export default defineScenario({
  quote: "Following a resumption the number of tickets issued will never be more than 1 " +
    "regardless of the value set. If num_tickets is set to 0 then no tickets will be issued for " +
    "either a normal connection or a resumption.",
  claims: ["NT-3", "NT-4"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["num_tickets_ignored", "tickets_unread"],
  async run(ctx) {
    const five = await ctx.ffiPair({ tls: "1.3", numTickets: 5, keepClientSessions: true });
    const full = await five.connect();
    ctx.expect.equal("NT-3", "5 set: 5 tickets after the full handshake", full.newSessionCalls, 5);
    const { calls } = await five.call("ctx_new_sessions", { ctx: five.clientCtx });
    const resumed = await five.connect({ session: calls[0]?.session });
    ctx.expect.equal(
      "NT-3",
      "5 set: the resumption brings 1 ticket",
      [resumed.reused, resumed.newSessionCalls],
      [true, 1],
    );
    const after = await five.call("ctx_new_sessions", { ctx: five.clientCtx });
    for (const c of after.calls) await five.call("session_free", { session: c.session });

    const zero = await ctx.ffiPair({ tls: "1.3", numTickets: 0 });
    ctx.expect.equal(
      "NT-4",
      "0 set: no ticket after a full handshake",
      (await zero.connect()).newSessionCalls,
      0,
    );

    const two = await ctx.ffiPair({ tls: "1.3", keepClientSessions: true });
    ctx.expect.equal(
      "NT-4",
      "control: 2 tickets by default",
      (await two.connect()).newSessionCalls,
      2,
    );
    const kept = await two.call("ctx_new_sessions", { ctx: two.clientCtx });
    await two.call("ctx_num_tickets", { ctx: two.serverCtx, set: 0 });
    const again = await two.connect({ session: kept.calls[0]?.session });
    ctx.expect.equal(
      "NT-4",
      "0 set, resumption: reused and no ticket",
      [again.reused, again.newSessionCalls],
      [true, 0],
    );
    for (const c of kept.calls) await two.call("session_free", { session: c.session });
  },
});
