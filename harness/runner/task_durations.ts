import { variantLabel } from "../scenario/mod.ts";
import type { ScenarioResult } from "./events.ts";

/**
 * How long each scenario variant took in earlier runs, in milliseconds, by its label
 * (`name[variant]`): the longest of its results on any build pair. A run starts its slowest
 * tasks first (see {@linkcode slowTasksFirst}), so a scenario that sleeps (a ticket's expiry:
 * 2.5 s) overlaps the handshakes of the others instead of running alone at the run's end.
 */
export type TaskDurations = ReadonlyMap<string, number>;

/** The file's `schema_version`: a file of another version is ignored, not misread. */
const SCHEMA_VERSION = 1;

/** The file's name in the cache directory. */
export const TASK_DURATIONS_FILE = "task_durations.json";

/**
 * The durations a file holds; none when it is missing or unreadable (a hint, never an error:
 * the run then keeps its stable order).
 *
 * @example
 * ```ts
 * import { readTaskDurations } from "./task_durations.ts";
 * console.log((await readTaskDurations("/nonexistent/task_durations.json")).size); // 0
 * ```
 */
export async function readTaskDurations(path: string): Promise<TaskDurations> {
  try {
    const data = JSON.parse(await Deno.readTextFile(path));
    if (data?.schema_version !== SCHEMA_VERSION || typeof data.durations_ms !== "object") {
      return new Map();
    }
    return new Map(
      Object.entries(data.durations_ms as Record<string, unknown>).filter((
        entry,
      ): entry is [string, number] => typeof entry[1] === "number" && entry[1] >= 0),
    );
  } catch {
    return new Map();
  }
}

/**
 * The earlier durations updated with a run's results: a variant that ran takes its new
 * duration (the longest on any pair), the rest keep theirs, so a run of a few scenarios does
 * not forget the others. Results that did not run (skipped, unsupported) say nothing.
 */
export function updatedTaskDurations(
  earlier: TaskDurations,
  results: readonly ScenarioResult[],
): TaskDurations {
  const measured = new Map<string, number>();
  for (const r of results) {
    if (r.status === "skip" || r.status === "unsupported") continue;
    const label = variantLabel(r.scenario, { id: r.variant ?? "" });
    measured.set(label, Math.max(measured.get(label) ?? 0, r.durationMs));
  }
  return new Map([...earlier, ...measured]);
}

/**
 * Write durations atomically (a temp file renamed over the old one), so two runs sharing a
 * cache directory never leave a torn file: the last one to finish wins.
 */
export async function writeTaskDurations(path: string, durations: TaskDurations): Promise<void> {
  const body = {
    schema_version: SCHEMA_VERSION,
    durations_ms: Object.fromEntries([...durations].sort(([a], [b]) => a < b ? -1 : 1)),
  };
  const dir = path.slice(0, path.lastIndexOf("/")) || ".";
  await Deno.mkdir(dir, { recursive: true });
  const temp = await Deno.makeTempFile({ dir, prefix: ".task_durations-" });
  try {
    await Deno.writeTextFile(temp, JSON.stringify(body, null, 1) + "\n");
    await Deno.rename(temp, path);
  } catch (e) {
    await Deno.remove(temp).catch(() => {});
    throw e;
  }
}

/** How many times the median duration makes a task slow enough to start first. */
export const SLOW_TASK_FACTOR = 10;

/**
 * The tasks with the slow ones first: a task that took at least {@linkcode SLOW_TASK_FACTOR}
 * times the median duration in earlier runs starts first, slowest first; the rest keep the
 * given order, as does everything when there are no durations. A task never measured counts
 * as the median one.
 *
 * Why only the slow ones: a 2-build matrix (798 results, 2 idle cores, 4 jobs) took a median
 * 13.8 s in its stable order, 12.5 s with the slow tasks first (6 runs each, alternating), and
 * more than the stable order with every task sorted longest first (12.9 s against 12.0 s): the
 * stable order keeps a scenario's tasks together, and mixing them all cost 1.5 s more CPU. The
 * slow tasks mostly wait (a ticket's 2.5 s expiry, a cache's timeouts), so started first they
 * overlap the handshakes of the others instead of ending the run alone.
 *
 * @example
 * ```ts
 * import { slowTasksFirst } from "./task_durations.ts";
 * const tasks = ["a", "b", "c", "d"].map((name) => ({ scenario: { name }, variant: { id: "" } }));
 * const order = slowTasksFirst(tasks, new Map([["b", 40], ["c", 50], ["d", 2500]]));
 * console.log(order.map((t) => t.scenario.name)); // ["d", "a", "b", "c"]
 * ```
 */
export function slowTasksFirst<
  T extends { scenario: { name: string }; variant: { id: string } },
>(tasks: readonly T[], durations: TaskDurations): T[] {
  if (durations.size === 0) return [...tasks];
  const known = [...durations.values()].sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)];
  const costed = tasks.map((task) => ({
    task,
    cost: durations.get(variantLabel(task.scenario.name, task.variant)) ?? median,
  }));
  const isSlow = (c: { cost: number }) => c.cost >= SLOW_TASK_FACTOR * median && c.cost > 0;
  return [
    ...costed.filter(isSlow).sort((a, b) => b.cost - a.cost),
    ...costed.filter((c) => !isSlow(c)),
  ].map((c) => c.task);
}
