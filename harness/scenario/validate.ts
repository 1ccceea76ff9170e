import { findClaim } from "./claims.ts";
import { findMutant } from "../mutate/mod.ts";
import type { Scenario } from "./scenario.ts";

const NAME = /^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

/** Every problem found in a set of scenarios, each naming the file, scenario and field. */
export class ScenarioValidationError extends Error {
  /** One line per problem. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid scenario declarations:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ScenarioValidationError";
    this.problems = problems;
  }
}

/**
 * Check every declaration before anything runs: required fields, known claim IDs, unique
 * names. Returns the problems (empty when all is well).
 */
export function validateScenarios(scenarios: readonly Scenario[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const where = `${s.file || "<code>"}: scenario ${JSON.stringify(s.name ?? "")}`;
    const bad = (field: string, what: string) =>
      problems.push(`${where}: field "${field}" ${what}`);
    if (typeof s.name !== "string" || s.name === "") bad("name", "is missing");
    else if (!NAME.test(s.name)) {
      bad(
        "name",
        `must be lower case words joined by "_", "-", "." or "/" (got ${JSON.stringify(s.name)})`,
      );
    } else if (seen.has(s.name)) {
      bad("name", `is a duplicate: also declared in ${seen.get(s.name)}`);
    } else seen.set(s.name, s.file || "<code>");
    if (typeof s.quote !== "string" || s.quote.trim() === "") {
      bad("quote", "is missing: quote the man-page sentence it verifies");
    }
    if (!Array.isArray(s.claims) || s.claims.length === 0) {
      bad("claims", 'is missing: name at least one claim ID (e.g. "GS-9")');
    } else {
      for (const id of s.claims) {
        if (typeof id !== "string" || !findClaim(id)) {
          bad("claims", `names an unknown claim ID ${JSON.stringify(id)}`);
        }
      }
    }
    if (!Array.isArray(s.tags) || s.tags.some((t) => typeof t !== "string" || t === "")) {
      bad("tags", "must be an array of non-empty strings");
    }
    if (typeof s.crossBuild !== "boolean") bad("crossBuild", "must be true or false");
    if (!Array.isArray(s.mutants)) bad("mutants", "must be an array of mutant names");
    else {
      for (const m of s.mutants) {
        if (typeof m !== "string" || !findMutant(m)) {
          bad(
            "mutants",
            `names an unknown mutant ${JSON.stringify(m)} (see harness/mutate/mutants.ts)`,
          );
        }
      }
    }
    if (typeof s.run !== "function") bad("run", "is missing: give an async function(ctx)");
    if (
      s.timeoutSeconds !== undefined &&
      (typeof s.timeoutSeconds !== "number" || !(s.timeoutSeconds > 0))
    ) {
      bad("timeoutSeconds", `must be a positive number (got ${JSON.stringify(s.timeoutSeconds)})`);
    }
  }
  return problems;
}
