import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * No build exports an `SSL_get0_session` symbol: in 1.1.1 and every 3.x and 4.0 it is a macro
 * for `SSL_get_session` (`#define SSL_get0_session SSL_get_session`), so the pointers are equal
 * by construction; the driver falls back to the macro's target and says so (`function`), which
 * is recorded as a note. What this checks is that both return the same pointer at every stage
 * of a connection where the session changes: before the handshake (NULL), mid-handshake,
 * after it, in TLS 1.3 after each ticket replaced the client's session, and (both variants) on a
 * second SSL after SSL_set_session and after the full handshake of another SSL_CTX's server
 * replaced that session; on both ends. Without that last change the TLS 1.2 variant could not
 * tell a get0 that keeps returning its first session from the real one.
 *
 * It fails if a build ever exports a real `SSL_get0_session` that returns another object (or
 * NULL where SSL_get_session returns a session).
 */
export default defineScenario({
  quote: "SSL_get0_session() is the same as SSL_get_session().",
  claims: ["GS-2"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["get0_stale"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, numTickets: 2 });
    const ssls = await pair.newSsls();
    const compare = async (stage: string, ssls: { client: number; server: number }) => {
      for (const side of ["client", "server"] as const) {
        const get = await pair.call("get_session", { ssl: ssls[side], variant: "get" });
        const get0 = await pair.call("get_session", { ssl: ssls[side], variant: "get0" });
        ctx.expect.equal(
          "GS-2",
          `${side} ${stage}: get0 returns the pointer get returns`,
          get0.ptr,
          get.ptr,
        );
        ctx.expect.equal(
          "GS-2",
          `${side} ${stage}: and so the same object (driver handle)`,
          get0.session,
          get.session,
        );
        if (stage === "after the handshake" && side === "client") {
          ctx.note(`${ctx.clientBuild.id}: get0 called ${get0.function}`);
        }
      }
    };
    await compare("before the handshake", ssls);
    await pair.startHandshake(ssls);
    await compare("mid-handshake", ssls);
    await pair.call("handshake", { client: ssls.client, server: ssls.server });
    await compare("after the handshake", ssls);
    await pair.call("read_tickets", { client: ssls.client });
    await compare("after reading the tickets", ssls);

    // A change of session that TLS 1.2 has too: one set with SSL_set_session, then replaced by
    // the full handshake of a server that does not know it (another SSL_CTX).
    const kept = pair.expectSession(
      "GS-2",
      "get1 keeps the client's session",
      await pair.call("get_session", { ssl: ssls.client, variant: "get1" }),
    );
    const elsewhere = await ctx.ffiPair({ tls, numTickets: 2 });
    const next = await elsewhere.newSsls();
    await pair.call("set_session", { ssl: next.client, session: kept });
    await compare("after set_session", next);
    const full = await pair.call("handshake", { client: next.client, server: next.server });
    ctx.expect.equal(
      "GS-2",
      "control: the other server does a full handshake",
      full.clientReused,
      false,
    );
    await compare("after a full handshake replaced the set session", next);
    await pair.call("session_free", { session: kept });
  },
});
