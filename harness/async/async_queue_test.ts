import assert from "node:assert/strict";
import { AsyncQueue } from "./mod.ts";

Deno.test("AsyncQueue yields pushed items in order, waits when empty and ends on close()", async () => {
  const queue = new AsyncQueue<number>();
  queue.push(1);
  const seen: number[] = [];
  const consumer = (async () => {
    for await (const n of queue) seen.push(n);
  })();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(seen, [1]);
  queue.push(2);
  queue.push(3);
  queue.close();
  await consumer;
  assert.deepEqual(seen, [1, 2, 3]);
});

Deno.test("AsyncQueue.fail() throws its error after the items queued before it", async () => {
  const queue = new AsyncQueue<string>();
  queue.push("a");
  queue.fail(new RangeError("boom"));
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const s of queue) seen.push(s);
  }, RangeError);
  assert.deepEqual(seen, ["a"]);
});

Deno.test("AsyncQueue drains 200 000 queued items in linear time, in order, while more are pushed", async () => {
  const q = new AsyncQueue<number>();
  const n = 200_000;
  for (let i = 0; i < n; i++) q.push(i);
  const started = performance.now();
  let expected = 0;
  for await (const v of q) {
    assert.equal(v, expected++);
    // Pushes while draining land after the ones queued (the compaction keeps them).
    if (v === n / 2) { for (let i = n; i < n + 10; i++) q.push(i); }
    if (expected === n + 10) q.close();
  }
  assert.equal(expected, n + 10);
  // With Array#shift this took 15.6 s on the project's (loaded) machine; linear, 0.2 s.
  const ms = performance.now() - started;
  assert.ok(ms < 3000, `drained in ${Math.round(ms)} ms`);
});
