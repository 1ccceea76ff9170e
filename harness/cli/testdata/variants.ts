import { defineScenario } from "../../../mod.ts";

// A scenario with variants for the CLI tests: one handshake per variant, checked against the
// variant's protocol; "tls1.2/stateful" is dropped, and "tls1.3/stateful" declares no mutant.
export default defineScenario({
  name: "cli_test/variants",
  quote: "SSL_session_reused() returns 0 for a new session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  variants: { tls: ["1.2", "1.3"], tickets: ["stateless", "stateful"] },
  skipVariant: (v) =>
    v.tls === "1.2" && v.tickets === "stateful" ? "no stateful tickets in TLS 1.2" : undefined,
  mutantsFor: (v) => v.tickets === "stateless" ? ["untrusted_ca"] : [],
  async run(ctx) {
    const { tls, tickets } = ctx.variant;
    const server = await ctx.sServer({ tls, noTicket: tickets === "stateful" });
    const client = await ctx.sClient(server);
    ctx.expect.equal("SS-4", "a first connection is new", client.reused, false);
    ctx.expect.equal(
      "SS-4",
      "at the variant's protocol",
      client.transcript.first?.protocol,
      `TLSv${tls}`,
    );
  },
});
