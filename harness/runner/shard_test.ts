import assert from "node:assert/strict";
import { parseShard, type RunTask, runTasks, shardTasks } from "./shard.ts";

type Build = { id: string; path: string };
const taskKey = (t: RunTask<{ name: string }, Build>) =>
  `${t.scenario.name}:${t.client.id}>${t.server.id}`;

const builds = [
  { id: "system", path: "/usr/bin/openssl" },
  { id: "1.1.1w", path: "/c/1.1.1/openssl" },
  { id: "3.5.7", path: "/c/3.5/openssl" },
];

Deno.test("parseShard() reads I/N and refuses anything else, saying what it takes", () => {
  assert.deepEqual(parseShard("1/1"), { index: 1, count: 1 });
  assert.deepEqual(parseShard("3/4"), { index: 3, count: 4 });
  for (const bad of ["0/4", "5/4", "1/0", "x/2", "2", "-1/2", "1.5/2", ""]) {
    assert.throws(
      () => parseShard(bad),
      (e: Error) =>
        e instanceof RangeError && e.message.includes(`(got "${bad}")`) &&
        e.message.includes("I/N"),
    );
  }
});

Deno.test("runTasks() lists scenario × pair in the runner's order", () => {
  const ab = [{ name: "a", crossBuild: true }, { name: "b", crossBuild: true }];
  assert.deepEqual(
    runTasks(ab, builds.slice(0, 2), "same").map(taskKey),
    ["a:system>system", "a:1.1.1w>1.1.1w", "b:system>system", "b:1.1.1w>1.1.1w"],
  );
  assert.equal(runTasks(ab, builds, "all").length, 18);
  // a scenario that does not involve the server build runs once per build
  assert.equal(
    runTasks([{ name: "a", crossBuild: true }, { name: "b" }], builds, "all").length,
    12,
  );
});

Deno.test("shardTasks() deals every task to exactly one shard, the same way every time", () => {
  const tasks = runTasks(
    ["a", "b", "c", "d", "e"].map((name) => ({ name, crossBuild: name !== "c" })),
    builds,
    "all",
  );
  for (const count of [1, 2, 3, 4, 7, 45, 60]) {
    const parts = Array.from(
      { length: count },
      (_, i) => shardTasks(tasks, { index: i + 1, count }),
    );
    const keys = parts.flat().map(taskKey);
    assert.equal(keys.length, tasks.length, `N=${count}: total`);
    assert.equal(new Set(keys).size, tasks.length, `N=${count}: no task twice`);
    // balanced: sizes differ by at most one
    const sizes = parts.map((p) => p.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `N=${count}: ${sizes}`);
    assert.deepEqual(
      shardTasks(tasks, { index: 1, count }).map(taskKey),
      shardTasks([...tasks], { index: 1, count }).map(taskKey),
    );
  }
});

Deno.test("shardTasks() spreads one scenario's pairs over the shards", () => {
  const tasks = runTasks(
    [{ name: "slow", crossBuild: true }, { name: "fast", crossBuild: true }],
    builds,
    "all",
  );
  const first = shardTasks(tasks, { index: 1, count: 2 });
  const second = shardTasks(tasks, { index: 2, count: 2 });
  assert.equal(first.filter((t) => t.scenario.name === "slow").length, 5);
  assert.equal(second.filter((t) => t.scenario.name === "slow").length, 4);
});

Deno.test("runTasks() expands scenario × variant × pair, variants before builds", () => {
  const b = [{ id: "x" }, { id: "y" }];
  const variants = [{ id: "1.2", values: { tls: "1.2" } }, { id: "1.3", values: { tls: "1.3" } }];
  const tasks = runTasks([{ name: "a" }], b, "same", () => variants);
  assert.deepEqual(tasks.map((t) => `${t.scenario.name}[${t.variant.id}]:${t.client.id}`), [
    "a[1.2]:x",
    "a[1.2]:y",
    "a[1.3]:x",
    "a[1.3]:y",
  ]);
  assert.deepEqual(runTasks([{ name: "a" }], b, "same").map((t) => t.variant.id), ["", ""]);
});
