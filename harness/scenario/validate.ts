import { parseAlternatives } from "../impl/mod.ts";
import { findClaim } from "./claims.ts";
import type { Scenario } from "./scenario.ts";
import { allVariants, variantProblems } from "./variants.ts";
import { closest } from "./option_check.ts";

const NAME = /^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

/** Every field a declaration may have (and `file`, which the loader sets). */
const DECLARATION_FIELDS: readonly string[] = [
  "name",
  "quote",
  "claims",
  "tags",
  "timeoutSeconds",
  "requires",
  "crossBuild",
  "mutants",
  "variants",
  "skipVariant",
  "mutantsFor",
  "run",
  "file",
];

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

/** Options for {@linkcode validateScenarios}. */
export interface ValidateOptions {
  /**
   * Whether a name is a known mutant (the CLI passes harness/mutate's catalogue). Given as a
   * function so that scenario declarations do not depend on the mutation tooling built on top
   * of them. @default {mutant names are only checked to be strings}
   */
  isMutant?: (name: string) => boolean;
}

/**
 * Check every declaration before anything runs: required fields, known claim IDs (and mutant
 * names, with `options.isMutant`, `mutantsFor`'s included), unique names, the shape of
 * `variants` and what `skipVariant` returns. Returns the problems (empty when all is well).
 */
export function validateScenarios(
  scenarios: readonly Scenario[],
  options: ValidateOptions = {},
): string[] {
  const isMutant = options.isMutant ?? (() => true);
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const where = `${s.file || "<code>"}: scenario ${JSON.stringify(s.name ?? "")}`;
    const bad = (field: string, what: string) =>
      problems.push(`${where}: field "${field}" ${what}`);
    if (typeof s.name !== "string" || s.name === "") {
      bad("name", "is missing: a file that exports several scenarios must name each");
    } else if (!NAME.test(s.name)) {
      bad(
        "name",
        `must be lower case words joined by "_", "-", "." or "/" (got ${JSON.stringify(s.name)})`,
      );
    } else if (seen.has(s.name)) {
      bad("name", `is a duplicate: also declared in ${seen.get(s.name)}`);
    } else seen.set(s.name, s.file || "<code>");
    for (const key of Object.keys(s)) {
      if (DECLARATION_FIELDS.includes(key)) continue;
      const near = closest(key, DECLARATION_FIELDS);
      // A misspelt field (`mutant`, `require`) would be ignored: a silently different scenario.
      bad(key, `is not a field of a scenario${near ? ` (did you mean "${near}"?)` : ""}`);
    }
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
    if (!Array.isArray(s.requires)) {
      bad("requires", 'must be an array of capabilities (e.g. ["api"], ["cli-client:openssl"])');
    } else {
      for (const r of s.requires) {
        try {
          if (typeof r !== "string") throw new RangeError(`${JSON.stringify(r)} is not a string`);
          parseAlternatives(r);
        } catch (e) {
          bad("requires", (e as Error).message);
        }
      }
    }
    if (!Array.isArray(s.mutants)) bad("mutants", "must be an array of mutant names");
    else {
      for (const m of s.mutants) {
        if (typeof m !== "string" || !isMutant(m)) {
          bad(
            "mutants",
            `names an unknown mutant ${JSON.stringify(m)} (see harness/mutate/mutants.ts)`,
          );
        }
      }
    }
    for (const p of variantProblems(s)) bad(p.field, p.what);
    if (s.mutantsFor !== undefined) {
      if (typeof s.mutantsFor !== "function") {
        bad("mutantsFor", "must be a function (values) => mutants");
      } else if (!problems.some((p) => p.startsWith(`${where}: field "variants"`))) {
        for (const v of allVariants(s.variants)) {
          let list: unknown;
          try {
            list = s.mutantsFor(v.values);
          } catch (e) {
            bad("mutantsFor", `threw for "${v.id}": ${(e as Error).message}`);
            continue;
          }
          if (!Array.isArray(list)) {
            bad(
              "mutantsFor",
              `must return an array of mutant names (got ${JSON.stringify(list)} for "${v.id}")`,
            );
            continue;
          }
          for (const m of list) {
            if (typeof m !== "string" || !isMutant(m)) {
              bad("mutantsFor", `names an unknown mutant ${JSON.stringify(m)} for "${v.id}"`);
            }
          }
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
