import { defineScenario } from "../../../mod.ts";

// Deliberately inverted: it passes only when the offered session is not resumed, as under
// "wrong_session". With an expected deviation for it, a run is an xfail and the mutant's run
// an xpass.
export default defineScenario({
  name: "cli_test/fails_until_mutated",
  quote: "SSL_session_reused() returns 1 for a reused session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  mutants: ["wrong_session"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3" });
    await ctx.sClient(server, { sessOut: "s.pem" });
    const again = await ctx.sClient(server, { sessIn: "s.pem" });
    ctx.expect.equal("SS-4", "the offered session is not resumed", again.reused, false);
  },
});
