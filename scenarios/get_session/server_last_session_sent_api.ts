import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.3 in memory. The server's session is taken mid-handshake (after it read the
 * ClientHello: the connection's own session). With `num_tickets` 0 the server's
 * SSL_get_session() after the handshake is that same object and its new-session callback never
 * fired. With 2 tickets it is the session the server's new-session callback was given for the
 * second ticket, not the connection's own; and its resumption PSK (the master key field of
 * i2d_SSL_SESSION) equals the PSK of the client's last ticket session, not the first's: it is
 * the session behind the last ticket sent.
 *
 * It fails if the server kept returning the handshake's session after sending tickets, or
 * returned the first ticket's session, or (no tickets) some other object.
 */
export default defineScenario({
  quote: "On the server side SSL_get_session() returns the last session sent, or the current " +
    "connection's session if no ticket was sent.",
  claims: ["GS-10"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["get_returns_first_ticket"],
  async run(ctx) {
    for (const tickets of [0, 2]) {
      const pair = await ctx.ffiPair({
        tls: "1.3",
        numTickets: tickets,
        keepClientSessions: true,
        keepServerSessions: true,
      });
      const ssls = await pair.newSsls();
      await pair.startHandshake(ssls);
      const own = pair.expectSession(
        "GS-10",
        `${tickets} ticket(s): mid-handshake the server has the connection's session`,
        await pair.call("get_session", { ssl: ssls.server }),
      );
      await pair.call("handshake", { client: ssls.client, server: ssls.server, readTickets: true });
      const last = pair.expectSession(
        "GS-10",
        `${tickets} ticket(s): after the handshake the server has a session`,
        await pair.call("get_session", { ssl: ssls.server }),
      );
      const sent = (await pair.call("ctx_new_sessions", { ctx: pair.serverCtx })).calls;
      const received = (await pair.call("ctx_new_sessions", { ctx: pair.clientCtx })).calls;
      ctx.expect.equal(
        "GS-10",
        `${tickets} ticket(s): the server's new-session callback fired once per ticket`,
        [sent.length, received.length],
        [tickets, tickets],
      );
      if (tickets === 0) {
        ctx.expect.equal(
          "GS-10",
          "no ticket sent: get_session returns the connection's own session",
          last,
          own,
        );
        continue;
      }
      ctx.expect.equal(
        "GS-10",
        `${tickets} tickets: get_session returns the session of the last ticket sent`,
        last,
        sent.at(-1)?.session,
      );
      ctx.expect.notEqual(
        "GS-10",
        `${tickets} tickets: not the connection's own session`,
        last,
        own,
      );
      const serverKey = await pair.masterKeyHex(last);
      ctx.expect.equal(
        "GS-10",
        `${tickets} tickets: its resumption PSK is that of the client's last ticket`,
        serverKey,
        await pair.masterKeyHex(received.at(-1)!.session),
      );
      ctx.expect.notEqual(
        "GS-10",
        `${tickets} tickets: not that of the client's first ticket`,
        serverKey,
        await pair.masterKeyHex(received[0].session),
      );
    }
  },
});
