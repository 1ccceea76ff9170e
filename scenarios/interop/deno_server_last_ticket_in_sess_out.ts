import { defineScenario } from "../../mod.ts";
import { recordMeasured } from "./_measured.ts";

/**
 * With a server that is not OpenSSL. The Deno (rustls) server sends two tickets after the handshake; `s_client -sess_out` writes
 * the session from the new-session callback, so the file holds the second (last) ticket: its
 * ticket equals the last ticket block's and differs from the first's. Both ticket blocks come
 * after the "New," line.
 *
 * Fails when the file holds the first ticket (the client kept the first session), when a ticket
 * block precedes the handshake line, when the two tickets are the same bytes, or when fewer than
 * two tickets arrive (then "last" and "first" cannot be told apart).
 */
export default defineScenario({
  quote: "SSL_get_session() returns the last session received on the client side. In TLSv1.3 " +
    "the session is established after the main handshake has completed.",
  claims: ["GS-9", "GS-7"],
  tags: ["deno", "interop", "cli", "tls13", "tickets"],
  requires: ["cli-client:openssl", "session-file:openssl-pem"],
  mutants: ["first_ticket_kept"],
  async run(ctx) {
    const server = await ctx.denoServer();
    const c = await ctx.sClient(server, { sessOut: "last.pem" });
    const tickets = c.transcript.tickets;
    const fileTicket = c.session?.ticket;
    const which = fileTicket === undefined
      ? "none"
      : tickets.findIndex((t) => t.ticket !== undefined && sameBytes(t.ticket, fileTicket));
    recordMeasured(ctx, "fileTicket", which === "none" || which < 0 ? which : which + 1);

    ctx.expect.equal("GS-9", "two tickets arrive on one connection", tickets.length, 2);
    const handshakeLine = c.transcript.handshake?.line ?? Infinity;
    ctx.expect.ok(
      "GS-7",
      "both tickets arrive after the handshake line",
      tickets.every((t) => t.line > handshakeLine),
      { handshakeLine, ticketLines: tickets.map((t) => t.line) },
    );
    ctx.expect.notEqual("GS-9", "the two tickets differ", tickets[0]?.ticket, tickets[1]?.ticket);
    ctx.expect.equal("GS-9", "-sess_out wrote a session", c.sessionFileState, "present");
    ctx.expect.equal(
      "GS-9",
      "the session file holds the last ticket",
      fileTicket,
      tickets.at(-1)?.ticket,
    );
    ctx.expect.notEqual(
      "GS-9",
      "the session file does not hold the first ticket",
      fileTicket,
      tickets[0]?.ticket,
    );
  },
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
