import { defineScenario } from "../../mod.ts";

/**
 * SSL_get_session(3): "If multiple sessions are established on the same connection (for
 * example with TLSv1.3 session tickets), then SSL_get_session() returns the last session
 * received on the client side."
 *
 * `s_client -sess_out` writes the file from the new-session callback, so the file ends up with
 * the last ticket. For N = 1, 2, 3 tickets: the file's ticket equals the last ticket block's,
 * and (N > 1) differs from the first.
 */
export default defineScenario({
  name: "get_session/last_ticket_wins",
  quote: "SSL_get_session() returns the last session received on the client side.",
  claims: ["GS-9"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["first_ticket_kept", "no_tickets"],
  async run(ctx) {
    for (const n of [1, 2, 3]) {
      const server = await ctx.sServer({ tls: "1.3", numTickets: n });
      const c = await ctx.sClient(server, { sessOut: `tickets-${n}.pem` });
      const tickets = c.transcript.tickets;
      ctx.expect.equal("GS-9", `${n} ticket(s) sent, ${n} received`, tickets.length, n);
      ctx.expect.equal(
        "GS-9",
        `with ${n} ticket(s) the session file holds the last one`,
        c.session?.ticket,
        tickets.at(-1)?.ticket,
      );
      if (n > 1) {
        ctx.expect.notEqual(
          "GS-9",
          `with ${n} tickets the file is not the first one`,
          c.session?.ticket,
          tickets[0].ticket,
        );
      }
      await server.stop();
    }
  },
});
