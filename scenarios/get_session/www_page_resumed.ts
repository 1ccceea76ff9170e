import {
  defineScenario,
  modeTls,
  modeUsesServerCache,
  RESUMPTION_MODES,
  resumptionServer,
  toHex,
} from "../../mod.ts";

/**
 * `s_server -www` prints SSL_get_session() of the serving connection; here on a **resumed**
 * connection, in every resumption mode. TLS 1.3: a resumed connection is sent one new ticket,
 * so the page's session is that ticket's (its resumption PSK is the one of the ticket block the
 * client printed on that connection), not the session it resumed. TLS 1.2: a resumption sends
 * no session, so the page shows the connection's own, i.e. the resumed session: the same
 * master key as the saved file (and, for session IDs, the same ID). The page says "Reused,"
 * (one of the resumption signals).
 */
export default defineScenario({
  quote: "On the server side, SSL_get_session() returns the last session sent to the client, or " +
    "the session of the current connection if no session was sent.",
  claims: ["GS-10"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13", "tickets", "www"],
  mutants: ["full_handshakes"],
  variants: { mode: RESUMPTION_MODES },
  async run(ctx) {
    const { mode } = ctx.variant;
    const tls13 = modeTls(mode) === "1.3";
    const server = await ctx.sServer(resumptionServer(mode, {
      numTickets: tls13 ? 1 : undefined,
      www: true,
    }));
    const first = await ctx.sClient(server, { sessOut: "s.pem" });
    ctx.expect.equal(
      "GS-10",
      "the first connection saved a session",
      first.sessionFileState,
      "present",
    );
    const again = await ctx.sClient(server, { sessIn: "s.pem" });
    const page = again.page?.session;
    ctx.expect.equal(
      "GS-10",
      "the page is served on a resumed connection",
      again.page?.reused,
      true,
    );
    const hex = (b?: Uint8Array) => (b === undefined ? undefined : toHex(b));
    if (tls13) {
      const ticket = again.transcript.tickets[0];
      ctx.expect.equal(
        "GS-10",
        "TLS 1.3: the page's session is the ticket sent on this connection, not the resumed one",
        [
          again.transcript.tickets.length,
          hex(page?.resumptionPsk),
          hex(page?.resumptionPsk) !==
            hex(first.session?.masterKey),
        ],
        [1, hex(ticket?.resumptionPsk), true],
      );
    } else {
      ctx.expect.equal(
        "GS-10",
        "TLS 1.2: no session sent: the page shows the resumed session (master key" +
          `${modeUsesServerCache(mode) ? ", session ID" : ""} of the saved file)`,
        [hex(page?.masterKey), modeUsesServerCache(mode) ? hex(page?.sessionId) : undefined],
        [
          hex(first.session?.masterKey),
          modeUsesServerCache(mode) ? hex(first.session?.sessionId) : undefined,
        ],
      );
    }
  },
});
