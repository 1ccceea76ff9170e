import { defineScenario } from "../../mod.ts";

/**
 * SSL_get_session(3): "In TLSv1.3 it is recommended that each SSL_SESSION object is only used
 * for resumption once. … the session is established after the main handshake has completed.
 * The server decides when to send the client the session information and this may occur some
 * time after the end of the handshake (or not at all)."
 *
 * With `-num_tickets 0` no session is ever sent, so `-sess_out` writes no file; with one ticket
 * the ticket block comes after the handshake line, and only then is there a session file.
 */
export default defineScenario({
  name: "get_session/tls13_session_after_handshake",
  quote: "In TLSv1.3 the session is established after the main handshake has completed. The " +
    "server decides when to send the client the session information and this may occur some " +
    "time after the end of the handshake (or not at all).",
  claims: ["GS-7"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["no_tickets"],
  async run(ctx) {
    const none = await ctx.sServer({ tls: "1.3", numTickets: 0 });
    const a = await ctx.sClient(none, { sessOut: "none.pem" });
    ctx.expect.equal("GS-7", "the handshake completes without tickets", a.handshake, true);
    ctx.expect.equal("GS-7", "no ticket arrives", a.transcript.tickets.length, 0);
    ctx.expect.equal("GS-7", "no session file is written", a.sessionFileState, "absent");

    const one = await ctx.sServer({ tls: "1.3", numTickets: 1 });
    const b = await ctx.sClient(one, { sessOut: "one.pem" });
    const handshakeLine = b.transcript.handshake?.line ?? Infinity;
    const ticketLine = b.transcript.tickets[0]?.line ?? -1;
    ctx.expect.equal("GS-7", "one ticket arrives", b.transcript.tickets.length, 1);
    ctx.expect.ok(
      "GS-7",
      "the ticket arrives after the handshake line",
      ticketLine > handshakeLine,
      {
        handshakeLine,
        ticketLine,
      },
    );
    ctx.expect.equal("GS-7", "then the session file is written", b.sessionFileState, "present");
    ctx.expect.ok(
      "GS-7",
      "the session from the ticket carries a ticket",
      (b.session?.ticket?.length ?? 0) > 0,
      b.session?.ticket,
    );
    const resumed = await ctx.sClient(one, { sessIn: "one.pem" });
    ctx.expect.equal("GS-7", "and that session resumes", resumed.reused, true);
  },
});
