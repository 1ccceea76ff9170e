import assert from "node:assert/strict";
import { toHex } from "./mod.ts";

Deno.test("toHex() writes two lower-case digits per byte", () => {
  assert.equal(toHex(new Uint8Array([0x00, 0x0a, 0xab, 0xff])), "000aabff");
  assert.equal(toHex(new Uint8Array()), "");
});
