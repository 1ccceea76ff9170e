import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * A freshly created SSL (client and server, TLS 1.2 and 1.3) has no session: SSL_get_session,
 * SSL_get0_session and SSL_get1_session all return NULL. Control: after a handshake on the
 * same SSLs they return a session.
 *
 * It fails if a fresh SSL came with a session (e.g. one pre-allocated by SSL_new).
 */
export default defineScenario({
  quote: "SSL_get_session() returns NULL if there is no session available in ssl.",
  claims: ["GS-16"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["fresh_ssl_has_session"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const ssls = await pair.newSsls();
    for (const side of ["client", "server"] as const) {
      for (const variant of ["get", "get0", "get1"] as const) {
        const r = await pair.call("get_session", { ssl: ssls[side], variant });
        ctx.expect.equal(
          "GS-16",
          `fresh ${side} SSL: ${variant} returns NULL`,
          r.ptr,
          null,
        );
      }
    }
    await pair.call("handshake", { client: ssls.client, server: ssls.server, readTickets: true });
    for (const side of ["client", "server"] as const) {
      const r = await pair.call("get_session", { ssl: ssls[side] });
      ctx.expect.notEqual(
        "GS-16",
        `control: after the handshake the ${side} has a session`,
        r.ptr,
        null,
      );
    }
  },
});
