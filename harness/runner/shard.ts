import { NO_VARIANT, type ScenarioVariant } from "../scenario/variants.ts";

/** One part of a run split for a CI matrix: `--shard 2/4` is `{ index: 2, count: 4 }`. */
export interface Shard {
  /** 1-based index of this part. */
  index: number;
  /** How many parts the run is split into. */
  count: number;
}

/**
 * Parse `I/N` (1 ≤ I ≤ N).
 *
 * @throws {RangeError} saying what was expected.
 * @example
 * ```ts
 * import { parseShard } from "./shard.ts";
 * console.log(parseShard("2/4")); // { index: 2, count: 4 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new RangeError(
      `--shard takes I/N with 1 <= I <= N, e.g. "1/4" (got "${text}")`,
    );
  }
  return { index, count };
}

/** What {@linkcode runTasks} needs to know of a scenario. */
export interface TaskScenario {
  /** Scenario name. */
  name: string;
  /**
   * Whether it runs on pairs of different builds (a scenario with a falsy `crossBuild` runs
   * only on each build against itself). @default {false}
   */
  crossBuild?: boolean;
}

/** One unit of work: a scenario's variant on a client build × server build. */
export interface RunTask<S, B> {
  /** The scenario. */
  scenario: S;
  /** Its variant ({@linkcode NO_VARIANT} for a scenario without variants). */
  variant: ScenarioVariant;
  /** The build clients run. */
  client: B;
  /** The build servers run. */
  server: B;
}

/**
 * Every task of a run in its stable order: scenarios in load order, then their variants
 * (`variantsOf`, in declaration order), then client build, then server build (`pairs: "same"`
 * pairs each build with itself; `"all"` every client × server pair, for scenarios with
 * `crossBuild`). The runner runs these; shards deal them out.
 *
 * @example
 * ```ts
 * import { runTasks } from "./shard.ts";
 * const b = { id: "system", path: "/usr/bin/openssl" };
 * console.log(runTasks([{ name: "a" }, { name: "b" }], [b], "same").length); // 2
 * ```
 */
export function runTasks<S extends TaskScenario, B>(
  scenarios: readonly S[],
  builds: readonly B[],
  pairs: "same" | "all",
  variantsOf: (scenario: S) => readonly ScenarioVariant[] = () => [NO_VARIANT],
): RunTask<S, B>[] {
  const pairList = pairs === "same"
    ? builds.map((b) => [b, b] as const)
    : builds.flatMap((c) => builds.map((s) => [c, s] as const));
  return scenarios.flatMap((scenario) =>
    variantsOf(scenario).flatMap((variant) =>
      pairList
        .filter(([c, s]) => scenario.crossBuild || c === s)
        .map(([client, server]) => ({ scenario, variant, client, server }))
    )
  );
}

/**
 * The tasks shard `I/N` owns: every N-th task of the stable order, starting at the I-th.
 * Dealing round-robin (not in blocks) spreads each scenario's pairs, and so its cost, over all
 * shards; the union of all shards is every task, exactly once.
 *
 * @example
 * ```ts
 * import { shardTasks } from "./shard.ts";
 * console.log(shardTasks(["a", "b", "c", "d", "e"], { index: 2, count: 2 })); // ["b", "d"]
 * ```
 */
export function shardTasks<T>(tasks: readonly T[], shard: Shard): T[] {
  return tasks.filter((_, i) => i % shard.count === shard.index - 1);
}
