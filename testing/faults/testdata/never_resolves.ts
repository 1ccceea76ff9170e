import { defineScenario } from "../../../mod.ts";

// A body that never resolves while holding a live s_server: --timeout must end it and the
// server must be reaped.
export default defineScenario({
  name: "faults_test/never_resolves",
  quote: "none: a fault test",
  claims: ["SN-5"],
  tags: ["faults_test"],
  async run(ctx) {
    await ctx.sServer({ context: "faults-never-resolves" });
    await new Promise(() => {});
  },
});
