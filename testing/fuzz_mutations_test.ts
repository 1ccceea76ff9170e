import assert from "node:assert/strict";
import { createRng, mutateBytes, MUTATIONS } from "./fuzz_mutations.ts";
import { encodeSessionDer } from "../harness/session/mod.ts";
import { fullSession, toHex } from "./session/samples.ts";

Deno.test("createRng() repeats its sequence for a seed and differs between seeds", () => {
  const a = createRng(7), b = createRng(7), c = createRng(8);
  const xs = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(Array.from({ length: 20 }, () => b.next()), xs);
  assert.notDeepEqual(Array.from({ length: 20 }, () => c.next()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const r = createRng(1);
  for (let i = 0; i < 1000; i++) {
    const n = r.int(5);
    assert.ok(Number.isInteger(n) && n >= 0 && n < 5);
  }
  assert.equal(r.int(0), 0);
});

Deno.test("mutateBytes() is deterministic, leaves its input alone and uses every strategy", () => {
  const seed = encodeSessionDer(fullSession());
  const before = toHex(seed);
  const run = (s: number) => {
    const rng = createRng(s);
    return Array.from({ length: 50 }, () => toHex(mutateBytes(seed, rng)));
  };
  assert.deepEqual(run(3), run(3));
  assert.equal(toHex(seed), before);
  for (const kind of MUTATIONS) {
    const rng = createRng(11);
    const changed = Array.from({ length: 30 }, () =>
      toHex(mutateBytes(seed, rng, { only: [kind], rounds: 1 })))
      .filter((h) => h !== before).length;
    assert.ok(changed > 0, `strategy ${kind} never changed the input`);
  }
  assert.equal(mutateBytes(new Uint8Array(0), createRng(1), { only: ["bitFlip"] }).length, 0);
});
