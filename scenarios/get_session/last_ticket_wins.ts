import { defineScenario, resumptionServer } from "../../mod.ts";

/**
 * `s_client -sess_out` writes the file from the new-session callback, so the file ends up with
 * the last ticket. For N = 1, 2, 3 tickets: the file's ticket equals the last ticket block's,
 * and (N > 1) differs from the first; with stateless tickets (the default) and stateful ones
 * (`s_server -no_ticket`: the tickets name cache entries). TLS 1.2 does not apply (one session
 * per connection), nor does a resumed connection (it is sent one ticket: `tickets_by_mode`).
 */
export default defineScenario({
  quote: "SSL_get_session() returns the last session received on the client side.",
  claims: ["GS-9"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["first_ticket_kept", "no_tickets"],
  variants: { mode: ["tls1.3-stateless", "tls1.3-stateful"], n: ["1", "2", "3"] },
  mutantsFor: (v) => v.n === "1" ? ["no_tickets"] : ["first_ticket_kept", "no_tickets"],
  async run(ctx) {
    const n = Number(ctx.variant.n);
    const server = await ctx.sServer(resumptionServer(ctx.variant.mode, { numTickets: n }));
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
  },
});
