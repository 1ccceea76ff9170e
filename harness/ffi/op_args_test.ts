import assert from "node:assert/strict";
import { num, optStr, str } from "./op_args.ts";

Deno.test("num() reads finite numbers, falls back when absent, names a bad field", () => {
  assert.equal(num({ port: 443 }, "port"), 443);
  assert.equal(num({}, "timeoutMs", 2000), 2000);
  assert.throws(
    () => num({ port: "443" }, "port"),
    (e) => e instanceof TypeError && e.message === `Field "port" must be a number, got "443"`,
  );
  assert.throws(() => num({ n: Infinity }, "n"), TypeError);
  assert.throws(() => num({}, "port"), /Field "port" must be a number, got undefined/);
});

Deno.test("str() and optStr() read strings and name a bad field", () => {
  assert.equal(str({ data: "hi" }, "data"), "hi");
  assert.equal(optStr({}, "host"), undefined);
  assert.equal(optStr({ host: "127.0.0.1" }, "host"), "127.0.0.1");
  assert.throws(
    () => optStr({ host: 1 }, "host"),
    (e) => e instanceof TypeError && e.message === `Field "host" must be a string, got 1`,
  );
});
