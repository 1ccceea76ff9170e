import { defineScenario } from "../../../mod.ts";

// Deliberately wrong: a first connection is never "Reused,".
export default defineScenario({
  name: "cli_test/failing",
  quote: "SSL_session_reused() returns 1 for a reused session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3" });
    const client = await ctx.sClient(server);
    ctx.expect.equal("SS-4", "a first connection claims to be reused", client.reused, true);
  },
});
