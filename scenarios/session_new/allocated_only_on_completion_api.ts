import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * The sentence taken literally: while a handshake is under way (the client has written its
 * ClientHello, nothing has completed), SSL_get_session() of the client still returns NULL,
 * because no SSL_SESSION has been allocated yet. libssl allocates the client's session when it
 * writes the ClientHello, on every build measured, so this is recorded as an expected
 * deviation (the usable reading of the sentence — resumable only once complete — is checked by
 * session_new/handshake_allocates_session_api). It fails, as it does, whenever a session object
 * exists before completion.
 */
export default defineScenario({
  quote: "SSL_SESSION objects are allocated, when a TLS/SSL handshake operation is successfully " +
    "completed.",
  claims: ["SN-5"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["fresh_ssl_has_session"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2" });
    const ssls = await pair.newSsls();
    const before = await pair.call("get_session", { ssl: ssls.client });
    ctx.expect.equal(
      "SN-5",
      "no client session before the handshake",
      before.ptr,
      null,
    );
    await pair.startHandshake(ssls);
    const mid = await pair.call("get_session", { ssl: ssls.client });
    ctx.expect.equal(
      "SN-5",
      "no client session allocated while the handshake is under way",
      mid.ptr,
      null,
    );
  },
});
