import { defineScenario } from "../../mod.ts";

/**
 * SSL_get_session(3): "On the server side, the last session sent to the client, or the
 * session of the current connection if no session was sent."
 *
 * `s_server -www` prints SSL_get_session() of the serving connection. With two tickets its
 * session's Resumption PSK is the client's second (last) ticket's, not the first's; with no
 * ticket it is the connection's own session (the one s_client printed at the handshake).
 */
export default defineScenario({
  name: "get_session/www_page_last_ticket",
  quote: "On the server side, SSL_get_session() returns the last session sent to the client, or " +
    "the session of the current connection if no session was sent.",
  claims: ["GS-10"],
  requires: ["cli-client:openssl", "cli-server:openssl"],
  tags: ["cli", "tls13", "tickets", "www"],
  mutants: ["no_tickets"],
  async run(ctx) {
    const two = await ctx.sServer({ tls: "1.3", numTickets: 2, www: true });
    const a = await ctx.sClient(two);
    const page = a.page?.session;
    const [t1, t2] = a.transcript.tickets;
    ctx.expect.equal("GS-10", "two tickets reached the client", a.transcript.tickets.length, 2);
    ctx.expect.equal(
      "GS-10",
      "the page's session is the last ticket's",
      page?.resumptionPsk ?? page?.masterKey,
      t2?.resumptionPsk ?? t2?.masterKey,
    );
    ctx.expect.notEqual(
      "GS-10",
      "the page's session is not the first ticket's",
      page?.resumptionPsk ?? page?.masterKey,
      t1?.resumptionPsk ?? t1?.masterKey,
    );

    const none = await ctx.sServer({ tls: "1.3", numTickets: 0, www: true });
    const b = await ctx.sClient(none);
    const page0 = b.page?.session;
    ctx.expect.equal("GS-10", "no ticket reached the client", b.transcript.tickets.length, 0);
    ctx.expect.ok("GS-10", "the page shows a session", page0 !== undefined, b.page);
    ctx.expect.equal(
      "GS-10",
      "with no ticket sent, the page's session is the connection's own (its protocol and cipher)",
      [page0?.protocol, page0?.cipher],
      [b.transcript.handshake?.version, b.transcript.handshake?.cipher],
    );
    ctx.expect.equal(
      "GS-10",
      "with no ticket sent, the page's session is no ticket's (no resumption secret, no ID)",
      [page0?.resumptionPsk ?? new Uint8Array(), page0?.sessionId],
      [new Uint8Array(), new Uint8Array()],
    );
  },
});
