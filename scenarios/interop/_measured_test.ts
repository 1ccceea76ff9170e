import assert from "node:assert/strict";
import { readMeasured, recordMeasured } from "./_measured.ts";

Deno.test("recordMeasured() writes notes that readMeasured() reads back", () => {
  const notes: string[] = [];
  const ctx = { note: (text: string) => void notes.push(text) };
  recordMeasured(ctx, "tickets", 2);
  recordMeasured(ctx, "resumed", true);
  recordMeasured(ctx, "line", "TLSv1.3, TLS_AES_256_GCM_SHA384");
  recordMeasured(ctx, "uses", [true, null]);
  recordMeasured(ctx, "missing", undefined);
  assert.deepEqual(notes[0], "measured tickets=2");
  assert.deepEqual(readMeasured([...notes, "ran: openssl sess_id"]), {
    tickets: 2,
    resumed: true,
    line: "TLSv1.3, TLS_AES_256_GCM_SHA384",
    uses: [true, null],
    missing: null,
  });
});

Deno.test("recordMeasured() refuses a key the table could not read", () => {
  const ctx = { note: () => {} };
  assert.throws(() => recordMeasured(ctx, "two words", 1), RangeError);
  assert.throws(() => recordMeasured(ctx, "a=b", 1), RangeError);
});

Deno.test("readMeasured() keeps the last value of a key and ignores other notes", () => {
  assert.deepEqual(
    readMeasured([
      "measured n=1",
      "deno client: 3 connection(s)",
      "measured n=2",
      "measured x=oops",
    ]),
    { n: 2, x: "oops" },
  );
});
