import { defineScenario, type Scenario } from "../../../mod.ts";

// Two scenarios that hold an s_server each (`-context faults-waits`, so a test can find them in
// /proc) and wait until the run is interrupted.
const waits = (n: number): Scenario =>
  defineScenario({
    name: `faults_test/waits_${n}`,
    quote: "none: a fault test",
    claims: ["SN-5"],
    tags: ["faults_test"],
    async run(ctx) {
      await ctx.sServer({ context: "faults-waits" });
      await new Promise(() => {});
    },
  });

export default [waits(1), waits(2)];
