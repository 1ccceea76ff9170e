import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * Client side: the session is kept with SSL_get1_session(), then the SSL is freed without
 * SSL_shutdown(): SSL_SESSION_is_resumable() turns 0 and a new connection given it does a full
 * handshake. Control: after a clean bidirectional shutdown the kept session stays resumable
 * and resumes. Server side (TLS 1.2 session IDs; TLS 1.3 stateful tickets with
 * SSL_OP_NO_TICKET): the server context's cache holds the session after the handshake
 * (`SSL_CTX_sess_number`), and an SSL_free without shutdown removes it; with a clean shutdown
 * it stays.
 *
 * It fails if a session survived an unclean SSL_free resumable, or stayed in the server cache.
 */
export default defineScenario({
  quote: "A session will be automatically removed from the session cache and marked as " +
    "non-resumable if the connection is not closed down cleanly, e.g. if SSL_shutdown() is " +
    "not called prior to SSL_free().",
  claims: ["GS-12"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["ssl_free_as_clean", "shutdown_skipped"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: true, numTickets: 1 });
    for (const clean of [true, false]) {
      const how = clean ? "after a clean shutdown" : "after SSL_free without SSL_shutdown";
      const conn = await pair.connect();
      const cached = (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count;
      ctx.expect.ok(
        "GS-12",
        "the server cache holds the session",
        cached >= 1,
        cached,
      );
      if (clean) await pair.call("shutdown", { client: conn.client, server: conn.server });
      const kept = pair.expectSession(
        "GS-12",
        "get1 keeps the client's session",
        await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
      );
      await pair.call("ssl_free", { ssl: conn.client });
      await pair.call("ssl_free", { ssl: conn.server });
      const { resumable } = await pair.call("session_is_resumable", { session: kept });
      ctx.expect.equal("GS-12", `${how} resumable is ${clean}`, resumable, clean);
      const left = (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count;
      ctx.expect.equal(
        "GS-12",
        `${how} the server cache ${clean ? "keeps" : "drops"} it`,
        left,
        clean ? cached : cached - 1,
      );
      const again = await pair.connect({ session: kept });
      ctx.expect.equal(
        "GS-12",
        `${how} a new connection given it ${clean ? "resumes" : "does not resume"}`,
        again.reused,
        clean,
      );
      await pair.call("shutdown", { client: again.client, server: again.server });
      await pair.call("ssl_free", { ssl: again.client });
      await pair.call("ssl_free", { ssl: again.server });
      await pair.call("session_free", { session: kept });
    }
  },
});
