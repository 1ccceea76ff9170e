import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * The caller holds the only reference to a real session (kept with SSL_get1_session from an
 * earlier connection; no cache holds one). After SSL_set_session on a new SSL the caller
 * releases its reference: the session is not freed, because the SSL holds one; it goes when
 * that SSL is freed (here without connecting). Same with a blank SSL_SESSION_new session.
 *
 * It fails if SSL_set_session did not take a reference (the caller's SSL_SESSION_free would
 * free it) or took more than one (SSL_free would not free it).
 */
export default defineScenario({
  quote: "When the session is set, the reference count of session is incremented by 1.",
  claims: ["SS-2"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["set_session_noop"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2", numTickets: 1 });
    const real = await pair.keptSession("SS-2");
    const blank = (await pair.call("session_new", {})).session!;
    for (const [label, session] of [["a handshake's session", real], ["a new session", blank]]) {
      const { ssl } = await pair.call("ssl_new", { ctx: pair.clientCtx });
      const set = await pair.call("set_session", { ssl, session: session as number });
      ctx.expect.equal(
        "SS-2",
        `${label}: set_session succeeds and releases nothing`,
        [set.rc, set.freed],
        [1, []],
      );
      const mine = await pair.call("session_free", { session: session as number });
      ctx.expect.equal(
        "SS-2",
        `${label}: the caller's SSL_SESSION_free does not free it (the SSL holds one)`,
        mine.freed,
        false,
      );
      const { freed } = await pair.call("ssl_free", { ssl });
      ctx.expect.equal(
        "SS-2",
        `${label}: SSL_free releases the SSL's reference, the last`,
        [freed.includes(session as number), await pair.wasFreed(session as number)],
        [true, true],
      );
    }
  },
});
