import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * A handshake that fails (the client does not trust the server's CA and aborts) establishes no
 * session, so `-sess_out` writes no file. Control: the same client trusting the CA gets one.
 */
export default defineScenario({
  quote: "SSL_get_session() returns NULL if there is no session available in ssl.",
  claims: ["GS-16"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["verify_ignored"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const server = await ctx.sServer({ tls, numTickets: tls === "1.3" ? 1 : undefined });
    const ok = await ctx.sClient(server, { sessOut: `ok-${tls}.pem` });
    ctx.expect.equal(
      "GS-16",
      "control: a good handshake writes a session file",
      ok.sessionFileState,
      "present",
    );
    // The leaf certificate is not a CA: trusting it alone makes verification fail.
    const bad = await ctx.sClient(server, { sessOut: `bad-${tls}.pem`, caFile: ctx.pki.cert });
    ctx.expect.equal("GS-16", "the handshake fails", bad.handshake, false);
    ctx.expect.ok(
      "GS-16",
      "s_client exits non-zero",
      bad.result.code !== 0,
      bad.result.code,
    );
    ctx.expect.equal(
      "GS-16",
      "no session file is written",
      bad.sessionFileState,
      "absent",
    );
    await server.stop();
  },
});
