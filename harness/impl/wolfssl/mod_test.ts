import assert from "node:assert/strict";
import { wolfssl } from "./mod.ts";

Deno.test("wolfssl implements the engine's interface: name, versions, fetch, list, resolve", async () => {
  assert.equal(wolfssl.name, "wolfssl");
  assert.deepEqual(wolfssl.resolveSpec("wolfssl:5.5"), ["5.5"]);
  assert.deepEqual([...wolfssl.versions], ["4.6", "5.5", "5.7", "5.9"]);
  const cacheDir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await wolfssl.list({ cacheDir }), []);
    await assert.rejects(
      () => wolfssl.resolve("5.7", { cacheDir }),
      /Unknown build "wolfssl:5\.7": wolfSSL builds here: none; fetch it with "deno task harness builds fetch wolfssl:5\.7"/,
    );
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
