import { defineScenario } from "../../mod.ts";

/**
 * s_client prints one "Post-Handshake New Session Ticket arrived:" block per ticket its
 * new-session callback receives. Against `s_server` (default, `-num_tickets 0/1/3/5`) after a
 * full handshake: as many blocks as set, 2 by default, none for 0. Then `-sess_in` of the session
 * saved from the 5-ticket server: "Reused," with exactly one block. (A resumption with 0 tickets
 * needs a session from the same server, so it is checked on the API: `resumption_tickets_api`.)
 */
export default defineScenario({
  quote:
    "SSL_CTX_set_num_tickets() … set the number of TLSv1.3 session tickets that will be sent " +
    "to the client after a full handshake. The default number of tickets is 2.",
  claims: ["NT-1", "NT-2", "NT-3", "NT-4"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["no_tickets"],
  async run(ctx) {
    const byDefault = await ctx.sServer({ tls: "1.3" });
    const d = await ctx.sClient(byDefault);
    ctx.expect.equal("NT-2", "a default s_server sends 2 tickets", d.transcript.tickets.length, 2);
    await byDefault.stop();
    for (const n of [0, 1, 3, 5]) {
      const server = await ctx.sServer({ tls: "1.3", numTickets: n });
      const first = await ctx.sClient(server, { sessOut: `s${n}.pem` });
      ctx.expect.equal(
        n === 0 ? "NT-4" : "NT-1",
        `-num_tickets ${n}: ${n} ticket(s) after the full handshake`,
        [first.reused, first.transcript.tickets.length],
        [false, n],
      );
      if (n === 5) {
        const again = await ctx.sClient(server, { sessIn: "s5.pem" });
        ctx.expect.equal(
          "NT-3",
          "-num_tickets 5, resumed: one ticket",
          [again.reused, again.transcript.tickets.length],
          [true, 1],
        );
      }
      await server.stop();
    }
  },
});
