import { defineScenario } from "../../mod.ts";

/**
 * SSL_get_session(3): "In TLSv1.3 it is recommended that each SSL_SESSION object is only used
 * for resumption once."
 *
 * A recommendation to clients; what servers do with a second use is the measurable part, and
 * this records it. Measured on OpenSSL 3.0: neither a stateless server (the default: the ticket
 * holds the encrypted session) nor a stateful one (`-no_ticket`: the ticket names a cache
 * entry) refuses a ticket used twice; only with anti-replay protection, which OpenSSL switches
 * on when early data is enabled (`-early_data`), is the second use refused.
 */
export default defineScenario({
  name: "get_session/ticket_used_twice",
  quote:
    "In TLSv1.3 it is recommended that each SSL_SESSION object is only used for resumption once.",
  claims: ["GS-13"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13", "tickets"],
  mutants: ["anti_replay_everywhere", "full_handshakes"],
  async run(ctx) {
    const servers = [
      { label: "stateless server", options: {}, secondUse: true },
      { label: "stateful server (-no_ticket)", options: { noTicket: true }, secondUse: true },
      {
        label: "server with early data (anti-replay on)",
        options: { extraArgs: ["-early_data"] },
        secondUse: false,
      },
    ];
    for (const { label, options, secondUse } of servers) {
      const server = await ctx.sServer({ tls: "1.3", numTickets: 1, ...options });
      const file = `${label.replaceAll(/\W+/g, "_")}.pem`;
      const issued = await ctx.sClient(server, { sessOut: file });
      ctx.expect.equal(
        "GS-13",
        `${label}: a ticket was issued`,
        issued.sessionFileState,
        "present",
      );
      const first = await ctx.sClient(server, { sessIn: file });
      const second = await ctx.sClient(server, { sessIn: file });
      ctx.expect.equal("GS-13", `${label}: the first use resumes`, first.reused, true);
      ctx.expect.equal(
        "GS-13",
        `${label}: the second use of the same ticket ${secondUse ? "resumes too" : "is refused"}`,
        second.reused,
        secondUse,
      );
      await server.stop();
    }
  },
});
