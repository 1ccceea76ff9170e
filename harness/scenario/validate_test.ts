import assert from "node:assert/strict";
import { defineScenario, type Scenario } from "./scenario.ts";
import { validateScenarios } from "./validate.ts";

const ok = (over: Partial<Scenario> = {}): Scenario => ({
  ...defineScenario({ name: "a/b", quote: "q", claims: ["GS-9"], run: async () => {} }),
  file: "/x/a.ts",
  ...over,
});

Deno.test("validateScenarios() accepts a complete declaration", () => {
  assert.deepEqual(validateScenarios([ok()]), []);
});

Deno.test("validateScenarios() names the file and field of an unknown claim", () => {
  const problems = validateScenarios([ok({ claims: ["GS-99"] })]);
  assert.equal(problems.length, 1);
  assert.match(
    problems[0],
    /^\/x\/a\.ts: scenario "a\/b": field "claims" names an unknown claim ID "GS-99"/,
  );
});

Deno.test("validateScenarios() reports a duplicate name with both files", () => {
  const problems = validateScenarios([ok(), ok({ file: "/y/c.ts" })]);
  assert.equal(problems.length, 1);
  assert.match(
    problems[0],
    /\/y\/c\.ts: .*field "name" is a duplicate: also declared in \/x\/a\.ts/,
  );
});

Deno.test("validateScenarios() reports every missing field", () => {
  const bad = { name: "", claims: [], tags: ["x", ""], file: "/z.ts" } as unknown as Scenario;
  const problems = validateScenarios([bad]);
  for (const field of ["name", "quote", "claims", "tags", "run"]) {
    assert.ok(problems.some((p) => p.includes(`field "${field}"`)), `no problem for ${field}`);
  }
});

Deno.test("validateScenarios() checks mutant names with the isMutant it is given", () => {
  const s = ok({ mutants: ["no_tickets", "no_such_mutant"] });
  assert.deepEqual(validateScenarios([s]), []);
  const problems = validateScenarios([s], { isMutant: (n) => n === "no_tickets" });
  assert.deepEqual(problems, [
    '/x/a.ts: scenario "a/b": field "mutants" names an unknown mutant "no_such_mutant" (see harness/mutate/mutants.ts)',
  ]);
});
