import { defineScenario, modeTls, RESUMPTION_MODES, resumptionServer, toHex } from "../../mod.ts";

/**
 * Tickets counted on both sides: the client's view is `s_client`'s ticket blocks (TLS 1.3) or
 * its `-msg` trace (TLS 1.2 prints no block), the server's view is its own `-msg` trace
 * (NewSessionTicket messages sent). For every resumption mode and `-num_tickets` N = 0…3: the
 * full handshake, then the resumed one (`-sess_in`, when the first gave a session): how many
 * tickets it gets, and what its `-sess_out` holds afterwards.
 *
 * Measured, and asserted so that a change shows: a resumed TLS 1.3 connection gets exactly one
 * ticket for every N ≥ 1, stateless or stateful; its `-sess_out` holds that new ticket. TLS 1.2
 * is outside the sentence (`-num_tickets` counts TLS 1.3 tickets): N changes nothing there, a
 * TLS 1.2 ticket server sends one ticket on the full handshake and none on a resumption, and a
 * resumed TLS 1.2 connection writes no `-sess_out` (no new session arrives). N = 0 gives no
 * TLS 1.3 session to resume, so those variants stop after the full handshake.
 */
export default defineScenario({
  quote:
    "SSL_CTX_set_num_tickets() … set the number of TLSv1.3 session tickets that will be sent " +
    "to the client after a full handshake. … Following a resumption the number of tickets " +
    "issued will never be more than 1 … If num_tickets is set to 0 then no tickets will be " +
    "issued for either a normal connection or a resumption.",
  claims: ["NT-1", "NT-3", "NT-4", "GS-9"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13", "tickets"],
  mutants: ["no_tickets"],
  variants: { mode: RESUMPTION_MODES, n: ["0", "1", "2", "3"] },
  mutantsFor: (v) =>
    v.mode === "tls1.2-id"
      ? ["full_handshakes"]
      : v.mode === "tls1.2-ticket" || v.n === "2"
      ? ["no_tickets"]
      : ["num_tickets_dropped"],
  async run(ctx) {
    const { mode } = ctx.variant;
    const n = Number(ctx.variant.n);
    const tls13 = modeTls(mode) === "1.3";
    const claim = n === 0 ? "NT-4" : "NT-1";
    const server = await ctx.sServer(resumptionServer(mode, { numTickets: n, msg: true }));
    const first = await ctx.sClient(server, { sessOut: "first.pem", msg: true });
    const sent = tls13 ? n : mode === "tls1.2-ticket" ? 1 : 0;
    ctx.expect.equal(
      claim,
      `full handshake: tickets seen by the client (blocks, -msg) and sent by the server (-msg)`,
      [
        tls13 ? first.transcript.tickets.length : undefined,
        first.trace?.handshakes[0]?.newSessionTickets,
        first.serverTrace?.newSessionTickets,
      ],
      [tls13 ? sent : undefined, sent, sent],
    );
    const hasSession = !tls13 || n > 0;
    ctx.expect.equal(
      claim,
      hasSession ? "the client has a session to save" : "no ticket, no session file",
      first.sessionFileState,
      hasSession ? "present" : "absent",
    );
    if (!hasSession) return;

    const again = await ctx.sClient(server, { sessIn: "first.pem", sessOut: "again.pem" });
    ctx.expect.equal("NT-3", "the saved session resumes", again.reused, true);
    const resumedSent = tls13 ? 1 : 0;
    ctx.expect.equal(
      "NT-3",
      "resumed: tickets seen by the client (-msg) and sent by the server (-msg)",
      [again.trace?.handshakes[0]?.newSessionTickets, again.serverTrace?.newSessionTickets],
      [resumedSent, resumedSent],
    );
    if (tls13) {
      ctx.expect.ok(
        "GS-9",
        "after the resumed TLS 1.3 connection -sess_out holds its new ticket",
        again.sessionFileState === "present" && again.session?.ticket !== undefined &&
          toHex(again.session.ticket) ===
            toHex(again.transcript.tickets[0]?.ticket ?? new Uint8Array()) &&
          toHex(again.session.ticket) !== toHex(first.session?.ticket ?? new Uint8Array()),
        { file: again.sessionFileState, tickets: again.transcript.tickets.length },
      );
    } else {
      ctx.expect.equal(
        "GS-9",
        "a resumed TLS 1.2 connection receives no new session: -sess_out is not written",
        again.sessionFileState,
        "absent",
      );
    }
  },
});
