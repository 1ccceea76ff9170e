import type { Build } from "../impl/mod.ts";
import {
  expandVariants,
  narrowVariants,
  type Scenario,
  type ScenarioVariant,
} from "../scenario/mod.ts";
import { findMutant, mutantBuild, MUTANTS, mutantUnsupported } from "../mutate/mod.ts";
import type { Deviation } from "./deviations.ts";
import type { Status } from "./events.ts";
import { runScenarios } from "./run_scenarios.ts";

/** One scenario variant against one mutant. */
export interface MutationRow {
  /** Scenario name. */
  scenario: string;
  /** The variant's id; absent when the scenario has no variants. */
  variant?: string;
  /** Mutant name; null when the scenario declares none (it then counts as not killed). */
  mutant: string | null;
  /**
   * True when a run against the mutant would fail, as it should: the scenario's status there is
   * `fail`, `error` or `xpass` (see {@linkcode isKill}).
   */
  killed: boolean;
  /**
   * The scenario's status against the mutant, judged as a run judges it (the build's expected
   * deviations apply); `unsupported` when the scenario or the mutant cannot run on the build
   * (the row is then neither a kill nor a survival).
   */
  status: Status | "no mutant";
  /** Why it failed, or what it made of the mutant. */
  message?: string;
  /** The reason of the expected deviation that applied to the result, if one did. */
  deviation?: string;
}

/**
 * Whether a result against a mutant is a kill: the statuses that make a run fail (`fail`,
 * `error`, and `xpass`: the mutant made an expected deviation pass). `pass` and `xfail` (the
 * scenario failed exactly as the build's deviation records, so a run would be green) survive.
 *
 * @example
 * ```ts
 * import { isKill } from "./run_mutations.ts";
 * console.log(isKill("fail"), isKill("xpass"), isKill("xfail"), isKill("pass")); // true true false false
 * ```
 */
export function isKill(status: Status | "no mutant"): boolean {
  return status === "fail" || status === "error" || status === "xpass";
}

/** Options for {@linkcode runMutations}. */
export interface RunMutationsOptions {
  /** Scenarios to check; each is run against the mutants it declares. */
  scenarios: readonly Scenario[];
  /** The build the mutants are made from (any implementation; see `mutantUnsupported()`). */
  build: Build;
  /**
   * The build's expected deviations: a mutant's result is judged as a run judges it (an
   * `xfail` that the mutant turns into a pass is an `xpass`, a kill). @default {[]}
   */
  deviations?: readonly Deviation[];
  /** Scenarios at once. @default {defaultJobs(): twice the cores} */
  jobs?: number;
  /** Deadline per scenario in seconds. @default {60} */
  timeoutSeconds?: number;
  /** Called as each row is known. */
  onRow?: (row: MutationRow) => void;
  /** Aborting stops the run. */
  signal?: AbortSignal;
}

/**
 * The mutants a variant of a scenario is run against: `mutantsFor(values)` when the scenario
 * gives it, else `mutants`.
 */
export function mutantsOf(scenario: Scenario, variant: ScenarioVariant): readonly string[] {
  return scenario.mutantsFor ? scenario.mutantsFor(variant.values) : scenario.mutants;
}

/**
 * Run every variant of every scenario against each mutant it declares (mutants are grouped,
 * one run per mutant, so scenarios still run in parallel). Results are judged as in a run, the
 * build's expected deviations included ({@linkcode isKill}); the sanity gate is off: a mutant
 * exists to break things. A mutant that cannot be made from the build gives an `unsupported`
 * row per variant that declares it, saying why.
 */
export async function runMutations(options: RunMutationsOptions): Promise<MutationRow[]> {
  const rows: MutationRow[] = [];
  const push = (row: MutationRow) => {
    rows.push(row);
    options.onRow?.(row);
  };
  for (const s of options.scenarios) {
    for (const v of expandVariants(s).variants) {
      if (mutantsOf(s, v).length === 0) {
        push({
          scenario: s.name,
          ...(v.id ? { variant: v.id } : {}),
          mutant: null,
          killed: false,
          status: "no mutant",
          message: "declares no mutant",
        });
      }
    }
  }
  for (const mutant of MUTANTS) {
    // Each scenario narrowed to the variants this mutant is declared for.
    const scenarios = options.scenarios.flatMap((s) =>
      narrowVariants(s, (v) => mutantsOf(s, v).includes(mutant.name)) ?? []
    );
    if (scenarios.length === 0) continue;
    const unsupported = mutantUnsupported(options.build, mutant);
    if (unsupported) {
      for (const s of scenarios) {
        for (const v of expandVariants(s).variants) {
          push({
            scenario: s.name,
            ...(v.id ? { variant: v.id } : {}),
            mutant: mutant.name,
            killed: false,
            status: "unsupported",
            message: unsupported,
          });
        }
      }
      continue;
    }
    for await (
      const e of runScenarios({
        scenarios,
        builds: [mutantBuild(options.build, findMutant(mutant.name)!)],
        jobs: options.jobs,
        timeoutSeconds: options.timeoutSeconds,
        deviations: options.deviations ?? [],
        sanityGate: false,
        signal: options.signal,
      })
    ) {
      if (e.type !== "scenario:end") continue;
      const r = e.result;
      push({
        scenario: r.scenario,
        ...(r.variant ? { variant: r.variant } : {}),
        mutant: mutant.name,
        killed: isKill(r.status),
        status: r.status,
        message: r.message,
        ...(r.deviation ? { deviation: r.deviation.reason } : {}),
      });
    }
  }
  return rows;
}
