/** One part of a run split for a CI matrix: `--shard 2/4` is `{ index: 2, count: 4 }`. */
export interface Shard {
  /** 1-based index of this part. */
  index: number;
  /** How many parts the run is split into. */
  count: number;
}

/** One unit of work a shard can own: a scenario on a client build × server build. */
export interface ShardTask {
  /** Scenario name. */
  scenario: string;
  /** Client build: id and path. */
  client: { id: string; path: string };
  /** Server build: id and path. */
  server: { id: string; path: string };
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

/** The key of a task: the same for a task and for its result. */
export function taskKey(task: ShardTask): string {
  return [task.scenario, task.client.id, task.client.path, task.server.id, task.server.path]
    .join("\0");
}

/** What {@linkcode runTasks} needs to know of a scenario. */
export interface ShardScenario {
  /** Scenario name. */
  name: string;
  /**
   * Whether it runs on pairs of different builds (the runner runs a scenario with a falsy
   * `crossBuild` only on each build against itself). @default {false}
   */
  crossBuild?: boolean;
}

/**
 * Every task of a run in its stable order: scenarios in load order, then client build, then
 * server build — the tasks the runner builds (`pairs: "same"` pairs each build with itself;
 * `"all"` every client × server pair, for scenarios with `crossBuild`).
 *
 * @example
 * ```ts
 * import { runTasks } from "./shard.ts";
 * const b = { id: "system", path: "/usr/bin/openssl" };
 * console.log(runTasks([{ name: "a" }, { name: "b" }], [b], "same").length); // 2
 * ```
 */
export function runTasks<B extends { id: string; path: string }>(
  scenarios: readonly ShardScenario[],
  builds: readonly B[],
  pairs: "same" | "all",
): ShardTask[] {
  const pairList = pairs === "same"
    ? builds.map((b) => [b, b] as const)
    : builds.flatMap((c) => builds.map((s) => [c, s] as const));
  return scenarios.flatMap((scenario) =>
    pairList
      .filter(([c, s]) => scenario.crossBuild || c === s)
      .map(([c, s]) => ({
        scenario: scenario.name,
        client: { id: c.id, path: c.path },
        server: { id: s.id, path: s.path },
      }))
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
