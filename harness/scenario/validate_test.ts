import assert from "node:assert/strict";
import { defineScenario, type Scenario } from "./scenario.ts";
import { validateScenarios } from "./validate.ts";
import { fromFile } from "./load.ts";

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

Deno.test("validateScenarios() checks variants, skipVariant and mutantsFor", () => {
  const s = ok({
    variants: { tls: ["1.2", "1.3"] },
    mutantsFor: (v) => v.tls === "1.2" ? ["no_tickets"] : ["no_such_mutant"],
  });
  assert.deepEqual(validateScenarios([s], { isMutant: (n) => n === "no_tickets" }), [
    '/x/a.ts: scenario "a/b": field "mutantsFor" names an unknown mutant "no_such_mutant" for "1.3"',
  ]);
  const dropsAll = ok({ variants: { tls: ["1.2"] }, skipVariant: () => "never" });
  assert.deepEqual(validateScenarios([dropsAll]), [
    '/x/a.ts: scenario "a/b": field "skipVariant" drops every variant',
  ]);
});

Deno.test("fromFile() gives a file's only scenario the default name; several must be named", () => {
  const unnamed = defineScenario({ quote: "q", claims: ["GS-9"], run: async () => {} });
  const [one] = fromFile([unnamed], "/repo/scenarios/get_session/last_ticket_wins.ts");
  assert.equal(one.name, "get_session/last_ticket_wins");
  assert.equal(fromFile([unnamed], "scenarios/sanity.ts")[0].name, "sanity", "a bundle's path");
  assert.equal(fromFile([unnamed], "/home/me/my_check.ts")[0].name, "my_check");
  const named = defineScenario({ name: "x/y", quote: "q", claims: ["GS-9"], run: async () => {} });
  assert.equal(fromFile([named], "/repo/scenarios/a.ts")[0].name, "x/y");
  const two = fromFile([unnamed, named], "/repo/scenarios/a.ts");
  assert.deepEqual(two.map((s) => s.name), ["", "x/y"]);
  assert.match(
    validateScenarios(two)[0],
    /scenario "": field "name" is missing: a file that exports several scenarios must name each/,
  );
});

Deno.test("validateScenarios() names a field a scenario does not have, with the near miss", () => {
  const misspelt = { ...ok(), mutant: ["x"], requirez: [] } as unknown as Scenario;
  assert.deepEqual(validateScenarios([misspelt]), [
    '/x/a.ts: scenario "a/b": field "mutant" is not a field of a scenario (did you mean "mutants"?)',
    '/x/a.ts: scenario "a/b": field "requirez" is not a field of a scenario (did you mean "requires"?)',
  ]);
  const far = { ...ok(), zzzzzz: 1 } as unknown as Scenario;
  assert.match(validateScenarios([far])[0], /field "zzzzzz" is not a field of a scenario$/);
});
