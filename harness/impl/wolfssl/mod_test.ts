import assert from "node:assert/strict";
import { wolfssl } from "./mod.ts";

Deno.test("wolfssl implements the draft interface's name, resolveSpec, fetch, fetched, probe", () => {
  assert.equal(wolfssl.name, "wolfssl");
  assert.deepEqual(wolfssl.resolveSpec("wolfssl:5.5"), ["5.5"]);
  for (const f of ["fetch", "fetched", "probe"] as const) {
    assert.equal(typeof wolfssl[f], "function");
  }
});
