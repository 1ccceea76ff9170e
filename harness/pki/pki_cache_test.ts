import assert from "node:assert/strict";
import { createTestPki } from "./mod.ts";
import { findCachedPki, PKI_CACHE_MAX_AGE_MS, storeCachedPki } from "./pki_cache.ts";
import { run } from "../process/mod.ts";

const launch = { command: "openssl", args: [], env: {} };

Deno.test("createTestPki() with a cache: the second PKI is the first one's files, copied into a private dir", async () => {
  const cache = await Deno.makeTempDir({ prefix: "tls-harness-pki-cache-test-" });
  try {
    await using first = await createTestPki({ cacheDir: cache });
    const entry = await findCachedPki(cache, launch);
    assert.ok(entry, "the first run stored an entry");
    assert.equal((await Deno.stat(entry)).mode! & 0o777, 0o700);
    assert.equal((await Deno.stat(`${entry}/ca.key`)).mode! & 0o777, 0o600);
    await using second = await createTestPki({ cacheDir: cache });
    assert.notEqual(second.dir, first.dir);
    for (const f of ["caCert", "caKey", "cert", "key", "chain"] as const) {
      assert.equal(await Deno.readTextFile(second[f]), await Deno.readTextFile(first[f]), f);
      assert.equal((await Deno.stat(second[f])).mode! & 0o777, 0o600, f);
    }
    // The copied leaf still verifies against the copied CA.
    const v = await run("openssl", { args: ["verify", "-CAfile", second.caCert, second.cert] });
    assert.equal(v.code, 0, v.stderr);
    // Without the cache: a PKI of its own.
    await using fresh = await createTestPki();
    assert.notEqual(await Deno.readTextFile(fresh.key), await Deno.readTextFile(first.key));
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("findCachedPki(): an entry past a day is not reused, another openssl has its own, a newer one wins", async () => {
  const cache = await Deno.makeTempDir({ prefix: "tls-harness-pki-cache-test-" });
  try {
    const src = await Deno.makeTempDir({ dir: cache });
    for (const f of ["ca.pem", "ca.key", "leaf.pem", "leaf.key"]) {
      await Deno.writeTextFile(`${src}/${f}`, f);
    }
    const t = 1_700_000_000_000;
    await storeCachedPki(cache, launch, src, t);
    assert.ok((await findCachedPki(cache, launch, t + 1000))?.endsWith(`-${t}`));
    assert.equal(await findCachedPki(cache, launch, t + PKI_CACHE_MAX_AGE_MS), undefined);
    const other = { command: "/opt/openssl-1.1.1/bin/openssl", args: [], env: {} };
    assert.equal(await findCachedPki(cache, other, t + 1000), undefined);
    await storeCachedPki(cache, launch, src, t + 5000);
    assert.ok((await findCachedPki(cache, launch, t + 6000))?.endsWith(`-${t + 5000}`));
    await storeCachedPki(cache, other, src, t);
    // Storing well past the validity removes the expired entries, this openssl's and others'.
    const later = t + 3 * PKI_CACHE_MAX_AGE_MS;
    await storeCachedPki(cache, launch, src, later);
    const names = [];
    for await (const e of Deno.readDir(`${cache}/test-pki`)) names.push(e.name);
    assert.deepEqual(names.map((n) => n.split("-")[1]), [String(later)]);
    assert.equal(await findCachedPki(`${cache}/nowhere`, launch), undefined);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});
