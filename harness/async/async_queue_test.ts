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
