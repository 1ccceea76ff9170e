import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * The session kept with SSL_get1_session() from a cleanly shut down connection outlives that
 * connection (SSL_free) and stays usable: it is resumable, it serialises, and a new connection
 * given it resumes. Once that connection is gone too, one SSL_SESSION_free() removes it (free
 * callback). Variants: TLS 1.2 (session ID) and TLS 1.3 (ticket).
 *
 * It fails if the kept session were freed or made unusable by SSL_free, or if one
 * SSL_SESSION_free were not enough to remove it at the end.
 */
export default defineScenario({
  quote: "If the data is to be kept, SSL_get1_session() will increment the reference count, so " +
    "that the session will not be implicitly removed by other operations but stays in memory. " +
    "In order to remove the session SSL_SESSION_free() must be explicitly called once.",
  claims: ["GS-5"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["get1_without_ref"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2", numTickets: 1 });
    const first = await pair.connect();
    await pair.call("shutdown", { client: first.client, server: first.server });
    const kept = pair.expectSession(
      "GS-5",
      "get1 returns the session",
      await pair.call("get_session", { ssl: first.client, variant: "get1" }),
    );
    await pair.call("ssl_free", { ssl: first.client });
    await pair.call("ssl_free", { ssl: first.server });
    ctx.expect.equal(
      "GS-5",
      "the kept session is still in memory after SSL_free",
      await pair.wasFreed(kept),
      false,
    );
    const { resumable } = await pair.call("session_is_resumable", { session: kept });
    ctx.expect.equal("GS-5", "and still resumable", resumable, true);
    const { der } = await pair.call("session_i2d", { session: kept });
    ctx.expect.ok("GS-5", "and serialisable", der.length > 0, der.length);

    const again = await pair.connect({ session: kept });
    ctx.expect.equal(
      "GS-5",
      "a new connection given the kept session resumes",
      again.reused,
      true,
    );
    await pair.call("shutdown", { client: again.client, server: again.server });
    await pair.call("ssl_free", { ssl: again.client });
    await pair.call("ssl_free", { ssl: again.server });
    ctx.expect.equal(
      "GS-5",
      "with that connection gone the session is still kept",
      await pair.wasFreed(kept),
      false,
    );
    const { freed } = await pair.call("session_free", { session: kept });
    ctx.expect.equal(
      "GS-5",
      "one SSL_SESSION_free removes it",
      freed,
      true,
    );
  },
});
