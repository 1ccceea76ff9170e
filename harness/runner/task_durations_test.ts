import assert from "node:assert/strict";
import type { ScenarioResult } from "./events.ts";
import {
  readTaskDurations,
  slowTasksFirst,
  updatedTaskDurations,
  writeTaskDurations,
} from "./task_durations.ts";

const task = (name: string, id = "") => ({ scenario: { name }, variant: { id } });
const label = (t: ReturnType<typeof task>) =>
  t.variant.id ? `${t.scenario.name}[${t.variant.id}]` : t.scenario.name;

Deno.test("slowTasksFirst() starts the tasks of 10× the median first, slowest first; the rest keep their order", () => {
  const tasks = [
    task("a"),
    task("b", "tls1.2"),
    task("slow"),
    task("b", "tls1.3"),
    task("slower"),
    task("new"),
  ];
  // Median 60 (of nine): 600 and more is slow, 599 is not; "new" counts as 60.
  const durations = new Map([
    ["a", 60],
    ["b[tls1.2]", 40],
    ["b[tls1.3]", 599],
    ["slow", 600],
    ["slower", 2500],
    ...["f1", "f2", "f3", "f4"].map((f): [string, number] => [f, 60]),
  ]);
  assert.deepEqual(slowTasksFirst(tasks, durations).map(label), [
    "slower",
    "slow",
    "a",
    "b[tls1.2]",
    "b[tls1.3]",
    "new",
  ]);
  assert.deepEqual(slowTasksFirst(tasks, new Map()), tasks, "no durations: nothing moves");
  assert.deepEqual(
    slowTasksFirst(tasks, new Map([["a", 0]])),
    tasks,
    "all zero: nothing is slow",
  );
});

const result = (
  scenario: string,
  status: ScenarioResult["status"],
  durationMs: number,
  variant?: string,
) => ({ scenario, status, durationMs, ...(variant ? { variant } : {}) }) as ScenarioResult;

Deno.test("updatedTaskDurations() keeps the longest pair of what ran, and what did not run from before", () => {
  const updated = updatedTaskDurations(new Map([["old", 70], ["x[v]", 900]]), [
    result("x", "pass", 120, "v"),
    result("x", "fail", 300, "v"),
    result("x", "unsupported", 0, "w"),
    result("y", "skip", 0),
    result("z", "xfail", 45),
  ]);
  assert.deepEqual(Object.fromEntries(updated), { old: 70, "x[v]": 300, z: 45 });
});

Deno.test("readTaskDurations() round-trips a write; a missing, torn or other-version file is no durations", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/sub/task_durations.json`;
    assert.equal((await readTaskDurations(path)).size, 0, "missing");
    await writeTaskDurations(path, new Map([["b", 2], ["a", 1]]));
    assert.deepEqual(Object.fromEntries(await readTaskDurations(path)), { a: 1, b: 2 });
    assert.deepEqual([...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name), [
      "task_durations.json",
    ], "no temp file left");
    for (
      const body of [
        '{"schema_version":1,"durations_ms":{"a":1',
        '{"schema_version":2,"durations_ms":{"a":1}}',
        "null",
      ]
    ) {
      await Deno.writeTextFile(path, body);
      assert.equal((await readTaskDurations(path)).size, 0, body);
    }
    await Deno.writeTextFile(path, '{"schema_version":1,"durations_ms":{"a":1,"b":"x","c":-1}}');
    assert.deepEqual(Object.fromEntries(await readTaskDurations(path)), { a: 1 }, "bad values");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
