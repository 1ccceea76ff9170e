import { defineScenario } from "../../../mod.ts";

// A healthy scenario: it must still pass next to the faulty ones.
export default defineScenario({
  name: "faults_test/passing",
  quote: "SSL_session_reused() returns 0 for a new session.",
  claims: ["SS-4"],
  tags: ["faults_test"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3" });
    const client = await ctx.sClient(server);
    ctx.expect.equal("SS-4", "a first connection is new", client.reused, false);
  },
});
