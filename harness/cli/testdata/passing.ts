import { defineScenario } from "../../../mod.ts";

export default defineScenario({
  name: "cli_test/passing",
  quote: "SSL_session_reused() returns 0 for a new session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  mutants: ["untrusted_ca"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3" });
    const client = await ctx.sClient(server);
    ctx.expect.equal("SS-4", "a first connection is new", client.reused, false);
  },
});
