import { defineScenario } from "../../../mod.ts";

// Deliberately wrong: a named export instead of `export default`.
export const scenario = defineScenario({
  name: "cli_test/no_default_export",
  quote: "SSL_session_reused() returns 1 for a reused session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  run(ctx) {
    ctx.expect.ok("SS-4", "never run", true);
    return Promise.resolve();
  },
});
