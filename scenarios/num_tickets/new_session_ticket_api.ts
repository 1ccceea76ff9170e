import { defineScenario } from "../../mod.ts";

/**
 * `SSL_new_session_ticket` on the server SSL, in memory (3.0+; 1.1.1 has neither the function nor
 * these sentences: skipped). It returns 0 before the handshake and on a TLS 1.2 connection, 1 on a
 * finished TLS 1.3 one. After it the server's output BIO stays empty (nothing to transfer), the
 * client's callback has not fired, but the server's own new-session callback has (the ticket is
 * generated, not sent); the next `SSL_write` carries it (the client's callback fires while
 * reading the data). `SSL_do_handshake` instead of a write sends it at once. Three requests then
 * one `SSL_write`: three tickets together.
 */
export default defineScenario({
  quote: "SSL_new_session_ticket() can be called more than once to request additional tickets be " +
    "sent; all such requests are queued and written together when it is safe to do so and " +
    "triggered by SSL_write() or SSL_do_handshake().",
  claims: ["NT-8", "NT-9", "NT-10", "NT-11", "NT-12", "NT-13", "NT-15"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["new_session_ticket_noop"],
  async run(ctx) {
    const tls12 = await ctx.ffiPair({ tls: "1.2" });
    if (tls12.driver.missingSymbols.includes("SSL_new_session_ticket")) {
      ctx.skip(`${tls12.driver.libraryVersion} has no SSL_new_session_ticket (added in 3.0)`);
    }
    const c12 = await tls12.connect();
    ctx.expect.equal(
      "NT-8",
      "TLS 1.2: SSL_new_session_ticket returns 0",
      (await tls12.call("ssl_new_session_ticket", { ssl: c12.server })).rc,
      0,
    );

    const pair = await ctx.ffiPair({ tls: "1.3", numTickets: 0 });
    const early = await pair.newSsls();
    ctx.expect.equal(
      "NT-8",
      "before the handshake: SSL_new_session_ticket returns 0",
      (await tls12.call("ssl_new_session_ticket", { ssl: early.server })).rc,
      0,
    );
    for (const trigger of ["SSL_write", "SSL_do_handshake"] as const) {
      for (const requests of trigger === "SSL_write" ? [1, 3] : [1]) {
        const what = `${requests} request(s), ${trigger}`;
        const conn = await pair.connect();
        const serverBefore = (await tls12.call("ctx_new_sessions", { ctx: pair.serverCtx })).count;
        for (let i = 0; i < requests; i++) {
          const { rc } = await tls12.call("ssl_new_session_ticket", { ssl: conn.server });
          ctx.expect.equal("NT-15", `${what}: request #${i + 1} returns 1`, rc, 1);
        }
        const idle = await tls12.call("transfer", { from: conn.server, to: conn.client });
        const unsent = await tls12.call("read_tickets", { client: conn.client });
        ctx.expect.equal(
          "NT-12",
          `${what}: after the request(s) nothing is sent yet`,
          [idle.bytes, unsent.newSessionCalls],
          [0, 0],
        );
        if (trigger === "SSL_write") {
          await tls12.call("ssl_write", { ssl: conn.server, data: "x" });
        } else {
          await tls12.call("ssl_do_handshake", { ssl: conn.server });
        }
        const serverAfter = (await tls12.call("ctx_new_sessions", { ctx: pair.serverCtx })).count;
        ctx.expect.equal(
          "NT-13",
          `${what}: the server's new-session callback fired per ticket`,
          serverAfter - serverBefore,
          requests,
        );
        const sent = await tls12.call("read_tickets", { client: conn.client, server: conn.server });
        ctx.expect.equal(
          trigger === "SSL_write" ? (requests > 1 ? "NT-11" : "NT-9") : "NT-10",
          `${what}: the client receives ${requests} ticket(s)`,
          sent.newSessionCalls,
          requests,
        );
      }
    }
  },
});
