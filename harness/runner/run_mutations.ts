import type { OpensslBuild } from "../openssl/mod.ts";
import {
  expandVariants,
  narrowVariants,
  type Scenario,
  type ScenarioVariant,
} from "../scenario/mod.ts";
import { findMutant, mutantBuild, MUTANTS } from "../mutate/mod.ts";
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
  /** True when the scenario failed (or errored) against the mutant, as it should. */
  killed: boolean;
  /** The scenario's status against the mutant. */
  status: Status | "no mutant";
  /** Why it failed, or what it made of the mutant. */
  message?: string;
}

/** Options for {@linkcode runMutations}. */
export interface RunMutationsOptions {
  /** Scenarios to check; each is run against the mutants it declares. */
  scenarios: readonly Scenario[];
  /** The build the mutants are made from. */
  build: OpensslBuild;
  /** Scenarios at once. @default {navigator.hardwareConcurrency} */
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
 * one run per mutant, so scenarios still run in parallel). No expected deviations apply and
 * the sanity gate is off: a mutant exists to break things.
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
    for await (
      const e of runScenarios({
        scenarios,
        builds: [mutantBuild(options.build, findMutant(mutant.name)!)],
        jobs: options.jobs,
        timeoutSeconds: options.timeoutSeconds,
        deviations: [],
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
        killed: r.status === "fail" || r.status === "error",
        status: r.status,
        message: r.message,
      });
    }
  }
  return rows;
}
