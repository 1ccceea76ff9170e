import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * With nothing else holding the session (no cache reference, the new-session callback keeps
 * none), the free callback shows the session obtained with SSL_get_session() or
 * SSL_get0_session() freed inside SSL_free(), and inside SSL_clear() when the connection was
 * not shut down (a "bad" session); the driver then refuses the dead handle. Control: after
 * SSL_get1_session() the same SSL_free() frees nothing.
 *
 * It fails if get/get0 took a reference (the session would survive SSL_free), or if SSL_free
 * did not release the connection's session.
 */
export default defineScenario({
  quote: "As the reference counter is not incremented, the pointer is only valid while the " +
    "connection is in use. If SSL_clear() or SSL_free() is called, the session may be removed " +
    "completely, and the pointer obtained will become invalid.",
  claims: ["GS-4"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["get0_takes_ref", "get1_without_ref"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2" });
    for (const variant of ["get", "get0"] as const) {
      const conn = await pair.connect();
      await pair.call("shutdown", { client: conn.client, server: conn.server });
      const session = pair.expectSession(
        "GS-4",
        `${variant} returns the client's session`,
        await pair.call("get_session", { ssl: conn.client, variant }),
      );
      const { freed } = await pair.call("ssl_free", { ssl: conn.client });
      ctx.expect.equal(
        "GS-4",
        `the session from ${variant} is freed by SSL_free`,
        freed.includes(session),
        true,
      );
      const refused = await pair.call("session_is_resumable", { session }).then(
        () => false,
        () => true,
      );
      ctx.expect.ok(
        "GS-4",
        `the ${variant} handle is dead after SSL_free`,
        refused,
        refused,
      );
      await pair.call("ssl_free", { ssl: conn.server });
    }

    // SSL_clear on a connection that was not shut down: the session is "bad" and goes.
    const cleared = await pair.connect();
    const session = pair.expectSession(
      "GS-4",
      "get0 before SSL_clear returns a session",
      await pair.call("get_session", { ssl: cleared.client, variant: "get0" }),
    );
    const clear = await pair.call("ssl_clear", { ssl: cleared.client });
    ctx.expect.equal("GS-4", "SSL_clear succeeds", clear.rc, 1);
    ctx.expect.equal(
      "GS-4",
      "SSL_clear without a shutdown frees the session get0 returned",
      clear.freed.includes(session),
      true,
    );
    await pair.call("ssl_free", { ssl: cleared.client });
    await pair.call("ssl_free", { ssl: cleared.server });

    // Control: the same SSL_free after get1 frees nothing.
    const kept = await pair.connect();
    await pair.call("shutdown", { client: kept.client, server: kept.server });
    const keptSession = pair.expectSession(
      "GS-4",
      "control: get1 returns a session",
      await pair.call("get_session", { ssl: kept.client, variant: "get1" }),
    );
    const { freed } = await pair.call("ssl_free", { ssl: kept.client });
    ctx.expect.equal(
      "GS-4",
      "control: after get1, SSL_free does not free it",
      freed.includes(keptSession),
      false,
    );
    await pair.call("session_free", { session: keptSession });
    await pair.call("ssl_free", { ssl: kept.server });
  },
});
