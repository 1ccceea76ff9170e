import { defineScenario } from "../mod.ts";

/**
 * Runs first: one plain TLS handshake between s_server and s_client of the builds under test.
 * If it fails, nothing else on that build pair can mean anything, so the rest is skipped.
 *
 * SSL_SESSION_new(3): "SSL_SESSION objects are allocated when a TLS handshake operation is
 * successfully completed."
 */
export default defineScenario({
  name: "sanity/handshake",
  quote:
    "SSL_SESSION objects are allocated when a TLS handshake operation is successfully completed.",
  claims: ["SN-5"],
  requires: ["cli-client:openssl", "cli-server:openssl"],
  tags: ["sanity", "cli"],
  mutants: ["untrusted_ca"],
  async run(ctx) {
    const server = await ctx.sServer({});
    const client = await ctx.sClient(server);
    ctx.expect.equal("SN-5", "s_client completed a handshake", client.handshake, true);
    ctx.expect.ok(
      "SN-5",
      "s_client printed the connection's SSL-Session block",
      client.transcript.sessions.length > 0,
      client.transcript.sessions.length,
    );
  },
});
