import { claimRows } from "../report/mod.ts";
import { selectScenarios } from "../runner/mod.ts";
import {
  BUILTIN_SCENARIOS_DIR,
  fromFile,
  isScenario,
  type LoadResult,
  loadScenarios,
  type Scenario,
  ScenarioValidationError,
  validateScenarios,
} from "../scenario/mod.ts";
import { findMutant } from "../mutate/mod.ts";
import { EMBEDDED_SCENARIOS, type EmbeddedScenarioFile } from "./embedded_scenarios.ts";
import { type CliIo, resolvePath, UsageError } from "./io.ts";

/** The selection flags every scenario command takes (`--filter`, `--tag`, `--claim`). */
export interface SelectionFlags {
  /** `--filter PATTERN`, repeatable. */
  filter?: string[];
  /** `--tag TAG`, repeatable. */
  tag?: string[];
  /** `--claim ID`, repeatable. */
  claim?: string[];
}

/** Options for {@linkcode prepareScenarios}. */
export interface PrepareOptions {
  /**
   * Add the built-in sanity scenario when `paths` name other files, so a run always starts
   * with it. `mutate` turns it off: it mutates only what it was asked to. @default {true}
   */
  addSanity?: boolean;
}

/** What {@linkcode prepareScenarios} found. */
export interface PreparedScenarios {
  /** Validated scenarios the selection picked, in load order. */
  selected: Scenario[];
  /** Files that failed to import or exported no scenario. */
  failures: LoadResult["failures"];
}

/**
 * The one way commands get their scenarios: load them (the files or folders in `paths`, else
 * the bundle's embedded scenarios or `scenarios/`), validate every declaration (claims and
 * mutant names included) before anything runs, then select. Bad input is a
 * {@linkcode UsageError} or a {@linkcode ScenarioValidationError} (both exit code 2).
 */
export async function prepareScenarios(
  io: CliIo,
  paths: readonly string[],
  flags: SelectionFlags,
  options: PrepareOptions = {},
): Promise<PreparedScenarios> {
  let loaded;
  try {
    loaded = EMBEDDED_SCENARIOS && !paths.length
      ? embeddedScenarios(EMBEDDED_SCENARIOS)
      : await loadScenarios(
        paths.length ? paths.map((p) => resolvePath(io, p)) : [BUILTIN_SCENARIOS_DIR],
      );
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(e.message);
    throw e;
  }
  const scenarios: Scenario[] = loaded.scenarios;
  if (paths.length && (options.addSanity ?? true)) {
    const sanity = EMBEDDED_SCENARIOS
      ? embeddedScenarios(EMBEDDED_SCENARIOS.filter((f) => f.file === "scenarios/sanity.ts"))
      : await loadScenarios([`${BUILTIN_SCENARIOS_DIR}sanity.ts`]);
    for (const s of sanity.scenarios) {
      if (!scenarios.some((x) => x.name === s.name)) scenarios.unshift(s);
    }
  }
  const problems = validateScenarios(scenarios, {
    isMutant: (name) => findMutant(name) !== undefined,
  });
  if (problems.length) throw new ScenarioValidationError(problems);
  for (const id of flags.claim ?? []) {
    if (!claimRows([]).some((c) => c.id === id)) {
      throw new UsageError(
        `--claim "${id}" is not a claim ID of the catalogue (see "deno task harness claims --from")`,
      );
    }
  }
  const selection = {
    filters: flags.filter ?? [],
    tags: flags.tag ?? [],
    claims: flags.claim ?? [],
  };
  const asked = [
    ...selection.filters.map((f) => `--filter "${f}"`),
    ...selection.tags.map((t) => `--tag "${t}"`),
    ...selection.claims.map((c) => `--claim "${c}"`),
  ];
  // The sanity scenario is added to every selection: a selection that matched nothing else
  // would otherwise run it alone and exit 0, as if the asked-for checks had passed.
  if (asked.length && !selectScenarios(scenarios, selection, { keepSanity: false }).length) {
    throw new UsageError(
      `${asked.join(" ")} match${asked.length === 1 ? "es" : ""} no scenario ` +
        `(of ${scenarios.length} loaded; "deno task harness list" shows their names, tags and claims)`,
    );
  }
  const selected = selectScenarios(scenarios, selection);
  return { selected, failures: loaded.failures };
}

/** The scenarios compiled into a bundle, checked as the loader checks files. */
function embeddedScenarios(files: readonly EmbeddedScenarioFile[]): LoadResult {
  const result: LoadResult = { scenarios: [], failures: [] };
  for (const { file, module } of files) {
    const exported = module.default;
    const list = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || !list.every(isScenario)) {
      result.failures.push({
        file,
        message: "Scenario file has no scenario as its default export",
      });
    } else result.scenarios.push(...fromFile(list, file));
  }
  return result;
}
