import assert from "node:assert/strict";
import { namePattern } from "./name_pattern.ts";

Deno.test("namePattern() compiles a pattern once and keeps whole-name and substring apart", () => {
  const whole = namePattern("get_session/*", { whole: true });
  assert.equal(namePattern("get_session/*", { whole: true }), whole, "the same RegExp again");
  assert.ok(whole.test("get_session/x"));
  assert.ok(!whole.test("a/get_session/x"));
  const part = namePattern("get_session/*", { whole: false });
  assert.notEqual(part, whole);
  assert.ok(part.test("a/get_session/x"));
  // Shared and reused: no `g` flag, so no lastIndex carried from one test to the next.
  assert.ok(whole.test("get_session/y") && whole.test("get_session/y"));
  assert.ok(namePattern("a.b[c]", { whole: true }).test("a.b[c]"));
  assert.ok(!namePattern("a.b", { whole: true }).test("axb"));
});
