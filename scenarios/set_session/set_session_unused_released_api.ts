import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * A session issued by one server context is set on a client SSL, and the caller then releases
 * its own reference: the SSL holds the only one. The handshake is with a server of another
 * context, which does not know the session (TLS 1.2: another session cache; TLS 1.3: other
 * ticket keys) and does a full handshake: the free callback shows the offered session freed
 * during the handshake, while the SSL is still alive. Control: the same with the issuing
 * server (the session is reused): not freed during the handshake (TLS 1.3: the resumed
 * connection's ticket is left unread, since a ticket would replace the session).
 *
 * It fails if SSL_connect kept an unused session's reference (it would only go at SSL_free),
 * or dropped the reference of a session it reused.
 */
export default defineScenario({
  quote: "If the session is not reused, the reference count is decremented again during " +
    "SSL_connect().",
  claims: ["SS-3"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["set_session_held_until_free"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const options = { tls, noTicket: tls === "1.2", numTickets: 1 };
    const home = await ctx.ffiPair(options);
    const other = await ctx.ffiPair(options);
    for (
      const [label, pair, reused] of [["issuing", home, true], ["other", other, false]] as const
    ) {
      const session = await home.keptSession("SS-3");
      const ssls = await pair.newSsls();
      await home.call("set_session", { ssl: ssls.client, session });
      await home.call("session_free", { session });
      const hs = await home.call("handshake", { client: ssls.client, server: ssls.server });
      ctx.expect.equal(
        "SS-3",
        `${label} server: the session is ${reused ? "reused" : "not reused"}`,
        hs.clientReused,
        reused,
      );
      ctx.expect.equal(
        "SS-3",
        `${label} server: ${reused ? "kept" : "released"} during the handshake (SSL still alive)`,
        await home.wasFreed(session),
        !reused,
      );
      await home.call("ssl_free", { ssl: ssls.client });
      await home.call("ssl_free", { ssl: ssls.server });
    }
  },
});
