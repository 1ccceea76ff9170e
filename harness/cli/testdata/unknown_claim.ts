import { defineScenario } from "../../../mod.ts";

export default defineScenario({
  name: "cli_test/unknown_claim",
  quote: "q",
  claims: ["XX-1"],
  async run() {},
});
