import assert from "node:assert/strict";
import { HandleTable } from "./handle_table.ts";

const p = (n: bigint) => Deno.UnsafePointer.create(n)!;

Deno.test("HandleTable.add() numbers handles from 1 and never reuses them", () => {
  const t = new HandleTable();
  const a = t.add("ctx", p(0x10n));
  const b = t.add("ssl", p(0x20n));
  t.kill(a);
  const c = t.add("session", p(0x10n));
  assert.deepEqual([a, b, c], [1, 2, 3]);
});

Deno.test("HandleTable.get() refuses dead, unknown and wrong-kind handles", () => {
  const t = new HandleTable();
  const s = t.add("session", p(0x10n));
  assert.equal(t.get(s, "session").id, s);
  assert.throws(() => t.get(s, "ssl"), /is an SSL_SESSION, not an SSL/);
  assert.throws(() => t.get(99, "ssl"), /does not exist/);
  assert.throws(() => t.get("1", "session"), TypeError);
  assert.equal(t.kill(s), true);
  assert.equal(t.kill(s), false);
  assert.throws(() => t.get(s, "session"), /is dead/);
  assert.deepEqual(t.dead(), [s]);
  assert.deepEqual(t.live(), []);
});
