import { defineScenario, resumptionServer } from "../../mod.ts";

/**
 * `s_server -www` prints SSL_get_session() of the serving connection. With two tickets its
 * session's Resumption PSK is the client's second (last) ticket's, not the first's; with no
 * ticket it is the connection's own session (the one s_client printed at the handshake). For
 * N = 0…3 tickets (the client's view is its ticket blocks, the server's the page), stateless and
 * stateful (`-no_ticket`). TLS 1.2 full handshakes send their one session inside the handshake
 * (no "last of several"): the TLS 1.2 side of the sentence is `www_page_resumed`.
 */
export default defineScenario({
  quote: "On the server side, SSL_get_session() returns the last session sent to the client, or " +
    "the session of the current connection if no session was sent.",
  claims: ["GS-10"],
  requires: ["cli-client:openssl", "cli-server:openssl"],
  tags: ["cli", "tls13", "tickets", "www"],
  mutants: ["no_tickets"],
  variants: { mode: ["tls1.3-stateless", "tls1.3-stateful"], n: ["0", "1", "2", "3"] },
  mutantsFor: (v) => v.n === "2" ? ["no_tickets"] : ["num_tickets_dropped"],
  async run(ctx) {
    const n = Number(ctx.variant.n);
    const server = await ctx.sServer(
      resumptionServer(ctx.variant.mode, { numTickets: n, www: true }),
    );
    const c = await ctx.sClient(server);
    const page = c.page?.session;
    const tickets = c.transcript.tickets;
    ctx.expect.equal("GS-10", `${n} ticket(s) reached the client`, tickets.length, n);
    ctx.expect.ok("GS-10", "the page shows a session", page !== undefined, c.page);
    const secret = (b?: { resumptionPsk?: Uint8Array; masterKey?: Uint8Array }) =>
      b?.resumptionPsk ?? b?.masterKey;
    if (n === 0) {
      ctx.expect.equal(
        "GS-10",
        "with no ticket sent, the page's session is the connection's own (its protocol and cipher)",
        [page?.protocol, page?.cipher],
        [c.transcript.handshake?.version, c.transcript.handshake?.cipher],
      );
      ctx.expect.equal(
        "GS-10",
        "with no ticket sent, the page's session is no ticket's (no resumption secret, no ID)",
        [page?.resumptionPsk ?? new Uint8Array(), page?.sessionId],
        [new Uint8Array(), new Uint8Array()],
      );
      return;
    }
    ctx.expect.equal(
      "GS-10",
      "the page's session is the last ticket's",
      secret(page),
      secret(tickets.at(-1)),
    );
    if (n > 1) {
      ctx.expect.notEqual(
        "GS-10",
        "the page's session is not the first ticket's",
        secret(page),
        secret(tickets[0]),
      );
    }
  },
});
