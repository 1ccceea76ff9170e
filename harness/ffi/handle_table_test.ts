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

Deno.test("HandleTable numbers handles per scope and refuses another scope's", () => {
  const t = new HandleTable();
  t.scope = 7;
  const a = t.add("session", p(0x10n));
  t.scope = 8;
  const b = t.add("session", p(0x20n));
  assert.deepEqual([a, b], [1, 1]);
  assert.equal(Deno.UnsafePointer.value(t.get(b, "session").ptr), 0x20n);
  assert.equal(t.byTag(t.peek(b)!.tag)?.scope, 8, "tags are unique in the whole table");
  assert.notEqual(
    t.peek(b)!.tag,
    (() => {
      t.scope = 7;
      return t.peek(a)!.tag;
    })(),
  );
  assert.equal(t.kill(a), true);
  t.scope = 8;
  assert.equal(t.isAlive(b), true, "killing scope 7's handle 1 left scope 8's alone");
  assert.throws(() => t.get(2, "session"), /does not exist in this scope/);
  t.scope = null;
  assert.deepEqual(
    t.live().map((e) => e.scope),
    [8],
    "without a scope: every scope's live handles",
  );
  t.forgetDead(7);
  t.scope = 7;
  assert.equal(t.peek(a), undefined);
});
