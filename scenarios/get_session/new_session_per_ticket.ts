import { defineScenario, resumptionServer } from "../../mod.ts";

/**
 * s_client prints a "Post-Handshake New Session Ticket arrived:" block from its new-session
 * callback: for N tickets, N blocks, each a different session (different ticket, different
 * resumption PSK), and none for N = 0; for N = 0…3, with stateless and stateful
 * (`s_server -no_ticket`) tickets, and the server's `-msg` trace sent as many NewSessionTicket
 * messages. TLS 1.2 does not apply here (one session, printed in the handshake summary, not by
 * the callback's ticket block: `tls13_session_after_handshake`).
 */
export default defineScenario({
  quote: "The new session callback is only invoked when a session is actually established, once " +
    "per session the server sends.",
  claims: ["GS-11"],
  requires: ["cli-client:openssl", "cli-server:openssl"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["no_tickets"],
  variants: { mode: ["tls1.3-stateless", "tls1.3-stateful"], n: ["0", "1", "2", "3"] },
  mutantsFor: (v) => v.n === "2" ? ["no_tickets"] : ["num_tickets_dropped"],
  async run(ctx) {
    const n = Number(ctx.variant.n);
    const server = await ctx.sServer(
      resumptionServer(ctx.variant.mode, { numTickets: n, msg: true }),
    );
    const c = await ctx.sClient(server);
    const tickets = c.transcript.tickets;
    ctx.expect.equal(
      "GS-11",
      `callback blocks for ${n} ticket(s) sent (server -msg: NewSessionTicket messages)`,
      [tickets.length, c.serverTrace?.newSessionTickets],
      [n, n],
    );
    const distinct = new Set(tickets.map((t) => Array.from(t.ticket ?? []).join(","))).size;
    ctx.expect.equal("GS-11", `each of the ${n} callbacks got a distinct session`, distinct, n);
  },
});
