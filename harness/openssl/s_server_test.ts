import assert from "node:assert/strict";
import { parseMessageTrace } from "../transcript/mod.ts";
import { settledLinesSince } from "./s_server.ts";

const fixture = new URL(
  "../transcript/testdata/3.0.20/bssl-eof.server.stdout.txt",
  import.meta.url,
);

Deno.test("settledLinesSince() waits for CONNECTION CLOSED: a 3.0.20 alert's dump trails its header", async () => {
  const all = (await Deno.readTextFile(fixture)).trimEnd().split("\n");
  const header = all.indexOf(">>> TLS 1.3, Alert [length 0002], fatal decode_error");
  assert.ok(header > 0);
  // What the CI run read: the header line of the alert, its dump not yet.
  const early = all.slice(0, header + 1);
  assert.throws(
    () => parseMessageTrace(early.join("\n"), { side: "server", file: "s_server stdout" }),
    /fatal decode_error" has length 2 but its dump holds 0 byte/,
  );
  const lines = ["ACCEPT 127.0.0.1:4433", ...early];
  const source = { linesSince: (mark: number) => lines.slice(mark) };
  setTimeout(() => lines.push(...all.slice(header + 1)), 50);
  const settled = await settledLinesSince(source, 1, { waitMs: 5000 });
  assert.equal(settled.at(-1), "CONNECTION CLOSED");
  const alert = parseMessageTrace(settled.join("\n"), { side: "server" }).messages.at(-1)!;
  assert.deepEqual([alert.detail, [...alert.bytes]], ["fatal decode_error", [2, 0x32]]);
});

Deno.test("settledLinesSince() returns what there is after waitMs when no end line comes", async () => {
  const t0 = performance.now();
  const lines = await settledLinesSince({ linesSince: () => ["ACCEPT"] }, 0, { waitMs: 60 });
  assert.deepEqual(lines, ["ACCEPT"]);
  assert.ok(performance.now() - t0 >= 60);
});
