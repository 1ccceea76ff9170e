import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * Two real sessions A and B, each held only by the caller. Set A, release the caller's A: the
 * SSL holds A's only reference. Setting B frees A inside that SSL_set_session call (free
 * callback), and B lives on in the SSL. Second case: an SSL that was used for a connection
 * (clean shutdown) and whose own session only it holds: SSL_set_session(B) frees that session.
 *
 * It fails if the earlier session survived being replaced (its reference leaked), or if the
 * new one were freed.
 */
export default defineScenario({
  quote: "If there is already a session set inside ssl, SSL_SESSION_free() will be called for " +
    "that session.",
  claims: ["SS-5"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["set_session_leaks_previous"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2", numTickets: 1 });
    const a = await pair.keptSession("SS-5");
    const b = await pair.keptSession("SS-5");
    const { ssl } = await pair.call("ssl_new", { ctx: pair.clientCtx });
    await pair.call("set_session", { ssl, session: a });
    await pair.call("session_free", { session: a });
    ctx.expect.equal(
      "SS-5",
      "A set, the SSL holds it",
      await pair.wasFreed(a),
      false,
    );
    const replace = await pair.call("set_session", { ssl, session: b });
    ctx.expect.equal(
      "SS-5",
      "setting B frees A inside SSL_set_session, not B",
      [replace.rc, replace.freed],
      [1, [a]],
    );
    const current = await pair.call("get_session", { ssl });
    ctx.expect.equal("SS-5", "B is the SSL's session now", current.session, b);
    await pair.call("ssl_free", { ssl });

    // An SSL that was used for a connection: its own session is released the same way.
    const used = await pair.connect();
    await pair.call("shutdown", { client: used.client, server: used.server });
    const own = (await pair.call("get_session", { ssl: used.client })).session!;
    const again = await pair.call("set_session", { ssl: used.client, session: b });
    ctx.expect.equal(
      "SS-5",
      "on a used SSL, set_session frees the connection's own session",
      [again.rc, again.freed],
      [1, [own]],
    );
    await pair.call("ssl_free", { ssl: used.client });
    await pair.call("ssl_free", { ssl: used.server });
    await pair.call("session_free", { session: b });
  },
});
