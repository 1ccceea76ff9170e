import { defineScenario } from "../mod.ts";

/**
 * Runs first: one plain TLS handshake between s_server and s_client of the builds under test.
 * If it fails, nothing else on that build pair can mean anything, so the rest is skipped.
 *
 * The blocks it counts are, in TLS 1.3 (negotiated here), the tickets' blocks after the
 * handshake: a TLS 1.3 summary has none (`get_session/tls13_session_after_handshake` asserts
 * that per protocol and ticket count).
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
      "s_client printed SSL-Session blocks (TLS 1.3: one per ticket, none in the summary)",
      client.transcript.sessions.length > 0,
      client.transcript.sessions.length,
    );
  },
});
