import { defineScenario } from "../../mod.ts";

/**
 * SSL_get_session(3): "the new session callback … is only invoked when a session is actually
 * established", once per session the server sends.
 *
 * s_client prints a "Post-Handshake New Session Ticket arrived:" block from its new-session
 * callback: for N tickets, N blocks, each a different session (different ticket, different
 * resumption PSK), and none for N = 0.
 */
export default defineScenario({
  name: "get_session/new_session_per_ticket",
  quote: "The new session callback is only invoked when a session is actually established, once " +
    "per session the server sends.",
  claims: ["GS-11"],
  requires: ["cli-client:openssl", "cli-server:openssl"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["no_tickets"],
  async run(ctx) {
    for (const n of [0, 1, 3]) {
      const server = await ctx.sServer({ tls: "1.3", numTickets: n });
      const c = await ctx.sClient(server);
      const tickets = c.transcript.tickets;
      ctx.expect.equal("GS-11", `callback blocks for ${n} ticket(s) sent`, tickets.length, n);
      const distinct = new Set(tickets.map((t) => Array.from(t.ticket ?? []).join(","))).size;
      ctx.expect.equal("GS-11", `each of the ${n} callbacks got a distinct session`, distinct, n);
      await server.stop();
    }
  },
});
