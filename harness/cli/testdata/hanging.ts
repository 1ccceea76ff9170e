import { defineScenario } from "../../../mod.ts";

// A body that never resolves, holding a live s_server: the run must time it out and reap it.
export default defineScenario({
  name: "cli_test/hanging",
  quote: "none",
  claims: ["SS-4"],
  tags: ["cli_test"],
  async run(ctx) {
    await ctx.sServer({});
    await new Promise(() => {});
  },
});
