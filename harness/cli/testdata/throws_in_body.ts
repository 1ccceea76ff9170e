import { defineScenario } from "../../../mod.ts";

// Deliberately broken: the body reads a field that is not there (a bug in the scenario, not a
// verdict), on line 12.
export default defineScenario({
  name: "cli_test/throws_in_body",
  quote: "SSL_session_reused() returns 1 for a reused session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  run(ctx) {
    const missing = undefined as unknown as { reused: boolean };
    ctx.expect.equal("SS-4", "never reached", missing.reused, true);
    return Promise.resolve();
  },
});
