import assert from "node:assert/strict";
import { sClientArgs, sServerArgs } from "./peer_options.ts";

const target = { port: 4433, caFile: "ca.pem" };
const pki = { cert: "c.pem", key: "k.pem" };

Deno.test("sClientArgs() adds -msg where a connection can resume, unless told otherwise", () => {
  assert.ok(!sClientArgs({}, target).includes("-msg"), "no session offered: no trace");
  assert.ok(sClientArgs({}, { ...target, sessIn: "/s.pem" }).includes("-msg"));
  assert.ok(!sClientArgs({ msg: false }, { ...target, sessIn: "/s.pem" }).includes("-msg"));
  assert.ok(sClientArgs({ msg: true }, target).includes("-msg"));
});

Deno.test("sServerArgs() adds -msg only when asked", () => {
  assert.ok(!sServerArgs({}, pki).includes("-msg"));
  assert.ok(sServerArgs({ msg: true }, pki).includes("-msg"));
});
